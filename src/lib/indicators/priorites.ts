/**
 * Priorities Pilotage proposes for a network's training plan. The pilots decide; this only orders
 * the shared needs so that the largest, most widespread and least addressed come first.
 *
 *     score = besoin × écoles × (1 − ½ × couverture)
 *
 * - besoin: how far below what their IPS leads to expect the schools concerned are, in points,
 *   pooled over their pupils (Σ nᵢ·(attenduᵢ − observéᵢ) / Σ nᵢ, see `ecartCumule`); 0 when they
 *   are not below. The caller passes the gap that is established: the network's pooled gap when
 *   the network as a whole is in point de vigilance, else that of its schools in point de
 *   vigilance.
 * - écoles: how many schools are concerned.
 * - couverture: the share of those schools whose teams already had training on this competence.
 *   Training already given halves a need's weight at most and never removes it: the results
 *   still show the need, and Pilotage never claims that a training worked (docs/methodologie.md).
 *
 * Which competences are needs, and which schools they concern, is decided before, from the
 * classification of the statistics library only (points de vigilance): this function never turns
 * a gap into a need by itself. Ties are broken by besoin, then écoles, then key, so that the order
 * is stable.
 */
import type { ResultatEcart } from './ecart';

/** Weight of the training coverage in the score (see above). */
export const POIDS_COUVERTURE = 0.5;

export interface BesoinAClasser {
	/** Stable key (niveau|competence). */
	cle: string;
	/** Pooled gap (observed − expected) of the schools concerned, in share; null when unknown. */
	ecart: number | null;
	ecoles: number;
	/** Schools concerned whose teams had training on the competence. */
	ecoles_formees: number;
}

export interface Priorite<T extends BesoinAClasser> {
	besoin: T;
	/** 1 for the first proposed priority. */
	rang: number;
	score: number;
	/** Points below expected (≥ 0). */
	points: number;
	/** Share of the schools concerned already trained, in [0, 1]. */
	couverture: number;
	/** The computation in words, shown beside the priority. */
	detail: string;
}

const arrondi = (x: number) => Math.round(x * 10) / 10;
const nombre = (x: number) => arrondi(x).toLocaleString('fr-FR', { maximumFractionDigits: 1 });

/** Orders the needs by score, highest first. */
export function classerPriorites<T extends BesoinAClasser>(besoins: readonly T[]): Priorite<T>[] {
	const cles = new Set<string>();
	const calcules = besoins.map((besoin) => {
		if (cles.has(besoin.cle)) throw new Error(`classerPriorites : clé en double « ${besoin.cle} »`);
		cles.add(besoin.cle);
		if (!(Number.isInteger(besoin.ecoles) && besoin.ecoles >= 0)) {
			throw new RangeError(`invalid écoles: ${besoin.ecoles}`);
		}
		if (!(
			Number.isInteger(besoin.ecoles_formees) &&
			besoin.ecoles_formees >= 0 &&
			besoin.ecoles_formees <= besoin.ecoles
		)) {
			throw new RangeError(`invalid écoles formées: ${besoin.ecoles_formees}`);
		}
		const points = besoin.ecart === null ? 0 : Math.max(0, -besoin.ecart * 100);
		const couverture = besoin.ecoles === 0 ? 0 : besoin.ecoles_formees / besoin.ecoles;
		const facteur = 1 - POIDS_COUVERTURE * couverture;
		const score = points * besoin.ecoles * facteur;
		const detail =
			`${nombre(points)} point${points >= 2 ? 's' : ''} sous l’attendu × ${besoin.ecoles} école${besoin.ecoles > 1 ? 's' : ''} × ` +
			`(1 − ½ × ${besoin.ecoles_formees}/${besoin.ecoles} déjà formée${besoin.ecoles_formees > 1 ? 's' : ''}) = ${nombre(score)}`;
		return { besoin, points, couverture, score, detail };
	});
	calcules.sort(
		(a, b) =>
			b.score - a.score ||
			b.points - a.points ||
			b.besoin.ecoles - a.besoin.ecoles ||
			a.besoin.cle.localeCompare(b.besoin.cle)
	);
	return calcules.map((c, i) => ({ ...c, rang: i + 1 }));
}

/**
 * Gap of a set of schools pooled over their pupils: Σ nᵢ·écartᵢ / Σ nᵢ over the schools that have
 * a gap (masked schools and schools without IPS have none). Null when none has one.
 */
export function ecartCumule(resultats: readonly ResultatEcart[]): number | null {
	let n = 0;
	let somme = 0;
	for (const r of resultats) {
		if (r.ecart === null) continue;
		n += r.n;
		somme += r.n * r.ecart;
	}
	return n === 0 ? null : somme / n;
}
