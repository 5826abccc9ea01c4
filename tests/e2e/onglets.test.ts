import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REFDATA } from '../reels';
import { fichierEleves } from './fichiers';
import {
	adresseNonLocale,
	attendrePret,
	chiffresImport,
	historique,
	lancerChromium,
	tablesChargees
} from './navigateur';
import { servirApplication, type ServeurApplication } from './serveur';

const IPS = 'fr-en-ips-ecoles-ap2022__v2023__dijon.csv';
const dossier = mkdtempSync(join(tmpdir(), 'pilotage-onglets-'));
// Big enough that its check and its copy into IndexedDB last while the other tab imports.
const GROS = fichierEleves(dossier, 'eleves-gros.csv', 200_000);
const adresse = adresseNonLocale();
let navigateur: Browser;
let intranet: ServeurApplication;

beforeAll(async () => {
	navigateur = await lancerChromium([adresse]);
	intranet = await servirApplication(adresse);
});
afterAll(async () => {
	await navigateur?.close();
	await intranet?.fermer();
});

async function deuxOnglets(url: string): Promise<[Page, Page]> {
	const contexte = await navigateur.newContext({ locale: 'fr-FR' });
	const a = await contexte.newPage();
	const b = await contexte.newPage();
	for (const p of [a, b]) {
		await p.goto(`${url}#/import`);
		await attendrePret(p);
	}
	// Both tabs idle (the demo's views prepared in the background): B then answers its file at
	// once, while A still imports, instead of after seconds of its own statistics.
	for (const p of [a, b])
		await p.waitForFunction(
			() => performance.getEntriesByName('pilotage:vues-preparees').length > 0,
			undefined,
			{ timeout: 90_000 }
		);
	return [a, b];
}

describe('Deux onglets importent en même temps', () => {
	// Web Locks on 127.0.0.1 (a secure context); the lease in IndexedDB on a plain-HTTP address.
	for (const [origine, urlDe] of [
		['origine sécurisée (Web Locks)', () => inject('urlApplication')],
		['intranet en HTTP simple (bail dans IndexedDB)', () => intranet.url]
	] as const) {
		it(`${origine} : les deux fichiers sont gardés, les deux historiques égaux, avant et après rechargement`, async () => {
			const url = urlDe();
			const [a, b] = await deuxOnglets(url);
			await a.setInputFiles('#fichiers', GROS);
			// B starts while A is still working on its file.
			await a.getByText('eleves-gros.csv').first().waitFor();
			await b.setInputFiles('#fichiers', join(REFDATA, 'ips', IPS));
			// …and waits for it, saying so.
			await b.getByText('Un autre onglet de Pilotage importe').waitFor();
			// A third tab merely opened meanwhile reads the journal while A's bytes are in flight.
			const c = await a.context().newPage();
			await c.goto(`${url}#/import`);

			expect((await chiffresImport(a, 'eleves-gros.csv', 120_000)).acceptées).toBe(200_000);
			expect((await chiffresImport(b, IPS, 120_000)).acceptées).toBe(905);
			// Each tab hears of the other's import and shows the same history and the same data.
			const attendu = ['eleves-gros.csv', IPS];
			await expect.poll(() => historique(a, 2), { timeout: 60_000 }).toEqual(attendu);
			await expect.poll(() => historique(b, 2), { timeout: 60_000 }).toEqual(attendu);
			await attendrePret(c);
			await expect.poll(() => historique(c, 2), { timeout: 60_000 }).toEqual(attendu);
			const donneesA = await tablesChargees(a, url);
			expect(await tablesChargees(b, url)).toBe(donneesA);

			for (const p of [a, b, c]) {
				await p.reload();
				await attendrePret(p);
				expect(await tablesChargees(p, url)).toBe(donneesA);
				await p.goto(`${url}#/import`);
				expect(await historique(p, 2)).toEqual(attendu);
			}
			await a.context().close();
		}, 300_000);
	}
});
