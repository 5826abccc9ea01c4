import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attendrePret, lancerChromium, nouvellePage, violationsAccessibilite } from './navigateur';

// Issue #16 item 4: the IEN of Dijon Est opens an accompaniment of a school team from « Où
// accompagner », fills it, prints its synthèse and sends its file to a colleague (a fresh browser
// context, its own IndexedDB), who imports it.

const url = inject('urlApplication');
const DIJON_EST = '0217006B';
let navigateur: Browser;

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

/** The pages of a PDF: its page objects (`/Type /Page`, not `/Pages`), as Chromium writes them. */
const pagesPdf = (pdf: Buffer) =>
	pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;

async function ouvrirCirconscription(page: Page) {
	await page.goto(`${url}#/circonscription/${DIJON_EST}`);
	await attendrePret(page);
	await page.locator('#titre-accompagner').waitFor({ timeout: 90_000 });
}

async function remplir(page: Page, id: string, valeur: string) {
	await page.locator(id).fill(valeur);
}

describe('Un accompagnement d’école ouvert par l’IEN (issue #16)', () => {
	let fichier = '';
	let ecole = '';

	it('A ouvre un accompagnement depuis « Où accompagner », le remplit, l’imprime et l’exporte', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await ouvrirCirconscription(page);
		await page.locator('text=Aucun accompagnement n’est enregistré').waitFor();
		const bouton = page
			.locator('.fiche')
			.first()
			.getByRole('button', { name: /^Ouvrir un accompagnement\s:\s/ });
		ecole = ((await bouton.getAttribute('aria-label')) ?? '').replace(
			/^Ouvrir un accompagnement\s:\s/,
			''
		);
		expect(ecole).not.toBe('');
		await bouton.click();
		await page.locator('h1', { hasText: `Accompagnement — ${ecole}` }).waitFor();

		// The diagnostic starts from the school's established points; signals are apart.
		const diagnostic = await page.locator('#acc-diagnostic').inputValue();
		expect(diagnostic).toContain('Points de vigilance établis :');
		expect(diagnostic).not.toMatch(/signal/i);
		const signaux = await page.locator('#acc-signaux').inputValue();
		if (signaux) expect(signaux).toContain('ce ne sont pas des points');

		await page.locator('#acc-origine').selectOption('conseil des maîtres');
		await page.locator('#acc-etat').selectOption('en cours');
		await remplir(page, '#acc-auteur', 'IEN Dijon Est');
		await remplir(page, '#acc-problematique-1', 'Faire progresser le calcul mental au CE1');
		await remplir(page, '#acc-duree', 'Une année scolaire, de novembre à juin');
		await remplir(
			page,
			'#acc-roles',
			'IEN : pilote. CPC : observe et outille. Équipe : met en œuvre.'
		);
		await remplir(
			page,
			'#acc-evaluation',
			'Évaluations de classe en février, nationales en septembre.'
		);
		await page.getByRole('button', { name: 'Ajouter une action' }).click();
		// The focus goes to the new row's first field.
		expect(await page.evaluate(() => document.activeElement?.id)).toMatch(/^action-quoi-/);
		await page.keyboard.type('Observation croisée en classe');
		await page.getByLabel('Action 1 : qui').fill('CPC');
		await page.getByLabel('Action 1 : quand').fill('Novembre');
		await page.getByRole('button', { name: 'Ajouter une action' }).click();
		await page.getByLabel('Action 2 : quoi').fill('Conseil des maîtres de bilan');
		await page.getByLabel('Action 2 : qui').fill('Équipe et IEN');
		await page.getByLabel('Action 2 : quand').fill('Juin');
		await page.getByRole('button', { name: 'Ajouter un indicateur' }).click();
		const competence = page.getByLabel('Indicateur 1 : compétence');
		const options = await competence.locator('option').allInnerTexts();
		expect(options.length).toBeGreaterThan(1);
		await competence.selectOption({ index: 1 });
		await page.getByLabel('Indicateur 1 : progrès attendu').fill('Moins d’élèves sous le seuil 1');
		await remplir(page, '#acc-recommandations', 'Installer un rituel quotidien de calcul mental.');

		expect(await violationsAccessibilite(page)).toEqual([]);

		// The synthèse: four parts, what was typed, on two A4 pages at most.
		const synthese = page.locator('.pilotage-synthese');
		expect(await synthese.locator('h3').allInnerTexts()).toEqual([
			'Diagnostic',
			'Actions',
			'Indicateurs de progrès',
			'Recommandations'
		]);
		const texte = await synthese.innerText();
		expect(texte).toContain('Observation croisée en classe');
		expect(texte).toContain(options[1]);
		expect(texte).toMatch(/état\s:\sen cours/);
		await page.emulateMedia({ media: 'print' });
		expect(await page.locator('#acc-diagnostic').isVisible()).toBe(false);
		expect(await synthese.isVisible()).toBe(true);
		await page.emulateMedia({ media: null });
		const pdf = await page.pdf({ format: 'A4' });
		expect(pagesPdf(pdf)).toBeGreaterThanOrEqual(1);
		expect(pagesPdf(pdf)).toBeLessThanOrEqual(2);

		const [telechargement] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Exporter l’accompagnement (CSV)' }).click()
		]);
		fichier = join(tmpdir(), `${Date.now()}-accompagnement.csv`);
		await telechargement.saveAs(fichier);
		const csv = await readFile(fichier, 'utf8');
		expect(csv.split('\r\n')[0]).toContain('accompagnement_id');
		expect(csv).toContain(';IEN Dijon Est;');
		expect(csv).toContain(';pilotage-accompagnement;2');

		// Listed on the circonscription page with its state.
		await page.getByRole('link', { name: 'Retour à la circonscription' }).click();
		const liste = page.locator('table.pilotage-accompagnements');
		await liste.waitFor({ timeout: 90_000 });
		const ligne = liste.locator('tbody tr', { hasText: ecole });
		expect(await ligne.innerText()).toContain('en cours');
		await liste.scrollIntoViewIfNeeded();
		await ligne.getByRole('link').click();
		await page.locator('h1', { hasText: ecole }).waitFor();

		// Also from the school's page: a second accompaniment of the same team, listed too.
		await page.getByRole('link', { name: 'Voir l’école' }).click();
		await page.getByRole('button', { name: 'Ouvrir un accompagnement (IEN)' }).click();
		await page.locator('h1', { hasText: `Accompagnement — ${ecole}` }).waitFor();
		expect(await page.locator('#acc-etat').inputValue()).toBe('en préparation');
		expect(await page.locator('#acc-diagnostic').inputValue()).toBe(diagnostic);
		await page.getByRole('link', { name: 'Retour à la circonscription' }).click();
		await liste.waitFor({ timeout: 90_000 });
		expect(
			(await liste.locator('tbody tr', { hasText: ecole }).allInnerTexts()).map((t) =>
				t.split('\t')[2]?.trim()
			)
		).toEqual(['en préparation', 'en cours']);

		// Deleting the second one, with the keyboard: asked first, Échap cancels; a second tab on
		// the same circonscription follows.
		const autreOnglet = await page.context().newPage();
		await ouvrirCirconscription(autreOnglet);
		const listeAutre = autreOnglet.locator('table.pilotage-accompagnements tbody tr', {
			hasText: ecole
		});
		await expect.poll(() => listeAutre.count(), { timeout: 30_000 }).toBe(2);
		const supprimer = liste
			.locator('tbody tr', { hasText: 'en préparation' })
			.getByRole('button', { name: /^Supprimer l’accompagnement\s:\s/ });
		await supprimer.focus();
		await page.keyboard.press('Enter');
		const dialogue = page.getByRole('dialog', { name: /Supprimer l’accompagnement de/ });
		await dialogue.waitFor();
		// The harmless choice has the focus.
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Annuler');
		await page.keyboard.press('Escape');
		await dialogue.waitFor({ state: 'hidden' });
		expect(await liste.locator('tbody tr', { hasText: ecole }).count()).toBe(2);
		await supprimer.focus();
		await page.keyboard.press('Enter');
		await dialogue.waitFor();
		await page.keyboard.press('Tab');
		await page.keyboard.press('Enter');
		await dialogue.waitFor({ state: 'hidden' });
		await expect
			.poll(() => liste.locator('tbody tr', { hasText: ecole }).allInnerTexts())
			.toEqual([expect.stringContaining('en cours')]);
		await page.getByText(/Accompagnement de .*, supprimé\./).waitFor({ state: 'attached' });
		await expect.poll(() => listeAutre.count(), { timeout: 30_000 }).toBe(1);
		await autreOnglet.close();
		expect(journal.erreursConsole).toEqual([]);
	}, 300_000);

	it('B importe le fichier dans un navigateur neuf ; une autre version montre ses différences', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/import`);
		await attendrePret(page);

		// A damaged file: a French message, nothing changes.
		const texte = await readFile(fichier, 'utf8');
		const abime = join(tmpdir(), `${Date.now()}-accompagnement-abime.csv`);
		await writeFile(abime, texte.slice(0, Math.floor(texte.length * 0.6)));
		await page.setInputFiles('#fichiers', abime);
		await page
			.locator('.fr-alert--error', { hasText: 'Ce fichier d’accompagnement est endommagé' })
			.waitFor();

		await page.setInputFiles('#fichiers', fichier);
		const comparaison = page.locator('.pilotage-comparaison');
		await comparaison.waitFor();
		expect(await comparaison.innerText()).toMatch(/IEN Dijon Est, exporté le/);
		expect(await violationsAccessibilite(page)).toEqual([]);
		await comparaison.getByRole('button', { name: 'Importer cet accompagnement' }).click();
		await page.locator('.fr-alert--success', { hasText: 'Accompagnement remplacé' }).waitFor();
		expect(await page.locator('main').innerText()).toContain('Aucun fichier importé');

		await page.getByRole('link', { name: 'Voir l’accompagnement' }).click();
		await page.locator('h1', { hasText: ecole }).waitFor();
		expect(await page.locator('#acc-problematique-1').inputValue()).toBe(
			'Faire progresser le calcul mental au CE1'
		);
		expect(await page.getByLabel('Action 2 : quoi').inputValue()).toBe(
			'Conseil des maîtres de bilan'
		);

		// Another version of the same accompaniment: its differences item by item; B keeps their
		// recommandations but not their état, then merges.
		const autre = join(tmpdir(), `${Date.now()}-accompagnement-autre.csv`);
		await writeFile(
			autre,
			texte
				.replace('Installer un rituel quotidien de calcul mental.', 'Un rituel et un affichage.')
				// …written by a colleague: the item's row names who changed it last.
				.replace(/(;Un rituel et un affichage\.;[^;]*;[^;]*;[^;]*;)[^;]*;/, '$1CPC Dijon Est;')
				.replace(/;état;en cours;/, ';état;terminé;')
		);
		await page.getByRole('link', { name: 'Importer des données' }).first().click();
		await page.locator('#fichiers').waitFor();
		await page.setInputFiles('#fichiers', autre);
		await comparaison.waitFor();
		const differences = comparaison.locator('.pilotage-comparaison__item');
		expect(await differences.count()).toBe(2);
		const recommandations = differences.filter({ hasText: 'recommandations' });
		expect(await recommandations.innerText()).toMatch(/Modifiée/i);
		expect(await recommandations.innerText()).toContain('Un rituel et un affichage.');
		// Each item with its own author: the colleague's recommandations, the IEN's état.
		expect(await recommandations.innerText()).toMatch(/par CPC Dijon Est, le/);
		expect(await differences.filter({ hasText: 'état' }).innerText()).not.toContain('CPC');
		// The DSFR draws the radio on its label, which takes the click as a user's.
		await recommandations.locator('label', { hasText: 'Prendre celle du fichier' }).click();
		await differences
			.filter({ hasText: 'état' })
			.locator('label', { hasText: 'Garder la mienne' })
			.click();
		await comparaison.getByRole('button', { name: 'Fusionner selon ces choix' }).click();
		await page.locator('.fr-alert--success', { hasText: 'fusionnés' }).waitFor();
		await page.getByRole('link', { name: 'Voir l’accompagnement' }).click();
		await page.locator('h1', { hasText: ecole }).waitFor();
		expect(await page.locator('#acc-recommandations').inputValue()).toBe(
			'Un rituel et un affichage.'
		);
		expect(await page.locator('#acc-etat').inputValue()).toBe('en cours');
		expect(await page.getByLabel('Action 2 : quoi').inputValue()).toBe(
			'Conseil des maîtres de bilan'
		);
		expect(journal.erreursConsole).toEqual([]);
	}, 300_000);
});
