// The projet académique as data (the tree and its objective ↔ indicator mapping) and what a page
// shows of it for one territory. Types only.

/** One row of `sql.projetAcademique()`: an objective with one indicator mapped to it, or none. */
export interface LigneProjet {
	objectif_id: string;
	objectif: string;
	ordre_objectif: number | null;
	motif_sans_indicateur: string | null;
	axe_id: string;
	axe: string;
	ordre_axe: number | null;
	ambition_id: string;
	ambition: string;
	ordre_ambition: number | null;
	indicateur: string | null;
	niveau: string | null;
	discipline: string | null;
	competence_id: string | null;
	theme: string | null;
}

/** What informs an objective: `evaluation` (competences), `formation` (training themes)… */
export type GenreIndicateur = 'evaluation' | 'evaluation_college' | 'formation' | 'ips' | 'reseau';

export interface IndicateurProjet {
	indicateur: GenreIndicateur;
	niveau: string | null;
	discipline: string | null;
	competence_id: string | null;
	theme: string | null;
}

export interface ObjectifArbre {
	id: string;
	libelle: string;
	ordre: number;
	/** Why the objective has no indicator, when the projet's file says it. */
	motif: string | null;
	indicateurs: IndicateurProjet[];
}

export interface AxeArbre {
	id: string;
	libelle: string;
	ordre: number;
	objectifs: ObjectifArbre[];
}

export interface AmbitionArbre {
	id: string;
	libelle: string;
	ordre: number;
	axes: AxeArbre[];
}

/** A competence as a page already read it: its status from the established points. */
export interface CompetenceTerritoire {
	niveau: string;
	discipline: string;
	competence_id: string;
	libelle: string;
	/** `point_appui` / `point_vigilance` only when established; a signal is `autre`. */
	statut: 'point_appui' | 'point_vigilance' | 'autre';
	/** For a territory of schools: how many of its schools have each established point. */
	ecoles?: { appuis: number; vigilances: number; diagnostiquees: number };
}

/** Training of the territory on one theme and year (hours summed, teachers reached). */
export interface FormationTerritoire {
	annee_scolaire: string;
	theme: string | null;
	theme_libelle: string | null;
	heures: number;
	participants: number;
	source: string;
	/** The school's éducation prioritaire (`REP+`, `REP`, or none), when read. */
	education_prioritaire?: string | null;
}

/** One line under an indicator: a fact of the territory, with its n, source and year. */
export interface ConstatProjet {
	texte: string;
	/** Set only for an established point (never for a signal). */
	statut?: 'point_appui' | 'point_vigilance';
}

export interface IndicateurVue {
	titre: string;
	/**
	 * Training on the objective's themes: on screen only, so that the printed diagnostic partagé
	 * keeps to four A4 pages (the evaluations' points are what it prints).
	 */
	formation?: boolean;
	constats: ConstatProjet[];
	source: string | null;
}

export interface ObjectifVue {
	id: string;
	libelle: string;
	indicateurs: IndicateurVue[];
	/** Set when nothing informs the objective on this page: why. */
	sansIndicateur: string | null;
}

export interface AxeVue {
	id: string;
	libelle: string;
	objectifs: ObjectifVue[];
}

export interface AmbitionVue {
	id: string;
	libelle: string;
	axes: AxeVue[];
}

/** What a page knows of its territory, for the objectives' indicators. */
export interface TerritoireProjet {
	/** « l'école », « la circonscription », « le réseau », « le collège », « l'académie ». */
	nom: string;
	competences?: {
		lignes: readonly CompetenceTerritoire[];
		annee: string | null;
		source: string;
		/** How the points were established, e.g. « écart à l'attendu selon l'IPS, 3 années ». */
		lecture: string;
	};
	formations?: readonly FormationTerritoire[];
	/** Other indicators the page reads itself (6e results, territories' comparison…). */
	autres?: Partial<Record<GenreIndicateur, IndicateurVue>>;
}

/** What `lireProjetTerritoire` reads for a territory of schools. */
export interface ProjetTerritoireLu {
	arbre: AmbitionArbre[];
	annee: string | null;
	fenetre: string[];
	competences: CompetenceTerritoire[] | null;
	formations: FormationTerritoire[];
	comparaison: import('../academie/types').ComparaisonTerritoires | null;
}
