import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFDATA } from '../reels';
import { attendreCopie } from './copie';
import {
	adresseNonLocale,
	attendrePret,
	chiffresImport,
	historique,
	lancerChromium,
	nouvellePage,
	tablesChargees,
	violationsAccessibilite
} from './navigateur';
import { servirApplication, type ServeurApplication } from './serveur';

const IPS = 'fr-en-ips-ecoles-ap2022__v2023__dijon.csv';
const adresse = adresseNonLocale();
let serveur: ServeurApplication;
let navigateur: Browser;

beforeAll(async () => {
	// Served as an intranet nginx would: plain HTTP on the machine's network address.
	serveur = await servirApplication(adresse);
	navigateur = await lancerChromium([adresse]);
});
afterAll(async () => {
	await navigateur?.close();
	await serveur?.fermer();
});

describe('Intranet en HTTP simple (page non sécurisée)', () => {
	it('importe un fichier, le retrouve après rechargement, et le retire après confirmation', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		const dialoguesNatifs: string[] = [];
		page.on('dialog', (d) => {
			dialoguesNatifs.push(d.message());
			void d.dismiss();
		});
		await page.goto(`${serveur.url}#/import`);
		await attendrePret(page);
		// What the README's plain intranet server gives: none of the secure-context APIs.
		expect(
			await page.evaluate(() => ({
				securise: isSecureContext,
				uuid: typeof crypto.randomUUID,
				verrous: typeof navigator.locks,
				stockage: typeof navigator.storage
			}))
		).toEqual({ securise: false, uuid: 'undefined', verrous: 'undefined', stockage: 'undefined' });
		await expect
			.poll(() => page.locator('[data-espace]').innerText())
			.toContain('n’indique pas l’espace');

		await page.setInputFiles('#fichiers', join(REFDATA, 'ips', IPS));
		expect((await chiffresImport(page, IPS)).acceptées).toBe(905);
		const avant = await tablesChargees(page, serveur.url);
		expect(avant).toContain('905');

		// The engine's tables are kept in IndexedDB, which a plain-HTTP page has: a reload takes
		// them back without replaying the import.
		await attendreCopie(page);
		await page.reload();
		await attendrePret(page);
		expect(await tablesChargees(page, serveur.url)).toBe(avant);
		expect(await page.locator('[data-chargement]').getAttribute('data-chargement')).toBe('garde');
		await page.goto(`${serveur.url}#/import`);
		expect(await historique(page)).toEqual([IPS]);

		// « Retirer » asks first, in the page's own dialog; Échap keeps the import.
		const retirer = page.getByRole('button', { name: `Retirer l’import ${IPS}` });
		const dialogue = page.getByRole('dialog', { name: `Retirer « ${IPS} » ?` });
		await retirer.click();
		await dialogue.waitFor();
		expect(await dialogue.innerText()).toContain('905 lignes acceptées');
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Annuler');
		await page.screenshot({ path: 'test-results/retirer-dialogue.png' });
		expect(await violationsAccessibilite(page)).toEqual([]);
		await page.keyboard.press('Escape');
		await dialogue.waitFor({ state: 'hidden' });
		expect(await historique(page)).toEqual([IPS]);
		await page.reload();
		await attendrePret(page);
		expect(await historique(page)).toEqual([IPS]);

		await retirer.click();
		await dialogue.getByRole('button', { name: 'Retirer l’import' }).click();
		await page.getByText(`« ${IPS} » est retiré`).waitFor();
		expect(await page.locator('table.pilotage-historique').count()).toBe(0);
		await page.locator('.pilotage-demo').waitFor();
		await page.reload();
		await attendrePret(page);
		await page.getByText('Aucun fichier importé').waitFor();
		expect(dialoguesNatifs).toEqual([]);
		expect(journal.erreursConsole).toEqual([]);
	});
});
