import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	attendrePret,
	lancerChromium,
	nouvellePage,
	requetesExternes,
	violationsAccessibilite
} from './navigateur';

const url = inject('urlApplication');
let navigateur: Browser;

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

describe('l’application construite, servie en statique', () => {
	it('s’ouvre sur l’académie de démonstration, signalée comme fictive, avec ses chiffres', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(url);
		await attendrePret(page);
		expect(await page.locator('.pilotage-demo').innerText()).toContain(
			'Données fictives de démonstration'
		);
		await page.locator('.pilotage-chiffres li').first().waitFor();
		const chiffres = await page.locator('.pilotage-chiffres li').allInnerTexts();
		const ecoles = chiffres.find((t) => t.endsWith('écoles'));
		expect(ecoles, chiffres.join(' | ')).toBeDefined();
		const nombreEcoles = Number(ecoles!.replace(/\D/g, ''));
		expect(nombreEcoles).toBeGreaterThan(1200);
		expect(nombreEcoles).toBeLessThan(2000);
		expect(requetesExternes(journal, url)).toEqual([]);
		expect(journal.erreursConsole).toEqual([]);
	});

	it('déclare une politique de sécurité du contenu limitée à sa propre origine', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(url);
		const csp = await page
			.locator('meta[http-equiv="content-security-policy"]')
			.getAttribute('content');
		expect(csp).toContain("connect-src 'self'");
		expect(csp).toContain("default-src 'self'");
		expect(csp).not.toMatch(/https?:/);
	});

	it('trouve « Quetigny » avec la recherche et ouvre une de ses écoles, qui montre des chiffres', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(url);
		await attendrePret(page);
		await page
			.getByLabel('Rechercher une école, un collège, une circonscription ou un réseau')
			.fill('Quetigny');
		const resultats = page.locator('.pilotage-resultats-recherche li');
		await resultats.first().waitFor();
		const textes = await resultats.allInnerTexts();
		expect(textes.length).toBeGreaterThan(1);
		for (const t of textes.filter((t) => t.startsWith('École'))) expect(t).toContain('Quetigny');
		// Quetigny also has a collège, listed before its écoles: open a school.
		await resultats.locator('a[href^="#/ecole/"]', { hasText: 'Quetigny' }).first().click();
		await page.waitForURL(/#\/ecole\/\d{7}[A-Z]$/);
		await page.locator('h1').waitFor();
		expect(await page.locator('h1').innerText()).not.toBe('');
		const lignes = page.locator('table.pilotage-resultats tbody tr');
		await lignes.first().waitFor();
		expect(await lignes.count()).toBeGreaterThan(5);
		// Every row shows its number of pupils.
		const effectifs = await page
			.locator('table.pilotage-resultats tbody td.effectif')
			.allInnerTexts();
		expect(effectifs.every((t) => /^\d+$/.test(t.trim()))).toBe(true);
		expect(await page.locator('figure svg[aria-label], svg[aria-label]').count()).toBeGreaterThan(
			0
		);
		expect(await violationsAccessibilite(page)).toEqual([]);
		expect(requetesExternes(journal, url)).toEqual([]);
		expect(journal.erreursConsole).toEqual([]);
	});

	it('se parcourt au clavier : le lien d’évitement mène au contenu', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(url);
		await attendrePret(page);
		await page.keyboard.press('Tab');
		const focus = await page.evaluate(() => document.activeElement?.textContent?.trim());
		expect(focus).toBe('Contenu');
	});

	it('n’a pas de violation d’accessibilité grave ou critique sur l’accueil', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(url);
		await attendrePret(page);
		await page.locator('.pilotage-chiffres').waitFor();
		expect(await violationsAccessibilite(page)).toEqual([]);
	});
});
