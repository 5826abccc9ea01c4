import type { Page } from 'playwright-core';
import { expect } from 'vitest';

// The copy of the engine's tables the app keeps in IndexedDB (src/lib/stockage/tables-gardees.ts),
// read from the test: it is written in the background after each change of the data.

/** The copy of the tables in the page's IndexedDB: its key and tables, or null. */
export function copie(page: Page): Promise<{ cle: string; tables: string[] } | null> {
	return page.evaluate(async () => {
		// Opening a database that does not exist would create it empty, without its store.
		if (!(await indexedDB.databases()).some((d) => d.name === 'pilotage-tables')) return null;
		const db = await new Promise<IDBDatabase>((ok, ko) => {
			const r = indexedDB.open('pilotage-tables');
			r.onsuccess = () => ok(r.result);
			r.onerror = () => ko(r.error);
		});
		const valeur = await new Promise<{ cle: string; tables: { nom: string }[] } | undefined>(
			(ok, ko) => {
				const r = db.transaction('garde').objectStore('garde').get('tables');
				r.onsuccess = () => ok(r.result);
				r.onerror = () => ko(r.error);
			}
		);
		db.close();
		return valeur ? { cle: valeur.cle, tables: valeur.tables.map((t) => t.nom) } : null;
	});
}

/** Waits until the browser holds a copy for the data as they are now (written after a change). */
export async function attendreCopie(page: Page, differenteDe?: string | null): Promise<string> {
	let cle = '';
	await expect
		.poll(
			async () => {
				const c = await copie(page);
				cle = c?.cle ?? '';
				return c !== null && c.cle !== differenteDe;
			},
			{ timeout: 60_000 }
		)
		.toBe(true);
	return cle;
}
