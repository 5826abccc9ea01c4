// « Mon école »: rows and results the directeur's page shows. Types only.
import type { Evolution, ResultatEcart } from '$lib/indicators';
import type { LigneResultat } from '../types';

export interface ClasseResultat extends LigneResultat {
	classe: string;
}

export interface EvolutionCompetence {
	cle: string;
	niveau: string;
	discipline: string;
	competence: string;
	/** Each year of the window on its own pupils (no pooling), oldest first. */
	annees: ResultatEcart[];
	/** Gap of the last year read against the first's (null with fewer than two years read). */
	evolution: Evolution | null;
}

export type ReferenceComparaison = 'academie' | 'circonscription' | 'departement' | 'france';
