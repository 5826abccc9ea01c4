import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REFDATA } from '../reels';
import { attendreCopie, copie } from './copie';
import { fichierEleves } from './fichiers';
import {
	attendrePret,
	chiffresImport,
	historique,
	lancerChromium,
	nouvellePage
} from './navigateur';

// Issue #19: a start reloads the engine's tables as the browser kept them after the last change,
// and replays the journal when that copy is missing, damaged, out of date or refused.
const url = inject('urlApplication');
const IPS = 'fr-en-ips-ecoles-ap2022__v2023__dijon.csv';
const dossier = mkdtempSync(join(tmpdir(), 'pilotage-gardees-'));
const ELEVES = fichierEleves(dossier, 'eleves-gardes.csv', 3_000);
let navigateur: Browser;

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

/**
 * Changes the stored copy in the page, through IndexedDB: damages its bytes, deletes it, or puts it
 * aside in the page's memory (`retenir`) to write it back later (`remettre`).
 */
function modifierCopie(
	page: Page,
	changer: 'abimer' | 'effacer' | 'retenir' | 'remettre'
): Promise<void> {
	return page.evaluate(async (changer) => {
		const db = await new Promise<IDBDatabase>((ok, ko) => {
			const r = indexedDB.open('pilotage-tables');
			r.onsuccess = () => ok(r.result);
			r.onerror = () => ko(r.error);
		});
		const tx = db.transaction('garde', 'readwrite');
		const magasin = tx.objectStore('garde');
		const memoire = window as unknown as { __copie?: unknown };
		if (changer === 'effacer') magasin.clear();
		else if (changer === 'retenir') {
			const r = magasin.get('tables');
			r.onsuccess = () => (memoire.__copie = r.result);
		} else if (changer === 'remettre') magasin.put(memoire.__copie, 'tables');
		else {
			const r = magasin.get('tables');
			r.onsuccess = () => {
				const v = r.result as { tables: { nom: string; octets: Blob }[] };
				// The bytes of the first non-empty table replaced by noise; the key stays valid.
				const t = v.tables.find((x) => x.nom === 'ips')!;
				t.octets = new Blob([new Uint8Array(4096).fill(42)]);
				magasin.put(v, 'tables');
			};
		}
		await new Promise((ok, ko) => {
			tx.oncomplete = ok;
			tx.onerror = () => ko(tx.error);
		});
		db.close();
	}, changer);
}

/**
 * Goes to a page through the app's navigation, as a link does: `page.goto` to another hash is, for
 * SvelteKit's hash router, an address typed by hand, which may start the app again (and a start
 * that replays the journal writes a new copy, which the test must not race against).
 */
async function aller(page: Page, libelle: 'Importer des données' | 'À propos des données') {
	await page.locator('#navigation').getByRole('link', { name: libelle }).click();
	await page.waitForURL(libelle === 'Importer des données' ? /#\/import$/ : /#\/donnees$/);
}

/** What « À propos des données » shows: where the data came from, and the tables' rows. */
async function lireDonnees(page: Page): Promise<{ chargement: string | null; tables: string }> {
	const table = page.locator('table', { hasText: 'Tables chargées' });
	await table.locator('tbody tr').first().waitFor();
	const chargement = page.locator('[data-chargement]');
	await chargement.waitFor();
	return {
		chargement: await chargement.getAttribute('data-chargement'),
		tables: await table.innerText()
	};
}

/** Reloads « À propos des données » (one start of the app) and reads it. */
async function recharger(page: Page): Promise<{ chargement: string | null; tables: string }> {
	if (!page.url().endsWith('#/donnees')) await aller(page, 'À propos des données');
	await page.reload();
	await attendrePret(page);
	return lireDonnees(page);
}

describe('Tables gardées entre deux visites', () => {
	it('un rechargement reprend les tables gardées ; abîmées, effacées ou périmées, le journal est rejoué et rien ne manque', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/import`);
		await attendrePret(page);
		expect(await copie(page)).toBeNull();

		await page.setInputFiles('#fichiers', join(REFDATA, 'ips', IPS));
		expect((await chiffresImport(page, IPS)).acceptées).toBe(905);
		const cleIps = await attendreCopie(page);
		await aller(page, 'À propos des données');
		const apresIps = (await lireDonnees(page)).tables;
		expect(apresIps).toContain('905');

		// Kept tables: the same data, without replaying the import.
		expect(await recharger(page)).toEqual({ chargement: 'garde', tables: apresIps });

		// A second import: a new copy for the new state of the data.
		await aller(page, 'Importer des données');
		await page.setInputFiles('#fichiers', ELEVES);
		expect((await chiffresImport(page, 'eleves-gardes.csv')).acceptées).toBe(3_000);
		await attendreCopie(page, cleIps);
		await aller(page, 'À propos des données');
		const apresDeux = (await lireDonnees(page)).tables;
		expect(apresDeux).toContain('eleves-gardes.csv');
		expect(await recharger(page)).toEqual({ chargement: 'garde', tables: apresDeux });

		// Damaged bytes under a valid key: replayed from the journal, nothing missing…
		await modifierCopie(page, 'abimer');
		expect(await recharger(page)).toEqual({ chargement: 'journal', tables: apresDeux });
		// …and the copy written again after the replay serves the next start.
		await attendreCopie(page);
		expect(await recharger(page)).toEqual({ chargement: 'garde', tables: apresDeux });

		// No copy at all.
		await modifierCopie(page, 'effacer');
		expect(await recharger(page)).toEqual({ chargement: 'journal', tables: apresDeux });
		const cleDeux = await attendreCopie(page);

		// A copy that is not the journal's state (as when another tab changed the journal and its
		// copy could not be written): the copy of two imports put back after one is removed must
		// not bring the removed file back.
		await modifierCopie(page, 'retenir');
		await aller(page, 'Importer des données');
		await page.getByRole('button', { name: 'Retirer l’import eleves-gardes.csv' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Retirer l’import' }).click();
		await page.getByText('« eleves-gardes.csv » est retiré').waitFor();
		expect(await historique(page)).toEqual([IPS]);
		await attendreCopie(page, cleDeux);
		await modifierCopie(page, 'remettre');
		expect((await copie(page))?.cle).toBe(cleDeux);
		expect(await recharger(page)).toEqual({ chargement: 'journal', tables: apresIps });
		expect(journal.erreursConsole).toEqual([]);
	}, 240_000);

	it('un navigateur qui refuse de garder les tables rejoue le journal à chaque démarrage', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		// This origin's IndexedDB refuses the copy's database only: the journal is kept.
		await page.context().addInitScript(() => {
			const ouvrir = IDBFactory.prototype.open;
			IDBFactory.prototype.open = function (nom: string, version?: number) {
				if (nom === 'pilotage-tables') throw new DOMException('refusé', 'SecurityError');
				return ouvrir.call(this, nom, version);
			};
		});
		await page.goto(`${url}#/import`);
		await attendrePret(page);
		await page.setInputFiles('#fichiers', join(REFDATA, 'ips', IPS));
		expect((await chiffresImport(page, IPS)).acceptées).toBe(905);
		await aller(page, 'À propos des données');
		const session = (await lireDonnees(page)).tables;
		expect(await recharger(page)).toEqual({ chargement: 'journal', tables: session });
		expect(journal.erreursConsole).toEqual([]);
	}, 120_000);
});
