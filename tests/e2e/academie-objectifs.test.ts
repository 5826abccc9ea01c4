/**
 * « Au regard du projet académique » on the académie's page, with the demo académie: every
 * objective of its projet (data/projet-academique.csv), each named competence for the académie
 * year by year against France and France at equal IPS, the schools, circonscriptions and networks
 * with an established point, the training on its themes.
 */
import { readFileSync } from 'node:fs';
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

const OBJECTIFS = readFileSync('data/projet-academique.csv', 'utf8')
	.split(/\r?\n/)
	.map((l) => l.split(';'))
	.filter((c) => c[1] === 'objectif')
	.map((c) => ({ id: c[0], libelle: c[4], motif: c[5] ?? '' }));

const bloc = (id: string) =>
	page.locator(`section[aria-labelledby="titre-projet"] [data-objectif="${id}"]`);

beforeAll(async () => {
	navigateur = await lancerChromium();
	({ page, journal } = await nouvellePage(navigateur));
	await page.goto(`${url}#/academie`);
	await attendrePret(page);
	await bloc('A1.X1.O1').waitFor({ timeout: 180_000 });
	// Every ambition and every table opened: what a reader who opens them all sees.
	await page.evaluate(() =>
		document
			.querySelectorAll('section[aria-labelledby="titre-projet"] details')
			.forEach((d) => ((d as HTMLDetailsElement).open = true))
	);
}, 240_000);
afterAll(async () => {
	await navigateur?.close();
});

describe('les objectifs du projet académique sur la page de l’académie', () => {
	it('montre un bloc pour chaque objectif du projet, et dit pourquoi un objectif n’a pas d’indicateur', async () => {
		expect(OBJECTIFS.length).toBeGreaterThan(15);
		for (const o of OBJECTIFS) {
			await expect.poll(() => bloc(o.id).count()).toBe(1);
			expect(await bloc(o.id).locator('h4').textContent()).toBe(o.libelle);
			if (o.motif) expect(await bloc(o.id).textContent()).toContain(o.motif);
		}
	});

	it('donne pour une compétence l’académie, la France et la France à IPS égal, avec les élèves, chaque année', async () => {
		const lignes = await bloc('A1.X1.O1')
			.locator('tr[data-competence="CP-FR-PHONEMES"]')
			.evaluateAll((trs) =>
				trs.map((tr) => [...tr.querySelectorAll('td')].map((c) => c.textContent!.trim()))
			);
		expect(lignes.length).toBeGreaterThanOrEqual(3);
		const [annee, eleves, ecoles, academie, france, attendu, ecart, lecture] = lignes[0];
		expect(annee).toBe('2024-2025');
		expect(Number(eleves.replace(/\s/g, ''))).toBeGreaterThan(10_000);
		expect(Number(ecoles.replace(/\s/g, ''))).toBeGreaterThan(500);
		expect(academie).toMatch(/^\d+,\d\s%\s\(\d+,\d\s%\sà\s\d+,\d\s%\)$/);
		expect(france).toMatch(/^\d+,\d\s%$/);
		expect(attendu).toMatch(/^\d+,\d\s%\s\(IPS moyen \d+,\d\)$/);
		expect(ecart).toMatch(/points?\s\(.+\sà\s.+\)/);
		expect(lecture).toMatch(/France à IPS égal|Signal à confirmer/);
		// A signal never takes a point's colours.
		const couleurs = await bloc('A1.X1.O1')
			.locator('.pilotage-lecture--a_confirmer')
			.evaluateAll((s) => s.map((e) => getComputedStyle(e).fontWeight));
		expect(couleurs.every((w) => w !== '700')).toBe(true);
	});

	it('compte les écoles, circonscriptions et réseaux qui ont un point établi sur l’objectif, et dit comment', async () => {
		const texte = (await bloc('A1.X1.O1').textContent())!;
		expect(texte).toMatch(
			/\d+ écoles? avec un point de vigilance établi, \d+ avec un point d’appui établi, sur [\d\s]+ écoles diagnostiquées/
		);
		expect(texte).toMatch(/circonscriptions? avec un point de vigilance établi/);
		expect(texte).toMatch(/réseaux? avec un point de vigilance établi/);
		expect(await page.locator('section[aria-labelledby="titre-projet"]').textContent()).toContain(
			'un signal à confirmer n’est pas compté'
		);
	});

	it('donne la formation sur les thèmes de l’objectif : heures et enseignants, par année', async () => {
		const lignes = await bloc('A2.X1.O2')
			.locator('tbody tr')
			.evaluateAll((trs) => trs.map((tr) => tr.textContent!));
		expect(lignes.length).toBeGreaterThan(0);
		expect(lignes.every((l) => l.includes('Laïcité et valeurs de la République'))).toBe(true);
	});

	it('compte pour l’éducation prioritaire la formation suivie en REP+ et en REP, pas celle de toute l’académie', async () => {
		const themes = await bloc('A3.X1.O2')
			.locator('tbody th')
			.evaluateAll((ths) => [...new Set(ths.map((th) => th.textContent!.trim()))]);
		expect(themes).toEqual([
			'Toutes formations suivies en REP',
			'Toutes formations suivies en REP+'
		]);
	});

	it('n’a pas de violation d’accessibilité grave ou critique et pas d’erreur', async () => {
		expect(await violationsAccessibilite(page)).toEqual([]);
		expect(journal.erreursConsole).toEqual([]);
	});
});
