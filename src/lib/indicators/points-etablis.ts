/**
 * Points that hold up: which gaps a page may assert as « point d'appui » / « point de vigilance »
 * (established), which it may only show as « signal à confirmer », and how many signals chance
 * alone gives on a page.
 *
 * Why: each cell's test keeps its false alarms under 5 % (ecart.ts), but a page shows ~39 of them
 * and most cells have no real effect: in a simulated académie where 70 % of schools sit on their
 * curve, three points out of four were false (issue #15). A claim must survive a control of the
 * false discoveries over all the tests shown together.
 *
 * Design (docs/methodologie.md, « Pour les spécialistes »):
 * - The test of a cell is the interval Pilotage already shows (exact Clopper–Pearson share
 *   combined by MOVER with the expected share's uncertainty). Its p-value is that interval
 *   inverted: the smallest 1 − confiance at which it excludes 0 (`pValeurEcart`). So a cell is a
 *   signal exactly when its displayed 95 % interval excludes 0: the old classification, unchanged.
 * - The family is every cell of the académie in one analysis (one indicator; pooled three years,
 *   or the latest year alone): tens of thousands of tests, computed once per data state. A page
 *   shows a subset; the status of a cell is the same on every page, every chart and every CSV.
 *   Per-page families would give a cell two statuses (school page vs heat map) and make a school
 *   with one strong weakness among 39 competences pay for the 38 others.
 * - Benjamini–Hochberg at q = 10 % over the family (`benjaminiHochberg`). Established = signal
 *   and rejected by BH. BH controls the expected share of false points at π₀·q ≤ q under
 *   independence or positive dependence (Benjamini & Yekutieli 2001), which is how cells of one
 *   school move together; discrete exact p-values make it more conservative still. Storey's
 *   adaptive π₀ would gain little here (π₀ ≥ 0.8 in every realistic scenario) and its estimate
 *   is biased by discrete p-values; a local fdr from an empirical-Bayes mixture would need the
 *   alternative's distribution, which the calibration shows we cannot pin down for small schools.
 */
import { gammaln } from 'simple-statistics';
import type { RaisonNonClasse, ResultatEcart } from './ecart';
import { evaluerEcoles, type OptionsEcart } from './ecart';
import type { CatalogueModeles } from './modele-ips';
import type { Indicateur, LigneEvaluation } from './types';
import { quantileNormal, queueBinomiale, verifierComptes } from './wilson';

/** False-discovery rate Pilotage accepts among established points (issue #15: ≤ 10 %). */
export const Q_DEFAUT = 0.1;

/** Years pooled by default for a school's diagnosis: the stable part of what a team does. */
export const ANNEES_CUMUL = 3;

export type StatutPoint =
	'point_appui' | 'point_vigilance' | 'a_confirmer' | 'rien' | 'insuffisant';

/** Same sign as the pooled gap in how many of the years with at least SEUIL_MASQUAGE pupils. */
export interface Persistance {
	annees_evaluees: number;
	meme_sens: number;
	/** meme_sens ≥ 2: the gap is not one cohort's. */
	persistant: boolean;
}

export interface PointTeste {
	statut: StatutPoint;
	/** Side of the gap when it is a signal or a point (for `a_confirmer`, which way it points). */
	sens: 'appui' | 'vigilance' | null;
	/**
	 * p-value of the cell's test (its interval inverted); null when not tested (`insuffisant`) or
	 * when above the signal level 1 − confiance (not needed: such a cell is never a point).
	 */
	p_valeur: number | null;
	/**
	 * Probability that this cell shows a signal by chance alone, were the school exactly on its
	 * curve (exact binomial size of the test; ≤ 1 − confiance, smaller for small n). 0 untested.
	 */
	hasard: number;
	/** Years whose pupils are counted, most recent first, with their pupils. */
	annees_cumulees: string[];
	n_par_annee: { annee_scolaire: string; n: number }[];
	persistance: Persistance | null;
	/** Why nothing is said (`insuffisant`): too few pupils, no IPS, no model, IPS out of range. */
	raison?: RaisonNonClasse;
}

export interface FamillePoints {
	q: number;
	/** Signal level: 1 − confiance of the cells' intervals (0.05). */
	alpha: number;
	/** Cells tested (classified, i.e. not `insuffisant`): the m of BH. */
	nombre_tests: number;
	nombre_signaux: number;
	nombre_etablis: number;
	/** Largest p-value established (BH's threshold); 0 when none. */
	seuil_p: number;
	/** Σ hasard over the family: signals expected if no cell had any effect. */
	signaux_par_hasard: number;
	/** One per input result, same order. */
	points: PointTeste[];
}

// ---------------------------------------------------------------------------------------------
// The cell's test.

/**
 * p-value of the gap between k/n and an expected share known up to a standard error: the
 * smallest α at which Pilotage's interval (exact Clopper–Pearson share, MOVER with ±z·σ of the
 * expected share) excludes 0. With σ = 0 it is the exact two-sided binomial test (twice the
 * smaller tail), which the Clopper–Pearson interval inverts. Monotone: p ≤ 1 − confiance exactly
 * when the interval at that confidence excludes 0.
 */
export function pValeurEcart(k: number, n: number, attendu: number, ecartType = 0): number {
	verifierComptes(k, n);
	if (n === 0 || !(attendu > 0 && attendu < 1)) return 1;
	// Mirror a gap below expected into one above: Clopper–Pearson is symmetric in k ↔ n − k.
	const dessous = k / n < attendu;
	const kk = dessous ? n - k : k;
	const a = dessous ? 1 - attendu : attendu;
	const observe = kk / n;
	const ecart = observe - a;
	if (ecart <= 0) return 1;
	// Level of the interval whose lower Clopper–Pearson bound is b: P(X ≥ k | b) = α/2.
	const alphaDe = (b: number) => Math.min(1, 2 * queueBinomiale(kk, n, b, 'superieure'));
	if (!(ecartType > 0)) return alphaDe(a);
	// The interval's lower end, as a function of that bound b: increasing on [a, observe] (a
	// higher b is a lower level, so a smaller z too), ≤ 0 at b = a and = ecart > 0 at b = observe.
	const basIntervalle = (b: number) => {
		const alpha = Math.max(alphaDe(b), 1e-15);
		const z = alpha >= 1 ? 0 : quantileNormal(1 - alpha / 2);
		return ecart - Math.hypot(observe - b, z * ecartType);
	};
	let bas = a;
	let haut = observe;
	// Bisection: 45 halvings bring b within 1e-13 of the root, far below any displayed digit.
	for (let i = 0; i < 45; i++) {
		const milieu = (bas + haut) / 2;
		if (basIntervalle(milieu) > 0) haut = milieu;
		else bas = milieu;
	}
	return alphaDe(haut);
}

/**
 * Probability that an exact two-sided binomial test at level α rejects when k ~ Bin(n, p): the
 * real false-alarm rate of a cell of n pupils on its curve (≤ α, much less for small n: with
 * 12 pupils no count may be extreme enough). The expected share's own uncertainty only widens the
 * interval, so this is a slight overstatement for Pilotage's test.
 */
export function probabiliteSignal(n: number, p: number, alpha: number): number {
	if (n <= 0 || !(p > 0 && p < 1)) return 0;
	// Probabilities from the mode outwards (no underflow at n = 300, p = 0.95).
	const mode = Math.min(n, Math.floor((n + 1) * p));
	const masse = new Float64Array(n + 1);
	masse[mode] = Math.exp(
		gammaln(n + 1) -
			gammaln(mode + 1) -
			gammaln(n - mode + 1) +
			mode * Math.log(p) +
			(n - mode) * Math.log1p(-p)
	);
	const r = p / (1 - p);
	for (let j = mode; j < n; j++) masse[j + 1] = masse[j] * ((n - j) / (j + 1)) * r;
	for (let j = mode; j > 0; j--) masse[j - 1] = (masse[j] * (j / (n - j + 1))) / r;
	let taille = 0;
	// Upper tail: rejected while P(X ≥ j) ≤ α/2, from j = n down.
	let queue = 0;
	for (let j = n; j >= 0; j--) {
		if (queue + masse[j] > alpha / 2) break;
		queue += masse[j];
	}
	taille += queue;
	queue = 0;
	for (let j = 0; j <= n; j++) {
		if (queue + masse[j] > alpha / 2) break;
		queue += masse[j];
	}
	return taille + queue;
}

// ---------------------------------------------------------------------------------------------
// The family.

/**
 * Benjamini–Hochberg step-up (1995): rejects the r smallest p-values, r the largest rank with
 * p₍ᵣ₎ ≤ q·r/m. m is the number of p-values given (untested cells are left out by the caller;
 * cells above the signal level may be passed as 1).
 */
export function benjaminiHochberg(
	pValeurs: readonly number[],
	q: number = Q_DEFAUT
): { rejete: boolean[]; seuil: number; nombre: number } {
	if (!(q > 0 && q < 1)) throw new RangeError(`q hors de ]0, 1[ : ${q}`);
	const m = pValeurs.length;
	const ordre = pValeurs
		.map((p, i) => {
			if (!(p >= 0 && p <= 1)) throw new RangeError(`p-valeur hors de [0, 1] : ${p}`);
			return i;
		})
		.sort((i, j) => pValeurs[i] - pValeurs[j]);
	let r = 0;
	for (let rang = m; rang >= 1; rang--) {
		if (pValeurs[ordre[rang - 1]] <= (q * rang) / m) {
			r = rang;
			break;
		}
	}
	const rejete = new Array<boolean>(m).fill(false);
	for (let i = 0; i < r; i++) rejete[ordre[i]] = true;
	return { rejete, seuil: r > 0 ? pValeurs[ordre[r - 1]] : 0, nombre: r };
}

/**
 * One cell's test, before the family's control: `insuffisant`, `rien`, or `a_confirmer` with
 * its p-value. The costly part (exact tails, bisection), one cell at a time so that a caller may
 * spread an académie's tens of thousands of cells over idle periods (`conclureFamille` then).
 */
export function testerCellule(r: ResultatEcart, alpha: number): PointTeste {
	const annees = r.pooled_years ?? [r.annee_scolaire];
	const nParAnnee = r.ecarts_annuels?.map(({ annee_scolaire, n }) => ({ annee_scolaire, n })) ?? [
		{ annee_scolaire: r.annee_scolaire, n: r.n }
	];
	if (r.classement === 'non_classe' || r.attendu === null || r.observe.masque) {
		return {
			statut: 'insuffisant',
			sens: null,
			p_valeur: null,
			hasard: 0,
			annees_cumulees: annees,
			n_par_annee: nParAnnee,
			persistance: null,
			raison: r.raison ?? 'effectif_insuffisant'
		};
	}
	const signal = r.classement === 'point_appui' || r.classement === 'point_vigilance';
	// Only signals can become points, so only their p-value is computed (the others count in
	// m as p = 1, which keeps BH valid: a larger p-value is still a valid one).
	const p = signal
		? Math.min(alpha, pValeurEcart(r.observe.k, r.n, r.attendu, r.ecart_type_attendu ?? 0))
		: null;
	return {
		statut: signal ? 'a_confirmer' : 'rien',
		sens: signal ? (r.classement === 'point_appui' ? 'appui' : 'vigilance') : null,
		p_valeur: p,
		hasard: probabiliteSignal(r.n, r.attendu, alpha),
		annees_cumulees: annees,
		n_par_annee: nParAnnee,
		persistance: persistance(r)
	};
}

/**
 * The family's control over cells already tested (`testerCellule`, same α): Benjamini–Hochberg
 * at q over every tested cell; the signals it rejects become points. Mutates and returns
 * `points`' statuses in a `FamillePoints`.
 */
export function conclureFamille(
	points: PointTeste[],
	alpha: number,
	q: number = Q_DEFAUT
): FamillePoints {
	const pTests: number[] = [];
	const indices: number[] = [];
	let signaux = 0;
	let hasardTotal = 0;
	points.forEach((point, i) => {
		if (point.statut === 'insuffisant') return;
		hasardTotal += point.hasard;
		if (point.statut === 'a_confirmer') signaux++;
		indices.push(i);
		pTests.push(point.p_valeur ?? 1);
	});
	const bh = benjaminiHochberg(pTests, q);
	let etablis = 0;
	bh.rejete.forEach((rejete, j) => {
		const point = points[indices[j]];
		if (rejete && point.statut === 'a_confirmer') {
			point.statut = point.sens === 'appui' ? 'point_appui' : 'point_vigilance';
			etablis++;
		}
	});
	return {
		q,
		alpha,
		nombre_tests: pTests.length,
		nombre_signaux: signaux,
		nombre_etablis: etablis,
		seuil_p: etablis > 0 ? bh.seuil : 0,
		signaux_par_hasard: hasardTotal,
		points
	};
}

/** One confidence level per family: its α (the signal level), checked over the cells. */
export function alphaFamille(resultats: readonly ResultatEcart[]): number {
	const confiance = resultats[0]?.confiance ?? 0.95;
	for (const r of resultats) {
		if (r.confiance !== confiance) {
			throw new Error('etablirPoints : un seul niveau de confiance par famille');
		}
	}
	return 1 - confiance;
}

/**
 * Statuses of a family of cells, each a `ResultatEcart` of one school × competence (pooled years
 * or one year, one indicator, one confidence level). Give the whole académie's cells of one
 * analysis: see the module's comment for why the family is not a page.
 */
export function etablirPoints(
	resultats: readonly ResultatEcart[],
	options: { q?: number } = {}
): FamillePoints {
	const alpha = alphaFamille(resultats);
	return conclureFamille(
		resultats.map((r) => testerCellule(r, alpha)),
		alpha,
		options.q ?? Q_DEFAUT
	);
}

function persistance(r: ResultatEcart): Persistance | null {
	if (!r.ecarts_annuels || r.ecart === null || r.ecart === 0) return null;
	const evaluees = r.ecarts_annuels.filter((a) => a.ecart !== null);
	if (evaluees.length < 2) return null;
	const meme = evaluees.filter((a) => Math.sign(a.ecart!) === Math.sign(r.ecart!)).length;
	return { annees_evaluees: evaluees.length, meme_sens: meme, persistant: meme >= 2 };
}

export type Analyse = 'cumul' | 'annee';

export interface OptionsFamille {
	/** 'cumul' (default): the last ANNEES_CUMUL years pooled; 'annee': the year alone. */
	analyse?: Analyse;
	/** Year of the diagnosis (default: the most recent year of each school × competence). */
	annee_scolaire?: string;
	indicateur?: Indicateur;
	confiance?: number;
	q?: number;
	marge_ips?: number;
}

export interface ResultatFamille extends FamillePoints {
	analyse: Analyse;
	resultats: ResultatEcart[];
	/** `${uai}|${competence_id}` → position in `resultats` and `points`. */
	index: Map<string, number>;
}

/**
 * The académie's family for one analysis, from all its rows (every school, competence and year)
 * and its models: what the background preparation computes once per data state. Cells of a
 * school × competence absent from `annee_scolaire` are left out (no current diagnosis).
 */
export function evaluerFamille(
	lignes: readonly LigneEvaluation[],
	modeles: CatalogueModeles,
	options: OptionsFamille = {}
): ResultatFamille {
	const resultats = evaluerEcoles(lignes, modeles, optionsEcartFamille(options));
	return assemblerFamille(etablirPoints(resultats, { q: options.q }), options, resultats);
}

/** What `evaluerEcoles` is asked for one analysis of a family. */
export function optionsEcartFamille(options: OptionsFamille): OptionsEcart {
	const analyse = options.analyse ?? 'cumul';
	return {
		indicateur: options.indicateur,
		confiance: options.confiance,
		annee_scolaire: options.annee_scolaire,
		marge_ips: options.marge_ips,
		// Tens of thousands of cells kept for the session; no view reads their comparison with
		// the population (the school page computes its own cells in full).
		comparer_population: false,
		...(analyse === 'cumul'
			? { regrouper_toujours: true, max_annees: ANNEES_CUMUL }
			: { regrouper: false })
	};
}

/** A family's statuses with its results and their index (`evaluerFamille`'s answer). */
export function assemblerFamille(
	famille: FamillePoints,
	options: OptionsFamille,
	resultats: ResultatEcart[]
): ResultatFamille {
	return {
		...famille,
		analyse: options.analyse ?? 'cumul',
		resultats,
		index: new Map(resultats.map((r, i) => [`${r.uai}|${r.competence_id}`, i]))
	};
}

// ---------------------------------------------------------------------------------------------
// What a page says about its own cells.

export interface ResumePoints {
	/** Cells of the page that were tested. */
	nombre_tests: number;
	nombre_insuffisants: number;
	points_appui: number;
	points_vigilance: number;
	a_confirmer: number;
	/** Signals chance alone would give on these cells (Σ hasard). */
	signaux_par_hasard: number;
}

/** Counts for a page's subset of a family (e.g. one school's ~39 cells). */
export function resumerPoints(points: readonly PointTeste[]): ResumePoints {
	const resume: ResumePoints = {
		nombre_tests: 0,
		nombre_insuffisants: 0,
		points_appui: 0,
		points_vigilance: 0,
		a_confirmer: 0,
		signaux_par_hasard: 0
	};
	for (const p of points) {
		if (p.statut === 'insuffisant') {
			resume.nombre_insuffisants++;
			continue;
		}
		resume.nombre_tests++;
		resume.signaux_par_hasard += p.hasard;
		if (p.statut === 'point_appui') resume.points_appui++;
		else if (p.statut === 'point_vigilance') resume.points_vigilance++;
		else if (p.statut === 'a_confirmer') resume.a_confirmer++;
	}
	return resume;
}

/**
 * « Sur 39 compétences, environ 2 écarts de cette taille apparaissent par hasard. » The honest
 * reading of a page's signals: how many a school exactly on its curve would show anyway.
 */
export function phraseHasard(resume: ResumePoints, unite = 'compétences'): string {
	const m = resume.nombre_tests;
	const attendu = Math.round(resume.signaux_par_hasard);
	const debut = `Sur ${m} ${unite}`;
	if (attendu === 0)
		return `${debut}, moins d’un écart de cette taille apparaît en moyenne par hasard.`;
	if (attendu === 1) return `${debut}, environ 1 écart de cette taille apparaît par hasard.`;
	return `${debut}, environ ${attendu} écarts de cette taille apparaissent par hasard.`;
}
