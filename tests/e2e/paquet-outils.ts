/**
 * What the data-package tests share (issue #16 item 6): the demo's schools read from `data/`, the
 * app's own navigation, waiting for a page to settle, every download of a page, and finding the
 * schools outside a package's audience that a text names.
 */
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';

export const ECOLES = readFileSync('data/ecoles.csv', 'utf8')
	.trim()
	.split('\n')
	.slice(1)
	.map((l) => l.split(';'))
	.map(([uai, nom, , , , , , circonscription]) => ({ uai, nom, circonscription }));

const apostrophes = (s: string) => s.replaceAll('’', "'");

/** Schools outside `audience` a text names: their UAI, or their name (audience's homonyms apart). */
export function autresEcolesDans(texte: string, audience: readonly string[]): string[] {
	const t = apostrophes(texte);
	const noms = new Set(ECOLES.filter((e) => audience.includes(e.uai)).map((e) => e.nom));
	return ECOLES.filter((e) => !audience.includes(e.uai)).flatMap((e) => [
		...(t.includes(e.uai) ? [e.uai] : []),
		...(!noms.has(e.nom) && t.includes(apostrophes(e.nom)) ? [e.nom] : [])
	]);
}

/** The app's own navigation (a click on a link): a reload would replay the start-up. */
export async function naviguer(page: Page, ancre: string) {
	await page.evaluate((href) => {
		const a = document.createElement('a');
		a.href = href;
		document.body.append(a);
		a.click();
		a.remove();
	}, ancre);
}

/** Waits until the page's text has stopped changing and nothing says it is loading. */
export async function attendreCalme(page: Page) {
	let avant = '';
	for (let i = 0; i < 120; i++) {
		await page.waitForTimeout(500);
		const texte = await page.locator('main').innerText();
		if (texte === avant && !/^(Chargement|Calcul des|Préparation)|^Lecture [^\n]*…$/m.test(texte))
			return texte;
		avant = texte;
	}
	throw new Error(`La page ne se stabilise pas : ${avant.slice(0, 300)}`);
}

/** Clicks every download button of the page and returns each file's name and text. */
export async function telechargerTout(page: Page): Promise<{ nom: string; texte: string }[]> {
	const boutons = page.locator('main button', { hasText: /^(Télécharger|Exporter)/ });
	const fichiers: { nom: string; texte: string }[] = [];
	for (let i = 0; i < (await boutons.count()); i++) {
		const [telechargement] = await Promise.all([
			page.waitForEvent('download', { timeout: 30_000 }),
			boutons.nth(i).click()
		]);
		const chemin = join(tmpdir(), `${Date.now()}-${telechargement.suggestedFilename()}`);
		await telechargement.saveAs(chemin);
		fichiers.push({
			nom: telechargement.suggestedFilename(),
			texte: await readFile(chemin, 'utf8')
		});
	}
	return fichiers;
}
