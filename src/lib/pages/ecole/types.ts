// « Mon école »: rows and results the directeur's page shows. Types only.
import type { ResultatTendance } from '$lib/indicators';
import type { LigneResultat } from '../types';

export interface ClasseResultat extends LigneResultat {
	classe: string;
}

export interface EvolutionCompetence {
	cle: string;
	niveau: string;
	discipline: string;
	competence: string;
	tendance: ResultatTendance;
}

export type ReferenceComparaison = 'academie' | 'circonscription' | 'departement' | 'france';
