import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { estQuotaDepasse } from './espace';

/**
 * The engine's tables as they stood after the last change, kept in IndexedDB so that a start
 * reloads them in bulk instead of replaying every import (issue #19). The import journal stays
 * the source of truth: these are a copy, valid for one key only (the build and the journal's
 * imports in order), and any doubt (absent, another key, unreadable) means a replay.
 *
 * IndexedDB rather than DuckDB's own file in OPFS: it exists on a plain-HTTP intranet page (OPFS
 * does not: no secure context), several tabs read and write it safely (a DuckDB file in OPFS is
 * locked by the first tab that opens it), and one transaction replaces the whole copy at once.
 * A database of its own, so that the journal's schema and version stay as they are.
 */
export interface TableOctets {
	readonly nom: string;
	readonly lignes: number;
	readonly ipc: Uint8Array;
}

interface Garde {
	cle: string;
	/** Blobs: Chromium keeps them as files, and the key can be read without reading them. */
	tables: { nom: string; lignes: number; octets: Blob }[];
}

interface SchemaGarde extends DBSchema {
	garde: { key: string; value: Garde };
}

/** The copy's format: a new one leaves the older copies unread. */
const FORMAT = 1;
const CLE_UNIQUE = 'tables';

let base: Promise<IDBPDatabase<SchemaGarde> | undefined> | undefined;

function ouvrir(): Promise<IDBPDatabase<SchemaGarde> | undefined> {
	base ??= openDB<SchemaGarde>('pilotage-tables', 1, {
		upgrade(b) {
			b.createObjectStore('garde');
		}
	}).catch(() => undefined);
	return base;
}

const cleFormat = (cle: string) => `${FORMAT}:${cle}`;

/**
 * The tables kept for exactly this state of the data (`cle`), or `undefined`: none, another state,
 * or bytes the browser can no longer read. Never throws.
 */
export async function lireTablesGardees(cle: string): Promise<TableOctets[] | undefined> {
	try {
		const garde = await (await ouvrir())?.get('garde', CLE_UNIQUE);
		if (!garde || garde.cle !== cleFormat(cle)) return undefined;
		return await Promise.all(
			garde.tables.map(async (t) => ({
				nom: t.nom,
				lignes: t.lignes,
				ipc: new Uint8Array(await t.octets.arrayBuffer())
			}))
		);
	} catch {
		return undefined;
	}
}

/** The copy's key and size, without reading its bytes (the benchmark's report). */
export async function decrireTablesGardees(): Promise<{ cle: string; octets: number } | undefined> {
	try {
		const garde = await (await ouvrir())?.get('garde', CLE_UNIQUE);
		if (!garde) return undefined;
		return {
			cle: garde.cle.slice(garde.cle.indexOf(':') + 1),
			octets: garde.tables.reduce((n, t) => n + t.octets.size, 0)
		};
	} catch {
		return undefined;
	}
}

/**
 * Keeps these tables for this state of the data, in place of the earlier copy, in one transaction.
 * Says whether they were kept: a full disk or a browser that refuses storage only costs a replay at
 * the next start, so nothing is thrown.
 */
export async function garderTables(cle: string, tables: readonly TableOctets[]): Promise<boolean> {
	try {
		const db = await ouvrir();
		if (!db) return false;
		const garde: Garde = {
			cle: cleFormat(cle),
			tables: tables.map((t) => ({
				nom: t.nom,
				lignes: t.lignes,
				octets: new Blob([t.ipc as Uint8Array<ArrayBuffer>])
			}))
		};
		// The earlier copy goes first, so that both never take room at once; a reader in between
		// finds none and replays, which is always right.
		await db.clear('garde');
		const tx = db.transaction('garde', 'readwrite');
		await Promise.all([tx.store.put(garde, CLE_UNIQUE), tx.done]);
		return true;
	} catch {
		return false;
	}
}

/**
 * Drops the copy (the data changed, or the journal needs the space). Says whether one was there.
 * Never throws.
 */
export async function oublierTablesGardees(): Promise<boolean> {
	try {
		const db = await ouvrir();
		if (!db) return false;
		const tx = db.transaction('garde', 'readwrite');
		const avait = (await tx.store.count()) > 0;
		await Promise.all([tx.store.clear(), tx.done]);
		return avait;
	} catch {
		return false;
	}
}

/**
 * Awaits a write of the journal; if the quota refused it while a copy of the tables took room, the
 * copy goes and `encore` writes once more: the journal comes first, the copy is only a speed-up.
 */
export async function faireDeLaPlace<T>(
	ecriture: Promise<T>,
	encore: () => Promise<T>
): Promise<T> {
	try {
		return await ecriture;
	} catch (e) {
		if (!estQuotaDepasse(e) || !(await oublierTablesGardees())) throw e;
		return encore();
	}
}
