/**
 * French typography for text: the spaces that must not break. Numbers get theirs from
 * `formatPart`, `formatEffectif`… (index.ts); text written in templates uses these characters
 * directly, and generated text goes through these constants or `typographier`.
 * (A test, typographie.test.ts, scans every Svelte file for a breakable space where one of these
 * belongs.)
 */

/** Narrow no-break space (U+202F): before « ; : ! ? », after « and before ». */
export const FINE = '\u202f';
/** No-break space (U+00A0): before % and units, as fr-FR number formats do. */
export const INSECABLE = '\u00a0';
/** « ; » between items of a list written as a sentence. */
export const POINT_VIRGULE = `${FINE}; `;
/** « : » between a label and its value. */
export const DEUX_POINTS = `${FINE}: `;

/** Quotes a text the French way: « texte », with narrow no-break spaces inside. */
export function guillemets(texte: string): string {
	return `«${FINE}${texte}${FINE}»`;
}

/**
 * Gives a French text its no-break spaces: a space (or none, for « ») before ; : ! ? and inside
 * « » becomes a narrow no-break space, a space before % a no-break space. It only replaces spaces
 * that are there (« 12:30 » and « https:// » stay as they are).
 */
export function typographier(texte: string): string {
	return texte
		.replace(/[ \u00a0\u202f]+([;:!?])/g, `${FINE}$1`)
		.replace(/«[ \u00a0\u202f]*/g, `«${FINE}`)
		.replace(/[ \u00a0\u202f]*»/g, `${FINE}»`)
		.replace(/[ \u202f]+%/g, `${INSECABLE}%`);
}

/**
 * The slips `typographier` fixes, for the test that keeps the templates right: a breakable space
 * (or a line break) before ; : ! ? %, or right inside « », and the missing elision « ne est ».
 */
export const FAUTE_TYPOGRAPHIQUE = /[ \t\r\n][;:!?%]|«[ \t\r\n]|[ \t\r\n]»|\bne est\b/;
