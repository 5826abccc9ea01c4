import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	attendrePret,
	chiffresImport,
	lancerChromium,
	nouvellePage,
	violationsAccessibilite
} from './navigateur';

// Issue #17 item 4: the projet académique is data the académie's team edits. Its two files are
// downloaded from the demo, imported with data in a fresh browser (another académie), edited
// there and saved: a school page follows, and a reload keeps it.

const url = inject('urlApplication');
const UAI = '0219088P';
const EPS = 'Éducation physique et sportive';
let navigateur: Browser;

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

async function ouvrirProjet(page: Page) {
	await page.goto(`${url}#/projet`);
	await attendrePret(page);
	await page.locator('li[data-objectif="A2.X2.O2"]').waitFor({ timeout: 60_000 });
}

async function telecharger(page: Page, nom: string) {
	const [t] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: `Télécharger ${nom}` }).click()
	]);
	const chemin = join(tmpdir(), `${Date.now()}-${nom}`);
	await t.saveAs(chemin);
	return chemin;
}

/** The school page's line for one objective, under « Au regard du projet académique ». */
async function objectifEcole(page: Page, id: string) {
	const li = page.locator(`.pilotage-projet li[data-objectif="${id}"]`);
	await li.waitFor({ timeout: 90_000 });
	return li.innerText();
}

describe('Le projet académique, une donnée que l’équipe modifie (#17)', () => {
	const fichiers: string[] = [];

	it('la page du projet montre l’arbre, sans faute d’accessibilité, et télécharge ses deux fichiers', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await ouvrirProjet(page);
		await expect
			.poll(() => page.locator('main').innerText())
			.toContain('19 objectifs, dont 3 sans indicateur');
		expect(await violationsAccessibilite(page)).toEqual([]);
		fichiers.push(await telecharger(page, 'projet-academique.csv'));
		fichiers.push(await telecharger(page, 'projet-indicateurs.csv'));
		const indicateurs = await readFile(fichiers[1], 'utf8');
		expect(indicateurs).toContain(`A2.X2.O2;formation;;;;${EPS}`);
		expect(journal.erreursConsole).toEqual([]);
		await page.context().close();
	}, 120_000);

	it('réimportés ailleurs, ils redonnent le même arbre ; un indicateur retiré et enregistré change la page de l’école, et le reste après un rechargement', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/import`);
		await attendrePret(page);
		await page.setInputFiles('#fichiers', ['data/ecoles.csv', 'data/formations.csv', ...fichiers]);
		for (const nom of ['ecoles.csv', 'formations.csv'])
			expect((await chiffresImport(page, nom, 90_000)).acceptées).toBeGreaterThan(0);
		for (const chemin of fichiers)
			expect((await chiffresImport(page, chemin.split('/').at(-1)!, 90_000)).rejetées ?? 0).toBe(0);

		await ouvrirProjet(page);
		await expect
			.poll(() => page.locator('main').innerText())
			.toContain('19 objectifs, dont 3 sans indicateur');
		expect(await page.locator('li[data-objectif]').count()).toBe(19);

		await page.goto(`${url}#/ecole/${UAI}`);
		await attendrePret(page);
		expect(await objectifEcole(page, 'A2.X2.O2')).toContain(`${EPS} :`);

		// The team removes the EPS theme from « bien-être et santé » and saves.
		await ouvrirProjet(page);
		await page
			.getByRole('button', {
				name: `Retirer l’indicateur Formation des enseignants — thème « ${EPS} » de l’objectif A2.X2.O2`
			})
			.click();
		await page.getByRole('button', { name: 'Enregistrer' }).click();
		await page.getByText('Projet enregistré').waitFor({ timeout: 60_000 });

		await page.goto(`${url}#/ecole/${UAI}`);
		await attendrePret(page);
		const apres = await objectifEcole(page, 'A2.X2.O2');
		expect(apres).not.toContain(EPS);
		expect(apres).toContain('aucun indicateur');
		// Still true after a reload (the projet's files are in the journal like any import).
		await page.reload();
		await attendrePret(page);
		expect(await objectifEcole(page, 'A2.X2.O2')).toContain('aucun indicateur');
		// Another objective kept its training theme.
		expect(await objectifEcole(page, 'A2.X2.O1')).not.toContain('aucun indicateur');
		expect(journal.erreursConsole).toEqual([]);
	}, 300_000);

	it('ajoute une ambition, un axe et un objectif, refusés en français tant qu’un libellé manque, puis téléchargés', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await ouvrirProjet(page);
		await page.getByRole('button', { name: 'Ajouter une ambition' }).click();
		// The new ambition's label has the focus; the files wait for its labels.
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('libelle-A5');
		await page.getByText('L’ambition A5 n’a pas de libellé.').waitFor();
		expect(
			await page.getByRole('button', { name: 'Télécharger projet-academique.csv' }).isDisabled()
		).toBe(true);
		await page.getByLabel('Ambition A5').fill('Une école qui coopère');
		await page.getByLabel('Axe A5.X1').fill('Travailler en réseau');
		await page.getByLabel('Objectif A5.X1.O1').fill('Partager les pratiques');
		await page.getByRole('button', { name: 'Ajouter un axe à l’ambition A5' }).click();
		await page.getByText('L’axe A5.X2 n’a pas de libellé.').waitFor();
		await page.getByRole('button', { name: 'Retirer l’axe A5.X2' }).click();
		await expect
			.poll(() =>
				page.getByRole('button', { name: 'Télécharger projet-academique.csv' }).isDisabled()
			)
			.toBe(false);
		const csv = await readFile(await telecharger(page, 'projet-academique.csv'), 'utf8');
		expect(csv).toContain('A5;ambition;;5;Une école qui coopère;');
		expect(csv).toContain('A5.X1;axe;A5;1;Travailler en réseau;');
		expect(csv).toContain('A5.X1.O1;objectif;A5.X1;1;Partager les pratiques;');
		expect(journal.erreursConsole).toEqual([]);
	}, 120_000);
});
