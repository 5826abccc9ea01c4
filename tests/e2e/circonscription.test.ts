import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
	ajusterModelesIps,
	evaluerFamille,
	masquerCellules,
	type CatalogueModeles,
	type LigneEvaluation,
	type ModeleIps
} from '../../src/lib/indicators';
import { attendrePret, lancerChromium, nouvellePage, violationsAccessibilite } from './navigateur';

const url = inject('urlApplication');
const DIJON_EST = '0217006B';
const GROUPES = ['Chevigny', 'Dijon Est périurbain', 'Quetigny', 'Saint-Apollinaire'];
const COLONNES = [
	'uai',
	'nom',
	'groupe_proximite',
	'niveau',
	'discipline',
	'competence_id',
	'competence_libelle',
	'annee_scolaire',
	'annees_cumulees',
	'n',
	'observe_pct',
	'attendu_pct',
	'ecart_points',
	'intervalle_bas_points',
	'intervalle_haut_points',
	'statut',
	'raison',
	'source'
];

let navigateur: Browser;
let page: Page;
let erreursConsole: string[];

/** The demo files read directly (no engine): the indicators library on its own gives the truth. */
function lireCsv(fichier: string): Record<string, string>[] {
	const [entete, ...lignes] = readFileSync(`data/${fichier}`, 'utf8').trimEnd().split('\n');
	const colonnes = entete.split(';');
	return lignes.map((l) => Object.fromEntries(l.split(';').map((v, i) => [colonnes[i], v])));
}

beforeAll(async () => {
	navigateur = await lancerChromium();
	const p = await nouvellePage(navigateur);
	page = p.page;
	erreursConsole = p.journal.erreursConsole;
	await page.goto(`${url}#/circonscription/${DIJON_EST}`);
	await attendrePret(page);
	const debut = Date.now();
	await page.locator('table.pilotage-carte').waitFor({ timeout: 60_000 });
	console.log(
		`Dijon Est : carte affichée ${Date.now() - debut} ms après le chargement des données`
	);
});
afterAll(async () => {
	await navigateur?.close();
});

describe('Ma circonscription : Dijon Est dans l’académie de démonstration', () => {
	it('donne aux lecteurs d’écran, dès l’ouverture, le tableau de la carte et les sections du bas de la page', async () => {
		// Read before anything scrolls: content skipped by the browser (content-visibility) is
		// missing from Chromium's accessibility tree, and a screen reader could not reach it.
		await page.locator('#titre-projet').waitFor({ state: 'attached', timeout: 60_000 });
		const cdp = await page.context().newCDPSession(page);
		const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
		const lignesLues = async (selecteur: string) => {
			const { nodeId } = await cdp.send('DOM.querySelector', {
				nodeId: root.nodeId,
				selector: selecteur
			});
			const { nodes } = await cdp.send('Accessibility.queryAXTree', { nodeId, role: 'row' });
			return nodes.filter((n) => !n.ignored).length;
		};
		const lignesDom = await page.locator('table.pilotage-carte tr').count();
		expect(lignesDom).toBeGreaterThan(20);
		expect(await lignesLues('table.pilotage-carte')).toBe(lignesDom);
		const { nodes } = await cdp.send('Accessibility.getFullAXTree');
		const titres = nodes
			.filter((n) => !n.ignored && n.role?.value === 'heading')
			.map((n) => n.name?.value);
		expect(titres).toEqual(
			expect.arrayContaining([
				'Résultats et IPS',
				'Où accompagner',
				'Les 34 écoles de la circonscription',
				'Les écoles sur la carte',
				'Au regard du projet académique'
			])
		);
		await cdp.detach();
	});

	it('montre la carte des écoles rangées par les quatre groupes de proximité, jamais par résultat', async () => {
		await page.locator('h1', { hasText: 'Circonscription Dijon Est' }).waitFor();
		await page.locator('table.pilotage-carte').scrollIntoViewIfNeeded();
		await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
		const groupes = await page.locator('table.pilotage-carte tr.groupe th').allInnerTexts();
		expect(groupes.map((g) => g.replace(/\s*\(\d+ écoles? évaluées?\)$/, ''))).toEqual(GROUPES);
		// Within a group, schools are in alphabetical order.
		for (const corps of await page.locator('table.pilotage-carte tbody').all()) {
			const noms = await corps.locator('th[scope="row"] a').allInnerTexts();
			expect(noms).toEqual([...noms].sort((a, b) => a.localeCompare(b, 'fr')));
		}
		const carte = page.locator('.carte svg[role="img"]');
		expect(await carte.getAttribute('aria-label')).toContain('Écart de chaque école');
		const textes = await carte.locator('text').allTextContents();
		for (const g of GROUPES) expect(textes).toContain(g);
		// Only flags are coloured; masked cells say so.
		const paulBert = page.locator('table.pilotage-carte tr', {
			has: page.locator('a[href="#/ecole/0219099B"]')
		});
		expect(await paulBert.locator('td.etat--point_vigilance').count()).toBeGreaterThan(0);
		expect(await page.locator('table.pilotage-carte td.masque').first().innerText()).toMatch(
			/effectif insuffisant|masqué/
		);
		const titre = await paulBert.locator('td.etat--point_vigilance').first().getAttribute('title');
		expect(titre).toMatch(/\d+ élèves évalués, (cumul )?20\d\d-20\d\d/);
		expect(titre).toMatch(/Source :/);
	});

	it('filtre et trie sur demande, sans attente', async () => {
		const colonnes = () => page.locator('table.pilotage-carte thead th.competence').count();
		const toutes = await colonnes();
		let debut = Date.now();
		await page.locator('#filtre-niveau').selectOption('CE1');
		await expect.poll(colonnes).toBeLessThan(toutes);
		console.log(`Filtre par niveau : ${Date.now() - debut} ms (carte et tableau redessinés)`);
		await page.locator('#filtre-discipline').selectOption('MA');
		await page.locator('#filtre-groupe').selectOption('Chevigny');
		// The table follows the drawing two frames later (CarteEcoles).
		await expect
			.poll(() => page.locator('table.pilotage-carte tr.groupe th').allInnerTexts())
			.toHaveLength(1);
		await page.locator('#filtre-groupe').selectOption('');
		debut = Date.now();
		await page.locator('th.competence button', { hasText: 'Résoudre des problèmes' }).click();
		await page.locator('th.competence[aria-sort="ascending"]').waitFor();
		console.log(`Tri sur une compétence : ${Date.now() - debut} ms`);
		expect(await page.locator('table.pilotage-carte tr.groupe').count()).toBe(0);
		const premiere = await page
			.locator('table.pilotage-carte tbody th[scope="row"] a')
			.first()
			.innerText();
		expect(premiere).toBe('École élémentaire Paul Bert');
		await page.getByRole('button', { name: 'Revenir à l’ordre par groupe' }).click();
		await page.locator('#filtre-niveau').selectOption('');
		await page.locator('#filtre-discipline').selectOption('');
		await expect.poll(colonnes).toBe(toutes);
	});

	it('exporte une ligne par école × compétence × niveau de la dernière année, avec les statuts de la famille de l’académie', async () => {
		const [telechargement] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: /Exporter le tableau écoles × compétences/ }).click()
		]);
		expect(telechargement.suggestedFilename()).toBe(
			`pilotage-circonscription-${DIJON_EST}-2024-2025.csv`
		);
		const texte = readFileSync((await telechargement.path())!, 'utf8');
		expect(texte.startsWith('\ufeff')).toBe(true);
		expect(texte.trimEnd().split('\r\n')[0].slice(1)).toBe(COLONNES.join(';'));
		const lu = Papa.parse<Record<string, string>>(texte.slice(1), {
			delimiter: ';',
			header: true,
			skipEmptyLines: true
		});
		expect(lu.errors).toEqual([]);
		const rangees = lu.data;

		// What the library says from the demo files alone.
		const dijonEst = new Set(
			lireCsv('ecoles.csv')
				.filter((e) => e.code_circonscription === DIJON_EST)
				.map((e) => e.uai)
		);
		const ips = new Map(
			lireCsv('ips-ecoles.csv').map((r) => [
				`${r.rentree_scolaire}|${r.uai}`,
				r.ips === '' || r.ips === 'NS' ? null : Number(r.ips)
			])
		);
		const fenetre = ['2022-2023', '2023-2024', '2024-2025'];
		const evaluations: LigneEvaluation[] = lireCsv('evaluations-ecoles.csv')
			.filter((r) => fenetre.includes(r.annee_scolaire))
			.map((r) => ({
				annee_scolaire: r.annee_scolaire,
				uai: r.uai,
				niveau: r.niveau,
				discipline: r.discipline,
				competence_id: r.competence_id,
				n_eleves: Number(r.n_eleves),
				n_besoin: Number(r.n_besoin),
				n_fragile: Number(r.n_fragile),
				n_satisfaisant: Number(r.n_satisfaisant),
				ips: ips.get(`${r.annee_scolaire}|${r.uai}`) ?? null
			}));
		const modeles: CatalogueModeles = new Map<string, ModeleIps>(
			fenetre.flatMap((a) => [
				...ajusterModelesIps(
					evaluations.filter((l) => l.annee_scolaire === a),
					{ source: 'Académie' }
				)
			])
		);
		const circo = evaluations.filter((l) => dijonEst.has(l.uai));
		const courantes = circo.filter((l) => l.annee_scolaire === '2024-2025' && l.n_eleves > 0);
		// The académie's family: every school's last three years pooled, under the false-discovery
		// control (docs/methodologie.md); the circonscription's cells are a part of it.
		const famille = evaluerFamille(evaluations, modeles, {
			analyse: 'cumul',
			annee_scolaire: '2024-2025'
		});

		expect(rangees).toHaveLength(courantes.length);
		expect(new Set(rangees.map((r) => `${r.uai}|${r.niveau}|${r.competence_id}`)).size).toBe(
			courantes.length
		);
		expect(rangees.every((r) => r.annee_scolaire === '2024-2025')).toBe(true);
		const statuts = new Map<string, number>();
		for (const rangee of rangees) {
			statuts.set(rangee.statut, (statuts.get(rangee.statut) ?? 0) + 1);
			const i = famille.index.get(`${rangee.uai}|${rangee.competence_id}`)!;
			const r = famille.resultats[i];
			const point = famille.points[i];
			expect(Number(rangee.n)).toBe(r.n);
			// The years whose pupils are counted, always named.
			expect(rangee.annees_cumulees).toBe([...point.annees_cumulees].sort().join(' ; '));
			expect(rangee.annees_cumulees).not.toBe('');
			if (rangee.statut === 'masque') {
				// Secondary masking (docs/methodologie.md): the library designates the cell.
				const cellules = courantes.filter((l) => l.competence_id === rangee.competence_id);
				const masquage = masquerCellules(
					cellules.map((l) => ({ id: l.uai, n: l.n_eleves })),
					{ n_total: cellules.reduce((s, l) => s + l.n_eleves, 0) }
				);
				expect(masquage.secondaires).toContain(rangee.uai);
				expect(rangee.observe_pct + rangee.ecart_points).toBe('');
				continue;
			}
			// `point_appui` / `point_vigilance` only for an established point, `a_confirmer` a signal.
			expect(rangee.statut).toBe(point.statut);
			if (r.observe.masque) {
				expect(rangee.observe_pct).toBe('');
				expect(rangee.raison).toBe('effectif_insuffisant');
			} else {
				expect(Number(rangee.observe_pct.replace(',', '.'))).toBeCloseTo(r.observe.part * 100, 1);
			}
			if (r.ecart !== null) {
				expect(Number(rangee.ecart_points.replace(',', '.'))).toBeCloseTo(r.ecart * 100, 1);
			}
		}
		console.log('Statuts exportés :', Object.fromEntries(statuts));
		for (const statut of statuts.keys()) {
			expect([
				'point_appui',
				'point_vigilance',
				'a_confirmer',
				'rien',
				'insuffisant',
				'masque'
			]).toContain(statut);
		}
		expect(statuts.get('a_confirmer')!).toBeGreaterThan(statuts.get('point_vigilance')!);
		const paulBert = rangees.find(
			(r) => r.uai === '0219099B' && r.competence_id === 'CE1-MA-PROBLEMES'
		)!;
		expect(paulBert.statut).toBe('point_vigilance');
	}, 120_000);

	it('dessine le nuage des résultats selon l’IPS ; le focus sur une école la montre', async () => {
		await page.locator('#nuage-competence').selectOption('CE1-MA-PROBLEMES');
		const nuage = page.locator('.nuage svg[role="img"]');
		await expect.poll(() => nuage.getAttribute('aria-label')).toContain('Résoudre des problèmes');
		expect(await nuage.getAttribute('aria-description')).toMatch(/\d+ écoles, IPS en abscisse/);
		const ligne = page.locator('table.pilotage-nuage tr', {
			has: page.locator('a[href="#/ecole/0219099B"]')
		});
		expect(await ligne.innerText()).toContain('point de vigilance');
		await ligne.locator('a').focus();
		await expect
			.poll(() => nuage.locator('text').allTextContents())
			.toContainEqual(expect.stringContaining('Paul Bert'));
		await page.locator('#titre-nuage').screenshot({ path: '/tmp/circo-nuage-titre.png' });
		await page.locator('.nuage').screenshot({ path: '/tmp/circo-nuage.png' });
	});

	it('compare des écoles côte à côte et propose où accompagner', async () => {
		// The DSFR draws the box on the label, which takes the click.
		await page.locator('label[for="comparer-0219099B"]').click();
		await page.locator('label[for="comparer-0219346V"]').click();
		expect(await page.locator('#comparer-0219346V').isChecked()).toBe(true);
		const entetes = page.locator('table.pilotage-comparaison thead th');
		await expect.poll(() => entetes.count()).toBe(3);
		expect(await page.locator('table.pilotage-comparaison tbody tr').count()).toBeGreaterThan(20);

		await page.locator('#titre-themes').waitFor({ timeout: 60_000 });
		const fiche = page.locator('article', { has: page.locator('a[href="#/ecole/0219099B"]') });
		expect(await fiche.innerText()).toMatch(
			/établis[\s\S]*Résoudre des problèmes[\s\S]*même sens 3 années sur 3/
		);
		expect(await fiche.innerText()).toMatch(/constellation/);
		// Schools to meet have an established point; the others' signals are listed apart, beside
		// the page's chance sentence.
		expect(await page.locator('.fiches article').count()).toBe(3);
		const aConfirmer = page.locator('#titre-a-confirmer + p');
		expect(await aConfirmer.innerText()).toMatch(
			/peut être dû au hasard.*Sur \d+ cases école × compétence, environ \d+ écarts/
		);
		expect(await page.locator('ul.a-confirmer li').count()).toBeGreaterThan(0);
	});

	it('n’a aucune violation d’accessibilité grave ou critique', async () => {
		await page.locator('table.pilotage-carte tbody th button').first().click();
		expect(await violationsAccessibilite(page)).toEqual([]);
		expect(erreursConsole).toEqual([]);
	});

	it('ouvre l’école d’un clic sur son point du nuage', async () => {
		const nuage = page.locator('.nuage svg[role="img"]');
		// The pointer left over a row of the table by the previous test would select that school
		// (a row under the mouse shows its point): move it out of the way first.
		await page.mouse.move(0, 0);
		await page
			.locator('table.pilotage-nuage tr', { has: page.locator('a[href="#/ecole/0219099B"]') })
			.locator('a')
			.focus();
		// The highlighted point is Paul Bert's: a click on it opens the school.
		const anneau = nuage.locator('[stroke-width="3"]').first();
		await nuage.scrollIntoViewIfNeeded();
		// The map's table above is laid out as it nears the screen (content-visibility): one frame.
		await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0))));
		await nuage.scrollIntoViewIfNeeded();
		await anneau.waitFor({ state: 'visible' });
		// A mark on the window survives a navigation by the router, not a reload of the app.
		await page.evaluate(() => Object.assign(window, { pilotageSansRechargement: true }));
		// Sections below the map lay out as they near the screen and may move the chart between
		// reading the ring's box and the click: aim again until the pointer is on Paul Bert.
		const sousLePointeur = () =>
			page.evaluate(
				() =>
					(
						document.querySelector('.nuage svg[role="img"]') as unknown as {
							value?: { cle: string };
						}
					)?.value?.cle
			);
		let boite = (await anneau.boundingBox())!;
		for (let essai = 0; essai < 5; essai++) {
			boite = (await anneau.boundingBox())!;
			await page.mouse.move(boite.x + boite.width / 2, boite.y + boite.height / 2);
			if ((await sousLePointeur()) === '0219099B') break;
			await page.waitForTimeout(200);
		}
		await page.mouse.click(boite.x + boite.width / 2, boite.y + boite.height / 2);
		await expect.poll(() => page.url()).toMatch(/#\/ecole\/0219099B$/);
		await page.locator('h1', { hasText: 'Paul Bert' }).waitFor();
		expect(await page.evaluate(() => 'pilotageSansRechargement' in window)).toBe(true);
	});

	it('retrouve sa place en revenant d’une école ouverte depuis le bas de la page', async () => {
		await page.goto(`${url}#/circonscription/${DIJON_EST}`);
		await page.locator('#titre-projet').waitFor({ state: 'attached', timeout: 60_000 });
		const lien = page.locator('section[aria-labelledby="titre-liste"] a[href^="#/ecole/"]').last();
		await lien.scrollIntoViewIfNeeded();
		const place = await page.evaluate(() => Math.round(window.scrollY));
		// Far below the first screen: the blocks under it come one frame after another.
		expect(place).toBeGreaterThan(3000);
		const uai = (await lien.getAttribute('href'))!.replace('#/ecole/', '');
		await lien.click();
		await page.locator(`[data-vue-prete="ecole:${uai}"]`).waitFor({ state: 'attached' });
		await page.goBack();
		await expect
			.poll(() => page.evaluate(() => Math.round(window.scrollY)), { timeout: 15_000 })
			.toBe(place);
		// And it stays there once the page is whole.
		await page.locator('#titre-projet').waitFor({ state: 'attached' });
		await page.waitForTimeout(1000);
		expect(await page.evaluate(() => Math.round(window.scrollY))).toBe(place);
	});
});
