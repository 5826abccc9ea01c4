import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFDATA } from '../reels';
import {
	attendrePret,
	lancerChromium,
	nouvellePage,
	requetesExternes,
	tablesChargees,
	violationsAccessibilite
} from './navigateur';
import { servirApplication, type ServeurApplication } from './serveur';

// One more build of the app (≈ 1 min), beside build/: with PILOTAGE_DONNEES, it opens on that
// folder's files instead of the demo. DEPLOIEMENT_SANS_BUILD=1 reuses build-deploiement/.
const BUILD = 'build-deploiement';
const FICHIERS = [
	'tests/fixtures/ecoles-ok.csv',
	'tests/fixtures/evaluations-ecoles-ok.csv',
	join(REFDATA, 'ips/fr-en-ips-ecoles-ap2022__v2023__dijon.csv')
];
const A_IMPORTER = join(REFDATA, 'ips/fr-en-ips_ecoles__2021-2022__dijon.csv');

let navigateur: Browser;
let serveur: ServeurApplication;
const dossier = mkdtempSync(join(tmpdir(), 'pilotage-deploiement-'));

beforeAll(async () => {
	if (!process.env.DEPLOIEMENT_SANS_BUILD) {
		const date = new Date('2025-09-15T08:00:00Z');
		for (const f of FICHIERS) {
			const cible = join(dossier, f.split('/').pop()!);
			copyFileSync(f, cible);
			utimesSync(cible, date, date);
		}
		const b = spawnSync('npm', ['run', 'build'], {
			encoding: 'utf8',
			env: {
				...process.env,
				PILOTAGE_BUILD_DIR: BUILD,
				PILOTAGE_DONNEES: dossier,
				// Not the demo's Dijon, so that the header and footer following the build show.
				PILOTAGE_ACADEMIE: 'Orléans-Tours',
				// Served uncompressed: minutes of brotli saved.
				PILOTAGE_PRECOMPRESSER: '0'
			}
		});
		if (b.status !== 0) throw new Error(`Construction échouée :\n${b.stdout}\n${b.stderr}`);
	}
	serveur = await servirApplication('127.0.0.1', BUILD);
	navigateur = await lancerChromium();
}, 900_000);
afterAll(async () => {
	await navigateur?.close();
	await serveur?.fermer();
	rmSync(dossier, { recursive: true, force: true });
});

describe('l’application construite avec les données de l’académie (PILOTAGE_DONNEES)', () => {
	it('s’ouvre sur ces fichiers, nomme l’académie et la date, et ne parle jamais de démonstration', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(serveur.url);
		await attendrePret(page);
		const bandeau = await page.locator('.pilotage-academie').innerText();
		expect(bandeau).toContain(
			'Données de l’académie d’Orléans-Tours — mises à jour le 15 septembre 2025'
		);
		expect(bandeau).toContain('fichier le plus récent');
		expect(await page.locator('.pilotage-demo').count()).toBe(0);
		await page.locator('.pilotage-chiffres li').first().waitFor();
		const chiffres = await page.locator('.pilotage-chiffres li').allInnerTexts();
		expect(chiffres.find((t) => t.endsWith('écoles'))).toBe('4\nécoles');
		const texte = await page.locator('body').innerText();
		expect(texte).not.toMatch(/fictiv|démonstration/i);
		expect(texte).toContain(
			'Données de l’académie d’Orléans-Tours (mises à jour le 15 septembre 2025)'
		);
		expect(texte).not.toMatch(/Dijon/);
		expect(await page.locator('.fr-header__service-title').innerText()).toBe(
			'Pilotage — académie d’Orléans-Tours'
		);
		// The DSFR writes the logo in capitals (text-transform): compared without case.
		for (const logo of await page.locator('.fr-logo').allInnerTexts())
			expect(logo.replace(/\s+/g, ' ').toLowerCase()).toBe('académie d’orléans-tours');
		expect(requetesExternes(journal, serveur.url)).toEqual([]);
		expect(journal.erreursConsole).toEqual([]);
		expect(await violationsAccessibilite(page)).toEqual([]);

		// One of the folder's schools, by the search as a user would.
		await page
			.getByLabel('Rechercher une école, un collège, une circonscription ou un réseau')
			.fill('Tilleuls');
		await page.locator('.pilotage-resultats-recherche li a').first().click();
		await page.locator('h1', { hasText: 'École élémentaire des Tilleuls' }).waitFor();
	});

	it('garde l’académie sous les fichiers que l’utilisateur importe, et y revient quand il les efface', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		page.on('dialog', (d) => d.accept());
		await page.goto(`${serveur.url}#/import`);
		await attendrePret(page);
		await page.setInputFiles('#fichiers', A_IMPORTER);
		const rapport = page.locator('section', { hasText: 'fr-en-ips_ecoles__2021-2022__dijon.csv' });
		await rapport.locator('.pilotage-chiffres').waitFor({ timeout: 60_000 });
		await page.locator('.pilotage-academie', { hasText: 'vos fichiers importés' }).waitFor();
		// The académie's IPS (2022-2023) and the imported ones (2021-2022), side by side.
		const tables = await tablesChargees(page, serveur.url);
		expect(tables).toContain('fr-en-ips-ecoles-ap2022__v2023__dijon.csv');
		expect(tables).toContain('fr-en-ips_ecoles__2021-2022__dijon.csv');
		expect(tables).toContain('ecoles-ok.csv');

		await page.goto(`${serveur.url}#/import`);
		await page.getByRole('button', { name: 'Effacer toutes les données' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Tout effacer' }).click();
		await page.locator('.pilotage-academie', { hasNotText: 'vos fichiers importés' }).waitFor();
		expect(await page.locator('.pilotage-demo').count()).toBe(0);
		expect(journal.erreursConsole).toEqual([]);
	});
});
