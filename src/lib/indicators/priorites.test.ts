import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ResultatEcart } from './ecart';
import { classerPriorites, ecartCumule, type BesoinAClasser } from './priorites';

const besoin = (
	cle: string,
	ecart: number | null,
	ecoles: number,
	formees = 0
): BesoinAClasser => ({
	cle,
	ecart,
	ecoles,
	ecoles_formees: formees
});

describe('classerPriorites', () => {
	it('multiplie le besoin, le nombre d’écoles et le manque de formation', () => {
		const [p] = classerPriorites([besoin('CP|X', -0.08, 6, 2)]);
		expect(p.points).toBeCloseTo(8);
		expect(p.couverture).toBeCloseTo(1 / 3);
		expect(p.score).toBeCloseTo(8 * 6 * (1 - 0.5 / 3));
		expect(p.detail).toBe('8 points sous l’attendu × 6 écoles × (1 − ½ × 2/6 déjà formées) = 40');
		expect(p.rang).toBe(1);
	});

	it('place en tête le besoin partagé par le plus d’écoles à écart égal', () => {
		const r = classerPriorites([besoin('a', -0.1, 2), besoin('b', -0.1, 5), besoin('c', -0.1, 3)]);
		expect(r.map((p) => p.besoin.cle)).toEqual(['b', 'c', 'a']);
		expect(r.map((p) => p.rang)).toEqual([1, 2, 3]);
	});

	it('fait passer un besoin déjà couvert par la formation après un besoin égal non couvert', () => {
		const r = classerPriorites([besoin('forme', -0.1, 4, 4), besoin('non', -0.1, 4, 0)]);
		expect(r.map((p) => p.besoin.cle)).toEqual(['non', 'forme']);
		// Training halves the weight, never removes it.
		expect(r[1].score).toBeCloseTo(r[0].score / 2);
	});

	it('ne donne aucun poids à des écoles au-dessus de l’attendu ou sans écart connu', () => {
		const r = classerPriorites([besoin('haut', 0.05, 3), besoin('inconnu', null, 3)]);
		expect(r.every((p) => p.score === 0 && p.points === 0)).toBe(true);
		expect(r.map((p) => p.besoin.cle)).toEqual(['haut', 'inconnu']);
	});

	it('refuse les entrées incohérentes', () => {
		expect(() => classerPriorites([besoin('a', -0.1, 2, 3)])).toThrow(/écoles formées/);
		expect(() => classerPriorites([besoin('a', -0.1, 2), besoin('a', -0.2, 2)])).toThrow(/double/);
		expect(() => classerPriorites([besoin('a', -0.1, 1.5)])).toThrow(/écoles/);
	});

	it('ordonne toujours par score décroissant, quel que soit l’ordre d’entrée', () => {
		const arbitraire = fc.uniqueArray(
			fc.record({
				cle: fc.string({ minLength: 1, maxLength: 6 }),
				ecart: fc.option(fc.double({ min: -0.4, max: 0.4, noNaN: true }), { nil: null }),
				ecoles: fc.integer({ min: 1, max: 20 }),
				part: fc.double({ min: 0, max: 1, noNaN: true })
			}),
			{ selector: (b) => b.cle, maxLength: 12 }
		);
		fc.assert(
			fc.property(arbitraire, (liste) => {
				const besoins = liste.map((b) =>
					besoin(b.cle, b.ecart, b.ecoles, Math.floor(b.part * b.ecoles))
				);
				const r = classerPriorites(besoins);
				const inverse = classerPriorites([...besoins].reverse());
				expect(inverse.map((p) => p.besoin.cle)).toEqual(r.map((p) => p.besoin.cle));
				for (let i = 1; i < r.length; i++)
					expect(r[i - 1].score).toBeGreaterThanOrEqual(r[i].score);
				for (const p of r) {
					expect(p.score).toBeGreaterThanOrEqual(0);
					expect(p.score).toBeLessThanOrEqual(p.points * p.besoin.ecoles + 1e-9);
					expect(p.score).toBeGreaterThanOrEqual(p.points * p.besoin.ecoles * 0.5 - 1e-9);
				}
			})
		);
	});
});

describe('ecartCumule', () => {
	const r = (n: number, ecart: number | null) => ({ n, ecart }) as ResultatEcart;

	it('pondère les écarts par les élèves et ignore les écoles sans écart', () => {
		expect(ecartCumule([r(30, -0.2), r(10, 0.2), r(50, null)])).toBeCloseTo(-0.1);
	});

	it('ne dit rien quand aucune école n’a d’écart', () => {
		expect(ecartCumule([r(5, null)])).toBeNull();
		expect(ecartCumule([])).toBeNull();
	});
});
