import type { Table } from 'apache-arrow';

/**
 * An Arrow result's rows as plain objects, as Arrow's `toJSON` gives them but built otherwise:
 * `toJSON` adds a row's columns one by one under computed names, and past about fifteen columns
 * Chromium then keeps the row as a hash table (a 23-column row of a network's collège weighed
 * ≈ 800 bytes instead of ≈ 150, 14 MB for the académie's). Each row here is a copy of one
 * model row whose columns already exist: every row keeps V8's compact shape, and is built about
 * twice as fast.
 */
export function lignesDe<T>(table: Table): T[] {
	const noms = table.schema.fields.map((f) => f.name);
	const modele = Object.fromEntries(noms.map((nom) => [nom, null]));
	const lignes: T[] = [];
	for (const lot of table.batches) {
		const colonnes = noms.map((_, j) => lot.getChildAt(j)!);
		for (let i = 0; i < lot.numRows; i++) {
			const ligne: Record<string, unknown> = { ...modele };
			for (let j = 0; j < noms.length; j++) ligne[noms[j]] = colonnes[j].get(i);
			lignes.push(ligne as T);
		}
	}
	return lignes;
}
