import { tableFromArrays, tableFromJSON } from 'apache-arrow';
import { describe, expect, it } from 'vitest';
import { lignesDe } from './lignes';

describe('lignesDe', () => {
	it('donne les lignes que donnerait Arrow, colonne par colonne, valeurs nulles comprises', () => {
		const colonnes: Record<string, Float64Array> = {};
		for (let j = 0; j < 22; j++) colonnes[`groupe_${j}`] = Float64Array.from([j, j + 0.5, -j]);
		const table = tableFromArrays(colonnes).assign(
			tableFromJSON([{ uai: '0219001V' }, { uai: null }, { uai: '0219120Z' }])
		);
		expect(table.batches.length).toBeGreaterThan(0);
		expect(lignesDe(table)).toEqual(table.toArray().map((l) => l.toJSON()));
	});

	it('donne une ligne par ligne de chaque lot, dans l’ordre', () => {
		const table = tableFromJSON([{ a: 1 }, { a: 2 }]).concat(tableFromJSON([{ a: 3 }]));
		expect(table.batches.length).toBe(2);
		expect(lignesDe(table)).toEqual([{ a: 1 }, { a: 2 }, { a: 3 }]);
	});
});
