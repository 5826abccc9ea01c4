import { describe, expect, it } from 'vitest';
import { ouvrirMoteurNode } from '../node';
import { initialiserSchema } from '../schema';
import { memoireMoteur } from './memoire';

describe('memoireMoteur (banc d’essai)', () => {
	it('dit ce que DuckDB tient, en octets, et sa limite', async () => {
		const moteur = await ouvrirMoteurNode();
		await initialiserSchema(moteur);
		const [vide] = await moteur.lignes<{ octets: number; limite: string }>(memoireMoteur());
		await moteur.executer('CREATE TABLE t AS SELECT range AS x FROM range(1000000)');
		const [plein] = await moteur.lignes<{ octets: number; limite: string }>(memoireMoteur());
		expect(typeof plein.octets).toBe('number');
		// A million BIGINTs are held in memory: at least 8 MB more than the empty schema.
		expect(plein.octets - vide.octets).toBeGreaterThanOrEqual(8e6);
		expect(plein.limite).toMatch(/B$/);
	});
});
