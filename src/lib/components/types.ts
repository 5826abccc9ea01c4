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
	/** Set when the school is compared with what its IPS leads to expect. */
	attendu?: {
		part: number | null;
		ecart: number | null;
		bas: number | null;
		haut: number | null;
		classement: 'point_appui' | 'point_vigilance' | 'conforme' | 'non_classe';
		explication: string;
		/** Years pooled for a small school, e.g. « 2022-2023 à 2024-2025 ». */
		regroupement: string | null;
	};
}
