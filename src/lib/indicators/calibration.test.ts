import { describe, expect, it } from 'vitest';
import { simulerCalibration } from './calibration';

describe('simulerCalibration', () => {
	const resultat = simulerCalibration({ graine: 7, nb_academies: 8, nb_ecoles: 1200 });

	it('keeps false alarms at or under 5 % in every size band (up to simulation noise)', () => {
		for (const ligne of resultat.lignes) {
			const { signales, total } = ligne.pilotage.fausses_alertes;
			expect(total).toBeGreaterThan(200);
			// 5 % plus three binomial standard errors of the simulation.
			expect(signales / total).toBeLessThanOrEqual(0.05 + 3 * Math.sqrt((0.05 * 0.95) / total));
		}
	});

	it('finds large effects in large schools, almost never on the wrong side', () => {
		const grande = resultat.lignes.find((l) => l.bande.libelle === '> 30')!;
		expect(grande.pilotage.detection['15'].taux).toBeGreaterThan(0.45);
		expect(grande.pilotage.detection['10'].taux).toBeGreaterThan(
			grande.pilotage.detection['5'].taux
		);
		for (const l of resultat.lignes) {
			for (const t of Object.values(l.pilotage.contresens)) expect(t.taux).toBeLessThan(0.01);
		}
	});

	it('shows what the fixed ±7-point band does to small schools', () => {
		const petite = resultat.lignes.find((l) => l.bande.libelle === 'n < 15')!;
		expect(petite.bande_fixe.fausses_alertes.taux).toBeGreaterThan(0.3);
	});

	it('never classifies a school under 10 pupils', () => {
		const sousDix = simulerCalibration({
			graine: 3,
			nb_academies: 2,
			nb_ecoles: 600,
			n_min: 5,
			n_max: 9,
			bandes: [{ libelle: '5–9', min: 0, max: 9 }]
		});
		const m = sousDix.lignes[0].pilotage;
		expect(m.fausses_alertes.total).toBeGreaterThan(100);
		expect(m.fausses_alertes.signales).toBe(0);
		for (const t of Object.values(m.detection)) expect(t.signales).toBe(0);
	});

	it('is deterministic for a given seed', () => {
		const a = simulerCalibration({ graine: 99, nb_academies: 1, nb_ecoles: 300 });
		const b = simulerCalibration({ graine: 99, nb_academies: 1, nb_ecoles: 300 });
		const c = simulerCalibration({ graine: 100, nb_academies: 1, nb_ecoles: 300 });
		expect(a).toEqual(b);
		expect(a).not.toEqual(c);
	});
});
