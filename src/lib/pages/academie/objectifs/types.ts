// The objectives of the projet académique on the académie's page: what is read, what the analysis
// gives. Types only.
import type {
	CatalogueModeles,
	Intervalle,
	PartAffichable,
	PointTeste,
	ResultatFamille
} from '$lib/indicators';
import type { FamillesPoints } from '../../commun/analyse';
import type { FormationParTheme } from '../../projet/analyse';
import type { AmbitionArbre, GenreIndicateur } from '../../projet/types';
import type { ComparaisonTerritoires } from '../types';

/** One row of `sql.evaluationsObjectifs()`: the académie's pupils on one competence and year. */
export interface LigneObjectifs {
	annee_scolaire: string;
	niveau: string;
	discipline: string;
	competence_id: string;
	competence_libelle: string;
	ordre: number;
	nb_ecoles: number;
	n_eleves: number;
	n_satisfaisant: number;
	/** Pupils of schools whose IPS of that year is known. */
	n_avec_ips: number;
	/** Their mean IPS (each school's weighed by its pupils); null when no IPS is imported. */
	ips_moyen: number | null;
	/** Published share of France, in percent (DEPP); null when not imported. */
	part_france: number | null;
	source: string | null;
	source_france: string | null;
}

/** One row of `sql.formationsObjectifs()`. */
export interface LigneFormationObjectifs {
	annee_scolaire: string;
	/** Null on the rows over every theme (`tous_themes`). */
	theme: string | null;
	tous_themes: boolean;
	/** The schools' éducation prioritaire: `REP+`, `REP`, or null (hors EP or unknown). */
	education_prioritaire: string | null;
	theme_libelle: string | null;
	heures: number;
	/** Teachers present, each counted once in the row. */
	participants: number;
	source: string | null;
}

/** What `lireObjectifsAcademie` reads: every decision the block counts is a page's own. */
export interface ObjectifsLus {
	arbre: AmbitionArbre[];
	lignes: LigneObjectifs[];
	/** The académie's models selon l'IPS, every year evaluated (their IPS slope is used). */
	modeles: CatalogueModeles;
	/** Schools' points (the schools' pages). */
	familles: FamillesPoints | null;
	/** Territories compared at equal IPS (the circonscriptions' cells: the circonscription page). */
	comparaison: ComparaisonTerritoires | null;
	/** Networks' own figures (the network pages). */
	reseaux: ResultatFamille | null;
	/** The académie's training, per year and theme (`sql.formationsObjectifs`). */
	formations: LigneFormationObjectifs[];
}

/** The académie on one competence and one year, against France and France at equal IPS. */
export interface CelluleAcademie {
	annee_scolaire: string;
	niveau: string;
	discipline: string;
	competence_id: string;
	libelle: string;
	ordre: number;
	nb_ecoles: number;
	observe: PartAffichable;
	/** France's published share (0–1), or null. */
	france: number | null;
	ips_moyen: number | null;
	/** France's share moved to the académie's mean IPS (see `attenduAcademie`), or null. */
	attendu: number | null;
	ecart: number | null;
	intervalle: Intervalle | null;
	/** Status in the block's family (every cell the block shows, under the FDR control). */
	point: PointTeste;
	/** Why no expected share, when there is none. */
	raison: string | null;
}

/** How many territories of a kind have an established point on an objective's competences. */
export interface ComptePoints {
	/** Territories with at least one established point d'appui on them. */
	appuis: number;
	vigilances: number;
	/** Territories with at least one of these competences tested (the denominator). */
	diagnostiques: number;
}

export interface ObjectifAcademie {
	id: string;
	libelle: string;
	/** Why nothing informs it (the projet's `motif_sans_indicateur`, or the default sentence). */
	sansIndicateur: string | null;
	/** Competences named by its `evaluation` indicators, in the booklet's order. */
	competences: string[];
	cellules: CelluleAcademie[];
	/** Null when it names no competence. */
	points: {
		ecoles: ComptePoints;
		circonscriptions: ComptePoints | null;
		reseaux: ComptePoints | null;
	} | null;
	/** Null when it has no `formation` indicator. */
	formation: {
		themes: string[];
		lignes: FormationParTheme[];
		source: string | null;
	} | null;
	/**
	 * Indicators this block does not read itself: the evaluations as a whole, IPS and networks
	 * (the territories' comparison above on the page), the 6e results (the collèges' pages).
	 */
	autres: GenreIndicateur[];
}

export interface AxeAcademie {
	id: string;
	libelle: string;
	objectifs: ObjectifAcademie[];
}

export interface AmbitionAcademie {
	id: string;
	libelle: string;
	axes: AxeAcademie[];
}

export interface AnalyseObjectifs {
	ambitions: AmbitionAcademie[];
	/** The block's family: its académie × competence × year cells. */
	famille: {
		nombre_tests: number;
		nombre_signaux: number;
		nombre_etablis: number;
		signaux_par_hasard: number;
	};
	/** Years pooled by the schools', circonscriptions' and networks' points. */
	fenetre: string[];
	annees: string[];
}
