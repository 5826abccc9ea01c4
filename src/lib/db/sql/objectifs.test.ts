import { beforeAll, describe, expect, it } from 'vitest';
import { moteurDemoNode } from '$lib/import/demo-node';
import type { LigneObjectifs } from '$lib/pages/academie/objectifs';
import type { Moteur } from '../types';
import { evaluationsObjectifs, formationsObjectifs } from './objectifs';

/** The académie's figures for the objectives of the projet, on the demo académie as the browser loads it. */
let moteur: Moteur;

beforeAll(async () => {
	moteur = await moteurDemoNode((f) => !f.startsWith('eleves-'));
}, 120_000);

type Ligne = LigneObjectifs;

describe('SQL des objectifs du projet sur la page de l’académie', () => {
	it('donne, par année et compétence, les élèves de l’académie, leur IPS moyen et la part de la France', async () => {
		const lignes = await moteur.lignes<Ligne>(evaluationsObjectifs());
		// 5 years of the demo: 3 with CP and CE1 only, 2 with CM1 too.
		const annees = new Set(lignes.map((l) => l.annee_scolaire));
		expect(annees.size).toBe(5);
		const cle = new Set(lignes.map((l) => `${l.annee_scolaire}|${l.competence_id}`));
		expect(cle.size).toBe(lignes.length);
		const phonemes = lignes.find(
			(l) => l.annee_scolaire === '2024-2025' && l.competence_id === 'CP-FR-PHONEMES'
		)!;
		// The pooled counts are those of the evaluations table, summed.
		const [total] = await moteur.lignes<{ n: number; k: number; ecoles: number }>({
			sql: `SELECT sum(n_eleves)::INTEGER AS n, sum(n_satisfaisant)::INTEGER AS k,
				count(DISTINCT uai) FILTER (WHERE n_eleves > 0)::INTEGER AS ecoles
				FROM evaluation WHERE annee_scolaire = '2024-2025' AND competence_id = 'CP-FR-PHONEMES'`,
			params: []
		});
		expect(phonemes).toMatchObject({
			n_eleves: total.n,
			n_satisfaisant: total.k,
			nb_ecoles: total.ecoles
		});
		expect(phonemes.n_avec_ips).toBeGreaterThan(0.9 * phonemes.n_eleves);
		expect(phonemes.n_avec_ips).toBeLessThanOrEqual(phonemes.n_eleves);
		// A mean IPS of real schools, and the published French share in percent.
		expect(phonemes.ips_moyen).toBeGreaterThan(85);
		expect(phonemes.ips_moyen).toBeLessThan(125);
		expect(phonemes.part_france).toBeGreaterThan(50);
		expect(phonemes.part_france).toBeLessThan(100);
		expect(lignes.every((l) => l.part_france !== null)).toBe(true);
	}, 60_000);

	it('compte la formation par année et thème, et toutes formations, chaque enseignant une fois, séparée par éducation prioritaire', async () => {
		interface F {
			annee_scolaire: string;
			theme: string | null;
			tous_themes: boolean;
			education_prioritaire: string | null;
			heures: number;
			participants: number;
		}
		const lignes = await moteur.lignes<F>(formationsObjectifs());
		const [brut] = await moteur.lignes<{ agents: number; heures: number; agents_repp: number }>({
			sql: `SELECT count(DISTINCT agent_id)::INTEGER AS agents, sum(duree_h)::DOUBLE AS heures,
				count(DISTINCT agent_id) FILTER (WHERE uai_ecole IN (SELECT uai FROM ecole WHERE education_prioritaire = 'REP+'))::INTEGER AS agents_repp
				FROM formation WHERE annee_scolaire = '2024-2025' AND coalesce(presence, 1) = 1`,
			params: []
		});
		const toutes = lignes.filter((l) => l.annee_scolaire === '2024-2025' && l.tous_themes);
		expect(toutes.reduce((s, l) => s + l.participants, 0)).toBe(brut.agents);
		expect(toutes.reduce((s, l) => s + l.heures, 0)).toBeCloseTo(brut.heures, 6);
		expect(toutes.find((l) => l.education_prioritaire === 'REP+')?.participants).toBe(
			brut.agents_repp
		);
		expect(brut.agents_repp).toBeGreaterThan(0);
		// The REP+ network's own training (« formation réseau ») is followed in REP+ schools only.
		const parTheme = lignes.filter((l) => l.annee_scolaire === '2024-2025' && !l.tous_themes);
		expect(parTheme.every((l) => l.theme !== null)).toBe(true);
		// A free theme is named by itself, a competence by its label.
		const libelles = new Map(
			lignes.map((l) => [l.theme, (l as F & { theme_libelle: string | null }).theme_libelle])
		);
		expect(libelles.get('Langage oral au cycle 1')).toBeNull();
		expect(libelles.get('CP-FR-PHONEMES')).toBe('Manipuler des phonèmes');
		expect(parTheme.reduce((s, l) => s + l.heures, 0)).toBeCloseTo(brut.heures, 6);
	}, 60_000);
});
