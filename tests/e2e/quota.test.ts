import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REFDATA } from '../reels';
import { fichierEleves } from './fichiers';
import {
	attendrePret,
	chiffresImport,
	historique,
	lancerChromium,
	nouvellePage,
	rapportImport,
	tablesChargees
} from './navigateur';

const url = inject('urlApplication');
const IPS = 'fr-en-ips-ecoles-ap2022__v2023__dijon.csv';
const dossier = mkdtempSync(join(tmpdir(), 'pilotage-quota-'));
const ELEVES = fichierEleves(dossier, 'eleves-trop.csv', 30_000);
let navigateur: Browser;

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

/** A fresh page whose origin may store only `octets` (set before anything is written). */
async function pageAvecQuota(octets: number) {
	const { page, journal } = await nouvellePage(navigateur);
	const cdp = await page.context().newCDPSession(page);
	await cdp.send('Storage.overrideQuotaForOrigin', {
		origin: new URL(url).origin,
		quotaSize: octets
	});
	await page.goto(`${url}#/import`);
	await attendrePret(page);
	return { page, journal };
}

async function echec(page: Page, nom: string): Promise<string> {
	const alerte = page.locator('.fr-alert--error', { hasText: nom });
	await alerte.waitFor({ timeout: 120_000 });
	return alerte.innerText();
}

describe('Espace de stockage plein', () => {
	it('un fichier que le navigateur ne peut garder n’est pas importé, et la page le dit en français', async () => {
		const { page, journal } = await pageAvecQuota(1_000_000);
		await page.setInputFiles('#fichiers', join(REFDATA, 'ips', IPS));
		expect((await chiffresImport(page, IPS)).acceptées).toBe(905);
		// The space used is shown, as the browser gives it.
		await expect.poll(() => page.locator('[data-espace]').innerText()).toMatch(/Pilotage occupe/);

		await page.setInputFiles('#fichiers', ELEVES);
		const message = (await echec(page, 'eleves-trop.csv')).replace(/[\u00a0\u202f]/g, ' ');
		expect(message).toContain('L’espace de stockage du navigateur est plein');
		expect(message).toContain('n’a donc pas été importé');
		// Chromium's estimate ignores the overridden quota: the message says what was refused.
		expect(message).toMatch(/Pilotage occupe [\d,]+ (ko|Mo) ; le navigateur annonce/);
		expect(message).toContain('retirez les imports devenus inutiles');
		expect(await rapportImport(page, 'eleves-trop.csv').count()).toBe(0);
		expect(await historique(page)).toEqual([IPS]);

		// What the session shows is what a reload shows: the engine gave the file's rows back.
		const session = await tablesChargees(page, url);
		expect(session).not.toContain('eleves-trop.csv');
		await page.reload();
		await attendrePret(page);
		expect(await tablesChargees(page, url)).toBe(session);
		expect(journal.erreursConsole).toEqual([]);
	}, 240_000);

	it('sur l’académie de démonstration, un quota minuscule ne vide pas la session en silence', async () => {
		const { page } = await pageAvecQuota(20_000);
		const demo = await tablesChargees(page, url);
		await page.goto(`${url}#/import`);
		await page.setInputFiles('#fichiers', join(REFDATA, 'ips', IPS));
		const message = await echec(page, IPS);
		expect(message).toContain('L’espace de stockage du navigateur est plein');
		await page.locator('.pilotage-demo').waitFor();
		expect(await tablesChargees(page, url)).toBe(demo);
		await page.reload();
		await attendrePret(page);
		expect(await tablesChargees(page, url)).toBe(demo);
	}, 240_000);
});
