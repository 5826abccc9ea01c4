import Papa from 'papaparse';

// Every CSV Pilotage writes is made to open correctly in Excel in French: UTF-8 with a BOM
// (without it Excel reads Windows-1252), `;` as separator, CRLF line ends, decimal commas. Cells
// are written by papaparse's `unparse`; none is ever read as a formula.

/**
 * A cell a spreadsheet would read as a formula (or whose start it would hide): it starts with
 * `=`, `+`, `-`, `@`, a tab or a carriage return, and is not a plain signed number (`-3,5` stays
 * a number). papaparse's own default (`/^[=+\-@\t\r].*$/`) misses a cell that also holds a line
 * break (`.` stops at it), and it would turn every negative gap into text.
 */
const FORMULE = /^(?![+-]?\d+(?:[.,]\d+)?(?:[eE][+-]?\d+)?$)[=+\-@\t\r]/;

export type ValeurCellule = string | number | boolean | null | undefined;

/** A number with a decimal comma, a boolean as 1/0, nothing (null, NaN) as an empty cell. */
function texteCellule(valeur: ValeurCellule): string {
	if (valeur === null || valeur === undefined) return '';
	if (typeof valeur === 'number')
		return Number.isFinite(valeur) ? String(valeur).replace('.', ',') : '';
	if (typeof valeur === 'boolean') return valeur ? '1' : '0';
	return valeur;
}

/**
 * A whole CSV document: header then rows, each ended by CRLF. papaparse quotes a cell holding
 * the separator, a quote, a line break or an edge space, and writes a would-be formula as text:
 * a leading apostrophe, inside quotes (`"'=1+1"`), as OWASP's « CSV injection » advice says.
 */
export function ecrireCsv(
	entete: readonly string[],
	lignes: Iterable<readonly ValeurCellule[]>
): string {
	const donnees = Array.from(lignes, (ligne) => ligne.map(texteCellule));
	const options = { delimiter: ';', newline: '\r\n', escapeFormulae: FORMULE };
	// Without rows, `unparse` would write one empty row under the header: the header alone is a row.
	const texte = donnees.length
		? Papa.unparse({ fields: [...entete], data: donnees }, options)
		: Papa.unparse([[...entete]], options);
	return `\ufeff${texte}\r\n`;
}

/** MIME type to give the Blob of a CSV written by `ecrireCsv`. */
export const TYPE_CSV = 'text/csv;charset=utf-8';

/**
 * The one rule for a figure that may not be shown (too few pupils, or hidden so that a small
 * school cannot be recovered by difference): its cell is empty, never 0 and never a sentence in
 * a column of numbers, and the row says why in a column of its own with one of these codes.
 */
export const RAISON_MASQUE = {
	effectif: 'effectif_insuffisant',
	protection: 'secret_statistique'
} as const;

/** A share in [0, 1] as a percentage rounded to `decimales` places, or null. */
export function pourcentage(x: number | null | undefined, decimales: number): number | null {
	if (x === null || x === undefined || !Number.isFinite(x)) return null;
	// x × 10 000 / 100, not x × 100 × 100 / 100: the product is rounded once, as the exports always did.
	const f = 10 ** decimales;
	return Math.round(x * (100 * f)) / f;
}
