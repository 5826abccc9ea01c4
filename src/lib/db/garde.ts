import {
	bornesTable,
	compterTable,
	lireTable,
	TABLES_DONNEES,
	viderTables,
	type NomTable
} from './sql/schema';
import type { Moteur } from './types';

/** One table of imported data as kept between visits: its rows as an Arrow IPC stream. */
export interface TableGardee {
	readonly nom: string;
	readonly lignes: number;
	readonly ipc: Uint8Array;
}

/**
 * The engine's tables of imported data as they are now, to be reloaded at the next start instead
 * of replaying every import through its checks (issue #19: 25 s for a 20 M-row pupil file). Arrow
 * IPC is what DuckDB-wasm hands out and takes back in bulk; Parquet would be smaller but is an
 * extension fetched from the network.
 */
export async function photographier(moteur: Moteur): Promise<TableGardee[]> {
	const tables: TableGardee[] = [];
	for (const nom of TABLES_DONNEES) {
		const [{ n, dernier }] = await moteur.lignes<{ n: number; dernier: number }>({
			sql: bornesTable(nom),
			params: []
		});
		const lectures = [];
		for (let debut = 0; debut <= Math.max(dernier, 0); debut += LIGNES_PAR_LECTURE)
			lectures.push({
				sql: lireTable(nom, { debut, fin: debut + LIGNES_PAR_LECTURE }),
				params: []
			});
		const ipc = await moteur.octetsArrow(...lectures);
		tables.push({ nom, lignes: n, ipc });
	}
	return tables;
}

/**
 * Rows per read of a table being kept: DuckDB materialises and serialises a result whole in its
 * wasm memory, which never shrinks, and the académie's evaluations read at once grew it by
 * ≈ 55 MB after each import (demo académie imported: 125 → 180 MB).
 */
const LIGNES_PAR_LECTURE = 50_000;

/**
 * DuckDB-wasm buffers a stream that does not end with the end-of-stream marker and waits for more
 * bytes on the same connection: truncated bytes would then be glued to the next insert.
 */
const FIN_DE_FLUX = [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0];
const fluxComplet = (ipc: Uint8Array) =>
	ipc.length >= 8 && FIN_DE_FLUX.every((o, i) => ipc[ipc.length - 8 + i] === o);

/**
 * Puts kept tables back in place of the engine's data, in one transaction: unreadable bytes, a
 * missing table or a row count that differs leave the tables as they were before and throw (the
 * caller then replays the journal).
 */
export async function restaurer(moteur: Moteur, tables: readonly TableGardee[]): Promise<void> {
	const noms = new Set(tables.map((t) => t.nom));
	if (
		tables.length !== TABLES_DONNEES.length ||
		noms.size !== tables.length ||
		TABLES_DONNEES.some((nom) => !noms.has(nom))
	)
		throw new Error('Tables gardées incomplètes.');
	const tronquee = tables.find((t) => !fluxComplet(t.ipc));
	if (tronquee) throw new Error(`Table gardée ${tronquee.nom} tronquée.`);
	await moteur.executer('BEGIN TRANSACTION');
	try {
		for (const sql of viderTables()) await moteur.executer(sql);
		for (const t of tables) {
			if (t.lignes > 0) await moteur.insererArrow(t.nom, t.ipc);
			const [{ n }] = await moteur.lignes<{ n: number }>({
				sql: compterTable(t.nom as NomTable),
				params: []
			});
			if (n !== t.lignes)
				throw new Error(`Table gardée ${t.nom} : ${n} lignes au lieu de ${t.lignes}.`);
		}
		await moteur.executer('COMMIT');
	} catch (e) {
		await moteur.executer('ROLLBACK').catch(() => undefined);
		throw e;
	}
}
