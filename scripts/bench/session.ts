// A browser session on the built app, and measures taken in its page: imports, references, views.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ARGUMENTS } from '../../tests/e2e/navigateur.ts';
import { DELAI_IMPORT, journal } from './reglages.ts';

export interface Session {
	page: Page;
	fermer(): Promise<void>;
}

const REGLAGES = {
	locale: 'fr-FR',
	timezoneId: 'Europe/Paris',
	viewport: { width: 1280, height: 900 }
} as const;

/**
 * A fresh profile. `surDisque`: a profile in a folder on disk, as a user's, instead of an
 * incognito context: Chromium 150 keeps an incognito context's storage in memory, under a pool
 * shared by the whole browser, and refused the 20 M-row file (1.5 GB) there with
 * QuotaExceededError while announcing 4.3 GB free (Chromium 156 had kept it).
 */
export async function session(
	navigateur: Browser,
	{ surDisque = false }: { surDisque?: boolean } = {}
): Promise<Session> {
	const dossier = surDisque ? mkdtempSync(join(tmpdir(), 'pilotage-banc-profil-')) : null;
	const contexte: BrowserContext = dossier
		? await chromium.launchPersistentContext(dossier, {
				executablePath: '/usr/bin/chromium',
				args: ARGUMENTS,
				...REGLAGES
			})
		: await navigateur.newContext(REGLAGES);
	// tsx names the functions it compiles with a helper the page does not have.
	await contexte.addInitScript('window.__name = (f) => f;');
	const page = contexte.pages()[0] ?? (await contexte.newPage());
	page.on('pageerror', (e) => journal(`  erreur de la page : ${e.message}`));
	return {
		page,
		async fermer() {
			await contexte.close();
			if (dossier) rmSync(dossier, { recursive: true, force: true });
			// Lets the closed renderer go before the next memory reading.
			await new Promise((ok) => setTimeout(ok, 500));
		}
	};
}

export async function attendrePret(page: Page) {
	await page.waitForSelector('body[data-etat="pret"], body[data-etat="erreur"]', {
		timeout: 180_000
	});
	if ((await page.getAttribute('body', 'data-etat')) !== 'pret')
		throw new Error('Le moteur n’a pas démarré.');
}

export interface RapportLu {
	fichier: string;
	statut: string;
	chiffres: string[];
	message: string;
}

/** Imports through the page's file input, as a user does; waits for every file's report. */
export async function importerParInterface(
	page: Page,
	chemins: string[]
): Promise<{ ms: number; rapports: RapportLu[] }> {
	await allerA(page, '#/import');
	await page.waitForSelector('#fichiers');
	const noms = chemins.map((c) => basename(c));
	const t0 = performance.now();
	await page.setInputFiles('#fichiers', chemins);
	await page
		.waitForFunction(
			(noms) => {
				const titres = [...document.querySelectorAll('h3.fr-alert__title')].map((h) =>
					h.textContent?.trim()
				);
				return noms.every((n) => titres.includes(n));
			},
			noms,
			{ timeout: DELAI_IMPORT, polling: 50 }
		)
		.catch(async (e) => {
			// Say where the page stands, so that a stalled import can be told from a slow one.
			const etat = await page
				.evaluate(() => ({
					moteur: document.body.dataset.etat,
					texte: document.querySelector('main')?.textContent?.replace(/\s+/g, ' ').slice(0, 400)
				}))
				.catch((x) => ({ moteur: 'page perdue', texte: String(x) }));
			journal(`  import sans rapport après ${DELAI_IMPORT / 1000} s : ${JSON.stringify(etat)}`);
			throw e;
		});
	const duree = performance.now() - t0;
	const rapports = await page.evaluate(() =>
		[...document.querySelectorAll('h3.fr-alert__title')].map((h) => {
			const alerte = h.closest('.fr-alert')!;
			// A failed import is an alert alone, outside any report section.
			const section = h.closest('section') ?? alerte;
			return {
				fichier: h.textContent?.trim() ?? '',
				statut: [...alerte.classList].find((c) => c.startsWith('fr-alert--')) ?? '',
				message: alerte.querySelector('p')?.textContent?.trim() ?? '',
				chiffres: [...section.querySelectorAll('.pilotage-chiffres li')].map((li) =>
					(li.textContent ?? '').replace(/\s+/g, ' ').trim()
				)
			};
		})
	);
	return { ms: duree, rapports: rapports.filter((r) => noms.includes(r.fichier)) };
}

/** How many times the views' background preparation has finished (src/lib/state/preparation.ts). */
export const vuesPreparees = (page: Page) =>
	page.evaluate(() => performance.getEntriesByName('pilotage:vues-preparees').length);

export async function attendrePreparation(page: Page, avant: number) {
	await page
		.waitForFunction(
			(avant) => performance.getEntriesByName('pilotage:vues-preparees').length > avant,
			avant,
			{ timeout: 60_000, polling: 100 }
		)
		.catch(() => journal('  (préparation des vues non terminée après 60 s)'));
}

export type Reference = 'lectureBrute' | 'papaparse';

const allerA = (page: Page, hash: string) =>
	page.evaluate(
		(hash) =>
			(
				window as unknown as Record<string, Record<string, (h: string) => Promise<void>>>
			).__pilotageBanc.aller(hash),
		hash
	);

/** DuckDB's raw read_csv, or papaparse, on the same file, in the same page (src/lib/banc). */
export async function mesurerReference(
	page: Page,
	chemin: string,
	quoi: Reference
): Promise<{ ms: number; lignes: number; erreur?: string }> {
	await page.evaluate(() => {
		if (document.getElementById('banc-fichier')) return;
		const champ = document.createElement('input');
		champ.type = 'file';
		champ.id = 'banc-fichier';
		champ.hidden = true;
		document.body.append(champ);
	});
	await page.setInputFiles('#banc-fichier', chemin);
	return page.evaluate(async (quoi) => {
		const fichier = (document.getElementById('banc-fichier') as HTMLInputElement).files![0];
		const banc = (window as unknown as Record<string, Record<string, (f: File) => unknown>>)
			.__pilotageBanc;
		return banc[quoi](fichier) as Promise<{ ms: number; lignes: number; erreur?: string }>;
	}, quoi);
}

/**
 * Time from a user action to the updated view on screen, measured in the page: the action, then
 * until `selecteur` is in the document, then the next frame painted.
 */
export async function chronometrer(
	page: Page,
	action: { hash?: string; select?: string; valeur?: string },
	selecteur: string | null
): Promise<number> {
	return page.evaluate(
		async ({ action, selecteur }) => {
			const image = () => new Promise((ok) => requestAnimationFrame(() => ok(null)));
			// Polls on frames, and on a timer should a frame not come.
			const attente = () => Promise.race([image(), new Promise((ok) => setTimeout(ok, 50))]);
			const t0 = performance.now();
			// Through the router, as a link does (src/lib/banc).
			if (action.hash)
				void (
					window as unknown as Record<string, Record<string, (h: string) => unknown>>
				).__pilotageBanc.aller(action.hash);
			if (action.select) {
				const s = document.querySelector<HTMLSelectElement>(action.select)!;
				s.value = action.valeur!;
				s.dispatchEvent(new Event('change', { bubbles: true }));
			}
			if (selecteur) {
				while (!document.querySelector(selecteur)) {
					if (performance.now() - t0 > 120_000) return NaN;
					await attente();
				}
			}
			await image();
			await image();
			return performance.now() - t0;
		},
		{ action, selecteur }
	);
}

/** The page's copy of the engine's tables (src/lib/banc): its size, and whether it is up to date. */
const tablesGardees = (page: Page) =>
	page.evaluate(() =>
		(
			window as unknown as Record<
				string,
				Record<string, () => Promise<{ aJour: boolean; octets: number } | null>>
			>
		).__pilotageBanc.tablesGardees()
	);

/** Waits until the copy of the tables is written for the data loaded now; null after `delai` ms. */
export async function attendreTablesGardees(
	page: Page,
	delai = 180_000
): Promise<{ octets: number; ecritureMs: number } | null> {
	const t0 = performance.now();
	while (performance.now() - t0 < delai) {
		const copie = await tablesGardees(page);
		if (copie?.aJour) {
			const ecritureMs = await page.evaluate(
				() =>
					performance.getEntriesByName('pilotage:tables-gardees-ecrites').at(-1)?.duration ?? NaN
			);
			return { octets: copie.octets, ecritureMs };
		}
		await new Promise((ok) => setTimeout(ok, 250));
	}
	return null;
}

/**
 * Reloads the page and returns the time from the reload's navigation to the engine ready with the
 * data loaded (`pilotage:pret`, measured in the page), and whether the kept tables were used.
 */
export async function recharger(
	page: Page
): Promise<{ ms: number; moteurMs: number; garde: boolean }> {
	await page.reload({ waitUntil: 'commit' });
	await attendrePret(page);
	return page.evaluate(() => ({
		ms: performance.getEntriesByName('pilotage:pret')[0]?.startTime ?? NaN,
		// The engine open, before any data: the part of the start that no copy can spare.
		moteurMs: performance.getEntriesByName('pilotage:moteur-ouvert')[0]?.startTime ?? NaN,
		garde: performance.getEntriesByName('pilotage:tables-gardees').length > 0
	}));
}

/** Drops the page's copy of the tables: the next start replays the journal. */
export const oublierTablesGardees = (page: Page) =>
	page.evaluate(() =>
		(
			window as unknown as Record<string, Record<string, () => Promise<boolean>>>
		).__pilotageBanc.oublierTablesGardees()
	);
