import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFDATA } from '../../../tests/reels';
import {
	affecter,
	affecterSelon,
	colonnesEnDouble,
	candidats,
	levenshtein,
	messageColonnesEnDouble,
	normaliserEntete,
	reconnaitre,
	signatureEntete,
	similarite,
	suggestionsColonnes,
	vouliezVousDire
} from './correspondance';
import { genreParId } from './genres';

const entete = (chemin: string) =>
	readFileSync(chemin, 'utf8')
		.replace(/^\ufeff/, '')
		.split(/\r?\n/)[0]
		.split(';');

describe('normaliserEntete', () => {
	it('rend identiques les en-têtes « libellés » et « noms de champs »', () => {
		expect(normaliserEntete("Nom de l'établissment")).toBe('nom_de_l_etablissment');
		expect(normaliserEntete('Code du département')).toBe('code_du_departement');
		expect(normaliserEntete('Rentrée scolaire')).toBe('rentree_scolaire');
		expect(normaliserEntete("Nombre total d'élèves")).toBe('nombre_total_d_eleves');
	});
	it('distingue REP et « REP + »', () => {
		expect(normaliserEntete('REP')).toBe('rep');
		expect(normaliserEntete('REP +')).toBe('rep_plus');
		expect(normaliserEntete('REP+')).toBe('rep_plus');
	});
});

describe('reconnaitre', () => {
	const attendus: Record<string, string> = {
		'fr-en-ips_ecoles__2021-2022__dijon.csv': 'ips_ecoles',
		'fr-en-ips-ecoles-ap2022__v2023__dijon.csv': 'ips_ecoles',
		'fr-en-ips-colleges-ap2022__v2023__dijon.csv': 'ips_colleges',
		'fr-en-ips-lycees-ap2022__v2023__dijon.csv': 'ips_lycees',
		'fr-en-annuaire-education__2026__val-de-marne-ecoles.csv': 'annuaire',
		'fr-en-annuaire-education__2023__ille-et-vilaine.csv': 'annuaire',
		'fr-en-ecoles-effectifs-nb_classes__2022__ille-et-vilaine.csv': 'effectifs_ecoles',
		'fr-en-college-effectifs-niveau-sexe-lv__2019__ille-et-vilaine.csv': 'effectifs_colleges',
		'fr-en-effectifs-second-degre__2018-2019__ille-et-vilaine.csv': 'effectifs_second_degre',
		'fr-en-indicateurs-valeur-ajoutee-colleges__2022-2023__dijon.csv': 'ivac',
		'fr-en-evaluations_nationales_6eme_region__2017-2025__national.csv': 'evaluations_6e_region',
		'fr-en-adresse-et-geolocalisation-etablissements__colleges__dijon.csv': 'geolocalisation'
	};
	for (const dossier of readdirSync(REFDATA).filter((d) => !d.endsWith('.md'))) {
		for (const f of readdirSync(`${REFDATA}/${dossier}`)) {
			it(`${f} → ${attendus[f]}`, () => {
				const r = reconnaitre(entete(`${REFDATA}/${dossier}/${f}`));
				expect(r[0].genre.id).toBe(attendus[f]);
				if (r.length > 1) expect(r[1].score).toBeLessThan(r[0].score);
			});
		}
	}

	it('reconnaît chaque fichier de l’académie de démonstration', () => {
		const genres = Object.fromEntries(
			readdirSync('data')
				.filter((f) => f.endsWith('.csv') && f !== 'demo-verite.csv')
				.map((f) => [f, reconnaitre(entete(`data/${f}`))[0]?.genre.id])
		);
		expect(genres).toEqual({
			'circonscriptions.csv': 'circonscriptions',
			'colleges.csv': 'colleges',
			'ecoles.csv': 'ecoles',
			'effectifs-colleges.csv': 'effectifs_colleges',
			'effectifs-ecoles.csv': 'effectifs_ecoles',
			'eleves-0219099B.csv': 'eleves',
			'evaluations-colleges.csv': 'evaluations_colleges',
			'evaluations-ecoles.csv': 'evaluations_ecoles',
			'formations.csv': 'formations',
			'ips-colleges.csv': 'ips_colleges',
			'ips-ecoles.csv': 'ips_ecoles',
			'projet-academique.csv': 'projet_academique',
			'projet-indicateurs.csv': 'projet_indicateurs',
			'references.csv': 'references',
			'reseaux.csv': 'reseaux',
			'valeur-ajoutee-colleges.csv': 'ivac'
		});
	});

	it('reconnaît la dernière forme de l’IPS des écoles (libellés, num_ligne, IPS de référence)', () => {
		const r = reconnaitre(
			"num_ligne;Rentrée scolaire;Code région;Région;Code de l'académie;Académie;Code du département;Département;Code INSEE de la commune;Nom de la commune;UAI;Nom de l'établissement;Secteur;IPS;IPS national privé;IPS national public;IPS national;IPS académique privé;IPS académique public;IPS académique;IPS départemental privé;IPS départemental public;IPS départemental".split(
				';'
			)
		);
		expect(r[0].genre.id).toBe('ips_ecoles');
		expect(r[0].affectation.get('uai')).toBe(10);
		expect(r[0].affectation.get('ips')).toBe(13);
	});

	it('ne reconnaît rien sans les colonnes obligatoires', () => {
		expect(reconnaitre(['uai', 'ips'])).toEqual([]);
	});
});

describe('suggestions et correspondance', () => {
	it('mesure la distance entre deux en-têtes', () => {
		expect(levenshtein('ips', 'ipss')).toBe(1);
		expect(levenshtein('', 'abc')).toBe(3);
		expect(similarite('Effectif', 'effectifs')).toBeCloseTo(1 - 1 / 9, 5);
		expect(similarite('UAI', 'uai')).toBe(1);
	});

	it('propose les genres proches et, champ par champ, les colonnes proches', () => {
		const c = candidats(['Rentrée', 'UAI', 'Nom école', 'Indice IPS', 'Effectif']);
		const ips = c.find((x) => x.genre === 'ips_ecoles')!;
		expect(ips).toBeDefined();
		expect(ips.requisManquants).toEqual(['annee_scolaire']);
		expect(ips.champs.find((x) => x.champ === 'effectifs')?.proches).toContain('Effectif');
	});

	it('dit « Vouliez-vous dire … ? » pour une colonne mal orthographiée', () => {
		const [s] = suggestionsColonnes(['n_eleve']);
		expect(s.proches[0]).toMatchObject({ champ: 'n_eleves' });
		expect(vouliezVousDire(s)).toMatch(/^Vouliez-vous dire « n_eleves »/);
		expect(vouliezVousDire(suggestionsColonnes(['uai'])[0])).toBeUndefined();
	});

	it('applique une correspondance donnée par l’utilisateur, nom exact ou approché', () => {
		const { affectation, introuvables } = affecterSelon(
			{
				genre: 'ips_ecoles',
				colonnes: { uai: 'Code UAI', ips: 'indice ips', annee_scolaire: 'Année' }
			},
			['Année', 'Code UAI', 'Indice IPS']
		);
		expect(introuvables).toEqual([]);
		expect(affectation.get('annee_scolaire')).toBe(0);
		expect(affectation.get('uai')).toBe(1);
		expect(affectation.get('ips')).toBe(2);
		expect(affectation.get('effectifs')).toBeNull();
		expect(
			affecterSelon({ genre: 'ips_ecoles', colonnes: { uai: 'UAI école' } }, ['uai']).introuvables
		).toEqual(['UAI école']);
	});

	it('donne une signature d’en-tête stable', () => {
		const a = signatureEntete(['UAI', 'Nom de l’école', 'IPS']);
		expect(a).toBe(signatureEntete(['uai', "nom de l'ecole", 'ips ']));
		expect(a).not.toBe(signatureEntete(['IPS', 'UAI', 'Nom de l’école']));
		expect(a).toMatch(/^v1-3-[0-9a-z]+$/);
	});
});

describe('colonnes en double', () => {
	const genre = genreParId('evaluations_ecoles');
	const entete = [
		'annee_scolaire',
		'uai',
		'niveau',
		'discipline',
		'competence_id',
		'competence_libelle',
		'n_eleves',
		'n_besoin',
		'n_fragile',
		'n_satisfaisant',
		'UAI',
		'commentaire',
		'commentaire'
	];

	it('signale une colonne lue que le fichier répète, pas une colonne ignorée', () => {
		const doubles = colonnesEnDouble(entete, affecter(genre, entete));
		expect(doubles).toEqual([{ entete: 'uai', positions: [2, 11] }]);
		expect(messageColonnesEnDouble(doubles)).toContain('« uai » 2 fois (colonnes 2 et 11)');
	});

	it('ne dit rien quand chaque colonne lue est unique', () => {
		expect(colonnesEnDouble(entete.slice(0, 10), affecter(genre, entete.slice(0, 10)))).toEqual([]);
	});
});
