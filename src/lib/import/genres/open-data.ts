// Les fichiers de l'open data du ministère, tels que téléchargés (ou réenregistrés sous Excel).

import { TABLES } from '$lib/db/sql/schema';
import type { Genre } from './types';
import {
	annee,
	avertir,
	CARACTERISTIQUES,
	champ,
	DISCIPLINES,
	COLLEGES_CONNUS,
	ECOLES_CONNUES,
	EDUCATION_PRIORITAIRE,
	effectif,
	memesNoms,
	SECTEURS,
	GROUPES_6E,
	uai
} from './vocabulaires';

// --- Open data du ministère ------------------------------------------------------------------

export const ipsEcoles: Genre = {
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

export const ipsColleges: Genre = {
	id: 'ips_colleges',
	libelle: 'IPS des collèges (open data du ministère)',
	// Every release has the IPS's standard deviation; écoles' files never do.
	signature: ['rentree_scolaire', 'uai', 'ips', 'ecart_type_de_l_ips'],
	champs: [
		annee(['rentree_scolaire']),
		uai(),
		champ('secteur', 'enum', ['secteur'], { valeurs: SECTEURS, ...avertir }),
		champ('ips', 'decimal', ['ips'], { min: 40, max: 200 }),
		champ('ecart_type_ips', 'decimal', ['ecart_type_de_l_ips'], { min: 0, max: 100, ...avertir }),
		effectif('effectifs'),
		// Releases from 2024 add the references the ministry computed on all pupils.
		champ('ips_france', 'decimal', ['ips_national', 'ips_france'], {
			min: 40,
			max: 200,
			...avertir
		}),
		champ('ips_academie', 'decimal', ['ips_academique', 'ips_academie'], {
			min: 40,
			max: 200,
			...avertir
		}),
		champ('ips_departement', 'decimal', ['ips_departemental', 'ips_departement'], {
			min: 40,
			max: 200,
			...avertir
		})
	],
	cle: ['annee_scolaire', 'uai'],
	cibles: [
		{
			table: TABLES.ips_college,
			colonnes: memesNoms(...TABLES.ips_college.colonnes.map((c) => c.nom))
		}
	],
	connus: COLLEGES_CONNUS
};

export const ipsLycees: Genre = {
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

export const annuaire: Genre = {
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

export const geolocalisation: Genre = {
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

export const effectifsEcoles: Genre = {
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

const NIVEAUX_COLLEGE_EFFECTIFS = ['6', '5', '4', '3'] as const;

export const effectifsColleges: Genre = {
	id: 'effectifs_colleges',
	libelle: 'Effectifs des collèges par niveau, sexe et langue (open data du ministère)',
	signature: ['rentree_scolaire', 'numero_du_college'],
	champs: [
		annee(['rentree_scolaire'], { requis: true, anneeSeule: 'debut' }),
		uai(['numero_du_college']),
		// The real header of the total is a sentence; later releases shorten it.
		effectif('nb_eleves', [
			'nombre_d_eleves_total_nombre_d_eleves_dans_les_formations_du_1er_cycle_du_2nd_degre_et_non_du_nombre_total_d_eleves_inscrits_dans_l_etablissement_les_dima_et_les_dispositifs_relais_sont_exclus',
			'nombre_d_eleves_total'
		]),
		effectif('nb_segpa', ['nombre_d_eleves_total_segpa']),
		effectif('nb_ulis', ['nombre_d_eleves_total_ulis']),
		...NIVEAUX_COLLEGE_EFFECTIFS.map((n) => effectif(`nb_${n}e`, [`nombre_total_de_${n}emes`]))
	],
	controles: [
		{
			type: 'somme',
			termes: NIVEAUX_COLLEGE_EFFECTIFS.map((n) => `nb_${n}e`),
			total: 'nb_eleves',
			gravite: 'avertissement'
		}
	],
	cle: ['annee_scolaire', 'uai'],
	cibles: [
		{
			table: TABLES.effectifs_college,
			colonnes: memesNoms(...TABLES.effectifs_college.colonnes.map((c) => c.nom))
		}
	],
	connus: COLLEGES_CONNUS
};

export const effectifsSecondDegre: Genre = {
	id: 'effectifs_second_degre',
	libelle: 'Effectifs du second degré par établissement (open data du ministère)',
	signature: ['annee_scolaire', 'numero_d_etablissement', 'nombre_d_eleves'],
	champs: [annee(), uai(['numero_d_etablissement']), effectif('nb_eleves', ['nombre_d_eleves'])],
	cle: ['annee_scolaire', 'uai'],
	cibles: [],
	nonUtilise:
		'Les effectifs du second degré ne sont pas utilisés par Pilotage. Le fichier a été vérifié, rien n’a été importé.'
};

export const ivac: Genre = {
	id: 'ivac',
	libelle: 'Indicateurs de valeur ajoutée des collèges, IVAC (open data du ministère)',
	signature: ['session', 'uai', 'taux_de_reussite_g'],
	// Session 2023 of the brevet = school year 2022-2023. « G » is the general series: the
	// professional one (« P ») concerns a few pupils and has no value added published.
	champs: [
		annee(['session'], { requis: true, anneeSeule: 'fin' }),
		uai(),
		effectif('nb_candidats', ['nb_candidats_g']),
		champ('taux_reussite', 'pourcentage', ['taux_de_reussite_g'], avertir),
		champ('va_taux_reussite', 'decimal', ['va_du_taux_de_reussite_g'], {
			min: -100,
			max: 100,
			...avertir
		}),
		champ('note_ecrit', 'decimal', ['note_a_l_ecrit_g'], { min: 0, max: 20, ...avertir }),
		champ('va_note_ecrit', 'decimal', ['va_de_la_note_g'], { min: -20, max: 20, ...avertir }),
		champ('taux_acces_6e_3e', 'pourcentage', ['taux_d_acces_6eme_3eme'], avertir)
	],
	cle: ['annee_scolaire', 'uai'],
	cibles: [
		{
			table: TABLES.valeur_ajoutee_college,
			colonnes: memesNoms(...TABLES.valeur_ajoutee_college.colonnes.map((c) => c.nom))
		}
	],
	connus: COLLEGES_CONNUS
};

export const evaluations6eRegion: Genre = {
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
