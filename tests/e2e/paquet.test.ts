import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	attendreCalme,
	autresEcolesDans,
	ECOLES,
	naviguer,
	telechargerTout
} from './paquet-outils';
import {
	attendrePret,
	historique,
	lancerChromium,
	nouvellePage,
	violationsAccessibilite
} from './navigateur';

// Issue #16 item 6: an IEN (context A, on the académie) prepares the Paul Bert school's package;
// the school (context C, a fresh browser) opens it on the import page. The school page reads as
// in A, and no other school's name or UAI appears on any page C can reach, nor in any file it
// can download there.

const url = inject('urlApplication');
const UAI = '0219099B';
const CIRCONSCRIPTION = '0217006B';
let navigateur: Browser;

/** Every other school of the demo, by UAI, and by name when it is not the school's own. */
const NOM = ECOLES.find((e) => e.uai === UAI)!.nom;

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

async function ouvrirEcole(page: Page) {
	await page
		.locator(`[data-vue-prete="ecole:${UAI}"]`)
		.waitFor({ state: 'attached', timeout: 180_000 });
	await attendreCalme(page);
}

/**
 * What the school's page says, from its portrait to its pistes d'action (figures, « Ce qui
 * ressort », every table), less what A only offers: preparing a package, opening an
 * accompaniment (which compares the circonscription's other schools, absent from a package).
 */
async function lecturesEcole(page: Page) {
	const texte = await page.locator('main').innerText();
	return texte
		.replace(/^Préparer un paquet de données pour l’école.*\n/m, '')
		.replace('Ouvrir un accompagnement (IEN)', '')
		.replace(/\s+/g, ' ');
}

describe('Le paquet de données d’une école (issue #16, point 6)', () => {
	let chemin = '';
	let lecturesA = '';

	it('A, sur l’académie, prépare le paquet de l’école depuis sa page', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/${UAI}`);
		await attendrePret(page);
		await ouvrirEcole(page);
		lecturesA = await lecturesEcole(page);
		expect(lecturesA).toContain('Points d’appui');
		await page.getByText('Préparer un paquet de données pour l’école').click();
		await page.locator('#paquet-auteur').fill('Mme Martin, IEN de Chevigny');
		const [telechargement] = await Promise.all([
			page.waitForEvent('download', { timeout: 120_000 }),
			page.getByRole('button', { name: 'Préparer un paquet pour l’école' }).click()
		]);
		expect(telechargement.suggestedFilename()).toBe(`paquet-ecole-${UAI}.json`);
		chemin = join(tmpdir(), `${Date.now()}-paquet-ecole-${UAI}.json`);
		await telechargement.saveAs(chemin);
		const texte = await readFile(chemin, 'utf8');
		expect(autresEcolesDans(texte, [UAI])).toEqual([]);
		await page.context().close();
	}, 300_000);

	it('C, un navigateur neuf, l’ouvre : l’école seule, lue comme en A, sur toutes les pages et dans tous les exports', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/import`);
		await attendrePret(page);
		await page.setInputFiles('#fichiers', chemin);
		await page.getByText('Voir la page de l’école').waitFor({ timeout: 180_000 });
		const bandeau = page.locator('.pilotage-paquet');
		expect(await bandeau.innerText()).toMatch(
			new RegExp(
				`Paquet de données — ${NOM} \\(${UAI}\\)[\\s\\S]*Préparé par Mme Martin, IEN de Chevigny le [\\s\\S]*données fictives de démonstration`
			)
		);
		await expect(page.locator('.pilotage-demo').count()).resolves.toBe(0);

		await page.getByText('Voir la page de l’école').click();
		await ouvrirEcole(page);
		expect(await lecturesEcole(page)).toEqual(lecturesA);
		expect(await page.getByText('Préparer un paquet de données pour l’école').count()).toBe(0);
		expect(await violationsAccessibilite(page)).toEqual([]);

		const pages = [
			`#/ecole/${UAI}`,
			'#/',
			'#/ecole',
			'#/college',
			'#/circonscription',
			`#/circonscription/${CIRCONSCRIPTION}`,
			'#/reseau',
			'#/reseau/SECT-0218011U',
			'#/academie',
			'#/projet',
			'#/donnees'
		];
		const exports: { nom: string; texte: string }[] = [];
		for (const ancre of pages) {
			if (ancre !== pages[0]) await naviguer(page, ancre);
			const texte = await attendreCalme(page);
			expect({
				ancre,
				autres: autresEcolesDans(await page.locator('body').innerText(), [UAI])
			}).toEqual({
				ancre,
				autres: []
			});
			expect(texte.length).toBeGreaterThan(0);
			// A page that would compute the académie's, a territory's or a collège's figures over the
			// one school says it is not shown, instead of passing the school off as its territory.
			if (ancre !== pages[0] && ancre !== '#/donnees')
				expect({ ancre, titre: await page.locator('main h1').first().innerText() }).toEqual({
					ancre,
					titre: 'Page non disponible avec ce paquet'
				});
			exports.push(...(await telechargerTout(page)));
		}
		expect(exports.map((e) => e.nom)).toContainEqual(
			expect.stringMatching(new RegExp(`^pilotage-${UAI}-\\d{4}-\\d{4}\\.csv$`))
		);
		for (const e of exports)
			expect({ nom: e.nom, autres: autresEcolesDans(e.texte, [UAI]) }).toEqual({
				nom: e.nom,
				autres: []
			});
		expect(journal.erreursConsole).toEqual([]);

		// A reload of the tab opens it again, and the school reads the same.
		await page.reload();
		await attendrePret(page);
		await bandeau.waitFor({ timeout: 180_000 });
		await naviguer(page, `#/ecole/${UAI}`);
		await ouvrirEcole(page);
		expect(await lecturesEcole(page)).toEqual(lecturesA);

		// Leaving the package brings the académie back (C had imported nothing).
		await page.getByRole('button', { name: 'Quitter le paquet' }).click();
		await page.locator('.pilotage-demo').waitFor({ timeout: 120_000 });
		expect(await bandeau.count()).toBe(0);
		await page.context().close();
	}, 600_000);

	it('chez qui a ses imports : un paquet abîmé ou plus récent est refusé, un bon paquet s’ouvre puis se quitte, les imports reviennent', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/import`);
		await attendrePret(page);
		// The recipient's own data first: one import, kept in its journal.
		await page.setInputFiles('#fichiers', 'data/circonscriptions.csv');
		expect(await historique(page)).toEqual(['circonscriptions.csv']);

		const texte = await readFile(chemin, 'utf8');
		const abime = join(tmpdir(), `${Date.now()}-paquet-abime.json`);
		await writeFile(abime, texte.slice(0, texte.length / 2));
		const recent = join(tmpdir(), `${Date.now()}-paquet-recent.json`);
		await writeFile(recent, texte.replace('"version":1', '"version":7'));
		await page.setInputFiles('#fichiers', [abime, recent]);
		const alertes = page.locator('main .fr-alert--error');
		await alertes.nth(1).waitFor({ timeout: 60_000 });
		const messages = (await alertes.allInnerTexts()).join('\n');
		expect(messages).toContain('Ce paquet de données est abîmé ou incomplet');
		expect(messages).toContain('version plus récente de Pilotage');
		expect(await page.locator('.pilotage-paquet').count()).toBe(0);
		expect(await historique(page)).toEqual(['circonscriptions.csv']);

		await page.setInputFiles('#fichiers', chemin);
		await page.locator('.pilotage-paquet').waitFor({ timeout: 180_000 });
		expect(await page.locator('main').innerText()).toContain('Un paquet de données est ouvert');
		// No import while it is open: the journal would mix with it.
		await page.setInputFiles('#fichiers', 'data/circonscriptions.csv');
		await page
			.locator('main .fr-alert--error', { hasText: 'quittez-le' })
			.waitFor({ timeout: 60_000 });

		await page.getByRole('button', { name: 'Quitter le paquet' }).click();
		await page.locator('.pilotage-paquet').waitFor({ state: 'detached', timeout: 120_000 });
		expect(await historique(page)).toEqual(['circonscriptions.csv']);
		expect(await page.locator('.pilotage-demo').count()).toBe(0);
		// Left, it stays left after a reload.
		await page.reload();
		await attendrePret(page);
		expect(await historique(page)).toEqual(['circonscriptions.csv']);
		await page.waitForTimeout(2000);
		expect(await page.locator('.pilotage-paquet').count()).toBe(0);
		await page.context().close();
	}, 300_000);
});
