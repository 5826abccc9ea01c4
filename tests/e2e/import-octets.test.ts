// Files whose bytes are not as clean as an export: line ends mixed by a hand edit, and a UTF-8
// file with one line saved in Windows-1252. Through the page, as a user imports them.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { uaiLettreCle } from '$lib/domain/uai';
import { attendrePret, lancerChromium, nouvellePage } from './navigateur';

const url = inject('urlApplication');
let navigateur: Browser;
const dossier = mkdtempSync(join(tmpdir(), 'pilotage-e2e-octets-'));

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

const ENTETE =
	'uai;nom;type;secteur;code_commune;commune;code_departement;code_circonscription;groupe_proximite;education_prioritaire;rural;latitude;longitude';

/** Schools in the `ecoles.csv` format, with accented names, their UAIs valid. */
function ecoles(nombre: number): { uai: string; nom: string; ligne: string }[] {
	return Array.from({ length: nombre }, (_, i) => {
		const chiffres = String(219_100 + i).padStart(7, '0');
		const uai = chiffres + uaiLettreCle(chiffres);
		const nom = `École élémentaire Hélène Boucher n° ${i + 1}`;
		return {
			uai,
			nom,
			ligne: `${uai};${nom};elementaire;public;21231;Dijon;021;0217006B;Dijon Est;;0;47.32;5.04`
		};
	});
}

async function importer(page: Page, chemin: string, nom: string) {
	await page.goto(`${url}#/import`);
	await attendrePret(page);
	await page.setInputFiles('#fichiers', chemin);
	const rapport = page.locator('section', { hasText: nom });
	await rapport.locator('.pilotage-chiffres').waitFor({ timeout: 60_000 });
	return rapport;
}

async function effacer(page: Page) {
	await page.goto(`${url}#/import`);
	await page.getByRole('button', { name: 'Effacer toutes les données' }).click();
	await page.getByRole('dialog').getByRole('button', { name: 'Tout effacer' }).click();
	await page.locator('.pilotage-demo').waitFor();
}

describe('Importer un fichier aux octets imparfaits', () => {
	it('lit un fichier aux fins de ligne mêlées (LF, une CRLF, un CR seul) et le dit', async () => {
		const liste = ecoles(6);
		const fins = ['\n', '\n', '\r\n', '\n', '\r', '\n', '\n'];
		const texte = [ENTETE, ...liste.map((e) => e.ligne)].map((l, i) => l + fins[i]).join('');
		const chemin = join(dossier, 'ecoles-fins-melees.csv');
		writeFileSync(chemin, texte);
		const { page, journal } = await nouvellePage(navigateur);
		const rapport = await importer(page, chemin, 'ecoles-fins-melees.csv');
		expect(await rapport.locator('.pilotage-chiffres li').allInnerTexts()).toContain(
			'6\nacceptées'
		);
		expect(await rapport.innerText()).toMatch(/Fins de ligne mêlées/);
		await page.goto(`${url}#/ecole/${liste[3].uai}`);
		await expect
			.poll(() => page.locator('h1').innerText(), { timeout: 30_000 })
			.toContain(liste[3].nom);
		await effacer(page);
		expect(journal.erreursConsole).toEqual([]);
	});

	it('garde exactes les lignes UTF-8 d’un grand fichier et nomme la ligne écrite en Windows-1252', async () => {
		// 1 200 schools ≈ 150 kB: the stray byte lies beyond the 128 KiB sample.
		const liste = ecoles(1200);
		const lignes = [ENTETE, ...liste.map((e) => e.ligne)];
		const avant = Buffer.from(lignes.slice(0, 1190).join('\n') + '\n', 'utf8');
		// Line 1 191 (the 1 190th school), saved by a Windows editor: « É » and « è » as one byte.
		const fautive = Buffer.from(lignes[1190], 'latin1');
		const apres = Buffer.from('\n' + lignes.slice(1191).join('\n') + '\n', 'utf8');
		expect(avant.length).toBeGreaterThan(128 * 1024);
		const chemin = join(dossier, 'ecoles-un-octet.csv');
		writeFileSync(chemin, Buffer.concat([avant, fautive, apres]));
		const { page } = await nouvellePage(navigateur);
		const rapport = await importer(page, chemin, 'ecoles-un-octet.csv');
		expect((await rapport.locator('.pilotage-chiffres li').allInnerTexts()).join('|')).toMatch(
			/(^|\|)1\s200\nacceptées/
		);
		expect(await rapport.innerText()).toMatch(/Ligne 1\s?191\s?: caractères hors UTF-8/);
		// A valid line far from the stray byte, and the line itself: both exact, no « Ã© ».
		for (const e of [liste[10], liste[1189], liste[1199]]) {
			await page.goto(`${url}#/ecole/${e.uai}`);
			await expect.poll(() => page.locator('h1').innerText(), { timeout: 30_000 }).toContain(e.nom);
		}
		await effacer(page);
	});
});
