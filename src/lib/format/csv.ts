// Écriture de CSV par Pilotage : UN seul endroit pour tous les exports (rejets d'import, tableaux…).
// Les fichiers sont faits pour s'ouvrir correctement dans Excel en français : UTF-8 avec BOM
// (sinon Excel lit du Windows-1252), séparateur `;`, fins de ligne CRLF. Chaque cellule est
// neutralisée contre l'injection de formules (OWASP « CSV injection »).

/** Characters that make a spreadsheet read a cell as a formula (or hide its start). */
const DEBUT_DANGEREUX = /^[=+\-@\t\r]/;

/** A plain number (`-3`, `+4,5`, `-1.2E+3`) cannot be a formula: it is left as is. */
const NOMBRE_SIMPLE = /^[+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Neutralises a cell against formula injection: a value starting with `=`, `+`, `-`, `@`, a tab
 * or a carriage return gets a leading apostrophe, which spreadsheets show as text and never
 * evaluate. Plain signed numbers (`-3,5`) stay numbers.
 */
export function neutraliserCellule(valeur: string): string {
	if (!DEBUT_DANGEREUX.test(valeur)) return valeur;
	if (NOMBRE_SIMPLE.test(valeur)) return valeur;
	return `'${valeur}`;
}

export type ValeurCellule = string | number | boolean | null | undefined;

export interface OptionsCsv {
	/** `;` by default (French Excel). */
	separateur?: string;
	/** `\r\n` by default. */
	finDeLigne?: string;
	/** UTF-8 BOM at the start, true by default (Excel needs it to read UTF-8). */
	bom?: boolean;
	/** Decimal separator of numbers, `,` by default (French Excel). */
	decimale?: '.' | ',';
}

function texteCellule(valeur: ValeurCellule, decimale: '.' | ','): string {
	if (valeur === null || valeur === undefined) return '';
	if (typeof valeur === 'number') {
		if (!Number.isFinite(valeur)) return '';
		const t = String(valeur);
		return decimale === ',' ? t.replace('.', ',') : t;
	}
	if (typeof valeur === 'boolean') return valeur ? '1' : '0';
	return valeur;
}

/** One cell: neutralised, then quoted when it holds the separator, a quote or a line break. */
export function celluleCsv(valeur: ValeurCellule, options: OptionsCsv = {}): string {
	const separateur = options.separateur ?? ';';
	const texte = neutraliserCellule(texteCellule(valeur, options.decimale ?? ','));
	if (texte.includes(separateur) || /["\r\n]/.test(texte))
		return `"${texte.replaceAll('"', '""')}"`;
	return texte;
}

export function ligneCsv(cellules: readonly ValeurCellule[], options: OptionsCsv = {}): string {
	return cellules.map((c) => celluleCsv(c, options)).join(options.separateur ?? ';');
}

/**
 * A whole CSV document: header then rows, every cell neutralised. Returns text; wrap it in a
 * `Blob([texte], { type: 'text/csv;charset=utf-8' })` to download it.
 */
export function ecrireCsv(
	entete: readonly string[],
	lignes: Iterable<readonly ValeurCellule[]>,
	options: OptionsCsv = {}
): string {
	const fin = options.finDeLigne ?? '\r\n';
	const morceaux = [ligneCsv(entete, options)];
	for (const ligne of lignes) morceaux.push(ligneCsv(ligne, options));
	return `${options.bom === false ? '' : '\ufeff'}${morceaux.join(fin)}${fin}`;
}

/** MIME type to give the Blob of a CSV written by `ecrireCsv`. */
export const TYPE_CSV = 'text/csv;charset=utf-8';
