import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { attendrePret, lancerChromium, nouvellePage, violationsAccessibilite } from './navigateur';

const url = inject('urlApplication');
let navigateur: Browser;

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

/** Rows of a demo file for one UAI, as objects (the figures the page must show). */
function lignesDemo(fichier: string, uai: string): Record<string, string>[] {
	const [entete, ...lignes] = readFileSync(`data/${fichier}`, 'utf8').trim().split('\n');
	const noms = entete.split(';');
	return lignes
		.map((l) => Object.fromEntries(l.split(';').map((v, i) => [noms[i], v])))
		.filter((l) => Object.values(l).includes(uai));
}

// data/README.md, « Des collèges à retrouver »: Boris Vian (0218011U), Paul Bert's sector collège,
// −22 score points in 6e « Résolution de problèmes » every year and a negative brevet value added.
const BORIS_VIAN = '0218011U';

describe('Mon collège', () => {
	it('montre la 6e par domaine avec ses élèves, la faiblesse conçue, le brevet et les écoles du secteur', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/college/${BORIS_VIAN}`);
		await attendrePret(page);
		expect(await page.locator('h1').innerText()).toContain('Collège Boris Vian');

		// The 6e domains of the latest year, each with its pupils.
		const resolution = lignesDemo('evaluations-colleges.csv', BORIS_VIAN).find(
			(l) => l.annee_scolaire === '2024-2025' && l.domaine_id === '6E-MA-RESOLUTION'
		)!;
		const ligne6e = page
			.getByRole('table', { name: /Évaluations de 6e du collège par domaine, 2024-2025$/ })
			.locator('tbody tr', { has: page.locator('th', { hasText: 'Résolution de problèmes' }) });
		expect(await ligne6e.locator('td').first().innerText()).toBe(resolution.n_eleves);
		expect(await page.locator('table.pilotage-domaines').first().locator('tbody tr').count()).toBe(
			11
		);

		// The designed weakness is an established point, read on three years pooled.
		const vigilances = await page.locator('.pilotage-points--vigilance li').allInnerTexts();
		const point = vigilances.find((t) =>
			t.startsWith('6e — Résolution de problèmes (groupes 1 et 2)')
		);
		expect(point, vigilances.join('\n')).toBeDefined();
		expect(point).toMatch(/plus d’élèves fragiles qu’attendu, \d+\s%\spour \d+\s%\sattendus/);
		expect(point).toMatch(/2022-2023 à 2024-2025 cumulées\s:/);
		// A signal is never worded or coloured as a point.
		for (const s of await page.locator('.pilotage-lecture--a_confirmer').allInnerTexts())
			expect(s).toMatch(/^signal à confirmer \(peut être dû au hasard\)/);
		expect(await page.locator('[class*="pilotage-lecture--point_"]').allInnerTexts()).not.toContain(
			expect.stringMatching(/signal/)
		);

		// The brevet: every session with its observed and expected rates and its value added.
		const sessions = lignesDemo('valeur-ajoutee-colleges.csv', BORIS_VIAN);
		const brevet = page.getByRole('table', { name: /^Brevet, série générale/ }).locator('tbody tr');
		expect(await brevet.count()).toBe(sessions.length);
		for (const [i, s] of sessions.entries()) {
			const texte = await brevet.nth(i).innerText();
			const va = Number(s['VA du taux de réussite - G']);
			expect(texte).toContain(`${s.Session} (${Number(s.Session) - 1}-${s.Session})`);
			expect(texte).toContain(`${Number(s['Taux de réussite - G'])}\u00a0%`);
			expect(texte).toContain(`${Number(s['Taux de réussite - G']) - va}\u00a0%`);
			expect(texte).toContain(`${va < 0 ? '−' : '+'}${Math.abs(va)}\u00a0points`);
		}

		// The secteur's écoles, Paul Bert's CE1 weakness among them, said to be another scale.
		expect(await page.locator('main').innerText()).toMatch(
			/Ces épreuves ne sont pas sur la même échelle que celles de 6e/
		);
		const paulBert = page.locator('table.pilotage-secteur tbody tr', {
			has: page.locator('th', { hasText: 'Paul Bert' })
		});
		await paulBert.waitFor({ timeout: 60_000 });
		expect(await paulBert.locator('td').nth(1).innerText()).toMatch(
			/point de vigilance\s: Résoudre des problèmes/
		);
		expect(await page.locator('table.pilotage-secteur').innerText()).not.toMatch(/maternelle/i);
		await page.screenshot({ path: 'test-results/college.png', fullPage: true });
		expect(journal.erreursConsole).toEqual([]);
	}, 180_000);

	it('exporte ses domaines et ses sessions du brevet en CSV', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/college/${BORIS_VIAN}`);
		await attendrePret(page);
		await page.locator('table.pilotage-domaines').first().waitFor();
		const [telechargement] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Télécharger les chiffres (CSV)' }).click()
		]);
		expect(telechargement.suggestedFilename()).toBe(`pilotage-college-${BORIS_VIAN}-2024-2025.csv`);
		const lignes = readFileSync((await telechargement.path())!, 'utf8')
			.trimEnd()
			.split('\r\n');
		expect(lignes[0].startsWith('\ufeffuai;college;annee_scolaire;niveau;domaine;n_eleves')).toBe(
			true
		);
		const domaines = lignesDemo('evaluations-colleges.csv', BORIS_VIAN).filter(
			(l) => l.annee_scolaire === '2024-2025'
		);
		const sessions = lignesDemo('valeur-ajoutee-colleges.csv', BORIS_VIAN);
		expect(lignes.length - 1).toBe(domaines.length + sessions.length);
		expect(lignes.find((l) => l.includes(';6E;Résolution de problèmes;'))).toContain(
			';point_vigilance;'
		);
		expect(lignes.filter((l) => l.includes(';DNB;'))).toHaveLength(sessions.length);
	}, 120_000);

	it('s’ouvre depuis l’école (collège de secteur), le réseau et la recherche', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/0219099B`);
		await attendrePret(page);
		await page.getByRole('link', { name: 'Collège Boris Vian', exact: true }).click();
		await page.waitForURL(`**#/college/${BORIS_VIAN}`);
		await page.locator('h1', { hasText: 'Collège Boris Vian' }).waitFor();

		// The network page reads the collège's 6e as the collège page does (issue #18, item 3).
		await page.goto(`${url}#/reseau/SECT-${BORIS_VIAN}`);
		const sixieme = page.locator('#titre-continuite ~ div table.pilotage-domaines');
		await sixieme.waitFor({ timeout: 120_000 });
		const resolution = sixieme.locator('tbody tr', {
			has: page.locator('th', { hasText: 'Résolution de problèmes' })
		});
		expect(await resolution.innerText()).toMatch(
			/point de vigilance\s:\splus d’élèves fragiles qu’attendu/
		);
		await page.getByRole('link', { name: 'Collège Boris Vian', exact: true }).first().click();
		await page.waitForURL(`**#/college/${BORIS_VIAN}`);

		await page.goto(`${url}#/college`);
		await page.getByLabel(/Rechercher un collège/).fill('boris vian chevigny');
		await page
			.getByRole('link', { name: /Collège Boris Vian/ })
			.first()
			.click();
		await page.waitForURL(`**#/college/${BORIS_VIAN}`);
	}, 240_000);

	it('n’a pas de violation d’accessibilité grave ou critique', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/college/${BORIS_VIAN}`);
		await attendrePret(page);
		await page.locator('table.pilotage-secteur').waitFor({ timeout: 60_000 });
		expect(await violationsAccessibilite(page)).toEqual([]);
	}, 180_000);
});
