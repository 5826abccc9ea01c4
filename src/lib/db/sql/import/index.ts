// SQL de l'import : les règles de contrôle d'un genre de fichier (des données, décrites dans
// src/lib/import/genres/) sont compilées ici en expressions SQL que DuckDB évalue sur tout le
// fichier, sans que les lignes passent par JavaScript. Les identifiants passent par
// `identifiant()`, les valeurs par `litteral()` : un en-tête ou une cellule du fichier n'est
// jamais du SQL.
//
// Un module par sujet, dans l'ordre où un fichier les traverse :
//   plan         les règles comme données, les tables temporaires d'un import
//   champs       un champ compilé : forme habituelle, cellule normalisée, valeur, motif, suggestion
//   regles       contrôles entre champs, dérivations, filtres
//   lecture      read_csv et les niveaux de contrôle d'une ligne
//   verification la passe sur toutes les lignes (ou préparée pour un petit fichier), comptes,
//                doublons, valeurs inconnues
//   rejets       les problèmes des lignes refusées ou averties, pour le rapport
//   fusion       les lignes retenues vers leurs tables
//   agregat      les fichiers élèves, comptés par classe pendant la lecture
//   confiance    les fichiers de confiance (l'académie de démonstration)
// Ce qui n'est exporté qu'ici sert au reste de l'application ; le reste est interne au dossier.

export {
	JETONS_MANQUANTS,
	supprimerTemporaires,
	tablesTemporaires,
	type Agregat,
	type ChampPlan,
	type Cible,
	type Controle,
	type Filtre,
	type Gravite,
	type LectureCsv,
	type NomDerivation,
	type NomFiltre,
	type PlanImport,
	type RegleChamp,
	type SourceColonne,
	type TypeChamp
} from './plan';
export { cleEnum, motifChamp, motifControle, valeurChamp } from './champs';
export { champDuControle } from './regles';
export { lireCsv, type Lecture } from './lecture';
export {
	compterDoublons,
	compterVerification,
	creerDoublons,
	creerVerification,
	valeursInconnues,
	verificationPreparee,
	type VerificationPreparee
} from './verification';
export { creerRejets, lireErreursCsv, lireRejets, resumerAvertissements } from './rejets';
export {
	bilanCible,
	compterCible,
	conserverColonnesNonFournies,
	creerStaging,
	remplacerDepuis,
	viderTable
} from './fusion';
export {
	bilanAgregat,
	comparerAgregat,
	compterAgregat,
	creerAgregat,
	creerAgregatBrut,
	creerAgregatDepuisBrut,
	creerDoublonsAgregat,
	creerRejetsAgregat,
	fusionnerAgregat,
	lireRejetsAgregat,
	valeursInconnuesAgregat,
	verifierAgregatBrut,
	type Passe
} from './agregat';
export { creerAgregatConfiance, lignesConfiance } from './confiance';
