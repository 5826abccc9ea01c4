import { describe, expect, it } from 'vitest';
import { COMPETENCES } from '$lib/domain/competences';
import type { StatutPoint } from '$lib/indicators';
import { competencesDesEcoles } from './analyse';

const STATUTS: StatutPoint[] = ['point_appui', 'point_vigilance', 'rien', 'insuffisant'];

// A family whose keys interleave schools and competences, as the académie's does.
function famille() {
	const index = new Map<string, number>();
	const points: { statut: StatutPoint }[] = [];
	const competences = COMPETENCES.slice(0, 9).map((c) => c.id);
	for (let k = 0; k < 400; k++) {
		const uai = `ECOLE${(k * 7) % 23}`;
		const competence = competences[(k * 5) % competences.length];
		const cle = `${uai}|${competence}`;
		if (index.has(cle)) continue;
		index.set(cle, points.length);
		points.push({ statut: STATUTS[(k * 3) % STATUTS.length] });
	}
	return { index, points };
}

// What the function counted before it kept the cells by school: every key of the académie.
function attendu(f: ReturnType<typeof famille>, ecoles: ReadonlySet<string> | null) {
	const compte = new Map<string, { appuis: number; vigilances: number; diagnostiquees: number }>();
	for (const [cle, i] of f.index) {
		const [uai, competence] = cle.split('|');
		if (ecoles && !ecoles.has(uai)) continue;
		const statut = f.points[i].statut;
		if (statut === 'insuffisant') continue;
		const c = compte.get(competence) ?? { appuis: 0, vigilances: 0, diagnostiquees: 0 };
		c.diagnostiquees += 1;
		if (statut === 'point_appui') c.appuis += 1;
		if (statut === 'point_vigilance') c.vigilances += 1;
		compte.set(competence, c);
	}
	return [...compte].map(([id, ecoles]) => ({ id, ecoles }));
}

describe('competencesDesEcoles', () => {
	it('compte les points des écoles d’un territoire comme en parcourant toute l’académie, dans le même ordre', () => {
		const f = famille();
		for (const ecoles of [
			null,
			new Set(['ECOLE3', 'ECOLE0', 'ECOLE17']),
			new Set(['ECOLE5', 'INCONNUE']),
			new Set<string>()
		]) {
			// Twice: the second reads the cells kept by school.
			for (let fois = 0; fois < 2; fois++) {
				const lu = competencesDesEcoles(f, ecoles).map((c) => ({
					id: c.competence_id,
					ecoles: c.ecoles
				}));
				expect(lu).toEqual(attendu(f, ecoles));
			}
		}
	});
});
