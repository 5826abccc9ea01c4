// Le compte rendu d'un import : ce qui a été lu, accepté, refusé (ligne, colonne, valeur, motif,
// suggestion), remplacé, et les lignes refusées en CSV à ouvrir dans Excel.

import { ecrireCsv } from '$lib/exports/csv';
import type { Candidat, SuggestionColonne } from './correspondance';
import type { IdGenre } from './genres';
import type { Encodage } from './octets';

export type StatutImport =
	/** Rows were loaded (some may have been refused). */
	| 'importe'
	/** A known kind that Pilotage does not use: rows were checked, nothing was loaded. */
	| 'verifie'
	/** No kind matches the header: see `candidats` and `suggestions`, then give a mapping. */
	| 'inconnu'
	/** Several kinds match equally: see `candidats`, then choose with `options.genre`. */
	| 'ambigu'
	/** Something must be given before importing (`manque`): the school year of an export. */
	| 'a_preciser'
	/**
	 * Not a text file (PDF, xlsx…), or text Pilotage cannot read as a table: a first line over
	 * 2 MB, a column it reads repeated under one name. Nothing was loaded.
	 */
	| 'illisible'
	/** No data line. */
	| 'vide'
	/** The engine failed: nothing was changed. */
	| 'echec';

export interface Probleme {
	readonly colonne: string;
	readonly valeur: string | null;
	readonly motif: string;
	readonly suggestion: string | null;
}

export interface LigneRefusee {
	/** Line in the file as a spreadsheet shows it (header lines counted), null if unknown. */
	readonly ligne: number | null;
	readonly problemes: readonly Probleme[];
	/** The row's original cells (in the file's column order). */
	readonly cellules: readonly (string | null)[];
}

export interface Avertissement {
	readonly message: string;
	/** Some of the lines concerned (the first ones). */
	readonly lignes: readonly number[];
	/** How many lines (or values) are concerned in all. */
	readonly nombre: number;
}

export interface BilanTable {
	readonly table: string;
	/** Rows the file gave this table. */
	readonly lignes: number;
	/** Keys not loaded before. */
	readonly nouvelles: number;
	/** Rows loaded before with the same key and other values, now replaced. */
	readonly remplacees: number;
	/** Rows loaded before with the same key and the same values. */
	readonly identiques: number;
}

export interface LectureFichier {
	readonly encodage: Encodage | null;
	readonly bom: boolean;
	readonly separateur: string | null;
	/** Physical lines before the first data line. */
	readonly lignesEntete: number;
	readonly nbColonnes: number;
}

export interface RapportImport {
	readonly fichier: string;
	readonly statut: StatutImport;
	readonly genre: IdGenre | null;
	readonly libelleGenre: string | null;
	/** One or two sentences for the user. */
	readonly message: string;
	readonly manque?: 'annee';
	readonly lecture: LectureFichier;
	readonly entete: readonly string[];
	/** `signatureEntete(entete)`: the key under which the UI stores a mapping. */
	readonly signature: string | null;
	/** Data lines read (empty lines and lines outside the kind's scope included). */
	readonly lues: number;
	/** Rows that passed every check and were loaded (or, for `verifie`, would have been). */
	readonly acceptees: number;
	/** Lines refused: rules, duplicates, unreadable lines. */
	readonly rejetees: number;
	/** Lines deliberately left out (empty, totals, outside the kind's scope), with why. */
	readonly ignorees: number;
	readonly motifIgnorees: string | null;
	/** Of the main table: rows replaced by different values, new keys, identical rows. */
	readonly remplacees: number;
	readonly nouvelles: number;
	readonly identiques: number;
	readonly tables: readonly BilanTable[];
	/**
	 * For files stored aggregated (pupil rows → class results): what `lues`, `acceptees`,
	 * `rejetees` count (file rows, « ligne élève ») and what `nouvelles`, `remplacees`,
	 * `identiques` and the tables' `lignes` count (« résultat de classe »), singular and plural.
	 */
	readonly agregat?: {
		readonly lignes: readonly [string, string];
		readonly resultats: readonly [string, string];
	};
	/** Refused lines, in file order (at most `options.maxRejets`). */
	readonly rejets: readonly LigneRefusee[];
	readonly rejetsTronques: boolean;
	readonly avertissements: readonly Avertissement[];
	/** For `inconnu` / `ambigu`: the kinds the file may be. */
	readonly candidats: readonly Candidat[];
	/** For `inconnu`: « Vouliez-vous dire … ? » per column. */
	readonly suggestions: readonly SuggestionColonne[];
	/** Columns of the file no field uses. */
	readonly colonnesIgnorees: readonly string[];
	readonly dureeMs: number;
}

export const COLONNES_REJET = ['ligne', 'colonne', 'valeur', 'motif', 'suggestion'] as const;

/**
 * The refused lines as a CSV that opens correctly in Excel (UTF-8 BOM, `;`, CRLF, cells
 * neutralised against formulas): the file's columns, then `ligne;colonne;valeur;motif;suggestion`
 * (several problems of a line joined by ` | `). Fix the cells and re-import the file: the five
 * added columns are ignored.
 */
export function csvRejets(rapport: Pick<RapportImport, 'entete' | 'rejets'>): string {
	const largeur = Math.max(rapport.entete.length, ...rapport.rejets.map((r) => r.cellules.length));
	const entete = Array.from({ length: largeur }, (_, i) => rapport.entete[i] ?? `colonne_${i + 1}`);
	const joindre = (valeurs: readonly (string | null)[]) =>
		valeurs.every((v) => v === null || v === '') ? '' : valeurs.map((v) => v ?? '').join(' | ');
	return ecrireCsv(
		[...entete, ...COLONNES_REJET],
		rapport.rejets.map((r) => [
			...Array.from({ length: largeur }, (_, i) => r.cellules[i] ?? ''),
			r.ligne,
			joindre(r.problemes.map((p) => p.colonne)),
			joindre(r.problemes.map((p) => p.valeur)),
			joindre(r.problemes.map((p) => p.motif)),
			joindre(r.problemes.map((p) => p.suggestion))
		])
	);
}

const fr = new Intl.NumberFormat('fr-FR');
const pluriel = (n: number, mot: string, motPluriel = `${mot}s`) =>
	`${fr.format(n)} ${n > 1 ? motPluriel : mot}`;

/** The summary sentence of an import that went through (statut importe or verifie). */
export function resumer(r: {
	statut: StatutImport;
	libelleGenre: string | null;
	acceptees: number;
	rejetees: number;
	ignorees: number;
	remplacees: number;
	identiques: number;
	nonUtilise?: string;
	nouvelles?: number;
	tables?: readonly BilanTable[];
	agregat?: RapportImport['agregat'];
}): string {
	const parties: string[] = [];
	if (r.statut === 'importe' && r.agregat) return resumerAgregat({ ...r, agregat: r.agregat });
	if (r.statut === 'verifie') {
		parties.push(`Fichier reconnu : ${r.libelleGenre}. ${r.nonUtilise ?? ''}`.trim());
		parties.push(
			`${pluriel(r.acceptees, 'ligne valide', 'lignes valides')}, ${pluriel(r.rejetees, 'ligne en erreur', 'lignes en erreur')}.`
		);
		return parties.join(' ');
	}
	parties.push(`${r.libelleGenre} : ${pluriel(r.acceptees, 'ligne importée', 'lignes importées')}`);
	const details: string[] = [];
	if (r.remplacees)
		details.push(
			`${pluriel(r.remplacees, 'ligne remplacée', 'lignes remplacées')} par une version plus récente`
		);
	if (r.identiques)
		details.push(
			`${pluriel(r.identiques, 'ligne déjà présente', 'lignes déjà présentes')} à l’identique`
		);
	if (r.rejetees) details.push(`${pluriel(r.rejetees, 'ligne refusée', 'lignes refusées')}`);
	if (r.ignorees) details.push(`${pluriel(r.ignorees, 'ligne ignorée', 'lignes ignorées')}`);
	return `${parties[0]}${details.length ? ` (${details.join(', ')})` : ''}.`;
}

/**
 * The summary of an aggregated import: file rows (feminine nouns: « ligne élève ») imported,
 * refused, ignored; then the stored results (masculine: « résultat de classe »), new, replaced,
 * identical.
 */
function resumerAgregat(r: {
	libelleGenre: string | null;
	acceptees: number;
	rejetees: number;
	ignorees: number;
	remplacees: number;
	identiques: number;
	nouvelles?: number;
	tables?: readonly BilanTable[];
	agregat: NonNullable<RapportImport['agregat']>;
}): string {
	const [ligne, lignes] = r.agregat.lignes;
	const [resultat, resultats] = r.agregat.resultats;
	const n = (x: number, un: string, plusieurs: string, accord: string) =>
		`${fr.format(x)} ${x > 1 ? `${plusieurs} ${accord}s` : `${un} ${accord}`}`;
	const stockes = r.tables?.[0]?.lignes ?? 0;
	const fichier = [n(r.acceptees, ligne, lignes, 'importée')];
	if (r.rejetees) fichier.push(n(r.rejetees, ligne, lignes, 'refusée'));
	if (r.ignorees) fichier.push(n(r.ignorees, ligne, lignes, 'ignorée'));
	const details: string[] = [];
	const nouvelles = r.nouvelles ?? 0;
	if (nouvelles) details.push(`${fr.format(nouvelles)} nouveau${nouvelles > 1 ? 'x' : ''}`);
	if (r.remplacees)
		details.push(
			`${fr.format(r.remplacees)} remplacé${r.remplacees > 1 ? 's' : ''} par une version plus récente`
		);
	if (r.identiques)
		details.push(
			`${fr.format(r.identiques)} déjà présent${r.identiques > 1 ? 's' : ''} à l’identique`
		);
	const total = `${fr.format(stockes)} ${stockes > 1 ? resultats : resultat}`;
	return `${r.libelleGenre} : ${fichier.join(', ')}, soit ${total}${details.length ? ` (${details.join(', ')})` : ''}.`;
}
