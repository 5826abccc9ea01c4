// A page of build-banc/ (or of URL=<a dev server started with VITE_PILOTAGE_BANC=1>) in Debian's
// Chromium, its engine ready: what the profiling scripts start from.
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ARGUMENTS } from '../../tests/e2e/navigateur.ts';
import { servir } from './serveur.ts';

export async function ouvrirPageBanc(): Promise<{
	navigateur: Browser;
	contexte: BrowserContext;
	page: Page;
	fermer(): Promise<void>;
}> {
	const serveur = process.env.URL
		? { url: process.env.URL, fermer: async () => {} }
		: await servir(process.env.BUILD ?? 'build-banc');
	const navigateur = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ARGUMENTS
	});
	const contexte = await navigateur.newContext({ viewport: { width: 1280, height: 900 } });
	// tsx compiles the functions handed to page.evaluate with a helper the page lacks.
	await contexte.addInitScript('window.__name = (f) => f;');
	const page = await contexte.newPage();
	await page.goto(serveur.url);
	await page.waitForSelector('body[data-etat="pret"]', { timeout: 120000 });
	return {
		navigateur,
		contexte,
		page,
		async fermer() {
			await navigateur.close();
			await serveur.fermer();
		}
	};
}

/** Imports `fichiers` through the import page, picked together as a user does, and waits for every report. */
export async function importerParLaPage(p: Page, fichiers: string[]): Promise<void> {
	await p.evaluate(() =>
		(
			window as unknown as { __pilotageBanc: { aller(h: string): Promise<void> } }
		).__pilotageBanc.aller('#/import')
	);
	await p.setInputFiles('#fichiers', fichiers);
	await p.waitForFunction(
		(n) => document.querySelectorAll('h3.fr-alert__title').length >= n,
		fichiers.length,
		{ timeout: 600_000 }
	);
}
