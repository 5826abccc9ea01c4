import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { networkInterfaces } from 'node:os';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Chromium's flags for tests: the last one stops Chromium itself from calling Google's servers. */
export const ARGUMENTS = [
	'--headless',
	'--no-sandbox',
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--no-first-run',
	'--disable-sync',
	'--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1'
];

/**
 * `exclure`: more addresses Chromium may reach, e.g. the machine's own non-loopback address to
 * test the app served in plain HTTP from there (not a secure context, as on an intranet).
 */
export async function lancerChromium(exclure: readonly string[] = []): Promise<Browser> {
	const args = ARGUMENTS.map((a) =>
		a.startsWith('--host-resolver-rules=') ? [a, ...exclure].join(' , EXCLUDE ') : a
	);
	return chromium.launch({ executablePath: '/usr/bin/chromium', args });
}

/** The machine's first non-loopback IPv4 address (what `hostname -I` gives first). */
export function adresseNonLocale(): string {
	for (const interfaces of Object.values(networkInterfaces()))
		for (const i of interfaces ?? []) if (i.family === 'IPv4' && !i.internal) return i.address;
	throw new Error('Aucune adresse réseau autre que 127.0.0.1 sur cette machine.');
}

/** The import history's file names, in order, once the page shows at least `n` of them. */
export async function historique(page: Page, n = 1): Promise<string[]> {
	const lignes = page.locator('table.pilotage-historique tbody tr th');
	await lignes.nth(n - 1).waitFor({ timeout: 60_000 });
	return lignes.allInnerTexts();
}

/** The row counts « À propos des données » shows: what the engine holds, table by table. */
export async function tablesChargees(page: Page, url: string): Promise<string> {
	await page.goto(`${url}#/donnees`);
	await attendrePret(page);
	const table = page.locator('table', { hasText: 'Tables chargées' });
	await table.locator('tbody tr').first().waitFor();
	return table.innerText();
}

export interface Journal {
	requetes: string[];
	erreursConsole: string[];
}

/** A fresh page that records every request and every console error or uncaught exception. */
export async function nouvellePage(navigateur: Browser): Promise<{ page: Page; journal: Journal }> {
	const contexte = await navigateur.newContext({
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris',
		viewport: { width: 1280, height: 900 }
	});
	const page = await contexte.newPage();
	const journal: Journal = { requetes: [], erreursConsole: [] };
	page.on('request', (r) => journal.requetes.push(r.url()));
	page.on('console', (m) => {
		if (m.type() === 'error') journal.erreursConsole.push(m.text());
	});
	page.on('pageerror', (e) => journal.erreursConsole.push(e.message));
	return { page, journal };
}

/** Waits for the explicit ready signal: the engine started and the data are loaded. */
export async function attendrePret(page: Page): Promise<void> {
	await page.waitForSelector('body[data-etat="pret"], body[data-etat="erreur"]', {
		timeout: 60_000
	});
	const etat = await page.getAttribute('body', 'data-etat');
	if (etat !== 'pret') {
		const texte = await page.locator('main').innerText();
		throw new Error(`Le moteur n'a pas démarré : ${texte}`);
	}
}

const require = createRequire(import.meta.url);

/** Runs axe-core in the page and returns the serious and critical violations. */
export async function violationsAccessibilite(page: Page) {
	// Evaluated through the DevTools protocol: a <script> tag would be refused by the app's CSP.
	await page.evaluate(readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));
	const resultat = await page.evaluate(async () => {
		const axe = (window as unknown as { axe: { run: (o: object) => Promise<unknown> } }).axe;
		return axe.run({
			runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }
		});
	});
	const violations = (
		resultat as {
			violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[];
		}
	).violations;
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map(
			(v) =>
				`${v.id} (${v.impact}) : ${v.help} — ${v.nodes
					.map((n) => n.target.join(' '))
					.slice(0, 3)
					.join(' | ')}`
		);
}

/** Requests that left the machine (anything but the app's own origin and in-page data). */
export function requetesExternes(journal: Journal, origine: string): string[] {
	return journal.requetes.filter(
		(u) => !u.startsWith(origine) && !u.startsWith('data:') && !u.startsWith('blob:')
	);
}

/** The report of an imported file on the import page (one `<section>` per file). */
export function rapportImport(page: Page, nomFichier: string) {
	return page.locator(
		`section[aria-labelledby="rapport-${nomFichier.replace(/[^a-zA-Z0-9]/g, '-')}"]`
	);
}

/**
 * Waits for a file's report and reads its figures: `{ 'lignes lues': 905, acceptées: 905, … }`.
 * Reports without figures (unknown kind, unreadable file) give `{}` once their alert is shown.
 */
export async function chiffresImport(
	page: Page,
	nomFichier: string,
	timeout = 60_000
): Promise<Record<string, number>> {
	const rapport = rapportImport(page, nomFichier);
	await rapport.locator('.fr-alert').waitFor({ timeout });
	const chiffres: Record<string, number> = {};
	for (const texte of await rapport.locator('.pilotage-chiffres li').allInnerTexts()) {
		const [valeur, ...libelle] = texte.split('\n');
		chiffres[libelle.join(' ').trim()] = Number(valeur.replace(/\D/g, ''));
	}
	return chiffres;
}
