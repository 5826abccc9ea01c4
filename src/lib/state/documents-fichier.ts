/**
 * What the « documents de pilotage » (a network's plan, a school's projet d'actions, …) share
 * when they travel as CSV files: the file read back with its signature checked (format, version),
 * its cells undone from the writer's formula guard, and the comparison and merge of its items
 * with the ones this browser holds. Pure; each document says its columns, its fields and its
 * words (`./plan-fichier.ts`, `./projet-ecole-fichier.ts`).
 */
import Papa from 'papaparse';

export const RIEN = ' Rien n’a été modifié.';

/** The columns of a CSV's first line, without BOM or quotes. */
export function colonnesEntete(premiereLigne: string): string[] {
	return premiereLigne
		.replace(/^\ufeff/, '')
		.split(/[;,\t]/)
		.map((c) => c.trim().replace(/^"|"$/g, ''));
}

/** Undoes the writer's formula guard: a cell it wrote as `'=…` reads back as `=…`. */
export const celluleBrute = (x: string | undefined) => (x ?? '').replace(/^'(?=[=+\-@\t\r])/, '');

/** A cell undone from the formula guard, without its surrounding spaces. */
export const cellule = (x: string | undefined) => celluleBrute(x).trim();

/** A number the writer wrote with a decimal comma (or a spreadsheet re-saved with a point). */
export function nombre(x: string): number | null {
	if (!x) return null;
	const n = Number(x.replace(/\s/g, '').replace(',', '.'));
	return Number.isFinite(n) ? n : Number.NaN;
}

export const liste = (x: string, separateur: string) =>
	x
		.split(separateur)
		.map((e) => e.trim())
		.filter(Boolean);

/** How a document names itself in the refusals. */
export interface MotsDocument {
	/** « un plan de formation » (Ce fichier n’est pas … exporté par Pilotage). */
	un: string;
	/** « de plan » (Ce fichier … est endommagé). */
	de: string;
	/** « Ce plan » (… a été enregistré par une version plus récente). */
	ce: string;
}

export interface FormeDocument {
	format: string;
	/** A column only this document's files have (with `format`, it tells them apart). */
	reconnue: string;
	version: number;
	colonnes: readonly string[];
	mots: MotsDocument;
}

export type LectureCsv =
	| { ok: true; lignes: Record<string, string>[]; premiere: Record<string, string> }
	| { ok: false; message: string };

export const refus = (message: string) => ({ ok: false as const, message: message + RIEN });

/**
 * Reads a document's CSV and checks its shape: its columns, rows of the right width, its format
 * and a version this Pilotage reads. Every refusal says what is wrong, where, and that nothing
 * changed.
 */
export function lireCsvDocument(texte: string, forme: FormeDocument): LectureCsv {
	const { mots } = forme;
	const pasUn = `Ce fichier n’est pas ${mots.un} exporté par Pilotage.`;
	const sansBom = texte.replace(/^\ufeff/, '');
	// The separator is the header's (Pilotage writes `;`; a spreadsheet may re-save with `,` or
	// tabs): guessing it over the rows would be misled by the commas in lists.
	const entete = sansBom.slice(0, sansBom.search(/\r?\n|$/));
	const delimiter = entete.includes(';') ? ';' : entete.includes('\t') ? '\t' : ',';
	const lu = Papa.parse<Record<string, string>>(sansBom, {
		header: true,
		delimiter,
		skipEmptyLines: 'greedy'
	});
	const colonnes = lu.meta.fields ?? [];
	if (!colonnes.includes('format') || !colonnes.includes(forme.reconnue)) return refus(pasUn);
	// papaparse counts fields per row: a cut or hand-damaged line has too few or too many.
	const erreur = lu.errors[0];
	if (erreur) {
		const ligne = erreur.row === undefined ? '' : ` (ligne ${erreur.row + 2})`;
		return refus(
			`Ce fichier ${mots.de} est endommagé${ligne} : ${
				erreur.code === 'TooFewFields'
					? 'la ligne est incomplète'
					: erreur.code === 'TooManyFields'
						? 'la ligne a trop de cases'
						: 'une case entre guillemets n’est pas fermée'
			}.`
		);
	}
	const premiere = lu.data[0];
	if (!premiere) {
		return refus(`Ce fichier ${mots.de} ne contient aucune ligne : il est incomplet.`);
	}
	if (cellule(premiere.format) !== forme.format) return refus(pasUn);
	const version = Number(cellule(premiere.version_format));
	if (!Number.isInteger(version) || version < 1) {
		return refus(`Ce fichier ${mots.de} est endommagé : sa version de format est illisible.`);
	}
	if (version > forme.version) {
		return refus(
			`${mots.ce} a été enregistré par une version plus récente de Pilotage (format ${version}, ` +
				`celle-ci lit le format ${forme.version}) : mettez Pilotage à jour pour l’importer.`
		);
	}
	const manquantes = forme.colonnes.filter((c) => !colonnes.includes(c));
	if (manquantes.length) {
		return refus(
			`Ce fichier ${mots.de} est endommagé : ${manquantes.length > 1 ? 'les colonnes' : 'la colonne'} ` +
				`${manquantes.map((c) => `« ${c} »`).join(', ')} ${manquantes.length > 1 ? 'manquent' : 'manque'}.`
		);
	}
	return { ok: true, lignes: lu.data, premiere };
}

// ---------------------------------------------------------------------------------------------
// Comparing and merging the items of two versions of a document

/** An item of a document: an action of a plan or of a projet, signed by who wrote it last. */
export interface ElementDocument {
	id: string;
	modifie_le: string;
	modifie_par: string;
}

export type NatureDifference = 'ajoutee' | 'modifiee' | 'retiree';

export interface Difference<T extends ElementDocument> {
	id: string;
	/** Seen from this browser: « ajoutée » is in the file only, « retirée » in this browser only. */
	nature: NatureDifference;
	mienne: T | null;
	autre: T | null;
	/** The fields that differ, in French (modified items only). */
	champs: string[];
}

/** The fields compared, each with its French name. */
export type ChampsCompares<T> = readonly (readonly [keyof T, string])[];

function champsDifferents<T>(a: T, b: T, champs: ChampsCompares<T>): string[] {
	return champs
		.filter(([cle]) => {
			const x = a[cle];
			const y = b[cle];
			if (Array.isArray(x) && Array.isArray(y)) {
				return [...x].sort().join() !== [...y].sort().join();
			}
			return (x ?? null) !== (y ?? null);
		})
		.map(([, libelle]) => libelle);
}

/** The differences item by item, in the file's order then this browser's. */
export function comparerElements<T extends ElementDocument>(
	miens: readonly T[],
	autres: readonly T[],
	champs: ChampsCompares<T>
): Difference<T>[] {
	const parIdMiens = new Map(miens.map((a) => [a.id, a]));
	const idsAutres = new Set(autres.map((a) => a.id));
	const differences: Difference<T>[] = [];
	for (const a of autres) {
		const m = parIdMiens.get(a.id);
		if (!m) differences.push({ id: a.id, nature: 'ajoutee', mienne: null, autre: a, champs: [] });
		else {
			const differents = champsDifferents(m, a, champs);
			if (differents.length) {
				differences.push({ id: a.id, nature: 'modifiee', mienne: m, autre: a, champs: differents });
			}
		}
	}
	for (const m of miens) {
		if (!idsAutres.has(m.id)) {
			differences.push({ id: m.id, nature: 'retiree', mienne: m, autre: null, champs: [] });
		}
	}
	return differences;
}

export type Choix = 'mienne' | 'autre';

/**
 * What a merge proposes before the user decides: take what the file adds, keep what only this
 * browser has (the file cannot tell a removal from an item it never had), and for an item both
 * changed, the version written last.
 */
export function choixParDefaut<T extends ElementDocument>(d: Difference<T>): Choix {
	if (d.nature === 'ajoutee') return 'autre';
	if (d.nature === 'retiree') return 'mienne';
	return (d.autre?.modifie_le ?? '') > (d.mienne?.modifie_le ?? '') ? 'autre' : 'mienne';
}

/**
 * The merged items: this browser's items and their order, with each difference resolved as
 * chosen. An item taken from the file goes after the item of its group (a plan's year) that
 * precedes it in the file, or at the end of its group (groups in their string order).
 */
export function fusionnerElements<T extends ElementDocument>(
	miens: readonly T[],
	autres: readonly T[],
	choix: ReadonlyMap<string, Choix>,
	champs: ChampsCompares<T>,
	groupe: (x: T) => string = () => ''
): T[] {
	const differences = comparerElements(miens, autres, champs);
	const prend = (d: Difference<T>) => (choix.get(d.id) ?? choixParDefaut(d)) === 'autre';
	let elements = miens.map((a) => structuredClone(a));
	for (const d of differences) {
		if (!prend(d)) continue;
		if (d.nature === 'retiree') elements = elements.filter((a) => a.id !== d.id);
		if (d.nature === 'modifiee') {
			elements = elements.map((a) => (a.id === d.id ? structuredClone(d.autre!) : a));
		}
	}
	for (const d of differences) {
		if (d.nature !== 'ajoutee' || !prend(d)) continue;
		const element = structuredClone(d.autre!);
		const g = groupe(element);
		const rang = autres.findIndex((a) => a.id === d.id);
		const precedent = autres
			.slice(0, rang)
			.reverse()
			.find((a) => groupe(a) === g && elements.some((x) => x.id === a.id));
		const apres = precedent ? elements.findIndex((x) => x.id === precedent.id) + 1 : -1;
		if (apres > 0) elements.splice(apres, 0, element);
		else {
			const dernier = elements.findLastIndex((x) => groupe(x) === g);
			const premierSuivant = elements.findIndex((x) => groupe(x) > g);
			elements.splice(
				dernier >= 0 ? dernier + 1 : premierSuivant >= 0 ? premierSuivant : elements.length,
				0,
				element
			);
		}
	}
	return elements;
}

/**
 * The document to store after a comparison — `'autre'`: the file's; a map of choices: the merge;
 * null: none (this browser's stays) — from plain copies (not runes) of both.
 */
export function documentRetenu<D>(
	decision: 'autre' | ReadonlyMap<string, Choix> | null,
	mien: D | null,
	autre: D,
	fusionner: (mien: D, autre: D, choix: ReadonlyMap<string, Choix>, maintenant: string) => D
): D | null {
	if (decision === null) return null;
	if (decision === 'autre' || mien === null) return autre;
	return fusionner(mien, autre, decision, new Date().toISOString());
}
