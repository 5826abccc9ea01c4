import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { moteurDemoNode } from '../../src/lib/import/demo-node';
import { sql } from '../../src/lib/db/index';
import {
	ajusterModelesIps,
	evaluerEcole,
	type LigneEvaluation
} from '../../src/lib/indicators/index';
import { formatPart, formatPoints } from '../../src/lib/format/index';
import { attendrePret, lancerChromium, nouvellePage, violationsAccessibilite } from './navigateur';

const url = inject('urlApplication');
let navigateur: Browser;

beforeAll(async () => {
	navigateur = await lancerChromium();
});
afterAll(async () => {
	await navigateur?.close();
});

/** Paul Bert's diagnosis as the indicators library gives it from the demo files: three years pooled. */
async function diagnosticAttendu(uai: string, competence: string) {
	const moteur = await moteurDemoNode((f) => /^(ips|evaluations)-ecoles\.csv$/.test(f));
	const fenetre = ['2022-2023', '2023-2024', '2024-2025'];
	const lignes: LigneEvaluation[] = [];
	for (const annee of fenetre) {
		lignes.push(
			...(await moteur.lignes<LigneEvaluation>(sql.populationReference(annee))).filter(
				(l) => l.competence_id === competence
			)
		);
	}
	const modeles = new Map(
		fenetre.flatMap((a) => [
			...ajusterModelesIps(
				lignes.filter((l) => l.annee_scolaire === a),
				{ source: 'Académie' }
			)
		])
	);
	const r = evaluerEcole(
		lignes.filter((l) => l.uai === uai),
		modeles,
		{ annee_scolaire: '2024-2025', regrouper_toujours: true, max_annees: 3 }
	);
	return {
		classement: r.classement,
		observe: r.observe.masque ? null : formatPart(r.observe.part),
		attendu: formatPart(r.attendu),
		ecart: formatPoints(r.ecart),
		n: r.n
	};
}

describe('Mon école', () => {
	it('signale la faiblesse documentée de l’école de Dijon Est parmi ses points de vigilance', async () => {
		// data/README.md : École élémentaire Paul Bert (0219099B), −15 points en CE1 « résoudre des problèmes ».
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/0219099B`);
		await attendrePret(page);
		const vigilance = page.locator('.pilotage-points--vigilance li');
		await vigilance.first().waitFor();
		const textes = await vigilance.allInnerTexts();
		// The only established point of the school: the designed effect (data/demo-verite.csv).
		expect(textes).toHaveLength(1);
		const problemes = textes.find((t) => t.startsWith('CE1 — Résoudre des problèmes'));
		expect(problemes, textes.join('\n')).toBeDefined();
		// The same figures as the indicators library gives on the same data, computed here in Node:
		// the diagnosis pools the last three years, with each year's pupils and the pooled total.
		const attendu = await diagnosticAttendu('0219099B', 'CE1-MA-PROBLEMES');
		expect(attendu.classement).toBe('point_vigilance');
		expect(problemes).toContain(`${attendu.observe} de satisfaisants`);
		expect(problemes).toContain(`pour ${attendu.attendu} attendus`);
		expect(problemes).toContain(`écart ${attendu.ecart}`);
		expect(problemes).toContain('2022-2023 à 2024-2025 cumulées : 58, 43 et 49 élèves');
		expect(problemes).toContain(`${attendu.n}\u00a0élèves au total`);
		expect(problemes).toContain('même sens 3 années sur 3');
		// Its other gap whose interval excludes 0 is a signal, apart, beside the chance sentence.
		const signaux = page.locator('.pilotage-points--signal li');
		expect(await signaux.allInnerTexts()).toEqual([
			expect.stringMatching(
				/^CP — Placer un nombre sur une ligne numérique, (au-dessus|en dessous) de l’attendu/
			)
		]);
		expect(await page.locator('[data-hasard]').first().innerText()).toBe(
			'Sur 39 compétences, environ 2 écarts de cette taille apparaissent par hasard.'
		);
		const ligne = page.locator('table.pilotage-resultats tbody tr', {
			has: page.locator('th', { hasText: 'Résoudre des problèmes' })
		});
		// The table of every competence is drawn one frame after « Ce qui ressort ».
		await ligne.first().waitFor();
		expect(await ligne.filter({ hasText: 'point de vigilance' }).count()).toBe(1);
		expect(journal.erreursConsole).toEqual([]);
	});

	it('exporte les chiffres de l’école en CSV lisible par Excel, une ligne par compétence', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/0219099B`);
		await attendrePret(page);
		const lignesTableau = page.locator('table.pilotage-resultats tbody tr');
		await lignesTableau.first().waitFor();
		const [telechargement] = await Promise.all([
			page.waitForEvent('download'),
			page.getByRole('button', { name: 'Télécharger les chiffres (CSV)' }).click()
		]);
		expect(telechargement.suggestedFilename()).toBe('pilotage-0219099B-2024-2025.csv');
		const texte = readFileSync((await telechargement.path())!, 'utf8');
		expect(texte.startsWith('\ufeffuai;ecole;annee_scolaire;niveau;')).toBe(true);
		const lignes = texte.trimEnd().split('\r\n');
		expect(lignes.length - 1).toBe(await lignesTableau.count());
		const problemes = lignes.find((l) => l.includes(';CE1;MA;Résoudre des problèmes;'));
		expect(problemes).toContain('point de vigilance');
		expect(lignes.slice(1).every((l) => l.startsWith('0219099B;'))).toBe(true);
	});

	it('se prépare à l’impression : diagnostic partagé sans menus, avec « Nos pistes d’action »', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/0219099B`);
		await attendrePret(page);
		await page.locator('.pilotage-points--vigilance li').first().waitFor();
		// On screen the pistes are edited (tests/e2e/projet-ecole.test.ts); with none saved, the
		// blank lines are for paper only.
		const lignesVides = page.locator('.pilotage-ligne-vide').first();
		expect(await page.getByRole('heading', { name: 'Nos pistes d’action' }).isVisible()).toBe(true);
		expect(await lignesVides.isVisible()).toBe(false);
		await page.emulateMedia({ media: 'print' });
		expect(await page.getByRole('heading', { name: 'Nos pistes d’action' }).isVisible()).toBe(true);
		expect(await lignesVides.isVisible()).toBe(true);
		expect(await page.getByRole('button', { name: 'Ajouter une action' }).isVisible()).toBe(false);
		expect(await page.locator('#navigation').isVisible()).toBe(false);
		expect(
			await page.getByRole('button', { name: 'Imprimer / Enregistrer en PDF' }).isVisible()
		).toBe(false);
		await page.screenshot({ path: 'test-results/ecole-impression.png', fullPage: true });
		const pdf = await page.pdf({ format: 'A4' });
		expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
	});

	it('n’a pas de violation d’accessibilité grave ou critique', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/0219099B`);
		await attendrePret(page);
		await page.locator('table.pilotage-evolution').waitFor();
		expect(await violationsAccessibilite(page)).toEqual([]);
	});

	it('une école sans effet voulu n’affirme aucun point et dit combien de signaux le hasard donne', async () => {
		// École Germaine Tillion, Dijon Est: no designed effect (data/demo-verite.csv), no
		// established point; six gaps whose interval excludes 0, about two by chance alone.
		const { page, journal } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/0219097Z`);
		await attendrePret(page);
		await page.locator('#titre-signaux').waitFor({ timeout: 60_000 });
		expect(
			await page.locator('.pilotage-points--vigilance li, .pilotage-points--appui li').count()
		).toBe(0);
		expect(await page.locator('#titre-vigilance + p').innerText()).toBe(
			'Aucun point de vigilance établi sur les 39 compétences comparées.'
		);
		expect(await page.locator('#titre-appui + p').innerText()).toBe(
			'Aucun point d’appui établi sur les 39 compétences comparées.'
		);
		expect(await page.locator('[data-hasard]').first().innerText()).toBe(
			'Sur 39 compétences, environ 2 écarts de cette taille apparaissent par hasard.'
		);
		const signaux = page.locator('.pilotage-points--signal li');
		expect(await signaux.count()).toBe(6);
		expect(await page.locator('#titre-signaux ~ p').nth(1).innerText()).toContain(
			'signal à confirmer (peut être dû au hasard)'
		);
		// Never the old headline, and no cell of the table called a point.
		expect(await page.getByText('nettement en dessous').count()).toBe(0);
		await page.locator('table.pilotage-resultats').waitFor();
		const lectures = await page
			.locator('table.pilotage-resultats .pilotage-lecture')
			.allInnerTexts();
		expect(lectures.filter((t) => /point d/.test(t))).toEqual([]);
		expect(lectures.filter((t) => t === 'signal à confirmer')).toHaveLength(6);
		expect(await violationsAccessibilite(page)).toEqual([]);
		expect(journal.erreursConsole).toEqual([]);
	}, 120_000);

	it('dit pourquoi rien n’est lu quand rien ne peut l’être (Orgeux, 3 élèves par niveau)', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/0219325X`);
		await attendrePret(page);
		await page.locator('#titre-vigilance').waitFor({ timeout: 60_000 });
		expect(await page.locator('#titre-vigilance + p').innerText()).toMatch(
			/^Aucune compétence n’a pu être comparée à l’attendu \(39\s: moins de 10\s+élèves, même en cumulant les années\)/
		);
		expect(await page.getByText('nettement en dessous').count()).toBe(0);
	}, 120_000);

	it('dit clairement qu’une UAI inconnue ne correspond à aucune école', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/0000000A`);
		await attendrePret(page);
		await page.locator('h1', { hasText: 'École introuvable' }).waitFor();
	});
});
