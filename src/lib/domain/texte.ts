// Plier un texte français pour comparer (recherche, en-têtes, libellés) et trier dans l'ordre
// du français : une seule règle pour toute l'application.

/**
 * The text without case, accents or ligatures (œ → oe, æ → ae, ß → ss), every run of characters
 * that are neither letters nor digits (of any script: a search in Greek or Arabic must find its
 * words) replaced by `separateur`.
 */
export function plierTexte(texte: string, separateur: string): string {
	return texte
		.normalize('NFD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/œ/g, 'oe')
		.replace(/æ/g, 'ae')
		.replace(/ß/g, 'ss')
		.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
		.replace(/[^\p{L}\p{N}]+/gu, separateur);
}

/** Search key: folded words separated by one space. */
export const normaliserTexte = (texte: string): string => plierTexte(texte, ' ');

const COLLATEUR = new Intl.Collator('fr', { numeric: true });

/** French order: « École 2 » before « École 10 », « Élise » beside « Elise ». */
export const comparerFr = (a: string, b: string): number => COLLATEUR.compare(a, b);
