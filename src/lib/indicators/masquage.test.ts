import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { estMasque, masquerCellules, regrouperAnnees } from './masquage';
import { SEUIL_MASQUAGE, type LigneEvaluation } from './types';

interface Ecole {
	id: string;
	n: number;
	k: number;
}

/**
 * What a reader can work out from a published table: the shown cells, the total if shown, and
 * therefore the sum of everything hidden. Returns the hidden group recovered by difference, if any.
 */
function attaque(
	ecoles: readonly Ecole[],
	masques: ReadonlySet<string>,
	totalAffiche: boolean,
	reste: { n: number; k: number } = { n: 0, k: 0 }
): { ids: string[]; n: number; k: number } | null {
	if (!totalAffiche) return null;
	const nTotal = ecoles.reduce((s, e) => s + e.n, 0) + reste.n;
	const kTotal = ecoles.reduce((s, e) => s + e.k, 0) + reste.k;
	const montrees = ecoles.filter((e) => !masques.has(e.id));
	const n = nTotal - montrees.reduce((s, e) => s + e.n, 0);
	const k = kTotal - montrees.reduce((s, e) => s + e.k, 0);
	const ids = ecoles.filter((e) => masques.has(e.id) && e.n > 0).map((e) => e.id);
	return n > 0 ? { ids, n, k } : null;
}

describe('estMasque', () => {
	it('masks strictly under 10 pupils', () => {
		expect(SEUIL_MASQUAGE).toBe(10);
		expect(estMasque(9)).toBe(true);
		expect(estMasque(10)).toBe(false);
	});
});

describe('masquerCellules', () => {
	it('masks nothing when every cell has 10 pupils or more', () => {
		const r = masquerCellules([
			{ id: 'a', n: 10 },
			{ id: 'b', n: 40 }
		]);
		expect(r).toEqual({ masques: [], primaires: [], secondaires: [], total_masque: false });
	});

	it('stops a single masked school from being recovered as the network total minus the others', () => {
		const ecoles: Ecole[] = [
			{ id: 'petite', n: 6, k: 1 },
			{ id: 'moyenne', n: 25, k: 15 },
			{ id: 'grande', n: 60, k: 40 }
		];
		// Without secondary masking, the small school's result is published by difference.
		const naif = attaque(ecoles, new Set(['petite']), true);
		expect(naif).toEqual({ ids: ['petite'], n: 6, k: 1 });

		const r = masquerCellules(ecoles);
		expect(r.primaires).toEqual(['petite']);
		expect(r.secondaires).toEqual(['moyenne']);
		expect(r.total_masque).toBe(false);
		const recupere = attaque(ecoles, new Set(r.masques), !r.total_masque)!;
		expect(recupere.ids).toEqual(['petite', 'moyenne']);
		expect(recupere.n).toBe(31);
	});

	it('can sacrifice the total instead', () => {
		const r = masquerCellules(
			[
				{ id: 'petite', n: 6 },
				{ id: 'grande', n: 60 }
			],
			{ proteger: 'total' }
		);
		expect(r.masques).toEqual(['petite']);
		expect(r.total_masque).toBe(true);
		expect(r.raison_total).toBe('protection');
	});

	it('keeps masking while the hidden group has fewer than 10 pupils', () => {
		const r = masquerCellules([
			{ id: 'a', n: 3 },
			{ id: 'b', n: 4 },
			{ id: 'c', n: 12 },
			{ id: 'd', n: 30 }
		]);
		// a + b = 7 pupils, recoverable by difference: c joins them.
		expect(r.primaires).toEqual(['a', 'b']);
		expect(r.secondaires).toEqual(['c']);
	});

	it('masks the total when it has fewer than 10 pupils, with nothing else to do', () => {
		const r = masquerCellules([
			{ id: 'a', n: 3 },
			{ id: 'b', n: 4 }
		]);
		expect(r.total_masque).toBe(true);
		expect(r.raison_total).toBe('effectif_insuffisant');
	});

	it('treats unlisted pupils in the total as one more hidden cell', () => {
		// A circonscription total with one school outside any group: 6 pupils, recoverable.
		const r = masquerCellules(
			[
				{ id: 'groupe1', n: 120 },
				{ id: 'groupe2', n: 95 }
			],
			{ n_total: 221 }
		);
		expect(r.secondaires).toEqual(['groupe2']);
		// An unlisted remainder of 10 pupils or more is no secret.
		expect(
			masquerCellules(
				[
					{ id: 'groupe1', n: 120 },
					{ id: 'groupe2', n: 95 }
				],
				{ n_total: 240 }
			).masques
		).toEqual([]);
	});

	it('keeps cells masked elsewhere hidden', () => {
		const r = masquerCellules(
			[
				{ id: 'a', n: 50 },
				{ id: 'b', n: 40 },
				{ id: 'c', n: 45 }
			],
			{ deja_masques: ['a'] }
		);
		// One hidden cell beside a shown total would be recovered: another goes.
		expect(r.masques).toEqual(['a', 'b']);
	});

	it('never lets a masked value be recovered by difference (property)', () => {
		const ecoleArb = fc.record({
			n: fc.integer({ min: 0, max: 80 }),
			f: fc.double({ min: 0, max: 1, noNaN: true })
		});
		fc.assert(
			fc.property(
				fc.array(ecoleArb, { minLength: 1, maxLength: 12 }),
				fc.integer({ min: 0, max: 20 }),
				fc.boolean(),
				(brutes, reste, protegerTotal) => {
					const ecoles = brutes.map((e, i) => ({ id: `e${i}`, n: e.n, k: Math.round(e.f * e.n) }));
					const somme = ecoles.reduce((s, e) => s + e.n, 0);
					const r = masquerCellules(ecoles, {
						n_total: somme + reste,
						proteger: protegerTotal ? 'total' : 'cellules'
					});
					const masques = new Set(r.masques);
					// Primary rule: every share on 1–9 pupils is masked.
					for (const e of ecoles) if (e.n > 0 && e.n < 10) expect(masques.has(e.id)).toBe(true);
					// Total under 10 pupils is masked.
					if (somme + reste > 0 && somme + reste < 10) expect(r.total_masque).toBe(true);
					// What the reader gets by difference is never one masked school, nor fewer than 10
					// pupils.
					const recupere = attaque(ecoles, masques, !r.total_masque, { n: reste, k: 0 });
					if (recupere) {
						expect(recupere.n).toBeGreaterThanOrEqual(10);
						expect(recupere.ids.length + (reste > 0 ? 1 : 0)).toBeGreaterThanOrEqual(
							recupere.ids.length > 0 ? 2 : 1
						);
					}
				}
			),
			{ numRuns: 500 }
		);
	});

	it('rejects duplicate ids and a total below the sum of the cells', () => {
		expect(() =>
			masquerCellules([
				{ id: 'a', n: 3 },
				{ id: 'a', n: 4 }
			])
		).toThrow(/double/);
		expect(() => masquerCellules([{ id: 'a', n: 30 }], { n_total: 20 })).toThrow(RangeError);
	});
});

describe('regrouperAnnees', () => {
	const ligne = (annee: string, n: number): LigneEvaluation => ({
		uai: '0581234A',
		annee_scolaire: annee,
		niveau: 'CP',
		discipline: 'FR',
		competence_id: 'CP-FR-PHONEMES',
		n_eleves: n,
		n_besoin: 0,
		n_fragile: 0,
		n_satisfaisant: n,
		ips: 95
	});

	it('keeps the year alone when it has enough pupils', () => {
		const r = regrouperAnnees([ligne('2024-2025', 12), ligne('2023-2024', 4)]);
		expect(r).toMatchObject({ annees: ['2024-2025'], n: 12, regroupe: false, suffisant: true });
		expect(r.annees_a_masquer).toEqual([]);
	});

	it('adds previous years, most recent first, up to three', () => {
		const r = regrouperAnnees([
			ligne('2021-2022', 30),
			ligne('2022-2023', 4),
			ligne('2023-2024', 3),
			ligne('2024-2025', 5)
		]);
		expect(r.annees).toEqual(['2024-2025', '2023-2024', '2022-2023']);
		expect(r.n).toBe(12);
		expect(r.regroupe).toBe(true);
		expect(r.libelle).toBe('2022-2023 à 2024-2025');
	});

	it('pools the whole window when asked, whatever the size', () => {
		const r = regrouperAnnees(
			[
				ligne('2024-2025', 40),
				ligne('2023-2024', 35),
				ligne('2022-2023', 30),
				ligne('2021-2022', 9)
			],
			{ toujours: true }
		);
		expect(r.annees).toEqual(['2024-2025', '2023-2024', '2022-2023']);
		expect(r.n).toBe(105);
		expect(r.annees_a_masquer).toEqual([]);
	});

	it('skips a missing year but never goes beyond the three-year window', () => {
		const r = regrouperAnnees([
			ligne('2024-2025', 5),
			ligne('2022-2023', 6),
			ligne('2021-2022', 50)
		]);
		expect(r.annees).toEqual(['2024-2025', '2022-2023']);
	});

	it('reports the year alone, masked, when even three years are not enough', () => {
		const r = regrouperAnnees([
			ligne('2024-2025', 3),
			ligne('2023-2024', 2),
			ligne('2022-2023', 4)
		]);
		expect(r).toMatchObject({ annees: ['2024-2025'], n: 3, regroupe: false, suffisant: false });
	});

	it('reports a chosen year and ignores later ones', () => {
		const r = regrouperAnnees([ligne('2024-2025', 30), ligne('2023-2024', 15)], {
			annee_scolaire: '2023-2024'
		});
		expect(r.annees).toEqual(['2023-2024']);
	});

	it('rejects two rows for the same year or rows of different schools', () => {
		expect(() => regrouperAnnees([ligne('2024-2025', 3), ligne('2024-2025', 4)])).toThrow();
		expect(() =>
			regrouperAnnees([ligne('2024-2025', 3), { ...ligne('2023-2024', 4), uai: '0210001A' }])
		).toThrow();
	});
});
