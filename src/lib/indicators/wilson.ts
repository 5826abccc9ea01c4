import { errorFunction, gammaln, probit } from 'simple-statistics';
import {
	CONFIANCE_DEFAUT,
	LIBELLE_MASQUE,
	SEUIL_MASQUAGE,
	SOURCE_DEFAUT,
	type Intervalle,
	type LigneEvaluation,
	type PartAffichable,
	type Provenance
} from './types';

/**
 * Standard normal quantile. simple-statistics' `probit` uses Winitzki's closed form, whose
 * relative error (~1e-3: it gives 1.9572 for 0.975 instead of 1.95996) moves Wilson bounds in the
 * 4th decimal; two Newton steps on its `errorFunction` (Numerical Recipes erfc, |error| < 1.2e-7)
 * bring it to ~1e-7, enough to match published tables.
 */
export function quantileNormal(p: number): number {
	if (!(p > 0 && p < 1))
		throw new RangeError(`quantileNormal: p doit être dans ]0, 1[ (reçu ${p})`);
	let z = probit(p);
	for (let i = 0; i < 2; i++) {
		const cdf = 0.5 + 0.5 * errorFunction(z / Math.SQRT2);
		const densite = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
		z -= (cdf - p) / densite;
	}
	return z;
}

const CRITIQUES = new Map<number, number>();

/** Two-sided critical value for a confidence level (1.96 for 95 %), memoised: called per figure. */
export function zBilateral(confiance: number = CONFIANCE_DEFAUT): number {
	let z = CRITIQUES.get(confiance);
	if (z === undefined) {
		if (!(confiance > 0 && confiance < 1)) {
			throw new RangeError(`niveau de confiance hors de ]0, 1[ : ${confiance}`);
		}
		z = quantileNormal(1 - (1 - confiance) / 2);
		CRITIQUES.set(confiance, z);
	}
	return z;
}

/**
 * Wilson score interval for k successes out of n (Wilson 1927). Preferred to the Wald interval
 * p ± z·√(p(1−p)/n) because its coverage stays close to nominal for small n and for shares near
 * 0 or 1 (Brown, Cai & DasGupta 2001), which is exactly the situation of small schools.
 */
export function wilson(k: number, n: number, confiance: number = CONFIANCE_DEFAUT): Intervalle {
	verifierComptes(k, n);
	if (n === 0) return { bas: 0, haut: 1, confiance };
	const z = zBilateral(confiance);
	const p = k / n;
	const z2 = z * z;
	const denominateur = 1 + z2 / n;
	const centre = (p + z2 / (2 * n)) / denominateur;
	const demiLargeur = (z / denominateur) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
	// Exact bounds at k = 0 and k = n: rounding must not push them outside [0, 1] or off 0/1.
	const bas = k === 0 ? 0 : Math.max(0, centre - demiLargeur);
	const haut = k === n ? 1 : Math.min(1, centre + demiLargeur);
	return { bas, haut, confiance };
}

/**
 * P(X ≤ k) (`cote` 'inferieure') or P(X ≥ k) ('superieure') for X ~ Binomial(n, p). Summed from
 * the term at k outwards with the ratio of consecutive terms, the first term in logs: no underflow
 * for large n, and the far tail is never computed as 1 − (something close to 1).
 */
export function queueBinomiale(
	k: number,
	n: number,
	p: number,
	cote: 'inferieure' | 'superieure'
): number {
	if (cote === 'inferieure' ? k >= n : k <= 0) return 1;
	if (cote === 'inferieure' ? k < 0 : k > n) return 0;
	return sommeQueue(k, n, p, cote, logCoefficientBinomial(k, n));
}

function logCoefficientBinomial(k: number, n: number): number {
	return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

function sommeQueue(
	k: number,
	n: number,
	p: number,
	cote: 'inferieure' | 'superieure',
	logCoefficient: number
): number {
	if (p <= 0) return cote === 'inferieure' ? 1 : 0;
	if (p >= 1) return cote === 'inferieure' ? 0 : 1;
	// A tail holding the mode is 1 − the other tail: summed from k, its first term may underflow
	// to 0 when p is far from k/n (thousands of pupils), and the whole tail would read 0 instead
	// of nearly 1 (an exact interval's search then ended at 0 or 1). The other tail, away from
	// the mode, is small: no 1 − (something close to 1) is computed where it matters.
	if (cote === 'inferieure' && k >= n * p && k < n)
		return Math.max(
			0,
			1 - sommeQueue(k + 1, n, p, 'superieure', logCoefficient + Math.log((n - k) / (k + 1)))
		);
	if (cote === 'superieure' && k <= n * p && k > 0)
		return Math.max(
			0,
			1 - sommeQueue(k - 1, n, p, 'inferieure', logCoefficient + Math.log(k / (n - k + 1)))
		);
	let terme = Math.exp(logCoefficient + k * Math.log(p) + (n - k) * Math.log1p(-p));
	let somme = terme;
	const rapport = p / (1 - p);
	if (cote === 'inferieure') {
		for (let j = k; j > 0; j--) {
			terme *= j / (n - j + 1) / rapport;
			somme += terme;
			if (terme < somme * 1e-17 && j < n * p) break;
		}
	} else {
		for (let j = k; j < n; j++) {
			terme *= ((n - j) / (j + 1)) * rapport;
			somme += terme;
			if (terme < somme * 1e-17 && j > n * p) break;
		}
	}
	return Math.min(1, somme);
}

/**
 * Clopper–Pearson « exact » interval (Clopper & Pearson 1934): the shares p for which k is in
 * neither tail of probability (1 − confiance)/2. Its coverage is at least the nominal level for
 * every n and p, unlike Wilson's, which oscillates around it (up to 8 % false alarms instead of
 * 5 % for some n and p under 30 pupils). Pilotage uses it where a claim is made (the gap to the
 * expected share), so that the false-alarm rate is bounded for every school size.
 */
export function clopperPearson(
	k: number,
	n: number,
	confiance: number = CONFIANCE_DEFAUT
): Intervalle {
	verifierComptes(k, n);
	if (!(confiance > 0 && confiance < 1)) {
		throw new RangeError(`niveau de confiance hors de ]0, 1[ : ${confiance}`);
	}
	if (n === 0) return { bas: 0, haut: 1, confiance };
	const alpha = (1 - confiance) / 2;
	const logC = logCoefficientBinomial(k, n);
	const bas = k === 0 ? 0 : racine((p) => sommeQueue(k, n, p, 'superieure', logC) - alpha);
	const haut = k === n ? 1 : racine((p) => sommeQueue(k, n, p, 'inferieure', logC) - alpha);
	return { bas, haut, confiance };
}

/**
 * Root in ]0, 1[ of a monotone function changing sign there, by regula falsi with the Illinois
 * modification (Dowell & Jarratt 1971): bracketed like bisection, superlinear like the secant;
 * about ten tail evaluations instead of forty.
 */
function racine(f: (p: number) => number): number {
	let a = 0;
	let b = 1;
	let fa = f(a);
	let fb = f(b);
	let cote = 0;
	let c = 0.5;
	for (let i = 0; i < 100; i++) {
		c = (a * fb - b * fa) / (fb - fa);
		const fc = f(c);
		// 1e-13 in probability moves the bound by far less than any displayed digit.
		if (Math.abs(fc) < 1e-13 || b - a < 1e-13) break;
		if (fc > 0 === fb > 0) {
			b = c;
			fb = fc;
			if (cote === -1) fa /= 2;
			cote = -1;
		} else {
			a = c;
			fa = fc;
			if (cote === 1) fb /= 2;
			cote = 1;
		}
	}
	return c;
}

/**
 * A share ready for display: masked (« effectif insuffisant ») below `seuil` pupils, otherwise the
 * share with its Wilson interval.
 */
export function partAffichable(
	k: number,
	n: number,
	confiance: number = CONFIANCE_DEFAUT,
	seuil: number = SEUIL_MASQUAGE
): PartAffichable {
	verifierComptes(k, n);
	if (n < seuil) return { masque: true, n, libelle: LIBELLE_MASQUE };
	return { masque: false, n, k, part: k / n, intervalle: wilson(k, n, confiance) };
}

/** The three groups of one school × niveau × competence × year, ready for display. */
export interface PartsLigne extends Provenance {
	uai: string;
	niveau: string;
	discipline: string;
	competence_id: string;
	satisfaisant: PartAffichable;
	fragile: PartAffichable;
	besoin: PartAffichable;
}

export function partsLigne(
	ligne: LigneEvaluation,
	confiance: number = CONFIANCE_DEFAUT
): PartsLigne {
	const n = ligne.n_eleves;
	if (ligne.n_besoin + ligne.n_fragile + ligne.n_satisfaisant !== n) {
		throw new RangeError(
			`${ligne.uai} ${ligne.competence_id} ${ligne.annee_scolaire} : les trois groupes ne font pas n_eleves`
		);
	}
	return {
		uai: ligne.uai,
		niveau: ligne.niveau,
		discipline: ligne.discipline,
		competence_id: ligne.competence_id,
		n,
		annee_scolaire: ligne.annee_scolaire,
		source: ligne.source ?? SOURCE_DEFAUT,
		satisfaisant: partAffichable(ligne.n_satisfaisant, n, confiance),
		fragile: partAffichable(ligne.n_fragile, n, confiance),
		besoin: partAffichable(ligne.n_besoin, n, confiance)
	};
}

/** An estimate with its interval, the input of `differenceMover`. */
export interface EstimationIntervalle {
	estimation: number;
	bas: number;
	haut: number;
}

/**
 * Interval for a difference a − b of two independent estimates, each with its own (possibly
 * asymmetric) interval, by the MOVER method (Zou & Donner 2008). With Wilson intervals for two
 * proportions this is Newcombe's hybrid score interval (Newcombe 1998, method 10), which keeps
 * close to nominal coverage for small n where the Wald difference interval does not.
 */
export function differenceMover(
	a: EstimationIntervalle,
	b: EstimationIntervalle,
	confiance: number = CONFIANCE_DEFAUT
): { estimation: number; intervalle: Intervalle } {
	const d = a.estimation - b.estimation;
	const bas = d - Math.sqrt((a.estimation - a.bas) ** 2 + (b.haut - b.estimation) ** 2);
	const haut = d + Math.sqrt((a.haut - a.estimation) ** 2 + (b.estimation - b.bas) ** 2);
	return { estimation: d, intervalle: { bas, haut, confiance } };
}

/** Wilson interval as an `EstimationIntervalle` (the share itself as the point estimate). */
export function estimationWilson(
	k: number,
	n: number,
	confiance: number = CONFIANCE_DEFAUT
): EstimationIntervalle {
	const ic = wilson(k, n, confiance);
	return { estimation: n === 0 ? 0 : k / n, bas: ic.bas, haut: ic.haut };
}

export function verifierComptes(k: number, n: number): void {
	if (!Number.isInteger(n) || n < 0) throw new RangeError(`effectif invalide : ${n}`);
	if (!Number.isInteger(k) || k < 0 || k > n) {
		throw new RangeError(`nombre d'élèves invalide : ${k} sur ${n}`);
	}
}
