// « Mon collège »: the rows read from the engine (types only).
import type { LigneEvaluation } from '$lib/indicators';

export interface FicheCollege {
	uai: string;
	nom: string;
	commune: string | null;
	code_departement: string | null;
	education_prioritaire: string | null;
	source: string;
	secteur: string | null;
	annee_ips: string | null;
	ips: number | null;
	ips_france: number | null;
	ips_academie: number | null;
	ips_departement: number | null;
	source_ips: string | null;
	annee_effectifs: string | null;
	nb_eleves: number | null;
	nb_6e: number | null;
	nb_5e: number | null;
	nb_4e: number | null;
	nb_3e: number | null;
	nb_segpa: number | null;
	nb_ulis: number | null;
}

export interface ReseauCollege {
	reseau_id: string;
	type: string;
	libelle: string | null;
	tete: boolean;
}

/**
 * A collège × domain × year of the 6e / 4e evaluations, in the schools' shape: `n_besoin` holds
 * groups 1–2 (the most fragile), `n_fragile` groups 3–4, `n_satisfaisant` groups 5–6.
 */
export interface LigneDomaine extends LigneEvaluation {
	domaine_libelle: string;
	score_moyen: number | null;
	source: string;
}

/** One session of the brevet (IVAC), as published; `taux_attendu` = observed − value added. */
export interface ValeurAjoutee {
	annee_scolaire: string;
	nb_candidats: number | null;
	taux_reussite: number | null;
	va_taux_reussite: number | null;
	taux_attendu: number | null;
	note_ecrit: number | null;
	va_note_ecrit: number | null;
	taux_acces_6e_3e: number | null;
	source: string;
}

export interface EcoleSecteur {
	uai: string;
	nom: string;
	commune: string | null;
	type: string | null;
	ips: number | null;
}
