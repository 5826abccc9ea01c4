import { readFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attendrePret, lancerChromium, nouvellePage, violationsAccessibilite } from './navigateur';

// Issue #16 item 5: the bilan of a network plan. REP+ Chenôve's shared need (CP « Comprendre des
// phrases à l'oral ») becomes an action of the plan; its bilan waits for an evaluation after the
// action, then reads before against after once the latest year is counted as « after ».

const url = inject('urlApplication');
let navigateur: Browser;

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

describe('Le bilan d’un plan de réseau (issue #16)', () => {
	it('montre, pour l’action sur le besoin partagé de Chenôve, l’écart avant et après avec son intervalle', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/reseau/REPP-CHENOVE`);
		await attendrePret(page);
		await page
			.locator('section[aria-labelledby="titre-plan"][aria-busy="false"]')
			.waitFor({ timeout: 90_000 });
		await page
			.locator('.pilotage-priorites__item', { hasText: 'Comprendre des phrases' })
			.first()
			.getByRole('button', { name: /Ajouter au plan/ })
			.click();
		await page
			.locator('table.pilotage-plan tbody tr', { hasText: 'Comprendre des phrases' })
			.waitFor();
		// Through the router, as a user clicks (a hand-set hash would reload the application).
		await page.getByRole('link', { name: 'Bilan : avant et après les actions' }).click();
		await page.getByRole('heading', { level: 1, name: /Bilan du plan de formation/ }).waitFor({
			timeout: 90_000
		});
		const ligne = page.locator('table.pilotage-bilan tbody tr', {
			hasText: 'Comprendre des phrases'
		});
		await ligne.waitFor({ timeout: 90_000 });
		// The plan starts after the latest evaluations: nothing « after » yet, and it says so.
		expect(await ligne.innerText()).toContain('pas encore d’évaluation après l’action');
		expect(await ligne.innerText()).toContain('pas de lecture');

		// The DSFR draws the box on the label, which takes the click as a user's.
		await page.locator('label[for="derniere-apres"]').click();
		expect(await page.getByLabel(/Compter la dernière année importée/).isChecked()).toBe(true);
		await page.getByText('Lecture provisoire').waitFor();
		const texte = await ligne.innerText();
		expect(texte).toContain('2024-2025');
		expect(texte).toContain('2021-2022 à 2023-2024');
		// Before, after and the change, each with its interval.
		expect(texte.match(/\(de [−+]?[\d,]+\s?points? à [−+]?[\d,]+\s?points?\)/g)).toHaveLength(3);
		expect(texte).toMatch(/progrès établi|pas de changement établi|recul établi/);
		expect(await violationsAccessibilite(page)).toEqual([]);

		const [telechargement] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Télécharger le bilan (CSV)' }).click()
		]);
		const csv = await readFile((await telechargement.path())!, 'utf8');
		const [entete, premiere] = csv
			.replace(/^\ufeff/, '')
			.trim()
			.split('\r\n');
		const colonnes = entete.split(';');
		const valeurs = premiere.split(';');
		const valeur = (c: string) => valeurs[colonnes.indexOf(c)];
		expect(valeur('competence_id')).toBe('CP-FR-PHRASES-ORAL');
		expect(valeur('annees_apres')).toBe('2024-2025');
		expect(Number(valeur('evolution_bas').replace(',', '.'))).toBeLessThan(
			Number(valeur('evolution_haut').replace(',', '.'))
		);
		expect(valeur('derniere_annee_comptee_apres')).toBe('1');
		expect(journal.erreursConsole).toEqual([]);
		await page.context().close();
	}, 240_000);

	it('montre, dans le bilan de la circonscription, un accompagnement sur une compétence avant et après son début', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/circonscription/0217006B`);
		await attendrePret(page);
		await page.locator('#titre-accompagner').waitFor({ timeout: 90_000 });
		await page
			.locator('.fiche')
			.first()
			.getByRole('button', { name: /^Ouvrir un accompagnement\s:\s/ })
			.click();
		await page.locator('h1', { hasText: 'Accompagnement — ' }).waitFor();
		// Started in 2023-2024: the demo's latest year, 2024-2025, is « after ».
		await page.getByLabel(/Année scolaire de début/).selectOption('2023-2024');
		await page.getByRole('button', { name: 'Ajouter un indicateur' }).click();
		const competence = page.getByLabel('Indicateur 1 : compétence');
		await competence.selectOption({ index: 1 });
		const libelle = (await competence.locator('option:checked').innerText()).trim();
		await page.getByLabel('Indicateur 1 : progrès attendu').fill('Moins d’élèves à besoins');

		await page.getByRole('link', { name: 'Bilan de la circonscription : avant et après' }).click();
		await page
			.getByRole('heading', { level: 1, name: /Bilan des accompagnements et des projets/ })
			.waitFor({ timeout: 90_000 });
		const ligne = page.locator('table.pilotage-bilan tbody tr', {
			hasText: 'Moins d’élèves à besoins'
		});
		await ligne.waitFor({ timeout: 90_000 });
		const texte = await ligne.innerText();
		expect(texte).toContain(libelle.replace(/^.* — /, ''));
		expect(texte).toContain('2024-2025');
		expect(texte).toContain('2021-2022 à 2023-2024');
		expect(texte.match(/\(de [−+]?[\d,]+\s?points? à [−+]?[\d,]+\s?points?\)/g)).toHaveLength(3);
		expect(texte).toMatch(/progrès établi|pas de changement établi|recul établi/);
		expect(await violationsAccessibilite(page)).toEqual([]);

		const [telechargement] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Télécharger le bilan (CSV)' }).click()
		]);
		const csv = await readFile((await telechargement.path())!, 'utf8');
		expect(csv).toContain(';accompagnement;Moins d’élèves à besoins;2023-2024;');
		expect(journal.erreursConsole).toEqual([]);
		await page.context().close();
	}, 240_000);
});
