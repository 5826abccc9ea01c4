/**
 * The bilan of a network's plan (issue #16 item 5): the years before and after an action, and
 * the demo's REP+ Chenôve read before against after on its shared need.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type Moteur } from '$lib/db';
import { moteurDemoNode } from '$lib/import/demo-node';
import {
	ajusterModelesIps,
	type CatalogueModeles,
	type LigneEvaluation,
	type ModeleIps
} from '$lib/indicators';
import { anneesAvantApres } from '$lib/indicators/bilan';
import { bilanPlan, type ActionABilan } from './bilan';
import { chargerDonneesReseau, type DonneesReseau } from './index';

describe('anneesAvantApres', () => {
	const evaluees = ['2020-2021', '2021-2022', '2022-2023', '2023-2024', '2024-2025'];

	it('counts an action’s own September before it, the next year after it', () => {
		expect(anneesAvantApres('2022-2023', evaluees)).toEqual({
			avant: ['2020-2021', '2021-2022', '2022-2023'],
			apres: ['2023-2024', '2024-2025']
		});
	});

	it('has no « after » for an action of the latest year or later, unless asked', () => {
		expect(anneesAvantApres('2025-2026', evaluees).apres).toEqual([]);
		expect(anneesAvantApres('2024-2025', evaluees).apres).toEqual([]);
		expect(anneesAvantApres('2025-2026', evaluees, true)).toEqual({
			avant: ['2021-2022', '2022-2023', '2023-2024'],
			apres: ['2024-2025']
		});
	});

	it('never moves « after » earlier than the action’s next year when the data already has it', () => {
		expect(anneesAvantApres('2021-2022', evaluees, true).apres).toEqual([
			'2022-2023',
			'2023-2024',
			'2024-2025'
		]);
	});
});

describe('bilanPlan on the demo’s REP+ Chenôve', () => {
	let moteur: Moteur;
	let d: DonneesReseau;
	let modeles: CatalogueModeles;

	beforeAll(async () => {
		moteur = await moteurDemoNode((f) => !f.startsWith('eleves-'));
		d = (await chargerDonneesReseau(moteur, 'REPP-CHENOVE'))!;
		const catalogue = new Map<string, ModeleIps>();
		for (const a of new Set(d.evaluations.map((e) => e.annee_scolaire))) {
			const lignes = await moteur.lignes<LigneEvaluation>(sql.populationReference(a));
			for (const [cle, m] of ajusterModelesIps(lignes, { source: 'Académie' }))
				catalogue.set(cle, m);
		}
		modeles = catalogue;
	}, 120_000);

	const action = (x: Partial<ActionABilan>): ActionABilan => ({
		id: 'a1',
		annee_scolaire: '2025-2026',
		theme: 'Comprendre des phrases à l’oral',
		competence_id: 'CP-FR-PHRASES-ORAL',
		ecoles: [],
		...x
	});

	it('waits for the year after a plan placed after the latest evaluations', () => {
		const b = bilanPlan([action({})], d, modeles);
		expect(b.lignes).toHaveLength(1);
		expect(b.lignes[0].bilan.lecture).toBe('non_lisible');
		expect(b.lignes[0].bilan.raison).toBe('pas_d_annee_apres');
	});

	it('reads before against after, with an interval, once the latest year counts as « after »', () => {
		const b = bilanPlan([action({})], d, modeles, true);
		const l = b.lignes[0];
		expect(l.toutes_ecoles_du_reseau).toBe(true);
		expect(l.bilan.annees_apres).toEqual(['2024-2025']);
		expect(l.bilan.annees_avant).toEqual(['2021-2022', '2022-2023', '2023-2024']);
		expect(l.bilan.avant!.n).toBeGreaterThan(l.bilan.apres!.n);
		expect(l.bilan.difference).not.toBeNull();
		const { bas, haut } = l.bilan.intervalle!;
		expect(bas).toBeLessThan(l.bilan.difference!);
		expect(haut).toBeGreaterThan(l.bilan.difference!);
		expect(l.bilan.difference).toBeCloseTo(l.bilan.apres!.ecart! - l.bilan.avant!.ecart!, 12);
		// The demo's weakness is the same every year: no change is asserted.
		expect(l.bilan.lecture).toBe('pas_de_changement_etabli');
	});

	it('counts only the action’s schools when it names them', () => {
		const evaluees = [
			...new Set(
				d.evaluations.filter((e) => e.competence_id === 'CP-FR-PHRASES-ORAL').map((e) => e.uai)
			)
		];
		const deux = evaluees.slice(0, 2);
		const tout = bilanPlan([action({})], d, modeles, true).lignes[0];
		const part = bilanPlan([action({ ecoles: deux })], d, modeles, true).lignes[0];
		expect(part.toutes_ecoles_du_reseau).toBe(false);
		expect(part.ecoles).toHaveLength(2);
		expect(part.bilan.avant?.n ?? 0).toBeLessThan(tout.bilan.avant!.n);
		// A maternelle has no CP pupils: it is not among the schools counted.
		expect(tout.ecoles).toHaveLength(evaluees.length);
		expect(evaluees.length).toBeLessThan(d.membres.length);
	});

	it('sets aside an action without a competence', () => {
		const b = bilanPlan([action({ competence_id: null, theme: 'Climat scolaire' })], d, modeles);
		expect(b.lignes).toHaveLength(0);
		expect(b.sans_competence.map((a) => a.theme)).toEqual(['Climat scolaire']);
	});
});
