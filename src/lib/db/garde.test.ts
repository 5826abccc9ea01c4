import { beforeAll, describe, expect, it } from 'vitest';
import { moteurDemoNode } from '$lib/import/demo-node';
import { photographier, restaurer, type TableGardee } from './garde';
import { ouvrirMoteurNode } from './node';
import { initialiserSchema } from './schema';
import { TABLES_DONNEES } from './sql/schema';
import type { Moteur } from './types';

let demo: Moteur;
let gardees: TableGardee[];

beforeAll(async () => {
	demo = await moteurDemoNode();
	gardees = await photographier(demo);
}, 120_000);

async function moteurVide(): Promise<Moteur> {
	const m = await ouvrirMoteurNode();
	await initialiserSchema(m);
	return m;
}

/** Each table's row count and a hash of its rows (values and types), in any order. */
const contenu = async (m: Moteur) => {
	const tables: Record<string, unknown> = {};
	for (const nom of TABLES_DONNEES)
		[tables[nom]] = await m.lignes({
			sql: `SELECT count(*)::INTEGER AS n, sum(hash(x))::VARCHAR AS h FROM "${nom}" AS x`,
			params: []
		});
	return tables;
};

/** A copy whose bytes the next `restaurer` may consume (the browser's engine takes them). */
const copie = (tables: readonly TableGardee[]) => tables.map((t) => ({ ...t, ipc: t.ipc.slice() }));

describe('tables gardées entre deux visites', () => {
	it('redonnent dans un moteur neuf exactement les lignes de chaque table, types compris', async () => {
		const neuf = await moteurVide();
		await restaurer(neuf, copie(gardees));
		const attendu = await contenu(demo);
		// The demo fills every kind of column: dates (formation), booleans (ecole), pupils' classes.
		for (const nom of ['ecole', 'evaluation', 'formation', 'classe_resultat', 'reference'])
			expect(attendu[nom], nom).toMatchObject({ n: expect.any(Number) });
		expect(Object.values(attendu).filter((t) => (t as { n: number }).n > 0).length).toBe(
			TABLES_DONNEES.length
		);
		expect(await contenu(neuf)).toEqual(attendu);
	});

	it('remplacent les données déjà chargées, sans doublons', async () => {
		const neuf = await moteurVide();
		await restaurer(neuf, copie(gardees));
		await restaurer(neuf, copie(gardees));
		expect(await contenu(neuf)).toEqual(await contenu(demo));
	});

	it('abîmées, tronquées ou incomplètes, sont refusées et laissent les tables comme avant', async () => {
		const neuf = await moteurVide();
		await restaurer(neuf, copie(gardees));
		const avant = await contenu(neuf);
		const i = gardees.findIndex((t) => t.nom === 'evaluation');
		const abimees: TableGardee[][] = [
			copie(gardees).map((t, k) => (k === i ? { ...t, ipc: t.ipc.slice(0, t.ipc.length / 2) } : t)),
			copie(gardees).map((t, k) => (k === i ? { ...t, ipc: new Uint8Array(64).fill(7) } : t)),
			copie(gardees).map((t, k) => (k === i ? { ...t, lignes: t.lignes + 1 } : t)),
			copie(gardees).filter((_, k) => k !== i)
		];
		for (const tables of abimees) {
			await expect(restaurer(neuf, tables)).rejects.toThrow();
			expect(await contenu(neuf)).toEqual(avant);
		}
	});
});
