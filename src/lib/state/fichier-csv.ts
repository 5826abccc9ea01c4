/**
 * What the readers of Pilotage's own files share (a network plan's, an accompaniment's): the
 * header's columns, the parse with the header's separator, and the first damage in French.
 */
import Papa from 'papaparse';

export { colonnesEntete } from './documents-fichier';

/**
 * Parses a file Pilotage wrote (`;`) or a spreadsheet re-saved (`,` or tabs). The separator is
 * the header's: guessing it over the rows would be misled by the commas in free text.
 */
export function lireCsvExporte(texte: string): Papa.ParseResult<Record<string, string>> {
	const sansBom = texte.replace(/^\ufeff/, '');
	const entete = sansBom.slice(0, sansBom.search(/\r?\n|$/));
	const delimiter = entete.includes(';') ? ';' : entete.includes('\t') ? '\t' : ',';
	return Papa.parse<Record<string, string>>(sansBom, {
		header: true,
		delimiter,
		skipEmptyLines: 'greedy'
	});
}

/**
 * papaparse counts fields per row: a cut or hand-damaged line has too few or too many. Says where
 * and what, e.g. « (ligne 4) : la ligne est incomplète ».
 */
export function motifErreurCsv(erreur: Papa.ParseError): string {
	const ligne = erreur.row === undefined ? '' : ` (ligne ${erreur.row + 2})`;
	return `${ligne} : ${
		erreur.code === 'TooFewFields'
			? 'la ligne est incomplète'
			: erreur.code === 'TooManyFields'
				? 'la ligne a trop de cases'
				: 'une case entre guillemets n’est pas fermée'
	}`;
}

/** Undoes the writer's formula guard: a cell it wrote as `'=…` reads back as `=…`. */
export const celluleBrute = (x: string | undefined) => (x ?? '').replace(/^'(?=[=+\-@\t\r])/, '');
