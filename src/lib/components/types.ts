/** One competence row of a results table (already masked where n is too small). */
export interface LigneTableau {
	cle: string;
	niveau: string;
	discipline: string;
	competence: string;
	n: number;
	/** null when the share rests on fewer pupils than the masking threshold. */
	part: number | null;
	bas: number | null;
	haut: number | null;
	partBesoin: number | null;
	reference: number | null;
	source: string;
	annee: string;
}
