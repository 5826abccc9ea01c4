import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import { sql, type Moteur } from '$lib/db';
import { ouvrirMoteurNode } from '$lib/db/node';
import { initialiserSchema } from '$lib/db/schema';
import { REFDATA } from '../../../tests/reels';
import { chargerDeConfiance } from './confiance';
import type { IdGenre } from './genres';

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

/** A trusted file loaded through its kind; the number of rows its first table received. */
async function charger(nom: string, texte: string, genre: IdGenre) {
	const octets = new TextEncoder().encode(texte);
	const [bilan] = await chargerDeConfiance(moteur, { nom, octets }, genre, nom);
	return bilan.lignes;
}

const compter = async (table: string) =>
	(await moteur.lignes<{ n: number }>({ sql: `SELECT count(*) AS n FROM ${table}`, params: [] }))[0]
		.n;

describe('chargement d’un fichier de confiance par son genre', () => {
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
		// A line with a value too many does not parse: the load stops, nothing of it is kept.
		const casse = EVALUATIONS.replace(';40;', ';40;41;').replace(';8;', ';9;');
		await expect(charger('casse.csv', casse, 'evaluations_ecoles')).rejects.toMatchObject({
			name: 'DbError'
		});
		const sansUai = EVALUATIONS.replace('annee_scolaire;uai;', 'annee_scolaire;ecole;');
		await expect(charger('sans-uai.csv', sansUai, 'evaluations_ecoles')).rejects.toThrow(/uai/);
		expect(await compter('evaluation')).toBe(2);
		const [{ n }] = await moteur.lignes<{ n: number }>({
			sql: "SELECT count(*) AS n FROM evaluation WHERE source <> 'evaluations.csv'",
			params: []
		});
		expect(n).toBe(0);
	});

	it('lit l’IPS des écoles tel que publié en open data (fichier réel, 905 lignes)', async () => {
		const texte = readFileSync(`${REFDATA}/ips/fr-en-ips-ecoles-ap2022__v2023__dijon.csv`, 'utf8');
		expect(await charger('ips.csv', texte, 'ips_ecoles')).toBe(905);
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
		expect(await charger('effectifs.csv', texte, 'effectifs_ecoles')).toBe(2704);
		const [r] = await moteur.lignes<Record<string, unknown>>({
			sql: "SELECT annee_scolaire, nb_classes, nb_eleves, nb_ce1 FROM effectifs WHERE uai = '0350103X' AND annee_scolaire = '2022-2023'",
			params: []
		});
		expect(r).toEqual({ annee_scolaire: '2022-2023', nb_classes: 12, nb_eleves: 289, nb_ce1: 68 });
	});
});
