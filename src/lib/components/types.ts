import type { StatutPoint } from '$lib/indicators';

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
	/**
	 * Set when the school is compared with what its IPS leads to expect: its diagnosis (the
	 * académie's pooled family), whose status is the same as on every other page.
	 */
	attendu?: {
		part: number | null;
		ecart: number | null;
		bas: number | null;
		haut: number | null;
		statut: StatutPoint;
		explication: string;
		/** Years pooled, e.g. « 2022-2023 à 2024-2025 », and the pupils the gap rests on. */
		regroupement: string | null;
		n: number;
	};
}
