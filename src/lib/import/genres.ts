// Les genres de fichiers que Pilotage reconnaît : pour chacun, les en-têtes qui le signent, ses
// champs (en-têtes acceptés, type, règles), ses contrôles, et où vont ses lignes. Ce ne sont que
// des données : `src/lib/db/sql/import/` les compile en SQL. Ajouter un genre = ajouter une
// entrée ici (et, si besoin, une dérivation nommée là-bas).

import { TABLES, type DefinitionTable } from '$lib/db/sql/schema';
import type { Cible, Controle, Filtre, RegleChamp } from '$lib/db/sql/import';
import { COMPETENCES, DOMAINES_COLLEGE } from '$lib/domain/competences';

export type IdGenre =
	| 'ips_ecoles'
	| 'ips_colleges'
	| 'ips_lycees'
	| 'annuaire'
	| 'geolocalisation'
	| 'effectifs_ecoles'
	| 'effectifs_colleges'
	| 'effectifs_second_degre'
	| 'ivac'
	| 'evaluations_6e_region'
	| 'export_circonscription'
	| 'ecoles'
	| 'circonscriptions'
	| 'colleges'
	| 'reseaux'
	| 'evaluations_ecoles'
	| 'evaluations_colleges'
	| 'references'
	| 'formations'
	| 'projet_academique'
	| 'projet_indicateurs'
	| 'eleves';

export interface DefinitionChamp extends RegleChamp {
	/** Name of the field in the kind (the target column's name when it has one). */
	readonly nom: string;
	/** Accepted headers, normalised by `normaliserEntete` (labels and field names alike). */
	readonly entetes: readonly string[];
}

export interface Genre {
	readonly id: IdGenre;
	/** What the file is, in French, for the user. */
	readonly libelle: string;
	/** Normalised headers that must all be present for the kind to be recognised. */
	readonly signature: readonly string[];
	readonly champs: readonly DefinitionChamp[];
	readonly controles?: readonly Controle[];
	/** Rows outside this scope are ignored (counted), e.g. lycées in the annuaire. */
	readonly perimetre?: { readonly filtre: Filtre; readonly motif: string };
	/** Fields identifying a row of the file (duplicates). */
	readonly cle: readonly string[];
	/** Where rows go. Empty: a known kind that Pilotage does not use (rows are checked only). */
	readonly cibles: readonly Cible[];
	/** Why a known kind is not used, in French. */
	readonly nonUtilise?: string;
	/** A field whose values should already be known (warning otherwise): schools, collèges. */
	readonly connus?: {
		readonly champ: string;
		readonly tables: readonly DefinitionTable[];
		readonly quoi: string;
	};
	/** The export of the national restitution application, several header lines. */
	readonly multiEntete?: boolean;
}

// --- Vocabulaires ---------------------------------------------------------------------------

const NIVEAUX_ECOLE = { cp: 'CP', ce1: 'CE1', ce2: 'CE2', cm1: 'CM1', cm2: 'CM2' };
const NIVEAUX_COLLEGE = {
	'6e': '6E',
	'6eme': '6E',
	sixieme: '6E',
	'4e': '4E',
	'4eme': '4E',
	quatrieme: '4E'
};
const DISCIPLINES = {
	fr: 'FR',
	francais: 'FR',
	ma: 'MA',
	maths: 'MA',
	mathematiques: 'MA'
};
const EDUCATION_PRIORITAIRE = { rep: 'REP', 'rep+': 'REP+', 'rep +': 'REP+', repplus: 'REP+' };
const SECTEURS = {
	public: 'public',
	pu: 'public',
	prive: 'prive',
	pr: 'prive',
	'prive sous contrat': 'prive'
};
const TYPES_ECOLE = { maternelle: 'maternelle', elementaire: 'elementaire', primaire: 'primaire' };
const TYPES_RESEAU = {
	'rep+': 'REP+',
	'rep +': 'REP+',
	rep: 'REP',
	ter: 'TER',
	secteur: 'secteur',
	'secteur de college': 'secteur',
	autre: 'autre'
};
const GROUPES = {
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
const TERRITOIRES = {
	france: 'FRANCE',
	national: 'FRANCE',
	academie: 'ACADEMIE',
	departement: 'DEPARTEMENT',
	region_academique: 'REGION_ACADEMIQUE',
	'region academique': 'REGION_ACADEMIQUE'
};
const TYPES_FORMATION = {
	constellation: 'constellation',
	'animation pedagogique': 'animation pédagogique',
	'formation reseau': 'formation réseau',
	stage: 'stage',
	'formation directeurs': 'formation directeurs',
	'm@gistere': 'M@gistère',
	magistere: 'M@gistère'
};
const MODALITES = { presentiel: 'présentiel', distanciel: 'distanciel', hybride: 'hybride' };
const NIVEAUX_PROJET = { ambition: 'ambition', axe: 'axe', objectif: 'objectif' };
const INDICATEURS = {
	evaluation: 'evaluation',
	evaluation_college: 'evaluation_college',
	formation: 'formation',
	ips: 'ips',
	reseau: 'reseau'
};
const CARACTERISTIQUES = { ensemble: 'Ensemble', fille: 'Fille', garcon: 'Garçon' };

const parId = (ids: readonly string[]) => Object.fromEntries(ids.map((i) => [i, i]));
const ID_COMPETENCES = parId(COMPETENCES.map((c) => c.id));
const ID_DOMAINES = parId(DOMAINES_COLLEGE.map((d) => d.id));

// --- Aides ----------------------------------------------------------------------------------

type Options = Omit<RegleChamp, 'type'>;
const champ = (
	nom: string,
	type: RegleChamp['type'],
	entetes: readonly string[] = [nom],
	options: Options = {}
): DefinitionChamp => ({ nom, type, entetes, ...options });

const MAX_EFFECTIF = 1_000_000;
const uai = (entetes: readonly string[] = ['uai'], options: Options = { requis: true }) =>
	champ('uai', 'uai', entetes, options);
const annee = (
	entetes: readonly string[] = ['annee_scolaire'],
	options: Options = { requis: true }
) => champ('annee_scolaire', 'annee', entetes, options);
const effectif = (nom: string, entetes: readonly string[] = [nom], options: Options = {}) =>
	champ(nom, 'entier', entetes, { min: 0, max: MAX_EFFECTIF, ...options });
const avertir: Options = { gravite: 'avertissement' };

/** Target columns filled from the fields of the same names. */
const memesNoms = (...noms: string[]) => Object.fromEntries(noms.map((n) => [n, { champ: n }]));

const ECOLES_CONNUES = { champ: 'uai', tables: [TABLES.ecole], quoi: 'école' } as const;

// --- Open data du ministère ------------------------------------------------------------------

const ipsEcoles: Genre = {
	id: 'ips_ecoles',
	libelle: 'IPS des écoles (open data du ministère)',
	signature: ['rentree_scolaire', 'uai', 'ips'],
	champs: [
		annee(['rentree_scolaire', 'annee_scolaire']),
		uai(),
		champ('ips', 'decimal', ['ips'], { min: 40, max: 200 }),
		effectif('effectifs')
	],
	cle: ['annee_scolaire', 'uai'],
	cibles: [{ table: TABLES.ips, colonnes: memesNoms('annee_scolaire', 'uai', 'ips', 'effectifs') }],
	connus: ECOLES_CONNUES
};

const ipsColleges: Genre = {
	id: 'ips_colleges',
	libelle: 'IPS des collèges (open data du ministère)',
	signature: ['rentree_scolaire', 'uai', 'ips', 'ecart_type_de_l_ips'],
	champs: [
		annee(['rentree_scolaire']),
		uai(),
		champ('ips', 'decimal', ['ips'], { min: 40, max: 200 })
	],
	cle: ['annee_scolaire', 'uai'],
	cibles: [],
	nonUtilise:
		'Pilotage compare les écoles : l’IPS des collèges n’est pas encore utilisé. Le fichier a été vérifié, rien n’a été importé.'
};

const ipsLycees: Genre = {
	id: 'ips_lycees',
	libelle: 'IPS des lycées (open data du ministère)',
	signature: ['rentree_scolaire', 'uai', 'ips_voie_gt'],
	champs: [annee(['rentree_scolaire']), uai()],
	cle: ['annee_scolaire', 'uai'],
	cibles: [],
	nonUtilise:
		'Pilotage porte sur les écoles et les collèges : l’IPS des lycées n’est pas utilisé. Le fichier a été vérifié, rien n’a été importé.'
};

const NATURE = ['code_nature', 'type_etablissement'];

const annuaire: Genre = {
	id: 'annuaire',
	libelle: 'Annuaire de l’éducation (open data du ministère)',
	signature: ['identifiant_de_l_etablissement', 'nom_etablissement', 'type_etablissement'],
	champs: [
		uai(['identifiant_de_l_etablissement']),
		champ('nom', 'texte', ['nom_etablissement'], { requis: true }),
		champ('type_etablissement', 'texte'),
		champ('secteur', 'enum', ['statut_public_prive'], { valeurs: SECTEURS, ...avertir }),
		champ('code_commune', 'commune', ['code_commune'], avertir),
		champ('commune', 'texte', ['nom_commune']),
		champ('code_departement', 'departement', ['code_departement'], avertir),
		champ('code_academie', 'texte'),
		champ('education_prioritaire', 'enum', ['appartenance_education_prioritaire'], {
			valeurs: EDUCATION_PRIORITAIRE,
			...avertir
		}),
		champ('latitude', 'decimal', ['latitude'], { min: -90, max: 90, ...avertir }),
		champ('longitude', 'decimal', ['longitude'], { min: -180, max: 180, ...avertir }),
		champ('code_nature', 'entier', ['code_nature'], { min: 0, max: 999, ...avertir }),
		champ('ecole_maternelle', 'entier', ['ecole_maternelle'], { min: 0, max: 1, ...avertir }),
		champ('ecole_elementaire', 'entier', ['ecole_elementaire'], { min: 0, max: 1, ...avertir }),
		champ('nom_circonscription', 'texte'),
		champ('code_circonscription', 'uai', ['code_circonscription'], avertir),
		champ('code_bassin_formation', 'texte'),
		champ('libelle_bassin_formation', 'texte')
	],
	perimetre: {
		filtre: { nom: 'ecole_ou_college', champs: NATURE },
		motif: 'ni une école ni un collège (lycée, service administratif…)'
	},
	cle: ['uai'],
	cibles: [
		{
			table: TABLES.ecole,
			filtre: { nom: 'est_ecole', champs: NATURE },
			colonnes: {
				...memesNoms(
					'uai',
					'nom',
					'secteur',
					'code_commune',
					'commune',
					'code_departement',
					'code_circonscription',
					'education_prioritaire',
					'latitude',
					'longitude'
				),
				type: {
					derivation: 'type_ecole',
					champs: ['ecole_maternelle', 'ecole_elementaire', 'code_nature']
				}
			}
		},
		{
			table: TABLES.college,
			filtre: { nom: 'est_college', champs: NATURE },
			colonnes: memesNoms(
				'uai',
				'nom',
				'code_commune',
				'commune',
				'code_departement',
				'education_prioritaire'
			)
		},
		{
			table: TABLES.circonscription,
			filtre: { nom: 'non_vide', champs: ['code_circonscription'] },
			regrouper: true,
			colonnes: {
				...memesNoms('code_circonscription', 'code_departement'),
				libelle: { derivation: 'libelle_circonscription', champs: ['nom_circonscription'] }
			}
		},
		{
			table: TABLES.reseau,
			filtre: { nom: 'reseau_bassin', champs: ['code_academie', 'libelle_bassin_formation'] },
			regrouper: true,
			colonnes: {
				reseau_id: {
					derivation: 'reseau_bassin_id',
					champs: ['code_bassin_formation', 'libelle_bassin_formation']
				},
				type: { constante: 'autre' },
				libelle: { champ: 'libelle_bassin_formation' }
			}
		},
		{
			table: TABLES.reseau_membre,
			filtre: { nom: 'reseau_bassin', champs: ['code_academie', 'libelle_bassin_formation'] },
			colonnes: {
				reseau_id: {
					derivation: 'reseau_bassin_id',
					champs: ['code_bassin_formation', 'libelle_bassin_formation']
				},
				uai: { champ: 'uai' }
			}
		}
	]
};

const geolocalisation: Genre = {
	id: 'geolocalisation',
	libelle: 'Adresse et géolocalisation des établissements (open data du ministère)',
	signature: ['numero_uai', 'appellation_officielle', 'nature_uai'],
	champs: [
		uai(['numero_uai']),
		champ('nom', 'texte', ['appellation_officielle'], { requis: true }),
		champ('secteur', 'enum', ['secteur_public_prive_libe'], { valeurs: SECTEURS, ...avertir }),
		champ('code_commune', 'commune', ['code_commune'], avertir),
		champ('commune', 'texte', ['libelle_commune']),
		champ('code_departement', 'departement', ['code_departement'], avertir),
		champ('code_nature', 'entier', ['nature_uai'], { min: 0, max: 999, ...avertir }),
		champ('type_etablissement', 'texte', ['nature_uai_libe']),
		champ('latitude', 'decimal', ['latitude'], { min: -90, max: 90, ...avertir }),
		champ('longitude', 'decimal', ['longitude'], { min: -180, max: 180, ...avertir })
	],
	perimetre: {
		filtre: { nom: 'ecole_ou_college', champs: NATURE },
		motif: 'ni une école ni un collège'
	},
	cle: ['uai'],
	cibles: [
		{
			table: TABLES.ecole,
			filtre: { nom: 'est_ecole', champs: NATURE },
			colonnes: {
				...memesNoms(
					'uai',
					'nom',
					'secteur',
					'code_commune',
					'commune',
					'code_departement',
					'latitude',
					'longitude'
				),
				type: { derivation: 'type_ecole', champs: ['code_nature'] }
			}
		},
		{
			table: TABLES.college,
			filtre: { nom: 'est_college', champs: NATURE },
			colonnes: memesNoms('uai', 'nom', 'code_commune', 'commune', 'code_departement')
		}
	]
};

const NIVEAUX_EFFECTIFS = ['cp', 'ce1', 'ce2', 'cm1', 'cm2'] as const;

const effectifsEcoles: Genre = {
	id: 'effectifs_ecoles',
	libelle: 'Effectifs et nombre de classes des écoles (open data du ministère)',
	signature: ['rentree_scolaire', 'numero_de_l_ecole', 'nombre_total_de_classes'],
	champs: [
		annee(['rentree_scolaire'], { requis: true, anneeSeule: 'debut' }),
		uai(['numero_de_l_ecole']),
		champ('rep', 'entier', ['rep'], { min: 0, max: 1, ...avertir }),
		champ('rep_plus', 'entier', ['rep_plus'], { min: 0, max: 1, ...avertir }),
		effectif('nb_classes', ['nombre_total_de_classes']),
		effectif('nb_eleves', ['nombre_total_d_eleves']),
		effectif('nb_preelementaire', ['nombre_d_eleves_en_pre_elementaire_hors_ulis']),
		effectif('nb_elementaire', ['nombre_d_eleves_en_elementaire_hors_ulis']),
		effectif('nb_ulis', ['nombre_d_eleves_en_ulis']),
		...NIVEAUX_EFFECTIFS.map((n) => effectif(`nb_${n}`, [`nombre_d_eleves_en_${n}_hors_ulis`]))
	],
	controles: [
		{
			type: 'somme',
			termes: ['nb_preelementaire', 'nb_elementaire', 'nb_ulis'],
			total: 'nb_eleves',
			gravite: 'avertissement'
		},
		{
			type: 'somme',
			termes: NIVEAUX_EFFECTIFS.map((n) => `nb_${n}`),
			total: 'nb_elementaire',
			gravite: 'avertissement'
		}
	],
	cle: ['annee_scolaire', 'uai'],
	cibles: [
		{
			table: TABLES.effectifs,
			colonnes: memesNoms(
				'annee_scolaire',
				'uai',
				'nb_classes',
				'nb_eleves',
				'nb_preelementaire',
				'nb_elementaire',
				'nb_ulis',
				...NIVEAUX_EFFECTIFS.map((n) => `nb_${n}`)
			)
		}
	],
	connus: ECOLES_CONNUES
};

const effectifsColleges: Genre = {
	id: 'effectifs_colleges',
	libelle: 'Effectifs des collèges par niveau, sexe et langue (open data du ministère)',
	signature: ['rentree_scolaire', 'numero_du_college'],
	champs: [
		annee(['rentree_scolaire'], { requis: true, anneeSeule: 'debut' }),
		uai(['numero_du_college'])
	],
	cle: ['annee_scolaire', 'uai'],
	cibles: [],
	nonUtilise:
		'Les effectifs des collèges ne sont pas encore utilisés par Pilotage. Le fichier a été vérifié, rien n’a été importé.'
};

const effectifsSecondDegre: Genre = {
	id: 'effectifs_second_degre',
	libelle: 'Effectifs du second degré par établissement (open data du ministère)',
	signature: ['annee_scolaire', 'numero_d_etablissement', 'nombre_d_eleves'],
	champs: [annee(), uai(['numero_d_etablissement']), effectif('nb_eleves', ['nombre_d_eleves'])],
	cle: ['annee_scolaire', 'uai'],
	cibles: [],
	nonUtilise:
		'Les effectifs du second degré ne sont pas utilisés par Pilotage. Le fichier a été vérifié, rien n’a été importé.'
};

const ivac: Genre = {
	id: 'ivac',
	libelle: 'Indicateurs de valeur ajoutée des collèges, IVAC (open data du ministère)',
	signature: ['session', 'uai', 'taux_de_reussite_g'],
	// Session 2023 of the brevet = school year 2022-2023.
	champs: [annee(['session'], { requis: true, anneeSeule: 'fin' }), uai()],
	cle: ['annee_scolaire', 'uai'],
	cibles: [],
	nonUtilise:
		'Les indicateurs de valeur ajoutée des collèges (IVAC, brevet) ne sont pas encore utilisés par Pilotage. Le fichier a été vérifié, rien n’a été importé.'
};

const GROUPES_6E = [1, 2, 3, 4, 5, 6].map((g) => `groupe_${g}`);

const evaluations6eRegion: Genre = {
	id: 'evaluations_6e_region',
	libelle: 'Évaluations nationales de 6e par région académique (open data du ministère)',
	signature: ['annee', 'libelle_region_academique', 'score_moyen', 'groupe_1'],
	champs: [
		annee(['annee'], { requis: true, anneeSeule: 'debut' }),
		champ('code_region', 'texte', ['code_region_academique']),
		champ('libelle_region', 'texte', ['libelle_region_academique'], { requis: true }),
		champ('discipline', 'enum', ['discipline'], { valeurs: DISCIPLINES, requis: true }),
		champ('ips_moyen', 'decimal', ['ips_moyen'], { min: 40, max: 200, ...avertir }),
		champ('caracteristiques', 'enum', ['caracteristiques'], {
			valeurs: CARACTERISTIQUES,
			requis: true
		}),
		champ('score_moyen', 'decimal', ['score_moyen'], { min: 0, max: 500 }),
		champ('ecart_type', 'decimal', ['ecart_type'], { min: 0, max: 500 }),
		...GROUPES_6E.map((g) => champ(g, 'pourcentage'))
	],
	controles: [
		{
			type: 'somme_proche',
			termes: GROUPES_6E,
			cible: 100,
			tolerance: 1.5,
			gravite: 'avertissement'
		}
	],
	perimetre: {
		filtre: { nom: 'egal', champs: ['caracteristiques'], valeur: 'Ensemble' },
		motif: 'résultats des filles ou des garçons (seul l’ensemble des élèves sert de référence)'
	},
	cle: ['annee_scolaire', 'libelle_region', 'discipline'],
	cibles: [
		{
			table: TABLES.reference,
			colonnes: {
				annee_scolaire: { champ: 'annee_scolaire' },
				territoire: { derivation: 'territoire_region', champs: ['libelle_region'] },
				code_territoire: { derivation: 'code_region', champs: ['libelle_region', 'code_region'] },
				niveau: { constante: '6E' },
				discipline: { champ: 'discipline' },
				competence_id: { derivation: 'domaine_6e_ensemble', champs: ['discipline'] }
			}
		}
	]
};

// --- Formats de Pilotage (docs/formats.md) ---------------------------------------------------

const EP = () =>
	champ('education_prioritaire', 'enum', ['education_prioritaire'], {
		valeurs: EDUCATION_PRIORITAIRE
	});

const ecoles: Genre = {
	id: 'ecoles',
	libelle: 'Écoles (format Pilotage)',
	signature: ['uai', 'nom', 'type', 'secteur'],
	champs: [
		uai(),
		champ('nom', 'texte', ['nom'], { requis: true }),
		champ('type', 'enum', ['type'], { valeurs: TYPES_ECOLE }),
		champ('secteur', 'enum', ['secteur'], { valeurs: SECTEURS }),
		champ('code_commune', 'commune'),
		champ('commune', 'texte'),
		champ('code_departement', 'departement'),
		champ('code_circonscription', 'uai'),
		champ('groupe_proximite', 'texte'),
		EP(),
		champ('rural', 'booleen'),
		champ('latitude', 'decimal', ['latitude'], { min: -90, max: 90 }),
		champ('longitude', 'decimal', ['longitude'], { min: -180, max: 180 })
	],
	cle: ['uai'],
	cibles: [
		{
			table: TABLES.ecole,
			colonnes: memesNoms(...TABLES.ecole.colonnes.map((c) => c.nom))
		}
	]
};

const circonscriptions: Genre = {
	id: 'circonscriptions',
	libelle: 'Circonscriptions (format Pilotage)',
	signature: ['code_circonscription', 'libelle'],
	champs: [
		champ('code_circonscription', 'uai', ['code_circonscription'], { requis: true }),
		champ('libelle', 'texte', ['libelle'], { requis: true }),
		champ('code_departement', 'departement')
	],
	cle: ['code_circonscription'],
	cibles: [
		{
			table: TABLES.circonscription,
			colonnes: memesNoms('code_circonscription', 'libelle', 'code_departement')
		}
	]
};

const colleges: Genre = {
	id: 'colleges',
	libelle: 'Collèges (format Pilotage)',
	signature: ['uai', 'nom', 'code_commune'],
	champs: [
		uai(),
		champ('nom', 'texte', ['nom'], { requis: true }),
		champ('code_commune', 'commune'),
		champ('commune', 'texte'),
		champ('code_departement', 'departement'),
		EP()
	],
	cle: ['uai'],
	cibles: [
		{ table: TABLES.college, colonnes: memesNoms(...TABLES.college.colonnes.map((c) => c.nom)) }
	]
};

const reseaux: Genre = {
	id: 'reseaux',
	libelle: 'Composition des réseaux (format Pilotage)',
	signature: ['reseau_id', 'uai_membre'],
	champs: [
		champ('reseau_id', 'texte', ['reseau_id'], { requis: true }),
		champ('type', 'enum', ['type'], { valeurs: TYPES_RESEAU, requis: true }),
		champ('libelle', 'texte'),
		champ('uai_tete', 'uai'),
		champ('uai_membre', 'uai', ['uai_membre'], { requis: true })
	],
	cle: ['reseau_id', 'uai_membre'],
	cibles: [
		{
			table: TABLES.reseau,
			regrouper: true,
			colonnes: memesNoms('reseau_id', 'type', 'libelle', 'uai_tete')
		},
		{
			table: TABLES.reseau_membre,
			colonnes: { reseau_id: { champ: 'reseau_id' }, uai: { champ: 'uai_membre' } }
		}
	],
	connus: { champ: 'uai_membre', tables: [TABLES.ecole, TABLES.college], quoi: 'école ou collège' }
};

const CHAMPS_EVALUATION: readonly DefinitionChamp[] = [
	annee(),
	uai(),
	champ('niveau', 'enum', ['niveau'], { valeurs: NIVEAUX_ECOLE, requis: true }),
	champ('discipline', 'enum', ['discipline'], { valeurs: DISCIPLINES, requis: true }),
	champ('competence_id', 'enum', ['competence_id'], { valeurs: ID_COMPETENCES, requis: true }),
	champ('competence_libelle', 'texte'),
	effectif('n_eleves', ['n_eleves'], { requis: true }),
	effectif('n_besoin', ['n_besoin'], { requis: true }),
	effectif('n_fragile', ['n_fragile'], { requis: true }),
	effectif('n_satisfaisant', ['n_satisfaisant'], { requis: true })
];

const CONTROLES_EVALUATION: readonly Controle[] = [
	{ type: 'somme', termes: ['n_besoin', 'n_fragile', 'n_satisfaisant'], total: 'n_eleves' },
	{ type: 'prefixe', champ: 'competence_id', parties: ['niveau', 'discipline'] }
];

const CIBLES_EVALUATION: readonly Cible[] = [
	{ table: TABLES.evaluation, colonnes: memesNoms(...TABLES.evaluation.colonnes.map((c) => c.nom)) }
];

const evaluationsEcoles: Genre = {
	id: 'evaluations_ecoles',
	libelle: 'Évaluations nationales CP–CM2 par école (format long de Pilotage)',
	signature: ['annee_scolaire', 'uai', 'competence_id', 'n_eleves'],
	champs: CHAMPS_EVALUATION,
	controles: CONTROLES_EVALUATION,
	cle: ['annee_scolaire', 'uai', 'niveau', 'competence_id'],
	cibles: CIBLES_EVALUATION,
	connus: ECOLES_CONNUES
};

const exportCirconscription: Genre = {
	...evaluationsEcoles,
	id: 'export_circonscription',
	libelle: 'Export de circonscription des évaluations nationales (plusieurs lignes d’en-tête)',
	signature: [],
	multiEntete: true
};

const evaluationsColleges: Genre = {
	id: 'evaluations_colleges',
	libelle: 'Évaluations nationales 6e / 4e par collège (format Pilotage)',
	signature: ['annee_scolaire', 'uai', 'domaine_id', 'score_moyen'],
	champs: [
		annee(),
		uai(),
		champ('niveau', 'enum', ['niveau'], { valeurs: NIVEAUX_COLLEGE, requis: true }),
		champ('discipline', 'enum', ['discipline'], { valeurs: DISCIPLINES, requis: true }),
		champ('domaine_id', 'enum', ['domaine_id'], { valeurs: ID_DOMAINES, requis: true }),
		champ('domaine_libelle', 'texte'),
		effectif('n_eleves', ['n_eleves'], { requis: true }),
		champ('score_moyen', 'decimal', ['score_moyen'], { min: 0, max: 500 }),
		...GROUPES_6E.map((g) => effectif(g))
	],
	controles: [
		{ type: 'somme', termes: GROUPES_6E, total: 'n_eleves' },
		{ type: 'prefixe', champ: 'domaine_id', parties: ['niveau', 'discipline'] }
	],
	cle: ['annee_scolaire', 'uai', 'niveau', 'domaine_id'],
	cibles: [
		{
			table: TABLES.evaluation_college,
			colonnes: memesNoms(...TABLES.evaluation_college.colonnes.map((c) => c.nom))
		}
	],
	connus: { champ: 'uai', tables: [TABLES.college], quoi: 'collège' }
};

const references: Genre = {
	id: 'references',
	libelle: 'Valeurs de référence par compétence (format Pilotage)',
	signature: ['annee_scolaire', 'territoire', 'competence_id', 'part_satisfaisant'],
	champs: [
		annee(),
		champ('territoire', 'enum', ['territoire'], { valeurs: TERRITOIRES, requis: true }),
		champ('code_territoire', 'texte'),
		champ('niveau', 'enum', ['niveau'], {
			valeurs: { ...NIVEAUX_ECOLE, ...NIVEAUX_COLLEGE },
			requis: true
		}),
		champ('discipline', 'enum', ['discipline'], { valeurs: DISCIPLINES, requis: true }),
		champ('competence_id', 'enum', ['competence_id'], {
			valeurs: { ...ID_COMPETENCES, ...ID_DOMAINES },
			requis: true
		}),
		champ('part_satisfaisant', 'pourcentage'),
		champ('part_besoin', 'pourcentage')
	],
	controles: [
		{ type: 'somme_max', termes: ['part_satisfaisant', 'part_besoin'], max: 100.05 },
		{ type: 'prefixe', champ: 'competence_id', parties: ['niveau', 'discipline'] }
	],
	cle: ['annee_scolaire', 'territoire', 'code_territoire', 'niveau', 'competence_id'],
	cibles: [
		{ table: TABLES.reference, colonnes: memesNoms(...TABLES.reference.colonnes.map((c) => c.nom)) }
	]
};

const formations: Genre = {
	id: 'formations',
	libelle: 'Participations aux formations (format Pilotage)',
	signature: ['identifiant_module', 'agent_id', 'date'],
	champs: [
		annee(),
		champ('identifiant_dispositif', 'texte'),
		champ('libelle_dispositif', 'texte'),
		champ('identifiant_module', 'texte', ['identifiant_module'], { requis: true }),
		champ('libelle_module', 'texte'),
		champ('type', 'enum', ['type'], { valeurs: TYPES_FORMATION }),
		champ('discipline', 'enum', ['discipline'], { valeurs: DISCIPLINES }),
		champ('theme', 'texte'),
		champ('date', 'date', ['date'], { requis: true }),
		champ('duree_h', 'decimal', ['duree_h'], { min: 0, max: 1000 }),
		champ('modalite', 'enum', ['modalite'], { valeurs: MODALITES }),
		champ('agent_id', 'texte', ['agent_id'], { requis: true }),
		champ('uai_ecole', 'uai'),
		champ('presence', 'entier', ['presence'], { min: 0, max: 1 })
	],
	cle: ['identifiant_module', 'date', 'agent_id'],
	cibles: [
		{ table: TABLES.formation, colonnes: memesNoms(...TABLES.formation.colonnes.map((c) => c.nom)) }
	],
	connus: { champ: 'uai_ecole', tables: [TABLES.ecole], quoi: 'école' }
};

const projetAcademique: Genre = {
	id: 'projet_academique',
	libelle: 'Projet académique (format Pilotage)',
	signature: ['id', 'niveau', 'parent_id', 'libelle'],
	champs: [
		champ('id', 'texte', ['id'], { requis: true }),
		champ('niveau', 'enum', ['niveau'], { valeurs: NIVEAUX_PROJET, requis: true }),
		champ('parent_id', 'texte'),
		champ('ordre', 'entier', ['ordre'], { min: 0, max: 10_000 }),
		champ('libelle', 'texte', ['libelle'], { requis: true })
	],
	cle: ['id'],
	cibles: [
		{ table: TABLES.projet, colonnes: memesNoms('id', 'niveau', 'parent_id', 'ordre', 'libelle') }
	]
};

const projetIndicateurs: Genre = {
	id: 'projet_indicateurs',
	libelle: 'Indicateurs des objectifs du projet académique (format Pilotage)',
	signature: ['objectif_id', 'indicateur'],
	champs: [
		champ('objectif_id', 'texte', ['objectif_id'], { requis: true }),
		champ('indicateur', 'enum', ['indicateur'], { valeurs: INDICATEURS, requis: true }),
		champ('niveau', 'enum', ['niveau'], { valeurs: { ...NIVEAUX_ECOLE, ...NIVEAUX_COLLEGE } }),
		champ('discipline', 'enum', ['discipline'], { valeurs: DISCIPLINES }),
		champ('competence_id', 'enum', ['competence_id'], {
			valeurs: { ...ID_COMPETENCES, ...ID_DOMAINES }
		})
	],
	cle: ['objectif_id', 'indicateur', 'niveau', 'discipline', 'competence_id'],
	cibles: [
		{
			table: TABLES.projet_indicateur,
			colonnes: memesNoms('objectif_id', 'indicateur', 'niveau', 'discipline', 'competence_id')
		}
	]
};

const eleves: Genre = {
	id: 'eleves',
	libelle: 'Résultats par élève d’une école (format Pilotage)',
	signature: ['eleve_id', 'competence_id', 'groupe'],
	champs: [
		annee(),
		uai(),
		champ('niveau', 'enum', ['niveau'], { valeurs: NIVEAUX_ECOLE, requis: true }),
		champ('discipline', 'enum', ['discipline'], { valeurs: DISCIPLINES, requis: true }),
		champ('competence_id', 'enum', ['competence_id'], { valeurs: ID_COMPETENCES, requis: true }),
		champ('classe', 'texte'),
		champ('eleve_id', 'texte', ['eleve_id'], { requis: true }),
		champ('groupe', 'enum', ['groupe'], { valeurs: GROUPES, requis: true })
	],
	controles: [{ type: 'prefixe', champ: 'competence_id', parties: ['niveau', 'discipline'] }],
	cle: ['annee_scolaire', 'uai', 'eleve_id', 'competence_id'],
	// Pupil rows are counted per class while the file is read (see Cible.agregat): a 20 M-row
	// académie file is never held in memory, and the class view is their only reader.
	cibles: [
		{
			table: TABLES.classe_resultat,
			colonnes: memesNoms(
				'annee_scolaire',
				'uai',
				'classe',
				'niveau',
				'discipline',
				'competence_id'
			),
			agregat: {
				comptes: {
					n_eleves: {},
					n_besoin: { champ: 'groupe', valeur: 'besoin' },
					n_fragile: { champ: 'groupe', valeur: 'fragile' },
					n_satisfaisant: { champ: 'groupe', valeur: 'satisfaisant' }
				},
				lignes: ['ligne élève', 'lignes élèves'],
				resultats: ['résultat de classe', 'résultats de classe']
			}
		}
	],
	connus: ECOLES_CONNUES
};

/** Every kind, in the order they are tried (ties are reported, never guessed). */
export const GENRES: readonly Genre[] = [
	ipsEcoles,
	ipsColleges,
	ipsLycees,
	annuaire,
	geolocalisation,
	effectifsEcoles,
	effectifsColleges,
	effectifsSecondDegre,
	ivac,
	evaluations6eRegion,
	exportCirconscription,
	ecoles,
	circonscriptions,
	colleges,
	reseaux,
	evaluationsEcoles,
	evaluationsColleges,
	references,
	formations,
	projetAcademique,
	projetIndicateurs,
	eleves
];

export function genreParId(id: IdGenre): Genre {
	const g = GENRES.find((x) => x.id === id);
	if (!g) throw new Error(`genre inconnu : ${id}`);
	return g;
}
