import { describe, expect, it } from 'vitest';
import type { ElementsDiagnostic } from '$lib/pages/circonscription/accompagnement';
import { nouvelAccompagnement } from './accompagnement.svelte';
import { elementsAccompagnement, elementsProjet } from './bilan-documents.svelte';
import type { ActionProjet } from './projet-ecole.svelte';

const ELEMENTS: ElementsDiagnostic = {
	uai: '0211234A',
	ecole: 'École élémentaire Jean Macé',
	commune: 'Dijon',
	circonscription: '0217006B',
	appuis: [],
	vigilances: [],
	signaux: [],
	competences: [{ competence_id: 'CE1-MA-CALCUL', libelle: 'CE1 maths — Calculer' }]
};

describe('ce que le bilan de la circonscription lit des documents des écoles', () => {
	it('un accompagnement : chaque indicateur de progrès sur une compétence, depuis son année de début', () => {
		const a = nouvelAccompagnement(ELEMENTS, 'IEN', '2024-10-01T09:00:00.000Z', 'acc-1');
		expect(a.annee_scolaire).toBe('2024-2025');
		a.indicateurs = [
			{ id: 'i1', competence_id: 'CE1-MA-CALCUL', libelle: 'CE1 maths', cible: '+5 points' },
			{ id: 'i2', competence_id: '', libelle: '', cible: 'Climat de classe' }
		];
		expect(elementsAccompagnement(a)).toEqual([
			{
				id: 'accompagnement:acc-1:i1',
				document: 'accompagnement',
				uai: '0211234A',
				texte: '+5 points',
				annee_scolaire: '2024-2025',
				competence_id: 'CE1-MA-CALCUL',
				lien: '#/accompagnement/acc-1'
			}
		]);
	});

	it('un projet d’actions : une ligne par compétence de chaque action, de son année', () => {
		const action = {
			id: 'p1',
			competences: ['CP|CP-FR-PHRASES-ORAL', 'CE1|CE1-MA-CALCUL'],
			action: 'Un problème par jour',
			annee_scolaire: '2023-2024'
		} as ActionProjet;
		const e = elementsProjet('0211234A', [action, { ...action, id: 'p2', competences: [] }]);
		expect(e.map((x) => [x.competence_id, x.annee_scolaire, x.lien])).toEqual([
			['CP-FR-PHRASES-ORAL', '2023-2024', '#/ecole/0211234A'],
			['CE1-MA-CALCUL', '2023-2024', '#/ecole/0211234A']
		]);
	});
});
