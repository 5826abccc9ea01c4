import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { chargerFichier, initialiserSchema } from './chargement';
import { ouvrirMoteurNode } from './node';
import { sql } from './index';
import type { Moteur } from './types';
import { REFDATA } from '../../../tests/reels';

const ECOLES = `uai;nom;type;secteur;code_commune;commune;code_departement;code_circonscription;groupe_proximite;education_prioritaire;rural;latitude;longitude
0219001A;École élémentaire Jean Jaurès;elementaire;public;21515;Quetigny;021;0219700X;Quetigny;;0;47.31;5.10
0219002B;École primaire du Centre;primaire;public;21171;Chevigny-Saint-Sauveur;021;0219700X;Chevigny;REP;1;47.30;5.13
`;

const EVALUATIONS = `annee_scolaire;uai;niveau;discipline;competence_id;competence_libelle;n_eleves;n_besoin;n_fragile;n_satisfaisant
2024-2025;0219001A;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;40;10;12;18
2024-2025;0219002B;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;8;2;2;4
`;

let moteur: Moteur;

beforeEach(async () => {
	moteur = await ouvrirMoteurNode();
	await initialiserSchema(moteur);
});

async function charger(nom: string, texte: string, format: Parameters<typeof chargerFichier>[2]) {
	await moteur.enregistrerTexte(nom, texte);
	return chargerFichier(moteur, nom, format, nom);
}

const compter = async (table: string) =>
	(await moteur.lignes<{ n: number }>({ sql: `SELECT count(*) AS n FROM ${table}`, params: [] }))[0]
		.n;

describe('chargement des formats Pilotage', () => {
	it('charge les écoles avec leurs types (booléen rural, décimaux, zéros de tête gardés)', async () => {
		expect(await charger('ecoles.csv', ECOLES, 'ecoles')).toBe(2);
		const [e] = await moteur.lignes<Record<string, unknown>>(sql.portraitEcole('0219002B'));
		expect(e).toMatchObject({
			uai: '0219002B',
			commune: 'Chevigny-Saint-Sauveur',
			code_departement: '021',
			rural: true,
			education_prioritaire: 'REP',
			latitude: 47.3
		});
	});

	it('ne change rien quand on réimporte le même fichier', async () => {
		await charger('evaluations.csv', EVALUATIONS, 'evaluations_ecoles');
		await charger('evaluations.csv', EVALUATIONS, 'evaluations_ecoles');
		expect(await compter('evaluation')).toBe(2);
	});

	it('remplace une ligne par la plus récente importée pour la même école, année et compétence', async () => {
		await charger('evaluations.csv', EVALUATIONS, 'evaluations_ecoles');
		const correction = EVALUATIONS.split('\n')
			.slice(0, 2)
			.join('\n')
			.replace(';18', ';19')
			.replace(';12;', ';11;');
		await charger('correction.csv', correction, 'evaluations_ecoles');
		const lignes = await moteur.lignes<{ uai: string; n_satisfaisant: number; source: string }>({
			sql: 'SELECT uai, n_satisfaisant, source FROM evaluation ORDER BY uai',
			params: []
		});
		expect(lignes).toEqual([
			{ uai: '0219001A', n_satisfaisant: 19, source: 'correction.csv' },
			{ uai: '0219002B', n_satisfaisant: 4, source: 'evaluations.csv' }
		]);
	});

	it('laisse intactes les données déjà chargées quand un fichier échoue', async () => {
		await charger('evaluations.csv', EVALUATIONS, 'evaluations_ecoles');
		const casse = EVALUATIONS.replace(';40;', ';quarante;');
		await expect(charger('casse.csv', casse, 'evaluations_ecoles')).rejects.toMatchObject({
			name: 'DbError'
		});
		expect(await compter('evaluation')).toBe(2);
		const [{ n }] = await moteur.lignes<{ n: number }>({
			sql: "SELECT count(*) AS n FROM evaluation WHERE source = 'casse.csv'",
			params: []
		});
		expect(n).toBe(0);
	});

	it('lit l’IPS des écoles tel que publié en open data (fichier réel, 905 lignes)', async () => {
		const texte = readFileSync(`${REFDATA}/ips/fr-en-ips-ecoles-ap2022__v2023__dijon.csv`, 'utf8');
		expect(await charger('ips.csv', texte, 'ips_open_data')).toBe(905);
		const [r] = await moteur.lignes<{ ips: number; effectifs: number; annee_scolaire: string }>({
			sql: "SELECT ips, effectifs, annee_scolaire FROM ips WHERE uai = '0210154D'",
			params: []
		});
		expect(r).toEqual({ ips: 114.5, effectifs: 104, annee_scolaire: '2022-2023' });
	});

	it('lit les effectifs et classes des écoles tels que publiés (fichier réel, 2 704 lignes)', async () => {
		const texte = readFileSync(
			`${REFDATA}/effectifs/fr-en-ecoles-effectifs-nb_classes__2022__ille-et-vilaine.csv`,
			'utf8'
		);
		expect(await charger('effectifs.csv', texte, 'effectifs_open_data')).toBe(2704);
		const [r] = await moteur.lignes<Record<string, unknown>>({
			sql: "SELECT annee_scolaire, nb_classes, nb_eleves, nb_ce1 FROM effectifs WHERE uai = '0350103X' AND annee_scolaire = '2022-2023'",
			params: []
		});
		expect(r).toEqual({ annee_scolaire: '2022-2023', nb_classes: 12, nb_eleves: 289, nb_ce1: 68 });
	});
});

describe('échappement', () => {
	it('garde un en-tête hostile comme simple nom de colonne', async () => {
		const hostile = 'a"; DROP TABLE ecole; --';
		await moteur.executer(`CREATE TABLE t (${sql.identifiant(hostile)} VARCHAR)`);
		await moteur.executer(`INSERT INTO t VALUES (${sql.litteral("l'école")})`);
		const [r] = await moteur.lignes<Record<string, string>>({ sql: 'SELECT * FROM t', params: [] });
		expect(r[hostile]).toBe("l'école");
		expect(await compter('ecole')).toBe(0);
	});

	it('passe les valeurs en paramètres', async () => {
		await charger('ecoles.csv', ECOLES, 'ecoles');
		const r = await moteur.lignes(sql.portraitEcole("0219001A' OR '1'='1"));
		expect(r).toEqual([]);
	});
});

describe('erreurs du moteur', () => {
	it('explique en français une requête sur une table absente, en gardant la cause', async () => {
		const erreur = await moteur
			.lignes({ sql: 'SELECT * FROM table_absente', params: [] })
			.catch((e) => e);
		expect(erreur.name).toBe('DbError');
		expect(erreur.explication).toMatch(/table attendue est absente/);
		expect(erreur.sql).toBe('SELECT * FROM table_absente');
		expect(String(erreur.cause)).toMatch(/table_absente/);
	});

	it('refuse de charger une extension depuis le réseau', async () => {
		await expect(moteur.executer('SET autoload_known_extensions = true')).rejects.toMatchObject({
			name: 'DbError'
		});
	});
});
