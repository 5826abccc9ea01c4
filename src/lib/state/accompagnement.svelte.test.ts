import { describe, expect, it } from 'vitest';
import type { ElementsDiagnostic } from '$lib/pages/circonscription/accompagnement';
import { canauxEnMemoire, magasinEnMemoire } from '$lib/stockage/documents';
import {
	Accompagnements,
	CLE_ACCOMPAGNEMENTS,
	diagnosticPreRempli,
	lireAccompagnements,
	nouvelAccompagnement
} from './accompagnement.svelte';

const ELEMENTS: ElementsDiagnostic = {
	uai: '0211234A',
	ecole: 'École élémentaire Jean Macé',
	commune: 'Dijon',
	circonscription: '0217006B',
	appuis: [{ competence_id: 'CP_FR_1', libelle: 'CP français — Lire', detail: '+8 points' }],
	vigilances: [{ competence_id: 'CE1_MA_2', libelle: 'CE1 maths — Calculer', detail: '−9 points' }],
	signaux: [
		{
			competence_id: 'CE1_FR_3',
			libelle: 'CE1 français — Écrire',
			detail: '−5 points',
			sens: 'en dessous'
		}
	],
	competences: [
		{ competence_id: 'CP_FR_1', libelle: 'CP français — Lire' },
		{ competence_id: 'CE1_MA_2', libelle: 'CE1 maths — Calculer' }
	]
};

const canalCommun = canauxEnMemoire;

describe('diagnostic prérempli', () => {
	it('met les points établis dans le diagnostic et les signaux à part, jamais appelés points', () => {
		const { diagnostic, signaux } = diagnosticPreRempli(ELEMENTS);
		expect(diagnostic).toContain('Points d’appui établis :\n- CP français — Lire (+8 points)');
		expect(diagnostic).toContain(
			'Points de vigilance établis :\n- CE1 maths — Calculer (−9 points)'
		);
		expect(diagnostic).not.toContain('Écrire');
		expect(signaux).toContain('CE1 français — Écrire, en dessous de l’attendu (−5 points)');
		expect(signaux).toContain('ce ne sont pas des points');
		expect(signaux).not.toMatch(/point de vigilance|point d’appui/i);
	});

	it('dit qu’il n’y a aucun point établi, et laisse les signaux vides s’il n’y en a pas', () => {
		const r = diagnosticPreRempli({ ...ELEMENTS, appuis: [], vigilances: [], signaux: [] });
		expect(r).toEqual({ diagnostic: 'Aucun point d’appui ni de vigilance établi.', signaux: '' });
	});
});

describe('accompagnements gardés', () => {
	it('signe chaque élément changé du nom de ce navigateur, et lui seul', async () => {
		const magasin = { ...magasinEnMemoire(), persistant: true };
		let maintenant = '2025-10-01T09:00:00.000Z';
		const acc = new Accompagnements(Promise.resolve(magasin), () => maintenant, canalCommun()());
		await acc.charge;
		await acc.nommerAuteur('Mme Martin, IEN');
		const a = acc.ouvrir(ELEMENTS);
		expect(a.signatures['fiche:diagnostic']).toEqual({ le: maintenant, par: 'Mme Martin, IEN' });
		await acc.nommerAuteur('M. Roy, CPC');
		maintenant = '2025-11-20T14:00:00.000Z';
		await acc.modifier(a.id, (x) => {
			x.problematique_1 = 'La fluence';
			x.actions.push({ id: 'l1', quoi: 'Observation', qui: 'CPC', quand: 'décembre' });
		});
		await acc.enregistre();
		const relu = new Accompagnements(Promise.resolve(magasin), () => maintenant, canalCommun()());
		await relu.charge;
		const s = relu.get(a.id)!.signatures;
		expect(s['fiche:problematique_1']).toEqual({ le: maintenant, par: 'M. Roy, CPC' });
		expect(s['action:l1']).toEqual({ le: maintenant, par: 'M. Roy, CPC' });
		expect(s['fiche:diagnostic']).toEqual({
			le: '2025-10-01T09:00:00.000Z',
			par: 'Mme Martin, IEN'
		});
		await acc.modifier(a.id, (x) => (x.actions = []));
		expect(acc.get(a.id)!.signatures['action:l1']).toBeUndefined();
	});

	it('ouvre, modifie et relit un accompagnement ; deux onglets restent d’accord', async () => {
		// The in-memory store stands for IndexedDB here: shared by both tabs, said to persist.
		const magasin = { ...magasinEnMemoire(), persistant: true };
		const canal = canalCommun();
		const horloge = () => '2025-10-01T09:00:00.000Z';
		const onglet1 = new Accompagnements(Promise.resolve(magasin), horloge, canal());
		const onglet2 = new Accompagnements(Promise.resolve(magasin), horloge, canal());
		await Promise.all([onglet1.charge, onglet2.charge]);
		const a = onglet1.ouvrir(ELEMENTS);
		expect(a.etat).toBe('en préparation');
		expect(a.competences).toHaveLength(2);
		await onglet1.modifier(a.id, (x) => (x.problematique_1 = 'Le calcul mental au CE1'));
		await onglet2.modifier(a.id, (x) => {
			x.etat = 'en cours';
			x.actions.push({ id: 'l1', quoi: 'Observation croisée', qui: 'CPC', quand: 'novembre' });
		});
		await onglet1.enregistre();
		await new Promise((ok) => setTimeout(ok, 0));
		for (const o of [onglet1, onglet2]) {
			const x = o.get(a.id)!;
			expect(x.problematique_1).toBe('Le calcul mental au CE1');
			expect(x.etat).toBe('en cours');
			expect(x.actions.map((l) => l.quoi)).toEqual(['Observation croisée']);
		}
		const stocke = lireAccompagnements(await magasin.lire(CLE_ACCOMPAGNEMENTS));
		expect(stocke.accompagnements).toHaveLength(1);
		expect(onglet1.desEcoles(new Set(['0211234A']))).toHaveLength(1);
		expect(onglet1.desEcoles(new Set(['0219999Z']))).toHaveLength(0);
		onglet1.fermer();
		onglet2.fermer();
	});

	it('ne reprend pas un document d’une version plus récente ni ce qui n’a pas la forme attendue', () => {
		const a = nouvelAccompagnement(ELEMENTS, 'IEN Dijon Est', '2025-10-01', 'x');
		expect(lireAccompagnements({ version: 99, accompagnements: [a] }).accompagnements).toEqual([]);
		const lu = lireAccompagnements({ version: 1, accompagnements: [a, { id: 3 }, a] });
		expect(lu.accompagnements).toEqual([a]);
	});
});
