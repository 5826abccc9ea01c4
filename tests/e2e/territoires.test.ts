/**
 * « Les territoires comparés, à IPS égal » on the académie's page, with the demo académie:
 * data/README.md documents REP+ Chenôve's −10 points in CP « Comprendre des phrases à l'oral »
 * (the académie's only REP+) and no effect of rurality beyond the IPS.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	attendrePret,
	lancerChromium,
	nouvellePage,
	violationsAccessibilite,
	type Journal
} from './navigateur';

const url = inject('urlApplication');
let navigateur: Browser;
let page: Page;
let journal: Journal;

const lignes = (p: Page) =>
	p
		.locator('table.pilotage-territoires tbody tr')
		.evaluateAll((trs) =>
			trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent!.trim()))
		);

beforeAll(async () => {
	navigateur = await lancerChromium();
	({ page, journal } = await nouvellePage(navigateur));
	await page.goto(url);
	await attendrePret(page);
	// The home page's fourth card leads académie staff there.
	await page.getByRole('link', { name: 'L’académie' }).first().click();
	await page.waitForURL(/#\/academie$/);
	await page.locator('table.pilotage-territoires').waitFor({ timeout: 120_000 });
}, 180_000);
afterAll(async () => {
	await navigateur?.close();
});

describe('territoires comparés à IPS égal', () => {
	it('compare REP+, REP et hors éducation prioritaire, chacun avec ses élèves et son intervalle', async () => {
		await page
			.locator('#territoires-competence')
			.selectOption({ label: "Comprendre des phrases à l'oral" });
		const rep = await lignes(page);
		expect(rep.map((l) => l[0])).toEqual(['REP+', 'REP', 'hors éducation prioritaire']);
		for (const l of rep) {
			expect(Number(l[2].replace(/\s/g, ''))).toBeGreaterThan(100);
			expect(l[5]).toMatch(/points?\s\(.+\sà\s.+\)/);
		}
		// The designed weakness is established, in a point's words; the others are not points.
		expect(rep[0][6]).toBe('point de vigilance');
		expect(rep.slice(1).map((l) => l[6])).not.toContain('point de vigilance');
		const resume = page.locator('table.pilotage-territoires-resume tbody tr').first();
		await expect
			.poll(() => resume.textContent())
			.toMatch(/REP\+\s*CP Comprendre des phrases à l'oral/);
	});

	it('compare les écoles rurales et urbaines, rangées par nom, sans rien affirmer que la démo n’ait conçu', async () => {
		await page
			.locator('#territoires-dimension')
			.selectOption({ label: 'Écoles rurales et urbaines' });
		await expect
			.poll(async () => (await lignes(page)).map((l) => l[0]))
			.toEqual(['écoles rurales', 'écoles urbaines']);
		const resume = await page
			.locator('table.pilotage-territoires-resume tbody tr')
			.evaluateAll((trs) => trs.map((tr) => tr.textContent));
		for (const r of resume) expect(r).toMatch(/aucun\s*aucun/);
	});

	it('dit pourquoi le public et le privé ne sont pas comparés', async () => {
		const phrase = page.getByText(
			/Public et privé\s?: non comparés, toutes les écoles évaluées sont du même groupe/
		);
		expect(await phrase.isVisible()).toBe(true);
	});

	it('n’a pas de violation d’accessibilité grave ou critique et pas d’erreur', async () => {
		expect(await violationsAccessibilite(page)).toEqual([]);
		expect(journal.erreursConsole).toEqual([]);
	});
});
