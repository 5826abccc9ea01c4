import { version } from '$app/environment';
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ChiffresAcademie } from './chiffres';

/**
 * The home page's figures last computed by the engine on imported data, kept in this browser's
 * IndexedDB (like the imported files themselves; nothing leaves the browser) so that the next start
 * can show them at once, while the engine replays the imports (seconds for big files).
 *
 * They are shown only for exactly the same data: the key holds the build (its SQL and its
 * importer) and the journal's imports in replay order. Only the last state is kept.
 */
interface SchemaRetenus extends DBSchema {
	chiffres: { key: string; value: { cle: string; chiffres: ChiffresAcademie } };
}

let base: Promise<IDBPDatabase<SchemaRetenus> | undefined> | undefined;

function ouvrir(): Promise<IDBPDatabase<SchemaRetenus> | undefined> {
	base ??= openDB<SchemaRetenus>('pilotage-demarrage', 1, {
		upgrade(b) {
			b.createObjectStore('chiffres', { keyPath: 'cle' });
		}
	}).catch(() => undefined);
	return base;
}

/** The key of one state of the data: this build and the imports, identified and in order. */
export function cleDesImports(imports: readonly { id: string }[]): string {
	return JSON.stringify([version, imports.map((i) => i.id)]);
}

/** Figures kept for exactly this state of the data, if any. Never throws. */
export async function lireChiffresRetenus(cle: string): Promise<ChiffresAcademie | undefined> {
	try {
		return (await (await ouvrir())?.get('chiffres', cle))?.chiffres;
	} catch {
		return undefined;
	}
}

/** Keeps the engine's figures for this state of the data, in place of any earlier ones. */
export async function retenirChiffres(cle: string, chiffres: ChiffresAcademie): Promise<void> {
	try {
		const db = await ouvrir();
		if (!db) return;
		const tx = db.transaction('chiffres', 'readwrite');
		await tx.store.clear();
		await tx.store.put({ cle, chiffres: { ...chiffres } });
		await tx.done;
	} catch {
		// A browser that refuses storage only loses the head start at the next visit.
	}
}

/** « Effacer toutes les données » forgets these figures too. */
export async function oublierChiffres(): Promise<void> {
	try {
		await (await ouvrir())?.clear('chiffres');
	} catch {
		// Nothing kept, nothing to forget.
	}
}
