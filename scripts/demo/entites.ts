// The académie's entities as the generator builds them: schools, collèges, circonscriptions.

import type { Commune, Dep } from './geographie.ts';

export type TypeEcole = 'maternelle' | 'elementaire' | 'primaire';
export type EducationPrioritaire = '' | 'REP' | 'REP+';

export interface Ecole {
	uai: string;
	nom: string;
	/** Patronyme au sens du fichier des effectifs (vide pour « École primaire de X »). */
	patronyme: string;
	type: TypeEcole;
	commune: Commune;
	lat: number;
	lon: number;
	circo: string;
	groupe: string;
	ep: EducationPrioritaire;
	college: string;
	/** Élèves par niveau, en moyenne : fixe l'échelle des effectifs de l'école. */
	taille: number;
	/** IPS de la rentrée 2022, avant la petite dérive annuelle. */
	ipsBase: number;
	/** Effet propre de l'école sur l'échelle logit, commun à toutes les compétences. */
	effetEcole: number;
	ulis: boolean;
}

export interface College {
	uai: string;
	nom: string;
	commune: Commune;
	lat: number;
	lon: number;
	ep: EducationPrioritaire;
	ips: number;
	ecoles: Ecole[];
}

export interface Circonscription {
	code: string;
	libelle: string;
	dep: Dep;
	ecoles: Ecole[];
}

export type TypeReseau = 'REP+' | 'REP' | 'TER' | 'secteur';

export interface Reseau {
	id: string;
	type: TypeReseau;
	libelle: string;
	tete: string;
	/** Écoles membres (le collège tête est ajouté à l'écriture). */
	ecoles: Ecole[];
}

export interface Academie {
	communes: Commune[];
	ecoles: Ecole[];
	colleges: College[];
	circos: Circonscription[];
	reseaux: Reseau[];
}
