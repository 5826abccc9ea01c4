import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attendrePret, lancerChromium, nouvellePage } from './navigateur';

const url = inject('urlApplication');
let navigateur: Browser;

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

describe('Mon école', () => {
	it('signale la faiblesse documentée de l’école de Dijon Est parmi ses points de vigilance', async () => {
		// data/README.md : École élémentaire Paul Bert (0219099B), −15 points en CE1 « résoudre des problèmes ».
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/0219099B`);
		await attendrePret(page);
		const vigilance = page.locator('.pilotage-points--vigilance li');
		await vigilance.first().waitFor();
		const textes = await vigilance.allInnerTexts();
		const problemes = textes.find((t) => t.startsWith('CE1 — Résoudre des problèmes'));
		expect(problemes, textes.join('\n')).toBeDefined();
		expect(problemes).toMatch(/écart −\d+\s+points/);
		expect(problemes).toMatch(/\d+ élèves/);
		const ligne = page.locator('table.pilotage-resultats tbody tr', {
			has: page.locator('th', { hasText: 'Résoudre des problèmes' })
		});
		expect(await ligne.filter({ hasText: 'point de vigilance' }).count()).toBe(1);
		expect(journal.erreursConsole).toEqual([]);
	});

	it('dit clairement qu’une UAI inconnue ne correspond à aucune école', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/0000000A`);
		await attendrePret(page);
		await page.locator('h1', { hasText: 'École introuvable' }).waitFor();
	});
});
