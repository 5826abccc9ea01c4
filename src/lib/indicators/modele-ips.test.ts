import { describe, expect, it } from 'vitest';
import { creerTirage, simulerAcademie } from './calibration';
import {
	IPS_CENTRE,
	MIN_ECOLES_MODELE,
	ajusterGlmBinomial,
	ajusterModeleIps,
	ajusterModelesIps,
	cleModele,
	expit,
	gaussHermite,
	integrerEcole,
	logit,
	predire,
	type ModeleAjuste
} from './modele-ips';
import type { LigneEvaluation } from './types';

function academie(a: number, b: number, tau: number, graine: number, nb_ecoles = 1500) {
	return simulerAcademie(
		{
			a,
			b,
			tau,
			nb_ecoles,
			n_min: 5,
			n_max: 90,
			part_sans_effet: 0,
			part_avec_effet: 0,
			effets: []
		},
		creerTirage(graine)
	).map((e) => e.ligne);
}

function ajuste(lignes: LigneEvaluation[]): ModeleAjuste {
	const modele = ajusterModeleIps(lignes);
	if (modele.statut !== 'ajuste') throw new Error(modele.raison);
	return modele;
}

describe('gaussHermite', () => {
	it('integrates polynomials against e^(−t²) exactly', () => {
		const { noeuds, poids } = gaussHermite(9);
		const integrale = (f: (t: number) => number) =>
			noeuds.reduce((s, t, q) => s + poids[q] * f(t), 0);
		expect(integrale(() => 1)).toBeCloseTo(Math.sqrt(Math.PI), 12);
		expect(integrale((t) => t * t)).toBeCloseTo(Math.sqrt(Math.PI) / 2, 12);
		expect(integrale((t) => t ** 4)).toBeCloseTo((3 * Math.sqrt(Math.PI)) / 4, 12);
		expect(integrale((t) => t ** 3)).toBeCloseTo(0, 12);
	});
});

describe('integrerEcole', () => {
	it('agrees with brute-force integration over the school effect', () => {
		for (const [k, n, eta, tau] of [
			[3, 12, 0.4, 0.5],
			[58, 60, 1.8, 0.3],
			[0, 9, -0.2, 0.8],
			[45, 90, 0.1, 1.2]
		]) {
			const r = integrerEcole([k], [n], [eta], 0, 1, tau);
			// Trapezoid rule on a fine grid, same integrand (binomial coefficient dropped).
			let masse = 0;
			let m1 = 0;
			let m2 = 0;
			const pas = 0.0005;
			for (let u = -10 * tau - 5; u <= 10 * tau + 5; u += pas) {
				const p = expit(eta + u);
				const f =
					Math.exp(k * Math.log(p) + (n - k) * Math.log(1 - p) - (u * u) / (2 * tau * tau)) /
					(tau * Math.sqrt(2 * Math.PI));
				masse += f * pas;
				m1 += u * f * pas;
				m2 += u * u * f * pas;
			}
			expect(r.logL).toBeCloseTo(Math.log(masse), 5);
			expect(r.moyenne).toBeCloseTo(m1 / masse, 5);
			expect(r.variance).toBeCloseTo(m2 / masse - (m1 / masse) ** 2, 5);
		}
	});
});

describe('ajusterModeleIps', () => {
	it('recovers a known slope, intercept and between-school spread', () => {
		const a = logit(0.6);
		const b = 0.03;
		const tau = 0.4;
		const modele = ajuste(academie(a, b, tau, 11));
		expect(modele.converge).toBe(true);
		const [va, , vb] = modele.covariance;
		// Within 3 standard errors, and the standard errors are those of a 1 500-school fit.
		expect(Math.abs(modele.b - b)).toBeLessThan(3 * Math.sqrt(vb));
		expect(Math.abs(modele.a - a)).toBeLessThan(3 * Math.sqrt(va));
		expect(Math.sqrt(vb)).toBeLessThan(0.002);
		expect(modele.tau).toBeGreaterThan(0.3);
		expect(modele.tau).toBeLessThan(0.5);
		expect(modele.n_ecoles).toBe(1500);
	});

	it('is unbiased over repeated académies, and its standard errors are honest', () => {
		const b = 0.02;
		const estimations: number[] = [];
		const erreurs: number[] = [];
		for (let graine = 1; graine <= 30; graine++) {
			const modele = ajuste(academie(logit(0.8), b, 0.5, 100 + graine, 600));
			estimations.push(modele.b);
			erreurs.push(Math.sqrt(modele.covariance[2]));
		}
		const moyenne = estimations.reduce((s, x) => s + x, 0) / estimations.length;
		const dispersion = Math.sqrt(
			estimations.reduce((s, x) => s + (x - moyenne) ** 2, 0) / (estimations.length - 1)
		);
		const erreurAnnoncee = erreurs.reduce((s, x) => s + x, 0) / erreurs.length;
		expect(Math.abs(moyenne - b)).toBeLessThan((3 * dispersion) / Math.sqrt(estimations.length));
		expect(dispersion / erreurAnnoncee).toBeGreaterThan(0.7);
		expect(dispersion / erreurAnnoncee).toBeLessThan(1.4);
	});

	it('finds no between-school spread when there is none', () => {
		const modele = ajuste(academie(logit(0.5), 0.04, 0, 12));
		expect(modele.tau).toBeLessThan(0.1);
		expect(Math.abs(modele.b - 0.04)).toBeLessThan(3 * Math.sqrt(modele.covariance[2]));
	});

	it('estimates the median school’s curve, not the population average that a plain GLM gives', () => {
		// High share and large spread: the average of expit(η + u) is well below expit(η).
		const lignes = academie(logit(0.88), 0.02, 0.9, 13);
		const modele = ajuste(lignes);
		const glm = ajusterGlmBinomial(
			lignes.map((l) => l.n_satisfaisant),
			lignes.map((l) => l.n_eleves),
			lignes.map((l) => l.ips! - IPS_CENTRE)
		);
		expect(Math.abs(expit(modele.a) - 0.88)).toBeLessThan(0.01);
		expect(expit(glm.a)).toBeLessThan(0.86);
	});

	it('keeps schools without IPS in the reference population but out of the fit', () => {
		const lignes = academie(logit(0.6), 0.03, 0.3, 14, 200);
		const sansIps: LigneEvaluation = { ...lignes[0], uai: '0210001A', ips: null };
		const avec = ajuste(lignes);
		const modele = ajuste([...lignes, sansIps]);
		expect(modele.n_ecoles).toBe(200);
		expect(modele.n_ecoles_population).toBe(201);
		expect(modele.population.n).toBe(avec.population.n + sansIps.n_eleves);
		expect(modele.a).toBeCloseTo(avec.a, 10);
		expect(modele.uai_population).toContain('0210001A');
	});

	it('refuses to fit on too few schools, and says why', () => {
		const modele = ajusterModeleIps(academie(logit(0.6), 0.03, 0.3, 15, MIN_ECOLES_MODELE - 1));
		expect(modele.statut).toBe('indisponible');
		if (modele.statut === 'indisponible') expect(modele.raison).toMatch(/au moins 20/);
	});

	it('refuses to mix competences or years in one model', () => {
		const lignes = academie(logit(0.6), 0.03, 0.3, 16, 50);
		lignes[3] = { ...lignes[3], annee_scolaire: '2023-2024' };
		expect(() => ajusterModeleIps(lignes)).toThrow(/une seule compétence/);
	});

	it('fits one model per year × competence, for either indicator', () => {
		const lignes = [
			...academie(logit(0.6), 0.03, 0.3, 17, 100),
			...academie(logit(0.7), 0.02, 0.3, 18, 100).map((l) => ({ ...l, competence_id: 'AUTRE' }))
		];
		const catalogue = ajusterModelesIps(lignes, { indicateur: 'besoin', reference: 'Côte-d’Or' });
		expect([...catalogue.keys()].sort()).toEqual([
			cleModele('2024-2025', 'AUTRE', 'besoin'),
			cleModele('2024-2025', 'SIMULATION', 'besoin')
		]);
		const modele = catalogue.get(cleModele('2024-2025', 'SIMULATION', 'besoin'))!;
		expect(modele.reference).toBe('Côte-d’Or');
		// Share à besoins falls with IPS.
		expect(modele.statut === 'ajuste' && modele.b < 0).toBe(true);
	});

	it('predicts the curve and a variance that grows away from the centre', () => {
		const modele = ajuste(academie(logit(0.6), 0.03, 0.3, 19));
		const centre = predire(modele, IPS_CENTRE);
		expect(centre.part).toBeCloseTo(expit(modele.a), 12);
		expect(predire(modele, 80).part).toBeLessThan(centre.part);
		expect(predire(modele, 140).variance_logit).toBeGreaterThan(centre.variance_logit);
	});
});
