import { describe, expect, it } from 'vitest';
import { csvPlan } from '$lib/exports';
import {
	choixParDefaut,
	comparerPlans,
	estEnteteDePlan,
	fusionnerPlans,
	lireFichierPlan
} from './plan-fichier';
import type { ActionPlan, PlanFormation } from './plan.svelte';

const action = (id: string, theme: string, autres: Partial<ActionPlan> = {}): ActionPlan => ({
	id,
	annee_scolaire: '2025-2026',
	theme,
	competence_id: null,
	objectif_id: 'A4.X2.O2',
	modalite: 'formation réseau',
	public: 'Enseignants de CP',
	heures: 18,
	ecoles: ['0219086M', '0219087N'],
	formateurs: 'CPC',
	verification: 'Évaluations de septembre 2026',
	origine: 'pilote',
	besoin: null,
	modifie_le: '2025-06-01T10:00:00.000Z',
	modifie_par: 'IEN Dijon Est',
	...autres
});

const plan = (...actions: ActionPlan[]): PlanFormation => ({
	annee_debut: '2025-2026',
	actions,
	cree_le: '',
	modifie_le: ''
});

const contexte = {
	reseau_id: 'REPP-CHENOVE',
	libelle: 'REP+ Chenôve',
	ecoles: new Map([['0219086M', 'École élémentaire Claude Bernard']]),
	objectifs: new Map([['A4.X2.O2', 'Élaborer un plan de formation']])
};

const besoin = {
	competence: 'CP — Comprendre des phrases à l’oral',
	motif: 'reseau' as const,
	ecart: -0.123,
	bas: -0.157,
	haut: -0.089,
	eleves: 762,
	annees: ['2022-2023', '2023-2024', '2024-2025'],
	ecoles: ['École élémentaire Claude Bernard', 'École, dite « des Tilleuls »']
};

const original = plan(
	action('a1', '=Formule piégée', { besoin, competence_id: 'CP-FR-PHRASES-ORAL' }),
	action('a2', 'Observation croisée', {
		annee_scolaire: '2026-2027',
		modalite: 'observation croisée',
		heures: 6.5,
		public: 'CM2; 6e\n(interdegré)'
	}),
	action('a3', 'Deuxième de 2025', { origine: 'proposition', heures: null, ecoles: [] })
);
const signature = { par: 'Principal du collège', le: '2025-06-02T08:00:00.000Z' };

describe('fichier du plan', () => {
	it('relit exactement le plan qu’il a écrit, avec son besoin, son auteur et sa date', () => {
		const csv = csvPlan(original, contexte, signature);
		expect(estEnteteDePlan(csv.split('\r\n')[0])).toBe(true);
		const lu = lireFichierPlan(csv, 'REPP-CHENOVE');
		expect(lu.ok).toBe(true);
		if (!lu.ok) return;
		expect(lu.fichier).toMatchObject({
			reseau_id: 'REPP-CHENOVE',
			reseau: 'REP+ Chenôve',
			exporte_par: 'Principal du collège',
			exporte_le: '2025-06-02T08:00:00.000Z'
		});
		// Year by year in the pilots' order, as the file lists them.
		const attendu = [original.actions[0], original.actions[2], original.actions[1]];
		const relu = lu.fichier.plan.actions.map((a) => ({
			...a,
			besoin: a.besoin && { ...a.besoin, ecart: a.besoin.ecart! * 100 }
		}));
		expect(relu).toEqual(
			attendu.map((a) => ({
				...a,
				// The file keeps points to one decimal, as the pages show them.
				besoin: a.besoin && { ...a.besoin, ecart: -12.3, bas: -0.157, haut: -0.089 }
			}))
		);
	});

	it('relit un plan sans action', () => {
		const lu = lireFichierPlan(csvPlan(plan(), contexte, signature));
		expect(lu.ok && lu.fichier.plan.actions).toEqual([]);
	});

	it('refuse un fichier endommagé, d’un autre réseau ou d’une version plus récente, en français', () => {
		const csv = csvPlan(original, contexte, signature);
		const refus = (texte: string, reseau?: string) => {
			const lu = lireFichierPlan(texte, reseau);
			expect(lu.ok).toBe(false);
			return lu.ok ? '' : lu.message;
		};
		expect(refus(csv, 'REP-AUTUN')).toMatch(
			/^Ce fichier est le plan du réseau « REP\+ Chenôve » \(REPP-CHENOVE\), pas celui de ce réseau \(REP-AUTUN\).*Rien n’a été modifié\.$/
		);
		// Cut in the middle of a row (a truncated download).
		expect(refus(csv.slice(0, Math.floor(csv.length * 0.6)))).toMatch(
			/^Ce fichier de plan est endommagé \(ligne \d\) : .*Rien n’a été modifié\.$/
		);
		expect(
			refus(csv.replace(/;pilotage-plan-reseau;1\r\n/g, ';pilotage-plan-reseau;2\r\n'))
		).toMatch(/version plus récente de Pilotage \(format 2, celle-ci lit le format 1\)/);
		expect(refus(csv.replace(';formation réseau;', ';séminaire;'))).toMatch(
			/ligne 2\) : la modalité « séminaire »/
		);
		expect(refus(csv.replace(';2026-2027;', ';2031-2032;'))).toMatch(/l’année « 2031-2032 »/);
		expect(refus('uai;nom\r\n0219086M;École\r\n')).toMatch(/n’est pas un plan de formation/);
		expect(refus(csv.replace('action_id', 'identifiant'))).toMatch(/n’est pas un plan/);
		expect(estEnteteDePlan('uai;nom;type;secteur')).toBe(false);
	});
});

describe('comparer et fusionner', () => {
	const mien = plan(
		action('a1', 'Commune'),
		action('a2', 'Modifiée chez moi', { heures: 6 }),
		action('a3', 'Seulement chez moi')
	);
	const autre = plan(
		action('a1', 'Commune'),
		action('a4', 'Ajoutée par le collègue', { modifie_par: 'Coordonnateur' }),
		action('a2', 'Modifiée chez le collègue', {
			heures: 9,
			modifie_le: '2025-06-03T10:00:00.000Z'
		})
	);

	it('dit les différences action par action', () => {
		const d = comparerPlans(mien, autre);
		expect(d.map((x) => [x.id, x.nature, x.champs])).toEqual([
			['a4', 'ajoutee', []],
			['a2', 'modifiee', ['thème', 'volume horaire']],
			['a3', 'retiree', []]
		]);
		expect(d.map(choixParDefaut)).toEqual(['autre', 'autre', 'mienne']);
		expect(comparerPlans(mien, mien)).toEqual([]);
	});

	it('fusionne selon les choix, à la place que l’action a chez le collègue', () => {
		const parDefaut = fusionnerPlans(mien, autre, new Map(), 'maintenant');
		expect(parDefaut.actions.map((a) => a.theme)).toEqual([
			'Commune',
			'Ajoutée par le collègue',
			'Modifiée chez le collègue',
			'Seulement chez moi'
		]);
		const choisi = fusionnerPlans(
			mien,
			autre,
			new Map([
				['a4', 'mienne'],
				['a2', 'mienne'],
				['a3', 'autre']
			] as const),
			'maintenant'
		);
		expect(choisi.actions.map((a) => a.theme)).toEqual(['Commune', 'Modifiée chez moi']);
		// Nothing chosen from the file: this browser's plan, unchanged.
		expect(mien.actions.map((a) => a.theme)).toEqual([
			'Commune',
			'Modifiée chez moi',
			'Seulement chez moi'
		]);
	});
});
