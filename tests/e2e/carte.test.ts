import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	attendrePret,
	lancerChromium,
	nouvellePage,
	requetesExternes,
	violationsAccessibilite,
	type Journal
} from './navigateur';

const url = inject('urlApplication');
let navigateur: Browser;
let page: Page;
let journal: Journal;

/** The demo's schools, read from the file the app loads. */
const ECOLES = (() => {
	const [entete, ...lignes] = readFileSync('data/ecoles.csv', 'utf8').trim().split('\n');
	const colonnes = entete.split(';');
	return lignes.map((l) => Object.fromEntries(l.split(';').map((x, i) => [colonnes[i], x])));
})();
const AVEC_COORDONNEES = ECOLES.filter((e) => e.latitude && e.longitude);
const COTE_D_OR = AVEC_COORDONNEES.filter((e) => e.code_departement === '021');
/** What a school's reading of a competence may say on the map (never a signal as a point). */
const LECTURES = [
	'point de vigilance',
	'point d’appui',
	'signal à confirmer',
	'rien d’établi',
	'effectif insuffisant',
	'non renseigné'
];

beforeAll(async () => {
	navigateur = await lancerChromium();
	({ page, journal } = await nouvellePage(navigateur));
	await page.goto(`${url}#/academie`);
	await attendrePret(page);
	await page.locator('.pilotage-carte-ecoles svg').waitFor({ timeout: 90_000 });
});
afterAll(async () => {
	await navigateur?.close();
});

/** School marks drawn on the map: one closed subpath (one `M`) per school. */
const ecolesDessinees = (p: Page) =>
	p.evaluate(() =>
		[...document.querySelectorAll('.pilotage-carte-ecoles path.ecoles')]
			.map((e) => (e.getAttribute('d')?.match(/M/g) ?? []).length)
			.reduce((a, b) => a + b, 0)
	);

async function telecharger(p: Page, bouton: string) {
	const [fichier] = await Promise.all([
		p.waitForEvent('download'),
		p.getByRole('button', { name: bouton }).click()
	]);
	return { nom: fichier.suggestedFilename(), octets: await readFile((await fichier.path())!) };
}

describe('Carte des écoles de l’académie', () => {
	it('place chaque école de la démo qui a des coordonnées', async () => {
		expect(AVEC_COORDONNEES.length).toBeGreaterThan(1500);
		expect(await ecolesDessinees(page)).toBe(AVEC_COORDONNEES.length);
		// The table is closed under the map (1 500 rows), and opens from its summary.
		const table = page.locator('.pilotage-carte-territoire table tbody tr');
		expect(await table.first().isVisible()).toBe(false);
		await page.locator('.pilotage-carte-territoire summary').click();
		await table.first().waitFor({ state: 'visible' });
		expect(await table.count()).toBe(ECOLES.length);
		// Each school of the table is a link to its page.
		expect(
			await page.locator('.pilotage-carte-territoire table tbody th a[href^="#/ecole/"]').count()
		).toBe(ECOLES.length);
	});

	it('colore selon l’éducation prioritaire, légende chiffrée', async () => {
		await page.locator('#carte-indicateur').selectOption({ label: 'Éducation prioritaire' });
		const legende = page.getByRole('list', { name: 'Légende : Éducation prioritaire' });
		const repPlus = ECOLES.filter((e) => e.education_prioritaire === 'REP+').length;
		await expect.poll(() => legende.innerText()).toContain(`REP+ (${repPlus})`);
		expect(await ecolesDessinees(page)).toBe(AVEC_COORDONNEES.length);
	});

	it('zoome sur un département : ses seules écoles', async () => {
		await page
			.locator('#carte-zoom')
			.selectOption({ label: `Côte-d’Or (${COTE_D_OR.length} écoles)` });
		await expect.poll(() => ecolesDessinees(page)).toBe(COTE_D_OR.length);
		await expect
			.poll(() => page.locator('.pilotage-carte-territoire [role="status"]').innerText())
			.toContain(`Côte-d’Or\u202f: ${COTE_D_OR.length} écoles sur la carte`);
		expect(await page.locator('.pilotage-carte-territoire table tbody tr').count()).toBe(
			COTE_D_OR.length
		);
	});

	it('colore selon la lecture d’une compétence choisie ; le tableau donne la lecture de chaque école', async () => {
		const choix = page.locator('#carte-indicateur');
		// Offered once the académie's points are computed (seconds of statistics).
		await expect
			.poll(() => choix.locator('option', { hasText: 'Lecture d’une compétence' }).count(), {
				timeout: 90_000
			})
			.toBe(1);
		await choix.selectOption({ label: 'Lecture d’une compétence' });
		const competence = page.getByLabel('Compétence à lire sur la carte');
		const competences = await competence.locator('option').allInnerTexts();
		expect(competences.length).toBeGreaterThan(5);
		const legende = page.locator('.pilotage-carte-territoire ul.legende');
		const lireLegende = async () =>
			new Map(
				(await legende.locator('li').allInnerTexts()).map((t) => {
					const [, m, n] = /^(.+) \(([\d\s\u202f]+)\)$/.exec(t.trim())!;
					return [m, Number(n.replace(/\D/g, ''))] as const;
				})
			);
		// The first competence with an established point in Côte-d’Or.
		let libelle = '';
		let comptes = new Map<string, number>();
		for (const c of competences) {
			await competence.selectOption({ label: c });
			libelle = `Lecture : ${c}`;
			await expect.poll(() => legende.getAttribute('aria-label')).toContain(libelle);
			comptes = await lireLegende();
			if (comptes.has('point de vigilance') || comptes.has('point d’appui')) break;
		}
		expect(
			[...comptes.keys()].every((m) => LECTURES.includes(m)),
			[...comptes.keys()].join()
		).toBe(true);
		expect(
			(comptes.get('point de vigilance') ?? 0) + (comptes.get('point d’appui') ?? 0)
		).toBeGreaterThan(0);
		// The table's column for the chosen competence: each school's reading, as the legend counts.
		const entetes = await page.locator('.pilotage-carte-territoire thead th').allInnerTexts();
		const espaces = (t: string) => t.replace(/\s+/g, ' ').trim();
		expect(espaces(entetes.at(-1)!).startsWith(`${espaces(libelle)} (`), entetes.at(-1)).toBe(true);
		const lectures = await page
			.locator('.pilotage-carte-territoire tbody tr')
			.evaluateAll((lignes) => lignes.map((l) => l.lastElementChild!.textContent!.trim()));
		expect(lectures).toHaveLength(COTE_D_OR.length);
		for (const [m, n] of comptes) expect(lectures.filter((l) => l === m).length, m).toBe(n);
	});

	it('colore selon la couverture des formations, dite dans la légende et le tableau', async () => {
		const choix = page.locator('#carte-indicateur');
		const formation = (await choix.locator('option').allInnerTexts()).find((t) =>
			/^Formation \d{4}-\d{4} : part des agents formés$/.test(t.replace(/\s/g, ' '))
		);
		expect(formation).toBeDefined();
		await choix.selectOption({ label: formation! });
		const note = page.locator('.pilotage-carte-territoire figcaption', {
			hasText: 'parmi les agents que le fichier des formations cite pour cette école'
		});
		await note.waitFor();
		expect(await page.getByLabel('Compétence à lire sur la carte').count()).toBe(0);
		const entetes = await page.locator('.pilotage-carte-territoire thead th').allInnerTexts();
		expect(entetes).toContain(formation);
		const i = entetes.indexOf(formation!);
		const valeurs = await page
			.locator('.pilotage-carte-territoire tbody tr')
			.evaluateAll((lignes, i) => lignes.map((l) => l.children[i].textContent!.trim()), i);
		expect(valeurs.some((v) => v !== 'non renseigné')).toBe(true);
		for (const v of valeurs)
			expect(v.replace(/\s/g, ' ')).toMatch(/^(\d+ % \(\d+ agents? sur \d+\)|non renseigné)$/);
		await choix.selectOption({ label: 'Éducation prioritaire' });
	});

	it('télécharge la carte affichée en SVG et en PNG, produits dans la page', async () => {
		const avant = journal.requetes.length;
		const svg = await telecharger(page, 'Télécharger la carte (SVG)');
		expect(svg.nom).toBe('carte-ecoles-ep-021.svg');
		const texte = svg.octets.toString('utf8');
		expect(texte.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(texte).toContain('<title>Écoles de l’académie — Côte-d’Or');
		const marques = [...texte.matchAll(/<path class="ecoles"[^>]* d="([^"]*)"/g)]
			.map((m) => (m[1].match(/M/g) ?? []).length)
			.reduce((a, b) => a + b, 0);
		expect(marques).toBe(COTE_D_OR.length);
		const png = await telecharger(page, 'Télécharger la carte (PNG)');
		expect(png.nom).toBe('carte-ecoles-ep-021.png');
		expect([...png.octets.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
		expect(png.octets.length).toBeGreaterThan(20_000);
		// Nothing was fetched to make them (blob: URLs only).
		// (The app's own code excepted: links scrolled into view or under the pointer preload their
		// page's code.)
		const requetes = journal.requetes
			.slice(avant)
			.filter(
				(u) =>
					!u.startsWith('blob:') && !u.startsWith('data:') && !u.startsWith(`${url}_app/immutable/`)
			);
		expect(requetes, requetes.join('\n')).toEqual([]);
	});

	it('passe l’audit d’accessibilité sans violation', async () => {
		expect(await violationsAccessibilite(page)).toEqual([]);
		expect(requetesExternes(journal, url)).toEqual([]);
	});

	it('ouvre l’école cliquée sur la carte, sans recharger l’application', async () => {
		const svg = page.locator('.pilotage-carte-ecoles svg');
		await svg.scrollIntoViewIfNeeded();
		// The first mark's first point lies on the school's symbol, within the pointer's reach.
		const cible = await svg.evaluate((s) => {
			const d = s.querySelector('path.ecoles')!.getAttribute('d')!;
			const [, x, y] = /^M(-?[\d.]+) (-?[\d.]+)/.exec(d)!;
			const cadre = s.getBoundingClientRect();
			const echelle = cadre.width / (s as SVGSVGElement).viewBox.baseVal.width;
			return { x: cadre.left + Number(x) * echelle, y: cadre.top + Number(y) * echelle };
		});
		await page.mouse.move(cible.x, cible.y);
		const bulle = page.locator('.pilotage-carte-ecoles .pilotage-infobulle');
		await expect.poll(() => bulle.isVisible()).toBe(true);
		const titre = await bulle.innerText();
		const nom = titre.split(',')[0];
		expect(titre).toMatch(/ — Éducation prioritaire\s?: .+ — IPS \(\d{4}-\d{4}\)\s?: /);
		await page.evaluate(() => ((window as unknown as { marque: number }).marque = 17));
		await page.mouse.click(cible.x, cible.y);
		await page.waitForURL(/#\/ecole\/\d{7}[A-Z]$/);
		const uai = page.url().split('/').pop()!;
		expect(ECOLES.find((e) => e.uai === uai)?.nom).toBe(nom);
		await expect.poll(() => page.locator('h1').innerText()).toContain(nom);
		expect(await page.evaluate(() => (window as unknown as { marque?: number }).marque)).toBe(17);
	});
});

describe('La même carte sur les pages d’une circonscription et d’un réseau', () => {
	/** The demo's members of a network, read from the file the app loads. */
	const membres = (reseau: string) =>
		new Set(
			readFileSync('data/reseaux.csv', 'utf8')
				.trim()
				.split('\n')
				.map((l) => l.split(';'))
				.filter((c) => c[0] === reseau)
				.map((c) => c[4])
		);

	it.each([
		{
			route: '#/circonscription/0217006B',
			attendues: AVEC_COORDONNEES.filter((e) => e.code_circonscription === '0217006B')
		},
		{
			route: '#/reseau/REPP-CHENOVE',
			attendues: AVEC_COORDONNEES.filter((e) => membres('REPP-CHENOVE').has(e.uai))
		}
	])('place sur $route chacune de ses écoles, et elles seules', async ({ route, attendues }) => {
		const { page: p, journal: j } = await nouvellePage(navigateur);
		await p.goto(`${url}${route}`);
		await attendrePret(p);
		const carte = p.locator('.pilotage-carte-ecoles svg');
		await carte.waitFor({ timeout: 120_000 });
		expect(attendues.length).toBeGreaterThan(3);
		expect(await ecolesDessinees(p)).toBe(attendues.length);
		const liens = await p
			.locator('.pilotage-carte-territoire table a[href^="#/ecole/"]')
			.evaluateAll((as) => as.map((a) => a.getAttribute('href')!.split('/').pop()));
		expect(new Set(liens)).toEqual(new Set(attendues.map((e) => e.uai)));
		// The same indicators as the académie's map: a competence's reading, the training coverage.
		const choix = p.locator('#carte-indicateur');
		await expect
			.poll(() => choix.locator('option', { hasText: 'Lecture d’une compétence' }).count(), {
				timeout: 90_000
			})
			.toBe(1);
		expect(await choix.locator('option', { hasText: 'part des agents formés' }).count()).toBe(1);
		await choix.selectOption({ label: 'Lecture d’une compétence' });
		await p.getByLabel('Compétence à lire sur la carte').waitFor();
		await expect
			.poll(() => p.locator('.pilotage-carte-territoire ul.legende').getAttribute('aria-label'))
			.toMatch(/^Légende\s?: Lecture : /);
		expect(requetesExternes(j, url)).toEqual([]);
		await p.close();
	});
});
