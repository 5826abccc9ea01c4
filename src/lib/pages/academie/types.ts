import type { PointTeste, ResultatEcart } from '$lib/indicators';
import type { EcoleCarte, IndicateurCarte, NiveauTerritoire } from '$lib/charts/carte';

/** A school as `sql.ecolesCarte` gives it. */
export interface LigneEcoleCarte {
	uai: string;
	nom: string;
	commune: string;
	code_departement: string;
	code_circonscription: string | null;
	education_prioritaire: string | null;
	rural: boolean | null;
	latitude: number | null;
	longitude: number | null;
	ips: number | null;
	annee_ips: string | null;
	reseaux: string | null;
	source: string;
}

/** A school of the training file, as `sql.couvertureFormation` gives it. */
export interface LigneCouvertureFormation {
	uai: string;
	/** The file's latest school year. */
	annee: string;
	/** Agents the file names for this school, any year, present or not. */
	agents: number;
	/** Of them, present at one training at least in `annee`. */
	formes: number;
}

export interface CarteAcademie {
	ecoles: EcoleCarte[];
	niveaux: NiveauTerritoire[];
	indicateurs: IndicateurCarte[];
	source: string;
}

/** A school's territories, as `sql.ecolesTerritoires` gives them. */
export interface EcoleTerritoires {
	uai: string;
	code_departement: string | null;
	code_circonscription: string | null;
	libelle_circonscription: string | null;
	education_prioritaire: string | null;
	rural: boolean | null;
	secteur: string | null;
}

export type Dimension =
	'departement' | 'circonscription' | 'education_prioritaire' | 'milieu' | 'secteur';

export interface Territoire {
	dimension: Dimension;
	code: string;
	libelle: string;
	/** Sort key: codes and the fixed orders (REP+, REP, hors EP), never a result. */
	ordre: string;
}

/** One territory on one competence, its window's years pooled, with its status in the family. */
export interface CelluleTerritoire {
	territoire: Territoire;
	/** Schools evaluated in the latest year. */
	nb_ecoles: number;
	resultat: ResultatEcart;
	point: PointTeste;
}

export interface ComparaisonTerritoires {
	annee: string;
	/** The pooled years, oldest first. */
	fenetre: string[];
	/** Each dimension compared, with its family's counts (its cells are one family). */
	dimensions: {
		dimension: Dimension;
		libelle: string;
		territoires: Territoire[];
		nombre_tests: number;
		nombre_signaux: number;
		nombre_etablis: number;
		/** Signals chance alone would give on this dimension's cells. */
		signaux_par_hasard: number;
	}[];
	/** Dimensions not compared, and why. */
	absentes: { dimension: Dimension; libelle: string; raison: string }[];
	cellules: CelluleTerritoire[];
}
