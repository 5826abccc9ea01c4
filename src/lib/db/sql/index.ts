export * from './accueil';
export * from './ecoles';
export * from './evaluations';
export { identifiant, litteral, requete } from './echappement';
export * from './circonscription';
export * from './reseau';
export * from './ecole';
export * from './agregats';
export * from './carte';
