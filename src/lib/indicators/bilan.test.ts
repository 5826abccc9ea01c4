import { describe, expect, it } from 'vitest';
import { comparerAvantApres, conclureBilans, pValeurDifference } from './bilan';
import type { ResultatEcart } from './ecart';

/** A pooled side with a gap and a symmetric interval (only what the comparison reads). */
const cote = (ecart: number | null, demi = 0.05, annee = '2023-2024'): ResultatEcart =>
	({
		annee_scolaire: annee,
		n: 100,
		ecart,
		intervalle: ecart === null ? null : { bas: ecart - demi, haut: ecart + demi, confiance: 0.95 }
	}) as ResultatEcart;

const annees = { avant: ['2022-2023'], apres: ['2023-2024'] };

describe('comparerAvantApres', () => {
	it('gives the change of the gap with a MOVER interval and a p-value that agrees with it', () => {
		const c = comparerAvantApres(cote(-0.1), cote(0.02), annees);
		expect(c.difference).toBeCloseTo(0.12, 12);
		// Two independent ±5-point intervals: ±5·√2 points around the change.
		expect(c.intervalle!.bas).toBeCloseTo(0.12 - 0.05 * Math.SQRT2, 12);
		expect(c.intervalle!.haut).toBeCloseTo(0.12 + 0.05 * Math.SQRT2, 12);
		expect(c.p_valeur).toBeLessThan(0.05);
	});

	it('p ≤ 0.05 exactly when the 95 % interval excludes 0', () => {
		for (const d of [0.01, 0.05, 0.07, 0.0707, 0.0708, 0.1]) {
			const c = comparerAvantApres(cote(0), cote(d), annees);
			const exclut = c.intervalle!.bas > 0;
			expect(c.p_valeur! <= 0.05).toBe(exclut);
		}
		expect(pValeurDifference(0, { bas: -0.1, haut: 0.1, confiance: 0.95 })).toBe(1);
	});

	it('says why there is nothing to read', () => {
		expect(comparerAvantApres(cote(0), null, { avant: ['2023-2024'], apres: [] }).raison).toBe(
			'pas_d_annee_apres'
		);
		expect(comparerAvantApres(null, cote(0), { avant: [], apres: ['2024-2025'] }).raison).toBe(
			'pas_d_annee_avant'
		);
		expect(comparerAvantApres(cote(null), cote(0), annees).raison).toBe('pas_d_ecart');
	});
});

describe('conclureBilans', () => {
	it('asserts a change only when it survives the false-discovery control over the page', () => {
		// One clear progress, one clear decline, and noise.
		const nettes = [
			comparerAvantApres(cote(-0.1, 0.02), cote(0.05, 0.02), annees),
			comparerAvantApres(cote(0.05, 0.02), cote(-0.1, 0.02), annees)
		];
		const bruit = Array.from({ length: 6 }, (_, i) =>
			comparerAvantApres(cote(0), cote(0.005 * i), annees)
		);
		const lu = conclureBilans([...nettes, ...bruit]);
		expect(lu.map((b) => b.lecture)).toEqual([
			'progres_etabli',
			'recul_etabli',
			...bruit.map(() => 'pas_de_changement_etabli')
		]);
	});

	it('keeps a lone borderline change when read alone, not among many nulls', () => {
		// p ≈ 0.03: a signal alone is kept (BH with m = 1), but not among 20 comparisons of nothing.
		const limite = comparerAvantApres(cote(0), cote(0.0775), annees);
		expect(limite.p_valeur).toBeGreaterThan(0.02);
		expect(limite.p_valeur).toBeLessThan(0.05);
		expect(conclureBilans([limite])[0].lecture).toBe('progres_etabli');
		const nuls = Array.from({ length: 19 }, () => comparerAvantApres(cote(0), cote(0), annees));
		expect(conclureBilans([limite, ...nuls])[0].lecture).toBe('pas_de_changement_etabli');
	});

	it('leaves what cannot be read out of the family', () => {
		const lu = conclureBilans([
			comparerAvantApres(cote(0), null, { avant: ['2023-2024'], apres: [] }),
			comparerAvantApres(cote(-0.1, 0.02), cote(0.05, 0.02), annees)
		]);
		expect(lu.map((b) => b.lecture)).toEqual(['non_lisible', 'progres_etabli']);
	});
});
