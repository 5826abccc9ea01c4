import { describe, expect, it } from 'vitest';
import { creerTirage, simulerAcademie } from './calibration';
import { simulerCalibrationPoints } from './calibration-points';
import { evaluerEcole } from './ecart';
import { ajusterModelesIps, logit } from './modele-ips';
import {
	benjaminiHochberg,
	etablirPoints,
	evaluerFamille,
	phraseHasard,
	probabiliteSignal,
	pValeurEcart,
	resumerPoints
} from './points-etablis';
import type { LigneEvaluation } from './types';
import { clopperPearson, queueBinomiale, zBilateral } from './wilson';

describe('benjaminiHochberg', () => {
	it('rejects the r smallest p-values, r the largest rank with p(r) ≤ q·r/m', () => {
		// Sorted: 0.005 ≤ 0.01, 0.01 ≤ 0.02, 0.03 ≤ 0.03, 0.04 ≤ 0.04, 0.5 > 0.05.
		const r = benjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5], 0.05);
		expect(r.rejete).toEqual([true, true, true, true, false]);
		expect(r.nombre).toBe(4);
		expect(r.seuil).toBe(0.04);
	});

	it('steps up: a p-value above its own rank’s bound is rejected when a larger one passes', () => {
		// 0.03 > 0.05/3 and 0.04 > 0.1/3, but 0.045 ≤ 0.05: all three go.
		expect(benjaminiHochberg([0.03, 0.04, 0.045], 0.05).nombre).toBe(3);
		expect(benjaminiHochberg([0.03, 0.04, 0.06], 0.05).nombre).toBe(0);
		expect(benjaminiHochberg([], 0.1).nombre).toBe(0);
	});

	it('refuses p-values and q outside their range', () => {
		expect(() => benjaminiHochberg([1.2])).toThrow(RangeError);
		expect(() => benjaminiHochberg([0.1], 0)).toThrow(RangeError);
	});
});

describe('pValeurEcart', () => {
	it('is the exact two-sided binomial test when the expected share is known', () => {
		const attendu = 2 * queueBinomiale(15, 20, 0.5, 'superieure');
		expect(pValeurEcart(15, 20, 0.5)).toBeCloseTo(attendu, 12);
		expect(attendu).toBeCloseTo(0.041389, 5);
		// Symmetric below expected.
		expect(pValeurEcart(5, 20, 0.5)).toBeCloseTo(attendu, 12);
		expect(pValeurEcart(10, 20, 0.5)).toBe(1);
	});

	it('inverts the displayed interval: at confiance 1 − p its lower end is 0', () => {
		for (const [k, n, a, s] of [
			[30, 40, 0.5, 0.01],
			[12, 60, 0.35, 0.02],
			[80, 90, 0.7, 0.005]
		]) {
			const p = pValeurEcart(k, n, a, s);
			expect(p).toBeGreaterThan(0);
			expect(p).toBeLessThan(pValeurEcart(k, n, a, 0) * 10);
			// More uncertainty on the expected share, less evidence.
			expect(p).toBeGreaterThan(pValeurEcart(k, n, a, 0));
			const c = 1 - p;
			const cp = clopperPearson(k, n, c);
			const obs = k / n;
			const z = zBilateral(c);
			const borne =
				obs > a
					? obs - a - Math.hypot(obs - cp.bas, z * s)
					: obs - a + Math.hypot(cp.haut - obs, z * s);
			expect(Math.abs(borne)).toBeLessThan(1e-6);
		}
	});
});

describe('probabiliteSignal', () => {
	it('gives the exact size of the test: 12 pupils at 50 % can only reject 0–2 and 10–12', () => {
		// P(X ≥ 10) = 79/4096 twice; P(X ≥ 9) = 299/4096 > 0.025 is not in the region.
		expect(probabiliteSignal(12, 0.5, 0.05)).toBeCloseTo((2 * 79) / 4096, 12);
		expect(probabiliteSignal(300, 0.9, 0.05)).toBeLessThanOrEqual(0.05);
		expect(probabiliteSignal(300, 0.9, 0.05)).toBeGreaterThan(0.03);
		expect(probabiliteSignal(0, 0.5, 0.05)).toBe(0);
	});
});

function annee(a: string, graine: number, sansEffet = 1): LigneEvaluation[] {
	return simulerAcademie(
		{
			a: logit(0.6),
			b: 0.03,
			tau: 0.3,
			nb_ecoles: 1200,
			n_min: 5,
			n_max: 90,
			part_sans_effet: sansEffet,
			part_avec_effet: 0,
			effets: [],
			annee_scolaire: a
		},
		creerTirage(graine)
	).map((e) => e.ligne);
}

describe('etablirPoints on an académie without any effect', () => {
	const lignes = annee('2024-2025', 11);
	const modeles = ajusterModelesIps(lignes);
	const famille = evaluerFamille(lignes, modeles, { analyse: 'annee' });

	it('shows signals at about the per-cell rate, and establishes (almost) none', () => {
		expect(famille.nombre_tests).toBeGreaterThan(800);
		expect(famille.nombre_signaux / famille.nombre_tests).toBeLessThan(0.05);
		// All nulls: BH keeps P(any point) ≤ q, so a few at most.
		expect(famille.nombre_etablis).toBeLessThanOrEqual(2);
		// Chance alone: Σ of the cells' exact sizes, close to what is seen.
		expect(famille.signaux_par_hasard).toBeGreaterThan(famille.nombre_signaux * 0.6);
		expect(famille.signaux_par_hasard).toBeLessThan(famille.nombre_signaux * 1.6);
	});

	it('calls a signal exactly what the old classification flagged', () => {
		famille.points.forEach((p, i) => {
			const c = famille.resultats[i].classement;
			expect(p.statut === 'a_confirmer' || p.statut.startsWith('point_')).toBe(
				c === 'point_appui' || c === 'point_vigilance'
			);
			if (p.p_valeur !== null) expect(p.p_valeur).toBeLessThanOrEqual(0.05);
		});
	});

	it('says how many signals a page’s cells give by chance', () => {
		const page = famille.points.slice(0, 39);
		const resume = resumerPoints(page);
		expect(resume.nombre_tests + resume.nombre_insuffisants).toBe(39);
		expect(phraseHasard(resume)).toMatch(/^Sur \d+ compétences, (environ \d+ écarts?|moins d’un)/);
	});
});

describe('etablirPoints on a strong effect among many nulls', () => {
	it('establishes a large persistent gap in a large school', () => {
		const lignes = annee('2024-2025', 5);
		const modeles = ajusterModelesIps(lignes);
		const ecole: LigneEvaluation = { ...lignes[0], uai: '0210000X', n_eleves: 90, ips: 106 };
		const attendu = 0.6;
		const k = Math.round(90 * (attendu - 0.25));
		const forte = { ...ecole, n_satisfaisant: k, n_besoin: 90 - k, n_fragile: 0 };
		const famille = evaluerFamille([...lignes, forte], modeles, { analyse: 'annee' });
		const point = famille.points[famille.index.get('0210000X|SIMULATION')!];
		expect(point.statut).toBe('point_vigilance');
		expect(point.p_valeur!).toBeLessThan(1e-4);
		expect(famille.seuil_p).toBeGreaterThanOrEqual(point.p_valeur!);
	});

	it('refuses mixed confidence levels in one family', () => {
		const lignes = annee('2024-2025', 5).slice(0, 200);
		const modeles = ajusterModelesIps(lignes);
		const a = evaluerEcole([lignes[0]], modeles);
		const b = evaluerEcole([lignes[1]], modeles, { confiance: 0.9 });
		expect(() => etablirPoints([a, b])).toThrow();
	});
});

describe('pooling the last three years', () => {
	const lignes = [...annee('2024-2025', 21), ...annee('2023-2024', 22), ...annee('2022-2023', 23)];
	const modeles = ajusterModelesIps(lignes);
	const petite = (an: string, n: number, k: number): LigneEvaluation => ({
		...lignes[0],
		uai: '0219999Z',
		annee_scolaire: an,
		ips: 106,
		n_eleves: n,
		n_satisfaisant: k,
		n_besoin: n - k,
		n_fragile: 0
	});

	it('adds up pupils and expected shares, names the years and the pupils of each', () => {
		const ecole = [petite('2024-2025', 4, 1), petite('2023-2024', 3, 1), petite('2022-2023', 5, 2)];
		const famille = evaluerFamille([...lignes, ...ecole], modeles);
		const j = famille.index.get('0219999Z|SIMULATION')!;
		const r = famille.resultats[j];
		const point = famille.points[j];
		expect(r.n).toBe(12);
		expect(r.observe.masque).toBe(false);
		if (!r.observe.masque) expect(r.observe.k).toBe(4);
		expect(point.statut).not.toBe('insuffisant');
		expect(point.annees_cumulees).toEqual(['2024-2025', '2023-2024', '2022-2023']);
		expect(point.n_par_annee.map((a) => a.n)).toEqual([4, 3, 5]);
		// Each year alone is under 10 pupils: nothing would be read from it.
		const parAnnee = ecole.map((l) => evaluerEcole([l], modeles, { regrouper: false }));
		expect(parAnnee.every((x) => x.attendu === null)).toBe(true);
		// No year has 10 pupils: persistence cannot be read.
		expect(point.persistance).toBeNull();
		expect(r.ecarts_annuels!.every((a) => a.ecart === null)).toBe(true);
	});

	it('never classifies fewer than 10 pooled pupils', () => {
		const ecole = [petite('2024-2025', 3, 1), petite('2023-2024', 3, 3), petite('2022-2023', 3, 0)];
		const famille = evaluerFamille([...lignes, ...ecole], modeles);
		const point = famille.points[famille.index.get('0219999Z|SIMULATION')!];
		expect(point.statut).toBe('insuffisant');
		expect(point.raison).toBe('effectif_insuffisant');
	});

	it('reads persistence from the years of at least 10 pupils', () => {
		const ecole = [
			petite('2024-2025', 40, 8),
			petite('2023-2024', 40, 10),
			petite('2022-2023', 40, 35)
		];
		const famille = evaluerFamille([...lignes, ...ecole], modeles);
		const j = famille.index.get('0219999Z|SIMULATION')!;
		const r = famille.resultats[j];
		expect(r.n).toBe(120);
		const attendu =
			r.ecarts_annuels!.reduce(
				(s, a, t) => s + a.n * (ecole[t].n_satisfaisant / a.n - a.ecart!),
				0
			) / 120;
		expect(attendu).toBeCloseTo(r.attendu!, 12);
		expect(famille.points[j].persistance).toEqual({
			annees_evaluees: 3,
			meme_sens: 2,
			persistant: true
		});
	});
});

describe('simulerCalibrationPoints', () => {
	it('keeps false points under 10 % and finds about what the oracle finds (small run)', () => {
		const r = simulerCalibrationPoints({
			graine: 3,
			nb_academies: 1,
			nb_academies_3_ans: 1,
			nb_ecoles: 800,
			scenarios: [{ prevalence: 0.2, annees: 3, effet_aleatoire: false }]
		});
		const s = r.scenarios[0];
		expect(s.cumul.points.total).toBeGreaterThan(20);
		expect(s.cumul.points.signales / s.cumul.points.total).toBeLessThan(0.15);
		expect(s.vrais_pilotage).toBeGreaterThanOrEqual(0.7 * s.vrais_oracle);
		for (const b of s.cumul.bandes)
			if (b.bande.libelle === 'n < 10') expect(b.signaux.signales).toBe(0);
	});
});
