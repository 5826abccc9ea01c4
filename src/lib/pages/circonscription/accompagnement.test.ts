import { describe, expect, it } from 'vitest';
import { elementsDiagnostic } from './accompagnement';
import { cleCellule } from './analyse';
import type {
	AnalyseCirconscription,
	Cellule,
	CompetenceColonne,
	EcoleCirconscription
} from './types';

const competence = (id: string, libelle: string): CompetenceColonne => ({
	competence_id: id,
	niveau: 'CE1',
	discipline: 'mathematiques',
	libelle,
	ordre: 0
});

/** A cell with only what the accompaniment reads: its status, gap, pupils and years. */
const cellule = (id: string, etat: Cellule['etat'], ecart: number | null): Cellule =>
	({
		uai: '0211234A',
		competence_id: id,
		etat,
		resultat: {
			ecart,
			n: 120,
			annee_scolaire: '2024-2025',
			pooled_years: ['2022-2023', '2023-2024', '2024-2025']
		}
	}) as unknown as Cellule;

const ecole = { uai: '0211234A', nom: 'École Jean Macé', commune: 'Dijon' } as EcoleCirconscription;

describe('éléments du diagnostic d’un accompagnement', () => {
	it('ne prend pour points que les points établis, garde les signaux à part et ignore le masqué', () => {
		const competences = [
			competence('A', 'Calculer'),
			competence('B', 'Résoudre'),
			competence('C', 'Nombres'),
			competence('D', 'Lire'),
			competence('E', 'Masquée'),
			competence('F', 'Absente')
		];
		const cellules = new Map(
			[
				cellule('A', 'point_vigilance', -0.12),
				cellule('B', 'point_appui', 0.09),
				cellule('C', 'a_confirmer', -0.06),
				cellule('D', 'conforme', 0.01),
				cellule('E', 'masque', null)
			].map((c) => [cleCellule(c.uai, c.competence_id), c])
		);
		const analyse = { competences, cellules } as unknown as AnalyseCirconscription;
		const e = elementsDiagnostic(analyse, ecole, '0217006B');
		expect(e.vigilances.map((x) => x.competence_id)).toEqual(['A']);
		expect(e.appuis.map((x) => x.competence_id)).toEqual(['B']);
		expect(e.signaux.map((x) => [x.competence_id, x.sens])).toEqual([['C', 'en dessous']]);
		expect(e.vigilances[0].detail).toMatch(
			/^−12\spoints par rapport à l’attendu, 120 élèves, cumul 2022-2023 à 2024-2025$/
		);
		// The indicators may be chosen among the competences the school is evaluated on.
		expect(e.competences.map((c) => c.competence_id)).toEqual(['A', 'B', 'C', 'D', 'E']);
		expect(e.circonscription).toBe('0217006B');
	});
});
