import { describe, expect, it } from 'vitest';
import { creerTirage, simulerAcademie } from './calibration';
import { evaluerEcole, type ResultatEcart } from './ecart';
import { ajusterModelesIps, logit } from './modele-ips';
import { cohorte, evolution, evolutionEcart, tendance } from './tendance';
import type { LigneEvaluation } from './types';

describe('evolution', () => {
	it('uses Newcombe’s interval: 48/80 → 56/70 is a rise of 20 points [5.2 ; 33.4]', () => {
		const e = evolution(
			{ annee_scolaire: '2023-2024', k: 48, n: 80 },
			{ annee_scolaire: '2024-2025', k: 56, n: 70 }
		);
		expect(e.difference).toBeCloseTo(0.2, 12);
		expect(e.intervalle!.bas).toBeCloseTo(0.0524, 4);
		expect(e.intervalle!.haut).toBeCloseTo(0.3339, 4);
		expect(e.sens).toBe('hausse');
	});

	it('calls a few points on a class-sized school « stable »', () => {
		const e = evolution(
			{ annee_scolaire: '2023-2024', k: 12, n: 22 },
			{ annee_scolaire: '2024-2025', k: 15, n: 24 }
		);
		expect(e.difference!).toBeGreaterThan(0.07);
		expect(e.sens).toBe('stable');
		expect(e.explication).toMatch(/stable/);
	});

	it('shows no change when one year is masked (it would reveal it by difference)', () => {
		const e = evolution(
			{ annee_scolaire: '2023-2024', k: 2, n: 8 },
			{ annee_scolaire: '2024-2025', k: 15, n: 24 }
		);
		expect(e.sens).toBe('non_classe');
		expect(e.difference).toBeNull();
		expect(e.raison).toBe('effectif_insuffisant');
	});
});

describe('tendance', () => {
	it('orders the years, masks the small ones, and compares consecutive years', () => {
		const t = tendance([
			{ annee_scolaire: '2024-2025', k: 30, n: 40 },
			{ annee_scolaire: '2022-2023', k: 15, n: 40 },
			{ annee_scolaire: '2023-2024', k: 4, n: 9 }
		]);
		expect(t.points.map((p) => p.annee_scolaire)).toEqual(['2022-2023', '2023-2024', '2024-2025']);
		expect(t.points[1].observe.masque).toBe(true);
		expect(t.evolutions.map((e) => e.sens)).toEqual(['non_classe', 'non_classe']);
		expect(t.globale!.sens).toBe('hausse');
		expect(t.globale!.depart).toBe('2022-2023');
	});

	it('rejects two points for one year', () => {
		expect(() =>
			tendance([
				{ annee_scolaire: '2024-2025', k: 1, n: 20 },
				{ annee_scolaire: '2024-2025', k: 2, n: 20 }
			])
		).toThrow();
	});
});

// Two years, two levels of one simulated académie, and one school followed from CP to CE1.
const annees = ['2023-2024', '2024-2025'];
const population: LigneEvaluation[] = [];
annees.forEach((annee, i) => {
	for (const [niveau, base] of [
		['CP', 0.8],
		['CE1', 0.5]
	] as const) {
		population.push(
			...simulerAcademie(
				{
					a: logit(base),
					b: 0.03,
					tau: 0.3,
					nb_ecoles: 800,
					n_min: 5,
					n_max: 90,
					part_sans_effet: 0,
					part_avec_effet: 0,
					effets: [],
					annee_scolaire: annee,
					competence_id: `${niveau}-MA-PROBLEMES`
				},
				creerTirage(40 + i * 2 + (niveau === 'CP' ? 0 : 1))
			).map((e) => ({ ...e.ligne, niveau }))
		);
	}
});
const modeles = ajusterModelesIps(population);

function resultat(
	niveau: 'CP' | 'CE1',
	annee: string,
	k: number,
	n: number,
	uai = '0219999Z'
): ResultatEcart {
	return evaluerEcole(
		[
			{
				uai,
				annee_scolaire: annee,
				niveau,
				discipline: 'MA',
				competence_id: `${niveau}-MA-PROBLEMES`,
				n_eleves: n,
				n_besoin: n - k,
				n_fragile: 0,
				n_satisfaisant: k,
				ips: 106
			}
		],
		modeles
	);
}

describe('cohorte', () => {
	it('compares positions relative to the expected share, not raw shares', () => {
		// CP at expectation (≈ 80 %), CE1 a year later far below its own expectation (≈ 50 %).
		const cp = resultat('CP', '2023-2024', 48, 60);
		const ce1 = resultat('CE1', '2024-2025', 12, 60);
		const c = cohorte(cp, ce1);
		expect(c.sens).toBe('recul');
		expect(c.evolution.difference).toBeCloseTo(ce1.ecart! - cp.ecart!, 12);
		expect(c.explication).toMatch(/CP 2023-2024 → CE1 2024-2025/);
		// The raw shares fall by 60 points mostly because the CE1 test is harder: only the gaps say
		// what belongs to the school.
		expect(Math.abs(c.evolution.difference!)).toBeLessThan(0.5);
	});

	it('calls an unchanged position « stable »', () => {
		const c = cohorte(resultat('CP', '2023-2024', 48, 60), resultat('CE1', '2024-2025', 30, 60));
		expect(c.sens).toBe('stable');
	});

	it('refuses pairs that are not a cohort', () => {
		const cp = resultat('CP', '2023-2024', 48, 60);
		expect(() => cohorte(cp, resultat('CE1', '2023-2024', 30, 60))).toThrow(/année/);
		expect(() => cohorte(cp, resultat('CP', '2024-2025', 30, 60))).toThrow(/ne suit pas/);
		expect(() => cohorte(cp, resultat('CE1', '2024-2025', 30, 60, '0210001A'))).toThrow(/écoles/);
	});

	it('does not compare when a year is masked', () => {
		const c = cohorte(resultat('CP', '2023-2024', 5, 8), resultat('CE1', '2024-2025', 30, 60));
		expect(c.sens).toBe('non_classe');
		expect(c.evolution.raison).toBe('effectif_insuffisant');
	});
});

describe('evolutionEcart', () => {
	it('follows the gap of one competence from year to year', () => {
		const avant = resultat('CE1', '2023-2024', 15, 60);
		const apres = resultat('CE1', '2024-2025', 45, 60);
		const e = evolutionEcart(avant, apres);
		expect(e.sens).toBe('hausse');
		expect(e.depart).toBe('2023-2024');
		expect(e.arrivee).toBe('2024-2025');
	});
});
