import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attendrePret, lancerChromium, nouvellePage, violationsAccessibilite } from './navigateur';

const url = inject('urlApplication');
let navigateur: Browser;

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

describe('les points d’entrée des rôles montrent des chiffres du moteur', () => {
	it('Ma circonscription : Dijon Est et ses quatre groupes de proximité', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/circonscription`);
		await attendrePret(page);
		await page.getByLabel('Rechercher une circonscription').fill('dijon est');
		await page.locator('.pilotage-resultats-recherche a', { hasText: 'Dijon Est' }).first().click();
		await page.locator('h1', { hasText: 'Dijon Est' }).waitFor();
		// The list of schools comes a few frames after the heading (below the map).
		await page.locator('table.pilotage-ecoles tbody tr').first().waitFor();
		const groupes = await page
			.locator('table.pilotage-ecoles tbody tr td:first-child')
			.allInnerTexts();
		expect(new Set(groupes)).toEqual(
			new Set(['Chevigny', 'Quetigny', 'Saint-Apollinaire', 'Dijon Est périurbain'])
		);
		expect(groupes.length).toBeGreaterThanOrEqual(20);
		expect(groupes.length).toBeLessThanOrEqual(60);
		await page.locator('table.pilotage-resultats tbody tr').first().waitFor();
		expect(await page.locator('table.pilotage-resultats tbody tr').count()).toBeGreaterThan(10);
		expect(await violationsAccessibilite(page)).toEqual([]);
		expect(journal.erreursConsole).toEqual([]);
	});

	it('Mon réseau : le réseau REP+ montre ses écoles et leurs résultats cumulés', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/reseau`);
		await attendrePret(page);
		await page.locator('a', { hasText: 'REP+' }).first().click();
		await page.locator('h1', { hasText: 'REP+' }).waitFor();
		await page.locator('table.pilotage-ecoles tbody tr').first().waitFor();
		const ecoles = await page.locator('table.pilotage-ecoles tbody tr').count();
		expect(ecoles).toBeGreaterThanOrEqual(4);
		const ep = await page.locator('table.pilotage-ecoles tbody tr td:nth-child(4)').allInnerTexts();
		expect(ep.every((t) => t === 'REP+')).toBe(true);
		await page.locator('table.pilotage-resultats tbody tr').first().waitFor();
		expect(journal.erreursConsole).toEqual([]);
	});

	it('Académie : les résultats cumulés à côté de la valeur nationale publiée', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/academie`);
		await attendrePret(page);
		const lignes = page.locator('table.pilotage-resultats tbody tr');
		await lignes.first().waitFor();
		const france = await page
			.locator('table.pilotage-resultats tbody tr td:last-child')
			.allInnerTexts();
		expect(france.filter((t) => /\d+\s%/.test(t)).length).toBeGreaterThan(10);
		expect(journal.erreursConsole).toEqual([]);
	});
});
