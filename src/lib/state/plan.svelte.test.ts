import { describe, expect, it } from 'vitest';
import {
	anneeDebutPlan,
	anneesDuPlan,
	cleStockage,
	dupliquerPlan,
	effacerPlans,
	lireEnregistrement,
	MESSAGE_ECHEC_ENREGISTREMENT,
	MESSAGE_PLAN_ILLISIBLE,
	MESSAGE_STOCKAGE_REFUSE,
	PlanReseau,
	type BrouillonAction,
	type Stockage
} from './plan.svelte';
import { csvPlan } from '$lib/exports';

class Memoire implements Stockage {
	donnees = new Map<string, string>();
	refuserEcriture = false;
	getItem(cle: string) {
		return this.donnees.get(cle) ?? null;
	}
	setItem(cle: string, valeur: string) {
		if (this.refuserEcriture) throw new DOMException('plein', 'QuotaExceededError');
		this.donnees.set(cle, valeur);
	}
}

const horloge = () => '2025-06-01T10:00:00.000Z';

const brouillon = (theme: string, annee = '2025-2026'): BrouillonAction => ({
	annee_scolaire: annee,
	theme,
	competence_id: null,
	objectif_id: 'A4.X2.O2',
	modalite: 'formation réseau',
	public: 'Enseignants de CP',
	heures: 18,
	ecoles: ['0219086M'],
	formateurs: 'CPC',
	verification: 'Évaluations de septembre 2026',
	origine: 'pilote'
});

describe('années du plan', () => {
	it('couvre trois années à partir de celle qui suit les évaluations', () => {
		expect(anneeDebutPlan('2024-2025')).toBe('2025-2026');
		expect(anneesDuPlan('2025-2026')).toEqual(['2025-2026', '2026-2027', '2027-2028']);
		expect(anneeDebutPlan('', new Date(2025, 9, 1))).toBe('2025-2026');
		expect(anneeDebutPlan('', new Date(2026, 2, 1))).toBe('2025-2026');
	});
});

describe('PlanReseau', () => {
	it('enregistre chaque modification sous une clé versionnée par réseau et la relit', () => {
		const stockage = new Memoire();
		const plan = new PlanReseau('REPP-CHENOVE', stockage, horloge);
		expect(plan.plan).toBeNull();
		plan.demarrer('2025-2026');
		const a = plan.ajouter(brouillon('Comprendre des phrases à l’oral'));
		plan.ajouter(brouillon('Résolution de problèmes', '2026-2027'));
		expect(cleStockage('REPP-CHENOVE')).toBe('pilotage:plan-reseau:v1:REPP-CHENOVE');
		expect([...stockage.donnees.keys()]).toEqual(['pilotage:plan-reseau:v1:REPP-CHENOVE']);

		const relu = new PlanReseau('REPP-CHENOVE', stockage, horloge);
		expect(relu.persistant).toBe(true);
		expect(relu.alerte).toBeNull();
		expect(relu.courant).toBe('2025-2026');
		expect(relu.actionsDe('2025-2026').map((x) => x.id)).toEqual([a.id]);
		expect(relu.actionsDe('2026-2027')[0].theme).toBe('Résolution de problèmes');
		expect(new PlanReseau('TER-LUZY', stockage, horloge).plan).toBeNull();
	});

	it('modifie, ordonne dans l’année et supprime', () => {
		const plan = new PlanReseau('R', new Memoire(), horloge);
		plan.demarrer('2025-2026');
		const a = plan.ajouter(brouillon('A'));
		const b = plan.ajouter(brouillon('B', '2026-2027'));
		const c = plan.ajouter(brouillon('C'));
		plan.deplacer(c.id, -1);
		expect(plan.actionsDe('2025-2026').map((x) => x.theme)).toEqual(['C', 'A']);
		plan.deplacer(c.id, -1);
		expect(plan.actionsDe('2025-2026').map((x) => x.theme)).toEqual(['C', 'A']);
		plan.modifier(a.id, { ...brouillon('A bis'), heures: 6 });
		expect(plan.actionsDe('2025-2026').map((x) => x.theme)).toEqual(['C', 'A bis']);
		plan.modifier(c.id, brouillon('C', '2026-2027'));
		expect(plan.actionsDe('2026-2027').map((x) => x.id)).toEqual([b.id, c.id]);
		plan.supprimer(b.id);
		expect(plan.plan!.actions.map((x) => x.theme)).toEqual(['A bis', 'C']);
	});

	it('refuse une action hors des trois années ou sans thème', () => {
		const plan = new PlanReseau('R', new Memoire(), horloge);
		expect(() => plan.ajouter(brouillon('A'))).toThrow(/demarrer/);
		plan.demarrer('2025-2026');
		expect(() => plan.ajouter(brouillon('A', '2028-2029'))).toThrow(/hors du plan/);
		expect(() => plan.ajouter(brouillon('  '))).toThrow(/thème/);
	});

	it('duplique pour l’année suivante sans toucher au plan d’origine', () => {
		const stockage = new Memoire();
		const plan = new PlanReseau('R', stockage, horloge);
		plan.demarrer('2025-2026');
		plan.ajouter(brouillon('Fini', '2025-2026'));
		const suite = plan.ajouter(brouillon('Suite', '2026-2027'));
		const copie = plan.dupliquer();
		expect(copie.annee_debut).toBe('2026-2027');
		expect(copie.actions.map((a) => a.theme)).toEqual(['Suite']);
		expect(copie.actions[0].id).not.toBe(suite.id);
		expect(plan.courant).toBe('2026-2027');
		const relu = new PlanReseau('R', stockage, horloge);
		expect(relu.plans.map((p) => p.annee_debut)).toEqual(['2025-2026', '2026-2027']);
		relu.choisir('2025-2026');
		expect(relu.plan!.actions).toHaveLength(2);
	});

	it('garde le plan en mémoire et le dit quand le navigateur refuse le stockage', () => {
		const plan = new PlanReseau('R', null, horloge);
		expect(plan.persistant).toBe(false);
		expect(plan.alerte).toBe(MESSAGE_STOCKAGE_REFUSE);
		plan.demarrer('2025-2026');
		plan.ajouter(brouillon('A'));
		expect(plan.actionsDe('2025-2026')).toHaveLength(1);

		const refus: Stockage = {
			getItem() {
				throw new DOMException('refusé', 'SecurityError');
			},
			setItem() {
				throw new DOMException('refusé', 'SecurityError');
			}
		};
		const plan2 = new PlanReseau('R', refus, horloge);
		expect(plan2.persistant).toBe(false);
		expect(plan2.alerte).toBe(MESSAGE_STOCKAGE_REFUSE);
	});

	it('signale un échec d’écriture (quota) sans perdre la modification', () => {
		const stockage = new Memoire();
		const plan = new PlanReseau('R', stockage, horloge);
		plan.demarrer('2025-2026');
		stockage.refuserEcriture = true;
		plan.ajouter(brouillon('A'));
		expect(plan.alerte).toBe(MESSAGE_ECHEC_ENREGISTREMENT);
		expect(plan.actionsDe('2025-2026')).toHaveLength(1);
		stockage.refuserEcriture = false;
		plan.ajouter(brouillon('B'));
		expect(plan.alerte).toBeNull();
		expect(new PlanReseau('R', stockage, horloge).actionsDe('2025-2026')).toHaveLength(2);
	});

	it('ne reprend pas un enregistrement illisible, et le dit', () => {
		const stockage = new Memoire();
		stockage.setItem(cleStockage('R'), '{pas du json');
		const plan = new PlanReseau('R', stockage, horloge);
		expect(plan.alerte).toBe(MESSAGE_PLAN_ILLISIBLE);
		expect(plan.persistant).toBe(true);
		expect(plan.plans).toEqual([]);
	});
});

describe('lireEnregistrement', () => {
	it('écarte ce qui n’a pas la forme attendue, action par action', () => {
		const texte = JSON.stringify({
			version: 1,
			reseau_id: 'R',
			courant: '2030-2031',
			plans: [
				{
					annee_debut: '2025-2026',
					actions: [
						{ ...brouillon('Bonne'), id: 'x' },
						{ ...brouillon('Hors plan', '2029-2030'), id: 'y' },
						{ id: 'z', theme: 'Sans année' },
						{ ...brouillon('Modalité inconnue'), id: 'w', modalite: 'autre', heures: 'beaucoup' }
					]
				},
				{ annee_debut: '2025' },
				null
			]
		});
		const e = lireEnregistrement(texte, 'R');
		expect(e.plans).toHaveLength(1);
		expect(e.courant).toBe('2025-2026');
		expect(e.plans[0].actions.map((a) => a.theme)).toEqual(['Bonne', 'Modalité inconnue']);
		expect(e.plans[0].actions[1]).toMatchObject({ modalite: 'formation réseau', heures: null });
		expect(lireEnregistrement(texte, 'AUTRE').plans).toEqual([]);
		expect(lireEnregistrement(JSON.stringify({ version: 2, reseau_id: 'R' }), 'R').plans).toEqual(
			[]
		);
	});
});

describe('exports', () => {
	it('écrit un CSV pour Excel, avec les écoles et l’objectif en toutes lettres, sans formule', () => {
		const plan = dupliquerPlan(
			{
				annee_debut: '2024-2025',
				actions: [
					{ ...brouillon('=HYPERLINK("x")', '2025-2026'), id: '1' },
					{ ...brouillon('Deuxième', '2025-2026'), id: '2', origine: 'proposition' }
				],
				cree_le: '',
				modifie_le: ''
			},
			horloge()
		);
		const csv = csvPlan(plan, {
			reseau_id: 'REPP-CHENOVE',
			libelle: 'REP+ Chenôve',
			ecoles: new Map([['0219086M', 'École élémentaire Claude Bernard']]),
			objectifs: new Map([['A4.X2.O2', 'Élaborer un plan de formation à l’échelle du réseau']])
		});
		expect(csv.startsWith('\ufeffreseau_id;reseau;plan;annee_scolaire;ordre;theme;')).toBe(true);
		const lignes = csv.trimEnd().split('\r\n');
		expect(lignes).toHaveLength(3);
		expect(lignes[1]).toContain(`;1;"'=HYPERLINK(""x"")";`);
		expect(lignes[2]).toContain(
			'REPP-CHENOVE;REP+ Chenôve;2025-2026 à 2027-2028;2025-2026;2;Deuxième;'
		);
		expect(lignes[2]).toContain('0219086M;École élémentaire Claude Bernard;');
		expect(lignes[2]).toContain('Élaborer un plan de formation');
		expect(lignes[2]).toContain('proposée par Pilotage');
	});
});

describe('effacerPlans', () => {
	it('retire les plans de tous les réseaux, et rien d’autre', () => {
		const m = new Map<string, string>([
			[cleStockage('REP-AUTUN'), '{}'],
			[cleStockage('REPP-CHENOVE'), '{}'],
			['pilotage:plan-reseau:v0:REP-AUTUN', '{}'],
			['autre-application', 'x']
		]);
		const stockage = {
			get length() {
				return m.size;
			},
			key: (i: number) => [...m.keys()][i] ?? null,
			removeItem: (cle: string) => void m.delete(cle)
		};
		expect(effacerPlans(stockage)).toBe(3);
		expect([...m.keys()]).toEqual(['autre-application']);
		expect(effacerPlans(null)).toBe(0);
	});
});
