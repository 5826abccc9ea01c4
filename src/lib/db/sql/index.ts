export * from './accueil';
export * from './ecoles';
export * from './evaluations';
export { identifiant, litteral, requete } from './echappement';
