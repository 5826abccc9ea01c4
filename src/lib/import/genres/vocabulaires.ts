// Les vocabulaires (valeurs admises et leur forme stockée) et les aides qui écrivent les champs
// des genres : partagés par les genres de l'open data et ceux du format de Pilotage.

import { TABLES } from '$lib/db/sql/schema';
import type { RegleChamp } from '$lib/db/sql/import';
import { COMPETENCES, DOMAINES_COLLEGE } from '$lib/domain/competences';
import type { DefinitionChamp } from './types';

// --- Vocabulaires ---------------------------------------------------------------------------

export const NIVEAUX_ECOLE = { cp: 'CP', ce1: 'CE1', ce2: 'CE2', cm1: 'CM1', cm2: 'CM2' };
export const NIVEAUX_COLLEGE = {
	'6e': '6E',
	'6eme': '6E',
	sixieme: '6E',
	'4e': '4E',
	'4eme': '4E',
	quatrieme: '4E'
};
export const DISCIPLINES = {
	fr: 'FR',
	francais: 'FR',
	ma: 'MA',
	maths: 'MA',
	mathematiques: 'MA'
};
export const EDUCATION_PRIORITAIRE = {
	rep: 'REP',
	'rep+': 'REP+',
	'rep +': 'REP+',
	repplus: 'REP+'
};
export const SECTEURS = {
	public: 'public',
	pu: 'public',
	prive: 'prive',
	pr: 'prive',
	'prive sous contrat': 'prive'
};
export const TYPES_ECOLE = {
	maternelle: 'maternelle',
	elementaire: 'elementaire',
	primaire: 'primaire'
};
export const TYPES_RESEAU = {
	'rep+': 'REP+',
	'rep +': 'REP+',
	rep: 'REP',
	ter: 'TER',
	secteur: 'secteur',
	'secteur de college': 'secteur',
	autre: 'autre'
};
export const GROUPES = {
	besoin: 'besoin',
	besoins: 'besoin',
	'a besoin': 'besoin',
	'a besoins': 'besoin',
	'groupe a besoins': 'besoin',
	fragile: 'fragile',
	fragiles: 'fragile',
	'groupe fragile': 'fragile',
	satisfaisant: 'satisfaisant',
	satisfaisants: 'satisfaisant',
	'groupe satisfaisant': 'satisfaisant'
};
export const TERRITOIRES = {
	france: 'FRANCE',
	national: 'FRANCE',
	academie: 'ACADEMIE',
	departement: 'DEPARTEMENT',
	region_academique: 'REGION_ACADEMIQUE',
	'region academique': 'REGION_ACADEMIQUE'
};
export const TYPES_FORMATION = {
	constellation: 'constellation',
	'animation pedagogique': 'animation pédagogique',
	'formation reseau': 'formation réseau',
	stage: 'stage',
	'formation directeurs': 'formation directeurs',
	'm@gistere': 'M@gistère',
	magistere: 'M@gistère'
};
export const MODALITES = { presentiel: 'présentiel', distanciel: 'distanciel', hybride: 'hybride' };
export const NIVEAUX_PROJET = { ambition: 'ambition', axe: 'axe', objectif: 'objectif' };
export const INDICATEURS = {
	evaluation: 'evaluation',
	evaluation_college: 'evaluation_college',
	formation: 'formation',
	ips: 'ips',
	reseau: 'reseau'
};
export const CARACTERISTIQUES = { ensemble: 'Ensemble', fille: 'Fille', garcon: 'Garçon' };

/** The six groups of the 6e evaluation's results. */
export const GROUPES_6E = [1, 2, 3, 4, 5, 6].map((g) => `groupe_${g}`);

export const parId = (ids: readonly string[]) => Object.fromEntries(ids.map((i) => [i, i]));
export const ID_COMPETENCES = parId(COMPETENCES.map((c) => c.id));
export const ID_DOMAINES = parId(DOMAINES_COLLEGE.map((d) => d.id));

// --- Aides ----------------------------------------------------------------------------------

export type Options = Omit<RegleChamp, 'type'>;
export const champ = (
	nom: string,
	type: RegleChamp['type'],
	entetes: readonly string[] = [nom],
	options: Options = {}
): DefinitionChamp => ({ nom, type, entetes, ...options });

export const MAX_EFFECTIF = 1_000_000;
export const uai = (entetes: readonly string[] = ['uai'], options: Options = { requis: true }) =>
	champ('uai', 'uai', entetes, options);
export const annee = (
	entetes: readonly string[] = ['annee_scolaire'],
	options: Options = { requis: true }
) => champ('annee_scolaire', 'annee', entetes, options);
export const effectif = (nom: string, entetes: readonly string[] = [nom], options: Options = {}) =>
	champ(nom, 'entier', entetes, { min: 0, max: MAX_EFFECTIF, ...options });
export const avertir: Options = { gravite: 'avertissement' };

/** Target columns filled from the fields of the same names. */
export const memesNoms = (...noms: string[]) =>
	Object.fromEntries(noms.map((n) => [n, { champ: n }]));

export const ECOLES_CONNUES = { champ: 'uai', tables: [TABLES.ecole], quoi: 'école' } as const;

export const COLLEGES_CONNUS = { champ: 'uai', tables: [TABLES.college], quoi: 'collège' } as const;
