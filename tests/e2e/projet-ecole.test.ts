import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attendrePret, lancerChromium, nouvellePage, violationsAccessibilite } from './navigateur';

// Issue #16 item 3: the pistes d'action of the Paul Bert school travel between the directrice and
// a colleague. Each person is a fresh browser context (its own IndexedDB); the files they exchange
// go through the disk, as they would by mail.

const url = inject('urlApplication');
const UAI = '0219099B';
let navigateur: Browser;

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

async function ouvrirEcole(page: Page) {
	await page.goto(`${url}#/ecole/${UAI}`);
	await attendrePret(page);
	await page
		.locator('section[aria-labelledby="titre-pistes"][aria-busy="false"]')
		.waitFor({ timeout: 90_000 });
}

const actions = async (page: Page) => page.locator('.pilotage-pistes__liste h3').allInnerTexts();

async function signer(page: Page, nom: string) {
	await page.locator('#projet-auteur').fill(nom);
	await page.locator('#projet-auteur').press('Tab');
}

async function enregistrer(page: Page, texte: string) {
	await page.getByRole('button', { name: 'Enregistrer l’action' }).click();
	await page.locator('.pilotage-pistes__liste h3', { hasText: texte }).waitFor();
}

async function ajouter(page: Page, texte: string, competence: RegExp) {
	await page.getByRole('button', { name: 'Ajouter une action' }).click();
	await page.locator('#piste-action').fill(texte);
	await page.locator('.pilotage-editeur label', { hasText: competence }).first().click();
	await enregistrer(page, texte);
}

async function exporter(page: Page, nom: string) {
	const [telechargement] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Exporter les pistes d’action (CSV)' }).click()
	]);
	const chemin = join(tmpdir(), `${Date.now()}-${nom}`);
	await telechargement.saveAs(chemin);
	return { chemin, nom: telechargement.suggestedFilename(), texte: await readFile(chemin, 'utf8') };
}

async function importer(page: Page, chemin: string) {
	await page.goto(`${url}#/import`);
	await attendrePret(page);
	await page.setInputFiles('#fichiers', chemin);
}

/** The pages of a PDF, as Chromium writes them (see dsfr.test.ts). */
const pagesPdf = (pdf: Buffer) =>
	pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;

const PROBLEMES = 'Un problème par jour, à l’oral puis à l’écrit, en CE1';
const FLUENCE = 'Lecture à voix haute chronométrée chaque semaine';
const CALCUL = 'Calcul mental : un défi par semaine';

describe('Les pistes d’action de l’école Paul Bert voyagent (issue #16)', () => {
	let fichierA = '';
	let fichierB = '';

	it('A ajoute deux actions (une depuis un point de vigilance), deux onglets restent d’accord, l’export est signé, l’impression tient', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await ouvrirEcole(page);
		expect(await page.locator('.pilotage-pistes').innerText()).toContain(
			'Aucune piste d’action enregistrée'
		);
		await signer(page, 'Directrice Paul Bert');
		// From the school's established point de vigilance: its competence and objective are filled.
		const point = page.locator('.pilotage-points--vigilance li').first();
		await point.waitFor({ timeout: 90_000 });
		await point.getByRole('button', { name: /Bâtir une action sur ce point/ }).click();
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('piste-action');
		const coches = page.locator('.pilotage-editeur input[type="checkbox"]:checked');
		expect(await coches.count()).toBe(1);
		expect(await coches.getAttribute('value')).toBe('CE1|CE1-MA-PROBLEMES');
		expect(await page.locator('#piste-objectif').inputValue()).not.toBe('');
		expect(await page.locator('#piste-verification').inputValue()).toMatch(/septembre/);
		// The year after the evaluations is proposed; an action already under way may be placed earlier.
		expect(await page.locator('#piste-annee').inputValue()).toBe('2025-2026');
		expect(
			await page.locator('#piste-annee optgroup[label="Déjà engagée"] option').allInnerTexts()
		).toEqual(['2021-2022', '2022-2023', '2023-2024', '2024-2025']);
		expect(await violationsAccessibilite(page)).toEqual([]);
		await page.locator('#piste-action').fill(PROBLEMES);
		await page.locator('#piste-periode').selectOption('période 2');
		await enregistrer(page, PROBLEMES);
		// Focus goes to the action saved.
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(PROBLEMES);
		await ajouter(page, FLUENCE, /^CE1 — .*voix haute/);
		expect(await actions(page)).toEqual([PROBLEMES, FLUENCE]);
		const premiere = page.locator('.pilotage-piste').first();
		expect(await premiere.innerText()).toMatch(/Résoudre des problèmes/);
		expect(await premiere.innerText()).toMatch(/Écrite par Directrice Paul Bert/);

		// A second tab of the same browser sees what the first writes, without reloading.
		const onglet2 = await page.context().newPage();
		await ouvrirEcole(onglet2);
		await expect.poll(() => actions(onglet2)).toEqual([PROBLEMES, FLUENCE]);
		await ajouter(onglet2, 'Action du second onglet', /^CP — /);
		await page.locator('.pilotage-pistes__liste h3', { hasText: 'second onglet' }).waitFor();
		await page
			.getByRole('button', { name: 'Supprimer', description: /Action du second onglet/ })
			.click();
		await expect.poll(() => actions(onglet2)).toEqual([PROBLEMES, FLUENCE]);
		await onglet2.close();

		const { chemin, nom, texte } = await exporter(page, 'projet-A.csv');
		fichierA = chemin;
		expect(nom).toMatch(/^projet-ecole-0219099B-\d{4}-\d{2}-\d{2}\.csv$/);
		const lignes = texte.trimEnd().split('\r\n');
		expect(lignes).toHaveLength(3);
		expect(lignes[0]).toMatch(/;exporte_par;exporte_le;format;version_format$/);
		expect(texte).toContain(';Directrice Paul Bert;');
		expect(texte).toContain(';pilotage-projet-ecole;1\r\n');

		// On paper the saved actions replace the blank lines, and the diagnostic keeps to 4 pages.
		await page.locator('table.pilotage-evolution').waitFor();
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('.pilotage-pistes').innerText()).toContain(FLUENCE);
		expect(await page.locator('.pilotage-ligne-vide').count()).toBe(0);
		const pages = pagesPdf(await page.pdf({ format: 'A4' }));
		expect(pages).toBeGreaterThan(1);
		expect(pages).toBeLessThanOrEqual(4);
		expect(journal.erreursConsole).toEqual([]);
	}, 300_000);

	it('B importe le fichier de A par la page Importer, retrouve les mêmes actions, les modifie et exporte', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await importer(page, fichierA);
		const comparaison = page.locator('.pilotage-comparaison');
		await comparaison.waitFor();
		expect(await comparaison.innerText()).toMatch(/Directrice Paul Bert, exporté le/);
		expect(await violationsAccessibilite(page)).toEqual([]);
		await comparaison.getByRole('button', { name: 'Importer ce projet' }).click();
		await page.locator('.fr-alert--success', { hasText: 'Projet remplacé' }).waitFor();
		// Not sent to the engine as data.
		expect(await page.locator('main').innerText()).toContain('Aucun fichier importé');
		await page.getByRole('link', { name: 'Voir les pistes d’action de l’école' }).click();
		await page
			.locator('section[aria-labelledby="titre-pistes"][aria-busy="false"]')
			.waitFor({ timeout: 90_000 });
		await expect.poll(() => actions(page)).toEqual([PROBLEMES, FLUENCE]);

		await signer(page, 'Adjoint CE1');
		await page.getByRole('button', { name: 'Modifier', description: PROBLEMES }).click();
		await page.locator('#piste-periode').selectOption('période 3');
		await page.getByRole('button', { name: 'Enregistrer l’action' }).click();
		await page.locator('#piste-action').waitFor({ state: 'detached' });
		await ajouter(page, CALCUL, /^CE1 — /);
		await page.getByRole('button', { name: 'Supprimer', description: FLUENCE }).click();
		await expect.poll(() => actions(page)).toEqual([PROBLEMES, CALCUL]);
		// Focus stays in the list after a removal.
		expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^piste-/);
		fichierB = (await exporter(page, 'projet-B.csv')).chemin;
		expect(journal.erreursConsole).toEqual([]);
	}, 300_000);

	it('A réimporte la version de B : les différences une à une, avec leur auteur, et la fusion choisie', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await importer(page, fichierA);
		await page.getByRole('button', { name: 'Importer ce projet' }).click();
		await page.locator('.fr-alert--success', { hasText: 'Projet remplacé' }).waitFor();

		// A damaged file, a newer version, a school not in the data: French messages, nothing changes.
		const texteB = await readFile(fichierB, 'utf8');
		const abime = join(tmpdir(), `${Date.now()}-projet-abime.csv`);
		await writeFile(abime, texteB.slice(0, Math.floor(texteB.length * 0.6)));
		const recent = join(tmpdir(), `${Date.now()}-projet-recent.csv`);
		await writeFile(
			recent,
			texteB.replace(/;pilotage-projet-ecole;1\r\n/g, ';pilotage-projet-ecole;4\r\n')
		);
		const inconnue = join(tmpdir(), `${Date.now()}-projet-inconnue.csv`);
		await writeFile(inconnue, texteB.replaceAll(UAI, '0219999Y'));
		await page.setInputFiles('#fichiers', [abime, recent, inconnue]);
		await page
			.locator('.fr-alert--error', { hasText: 'Ce fichier de projet d’école est endommagé' })
			.waitFor();
		await page
			.locator('.fr-alert--error', { hasText: 'version plus récente de Pilotage (format 4' })
			.waitFor();
		await page
			.locator('.fr-alert--error', {
				hasText: /\(0219999Y\), qui n’est pas dans les données chargées/
			})
			.waitFor();
		for (const t of await page.locator('.fr-alert--error').allInnerTexts()) {
			expect(t).toContain('Rien n’a été modifié');
		}

		await page.setInputFiles('#fichiers', fichierB);
		const comparaison = page.locator('.pilotage-comparaison');
		await comparaison.waitFor();
		const items = comparaison.locator('.pilotage-comparaison__item');
		expect(await items.count()).toBe(3);
		const texte = await comparaison.innerText();
		expect(texte).toMatch(/Adjoint CE1, exporté le/);
		expect(texte).toMatch(new RegExp(`Ajoutée dans le fichier\\s+${CALCUL}`, 'i'));
		expect(texte).toMatch(new RegExp(`Modifiée\\s+${PROBLEMES}\\s+— période`, 'i'));
		expect(texte).toMatch(new RegExp(`Absente du fichier\\s+${FLUENCE}`, 'i'));
		expect(texte).toMatch(/par Adjoint CE1, le/);
		expect(texte).toMatch(/par Directrice Paul Bert, le/);
		expect(await violationsAccessibilite(page)).toEqual([]);

		// A keeps their own period, takes the new action and keeps the one B removed.
		const item = (nature: string) => comparaison.locator(`[data-nature="${nature}"]`);
		await item('modifiee').locator('label', { hasText: 'Garder la mienne' }).click();
		await item('retiree').locator('label', { hasText: 'Garder la mienne' }).click();
		await comparaison.getByRole('button', { name: 'Fusionner selon ces choix' }).click();
		await page
			.locator('.fr-alert--success', { hasText: 'Projets fusionnés : 3 actions' })
			.waitFor();

		// The newest report is on top.
		await page.getByRole('link', { name: 'Voir les pistes d’action de l’école' }).first().click();
		await page
			.locator('section[aria-labelledby="titre-pistes"][aria-busy="false"]')
			.waitFor({ timeout: 90_000 });
		await expect.poll(() => actions(page)).toEqual([PROBLEMES, CALCUL, FLUENCE]);
		expect(await page.locator('.pilotage-piste').first().innerText()).toMatch(/période 2/);
		// Stored: still there after a reload.
		await page.reload();
		await attendrePret(page);
		await page
			.locator('section[aria-labelledby="titre-pistes"][aria-busy="false"]')
			.waitFor({ timeout: 90_000 });
		await expect.poll(() => actions(page)).toEqual([PROBLEMES, CALCUL, FLUENCE]);
		expect(journal.erreursConsole).toEqual([]);
	}, 400_000);

	it('importe une version depuis la page de l’école : la comparaison s’y ouvre, un autre établissement est refusé', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await ouvrirEcole(page);
		const texteB = await readFile(fichierB, 'utf8');
		const autreEcole = join(tmpdir(), `${Date.now()}-projet-autre-ecole.csv`);
		await writeFile(autreEcole, texteB.replaceAll(UAI, '0219001V'));
		await page.setInputFiles('#projet-version', autreEcole);
		await page
			.locator('.pilotage-pistes .fr-alert--error', { hasText: 'pas celui de cette école' })
			.waitFor();

		await page.setInputFiles('#projet-version', fichierB);
		const comparaison = page.locator('.pilotage-pistes .pilotage-comparaison');
		await comparaison.waitFor();
		expect(await comparaison.innerText()).toMatch(/Adjoint CE1, exporté le/);
		expect(await violationsAccessibilite(page)).toEqual([]);
		await comparaison.getByRole('button', { name: 'Importer ce projet' }).click();
		await comparaison.waitFor({ state: 'detached' });
		await expect.poll(() => actions(page)).toEqual([PROBLEMES, CALCUL]);
		// The focus goes back to the heading of the pistes, the change is announced.
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('titre-pistes');
		expect(await page.locator('.pilotage-pistes [role="status"]').innerText()).toContain(
			'Projet remplacé'
		);
		expect(journal.erreursConsole).toEqual([]);
	}, 300_000);
});
