import { describe, expect, it } from 'vitest';
import {
	anneeDebutPlan,
	anneesDuPlan,
	cleDocument,
	cleStockageLocal,
	dupliquerPlan,
	effacerPlans,
	lireEnregistrement,
	MESSAGE_ECHEC_ENREGISTREMENT,
	MESSAGE_STOCKAGE_REFUSE,
	migrerPlansLocaux,
	PlanReseau,
	type BrouillonAction
} from './plan.svelte';
import { csvPlan } from '$lib/exports';
import {
	canauxEnMemoire,
	magasinEnMemoire,
	magasinRefusable,
	type MagasinDocuments
} from '$lib/stockage/documents';

const horloge = () => '2025-06-01T10:00:00.000Z';

const canalCommun = canauxEnMemoire;

/** A store whose writes can be refused (a full quota). */
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
	origine: 'pilote',
	besoin: null
});

async function ouvrir(id: string, magasin: MagasinDocuments, canal = canalCommun()()) {
	const plan = new PlanReseau(id, Promise.resolve(magasin), horloge, canal);
	await plan.charge;
	return plan;
}

describe('années du plan', () => {
	it('couvre trois années à partir de celle qui suit les évaluations', () => {
		expect(anneeDebutPlan('2024-2025')).toBe('2025-2026');
		expect(anneesDuPlan('2025-2026')).toEqual(['2025-2026', '2026-2027', '2027-2028']);
		expect(anneeDebutPlan('', new Date(2025, 9, 1))).toBe('2025-2026');
		expect(anneeDebutPlan('', new Date(2026, 2, 1))).toBe('2025-2026');
	});
});

describe('PlanReseau', () => {
	it('enregistre chaque modification dans un document par réseau et la relit', async () => {
		const { magasin } = magasinRefusable();
		const plan = await ouvrir('REPP-CHENOVE', magasin);
		expect(plan.plan).toBeNull();
		plan.demarrer('2025-2026');
		const a = plan.ajouter(brouillon('Comprendre des phrases à l’oral'));
		plan.ajouter(brouillon('Résolution de problèmes', '2026-2027'));
		await plan.enregistre();
		expect(cleDocument('REPP-CHENOVE')).toBe('plan-reseau:REPP-CHENOVE');

		const relu = await ouvrir('REPP-CHENOVE', magasin);
		expect(relu.persistant).toBe(true);
		expect(relu.alerte).toBeNull();
		expect(relu.courant).toBe('2025-2026');
		expect(relu.actionsDe('2025-2026').map((x) => x.id)).toEqual([a.id]);
		expect(relu.actionsDe('2026-2027')[0].theme).toBe('Résolution de problèmes');
		expect((await ouvrir('TER-LUZY', magasin)).plan).toBeNull();
	});

	it('signe chaque action du nom de son auteur et de sa date', async () => {
		const { magasin } = magasinRefusable();
		const plan = await ouvrir('R', magasin);
		await plan.nommerAuteur('  IEN Dijon Est ');
		plan.demarrer('2025-2026');
		plan.ajouter(brouillon('A'));
		await plan.enregistre();
		const relu = await ouvrir('R', magasin);
		expect(relu.auteur).toBe('IEN Dijon Est');
		expect(relu.plan!.actions[0]).toMatchObject({
			modifie_par: 'IEN Dijon Est',
			modifie_le: horloge()
		});
	});

	it('modifie, ordonne dans l’année et supprime', async () => {
		const plan = await ouvrir('R', magasinRefusable().magasin);
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
		await plan.enregistre();
		expect(plan.plan!.actions.map((x) => x.theme)).toEqual(['A bis', 'C']);
	});

	it('refuse une action hors des trois années ou sans thème', async () => {
		const plan = await ouvrir('R', magasinRefusable().magasin);
		expect(() => plan.ajouter(brouillon('A'))).toThrow(/demarrer/);
		plan.demarrer('2025-2026');
		expect(() => plan.ajouter(brouillon('A', '2028-2029'))).toThrow(/hors du plan/);
		expect(() => plan.ajouter(brouillon('  '))).toThrow(/thème/);
	});

	it('duplique pour l’année suivante sans toucher au plan d’origine', async () => {
		const { magasin } = magasinRefusable();
		const plan = await ouvrir('R', magasin);
		plan.demarrer('2025-2026');
		plan.ajouter(brouillon('Fini', '2025-2026'));
		const suite = plan.ajouter(brouillon('Suite', '2026-2027'));
		const copie = plan.dupliquer();
		expect(copie.annee_debut).toBe('2026-2027');
		expect(copie.actions.map((a) => a.theme)).toEqual(['Suite']);
		expect(copie.actions[0].id).not.toBe(suite.id);
		expect(plan.courant).toBe('2026-2027');
		await plan.enregistre();
		const relu = await ouvrir('R', magasin);
		expect(relu.plans.map((p) => p.annee_debut)).toEqual(['2025-2026', '2026-2027']);
		relu.choisir('2025-2026');
		expect(relu.plan!.actions).toHaveLength(2);
	});

	it('garde le plan en mémoire et le dit quand le navigateur refuse le stockage', async () => {
		const plan = await ouvrir('R', magasinEnMemoire());
		expect(plan.persistant).toBe(false);
		expect(plan.alerte).toBe(MESSAGE_STOCKAGE_REFUSE);
		plan.demarrer('2025-2026');
		plan.ajouter(brouillon('A'));
		await plan.enregistre();
		expect(plan.actionsDe('2025-2026')).toHaveLength(1);
	});

	it('signale un échec d’écriture (quota) sans perdre la modification', async () => {
		const { magasin, etat } = magasinRefusable();
		const plan = await ouvrir('R', magasin);
		plan.demarrer('2025-2026');
		await plan.enregistre();
		etat.refuser = true;
		plan.ajouter(brouillon('A'));
		await plan.enregistre();
		expect(plan.alerte).toBe(MESSAGE_ECHEC_ENREGISTREMENT);
		expect(plan.actionsDe('2025-2026')).toHaveLength(1);
		etat.refuser = false;
		plan.ajouter(brouillon('B'));
		await plan.enregistre();
		expect(plan.alerte).toBeNull();
		// The refused change was applied here only: the store has what it accepted.
		expect((await ouvrir('R', magasin)).actionsDe('2025-2026').map((a) => a.theme)).toEqual(['B']);
	});

	it('montre à l’instant le plan retenu après une comparaison, même quand le disque tarde', async () => {
		const { magasin } = magasinRefusable();
		let liberer = () => {};
		const disque = new Promise<void>((ok) => (liberer = ok));
		const lent: MagasinDocuments = {
			...magasin,
			modifier: async (cle, f) => (await disque, magasin.modifier(cle, f))
		};
		const plan = await ouvrir('R', lent);
		plan.demarrer('2025-2026');
		plan.ajouter(brouillon('Le mien'));
		const retenu = JSON.parse(JSON.stringify(plan.plan)) as ReturnType<typeof dupliquerPlan>;
		retenu.actions[0].theme = 'Celui du collègue';
		const ecriture = plan.remplacer(retenu);
		// What the pilot chose is on the page before the disk has stored it.
		expect(plan.actionsDe('2025-2026').map((a) => a.theme)).toEqual(['Celui du collègue']);
		liberer();
		await ecriture;
		expect(plan.actionsDe('2025-2026').map((a) => a.theme)).toEqual(['Celui du collègue']);
		expect((await ouvrir('R', magasin)).actionsDe('2025-2026')[0].theme).toBe('Celui du collègue');
	});

	it('ne reprend pas une lecture commencée avant une modification et finie après', async () => {
		const { magasin } = magasinRefusable();
		const canal = canalCommun();
		let retenir = false;
		let liberer = () => {};
		const lent: MagasinDocuments = {
			...magasin,
			lire: (cle) => {
				const lu = magasin.lire(cle);
				if (!retenir || cle === 'auteur') return lu;
				return new Promise((ok) => (liberer = () => ok(lu)));
			}
		};
		const ici = await ouvrir('R', lent, canal());
		const ailleurs = await ouvrir('R', magasin, canal());
		// Another tab starts the plan: this tab reads it again, and that read is slow.
		retenir = true;
		ailleurs.demarrer('2025-2026');
		await ailleurs.enregistre();
		await new Promise((ok) => setTimeout(ok, 0));
		// Meanwhile this tab adds an action, stored at once.
		retenir = false;
		ici.demarrer('2025-2026');
		ici.ajouter(brouillon('Ajoutée ici'));
		await ici.enregistre();
		expect(ici.actionsDe('2025-2026').map((a) => a.theme)).toEqual(['Ajoutée ici']);
		// The slow read, taken before the action was stored, ends: it must not wipe the action.
		liberer();
		await new Promise((ok) => setTimeout(ok, 0));
		expect(ici.actionsDe('2025-2026').map((a) => a.theme)).toEqual(['Ajoutée ici']);
	});

	it('deux onglets : chacun garde les modifications de l’autre et les voit', async () => {
		const { magasin } = magasinRefusable();
		const canal = canalCommun();
		const onglet1 = await ouvrir('R', magasin, canal());
		const onglet2 = await ouvrir('R', magasin, canal());
		onglet1.demarrer('2025-2026');
		await onglet1.enregistre();
		await new Promise((ok) => setTimeout(ok, 0));
		expect(onglet2.plan?.annee_debut).toBe('2025-2026');
		// Both write at once: one transaction after the other, neither change is lost.
		onglet1.ajouter(brouillon('Du premier'));
		onglet2.ajouter(brouillon('Du second'));
		await Promise.all([onglet1.enregistre(), onglet2.enregistre()]);
		await new Promise((ok) => setTimeout(ok, 0));
		const themes = (p: PlanReseau) => p.plan!.actions.map((a) => a.theme).sort();
		expect(themes(onglet1)).toEqual(['Du premier', 'Du second']);
		expect(themes(onglet2)).toEqual(['Du premier', 'Du second']);
	});
});

describe('migrerPlansLocaux', () => {
	function stockageLocal(m: Map<string, string>) {
		return {
			get length() {
				return m.size;
			},
			key: (i: number) => [...m.keys()][i] ?? null,
			getItem: (cle: string) => m.get(cle) ?? null,
			removeItem: (cle: string) => void m.delete(cle)
		};
	}
	const ancien = JSON.stringify({
		version: 1,
		reseau_id: 'REPP-CHENOVE',
		courant: '2025-2026',
		plans: [
			{
				annee_debut: '2025-2026',
				actions: [{ ...brouillon('Gardée'), id: 'x', besoin: undefined }],
				cree_le: '',
				modifie_le: ''
			}
		]
	});

	it('déplace une fois les plans de localStorage vers IndexedDB, sans perte', async () => {
		const { magasin } = magasinRefusable();
		const m = new Map([
			[cleStockageLocal('REPP-CHENOVE'), ancien],
			[cleStockageLocal('ILLISIBLE'), '{pas du json'],
			['autre-application', 'x']
		]);
		expect(await migrerPlansLocaux(magasin, stockageLocal(m))).toEqual(['REPP-CHENOVE']);
		// The unreadable one stays where it was: nothing is lost.
		expect([...m.keys()]).toEqual([cleStockageLocal('ILLISIBLE'), 'autre-application']);
		const plan = await ouvrir('REPP-CHENOVE', magasin);
		expect(plan.plan!.actions.map((a) => [a.id, a.theme, a.besoin])).toEqual([
			['x', 'Gardée', null]
		]);
		// A second run has nothing left to move and keeps what IndexedDB holds.
		expect(await migrerPlansLocaux(magasin, stockageLocal(m))).toEqual([]);
	});

	it('ne remplace pas un plan qu’un autre onglet a déjà déplacé', async () => {
		const { magasin } = magasinRefusable();
		const plan = await ouvrir('REPP-CHENOVE', magasin);
		plan.demarrer('2026-2027');
		await plan.enregistre();
		const m = new Map([[cleStockageLocal('REPP-CHENOVE'), ancien]]);
		await migrerPlansLocaux(magasin, stockageLocal(m));
		expect((await ouvrir('REPP-CHENOVE', magasin)).plans.map((p) => p.annee_debut)).toEqual([
			'2026-2027'
		]);
	});

	it('ne touche à rien quand le navigateur refuse IndexedDB', async () => {
		const m = new Map([[cleStockageLocal('REPP-CHENOVE'), ancien]]);
		expect(await migrerPlansLocaux(magasinEnMemoire(), stockageLocal(m))).toEqual([]);
		expect(m.size).toBe(1);
	});
});

describe('lireEnregistrement', () => {
	it('écarte ce qui n’a pas la forme attendue, action par action', () => {
		const brut = {
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
		};
		const e = lireEnregistrement(brut, 'R');
		expect(e.plans).toHaveLength(1);
		expect(e.courant).toBe('2025-2026');
		expect(e.plans[0].actions.map((a) => a.theme)).toEqual(['Bonne', 'Modalité inconnue']);
		expect(e.plans[0].actions[1]).toMatchObject({ modalite: 'formation réseau', heures: null });
		expect(lireEnregistrement(brut, 'AUTRE').plans).toEqual([]);
		// A record from a newer version is not read as if it were this one's.
		expect(lireEnregistrement({ ...brut, version: 99 }, 'R').plans).toEqual([]);
	});
});

describe('exports', () => {
	it('écrit un CSV pour Excel, avec les écoles et l’objectif en toutes lettres, sans formule', () => {
		const signe = { modifie_le: '', modifie_par: '' };
		const plan = dupliquerPlan(
			{
				annee_debut: '2024-2025',
				actions: [
					{ ...brouillon('=HYPERLINK("x")', '2025-2026'), ...signe, id: '1' },
					{ ...brouillon('Deuxième', '2025-2026'), ...signe, id: '2', origine: 'proposition' }
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
	it('retire les plans de tous les réseaux, et rien d’autre', async () => {
		const { magasin } = magasinRefusable();
		await magasin.modifier(cleDocument('REP-AUTUN'), () => ({}));
		await magasin.modifier('auteur', () => 'moi');
		const m = new Map<string, string>([
			[cleStockageLocal('REPP-CHENOVE'), '{}'],
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
		expect(await effacerPlans(Promise.resolve(magasin), stockage as Storage)).toBe(1);
		expect([...m.keys()]).toEqual(['autre-application']);
		expect(await magasin.lire(cleDocument('REP-AUTUN'))).toBeUndefined();
		expect(await magasin.lire('auteur')).toBe('moi');
	});
});
