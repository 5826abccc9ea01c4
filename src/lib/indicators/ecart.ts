/**
 * Gap between a school's result and what is expected given its IPS, and the only claims Pilotage
 * makes from it: « point d'appui », « point de vigilance », or « conforme à l'attendu ».
 *
 * What counts as an effect: the school's true level is what it would obtain on average over many
 * cohorts like this one. Any difference between that level and the IPS curve is real (a school
 * that is really 10 points below its curve is a fact worth knowing, whatever the reason); only
 * the luck of which pupils sat the test this year is not. So the interval is about sampling
 * error: the observed share's exact (Clopper–Pearson) interval, combined by MOVER with the small
 * uncertainty of the expected share, and a flag is raised only when it excludes 0.
 *
 * Why exact rather than Wilson here: for a school exactly on its curve, the flag rate must stay
 * ≤ 5 % at every size. Wilson's is about 5 % on average (5.2 % above 30 pupils in the
 * calibration) and reaches 8 % for some n and p; Clopper–Pearson's never exceeds 5 % (1–4 % on
 * average per size band), for a small loss of detection. Below SEUIL_MASQUAGE pupils nothing is shown, so nothing is claimed.
 *
 * Why not classify on an empirical-Bayes (shrunken) interval: it is even more cautious for schools
 * without effect, but it also misses most real effects of 10–15 points in schools under 30
 * pupils (see `simulerCalibration`); with the masking and the exact interval, small schools are
 * already not over-read. The shrunken estimate is still computed (`ecart_estime`) to order lists,
 * where raw gaps would put the smallest schools at both ends by chance (Morris 1983; Goldstein &
 * Spiegelhalter 1996).
 */
import { formatDecimal, formatPart, formatPoints } from '../format/index.ts';
import { expliquerALaDemande } from './explication';
import { regrouperAnnees } from './masquage';
import {
	cleModele,
	expit,
	integrerEcole,
	predire,
	type CatalogueModeles,
	type ModeleAjuste,
	type ModeleIps
} from './modele-ips';
import {
	CONFIANCE_DEFAUT,
	SEUIL_MASQUAGE,
	SOURCE_DEFAUT,
	compteIndicateur,
	type Comptes,
	type Indicateur,
	type Intervalle,
	type LigneEvaluation,
	type PartAffichable,
	type Provenance
} from './types';
import {
	clopperPearson,
	differenceMover,
	estimationWilson,
	partAffichable,
	verifierComptes,
	zBilateral
} from './wilson';

export type Classement = 'point_appui' | 'point_vigilance' | 'conforme' | 'non_classe';

export type RaisonNonClasse =
	'effectif_insuffisant' | 'ips_absent' | 'modele_indisponible' | 'ips_hors_domaine';

export interface OptionsEcart {
	indicateur?: Indicateur;
	confiance?: number;
	/** Year to report (default: the most recent in the rows). */
	annee_scolaire?: string;
	/** Pool up to `max_annees` years when the reported year has too few pupils (default true). */
	regrouper?: boolean;
	max_annees?: number;
	/** Pool the `max_annees` years whatever the size: a labelled multi-year view. */
	regrouper_toujours?: boolean;
	/**
	 * How far (IPS points) outside the IPS range of the reference schools an expectation may still
	 * be computed. Default 0: an expectation outside the data would be an extrapolation.
	 */
	marge_ips?: number;
	/**
	 * Compute `comparaison_population` (default true). False where results are kept by the
	 * thousand and no view reads it (the académie's families of points, the members of a
	 * circonscription's or network's aggregates): with its sentence, its source and its interval
	 * it was a third of the families' memory (docs/banc.md).
	 */
	comparer_population?: boolean;
}

export interface ResultatEcart extends Provenance {
	uai: string;
	niveau: string;
	discipline: string;
	competence_id: string;
	indicateur: Indicateur;
	confiance: number;
	ips: number | null;
	/** The observed share (masked under SEUIL_MASQUAGE pupils). */
	observe: PartAffichable;
	/** Expected share given the IPS (n-weighted over pooled years); null when none. */
	attendu: number | null;
	/** Observed − expected, in share (0.07 = 7 points); null when masked or no expectation. */
	ecart: number | null;
	/** Interval for the school's true gap, in share; the classification reads it. */
	intervalle: Intervalle | null;
	/**
	 * Empirical-Bayes estimate of the true gap, pulled towards 0 the more the smaller the school.
	 * To order lists of schools (so that a 10-pupil school is not at the top by chance), never to
	 * classify.
	 */
	ecart_estime: number | null;
	/**
	 * Standard error of `attendu` (delta method over the pooled years' models), the second term of
	 * the interval: with `observe` it lets `points-etablis.ts` turn the interval into a p-value.
	 * Present when a gap is computed.
	 */
	ecart_type_attendu?: number;
	/**
	 * Each retained year's own gap (observed − expected), most recent first; `ecart` is null for a
	 * year under SEUIL_MASQUAGE pupils, whose share is never shown or read. For persistence (same
	 * sign in ≥ 2 of 3 years). Present when a gap is computed.
	 */
	ecarts_annuels?: EcartAnnuel[];
	classement: Classement;
	raison?: RaisonNonClasse;
	/**
	 * With pooled years: the years whose own figures must not be shown next to this one (a masked
	 * year would otherwise be the pooled figure minus the others).
	 */
	annees_a_masquer?: string[];
	/** One sentence in plain French saying what the figure means. */
	explication: string;
	/**
	 * The school against the rest of its reference population: offered to every school, and the
	 * only comparison for those without IPS. Null without a model, or when not asked
	 * (`comparer_population: false`).
	 */
	comparaison_population: ResultatComparaison | null;
	modele: {
		reference: string;
		tau: number;
		n_ecoles: number;
	} | null;
}

export interface EcartAnnuel {
	annee_scolaire: string;
	n: number;
	ecart: number | null;
}

/**
 * Evaluates one school on one competence. `lignes` are that school's rows for that competence,
 * one per year (several years allow pooling). Models come from `ajusterModelesIps` on the
 * reference population.
 */
export function evaluerEcole(
	lignes: readonly LigneEvaluation[],
	modeles: CatalogueModeles,
	options: OptionsEcart = {}
): ResultatEcart {
	const indicateur = options.indicateur ?? 'satisfaisant';
	const confiance = options.confiance ?? CONFIANCE_DEFAUT;
	const regroupement = regrouperAnnees(lignes, {
		annee_scolaire: options.annee_scolaire,
		max_annees: options.regrouper === false ? 1 : (options.max_annees ?? 3),
		toujours: options.regrouper_toujours
	});
	const retenues = regroupement.lignes;
	const courante = retenues[0];
	const n = regroupement.n;
	const k = retenues.reduce((s, l) => s + compteIndicateur(l, indicateur), 0);
	verifierComptes(k, n);
	const base = {
		uai: courante.uai,
		niveau: courante.niveau,
		discipline: courante.discipline,
		competence_id: courante.competence_id,
		indicateur,
		confiance,
		ips: courante.ips,
		n,
		annee_scolaire: courante.annee_scolaire,
		...(regroupement.regroupe
			? { pooled_years: regroupement.annees, annees_a_masquer: regroupement.annees_a_masquer }
			: {}),
		observe: partAffichable(k, n, confiance),
		comparaison_population:
			options.comparer_population === false
				? null
				: comparerPopulation({ k, n }, retenues, modeles, indicateur, confiance)
	};
	const source = (m?: ModeleIps) =>
		partager(
			`${courante.source ?? SOURCE_DEFAUT}, ${regroupement.libelle}` +
				(m?.statut === 'ajuste'
					? ` ; attendu : modèle IPS, ${m.reference} (${m.n_ecoles} écoles)`
					: '')
		);
	const nonClasse = (
		raison: RaisonNonClasse,
		explication: string,
		modele?: ModeleIps
	): ResultatEcart => ({
		...base,
		source: source(modele),
		attendu: null,
		ecart: null,
		intervalle: null,
		ecart_estime: null,
		classement: 'non_classe',
		raison,
		explication: partager(explication),
		modele: null
	});

	if (n < SEUIL_MASQUAGE) {
		return nonClasse(
			'effectif_insuffisant',
			`Moins de ${SEUIL_MASQUAGE} élèves évalués` +
				(options.regrouper === false ? '' : ', même en cumulant les années disponibles') +
				' : le résultat n’est pas affiché et aucune conclusion n’en est tirée.'
		);
	}
	if (courante.ips === null || !Number.isFinite(courante.ips)) {
		return nonClasse(
			'ips_absent',
			'L’IPS de l’école n’est pas publié (école maternelle, ou « NS » pour un petit effectif) : ' +
				'pas de résultat attendu, l’école est seulement comparée à l’ensemble des écoles de référence.'
		);
	}
	// Every pooled year needs its own model: tests and thresholds change between years.
	const termes: { ligne: LigneEvaluation; modele: ModeleAjuste; ips: number }[] = [];
	for (const ligne of retenues) {
		const modele = modeles.get(cleModele(ligne.annee_scolaire, ligne.competence_id, indicateur));
		if (!modele || modele.statut !== 'ajuste') {
			return nonClasse(
				'modele_indisponible',
				`Pas de résultat attendu pour ${ligne.annee_scolaire} : ` +
					(modele?.statut === 'indisponible'
						? modele.raison
						: 'la population de référence n’a pas été importée') +
					'.',
				modele
			);
		}
		// IPS moves slowly: an earlier year without IPS borrows the reported year's.
		termes.push({ ligne, modele, ips: ligne.ips ?? courante.ips });
	}
	const marge = options.marge_ips ?? 0;
	for (const t of termes) {
		if (t.ips < t.modele.ips_min - marge || t.ips > t.modele.ips_max + marge) {
			return nonClasse(
				'ips_hors_domaine',
				`L’IPS de l’école (${formatDecimal(t.ips)}) est hors de l’étendue des écoles de référence ` +
					`(${formatDecimal(t.modele.ips_min)} à ${formatDecimal(t.modele.ips_max)}) : ` +
					'un résultat attendu serait une extrapolation.',
				t.modele
			);
		}
	}

	const ns = termes.map((t) => t.ligne.n_eleves);
	const predictions = termes.map((t) => predire(t.modele, t.ips));
	const etas = predictions.map((p) => p.logit);
	const attendu = predictions.reduce((s, p, i) => s + ns[i] * p.part, 0) / n;
	// Standard error of the expected share (delta method, dp = p(1 − p)·dlogit); the years' models
	// are fitted independently, so their errors add in quadrature.
	const ecartTypeAttendu = Math.sqrt(
		predictions.reduce(
			(s, p, i) => s + ((ns[i] / n) * p.part * (1 - p.part)) ** 2 * p.variance_logit,
			0
		)
	);
	const observe = k / n;
	const exact = clopperPearson(k, n, confiance);
	const z = zBilateral(confiance);
	// MOVER (Zou & Donner 2008): the exact interval of the observed share combined with the
	// (small, symmetric) interval of the expected share.
	const ecart = observe - attendu;
	const intervalle: Intervalle = {
		bas: ecart - Math.hypot(observe - exact.bas, z * ecartTypeAttendu),
		haut: ecart + Math.hypot(exact.haut - observe, z * ecartTypeAttendu),
		confiance
	};
	const classement = classer(intervalle, indicateur);

	// Empirical-Bayes estimate of the true gap, for ordering lists only: posterior mean of the
	// school effect u under u ~ N(0, τ²), one effect shared by the pooled years.
	const ks = termes.map((t) => compteIndicateur(t.ligne, indicateur));
	const tau = Math.sqrt(termes.reduce((s, t) => s + t.modele.tau ** 2, 0) / termes.length);
	const posterior = integrerEcole(ks, ns, etas, 0, termes.length, tau);
	const ecartEstime =
		etas.reduce((s, eta, i) => s + ns[i] * (expit(eta + posterior.moyenne) - expit(eta)), 0) / n;

	const modele = termes[0].modele;
	// The sentence is written when a view first reads it (explication.ts).
	return expliquerALaDemande({
		...base,
		source: source(modele),
		attendu,
		ecart,
		intervalle,
		ecart_estime: ecartEstime,
		ecart_type_attendu: ecartTypeAttendu,
		ecarts_annuels: termes.map((t, i) => ({
			annee_scolaire: t.ligne.annee_scolaire,
			n: ns[i],
			ecart: ns[i] >= SEUIL_MASQUAGE ? ks[i] / ns[i] - predictions[i].part : null
		})),
		classement,
		modele: resumeModele(modele)
	});
}

/**
 * One copy of each text many results repeat (sources, sentences of cells too small): the
 * families and analyses keep tens of thousands of results. Emptied past a few thousand texts.
 */
const textes = new Map<string, string>();
function partager(texte: string): string {
	const connu = textes.get(texte);
	if (connu !== undefined) return connu;
	if (textes.size >= 4096) textes.clear();
	textes.set(texte, texte);
	return texte;
}

/** One summary per fitted model, shared by its results (read-only, like every result). */
const resumes = new WeakMap<ModeleAjuste, NonNullable<ResultatEcart['modele']>>();
function resumeModele(modele: ModeleAjuste): NonNullable<ResultatEcart['modele']> {
	let resume = resumes.get(modele);
	if (!resume) {
		resume = { reference: modele.reference, tau: modele.tau, n_ecoles: modele.n_ecoles };
		resumes.set(modele, resume);
	}
	return resume;
}

/**
 * Evaluates every school × competence found in `lignes` (all years present: each group is
 * reported for `options.annee_scolaire`, default its most recent year).
 */
export function evaluerEcoles(
	lignes: readonly LigneEvaluation[],
	modeles: CatalogueModeles,
	options: OptionsEcart = {}
): ResultatEcart[] {
	const groupes = new Map<string, LigneEvaluation[]>();
	for (const ligne of lignes) {
		const cle = `${ligne.uai}|${ligne.competence_id}`;
		let groupe = groupes.get(cle);
		if (!groupe) groupes.set(cle, (groupe = []));
		groupe.push(ligne);
	}
	const resultats: ResultatEcart[] = [];
	for (const groupe of groupes.values()) {
		if (
			options.annee_scolaire &&
			!groupe.some((l) => l.annee_scolaire === options.annee_scolaire)
		) {
			continue;
		}
		resultats.push(evaluerEcole(groupe, modeles, options));
	}
	return resultats;
}

/**
 * A flag needs the whole interval on one side of 0. For the share à besoins, above expected is
 * the worrying side.
 */
export function classer(intervalle: Intervalle, indicateur: Indicateur): Classement {
	const favorable = indicateur === 'satisfaisant' ? 'point_appui' : 'point_vigilance';
	const defavorable = indicateur === 'satisfaisant' ? 'point_vigilance' : 'point_appui';
	if (intervalle.bas > 0) return favorable;
	if (intervalle.haut < 0) return defavorable;
	return 'conforme';
}

// ---------------------------------------------------------------------------------------------
// Comparisons with published or pooled figures (circonscription, département, académie, France).

export type PositionReference = 'au_dessus' | 'en_dessous' | 'comparable' | 'non_classe';

export interface ReferenceExterne {
	/** « circonscription Dijon Est », « académie de Dijon », « France »… */
	libelle: string;
	annee_scolaire: string;
	source: string;
	/**
	 * Pooled counts when known (their own sampling error is then included), or a published share
	 * in 0–1 (DEPP's France figure: treated as exact).
	 */
	comptes?: Comptes;
	part?: number;
	/**
	 * True when the compared unit's pupils are inside the reference counts (a school inside its
	 * circonscription): they are then taken out, so that the unit is not compared with itself.
	 */
	inclut_unite?: boolean;
}

export interface ResultatComparaison extends Provenance {
	reference: string;
	part_reference: number;
	observe: PartAffichable;
	/** Observed share − reference share; null when masked. */
	ecart: number | null;
	intervalle: Intervalle | null;
	position: PositionReference;
	raison?: 'effectif_insuffisant' | 'reference_vide';
	explication: string;
}

/**
 * Raw comparison of a share with a reference figure (no IPS adjustment): difference with a MOVER
 * interval (Newcombe 1998; Zou & Donner 2008) built, like the gap to the expected share, from the
 * exact interval of the unit's share (so that « au-dessus » / « en dessous » keeps the same ≤ 5 %
 * false-alarm bound) and the Wilson interval of the reference counts (large: Wilson is accurate
 * there). « au-dessus » / « en dessous » only when the interval excludes 0.
 */
export function comparerAReference(
	observe: Comptes & { annee_scolaire: string; source: string; pooled_years?: string[] },
	reference: ReferenceExterne,
	confiance: number = CONFIANCE_DEFAUT
): ResultatComparaison {
	verifierComptes(observe.k, observe.n);
	const provenance = {
		n: observe.n,
		annee_scolaire: observe.annee_scolaire,
		source: `${observe.source} ; référence : ${reference.libelle}, ${reference.source}`,
		...(observe.pooled_years ? { pooled_years: observe.pooled_years } : {})
	};
	let estimationReference;
	if (reference.comptes) {
		let { k, n } = reference.comptes;
		if (reference.inclut_unite) {
			k -= observe.k;
			n -= observe.n;
		}
		verifierComptes(k, n);
		if (n === 0) {
			return {
				...provenance,
				reference: reference.libelle,
				part_reference: NaN,
				observe: partAffichable(observe.k, observe.n, confiance),
				ecart: null,
				intervalle: null,
				position: 'non_classe',
				raison: 'reference_vide',
				explication: `Aucun autre élève dans la référence « ${reference.libelle} ».`
			};
		}
		estimationReference = estimationWilson(k, n, confiance);
	} else if (reference.part !== undefined) {
		if (!(reference.part >= 0 && reference.part <= 1)) {
			throw new RangeError(
				`part de référence hors de [0, 1] : ${reference.part} (les pourcentages sont à diviser par 100)`
			);
		}
		estimationReference = { estimation: reference.part, bas: reference.part, haut: reference.part };
	} else {
		throw new Error('comparerAReference : il faut les effectifs ou la part de la référence');
	}
	const part = partAffichable(observe.k, observe.n, confiance);
	const partReference = estimationReference.estimation;
	if (part.masque) {
		return {
			...provenance,
			reference: reference.libelle,
			part_reference: partReference,
			observe: part,
			ecart: null,
			intervalle: null,
			position: 'non_classe',
			raison: 'effectif_insuffisant',
			explication: `Moins de ${SEUIL_MASQUAGE} élèves évalués : pas de comparaison.`
		};
	}
	const exact = clopperPearson(observe.k, observe.n, confiance);
	const difference = differenceMover(
		{ estimation: observe.k / observe.n, bas: exact.bas, haut: exact.haut },
		estimationReference,
		confiance
	);
	const position: PositionReference =
		difference.intervalle.bas > 0
			? 'au_dessus'
			: difference.intervalle.haut < 0
				? 'en_dessous'
				: 'comparable';
	const libellePosition =
		position === 'au_dessus'
			? 'au-dessus de'
			: position === 'en_dessous'
				? 'en dessous de'
				: 'comparable à';
	return {
		...provenance,
		reference: reference.libelle,
		part_reference: partReference,
		observe: part,
		ecart: difference.estimation,
		intervalle: difference.intervalle,
		position,
		explication:
			`${formatPart(part.part)} contre ${formatPart(partReference)} pour ${reference.libelle} ` +
			`(écart ${formatPoints(difference.estimation)}, intervalle ${formaterIntervalle(difference.intervalle)}) : ` +
			`${libellePosition} la référence.`
	};
}

/**
 * The school against its whole reference population (every school, with or without IPS), pooled
 * over the same years as the school. The school is taken out of the population it belongs to.
 */
function comparerPopulation(
	comptes: Comptes,
	lignes: readonly LigneEvaluation[],
	modeles: CatalogueModeles,
	indicateur: Indicateur,
	confiance: number
): ResultatComparaison | null {
	let k = 0;
	let n = 0;
	let nEcoles = 0;
	let inclut = true;
	let modele: ModeleIps | undefined;
	for (const ligne of lignes) {
		const m = modeles.get(cleModele(ligne.annee_scolaire, ligne.competence_id, indicateur));
		if (!m) return null;
		modele ??= m;
		k += m.population.k;
		n += m.population.n;
		nEcoles = Math.max(nEcoles, m.n_ecoles_population);
		inclut &&= contientUai(m, ligne.uai);
	}
	if (!modele) return null;
	const courante = lignes[0];
	return comparerAReference(
		{
			...comptes,
			annee_scolaire: courante.annee_scolaire,
			source: courante.source ?? SOURCE_DEFAUT,
			...(lignes.length > 1 ? { pooled_years: lignes.map((l) => l.annee_scolaire) } : {})
		},
		{
			libelle: `${modele.reference} (${nEcoles} écoles)`,
			annee_scolaire: modele.annee_scolaire,
			source: modele.source,
			comptes: { k, n },
			inclut_unite: inclut
		},
		confiance
	);
}

function contientUai(modele: ModeleIps, uai: string): boolean {
	const liste = modele.uai_population;
	let bas = 0;
	let haut = liste.length - 1;
	while (bas <= haut) {
		const milieu = (bas + haut) >> 1;
		if (liste[milieu] === uai) return true;
		if (liste[milieu] < uai) bas = milieu + 1;
		else haut = milieu - 1;
	}
	return false;
}

function formaterIntervalle(i: Intervalle): string {
	return `${formatPoints(i.bas)} à ${formatPoints(i.haut)}`;
}
