import type { Table } from 'apache-arrow';
import { lignesDe } from '$lib/db/lignes';

// Reads made once for every territory (every circonscription, every network) come back as one
// result with the territory's key as a column: these split them by key, as the per-territory
// queries would have returned them (without the key column).

/**
 * The row without its key column: a new object with the other properties. Neither a `delete`
 * nor properties added one by one (past about fifteen) would do: V8 then keeps the row as a hash
 * table, several times larger and slower to read by the statistics; `Object.fromEntries` does not.
 */
export function sansCle<T extends object, K extends string>(
	ligne: T & { [k in K]?: unknown },
	cle: K
): T {
	return Object.fromEntries(Object.entries(ligne).filter(([k]) => k !== cle)) as T;
}

/** An Arrow table's rows as objects, without one column (`sansCle` for Arrow). */
export function lignesSans<T>(table: Table, cle: string): T[] {
	const colonnes = table.schema.fields.map((f) => f.name).filter((nom) => nom !== cle);
	return lignesDe<T>(table.select(colonnes));
}

/** Rows grouped by the value of `cle`, in their order, each without that column. */
export function separerPar<T extends object, K extends string>(
	lignes: readonly (T & { [k in K]: string })[],
	cle: K
): Map<string, T[]> {
	const groupes = new Map<string, T[]>();
	for (const l of lignes) {
		const k = l[cle];
		let g = groupes.get(k);
		if (!g) groupes.set(k, (g = []));
		g.push(sansCle<T, K>(l, cle));
	}
	return groupes;
}

/**
 * For an Arrow table sorted by `colonne`, each value's rows as a slice of the table (no copy):
 * only the slice a view opens is turned into objects. Each slice is cut when asked for: kept for
 * every school of the académie, the slices' own objects weighed 4.7 MB beside 6.6 of rows.
 */
export function tranchesPar(table: Table, colonne: string): Tranches {
	const bornes = new Map<string, [number, number]>();
	const valeurs = table.getChild(colonne);
	for (let i = 0; i < table.numRows; i++) {
		const v = valeurs!.get(i) as string;
		const b = bornes.get(v);
		if (b) b[1] = i + 1;
		else bornes.set(v, [i, i + 1]);
	}
	return {
		has: (cle) => bornes.has(cle),
		get(cle) {
			const b = bornes.get(cle);
			return b && table.slice(b[0], b[1]);
		},
		keys: () => bornes.keys(),
		*[Symbol.iterator]() {
			for (const [cle, [debut, fin]] of bornes) yield [cle, table.slice(debut, fin)];
		}
	};
}

/** A table's slices by key, each cut when asked for. */
export interface Tranches {
	has(cle: string): boolean;
	get(cle: string): Table | undefined;
	keys(): Iterable<string>;
	[Symbol.iterator](): Iterator<[string, Table]>;
}
