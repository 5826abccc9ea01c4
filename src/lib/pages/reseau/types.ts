// « Mon réseau »: the rows read from the engine and the results of the statistics. Types only.
import type {
	Evolution,
	LigneEvaluation,
	PointTeste,
	ResultatAgregat,
	ResultatEcart,
	StatutPoint
} from '$lib/indicators';
import type { Priorite } from '$lib/indicators/priorites';
import type { Table } from 'apache-arrow';

export interface FicheReseau {
	reseau_id: string;
	type: string;
	libelle: string;
	uai_tete: string | null;
	nom_tete: string | null;
	commune_tete: string | null;
	ep_tete: string | null;
	nb_ecoles: number;
	nb_colleges: number;
	source: string;
}

export interface MembreReseau {
	uai: string;
	nom: string;
	commune: string;
	type: string;
	groupe_proximite: string | null;
	education_prioritaire: string | null;
	rural: boolean | null;
	code_circonscription: string | null;
	circonscription: string | null;
	ips: number | null;
	annee_ips: string | null;
	nb_eleves: number | null;
	annee_effectifs: string | null;
	source: string;
}

export interface EvaluationMembre extends LigneEvaluation {
	competence_libelle: string;
	ordre: number;
	source: string;
}

export type CategorieReference = 'academie' | 'hors_reseau' | 'REP+' | 'REP' | 'rurale';

export interface ReferenceCategorie {
	categorie: CategorieReference;
	niveau: string;
	discipline: string;
	competence_id: string;
	nb_ecoles: number;
	n_eleves: number;
	n_besoin: number;
	n_satisfaisant: number;
	source: string;
}

export interface LigneFormation {
	annee_scolaire: string;
	uai: string | null;
	type: string | null;
	discipline: string | null;
	theme: string | null;
	agregat: 'theme' | 'ecole_theme' | 'ecole';
	libelle: string | null;
	participants: number;
	heures: number;
	nb_ecoles: number;
	modules: number;
	source: string;
}

export interface CouvertureFormations {
	lignes: number;
	annees: string | null;
	circonscriptions: string | null;
	ecoles_couvertes: number;
}

export interface LigneCollege {
	annee_scolaire: string;
	uai: string;
	niveau: string;
	discipline: string;
	domaine_id: string;
	domaine_libelle: string;
	n_eleves: number;
	score_moyen: number | null;
	groupe_1: number;
	groupe_2: number;
	groupe_3: number;
	groupe_4: number;
	groupe_5: number;
	groupe_6: number;
	source: string;
	n_academie: number | null;
	score_academie: number | null;
	groupe_1_academie: number | null;
	groupe_2_academie: number | null;
	groupe_5_academie: number | null;
	groupe_6_academie: number | null;
	nb_colleges: number | null;
}

export interface ObjectifProjet {
	id: string;
	libelle: string;
	axe_id: string | null;
	axe: string | null;
	ambition_id: string | null;
	ambition: string | null;
}

export interface IndicateurProjet {
	objectif_id: string;
	indicateur: string;
	niveau: string | null;
	discipline: string | null;
	competence_id: string | null;
}

export interface DonneesReseau {
	fiche: FicheReseau;
	membres: MembreReseau[];
	evaluations: EvaluationMembre[];
	/** Latest evaluation year of the member schools ('' when none). */
	annee: string;
	/** Years pooled for the schools' classification: the three ending with `annee`. */
	fenetre: string[];
	references: ReferenceCategorie[];
	formations: LigneFormation[];
	couverture: CouvertureFormations;
	college: LigneCollege[];
	objectifs: ObjectifProjet[];
	indicateurs: IndicateurProjet[];
}

/** One category's counts over the whole académie, one year (`sql.categoriesReferences`). */
export interface TotalCategorie {
	categorie: Exclude<CategorieReference, 'hors_reseau'>;
	niveau: string;
	discipline: string;
	competence_id: string;
	lignes: number;
	nb_ecoles: number;
	n_eleves: number | null;
	nb_n_eleves: number;
	n_besoin: number | null;
	nb_n_besoin: number;
	n_satisfaisant: number | null;
	nb_n_satisfaisant: number;
	source: string;
}

/** What the imported training records cover, for every network (`sql.couvertureFormations`). */
export interface CouvertureGenerale {
	lignes: number;
	annees: string | null;
	circonscriptions: string | null;
	codes: Iterable<string> | null;
}

/** Where a network's reads that do not depend on the network come from (cached by the app). */
export interface SourcesCommunes {
	projet: Promise<[ObjectifProjet[], IndicateurProjet[]]>;
	couverture: Promise<CouvertureGenerale>;
	categories: (annee: string) => Promise<TotalCategorie[]>;
}

/** What the engine gives for one network, beside what every network shares. */
export interface LecturesReseau {
	fiche: FicheReseau | undefined;
	membres: MembreReseau[];
	/** Arrow columns, turned into rows only for the network opened. */
	evaluations: Table;
	formations: LigneFormation[];
	college: LigneCollege[];
}

export type TousReseaux = ReadonlyMap<string, LecturesReseau>;

export interface EcoleCompetence {
	uai: string;
	nom: string;
	/** The school's diagnosis: the académie's pooled family's cell (`DonneesReseau.fenetre`). */
	resultat: ResultatEcart;
	/** Its status in that family (null without one). */
	point: PointTeste | null;
	/** Only an established point is `point_appui` / `point_vigilance`; a signal is `a_confirmer`. */
	statut: StatutPoint;
	/**
	 * 'primaire': fewer than 10 pupils even pooled; 'secondaire': hidden so that a masked school
	 * cannot be recovered as the network's total minus the others.
	 */
	masque: 'primaire' | 'secondaire' | null;
}

export interface AnalyseCompetence {
	cle: string;
	niveau: string;
	discipline: string;
	competence_id: string;
	libelle: string;
	ordre: number;
	/** The network's pooled figure, latest year. */
	reseau: ResultatAgregat;
	/** The network's pooled figure each year of the window (the trend). */
	annees: ResultatAgregat[];
	/** Change of the network's gap to expected from the first to the last year of the window. */
	evolution: Evolution | null;
	ecoles: EcoleCompetence[];
	/** Schools with an established point de vigilance / d'appui. */
	vigilance: EcoleCompetence[];
	appui: EcoleCompetence[];
	/** Schools with a signal only (either side): shown apart, never counted as concerned. */
	signaux: EcoleCompetence[];
	/** The network's own figure, the window's years pooled: what its status is about. */
	reseau_cumul: ResultatEcart;
	/** The status of `reseau_cumul` in the networks' family. */
	statut_reseau: StatutPoint;
	/** Why it is a shared need: the network as a whole, or several of its schools; null if not. */
	motif: 'reseau' | 'ecoles' | null;
}

export interface FormationEcole {
	uai: string;
	nom: string;
	annees: string[];
	types: string[];
	participants: number;
	heures: number;
}

/**
 * The shared need an action of the plan answers, as the diagnosis stood when the pilots chose it:
 * it travels with the plan and is printed with it, even after newer evaluations change the figures.
 */
export interface BesoinAction {
	/** « CP — Comprendre des phrases à l'oral ». */
	competence: string;
	/** 'reseau': established for the network as a whole; 'ecoles': for several of its schools. */
	motif: 'reseau' | 'ecoles';
	/** The gap to expected (share: 0.07 = 7 points) and its 95 % interval; null when not read. */
	ecart: number | null;
	bas: number | null;
	haut: number | null;
	/** Pupils behind the gap, the years pooled. */
	eleves: number | null;
	annees: string[];
	/** Names of the schools concerned (an established point de vigilance of their own). */
	ecoles: string[];
}

export interface BesoinPartage {
	cle: string;
	competence: AnalyseCompetence;
	/** The schools the need concerns: those with an established point de vigilance on it. */
	concernees: EcoleCompetence[];
	/** Schools concerned whose teams had training on this competence (any year imported). */
	formees: FormationEcole[];
	ecart: number | null;
	ecoles: number;
	ecoles_formees: number;
}

export interface AnalyseReseau {
	annee: string;
	fenetre: string[];
	competences: AnalyseCompetence[];
	priorites: Priorite<BesoinPartage>[];
}
