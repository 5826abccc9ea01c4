/**
 * Expected share given the school's IPS, per competence × year, fitted on a reference population
 * (the académie by default).
 *
 * Model: a binomial–logit-normal random-intercept model (a GLMM, as `glmer(cbind(k, n − k) ~ ips
 * + (1 | uai), family = binomial)` in R):
 *
 *     k_i ~ Binomial(n_i, p_i),   logit p_i = a + b·(IPS_i − 106) + u_i,   u_i ~ N(0, τ²).
 *
 * - It uses the counts, not the percentages: a 90-pupil school weighs more than a 9-pupil one
 *   exactly as much as its information warrants.
 * - τ is the real between-school spread once IPS is accounted for. Without it (a plain binomial
 *   GLM) every school would be assumed to sit on the curve except for sampling noise, and the
 *   expected-value uncertainty would be understated.
 * - `expit(a + b·(IPS − 106))` is the share of a school whose own effect u is 0, i.e. the median
 *   school of that IPS: that is what « attendu compte tenu de l'IPS » means. (A plain GLM would
 *   estimate the population-averaged curve instead, pulled towards 50 %; the gap is about a point
 *   near 85 % when τ = 0.5, enough to bias the flags of large schools.)
 *
 * Fit: maximum likelihood with adaptive Gauss–Hermite quadrature (Liu & Pierce 1994; what
 * `glmer(nAGQ = 9)` does), started from a binomial GLM fitted by IRLS and a moment estimate of
 * τ², and maximised by BHHH steps (Berndt, Hall, Hall & Hausman 1974) with step halving. About
 * 1 500 schools take a few milliseconds.
 */
import {
	SOURCE_DEFAUT,
	compteIndicateur,
	type Comptes,
	type Indicateur,
	type LigneEvaluation
} from './types';

/** National mean IPS (≈ 106): centring there keeps a and b nearly uncorrelated. */
export const IPS_CENTRE = 106;

/** Below this many schools with an IPS the curve and τ are too unstable to call anyone off it. */
export const MIN_ECOLES_MODELE = 20;

/**
 * Floor on τ. τ = 0 is a boundary where the log parametrisation breaks down; 0.01 on the logit
 * scale is a fraction of a point on the share scale, i.e. "no between-school variation".
 */
const TAU_MIN = 0.01;

const NB_NOEUDS = 9;

interface ModeleBase {
	annee_scolaire: string;
	competence_id: string;
	niveau: string;
	discipline: string;
	indicateur: Indicateur;
	/** Reference population, e.g. « académie de Dijon », « Côte-d'Or », « France ». */
	reference: string;
	source: string;
	/** Pooled counts over the whole reference population, schools without IPS included. */
	population: Comptes;
	n_ecoles_population: number;
	/** UAIs of the reference population, sorted (to take a school out of its own reference). */
	uai_population: string[];
	/** Schools (with an IPS and at least one pupil) used by the fit, and their pupils. */
	n_ecoles: number;
	n_eleves: number;
}

export interface ModeleAjuste extends ModeleBase {
	statut: 'ajuste';
	/** logit(attendu) = a + b·(IPS − IPS_CENTRE), for the median school of that IPS. */
	a: number;
	b: number;
	/** Sampling covariance of (a, b): [var a, cov(a, b), var b]. */
	covariance: [number, number, number];
	/** Between-school standard deviation on the logit scale, IPS accounted for. */
	tau: number;
	ips_min: number;
	ips_max: number;
	log_vraisemblance: number;
	iterations: number;
	converge: boolean;
}

export interface ModeleIndisponible extends ModeleBase {
	statut: 'indisponible';
	raison: string;
}

export type ModeleIps = ModeleAjuste | ModeleIndisponible;

export interface OptionsModele {
	indicateur?: Indicateur;
	reference?: string;
	source?: string;
}

/** Key of a model in a catalogue: one model per year × competence × indicator. */
export function cleModele(
	annee_scolaire: string,
	competence_id: string,
	indicateur: Indicateur = 'satisfaisant'
): string {
	return `${annee_scolaire}|${competence_id}|${indicateur}`;
}

export type CatalogueModeles = ReadonlyMap<string, ModeleIps>;

/**
 * Fits one model per competence × year found in `lignes` (the whole reference population).
 */
export function ajusterModelesIps(
	lignes: readonly LigneEvaluation[],
	options: OptionsModele = {}
): Map<string, ModeleIps> {
	const indicateur = options.indicateur ?? 'satisfaisant';
	const groupes = new Map<string, LigneEvaluation[]>();
	for (const ligne of lignes) {
		const cle = cleModele(ligne.annee_scolaire, ligne.competence_id, indicateur);
		let groupe = groupes.get(cle);
		if (!groupe) groupes.set(cle, (groupe = []));
		groupe.push(ligne);
	}
	const catalogue = new Map<string, ModeleIps>();
	for (const [cle, groupe] of groupes) catalogue.set(cle, ajusterModeleIps(groupe, options));
	return catalogue;
}

/**
 * Fits the model for one competence × year. `lignes` is the reference population; rows without
 * IPS count in `population` (the comparison offered to schools without IPS) but not in the fit.
 */
export function ajusterModeleIps(
	lignes: readonly LigneEvaluation[],
	options: OptionsModele = {}
): ModeleIps {
	if (lignes.length === 0) throw new Error('ajusterModeleIps : aucune ligne');
	const indicateur = options.indicateur ?? 'satisfaisant';
	const premiere = lignes[0];
	const k: number[] = [];
	const n: number[] = [];
	const x: number[] = [];
	let kPop = 0;
	let nPop = 0;
	let nEcolesPop = 0;
	const uais: string[] = [];
	let ipsMin = Infinity;
	let ipsMax = -Infinity;
	for (const ligne of lignes) {
		if (
			ligne.annee_scolaire !== premiere.annee_scolaire ||
			ligne.competence_id !== premiere.competence_id
		) {
			throw new Error(
				'ajusterModeleIps : une seule compétence et une seule année par modèle ' +
					`(${premiere.annee_scolaire} ${premiere.competence_id} ≠ ` +
					`${ligne.annee_scolaire} ${ligne.competence_id})`
			);
		}
		const ki = compteIndicateur(ligne, indicateur);
		if (ligne.n_eleves <= 0) continue;
		if (!(ki >= 0 && ki <= ligne.n_eleves)) {
			throw new RangeError(`ajusterModeleIps : ${ki} élèves sur ${ligne.n_eleves} (${ligne.uai})`);
		}
		kPop += ki;
		nPop += ligne.n_eleves;
		nEcolesPop++;
		uais.push(ligne.uai);
		if (ligne.ips === null || !Number.isFinite(ligne.ips)) continue;
		k.push(ki);
		n.push(ligne.n_eleves);
		x.push(ligne.ips - IPS_CENTRE);
		ipsMin = Math.min(ipsMin, ligne.ips);
		ipsMax = Math.max(ipsMax, ligne.ips);
	}
	const base: ModeleBase = {
		annee_scolaire: premiere.annee_scolaire,
		competence_id: premiere.competence_id,
		niveau: premiere.niveau,
		discipline: premiere.discipline,
		indicateur,
		reference: options.reference ?? 'académie',
		source: options.source ?? premiere.source ?? SOURCE_DEFAUT,
		population: { k: kPop, n: nPop },
		n_ecoles_population: nEcolesPop,
		uai_population: uais.sort(),
		n_ecoles: k.length,
		n_eleves: n.reduce((s, v) => s + v, 0)
	};
	if (k.length < MIN_ECOLES_MODELE) {
		return {
			...base,
			statut: 'indisponible',
			raison: `${k.length} école(s) avec IPS dans la population de référence, il en faut au moins ${MIN_ECOLES_MODELE}`
		};
	}
	const kSomme = k.reduce((s, v) => s + v, 0);
	if (kSomme === 0 || kSomme === base.n_eleves || ipsMax - ipsMin < 1) {
		return {
			...base,
			statut: 'indisponible',
			raison:
				ipsMax - ipsMin < 1
					? 'tous les IPS de la population de référence sont égaux'
					: 'part identique (0 % ou 100 %) dans toute la population de référence'
		};
	}
	const ajustement = ajusterGlmm(k, n, x);
	return {
		...base,
		statut: 'ajuste',
		...ajustement,
		ips_min: ipsMin,
		ips_max: ipsMax
	};
}

/** Expected share (median school of that IPS) and the variance of its logit from (a, b). */
export function predire(
	modele: ModeleAjuste,
	ips: number
): { part: number; logit: number; variance_logit: number } {
	const x = ips - IPS_CENTRE;
	const logit = modele.a + modele.b * x;
	const [va, cab, vb] = modele.covariance;
	return { part: expit(logit), logit, variance_logit: va + 2 * x * cab + x * x * vb };
}

// ---------------------------------------------------------------------------------------------
// Numerical core, shared with the empirical-Bayes step of ecart.ts.

export function expit(eta: number): number {
	return eta >= 0 ? 1 / (1 + Math.exp(-eta)) : Math.exp(eta) / (1 + Math.exp(eta));
}

export function logit(p: number): number {
	return Math.log(p / (1 - p));
}

/**
 * Gauss–Hermite nodes and weights for ∫ f(t) e^(−t²) dt (Golub–Welsch would need an eigen
 * solver; Newton on the Hermite recurrence is the classic `gauher`, Numerical Recipes §4.5).
 */
export function gaussHermite(nb: number): { noeuds: number[]; poids: number[] } {
	const noeuds = new Array<number>(nb).fill(0);
	const poids = new Array<number>(nb).fill(0);
	const m = Math.floor((nb + 1) / 2);
	let z = 0;
	for (let i = 1; i <= m; i++) {
		if (i === 1) z = Math.sqrt(2 * nb + 1) - 1.85575 * Math.pow(2 * nb + 1, -0.16667);
		else if (i === 2) z -= (1.14 * Math.pow(nb, 0.426)) / z;
		else if (i === 3) z = 1.86 * z - 0.86 * noeuds[0];
		else if (i === 4) z = 1.91 * z - 0.91 * noeuds[1];
		else z = 2 * z - noeuds[i - 3];
		let derivee = 1;
		for (let iter = 0; iter < 100; iter++) {
			let p1 = Math.pow(Math.PI, -0.25);
			let p2 = 0;
			for (let j = 1; j <= nb; j++) {
				const p3 = p2;
				p2 = p1;
				p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
			}
			derivee = Math.sqrt(2 * nb) * p2;
			const ancien = z;
			z = ancien - p1 / derivee;
			if (Math.abs(z - ancien) <= 3e-14) break;
		}
		noeuds[i - 1] = z;
		noeuds[nb - i] = -z;
		poids[i - 1] = 2 / (derivee * derivee);
		poids[nb - i] = poids[i - 1];
	}
	return { noeuds, poids };
}

const GH = gaussHermite(NB_NOEUDS);
const LOG_POIDS_GH = GH.poids.map((w, q) => Math.log(w) + GH.noeuds[q] ** 2);
// Scratch buffers: integrerEcole is called ~10⁴ times per fit and JavaScript is single-threaded.
const LOG_W = new Float64Array(NB_NOEUDS);
const RESIDUS = new Float64Array(NB_NOEUDS);

/** Result of integrating one school's likelihood over its random effect u ~ N(0, τ²). */
export interface IntegraleEcole {
	/**
	 * log ∫ Π_t p_t(u)^k_t·(1 − p_t(u))^(n_t − k_t)·φ(u; 0, τ²) du, with p_t(u) = expit(η_t + u):
	 * the marginal likelihood without the binomial coefficients, which do not depend on the model.
	 */
	logL: number;
	/** Posterior mode of u (where the quadrature nodes are centred). */
	mode: number;
	/** Posterior mean and variance of u. */
	moyenne: number;
	variance: number;
	/** Posterior mean of Σ_t (k_t − n_t·p_t(u)): the score for the intercept. */
	residu: number;
}

/**
 * Adaptive Gauss–Hermite integration over u of Π_t Bin(k_t | n_t, expit(η_t + u)) × N(u; 0, τ²):
 * nodes centred at the posterior mode and scaled by the Laplace standard deviation, so that a
 * handful of nodes is exact to many digits whatever n (Liu & Pierce 1994). Several terms t are
 * several years of the same school sharing one effect u (multi-year pooling).
 */
export function integrerEcole(
	k: ArrayLike<number>,
	n: ArrayLike<number>,
	eta: ArrayLike<number>,
	debut: number,
	fin: number,
	tau: number,
	uInitial = 0
): IntegraleEcole {
	const inverseTau2 = 1 / (tau * tau);
	// Posterior mode by Newton: the log-posterior is strictly concave (binomial-logit is
	// log-concave, the normal prior adds −1/τ²), so damped Newton always converges.
	let u = uInitial;
	let courbure = inverseTau2;
	for (let iter = 0; iter < 50; iter++) {
		let gradient = -u * inverseTau2;
		courbure = inverseTau2;
		for (let t = debut; t < fin; t++) {
			const p = expit(eta[t] + u);
			gradient += k[t] - n[t] * p;
			courbure += n[t] * p * (1 - p);
		}
		let pas = gradient / courbure;
		if (pas > 2) pas = 2;
		else if (pas < -2) pas = -2;
		u += pas;
		// The mode only centres the nodes: 1e-8 is far below what changes the integral.
		if (Math.abs(pas) < 1e-8) break;
	}
	const sigma = 1 / Math.sqrt(courbure);
	const echelle = Math.SQRT2 * sigma;
	let max = -Infinity;
	for (let q = 0; q < NB_NOEUDS; q++) {
		const uq = u + echelle * GH.noeuds[q];
		let l = -0.5 * uq * uq * inverseTau2;
		let r = 0;
		for (let t = debut; t < fin; t++) {
			// One exponential gives both log(1 + e^η) and expit(η), without overflow.
			const e = eta[t] + uq;
			const ex = Math.exp(-Math.abs(e));
			const p = e >= 0 ? 1 / (1 + ex) : ex / (1 + ex);
			l += k[t] * e - n[t] * (Math.max(e, 0) + Math.log1p(ex));
			r += k[t] - n[t] * p;
		}
		LOG_W[q] = LOG_POIDS_GH[q] + l;
		RESIDUS[q] = r;
		if (LOG_W[q] > max) max = LOG_W[q];
	}
	let somme = 0;
	let su = 0;
	let su2 = 0;
	let sr = 0;
	for (let q = 0; q < NB_NOEUDS; q++) {
		const w = Math.exp(LOG_W[q] - max);
		const uq = u + echelle * GH.noeuds[q];
		somme += w;
		su += w * uq;
		su2 += w * uq * uq;
		sr += w * RESIDUS[q];
	}
	const moyenne = su / somme;
	return {
		logL: Math.log(echelle) - 0.5 * Math.log(2 * Math.PI) - Math.log(tau) + max + Math.log(somme),
		mode: u,
		moyenne,
		variance: Math.max(su2 / somme - moyenne * moyenne, 0),
		residu: sr / somme
	};
}

interface ResultatAjustement {
	a: number;
	b: number;
	covariance: [number, number, number];
	tau: number;
	log_vraisemblance: number;
	iterations: number;
	converge: boolean;
}

/** Binomial GLM by IRLS (McCullagh & Nelder 1989): starting values, and a fallback. */
export function ajusterGlmBinomial(
	k: readonly number[],
	n: readonly number[],
	x: readonly number[]
): { a: number; b: number; tau2Moments: number } {
	const kTotal = k.reduce((s, v) => s + v, 0);
	const nTotal = n.reduce((s, v) => s + v, 0);
	let a = logit((kTotal + 0.5) / (nTotal + 1));
	let b = 0;
	for (let iter = 0; iter < 50; iter++) {
		let s0 = 0;
		let s1 = 0;
		let s2 = 0;
		let t0 = 0;
		let t1 = 0;
		for (let i = 0; i < k.length; i++) {
			const eta = a + b * x[i];
			const p = expit(eta);
			const w = Math.max(n[i] * p * (1 - p), 1e-12);
			const z = eta + (k[i] - n[i] * p) / w;
			s0 += w;
			s1 += w * x[i];
			s2 += w * x[i] * x[i];
			t0 += w * z;
			t1 += w * x[i] * z;
		}
		const det = s0 * s2 - s1 * s1;
		const aNouveau = (s2 * t0 - s1 * t1) / det;
		const bNouveau = (s0 * t1 - s1 * t0) / det;
		const ecart = Math.abs(aNouveau - a) + Math.abs(bNouveau - b);
		a = aNouveau;
		b = bNouveau;
		if (ecart < 1e-10) break;
	}
	// Moment estimate of τ² from Pearson's X² (Williams 1982): under the random intercept,
	// E[r_i²] ≈ 1 + (n_i − 1)·p_i(1 − p_i)·τ² to first order.
	let pearson = 0;
	let denominateur = 0;
	for (let i = 0; i < k.length; i++) {
		const p = expit(a + b * x[i]);
		const v = p * (1 - p);
		pearson += (k[i] - n[i] * p) ** 2 / (n[i] * v);
		denominateur += (n[i] - 1) * v;
	}
	const tau2Moments = denominateur > 0 ? Math.max(0, (pearson - (k.length - 2)) / denominateur) : 0;
	return { a, b, tau2Moments };
}

function ajusterGlmm(
	k: readonly number[],
	n: readonly number[],
	x: readonly number[]
): ResultatAjustement {
	const nb = k.length;
	const glm = ajusterGlmBinomial(k, n, x);
	// Start on the conditional scale: marginal logit coefficients are attenuated by about
	// √(1 + 0.346·τ²) (Zeger, Liang & Albert 1988).
	const tau0 = Math.max(Math.sqrt(glm.tau2Moments), 0.05);
	const facteur = Math.sqrt(1 + 0.346 * tau0 * tau0);
	const rhoMin = Math.log(TAU_MIN);
	let theta = [glm.a * facteur, glm.b * facteur, Math.log(tau0)];
	// Two sets of buffers: the candidate of a line search is written to the spare set, and the
	// sets are swapped when it is accepted, so an accepted step costs one evaluation, not two.
	let courant = { modes: new Float64Array(nb), scores: new Float64Array(3 * nb) };
	let candidatBuffers = { modes: new Float64Array(nb), scores: new Float64Array(3 * nb) };
	const eta = new Float64Array(nb);

	const evaluer = (
		th: number[],
		depart: Float64Array,
		sortie: { modes: Float64Array; scores: Float64Array }
	): number => {
		const tau = Math.exp(th[2]);
		let total = 0;
		for (let i = 0; i < nb; i++) eta[i] = th[0] + th[1] * x[i];
		for (let i = 0; i < nb; i++) {
			const r = integrerEcole(k, n, eta, i, i + 1, tau, depart[i]);
			total += r.logL;
			sortie.modes[i] = r.mode;
			sortie.scores[3 * i] = r.residu;
			sortie.scores[3 * i + 1] = r.residu * x[i];
			sortie.scores[3 * i + 2] = (r.variance + r.moyenne * r.moyenne) / (tau * tau) - 1;
		}
		return total;
	};

	let logL = evaluer(theta, courant.modes, courant);
	let iterations = 0;
	let converge = false;
	let borne = false;
	for (; iterations < 200; iterations++) {
		const dim = borne ? 2 : 3;
		const { gradient, information } = produitsScores(courant.scores, nb, dim);
		const pas = resoudre(information, gradient);
		if (!pas) break;
		// Convergence on the score scaled by its own variance (a Newton decrement), which does not
		// depend on the units of the parameters.
		const decrement = gradient.reduce((s, g, j) => s + g * pas[j], 0);
		if (decrement < 1e-8) {
			converge = true;
			break;
		}
		let lambda = 1;
		let accepte = false;
		for (let essai = 0; essai < 30; essai++) {
			const candidat = theta.slice();
			for (let j = 0; j < dim; j++) candidat[j] += lambda * pas[j];
			if (candidat[2] < rhoMin) candidat[2] = rhoMin;
			const l = evaluer(candidat, courant.modes, candidatBuffers);
			if (l >= logL - 1e-12) {
				theta = candidat;
				logL = l;
				[courant, candidatBuffers] = [candidatBuffers, courant];
				accepte = true;
				break;
			}
			lambda /= 2;
		}
		if (!accepte) {
			converge = decrement < 1e-4;
			break;
		}
		// At the τ floor with the likelihood still pushing down, the optimum is on the boundary:
		// keep τ there and optimise (a, b) only.
		if (!borne && theta[2] <= rhoMin && gradientRho(courant.scores, nb) < 0) borne = true;
	}
	const dim = borne ? 2 : 3;
	const { information } = produitsScores(courant.scores, nb, dim);
	const inverse = inverser(information);
	const covariance: [number, number, number] = inverse
		? [inverse[0][0], inverse[0][1], inverse[1][1]]
		: [NaN, NaN, NaN];
	return {
		a: theta[0],
		b: theta[1],
		covariance,
		tau: Math.exp(theta[2]),
		log_vraisemblance: logL,
		iterations,
		converge
	};
}

function gradientRho(scores: Float64Array, nb: number): number {
	let g = 0;
	for (let i = 0; i < nb; i++) g += scores[3 * i + 2];
	return g;
}

/** Total score and outer-product-of-scores information (BHHH). */
function produitsScores(
	scores: Float64Array,
	nb: number,
	dim: number
): { gradient: number[]; information: number[][] } {
	const gradient = new Array<number>(dim).fill(0);
	const information = Array.from({ length: dim }, () => new Array<number>(dim).fill(0));
	for (let i = 0; i < nb; i++) {
		for (let j = 0; j < dim; j++) {
			const sj = scores[3 * i + j];
			gradient[j] += sj;
			for (let l = 0; l <= j; l++) information[j][l] += sj * scores[3 * i + l];
		}
	}
	for (let j = 0; j < dim; j++) for (let l = 0; l < j; l++) information[l][j] = information[j][l];
	return { gradient, information };
}

/** Inverse of a small symmetric positive-definite matrix (Gauss–Jordan), or null if singular. */
function inverser(m: number[][]): number[][] | null {
	const d = m.length;
	const a = m.map((ligne, i) => [...ligne, ...ligne.map((_, j) => (i === j ? 1 : 0))]);
	for (let c = 0; c < d; c++) {
		let pivot = c;
		for (let r = c + 1; r < d; r++) if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) pivot = r;
		if (Math.abs(a[pivot][c]) < 1e-300) return null;
		[a[c], a[pivot]] = [a[pivot], a[c]];
		const v = a[c][c];
		for (let j = 0; j < 2 * d; j++) a[c][j] /= v;
		for (let r = 0; r < d; r++) {
			if (r === c) continue;
			const f = a[r][c];
			if (f !== 0) for (let j = 0; j < 2 * d; j++) a[r][j] -= f * a[c][j];
		}
	}
	return a.map((ligne) => ligne.slice(d));
}

function resoudre(m: number[][], v: number[]): number[] | null {
	const inverse = inverser(m);
	if (!inverse) return null;
	return inverse.map((ligne) => ligne.reduce((s, x, j) => s + x * v[j], 0));
}
