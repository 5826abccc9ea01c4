// Rows the engine gives that several pages read (a school's results, portrait, networks, the
// territories' pooled counts). Types only: no runtime import, so any module may use them.
import type { Tranches } from './commun/separer';

export interface PortraitEcole {
	uai: string;
	nom: string;
	type: string;
	secteur: string;
	commune: string;
	code_commune: string;
	code_departement: string;
	code_circonscription: string | null;
	circonscription: string | null;
	groupe_proximite: string | null;
	education_prioritaire: string | null;
	rural: boolean | null;
	ips: number | null;
	annee_ips: string | null;
	source_ips: string | null;
	nb_eleves: number | null;
	nb_classes: number | null;
	annee_effectifs: string | null;
	source: string;
}

export interface ReseauResume {
	reseau_id: string;
	type: string;
	libelle: string;
}

/** Counts for one school (or one pooled set of schools) × niveau × competence × year. */
export interface LigneResultat {
	annee_scolaire: string;
	uai?: string;
	niveau: string;
	discipline: string;
	competence_id: string;
	competence_libelle: string;
	ordre: number;
	n_eleves: number;
	n_besoin: number;
	n_fragile: number;
	n_satisfaisant: number;
	source?: string;
	nb_ecoles?: number;
	ips?: number | null;
}

export interface EcoleListee {
	uai: string;
	nom: string;
	commune: string;
	type: string;
	groupe_proximite: string | null;
	education_prioritaire: string | null;
	rural: boolean | null;
	ips: number | null;
}

export interface ReferencePubliee {
	territoire: string;
	code_territoire: string | null;
	niveau: string;
	discipline: string;
	competence_id: string;
	part_satisfaisant: number | null;
	part_besoin: number | null;
	source: string;
}

export interface LigneInventaire {
	table: string;
	libelle: string;
	lignes: number;
	source: string | null;
}

export interface LigneCirconscriptionAgregee extends LigneResultat {
	code_departement: string | null;
	code_circonscription: string | null;
	circonscription_connue: boolean;
}

export interface AgregatsAnnee {
	academie: LigneResultat[];
	departements: Map<string, LigneResultat[]>;
	circonscriptions: Map<string, LigneResultat[]>;
}

export interface FicheEcole {
	portrait: PortraitEcole;
	reseaux: ReseauResume[];
}

/** Every school's results (Arrow slices, by UAI) and its team's training, read at once. */
export interface EcolesLues {
	resultats: Tranches;
	formations: ReadonlyMap<string, FormationEcole[]>;
}

export interface FormationEcole {
	annee_scolaire: string;
	type: string;
	discipline: string | null;
	theme: string | null;
	theme_libelle: string | null;
	modules: number;
	participants: number;
	heures: number;
	source: string;
}
