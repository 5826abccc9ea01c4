import { describe, expect, it } from 'vitest';
import { COMPETENCES } from '$lib/domain/competences';
import type { StatutPoint } from '$lib/indicators';
import { competencesDesEcoles } from './analyse';

// A family as FamillesPoints.cumul holds it: `uai|competence` → the index of its point.
function famille(cles: [uai: string, competence: string, statut: StatutPoint][]) {
	return {
		index: new Map(cles.map(([u, c], i) => [`${u}|${c}`, i])),
		points: cles.map(([, , statut]) => ({ statut }))
	};
}

describe('les points établis des écoles d’un territoire, par compétence', () => {
	const [c1, c2, c3] = COMPETENCES.map((c) => c.id);
	// School A lists c2 before c1, school B c1 before c2: the order of the keys matters.
	const f = famille([
		['A', c2, 'point_vigilance'],
		['A', c1, 'point_appui'],
		['B', c1, 'point_vigilance'],
		['B', c2, 'insuffisant'],
		['B', c3, 'rien'],
		['C', c3, 'point_appui']
	]);
	const lire = (ecoles: string[] | null) =>
		competencesDesEcoles(f, ecoles ? new Set(ecoles) : null).map((c) => [
			c.competence_id,
			c.ecoles
		]);

	it('compte, pour les seules écoles du territoire, les points d’appui, de vigilance et les diagnostics', () => {
		expect(lire(['B', 'C'])).toEqual([
			[c1, { appuis: 0, vigilances: 1, diagnostiquees: 1 }],
			[c3, { appuis: 1, vigilances: 0, diagnostiquees: 2 }]
		]);
		expect(lire(['Z'])).toEqual([]);
	});

	it('range les compétences dans l’ordre de la famille, quel que soit l’ordre des écoles demandées', () => {
		// B first in the set: c1 is met first, but A's c2 comes first in the family.
		expect(lire(['B', 'A']).map(([c]) => c)).toEqual([c2, c1, c3]);
		expect(lire(['A', 'B'])).toEqual(lire(['B', 'A']));
		// Every school: the same as walking the whole family.
		expect(lire(null)).toEqual(lire(['C', 'B', 'A']));
	});
});
