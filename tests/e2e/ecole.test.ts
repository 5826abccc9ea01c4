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

async function ecartAttendu(uai: string, competence: string, annee: string) {
	const moteur = await moteurDemoNode((f) => /^(ips|evaluations)-ecoles\.csv$/.test(f));
	const lignes = (await moteur.lignes<LigneEvaluation>(sql.populationReference(annee))).filter(
		(l) => l.competence_id === competence
	);
	const modeles = ajusterModelesIps(lignes, { source: 'Académie' });
	const r = evaluerEcole(
		lignes.filter((l) => l.uai === uai),
		modeles
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
		const problemes = textes.find((t) => t.startsWith('CE1 — Résoudre des problèmes'));
		expect(problemes, textes.join('\n')).toBeDefined();
		// The same figures as the indicators library gives on the same data, computed here in Node.
		const attendu = await ecartAttendu('0219099B', 'CE1-MA-PROBLEMES', '2024-2025');
		expect(attendu.classement).toBe('point_vigilance');
		expect(problemes).toContain(`${attendu.observe} d’élèves au-dessus du seuil 2`);
		expect(problemes).toContain(`pour ${attendu.attendu} attendus`);
		expect(problemes).toContain(`écart ${attendu.ecart}`);
		expect(problemes).toContain(`${attendu.n} élèves`);
		const ligne = page.locator('table.pilotage-resultats tbody tr', {
			has: page.locator('th', { hasText: 'Résoudre des problèmes' })
		});
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
		expect(await page.getByRole('heading', { name: 'Nos pistes d’action' }).isVisible()).toBe(
			false
		);
		await page.emulateMedia({ media: 'print' });
		expect(await page.getByRole('heading', { name: 'Nos pistes d’action' }).isVisible()).toBe(true);
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

	it('dit clairement qu’une UAI inconnue ne correspond à aucune école', async () => {
		const { page } = await nouvellePage(navigateur);
		await page.goto(`${url}#/ecole/0000000A`);
		await attendrePret(page);
		await page.locator('h1', { hasText: 'École introuvable' }).waitFor();
	});
});
