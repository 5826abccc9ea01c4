import { beforeEach, describe, expect, it } from 'vitest';
import { ouvrirMoteurNode } from './node';
import { sql } from './index';
import { initialiserSchema } from './schema';
import type { Moteur } from './types';

let moteur: Moteur;

beforeEach(async () => {
	moteur = await ouvrirMoteurNode();
	await initialiserSchema(moteur);
});

const compter = async (table: string) =>
	(await moteur.lignes<{ n: number }>({ sql: `SELECT count(*) AS n FROM ${table}`, params: [] }))[0]
		.n;

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
		await moteur.executer(
			"INSERT INTO ecole (uai, nom) VALUES ('0219001A', 'École élémentaire Jean Jaurès')"
		);
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
