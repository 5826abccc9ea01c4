import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creerTirage, simulerAcademie } from './calibration';
import { comparerAReference, evaluerEcole, evaluerEcoles, type ResultatEcart } from './ecart';
import { ajusterModelesIps, cleModele, logit, predire, type ModeleAjuste } from './modele-ips';
import { LIBELLE_MASQUE, type LigneEvaluation } from './types';
import { clopperPearson } from './wilson';

const ANNEE = '2024-2025';
const COMPETENCE = 'SIMULATION';

function population(annee: string, graine: number): LigneEvaluation[] {
	return simulerAcademie(
		{
			a: logit(0.6),
			b: 0.03,
			tau: 0.35,
			nb_ecoles: 1500,
			n_min: 5,
			n_max: 90,
			part_sans_effet: 0,
			part_avec_effet: 0,
			effets: [],
			annee_scolaire: annee
		},
		creerTirage(graine)
	).map((e) => e.ligne);
}

const lignesPopulation = [
	...population(ANNEE, 1),
	...population('2023-2024', 2),
	...population('2022-2023', 3)
];
const modeles = ajusterModelesIps(lignesPopulation, { reference: 'académie de test' });
const modele = modeles.get(cleModele(ANNEE, COMPETENCE)) as ModeleAjuste;

function ecole(
	n: number,
	satisfaisants: number,
	ips: number | null = 106,
	annee = ANNEE,
	besoins = 0
): LigneEvaluation {
	return {
		uai: '0219999Z',
		annee_scolaire: annee,
		niveau: 'CE1',
		discipline: 'MA',
		competence_id: COMPETENCE,
		n_eleves: n,
		n_besoin: besoins,
		n_fragile: n - satisfaisants - besoins,
		n_satisfaisant: satisfaisants,
		ips
	};
}

function attenduA(ips: number): number {
	return predire(modele, ips).part;
}

describe('evaluerEcole', () => {
	it('never classifies, never shows a share, on fewer than 10 pupils', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 1, max: 9 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.double({ min: 70, max: 140, noNaN: true }),
				(n, f, ips) => {
					const k = Math.round(f * n);
					const r = evaluerEcole([ecole(n, k, ips)], modeles, { regrouper: false });
					expect(r.classement).toBe('non_classe');
					expect(r.raison).toBe('effectif_insuffisant');
					expect(r.observe).toEqual({ masque: true, n, libelle: LIBELLE_MASQUE });
					expect(r.ecart).toBeNull();
					expect(r.intervalle).toBeNull();
					expect(r.ecart_estime).toBeNull();
					// Not even through the comparison with the reference population.
					expect(r.comparaison_population?.ecart ?? null).toBeNull();
					expect(r.comparaison_population?.observe.masque ?? true).toBe(true);
				}
			)
		);
	});

	it('writes the sentence on first read, the same in a copy, in JSON (the data package) and read again', () => {
		const r = evaluerEcole([ecole(60, Math.round(60 * (attenduA(106) + 0.3)))], modeles);
		// An own enumerable property: a spread copy and JSON.stringify read it like a plain string.
		expect(Object.keys(r)).toContain('explication');
		const copie = { ...r };
		expect(typeof copie.explication).toBe('string');
		expect(copie.explication).toMatch(/l’intervalle exclut 0, écart au-dessus de l’attendu\.$/);
		expect(JSON.parse(JSON.stringify(r)).explication).toBe(copie.explication);
		expect(r.explication).toBe(copie.explication);
	});

	it('flags a clear weakness and a clear strength, and leaves an ordinary result alone', () => {
		const attendu = attenduA(106);
		const faible = evaluerEcole([ecole(60, Math.round(60 * (attendu - 0.3)))], modeles);
		expect(faible.classement).toBe('point_vigilance');
		expect(faible.intervalle!.haut).toBeLessThan(0);
		const forte = evaluerEcole([ecole(60, Math.round(60 * (attendu + 0.3)))], modeles);
		expect(forte.classement).toBe('point_appui');
		const conforme = evaluerEcole([ecole(60, Math.round(60 * attendu))], modeles);
		expect(conforme.classement).toBe('conforme');
		expect(conforme.explication).toMatch(/conforme à l’attendu/);
		expect(faible.attendu).toBeCloseTo(attendu, 12);
		expect(faible.n).toBe(60);
		expect(faible.annee_scolaire).toBe(ANNEE);
		expect(faible.source).toMatch(/modèle IPS, académie de test \(1500 écoles\)/);
		expect(faible.pooled_years).toBeUndefined();
	});

	it('classifies exactly when the interval of the gap excludes 0', () => {
		fc.assert(
			fc.property(
				fc.integer({ min: 10, max: 120 }),
				fc.double({ min: 0, max: 1, noNaN: true }),
				fc.double({ min: 60, max: 150, noNaN: true }),
				(n, f, ips) => {
					const r = evaluerEcole([ecole(n, Math.round(f * n), ips)], modeles);
					if (r.raison === 'ips_hors_domaine') return;
					const { bas, haut } = r.intervalle!;
					expect(bas).toBeLessThanOrEqual(r.ecart!);
					expect(haut).toBeGreaterThanOrEqual(r.ecart!);
					const attendu =
						bas > 0 ? 'point_appui' : haut < 0 ? 'point_vigilance' : ('conforme' as const);
					expect(r.classement).toBe(attendu);
				}
			)
		);
	});

	it('needs a larger gap to flag a small school than a large one', () => {
		const attendu = attenduA(106);
		const gap = -0.2;
		const petite = evaluerEcole([ecole(12, Math.round(12 * (attendu + gap)))], modeles);
		const grande = evaluerEcole([ecole(90, Math.round(90 * (attendu + gap)))], modeles);
		expect(petite.classement).toBe('conforme');
		expect(grande.classement).toBe('point_vigilance');
		const largeur = (r: ResultatEcart) => r.intervalle!.haut - r.intervalle!.bas;
		expect(largeur(petite)).toBeGreaterThan(2 * largeur(grande));
	});

	it('shrinks the estimate used for ordering, the more the smaller the school', () => {
		const attendu = attenduA(106);
		const petite = evaluerEcole([ecole(12, Math.round(12 * (attendu - 0.3)))], modeles);
		const grande = evaluerEcole([ecole(90, Math.round(90 * (attendu - 0.3)))], modeles);
		expect(petite.ecart_estime!).toBeGreaterThan(petite.ecart!);
		expect(petite.ecart_estime!).toBeLessThan(0);
		const retrait = (r: ResultatEcart) => r.ecart_estime! / r.ecart!;
		expect(retrait(petite)).toBeLessThan(retrait(grande));
	});

	it('reads the share à besoins the other way round', () => {
		const attenduBesoin = ajusterModelesIps(lignesPopulation.slice(0, 1500), {
			indicateur: 'besoin'
		});
		// In the simulated population n_besoin = n − n_satisfaisant.
		const r = evaluerEcole([ecole(60, 5, 106, ANNEE, 55)], attenduBesoin, {
			indicateur: 'besoin'
		});
		expect(r.ecart!).toBeGreaterThan(0);
		expect(r.classement).toBe('point_vigilance');
	});

	it('pools up to three years for a small school, labels it, and hides the single years', () => {
		const attendu = attenduA(100);
		const lignes = [
			ecole(6, Math.round(6 * attendu), 100, ANNEE),
			ecole(3, Math.round(3 * attendu), 100, '2023-2024'),
			ecole(11, Math.round(11 * attendu), 100, '2022-2023')
		];
		const r = evaluerEcole(lignes, modeles);
		expect(r.pooled_years).toEqual(['2024-2025', '2023-2024', '2022-2023']);
		expect(r.n).toBe(20);
		expect(r.annee_scolaire).toBe(ANNEE);
		expect(r.observe.masque).toBe(false);
		expect(r.classement).not.toBe('non_classe');
		expect(r.source).toMatch(/2022-2023 à 2024-2025/);
		// 2024-2025 and 2023-2024 are masked (n < 10). Showing 2022-2023 beside the pooled figure
		// would give their sum by difference, a share on 9 pupils: it is hidden too.
		expect(r.annees_a_masquer).toEqual(['2024-2025', '2023-2024', '2022-2023']);
		// Two small years adding up to 10 or more are enough on their own.
		const suffisant = evaluerEcole([ecole(6, 3, 100), ecole(5, 2, 100, '2023-2024')], modeles);
		expect(suffisant.pooled_years).toEqual(['2024-2025', '2023-2024']);
		expect(suffisant.annees_a_masquer).toEqual(['2024-2025', '2023-2024']);
		// With one small year only, the other one would give it away: both are hidden.
		const deux = evaluerEcole([ecole(6, 3, 100, ANNEE), ecole(12, 6, 100, '2023-2024')], modeles);
		expect(deux.pooled_years).toEqual(['2024-2025', '2023-2024']);
		expect(deux.annees_a_masquer).toEqual(['2024-2025', '2023-2024']);
		const sansRegroupement = evaluerEcole(lignes, modeles, { regrouper: false });
		expect(sansRegroupement.raison).toBe('effectif_insuffisant');
	});

	it('does not pool a school that has enough pupils this year', () => {
		const r = evaluerEcole([ecole(40, 20, 100), ecole(8, 4, 100, '2023-2024')], modeles);
		expect(r.pooled_years).toBeUndefined();
		expect(r.n).toBe(40);
	});

	it('says why a school without IPS has no expectation, and still compares it', () => {
		const r = evaluerEcole([ecole(30, 12, null)], modeles);
		expect(r.classement).toBe('non_classe');
		expect(r.raison).toBe('ips_absent');
		expect(r.explication).toMatch(/IPS/);
		expect(r.observe.masque).toBe(false);
		expect(r.comparaison_population).not.toBeNull();
		expect(r.comparaison_population!.reference).toMatch(/académie de test/);
	});

	it('refuses to extrapolate outside the reference IPS range', () => {
		const r = evaluerEcole([ecole(30, 12, modele.ips_max + 5)], modeles);
		expect(r.raison).toBe('ips_hors_domaine');
		expect(
			evaluerEcole([ecole(30, 12, modele.ips_max + 5)], modeles, { marge_ips: 10 }).raison
		).toBe(undefined);
	});

	it('says when no model exists for that year', () => {
		const r = evaluerEcole([ecole(30, 12, 100, '2019-2020')], modeles);
		expect(r.raison).toBe('modele_indisponible');
		expect(r.comparaison_population).toBeNull();
	});

	it('evaluates every school × competence of a file for the requested year', () => {
		const resultats = evaluerEcoles(lignesPopulation.slice(0, 300), modeles, {
			annee_scolaire: ANNEE
		});
		expect(resultats).toHaveLength(300);
		const masques = resultats.filter((r) => r.n < 10);
		expect(masques.every((r) => r.classement === 'non_classe')).toBe(true);
	});
});

describe('comparerAReference', () => {
	const observe = { k: 30, n: 50, annee_scolaire: ANNEE, source: 'test' };

	it('compares with a published share as an exact figure', () => {
		const r = comparerAReference(observe, {
			libelle: 'France',
			annee_scolaire: ANNEE,
			source: 'DEPP',
			part: 0.486
		});
		expect(r.ecart).toBeCloseTo(0.6 - 0.486, 12);
		expect(r.position).toBe('comparable');
		// Against an exact figure the interval is the share's exact interval, shifted.
		const exact = clopperPearson(30, 50);
		expect(r.intervalle!.bas).toBeCloseTo(exact.bas - 0.486, 12);
		expect(r.intervalle!.haut).toBeCloseTo(exact.haut - 0.486, 12);
		const loin = comparerAReference(observe, {
			libelle: 'France',
			annee_scolaire: ANNEE,
			source: 'DEPP',
			part: 0.4
		});
		expect(loin.position).toBe('au_dessus');
		expect(loin.explication).toMatch(/au-dessus/);
	});

	it('includes the reference’s own sampling error when counts are given', () => {
		const exacte = comparerAReference(observe, {
			libelle: 'circo',
			annee_scolaire: ANNEE,
			source: 's',
			part: 0.5
		});
		const comptee = comparerAReference(observe, {
			libelle: 'circo',
			annee_scolaire: ANNEE,
			source: 's',
			comptes: { k: 150, n: 300 }
		});
		const largeur = (r: typeof exacte) => r.intervalle!.haut - r.intervalle!.bas;
		expect(largeur(comptee)).toBeGreaterThan(largeur(exacte));
	});

	it('takes the school out of a reference that contains it', () => {
		const r = comparerAReference(observe, {
			libelle: 'circo',
			annee_scolaire: ANNEE,
			source: 's',
			comptes: { k: 130, n: 250 },
			inclut_unite: true
		});
		expect(r.part_reference).toBeCloseTo(100 / 200, 12);
	});

	it('masks and does not compare under 10 pupils, and rejects percentages given as 0–100', () => {
		const r = comparerAReference(
			{ k: 2, n: 8, annee_scolaire: ANNEE, source: 's' },
			{ libelle: 'France', annee_scolaire: ANNEE, source: 'DEPP', part: 0.5 }
		);
		expect(r.position).toBe('non_classe');
		expect(r.observe.masque).toBe(true);
		expect(r.ecart).toBeNull();
		expect(() =>
			comparerAReference(observe, {
				libelle: 'France',
				annee_scolaire: ANNEE,
				source: 'DEPP',
				part: 48.6
			})
		).toThrow(/divis/);
	});
});
