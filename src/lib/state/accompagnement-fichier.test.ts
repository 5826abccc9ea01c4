import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { csvAccompagnement } from '$lib/exports';
import type { ElementsDiagnostic } from '$lib/pages/circonscription/accompagnement';
import {
	contenusAccompagnement,
	nouvelAccompagnement,
	signerChangements,
	type Accompagnement
} from './accompagnement.svelte';
import {
	comparerAccompagnements,
	estEnteteDAccompagnement,
	fusionnerAccompagnements,
	lireFichierAccompagnement,
	resumeElementAccompagnement
} from './accompagnement-fichier';

const ELEMENTS: ElementsDiagnostic = {
	uai: '0211234A',
	ecole: 'École élémentaire Jean Macé',
	commune: 'Dijon',
	circonscription: '0217006B',
	appuis: [],
	vigilances: [{ competence_id: 'CE1_MA_2', libelle: 'CE1 maths — Calculer', detail: '−9 points' }],
	signaux: [],
	competences: [{ competence_id: 'CE1_MA_2', libelle: 'CE1 maths — Calculer' }]
};

function exemple(): Accompagnement {
	const a = nouvelAccompagnement(ELEMENTS, 'Mme Martin, IEN', '2025-10-01T09:00:00.000Z', 'acc-1');
	a.problematique_1 = 'Comment faire progresser le calcul mental ?';
	a.contrat_roles = 'IEN : pilote ; CPC : observe ;\nÉquipe : met en œuvre';
	a.recommandations = '=SOMME(A1) ; -2 séances par semaine';
	a.actions = [
		{ id: 'l1', quoi: 'Observation croisée', qui: 'CPC', quand: 'novembre 2025' },
		{ id: 'l2', quoi: 'Conseil des maîtres', qui: 'Équipe', quand: 'janvier 2026' }
	];
	a.indicateurs = [
		{ id: 'i1', competence_id: 'CE1_MA_2', libelle: 'CE1 maths — Calculer', cible: '+5 points' }
	];
	// Written in the IEN's browser when it was opened: each item signed then.
	signerChangements(new Map(), a, { le: a.cree_le, par: a.auteur });
	return a;
}

const signature = { par: 'Mme Martin', le: '2025-11-02T10:00:00.000Z' };

describe('fichier d’un accompagnement', () => {
	it('relit exactement ce qui a été exporté, avec sa signature', () => {
		const a = exemple();
		const csv = csvAccompagnement(a, signature);
		expect(estEnteteDAccompagnement(csv.split('\r\n')[0])).toBe(true);
		const lu = lireFichierAccompagnement(csv);
		if (!lu.ok) throw new Error(lu.message);
		expect(lu.fichier.accompagnement).toEqual(a);
		expect(lu.fichier.exporte_par).toBe('Mme Martin');
		expect(lu.fichier.exporte_le).toBe(signature.le);
		expect(comparerAccompagnements(a, lu.fichier.accompagnement)).toEqual([]);
	});

	it('refuse un fichier endommagé, d’un format plus récent ou qui n’en est pas un, en français', () => {
		const csv = csvAccompagnement(exemple(), signature);
		const lignes = csv.split('\r\n');
		const coupe = [...lignes.slice(0, 3), lignes[3].split(';').slice(0, 5).join(';')].join('\r\n');
		const r1 = lireFichierAccompagnement(coupe);
		expect(r1).toEqual({
			ok: false,
			message: expect.stringMatching(/endommagé \(ligne 4\).*Rien n’a été modifié\.$/)
		});
		const recent = csv.replace(/;2\r\n/g, ';3\r\n');
		const r2 = lireFichierAccompagnement(recent);
		expect(r2.ok).toBe(false);
		if (!r2.ok) expect(r2.message).toContain('version plus récente de Pilotage (format 3');
		const r3 = lireFichierAccompagnement('uai;nom\r\n0211234A;École\r\n');
		expect(r3.ok).toBe(false);
		if (!r3.ok) expect(r3.message).toContain('n’est pas un accompagnement exporté par Pilotage');
		const etat = csv.replace(';etat;état;en préparation;', ';etat;état;fini;');
		const r4 = lireFichierAccompagnement(etat);
		expect(r4.ok).toBe(false);
		if (!r4.ok) expect(r4.message).toContain('l’état « fini »');
	});

	it('dit les champs et lignes ajoutés, modifiés et retirés', () => {
		const mien = exemple();
		const autre = structuredClone(mien);
		autre.etat = 'en cours';
		autre.problematique_2 = 'La compréhension en lecture';
		autre.actions = [
			{ ...autre.actions[0], quand: 'décembre 2025' },
			{ id: 'l3', quoi: 'Animation pédagogique', qui: 'CPC', quand: 'mars 2026' }
		];
		autre.indicateurs = [];
		const d = comparerAccompagnements(mien, autre);
		expect(d.map((x) => [x.nature, (x.autre ?? x.mienne)!.nom])).toEqual([
			['ajoutee', 'problématique 2'],
			['modifiee', 'état'],
			['modifiee', 'action'],
			['ajoutee', 'action'],
			['retiree', 'action'],
			['retiree', 'indicateur de progrès']
		]);
		expect(resumeElementAccompagnement(d[2].autre!)).toBe(
			'Observation croisée · CPC · décembre 2025'
		);
		expect(d[2].champs).toEqual(['quand']);
	});

	it('fusionne élément par élément, selon les choix, chaque élément gardant son auteur', () => {
		const changer = (a: Accompagnement, f: () => void, le: string, par: string) => {
			const avant = contenusAccompagnement(a);
			f();
			a.modifie_le = le;
			signerChangements(avant, a, { le, par });
		};
		const mien = exemple();
		changer(
			mien,
			() => (mien.recommandations = 'Un rituel quotidien'),
			'2025-11-15T09:00:00.000Z',
			'IEN'
		);
		const autre = exemple();
		changer(
			autre,
			() => {
				autre.etat = 'en cours';
				autre.actions.push({ id: 'l3', quoi: 'Animation pédagogique', qui: 'CPC', quand: 'mars' });
				autre.actions.splice(0, 1);
			},
			'2025-12-01T09:00:00.000Z',
			'CPC'
		);
		// Each difference names who changed that item, not who saved the record last.
		const d = comparerAccompagnements(mien, autre);
		const de = (id: string) => d.find((x) => x.id === id)!;
		expect(de('fiche:recommandations').mienne!.modifie_par).toBe('IEN');
		expect(de('fiche:recommandations').autre!.modifie_par).toBe('Mme Martin, IEN');
		expect(de('fiche:etat').autre!.modifie_par).toBe('CPC');
		// By default: what the file adds is taken, what only this browser has is kept, and for an
		// item both wrote, the one changed last: my recommandations (November), their état (December),
		// although their record was saved after mine.
		const parDefaut = fusionnerAccompagnements(mien, autre, new Map(), '2025-12-02T00:00:00Z');
		expect(parDefaut.etat).toBe('en cours');
		expect(parDefaut.recommandations).toBe('Un rituel quotidien');
		expect(parDefaut.actions.map((l) => l.id)).toEqual(['l1', 'l2', 'l3']);
		expect(parDefaut.modifie_le).toBe('2025-12-02T00:00:00Z');
		expect(parDefaut.signatures['fiche:etat']).toEqual({
			le: '2025-12-01T09:00:00.000Z',
			par: 'CPC'
		});
		expect(parDefaut.signatures['fiche:recommandations'].par).toBe('IEN');
		// Chosen one by one: their recommandations, their removal of l1, not their état.
		const choisi = fusionnerAccompagnements(
			mien,
			autre,
			new Map([
				['fiche:recommandations', 'autre'],
				['action:l1', 'autre'],
				['fiche:etat', 'mienne']
			] as const),
			'2025-12-02T00:00:00Z'
		);
		expect(choisi.recommandations).toBe(autre.recommandations);
		expect(choisi.signatures['fiche:recommandations'].par).toBe('Mme Martin, IEN');
		expect(choisi.etat).toBe('en préparation');
		expect(choisi.actions.map((l) => l.id)).toEqual(['l2', 'l3']);
		expect(choisi.indicateurs).toEqual(mien.indicateurs);
		// The merge travels with its items' authors.
		const relu = lireFichierAccompagnement(csvAccompagnement(choisi, signature));
		if (!relu.ok) throw new Error(relu.message);
		expect(relu.fichier.accompagnement).toEqual(choisi);
	});

	it('relit un fichier du format 1, sans auteur par élément : chacun porte celui de la fiche', () => {
		const a = exemple();
		const v1 = Papa.unparse(
			Papa.parse<Record<string, string>>(csvAccompagnement(a, signature), {
				header: true,
				delimiter: ';',
				skipEmptyLines: true
			}).data.map(({ element_modifie_le: _, element_modifie_par: __, ...reste }) => ({
				...reste,
				version_format: '1'
			})),
			{ delimiter: ';' }
		);
		const lu = lireFichierAccompagnement(v1);
		if (!lu.ok) throw new Error(lu.message);
		expect(new Set(Object.values(lu.fichier.accompagnement.signatures).map((x) => x.le))).toEqual(
			new Set([a.modifie_le])
		);
		expect(lu.fichier.accompagnement.problematique_1).toBe(a.problematique_1);
		const d = comparerAccompagnements(a, { ...lu.fichier.accompagnement, etat: 'en cours' });
		expect(d.map((x) => [x.id, x.autre!.modifie_par, x.autre!.modifie_le])).toEqual([
			['fiche:etat', 'Mme Martin, IEN', a.modifie_le]
		]);
	});

	it('relit un fichier du format 1 écrit avant l’année de début : l’année de son ouverture', () => {
		const a = exemple();
		const csv = csvAccompagnement(a, signature)
			.split('\r\n')
			.filter((l) => !l.includes(';annee_scolaire;'))
			.join('\r\n');
		const lu = lireFichierAccompagnement(csv);
		if (!lu.ok) throw new Error(lu.message);
		expect(lu.fichier.accompagnement.annee_scolaire).toBe('2025-2026');
	});
});
