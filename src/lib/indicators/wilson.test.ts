import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LIBELLE_MASQUE } from './types';
import {
	clopperPearson,
	differenceMover,
	estimationWilson,
	partAffichable,
	partsLigne,
	quantileNormal,
	queueBinomiale,
	wilson,
	zBilateral
} from './wilson';

/** Exact probability that a two-sided interval method excludes the true p, for n pupils. */
function tauxFaussesAlertes(
	methode: (k: number, n: number) => { bas: number; haut: number },
	n: number,
	p: number
): number {
	let total = 0;
	for (let k = 0; k <= n; k++) {
		const ic = methode(k, n);
		if (ic.bas > p || ic.haut < p) {
			total += queueBinomiale(k, n, p, 'inferieure') - queueBinomiale(k - 1, n, p, 'inferieure');
		}
	}
	return total;
}

describe('quantileNormal', () => {
	it('matches the tables to 1e-6 (simple-statistics’ probit alone is off by 3e-3)', () => {
		expect(quantileNormal(0.975)).toBeCloseTo(1.959964, 6);
		expect(quantileNormal(0.995)).toBeCloseTo(2.575829, 6);
		expect(quantileNormal(0.5)).toBeCloseTo(0, 6);
		expect(quantileNormal(0.05)).toBeCloseTo(-1.644854, 6);
		expect(zBilateral(0.9)).toBeCloseTo(1.644854, 6);
	});

	it('rejects levels outside ]0, 1[', () => {
		expect(() => quantileNormal(0)).toThrow(RangeError);
		expect(() => zBilateral(1)).toThrow(RangeError);
	});
});

describe('wilson', () => {
	it('gives the hand-computed interval for 8/20 at 95 %', () => {
		// centre (8 + z²/2)/(20 + z²) = 0.41611, half-width z·√(20·0.4·0.6 + z²/4)/(20 + z²) = 0.19730
		const ic = wilson(8, 20);
		expect(ic.bas).toBeCloseTo(0.2188, 4);
		expect(ic.haut).toBeCloseTo(0.6134, 4);
		expect(ic.confiance).toBe(0.95);
	});

	it('is exact at the edges: 0/10 → [0, z²/(n + z²)], 10/10 → mirror', () => {
		const z2 = quantileNormal(0.975) ** 2;
		expect(wilson(0, 10)).toMatchObject({ bas: 0 });
		expect(wilson(0, 10).haut).toBeCloseTo(z2 / (10 + z2), 10);
		expect(wilson(10, 10).haut).toBe(1);
		expect(wilson(10, 10).bas).toBeCloseTo(1 - z2 / (10 + z2), 10);
	});

	it('contains the observed share, stays in [0, 1], widens with the level', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 500 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(n, f) => {
					const k = Math.round(f * n);
					const ic95 = wilson(k, n, 0.95);
					const ic99 = wilson(k, n, 0.99);
					expect(ic95.bas).toBeGreaterThanOrEqual(0);
					expect(ic95.haut).toBeLessThanOrEqual(1);
					expect(ic95.bas).toBeLessThanOrEqual(k / n + 1e-12);
					expect(ic95.haut).toBeGreaterThanOrEqual(k / n - 1e-12);
					expect(ic99.bas).toBeLessThanOrEqual(ic95.bas + 1e-12);
					expect(ic99.haut).toBeGreaterThanOrEqual(ic95.haut - 1e-12);
				}
			)
		);
	});

	it('rejects impossible counts', () => {
		expect(() => wilson(11, 10)).toThrow(RangeError);
		expect(() => wilson(-1, 10)).toThrow(RangeError);
		expect(() => wilson(2.5, 10)).toThrow(RangeError);
	});
});

describe('clopperPearson', () => {
	it('matches R’s binom.test for 8/20, 0/10 and 3/1000', () => {
		const ic = clopperPearson(8, 20);
		expect(ic.bas).toBeCloseTo(0.1911901, 6);
		expect(ic.haut).toBeCloseTo(0.6394574, 6);
		// 0/n: upper bound 1 − (α/2)^(1/n).
		expect(clopperPearson(0, 10).haut).toBeCloseTo(1 - 0.025 ** (1 / 10), 8);
		expect(clopperPearson(0, 10).bas).toBe(0);
		const rare = clopperPearson(3, 1000);
		expect(rare.bas).toBeCloseTo(0.0006191, 6);
		expect(rare.haut).toBeCloseTo(0.008742, 6);
	});

	it('never excludes the true share more than 5 % of the time, unlike Wilson', () => {
		let pireWilson = 0;
		for (const n of [10, 12, 15, 20, 25, 30, 45, 60, 90]) {
			for (let p = 0.3; p <= 0.95; p += 0.01) {
				expect(tauxFaussesAlertes(clopperPearson, n, p)).toBeLessThanOrEqual(0.05 + 1e-9);
				pireWilson = Math.max(pireWilson, tauxFaussesAlertes(wilson, n, p));
			}
		}
		// The reason the gap uses the exact interval (ecart.ts): Wilson goes well above 5 %.
		expect(pireWilson).toBeGreaterThan(0.07);
	});

	it('brackets the share of an académie’s tens of thousands of pupils, close to Wilson', () => {
		for (const [k, n] of [
			[15_580, 20_604],
			[17_450, 20_604],
			[3_100, 48_000]
		]) {
			const exact = clopperPearson(k, n);
			const approche = wilson(k, n);
			expect(exact.bas).toBeLessThan(k / n);
			expect(exact.haut).toBeGreaterThan(k / n);
			expect(exact.bas).toBeCloseTo(approche.bas, 3);
			expect(exact.haut).toBeCloseTo(approche.haut, 3);
		}
	});

	it('contains the Wilson interval’s observed share and stays in [0, 1]', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 300 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				(n, f) => {
					const k = Math.round(f * n);
					const ic = clopperPearson(k, n);
					expect(ic.bas).toBeGreaterThanOrEqual(0);
					expect(ic.haut).toBeLessThanOrEqual(1);
					expect(ic.bas).toBeLessThanOrEqual(k / n);
					expect(ic.haut).toBeGreaterThanOrEqual(k / n);
				}
			)
		);
	});
});

describe('queueBinomiale', () => {
	it('gives exact tails', () => {
		expect(queueBinomiale(3, 10, 0.5, 'inferieure')).toBeCloseTo(176 / 1024, 12);
		expect(queueBinomiale(3, 10, 0.5, 'superieure')).toBeCloseTo(1 - 56 / 1024, 12);
		expect(queueBinomiale(10, 10, 0.3, 'inferieure')).toBe(1);
		expect(queueBinomiale(0, 10, 0.3, 'superieure')).toBe(1);
		// Far tail of a large sample: no underflow, no cancellation.
		expect(queueBinomiale(100, 5000, 0.5, 'inferieure')).toBeGreaterThanOrEqual(0);
		// Σ_{j ≥ 2600} C(5000, j) / 2^5000 computed in exact rational arithmetic.
		expect(queueBinomiale(2600, 5000, 0.5, 'superieure')).toBeCloseTo(0.00244182486876, 12);
	});
});

describe('differenceMover', () => {
	it('reproduces Newcombe (1998) method 10 for 56/70 − 48/80', () => {
		const d = differenceMover(estimationWilson(56, 70), estimationWilson(48, 80));
		expect(d.estimation).toBeCloseTo(0.2, 10);
		expect(d.intervalle.bas).toBeCloseTo(0.0524, 4);
		expect(d.intervalle.haut).toBeCloseTo(0.3339, 4);
	});

	it('reduces to the first interval shifted when the second is exact', () => {
		const a = estimationWilson(30, 50);
		const d = differenceMover(a, { estimation: 0.5, bas: 0.5, haut: 0.5 });
		expect(d.intervalle.bas).toBeCloseTo(a.bas - 0.5, 12);
		expect(d.intervalle.haut).toBeCloseTo(a.haut - 0.5, 12);
	});
});

describe('partAffichable', () => {
	it('masks any share on fewer than 10 pupils, without carrying the share or k', () => {
		for (let n = 0; n < 10; n++) {
			for (let k = 0; k <= n; k++) {
				const part = partAffichable(k, n);
				expect(part).toEqual({ masque: true, n, libelle: LIBELLE_MASQUE });
				expect(part).not.toHaveProperty('part');
				expect(part).not.toHaveProperty('k');
			}
		}
		expect(LIBELLE_MASQUE).toBe('effectif insuffisant');
	});

	it('shows the share with its Wilson interval from 10 pupils', () => {
		const part = partAffichable(4, 10);
		expect(part.masque).toBe(false);
		if (!part.masque) {
			expect(part.part).toBe(0.4);
			expect(part.intervalle).toEqual(wilson(4, 10));
		}
	});
});

describe('partsLigne', () => {
	const ligne = {
		uai: '0219099B',
		annee_scolaire: '2024-2025',
		niveau: 'CE1',
		discipline: 'MA',
		competence_id: 'CE1-MA-PROBLEMES',
		n_eleves: 49,
		n_besoin: 12,
		n_fragile: 19,
		n_satisfaisant: 18,
		ips: 108.4
	};

	it('gives the three shares with n, year and source', () => {
		const p = partsLigne(ligne);
		expect(p).toMatchObject({
			n: 49,
			annee_scolaire: '2024-2025',
			source: 'Évaluations nationales'
		});
		expect(p.satisfaisant).toMatchObject({ masque: false, part: 18 / 49 });
		expect(p.besoin).toMatchObject({ masque: false, part: 12 / 49 });
	});

	it('masks all three under 10 pupils and refuses groups that do not add up', () => {
		const petite = partsLigne({
			...ligne,
			n_eleves: 9,
			n_besoin: 0,
			n_fragile: 1,
			n_satisfaisant: 8
		});
		expect([petite.satisfaisant, petite.fragile, petite.besoin].every((p) => p.masque)).toBe(true);
		expect(() => partsLigne({ ...ligne, n_fragile: 20 })).toThrow(RangeError);
	});
});
