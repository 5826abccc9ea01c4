// Les formats de Pilotage (docs/formats.md) et l'export de circonscription.

import { COLONNES_INDICATEURS_PROJET, COLONNES_PROJET } from '$lib/domain/projet';
import { TABLES } from '$lib/db/sql/schema';
import type { Cible, Controle } from '$lib/db/sql/import';
import type { DefinitionChamp, Genre } from './types';
import {
	annee,
	champ,
	DISCIPLINES,
	ECOLES_CONNUES,
	EDUCATION_PRIORITAIRE,
	effectif,
	GROUPES,
	ID_COMPETENCES,
	ID_DOMAINES,
	INDICATEURS,
	memesNoms,
	MODALITES,
	NIVEAUX_COLLEGE,
	NIVEAUX_ECOLE,
	NIVEAUX_PROJET,
	SECTEURS,
	TERRITOIRES,
	TYPES_ECOLE,
	TYPES_FORMATION,
	TYPES_RESEAU,
	GROUPES_6E,
	uai
} from './vocabulaires';

// --- Formats de Pilotage (docs/formats.md) ---------------------------------------------------

const EP = () =>
	champ('education_prioritaire', 'enum', ['education_prioritaire'], {
		valeurs: EDUCATION_PRIORITAIRE
	});

export const ecoles: Genre = {
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

export const circonscriptions: Genre = {
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

export const colleges: Genre = {
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

export const reseaux: Genre = {
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

export const evaluationsEcoles: Genre = {
	id: 'evaluations_ecoles',
	libelle: 'Évaluations nationales CP–CM2 par école (format long de Pilotage)',
	signature: ['annee_scolaire', 'uai', 'competence_id', 'n_eleves'],
	champs: CHAMPS_EVALUATION,
	controles: CONTROLES_EVALUATION,
	cle: ['annee_scolaire', 'uai', 'niveau', 'competence_id'],
	cibles: CIBLES_EVALUATION,
	connus: ECOLES_CONNUES
};

export const exportCirconscription: Genre = {
	...evaluationsEcoles,
	id: 'export_circonscription',
	libelle: 'Export de circonscription des évaluations nationales (plusieurs lignes d’en-tête)',
	signature: [],
	multiEntete: true
};

export const evaluationsColleges: Genre = {
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

export const references: Genre = {
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

export const formations: Genre = {
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

export const projetAcademique: Genre = {
	id: 'projet_academique',
	libelle: 'Projet académique (format Pilotage)',
	signature: ['id', 'niveau', 'parent_id', 'libelle'],
	champs: [
		champ('id', 'texte', ['id'], { requis: true }),
		champ('niveau', 'enum', ['niveau'], { valeurs: NIVEAUX_PROJET, requis: true }),
		champ('parent_id', 'texte'),
		champ('ordre', 'entier', ['ordre'], { min: 0, max: 10_000 }),
		champ('libelle', 'texte', ['libelle'], { requis: true }),
		// Optional: why an objective has no indicator (« Les fichiers importés ne renseignent… »).
		champ('motif_sans_indicateur', 'texte')
	],
	cle: ['id'],
	cibles: [
		{
			table: TABLES.projet,
			remplacerTout: true,
			colonnes: memesNoms(...COLONNES_PROJET)
		}
	]
};

export const projetIndicateurs: Genre = {
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
		}),
		// Optional (older files have no such column): a training theme, for `formation`.
		champ('theme', 'texte')
	],
	cle: ['objectif_id', 'indicateur', 'niveau', 'discipline', 'competence_id', 'theme'],
	cibles: [
		{
			table: TABLES.projet_indicateur,
			remplacerTout: true,
			colonnes: memesNoms(...COLONNES_INDICATEURS_PROJET)
		}
	]
};

export const eleves: Genre = {
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
