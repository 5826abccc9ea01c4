import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
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

/** A page at a phone's width (390 px, an iPhone's), ready. */
async function pageMobile(adresse: string): Promise<Page> {
	const { page } = await nouvellePage(navigateur);
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(`${url}${adresse}`);
	await attendrePret(page);
	return page;
}

/** The pages of a PDF: its page objects (`/Type /Page`, not `/Pages`), as Chromium writes them. */
function pagesPdf(pdf: Buffer): number {
	return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g)?.length ?? 0;
}

describe('pages d’aide rendues depuis docs/', () => {
	it('« Formats des fichiers » montre docs/formats.md, ses tableaux dans des cadres qui défilent', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/import`);
		await attendrePret(page);
		await page.getByRole('link', { name: 'Formats des fichiers' }).first().click();
		await page.locator('h1', { hasText: 'Formats de fichiers définis par Pilotage' }).waitFor();
		expect(page.url()).toContain('#/aide/formats');
		// Every table of the document in a DSFR frame that scrolls from the keyboard.
		const tableaux = await page.locator('main table').count();
		expect(tableaux).toBeGreaterThan(5);
		expect(await page.locator('main .fr-table__container[tabindex="0"] table').count()).toBe(
			tableaux
		);
		expect(
			await page
				.locator('main table', { has: page.locator('code', { hasText: 'groupe_proximite' }) })
				.count()
		).toBe(1);
		// French typography applied to the document's text, not to its code.
		expect(await page.locator('main').innerText()).toContain('Pilotage\u202f:');
		expect(await violationsAccessibilite(page)).toEqual([]);
		expect(journal.erreursConsole).toEqual([]);
	});

	it('« Méthode » montre docs/methodologie.md, tel que le fichier est au moment de la construction', async () => {
		const premierTitre = readFileSync('docs/methodologie.md', 'utf8')
			.match(/^# (.+)$/m)![1]
			.replace(/'/g, '’')
			.replace(/`/g, '');
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/0219099B`);
		await attendrePret(page);
		await page.getByRole('link', { name: 'Méthode', exact: true }).first().click();
		// The school's own h1 is there until the router has swapped the page: wait for the new one.
		await page.waitForURL(/#\/aide\/methode$/);
		await page.locator('h1', { hasText: premierTitre.slice(0, 20) }).waitFor();
		expect((await page.locator('h1').innerText()).replace(/\s/g, ' ')).toBe(
			premierTitre.replace(/\s/g, ' ')
		);
		expect(await page.locator('main h2').count()).toBeGreaterThan(2);
		expect(await violationsAccessibilite(page)).toEqual([]);
		expect(journal.erreursConsole).toEqual([]);
	});
});

describe('conformité au DSFR', () => {
	it('a un pied de page avec les mentions obligatoires, chacune menant à sa page', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(url);
		await attendrePret(page);
		const pied = page.locator('footer');
		for (const [lien, titre] of [
			['Accessibilité : non conforme', 'Déclaration d’accessibilité'],
			['Mentions légales', 'Mentions légales'],
			['Données personnelles', 'Données personnelles']
		]) {
			await pied.getByRole('link', { name: lien.replace(' :', '\u202f:') }).click();
			await page.locator('h1', { hasText: titre }).waitFor();
			if (titre.includes('accessibilité'))
				expect(await page.locator('main').innerText()).toContain('non conforme');
			expect(await violationsAccessibilite(page), titre).toEqual([]);
		}
		expect(journal.erreursConsole).toEqual([]);
	});

	it('répond en français à une adresse inconnue', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/nulle-part/ici`);
		await attendrePret(page);
		await page.locator('h1', { hasText: 'Page introuvable' }).waitFor();
		expect(await page.locator('main').innerText()).not.toMatch(/Not Found/i);
		await page.getByRole('link', { name: 'Page d’accueil' }).click();
		await page.locator('h1', { hasText: 'L’académie en chiffres' }).waitFor();
		await page.goto(`${url}#/nulle-part/ici`);
		await page.locator('h1', { hasText: 'Page introuvable' }).waitFor();
		expect(await violationsAccessibilite(page)).toEqual([]);
	});

	it('ouvre le menu sur téléphone par son bouton, le ferme avec Échap et rend le focus', async () => {
		const page = await pageMobile('#/');
		const lienEcole = page.locator('#navigation').getByRole('link', { name: 'Mon école' });
		const bouton = page.getByRole('button', { name: 'Menu' });
		expect(await lienEcole.isVisible()).toBe(false);
		await bouton.click();
		await expect.poll(() => lienEcole.isVisible()).toBe(true);
		expect(await page.getByRole('dialog').count()).toBe(1);
		expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Fermer');
		// The page behind the menu cannot be reached while it is open.
		expect(await page.locator('main').getAttribute('inert')).not.toBeNull();
		expect(await violationsAccessibilite(page)).toEqual([]);
		await page.keyboard.press('Escape');
		await expect.poll(() => lienEcole.isVisible()).toBe(false);
		expect(await page.evaluate(() => document.activeElement?.id)).toBe('bouton-menu');
		// A link of the menu goes to its page and closes the menu.
		await bouton.click();
		await lienEcole.click();
		await page.locator('h1', { hasText: 'Mon école' }).waitFor();
		await expect.poll(() => lienEcole.isVisible()).toBe(false);
		expect(await page.locator('main').getAttribute('inert')).toBeNull();
	});

	it('demande confirmation dans une boîte de dialogue avant d’effacer toutes les données', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/import`);
		await attendrePret(page);
		await page.setInputFiles('#fichiers', 'tests/fixtures/ecoles-ok.csv');
		await page
			.locator('.fr-alert--success, .fr-alert--warning')
			.first()
			.waitFor({ timeout: 60_000 });
		const effacer = page.getByRole('button', { name: 'Effacer toutes les données' });
		await effacer.click();
		const dialogue = page.getByRole('dialog', { name: 'Effacer toutes les données ?' });
		await dialogue.waitFor();
		expect(await violationsAccessibilite(page)).toEqual([]);
		await dialogue.getByRole('button', { name: 'Annuler' }).click();
		await dialogue.waitFor({ state: 'hidden' });
		expect(await page.locator('.pilotage-demo').count()).toBe(0);
		await effacer.click();
		await dialogue.getByRole('button', { name: 'Tout effacer' }).click();
		await page.locator('.pilotage-demo').waitFor();
		expect(journal.erreursConsole).toEqual([]);
	});
});

describe('lecture sur téléphone (390 px) et sur papier', () => {
	it('imprime le diagnostic de l’école Paul Bert sur quatre pages A4 au plus', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/0219099B`);
		await attendrePret(page);
		await page.locator('section.pilotage-pistes').waitFor({ state: 'attached' });
		await page.locator('table.pilotage-evolution').waitFor();
		const pdf = await page.pdf({ format: 'A4' });
		const pages = pagesPdf(pdf);
		expect(pages).toBeGreaterThan(1);
		expect(pages).toBeLessThanOrEqual(4);
	});

	it('garde aux graphiques une taille lisible et fait défiler les tableaux, pas la page', async () => {
		const page = await pageMobile('#/ecole/0219099B');
		await page.locator('table.pilotage-resultats').waitFor();
		const figure = page.locator('.pilotage-figure').first();
		await figure.locator('svg').waitFor();
		// Plot's labels are 10 px at the chart's own width: drawn at that width, not scaled down.
		const echelle = await figure
			.locator('svg')
			.first()
			.evaluate((svg) => svg.getBoundingClientRect().width / Number(svg.getAttribute('width')));
		expect(echelle).toBeGreaterThan(0.99);
		await expect.poll(() => figure.getAttribute('tabindex')).toBe('0');
		const tableau = page.locator('.fr-table__container', {
			has: page.locator('table.pilotage-resultats')
		});
		expect(await tableau.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(true);
		for (const adresse of ['#/', '#/ecole/0219099B', '#/circonscription/0217006B', '#/import']) {
			await page.goto(`${url}${adresse}`);
			await page.locator('h1').first().waitFor();
			await page.waitForTimeout(500);
			const largeur = await page.evaluate(() => document.documentElement.scrollWidth);
			expect(largeur, adresse).toBeLessThanOrEqual(390);
		}
		expect(await violationsAccessibilite(page)).toEqual([]);
	});
});
