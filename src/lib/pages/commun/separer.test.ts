import { tableFromArrays } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { lignesSans, sansCle, separerPar, tranchesPar } from './separer';

describe('lectures de tous les territoires, séparées par clé', () => {
	it('regroupe les lignes par clé, dans leur ordre, sans la colonne de la clé', () => {
		const lignes = [
			{ reseau_id: 'R1', uai: 'A', n: 1 },
			{ reseau_id: 'R2', uai: 'B', n: 2 },
			{ reseau_id: 'R1', uai: 'C', n: 3 }
		];
		const parReseau = separerPar<{ uai: string; n: number }, 'reseau_id'>(lignes, 'reseau_id');
		expect(parReseau.get('R1')).toEqual([
			{ uai: 'A', n: 1 },
			{ uai: 'C', n: 3 }
		]);
		expect(parReseau.get('R2')).toEqual([{ uai: 'B', n: 2 }]);
		expect(sansCle(lignes[0], 'reseau_id')).toEqual({ uai: 'A', n: 1 });
		// The rows read are left as they were.
		expect(lignes[0].reseau_id).toBe('R1');
	});

	it('découpe une table Arrow triée en tranches, lues en lignes sans la clé', () => {
		const table = tableFromArrays({
			code: ['X', 'X', 'Y', 'Z', 'Z', 'Z'],
			n: Int32Array.from([1, 2, 3, 4, 5, 6])
		});
		const tranches = tranchesPar(table, 'code');
		expect([...tranches.keys()]).toEqual(['X', 'Y', 'Z']);
		expect(lignesSans(tranches.get('Z')!, 'code')).toEqual([{ n: 4 }, { n: 5 }, { n: 6 }]);
		expect(lignesSans(tranches.get('Y')!, 'code')).toEqual([{ n: 3 }]);
		expect(tranches.has('W') || tranches.get('W') !== undefined).toBe(false);
		expect([...tranches].map(([code, t]) => [code, t.numRows])).toEqual([
			['X', 2],
			['Y', 1],
			['Z', 3]
		]);
	});
});
