// « Ma circonscription »: the rows read from the engine and the results of the statistics.
// Types only.
import type {
	CatalogueModeles,
	LigneEvaluation,
	PointTeste,
	ResultatAgregat,
	ResultatComparaison,
	ResultatEcart
} from '$lib/indicators';
import type { Table } from 'apache-arrow';

export interface FicheCirconscription {
	code_circonscription: string;
	libelle: string;
	code_departement: string;
	source: string;
	nb_ecoles: number;
	derniere_annee: string | null;
	nb_annees: number;
	nb_ecoles_evaluees: number;
	eleves_evalues: number;
}

export interface EcoleCirconscription {
	uai: string;
	nom: string;
	commune: string;
	type: string;
	groupe_proximite: string | null;
	education_prioritaire: string | null;
	rural: boolean | null;
	ips: number | null;
	annee_ips: string | null;
	/** True when the school has evaluation results (any year). */
	evaluee: boolean;
}

export interface LigneCirconscription extends LigneEvaluation {
	competence_libelle: string;
	ordre: number;
	source: string;
}

export interface LigneTerritoire {
	niveau: string;
	discipline: string;
	competence_id: string;
	competence_libelle: string;
	ordre: number;
	n_circo: number;
	k_circo: number;
	n_departement: number;
	k_departement: number;
	n_academie: number;
	k_academie: number;
	source: string | null;
	/** Published shares, in % as in `references.csv`. */
	publie_france: number | null;
	publie_academie: number | null;
	publie_departement: number | null;
	source_publiee: string | null;
}

/** Training of one school's team on one theme, one year and type (no teacher identifier). */
export interface FormationCirconscription {
	annee_scolaire: string;
	uai: string;
	type: string;
	discipline: string | null;
	/** A competence id when the training worked on one (`theme_libelle` is then set). */
	theme: string | null;
	theme_libelle: string | null;
	theme_niveau: string | null;
	modules: string;
	participants: number;
	heures: number;
	source: string;
}

export interface DonneesCirconscription {
	fiche: FicheCirconscription;
	ecoles: EcoleCirconscription[];
	lignes: LigneCirconscription[];
	territoires: LigneTerritoire[];
	formations: FormationCirconscription[];
	/** Latest evaluated year ('' when the schools have no result). */
	annee: string;
	/** The years a small school may pool, ending with `annee` (the models to fit). */
	fenetre: string[];
}

export type FicheLue = Pick<
	FicheCirconscription,
	'code_circonscription' | 'libelle' | 'code_departement' | 'source'
>;

/** What the engine gives for one circonscription, before the fiche's figures are computed. */
export interface LecturesCirconscription {
	circo: FicheLue | undefined;
	ecoles: Omit<EcoleCirconscription, 'evaluee'>[];
	evaluations: Table;
	territoires: LigneTerritoire[];
	formations: FormationCirconscription[];
}

/** Every circonscription's reads, by code (`lireToutesCirconscriptions`). */
export type ToutesCirconscriptions = ReadonlyMap<string, LecturesCirconscription>;

export interface CompetenceColonne {
	competence_id: string;
	niveau: string;
	discipline: string;
	libelle: string;
	ordre: number;
}

/**
 * What a school × competence cell may show. `masque`: 'effectif' under 10 pupils even with
 * pooled years; 'protection' when the cell is hidden so that a masked school cannot be recovered
 * as the circonscription's total minus the others (secondary masking, `masquerCellules`).
 */
export type EtatCellule =
	'point_appui' | 'point_vigilance' | 'a_confirmer' | 'conforme' | 'non_classe' | 'masque';

export interface Cellule {
	uai: string;
	competence_id: string;
	niveau: string;
	discipline: string;
	/**
	 * The diagnosis: the académie's pooled family's result for the cell (the last three years
	 * pooled), whose status `point` says; the latest year's own result when there is no family.
	 */
	resultat: ResultatEcart;
	/** The cell's status in the académie's family; null without one (then nothing is a point). */
	point: PointTeste | null;
	/** The latest year alone (small schools pooled), for the scatter against that year's curve. */
	annee: ResultatEcart;
	masque: null | 'effectif' | 'protection';
	/** Only an established point is `point_appui` / `point_vigilance`; a signal is `a_confirmer`. */
	etat: EtatCellule;
}

export interface ComparaisonTerritoires {
	competence: CompetenceColonne;
	/** The circonscription's pooled pupils against what its schools' IPS lead to expect. */
	circonscription: ResultatAgregat;
	departement: ResultatComparaison | null;
	academie: ResultatComparaison | null;
	france: ResultatComparaison | null;
}

export interface AnalyseCirconscription {
	annee: string;
	fenetre: string[];
	competences: CompetenceColonne[];
	/** Key `${uai}|${competence_id}`. */
	cellules: Map<string, Cellule>;
	agregats: Map<string, ResultatAgregat>;
	territoires: ComparaisonTerritoires[];
	modeles: CatalogueModeles;
}
