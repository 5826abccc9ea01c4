// Ce que la démonstration publie sur ses collèges en plus des évaluations de 6e et de 4e : IPS
// annuel, effectifs par niveau, valeur ajoutée au brevet (IVAC), références France et académie
// des évaluations ; et les effets « conçus » que la page du collège doit retrouver.

import { DOMAINES_COLLEGE } from '../../src/lib/domain/competences.ts';
import { Alea, borner, logistique } from './alea.ts';
import type { College } from './entites.ts';
import { IPS_NATIONAL, RENTREES, anneeScolaire } from './modele.ts';

export interface EffetCollege {
	uai: string;
	/** Domaine des évaluations (score) ou `DNB` (valeur ajoutée du taux de réussite). */
	cible: string;
	/** Points de score (évaluations) ou points de taux de réussite (brevet). */
	points: number;
	note: string;
}

/**
 * The designed effects on collèges, every year. Boris Vian is the sector collège of Paul Bert
 * (whose CE1 « Résoudre des problèmes » is weak): the weakness carries on into 6e. Vauban heads
 * the REP+ Chenôve and does better than expected at the brevet.
 */
export const EFFETS_COLLEGES: readonly EffetCollege[] = [
	{
		uai: '0218011U',
		cible: '6E-MA-RESOLUTION',
		points: -22,
		note: 'faiblesse nette en 6e (secteur de Paul Bert)'
	},
	{
		uai: '0588025H',
		cible: '4E-FR-COMPREHENSION-ECRIT',
		points: 20,
		note: 'force nette en 4e'
	},
	{ uai: '0218010T', cible: 'DNB', points: 8, note: 'valeur ajoutée au brevet (REP+)' },
	{ uai: '0218011U', cible: 'DNB', points: -6, note: 'valeur ajoutée négative au brevet' }
];

export function effetConcuCollege(uai: string, cible: string): number {
	return EFFETS_COLLEGES.find((e) => e.uai === uai && e.cible === cible)?.points ?? 0;
}

/** The collège's IPS each year: its base with the small drift the schools have. */
export function ipsCollege(c: College, rentree: number): number {
	return c.ips + new Alea('ips-college-annee', c.uai, rentree).normale(0, 0.8);
}

/** Headcounts by level: about the 6e evaluated plus the few absent, four cohorts. */
export function effectifsCollege(
	c: College,
	rentree: number,
	sixiemes: number
): { total: number; segpa: number; ulis: number; niveaux: number[] } {
	const alea = new Alea('effectifs-college', c.uai, rentree);
	const niveaux = [0, 1, 2, 3].map((i) =>
		Math.round(sixiemes * (1.03 - 0.02 * i) * alea.normale(1, 0.04))
	);
	const segpa = c.ep ? alea.entier(12, 20) : 0;
	const ulis = alea.entier(0, 12);
	return { total: niveaux.reduce((s, x) => s + x, 0), segpa, ulis, niveaux };
}

export interface LigneIvac {
	session: number;
	candidats: number;
	taux: number;
	va: number;
	note: number;
	vaNote: number;
	acces: number;
}

/**
 * The brevet's value added, as the DEPP publishes it (integer points): expected success rate
 * from the collège's IPS (logit 2 at IPS 106, slope 0.04), observed = expected + the collège's
 * own effect + its designed effect + the year's noise.
 */
export function tirerIvac(c: College, sixiemes: (rentree: number) => number): LigneIvac[] {
	const propre = new Alea('va-college', c.uai).normale(0, 2.5);
	return RENTREES.map((rentree) => {
		const session = rentree + 1;
		const alea = new Alea('ivac', c.uai, session);
		const attendu = 100 * logistique(2 + 0.04 * (ipsCollege(c, rentree) - IPS_NATIONAL));
		const va = Math.round(propre + effetConcuCollege(c.uai, 'DNB') + alea.normale(0, 2));
		const taux = Math.round(borner(attendu + va, 30, 100));
		const noteAttendue = 10 + 0.06 * (c.ips - IPS_NATIONAL);
		const vaNote = Math.round((va / 8 + alea.normale(0, 0.2)) * 10) / 10;
		return {
			session,
			candidats: Math.round(sixiemes(rentree) * alea.normale(0.95, 0.03)),
			taux,
			// What is published is observed − expected after rounding: recompute it so.
			va: Math.round(taux - attendu),
			note: Math.round((noteAttendue + vaNote) * 10) / 10,
			vaNote,
			acces: Math.round(borner(alea.normale(90, 4), 60, 100))
		};
	});
}

/** Share (%) of each group at the model's national mean (IPS 106, no collège effect). */
export function referencesFranceCollege(probasGroupes: (mu: number) => number[]): {
	annee: string;
	domaineId: string;
	niveau: string;
	discipline: string;
	besoin: number;
	aise: number;
}[] {
	const res = [];
	for (const rentree of RENTREES) {
		for (const d of DOMAINES_COLLEGE) {
			if (d.niveau === '4E' && rentree < 2023) continue;
			const prefixe = d.niveau === '6E' ? '6e' : '4e';
			const mu = 250 + new Alea(`${prefixe}-national`, rentree).normale(0, 2);
			const p = probasGroupes(mu);
			res.push({
				annee: anneeScolaire(rentree),
				domaineId: d.id,
				niveau: d.niveau,
				discipline: d.discipline,
				besoin: Math.round(1000 * (p[0] + p[1])) / 10,
				aise: Math.round(1000 * (p[4] + p[5])) / 10
			});
		}
	}
	return res;
}
