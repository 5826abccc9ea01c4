import { readFileSync } from 'node:fs';
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
import { attendrePret, lancerChromium, nouvellePage } from './navigateur';

// Issue #16 item 6 for a network and a circonscription: an IEN (context A, on the académie)
// prepares the package from the network's (the circonscription's) page; a fresh browser opens
// it on the import page. The network's page and its schools' pages read, with the statuses A
// saw; every other page says it is outside the package; no school outside the audience is named
// on any page it can reach, nor in any file it can download there.

const url = inject('urlApplication');
const RESEAU = 'REPP-CHENOVE';
const CIRCONSCRIPTION = '0217006B';
let navigateur: Browser;

const MEMBRES = readFileSync('data/reseaux.csv', 'utf8')
	.split('\n')
	.filter((l) => l.startsWith(`${RESEAU};`))
	.map((l) => l.trim().split(';')[4])
	.filter((uai) => ECOLES.some((e) => e.uai === uai));
const DE_LA_CIRCONSCRIPTION = ECOLES.filter((e) => e.circonscription === CIRCONSCRIPTION).map(
	(e) => e.uai
);

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

/** A, on the académie: the page's statuses (as `lire` reads them), then the package's file. */
async function preparer(
	ancre: string,
	pret: string,
	pour: string,
	lire: (page: Page) => Promise<string>
): Promise<{ chemin: string; lecture: string }> {
	const { page } = await nouvellePage(navigateur);
	await page.goto(`${url}${ancre}`);
	await attendrePret(page);
	await page.locator(`[data-vue-prete="${pret}"]`).waitFor({ state: 'attached', timeout: 180_000 });
	await attendreCalme(page);
	const lecture = await lire(page);
	await page.getByText(`Préparer un paquet de données pour ${pour}`).click();
	await page.locator('#paquet-auteur').fill('M. Durand, IEN de Dijon');
	const [telechargement] = await Promise.all([
		page.waitForEvent('download', { timeout: 180_000 }),
		page.getByRole('button', { name: `Préparer un paquet pour ${pour}` }).click()
	]);
	const chemin = join(tmpdir(), `${Date.now()}-${telechargement.suggestedFilename()}`);
	await telechargement.saveAs(chemin);
	await page.context().close();
	return { chemin, lecture };
}

/**
 * A fresh browser opens the package and visits `pages`: the first `lisibles` read, the others
 * say they are outside the package; no page text nor export names a school outside `audience`.
 */
async function ouvrirEtParcourir(
	chemin: string,
	lien: string,
	audience: readonly string[],
	pages: string[],
	lisibles: number
): Promise<Page> {
	const { page, journal } = await nouvellePage(navigateur);
	await page.goto(`${url}#/import`);
	await attendrePret(page);
	await page.setInputFiles('#fichiers', chemin);
	await page.getByText(lien).waitFor({ timeout: 180_000 });
	expect(await page.locator('.pilotage-paquet').innerText()).toMatch(
		/Préparé par M\. Durand, IEN de Dijon le [\s\S]*données fictives de démonstration/
	);
	const exports: { nom: string; texte: string }[] = [];
	for (const [i, ancre] of pages.entries()) {
		await naviguer(page, ancre);
		if (i < lisibles && ancre.startsWith('#/ecole/'))
			await page
				.locator(`[data-vue-prete="ecole:${ancre.slice('#/ecole/'.length)}"]`)
				.waitFor({ state: 'attached', timeout: 120_000 });
		await attendreCalme(page);
		expect({
			ancre,
			autres: autresEcolesDans(await page.locator('body').innerText(), audience)
		}).toEqual({ ancre, autres: [] });
		const titre = await page.locator('main h1').first().innerText();
		expect({ ancre, horsPaquet: titre === 'Page non disponible avec ce paquet' }).toEqual({
			ancre,
			horsPaquet: i >= lisibles
		});
		exports.push(...(await telechargerTout(page)));
	}
	expect(exports.length).toBeGreaterThan(0);
	for (const e of exports)
		expect({ nom: e.nom, autres: autresEcolesDans(e.texte, audience) }).toEqual({
			nom: e.nom,
			autres: []
		});
	expect(journal.erreursConsole).toEqual([]);
	return page;
}

const HORS_PAQUET = ['#/', '#/ecole', '#/academie', '#/college', '#/projet'];

describe('Le paquet de données d’un réseau et d’une circonscription (issue #16, point 6)', () => {
	let paquetReseau = '';

	it('un réseau : ses écoles seules, ses points tels que A les a vus, rien d’une autre école', async () => {
		expect(MEMBRES.length).toBeGreaterThan(5);
		// The network's comparison table and shared needs: the statuses decided over the académie.
		const lire = async (page: Page) =>
			(
				(await page.locator('section[aria-labelledby="titre-resultats"]').innerText()) +
				(await page.locator('section[aria-labelledby="titre-besoins"]').innerText())
			).replace(/\s+/g, ' ');
		const { chemin, lecture } = await preparer(
			`#/reseau/${RESEAU}`,
			`reseau:${RESEAU}`,
			'le réseau',
			lire
		);
		paquetReseau = chemin;
		expect(lecture).toContain('Besoins partagés');
		expect(autresEcolesDans(await readFile(chemin, 'utf8'), MEMBRES)).toEqual([]);

		const page = await ouvrirEtParcourir(
			chemin,
			'Voir la page du réseau',
			MEMBRES,
			[
				`#/reseau/${RESEAU}`,
				`#/ecole/${MEMBRES[0]}`,
				`#/ecole/${MEMBRES.at(-1)}`,
				...HORS_PAQUET,
				'#/reseau',
				'#/reseau/SECT-0218011U',
				`#/circonscription/${CIRCONSCRIPTION}`
			],
			3
		);
		await naviguer(page, `#/reseau/${RESEAU}`);
		await page
			.locator(`[data-vue-prete="reseau:${RESEAU}"]`)
			.waitFor({ state: 'attached', timeout: 120_000 });
		await attendreCalme(page);
		expect(await lire(page)).toEqual(lecture);
		expect(await page.getByText('Préparer un paquet de données').count()).toBe(0);
		await page.context().close();
	}, 600_000);

	it('une circonscription : ses écoles seules, ni les autres écoles ni les accompagnements de l’IEN', async () => {
		const lire = async (page: Page) =>
			(await page.locator('[data-hasard]').innerText()).replace(/\s+/g, ' ');
		const { chemin, lecture } = await preparer(
			`#/circonscription/${CIRCONSCRIPTION}`,
			`circonscription:${CIRCONSCRIPTION}`,
			'la circonscription',
			lire
		);
		expect(autresEcolesDans(await readFile(chemin, 'utf8'), DE_LA_CIRCONSCRIPTION)).toEqual([]);
		const page = await ouvrirEtParcourir(
			chemin,
			'Voir la page de la circonscription',
			DE_LA_CIRCONSCRIPTION,
			[
				`#/circonscription/${CIRCONSCRIPTION}`,
				`#/ecole/${DE_LA_CIRCONSCRIPTION[0]}`,
				...HORS_PAQUET,
				'#/circonscription',
				`#/circonscription/${CIRCONSCRIPTION}/bilan`,
				`#/reseau/${RESEAU}`
			],
			2
		);
		await naviguer(page, `#/circonscription/${CIRCONSCRIPTION}`);
		await page
			.locator(`[data-vue-prete="circonscription:${CIRCONSCRIPTION}"]`)
			.waitFor({ state: 'attached', timeout: 120_000 });
		await attendreCalme(page);
		expect(await lire(page)).toEqual(lecture);
		expect(await page.getByText('Accompagnements en cours et passés').count()).toBe(0);
		await page.context().close();
	}, 600_000);

	it('un paquet abîmé, d’un genre inconnu ou plus récent est refusé en français, rien ne change', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/import`);
		await attendrePret(page);
		const texte = await readFile(paquetReseau, 'utf8');
		const fichier = async (nom: string, contenu: string) => {
			const chemin = join(tmpdir(), `${Date.now()}-${nom}`);
			await writeFile(chemin, contenu);
			return chemin;
		};
		await page.setInputFiles('#fichiers', [
			await fichier('paquet-abime.json', texte.slice(0, texte.length / 2)),
			await fichier('paquet-recent.json', texte.replace('"version":1', '"version":7')),
			await fichier('paquet-autre.json', texte.replace('"genre":"reseau"', '"genre":"departement"'))
		]);
		const alertes = page.locator('main .fr-alert--error');
		await alertes.nth(2).waitFor({ timeout: 60_000 });
		const messages = (await alertes.allInnerTexts()).join('\n');
		expect(messages).toContain('Ce paquet de données est abîmé ou incomplet');
		expect(messages).toContain('version plus récente de Pilotage');
		expect(messages).toContain(
			'n’ouvre que les paquets d’une école, d’un réseau ou d’une circonscription'
		);
		expect(messages.match(/Rien n’a été modifié/g)?.length).toBe(3);
		expect(await page.locator('.pilotage-paquet').count()).toBe(0);
		expect(await page.locator('.pilotage-demo').count()).toBe(1);
		await page.context().close();
	}, 180_000);
});
