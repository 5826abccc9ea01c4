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

export interface CarteAcademie {
	ecoles: EcoleCarte[];
	niveaux: NiveauTerritoire[];
	indicateurs: IndicateurCarte[];
	source: string;
}
