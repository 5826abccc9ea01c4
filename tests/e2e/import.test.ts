import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { REFDATA } from '../reels';
import { attendrePret, lancerChromium, nouvellePage, violationsAccessibilite } from './navigateur';

const url = inject('urlApplication');
const IPS = join(REFDATA, 'ips/fr-en-ips-ecoles-ap2022__v2023__dijon.csv');
let navigateur: Browser;
const dossier = mkdtempSync(join(tmpdir(), 'pilotage-e2e-'));

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

describe('Importer des données', () => {
	it('importe un fichier réel par le sélecteur de fichiers, et le retrouve après rechargement', async () => {
		const { page, journal } = await nouvellePage(navigateur);
		page.on('dialog', (d) => d.accept());
		await page.goto(`${url}#/import`);
		await attendrePret(page);
		await page.setInputFiles('#fichiers', IPS);
		const rapport = page.locator('section', {
			hasText: 'fr-en-ips-ecoles-ap2022__v2023__dijon.csv'
		});
		await rapport.locator('.pilotage-chiffres').waitFor({ timeout: 60_000 });
		const chiffres = await rapport.locator('.pilotage-chiffres li').allInnerTexts();
		expect(chiffres).toContain('905\nacceptées');
		expect(await page.locator('.pilotage-demo').count()).toBe(0);

		await page.reload();
		await attendrePret(page);
		const historique = page.locator('table.pilotage-historique tbody tr');
		await historique.first().waitFor();
		expect(await historique.count()).toBe(1);
		expect(await historique.first().innerText()).toContain(
			'fr-en-ips-ecoles-ap2022__v2023__dijon.csv'
		);
		expect(await page.locator('.pilotage-demo').count()).toBe(0);
		await page.goto(`${url}#/donnees`);
		await page.locator('table tbody tr', { hasText: 'IPS par année' }).waitFor();
		expect(
			await page.locator('table tbody tr', { hasText: 'IPS par année' }).innerText()
		).toContain('905');
		expect(await violationsAccessibilite(page)).toEqual([]);

		// Back to the import page with the keyboard, through the menu. Its closed confirmation
		// dialogs take no focus: the next Tab starts from the top of the page (the skip links).
		await page.locator('nav a[href="#/import"]').first().focus();
		await page.keyboard.press('Enter');
		await historique.first().waitFor();
		expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('BODY');
		await page.keyboard.press('Tab');
		expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Contenu');

		await page.goto(`${url}#/import`);
		await page.getByRole('button', { name: 'Effacer toutes les données' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Tout effacer' }).click();
		await page.locator('.pilotage-demo').waitFor();
		expect(journal.erreursConsole).toEqual([]);
	});

	it('explique en français chaque ligne refusée, garde les bonnes et propose les refus en CSV', async () => {
		const fichier = join(dossier, 'evaluations-cassees.csv');
		writeFileSync(
			fichier,
			[
				'annee_scolaire;uai;niveau;discipline;competence_id;competence_libelle;n_eleves;n_besoin;n_fragile;n_satisfaisant',
				'2024-2025;0210154D;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;40;10;12;18',
				'2024-2025;0210154E;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;40;10;12;18',
				'2024-2025;0210206K;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;40;10;12;19',
				'2024-2025;0580090H;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;25;5;5;15'
			].join('\r\n') + '\r\n'
		);
		const { page } = await nouvellePage(navigateur);
		page.on('dialog', (d) => d.accept());
		await page.goto(`${url}#/import`);
		await attendrePret(page);
		await page.setInputFiles('#fichiers', fichier);
		const rapport = page.locator('section', { hasText: 'evaluations-cassees.csv' });
		await rapport.locator('table.pilotage-rejets').waitFor({ timeout: 60_000 });
		const chiffres = await rapport.locator('.pilotage-chiffres li').allInnerTexts();
		expect(chiffres).toContain('2\nacceptées');
		expect(chiffres).toContain('2\nrefusées');
		await page.screenshot({ path: 'test-results/import-refus.png', fullPage: true });
		const refus = await rapport.locator('table.pilotage-rejets tbody tr').allInnerTexts();
		expect(refus.some((t) => t.startsWith('3') && /UAI|lettre/i.test(t))).toBe(true);
		expect(refus.some((t) => t.startsWith('4'))).toBe(true);
		const [telechargement] = await Promise.all([
			page.waitForEvent('download'),
			rapport.getByRole('button', { name: 'Télécharger les lignes refusées (CSV)' }).click()
		]);
		const csv = readFileSync((await telechargement.path())!, 'utf8');
		expect(csv.startsWith('\ufeff')).toBe(true);
		expect(csv).toContain('0210154E');
		expect(csv.split('\r\n')[0]).toMatch(/;ligne;colonne;valeur;motif;suggestion$/);
		await page.getByRole('button', { name: 'Effacer toutes les données' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Tout effacer' }).click();
		await page.locator('.pilotage-demo').waitFor();
	});
});
