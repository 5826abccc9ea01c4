import precalcules from './chiffres-demo.json';

/** The académie in figures, as `sql.chiffresAcademie()` returns them (one row). */
export interface ChiffresAcademie {
	ecoles: number;
	circonscriptions: number;
	reseaux: number;
	reseaux_ep: number;
	reseaux_ter: number;
	derniere_annee: string | null;
	nb_annees: number;
	eleves_evalues: number;
}

/** Where the home page's figures come from while they are on screen. */
export type OrigineChiffres =
	/** computed by the engine of this page, on the data it holds now */
	| 'moteur'
	/** the demo académie's, computed from data/ by `npm run demo-data` with the same SQL */
	| 'demo'
	/** computed by the engine at an earlier visit, on exactly the same imported files */
	| 'retenus';

/**
 * The demo académie's home figures, precomputed so that they are on screen before the engine has
 * started (≈ 2 s). `chiffres-demo.test.ts` checks they equal what the engine computes from data/.
 */
export const CHIFFRES_DEMO: ChiffresAcademie = precalcules.chiffres;
