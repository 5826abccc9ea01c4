/**
 * Types shared by the statistics library. Everything here is plain data: the engine (DuckDB)
 * aggregates, this library only computes on already-aggregated rows.
 */

export { SEUIL_MASQUAGE } from '$lib/domain/seuils';

/** What the UI must print instead of a masked share: never 0, never blank. */
export const LIBELLE_MASQUE = 'effectif insuffisant';

/** Confidence level used everywhere unless the user chooses another one. */
export const CONFIANCE_DEFAUT = 0.95;

/** One school × niveau × competence × year, as in `evaluations-ecoles.csv` plus the school's IPS. */
export interface LigneEvaluation {
	uai: string;
	annee_scolaire: string;
	niveau: string;
	discipline: string;
	competence_id: string;
	n_eleves: number;
	n_besoin: number;
	n_fragile: number;
	n_satisfaisant: number;
	/** IPS of the school for that year; null for maternelles, `NS` or unknown. */
	ips: number | null;
	/** Where the figures come from, shown beside them. */
	source?: string;
}

/** The share being analysed: main indicator (satisfaisant) or the vigilance one (à besoins). */
export type Indicateur = 'satisfaisant' | 'besoin';

/** A two-sided interval at level `confiance`, in the same unit as the estimate (share 0–1). */
export interface Intervalle {
	bas: number;
	haut: number;
	confiance: number;
}

/** Counts of one group of pupils: k of them in the group out of n evaluated. */
export interface Comptes {
	k: number;
	n: number;
}

/**
 * A share as it may be displayed. When masked, neither the share nor k is carried, so that
 * no caller can print it by mistake.
 */
export type PartAffichable =
	| {
			masque: false;
			n: number;
			k: number;
			part: number;
			intervalle: Intervalle;
	  }
	| {
			masque: true;
			n: number;
			libelle: typeof LIBELLE_MASQUE;
	  };

/** Metadata every displayed result carries (n, year and source beside a figure). */
export interface Provenance {
	n: number;
	/** Year of the figure; for pooled figures, the most recent pooled year. */
	annee_scolaire: string;
	source: string;
	/** Present only when several years were added up (small schools). */
	pooled_years?: string[];
}

export const SOURCE_DEFAUT = 'Évaluations nationales';

export function compteIndicateur(ligne: LigneEvaluation, indicateur: Indicateur): number {
	return indicateur === 'satisfaisant' ? ligne.n_satisfaisant : ligne.n_besoin;
}
