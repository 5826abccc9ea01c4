// Import des fichiers de l'utilisateur : surface publique. Voir IMPORT.md.

export { importer, type FichierImport, type OptionsImport } from './importer';
export {
	csvRejets,
	resumer,
	COLONNES_REJET,
	type Avertissement,
	type BilanTable,
	type LigneRefusee,
	type Probleme,
	type RapportImport,
	type StatutImport
} from './rapport';
export {
	candidats,
	normaliserEntete,
	reconnaitre,
	signatureEntete,
	similarite,
	suggestionsColonnes,
	vouliezVousDire,
	type Candidat,
	type Correspondance,
	type SuggestionColonne,
	type SuggestionChamp
} from './correspondance';
export { GENRES, genreParId, type Genre, type IdGenre } from './genres';
export { examinerOctets, sourceDepuisBlob, sourceDepuisOctets, type Encodage } from './octets';
