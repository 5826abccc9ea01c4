import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attendrePret, lancerChromium, nouvellePage, violationsAccessibilite } from './navigateur';

// Issue #16: a network plan that travels between the IEN, the principal and the coordonnateur
// of REP+ Chenôve. Each person is a fresh browser context (its own IndexedDB); the files they
// exchange go through the disk, as they would by mail.

const url = inject('urlApplication');
const ID = 'REPP-CHENOVE';
let navigateur: Browser;

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

async function ouvrirReseau(page: Page, id = ID) {
	await page.goto(`${url}#/reseau/${id}`);
	await attendrePret(page);
	await page
		.locator('section[aria-labelledby="titre-plan"][aria-busy="false"]')
		.waitFor({ timeout: 90_000 });
}

const themes = async (page: Page) =>
	(await page.locator('table.pilotage-plan tbody th[scope="row"]').allInnerTexts()).map(
		(t) => t.split('\n')[0]
	);

async function signer(page: Page, nom: string) {
	await page.locator('#plan-auteur').fill(nom);
	await page.locator('#plan-auteur').press('Tab');
}

async function ajouterAction(page: Page, theme: string, annee = '2025-2026') {
	await page.getByRole('button', { name: 'Ajouter une action' }).click();
	await page.locator('#action-theme').fill(theme);
	await page.locator('#action-annee').selectOption(annee);
	await page.locator('#action-heures').fill('6');
	await page.getByRole('button', { name: 'Enregistrer l’action' }).click();
	await page.locator('table.pilotage-plan th', { hasText: theme }).waitFor();
}

/** Exports the plan to a file on disk and returns its path and text. */
async function exporter(page: Page, nom: string) {
	const [telechargement] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('button', { name: 'Exporter le plan (CSV)' }).click()
	]);
	const chemin = join(tmpdir(), `${Date.now()}-${nom}`);
	await telechargement.saveAs(chemin);
	return { chemin, texte: await readFile(chemin, 'utf8') };
}

describe('Un plan de réseau qui voyage (issue #16)', () => {
	let fichierA = '';
	let fichierB = '';
	let themesA: string[] = [];
	const proposee = "CP — Comprendre des phrases à l'oral";

	it('A bâtit le plan (priorité placée en 2e année, maternelles comprises), deux onglets restent d’accord, l’export porte le besoin', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await ouvrirReseau(page);
		await signer(page, 'IEN Chenôve');
		await page.getByLabel('Année où placer une priorité retenue').selectOption('2026-2027');
		await page
			.locator('.pilotage-priorites__item')
			.first()
			.getByRole('button', { name: /Ajouter au plan/ })
			.click();
		const ligne = page.locator('table.pilotage-plan tbody tr', {
			hasText: 'Comprendre des phrases'
		});
		await ligne.waitFor();
		// Placed in the year chosen, not the first.
		expect(
			await page
				.locator('table.pilotage-plan', { hasText: 'Comprendre des phrases' })
				.locator('caption')
				.innerText()
		).toMatch(/^2026-2027/);
		// « Grande section et CP »: the maternelles are ticked with the elementary schools.
		expect(await ligne.innerText()).toMatch(/École maternelle/);
		// The need it answers, with its interval, pupils, years and the school concerned.
		expect(await ligne.innerText()).toMatch(
			/Besoin établi pour le réseau\s:\sCP — Comprendre des phrases à l.oral, écart à l’attendu −\d+\s+points \(de −\d+\s+points à −\d+(,\d)?\s+points?\), 762 élèves, années 2022-2023 à 2024-2025 cumulées · école concernée\s:\sÉcole élémentaire Claude Bernard/
		);
		await ajouterAction(page, 'Observation croisée CM2-6e');
		await ajouterAction(page, 'Café pédagogique des directeurs', '2027-2028');
		themesA = await themes(page);
		expect(themesA).toEqual([
			'Observation croisée CM2-6e',
			proposee,
			'Café pédagogique des directeurs'
		]);

		// A second tab of the same browser sees what the first writes, without reloading.
		const onglet2 = await page.context().newPage();
		await ouvrirReseau(onglet2);
		expect(await themes(onglet2)).toEqual(themesA);
		await ajouterAction(onglet2, 'Action écrite dans le second onglet', '2027-2028');
		await page
			.locator('table.pilotage-plan th', { hasText: 'Action écrite dans le second onglet' })
			.waitFor();
		await page
			.getByRole('button', { name: 'Supprimer', description: /Action écrite dans le second/ })
			.click();
		await expect.poll(() => themes(onglet2)).toEqual(themesA);
		await onglet2.close();

		const { chemin, texte } = await exporter(page, 'plan-A.csv');
		fichierA = chemin;
		const lignes = texte.trimEnd().split('\r\n');
		expect(lignes).toHaveLength(4);
		expect(lignes[0]).toMatch(
			/;besoin;besoin_motif;besoin_ecart_points;besoin_intervalle_bas;besoin_intervalle_haut;besoin_eleves;besoin_annees;besoin_ecoles_concernees;action_id;.*;exporte_par;exporte_le;format;version_format$/
		);
		expect(texte).toMatch(/;établi pour le réseau;-\d+(,\d)?;-\d+(,\d)?;-\d+(,\d)?;762;/);
		expect(texte).toContain(';IEN Chenôve;');

		// The print carries the need too.
		await page.getByRole('link', { name: 'Version imprimable (A4)' }).click();
		await page.locator('.pilotage-document').waitFor();
		const imprime = await page.locator('.pilotage-document').innerText();
		expect(imprime).toMatch(/Besoin établi pour le réseau\s:\sCP — Comprendre des phrases/);
		expect(imprime).toContain('762 élèves');
		expect(journal.erreursConsole).toEqual([]);
	}, 300_000);

	it('B importe le plan de A par la page Importer, retrouve les mêmes actions, le modifie et l’exporte', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/import`);
		await attendrePret(page);
		await page.setInputFiles('#fichiers', fichierA);
		const comparaison = page.locator('.pilotage-comparaison');
		await comparaison.waitFor();
		expect(await comparaison.innerText()).toMatch(/IEN Chenôve, exporté le/);
		expect(await violationsAccessibilite(page)).toEqual([]);
		await comparaison.getByRole('button', { name: 'Importer ce plan' }).click();
		await page.locator('.fr-alert--success', { hasText: 'Plan remplacé' }).waitFor();
		// Not sent to the engine as data: the journal of imports stays empty.
		expect(await page.locator('main').innerText()).toContain('Aucun fichier importé');

		await page.getByRole('link', { name: 'Voir le plan du réseau' }).click();
		await page
			.locator('section[aria-labelledby="titre-plan"][aria-busy="false"]')
			.waitFor({ timeout: 90_000 });
		await page.locator('table.pilotage-plan').first().waitFor();
		expect(await themes(page)).toEqual(themesA);

		await signer(page, 'Principal du collège');
		// B changes one action, adds one, removes one.
		await page
			.getByRole('button', { name: 'Modifier', description: /Observation croisée CM2-6e/ })
			.click();
		await page.locator('#action-heures').fill('9');
		await page.getByRole('button', { name: 'Enregistrer l’action' }).click();
		await page.locator('#action-annee').waitFor({ state: 'detached' });
		await ajouterAction(page, 'Constellation mathématiques CE1', '2025-2026');
		await page.getByRole('button', { name: 'Supprimer', description: /Café pédagogique/ }).click();
		await page.locator('table.pilotage-plan th', { hasText: 'Café pédagogique' }).waitFor({
			state: 'detached'
		});
		fichierB = (await exporter(page, 'plan-B.csv')).chemin;
		expect(journal.erreursConsole).toEqual([]);
	}, 300_000);

	it('A réimporte la version de B : les différences une à une, avec leur auteur, et la fusion choisie', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		// A is a fresh context too: A's plan comes back from A's own file first.
		await page.goto(`${url}#/import`);
		await attendrePret(page);
		await page.setInputFiles('#fichiers', fichierA);
		await page.getByRole('button', { name: 'Importer ce plan' }).click();
		await page.locator('.fr-alert--success', { hasText: 'Plan remplacé' }).waitFor();

		await ouvrirReseau(page);
		await page.locator('table.pilotage-plan').first().waitFor();
		expect(await themes(page)).toEqual(themesA);

		// A damaged file (cut mid-row) and another network's file: a French message, nothing changes.
		const texteB = await readFile(fichierB, 'utf8');
		const abime = join(tmpdir(), `${Date.now()}-plan-abime.csv`);
		await writeFile(abime, texteB.slice(0, Math.floor(texteB.length * 0.55)));
		await page.setInputFiles('#plan-version', abime);
		await page
			.locator('.fr-alert--error', { hasText: 'Ce fichier de plan est endommagé' })
			.waitFor();
		expect(await page.locator('.fr-alert--error').innerText()).toContain('Rien n’a été modifié');
		expect(await themes(page)).toEqual(themesA);

		await ouvrirReseau(page, 'SECT-0218015Y');
		await page.setInputFiles('#plan-version', fichierB);
		await page
			.locator('.fr-alert--error', {
				hasText:
					/Ce fichier est le plan du réseau «\sREP\+ Chenôve\s» \(REPP-CHENOVE\), pas celui de ce réseau/
			})
			.waitFor();
		expect(await page.locator('table.pilotage-plan').count()).toBe(0);

		await ouvrirReseau(page);
		await page.locator('table.pilotage-plan').first().waitFor();
		await page.setInputFiles('#plan-version', fichierB);
		const comparaison = page.locator('.pilotage-comparaison');
		await comparaison.waitFor();
		const items = comparaison.locator('.pilotage-comparaison__item');
		expect(await items.count()).toBe(3);
		const texte = await comparaison.innerText();
		expect(texte).toMatch(/Ajoutée dans le fichier\s+Constellation mathématiques CE1/i);
		expect(texte).toMatch(/Modifiée\s+Observation croisée CM2-6e\s+— volume horaire/i);
		expect(texte).toMatch(/Absente du fichier\s+Café pédagogique des directeurs/i);
		expect(texte).toMatch(/par Principal du collège, le/);
		expect(texte).toMatch(/par IEN Chenôve, le/);
		// Nothing changed yet.
		expect(await themes(page)).toEqual(themesA);
		expect(await violationsAccessibilite(page)).toEqual([]);

		// A keeps their own hours, takes the new action, and agrees to remove the café.
		const item = (nature: string) => comparaison.locator(`[data-nature="${nature}"]`);
		// DSFR draws the radio on its label: a pilot clicks the label.
		await item('modifiee').locator('label', { hasText: 'Garder la mienne' }).click();
		await item('retiree').locator('label', { hasText: 'La retirer' }).click();
		expect(
			await item('modifiee')
				.getByLabel(/Garder la mienne/)
				.isChecked()
		).toBe(true);
		await comparaison.getByRole('button', { name: 'Fusionner selon ces choix' }).click();
		await comparaison.waitFor({ state: 'detached' });
		expect(await themes(page)).toEqual([
			'Observation croisée CM2-6e',
			'Constellation mathématiques CE1',
			proposee
		]);
		const observation = page.locator('table.pilotage-plan tbody tr', {
			hasText: 'Observation croisée CM2-6e'
		});
		expect(await observation.innerText()).toMatch(/6\sh/);

		// The merge is stored: it is still there after a reload.
		await page.reload();
		await attendrePret(page);
		await page.locator('table.pilotage-plan').first().waitFor({ timeout: 90_000 });
		expect(await themes(page)).toEqual([
			'Observation croisée CM2-6e',
			'Constellation mathématiques CE1',
			proposee
		]);
		expect(journal.erreursConsole).toEqual([]);
	}, 400_000);

	it('la page Importer refuse un plan endommagé ou d’une version plus récente, en français', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/import`);
		await attendrePret(page);
		const texteA = await readFile(fichierA, 'utf8');
		const recent = join(tmpdir(), `${Date.now()}-plan-recent.csv`);
		await writeFile(
			recent,
			texteA.replace(/;pilotage-plan-reseau;1\r\n/g, ';pilotage-plan-reseau;7\r\n')
		);
		await page.setInputFiles('#fichiers', recent);
		await page
			.locator('.fr-alert--error', { hasText: 'version plus récente de Pilotage (format 7' })
			.waitFor();
		expect(await page.locator('.pilotage-comparaison').count()).toBe(0);
		expect(await page.locator('main').innerText()).toContain('Aucun fichier importé');
	}, 120_000);
});
