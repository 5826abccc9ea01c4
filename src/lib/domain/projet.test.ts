import { describe, expect, it } from 'vitest';
import { objectifsDeCompetence, type ObjectifProjet } from './projet';

const objectif = (id: string, filtre: Partial<ObjectifProjet>): ObjectifProjet => ({
	objectif_id: id,
	objectif: `Objectif ${id}`,
	axe: 'Axe',
	ambition: 'Ambition',
	indicateur: 'evaluation',
	niveau: null,
	discipline: null,
	competence_id: null,
	...filtre
});

describe('objectifs du projet académique servis par une compétence', () => {
	const projet = [
		objectif('A1.X1.O1', { niveau: 'CE1', discipline: 'MA' }),
		objectif('A1.X1.O1', { niveau: 'CE1', discipline: 'FR' }),
		objectif('A3.X1.O1', {}),
		objectif('A1.X1.O3', { competence_id: 'CE1-MA-PROBLEMES' }),
		objectif('A4.X1.O1', { indicateur: 'formation' })
	];
	it('retient les correspondances qui nomment le niveau, la discipline ou la compétence, une fois chacune', () => {
		expect(
			objectifsDeCompetence(projet, 'CE1', 'MA', 'CE1-MA-PROBLEMES').map((o) => o.objectif_id)
		).toEqual(['A1.X1.O1', 'A1.X1.O3']);
	});
	it('ignore une correspondance « évaluation » sans filtre (objectif de territoire)', () => {
		expect(objectifsDeCompetence(projet, 'CP', 'FR', 'CP-FR-PHONEMES')).toEqual([]);
	});
});
