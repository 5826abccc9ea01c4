import { describe, expect, it } from 'vitest';
import { agregerGroupe, agregerParCompetence, cumulerAgregats } from './agregats';
import { creerTirage, simulerAcademie } from './calibration';
import { ajusterModelesIps, cleModele, logit, predire, type ModeleAjuste } from './modele-ips';
import type { LigneEvaluation } from './types';
import { wilson } from './wilson';

const ANNEE = '2024-2025';
const population = simulerAcademie(
	{
		a: logit(0.6),
		b: 0.03,
		tau: 0.35,
		nb_ecoles: 1500,
		n_min: 5,
		n_max: 90,
		part_sans_effet: 0,
		part_avec_effet: 0,
		effets: []
	},
	creerTirage(7)
).map((e) => e.ligne);
const modeles = ajusterModelesIps(population);
const modele = modeles.get(cleModele(ANNEE, 'SIMULATION')) as ModeleAjuste;

function membre(uai: string, n: number, ecart: number, ips: number | null = 90): LigneEvaluation {
	const attendu = predire(modele, ips ?? 106).part;
	const k = Math.max(0, Math.min(n, Math.round(n * (attendu + ecart))));
	return {
		uai,
		annee_scolaire: ANNEE,
		niveau: 'CE1',
		discipline: 'MA',
		competence_id: 'SIMULATION',
		n_eleves: n,
		n_besoin: n - k,
		n_fragile: 0,
		n_satisfaisant: k,
		ips
	};
}

describe('agregerGroupe', () => {
	const reseau = [
		membre('A', 60, -0.35),
		membre('B', 45, -0.12),
		membre('C', 30, 0),
		membre('D', 7, -0.4),
		membre('E', 25, 0.05, null)
	];
	const r = agregerGroupe(reseau, modeles, { libelle: 'REP+ test' });

	it('pools the counts of the member schools, with a Wilson interval', () => {
		const n = reseau.reduce((s, l) => s + l.n_eleves, 0);
		const k = reseau.reduce((s, l) => s + l.n_satisfaisant, 0);
		expect(r.n).toBe(n);
		expect(r.nb_ecoles).toBe(5);
		expect(r.observe).toEqual({ masque: false, n, k, part: k / n, intervalle: wilson(k, n) });
		expect(r.annee_scolaire).toBe(ANNEE);
		expect(r.source).toMatch(/REP\+ test/);
	});

	it('compares the members with an IPS with their pooled expectation', () => {
		const avecIps = reseau.filter((l) => l.ips !== null);
		const nIps = avecIps.reduce((s, l) => s + l.n_eleves, 0);
		const attendu =
			avecIps.reduce((s, l) => s + l.n_eleves * predire(modele, l.ips!).part, 0) / nIps;
		expect(r.attendu).toBeCloseTo(attendu, 12);
		expect(r.nb_ecoles_avec_ips).toBe(4);
		expect(r.n_avec_ips).toBe(nIps);
		expect(r.classement).toBe('point_vigilance');
		expect(r.intervalle!.haut).toBeLessThan(0);
		expect(r.explication).toMatch(/4 écoles sur 5/);
	});

	it('counts member schools by classification, never below 10 pupils', () => {
		expect(r.membres.point_vigilance).toBe(1);
		expect(r.membres.non_classe).toBe(2);
		expect(r.membres.non_classe_par_raison).toEqual({ effectif_insuffisant: 1, ips_absent: 1 });
		expect(
			r.membres.point_appui + r.membres.point_vigilance + r.membres.conforme + r.membres.non_classe
		).toBe(5);
		const petite = r.resultats_membres.find((m) => m.uai === 'D')!;
		expect(petite.classement).toBe('non_classe');
	});

	it('hides the smallest other member so that the small one is not the total minus the rest', () => {
		expect(r.masquage.primaires).toEqual(['D']);
		expect(r.masquage.secondaires).toEqual(['E']);
		expect(r.masquage.total_masque).toBe(false);
	});

	it('masks a group of fewer than 10 pupils entirely', () => {
		const petit = agregerGroupe([membre('X', 4, 0), membre('Y', 5, 0)], modeles, {
			libelle: 'RPI'
		});
		expect(petit.observe.masque).toBe(true);
		expect(petit.classement).toBe('non_classe');
		expect(petit.raison).toBe('effectif_insuffisant');
		expect(petit.ecart).toBeNull();
	});

	it('finds the shared weakness of a network whose schools are each too small to flag', () => {
		const ecoles = ['P', 'Q', 'R', 'S', 'T', 'U', 'V', 'W'].map((uai) => membre(uai, 14, -0.2));
		const g = agregerGroupe(ecoles, modeles, { libelle: 'TER' });
		expect(g.membres.point_vigilance).toBe(0);
		expect(g.classement).toBe('point_vigilance');
	});

	it('works competence by competence', () => {
		const lignes = [...reseau, ...reseau.map((l) => ({ ...l, competence_id: 'AUTRE' }))];
		const resultats = agregerParCompetence(lignes, modeles, { libelle: 'REP+ test' });
		expect(resultats.map((x) => x.competence_id)).toEqual(['SIMULATION', 'AUTRE']);
		expect(resultats[1].raison).toBe('modele_indisponible');
		expect(resultats[1].observe.masque).toBe(false);
	});
});

describe('cumulerAgregats', () => {
	it('additionne les élèves des années, pondère l’attendu par leurs élèves et classe le cumul', () => {
		// The same group three times (one model here): the same gap, three times the pupils, a
		// narrower interval.
		const groupe = [membre('A', 30, -0.1), membre('B', 30, -0.1)];
		const annee = agregerGroupe(groupe, modeles, {
			libelle: 'réseau',
			annee_scolaire: ANNEE,
			evaluer_membres: false
		});
		expect(annee.resultats_membres).toEqual([]);
		const cumul = cumulerAgregats([annee, annee, annee]);
		expect(cumul.n).toBe(3 * annee.n_avec_ips);
		expect(cumul.observe).toMatchObject({ masque: false, k: 3 * annee.k_avec_ips! });
		expect(cumul.attendu).toBeCloseTo(annee.attendu!, 12);
		expect(cumul.ecart).toBeCloseTo(annee.ecart!, 12);
		const largeur = (i: { bas: number; haut: number }) => i.haut - i.bas;
		expect(largeur(cumul.intervalle!)).toBeLessThan(largeur(annee.intervalle!));
		expect(cumul.ecarts_annuels).toHaveLength(3);
		// Not classified when the reported year has no expectation.
		const sansModele = agregerGroupe(
			groupe.map((l) => ({ ...l, ips: null })),
			modeles,
			{ libelle: 'réseau', annee_scolaire: ANNEE, evaluer_membres: false }
		);
		expect(cumulerAgregats([sansModele, annee]).classement).toBe('non_classe');
	});
});
