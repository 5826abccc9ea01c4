/**
 * Figures for a set of schools: circonscription, groupe de proximité, réseau (REP, REP+, TER,
 * secteur de collège). Pupils of the member schools are pooled (counts add up, shares do not);
 * the member schools are counted by classification, never ranked (the official framework: « ni un
 * classement, ni un palmarès »).
 *
 * Masking applies at every level of a hierarchy: the schools of a group against the group total
 * (done here, `masquage`), and the groups of a circonscription against its total (the caller
 * runs `masquerCellules` on the groups' n with the circonscription's n as `n_total`).
 */
import {
	classer,
	evaluerEcole,
	type Classement,
	type OptionsEcart,
	type RaisonNonClasse,
	type ResultatEcart
} from './ecart';
import { masquerCellules, type ResultatMasquage } from './masquage';
import { IPS_CENTRE, cleModele, predire, type CatalogueModeles } from './modele-ips';
import {
	CONFIANCE_DEFAUT,
	SEUIL_MASQUAGE,
	SOURCE_DEFAUT,
	compteIndicateur,
	type Indicateur,
	type Intervalle,
	type LigneEvaluation,
	type PartAffichable,
	type Provenance
} from './types';
import { estimationWilson, partAffichable, zBilateral } from './wilson';

export interface OptionsAgregat extends OptionsEcart {
	/** « circonscription Dijon Est », « REP+ Chenôve »… */
	libelle: string;
	/**
	 * Evaluate each member school too (default true). False for the group's own figure alone: a
	 * family of every network's aggregates (points-etablis.ts) needs thousands of them.
	 */
	evaluer_membres?: boolean;
}

export interface DecompteMembres {
	point_appui: number;
	point_vigilance: number;
	conforme: number;
	non_classe: number;
	/** Why the non-classified ones are not classified. */
	non_classe_par_raison: Partial<Record<RaisonNonClasse, number>>;
}

export interface ResultatAgregat extends Provenance {
	libelle: string;
	niveau: string;
	discipline: string;
	competence_id: string;
	indicateur: Indicateur;
	confiance: number;
	/** Member schools with pupils evaluated that year. */
	nb_ecoles: number;
	/** Pooled share of all member pupils. */
	observe: PartAffichable;
	/** Pooled expected share over the members that have an IPS (null if none or masked). */
	attendu: number | null;
	/** Pupils and schools behind `attendu` and the gap (members with an IPS). */
	n_avec_ips: number;
	/** Pupils satisfaisant (or à besoins) among `n_avec_ips`: the counts the gap is tested on. */
	k_avec_ips?: number;
	/** Standard error of `attendu` (delta method), the second term of the interval. */
	ecart_type_attendu?: number;
	nb_ecoles_avec_ips: number;
	ecart: number | null;
	intervalle: Intervalle | null;
	classement: Classement;
	raison?: RaisonNonClasse;
	explication: string;
	/** How many member schools are flagged each way, by the school rule of ecart.ts. */
	membres: DecompteMembres;
	resultats_membres: ResultatEcart[];
	/**
	 * Member shares to hide when they are displayed next to this total (primary and secondary
	 * masking: no member can be recovered as total − others).
	 */
	masquage: ResultatMasquage;
}

/**
 * One competence for a set of schools. `lignes` are the member schools' rows for that competence
 * (several years allowed: a small member school is then classified on pooled years, but the
 * group's own figure is the reported year only).
 */
export function agregerGroupe(
	lignes: readonly LigneEvaluation[],
	modeles: CatalogueModeles,
	options: OptionsAgregat
): ResultatAgregat {
	if (lignes.length === 0) throw new Error('agregerGroupe : aucune ligne');
	const indicateur = options.indicateur ?? 'satisfaisant';
	const confiance = options.confiance ?? CONFIANCE_DEFAUT;
	const competence = lignes[0].competence_id;
	if (lignes.some((l) => l.competence_id !== competence)) {
		throw new Error('agregerGroupe : une seule compétence à la fois (voir agregerParCompetence)');
	}
	const annee =
		options.annee_scolaire ??
		lignes
			.map((l) => l.annee_scolaire)
			.sort()
			.at(-1)!;
	const parEcole = new Map<string, LigneEvaluation[]>();
	for (const ligne of lignes) {
		let liste = parEcole.get(ligne.uai);
		if (!liste) parEcole.set(ligne.uai, (liste = []));
		liste.push(ligne);
	}
	const courantes = lignes.filter((l) => l.annee_scolaire === annee && l.n_eleves > 0);
	const premiere = courantes[0] ?? lignes[0];
	const resultatsMembres: ResultatEcart[] = [];
	for (const liste of options.evaluer_membres === false ? [] : parEcole.values()) {
		if (!liste.some((l) => l.annee_scolaire === annee && l.n_eleves > 0)) continue;
		// Members' results are kept by the thousand (every circonscription's analysis) and their
		// comparison with the population is never read: not computed unless asked.
		resultatsMembres.push(
			evaluerEcole(liste, modeles, {
				comparer_population: false,
				...options,
				annee_scolaire: annee
			})
		);
	}
	const membres = decompter(resultatsMembres);

	const n = courantes.reduce((s, l) => s + l.n_eleves, 0);
	const k = courantes.reduce((s, l) => s + compteIndicateur(l, indicateur), 0);
	const masquage = masquerCellules(
		courantes.map((l) => ({ id: l.uai, n: l.n_eleves })),
		{ n_total: n }
	);
	const observe = partAffichable(k, n, confiance);
	const base = {
		libelle: options.libelle,
		niveau: premiere.niveau,
		discipline: premiere.discipline,
		competence_id: competence,
		indicateur,
		confiance,
		n,
		annee_scolaire: annee,
		nb_ecoles: courantes.length,
		observe,
		membres,
		resultats_membres: resultatsMembres,
		masquage
	};
	const modele = modeles.get(cleModele(annee, competence, indicateur));
	const source =
		`${premiere.source ?? SOURCE_DEFAUT}, ${annee}, ${options.libelle}` +
		(modele?.statut === 'ajuste' ? ` ; attendu : modèle IPS, ${modele.reference}` : '');
	const sansEcart = (
		raison: RaisonNonClasse,
		explication: string,
		nAvecIps = 0,
		nbAvecIps = 0
	) => ({
		...base,
		source,
		attendu: null,
		n_avec_ips: nAvecIps,
		nb_ecoles_avec_ips: nbAvecIps,
		ecart: null,
		intervalle: null,
		classement: 'non_classe' as const,
		raison,
		explication
	});

	if (observe.masque || masquage.total_masque) {
		return sansEcart(
			'effectif_insuffisant',
			`Moins de ${SEUIL_MASQUAGE} élèves évalués dans l’ensemble : rien n’est affiché.`
		);
	}
	if (!modele || modele.statut !== 'ajuste') {
		return sansEcart(
			'modele_indisponible',
			modele?.statut === 'indisponible'
				? `Pas de résultat attendu : ${modele.raison}.`
				: 'Pas de résultat attendu : population de référence absente.'
		);
	}
	// Pooled expectation Σ n_i·p̂_i / Σ n_i over members with an IPS, and its variance from the
	// covariance of (a, b) by the delta method: ∂p/∂a = p(1 − p), ∂p/∂b = p(1 − p)·(IPS − 106).
	const avecIps = courantes.filter(
		(l) =>
			l.ips !== null && Number.isFinite(l.ips) && l.ips >= modele.ips_min && l.ips <= modele.ips_max
	);
	const nIps = avecIps.reduce((s, l) => s + l.n_eleves, 0);
	if (nIps < SEUIL_MASQUAGE) {
		return sansEcart(
			'ips_absent',
			'Trop peu d’élèves dans des écoles dont l’IPS est publié pour calculer un résultat attendu.',
			nIps,
			avecIps.length
		);
	}
	let somme = 0;
	let ga = 0;
	let gb = 0;
	for (const l of avecIps) {
		const p = predire(modele, l.ips!).part;
		somme += l.n_eleves * p;
		ga += l.n_eleves * p * (1 - p);
		gb += l.n_eleves * p * (1 - p) * (l.ips! - IPS_CENTRE);
	}
	const attendu = somme / nIps;
	ga /= nIps;
	gb /= nIps;
	const [va, cab, vb] = modele.covariance;
	const ecartTypeAttendu = Math.sqrt(ga * ga * va + 2 * ga * gb * cab + gb * gb * vb);
	const kIps = avecIps.reduce((s, l) => s + compteIndicateur(l, indicateur), 0);
	// The group is a fixed set of schools: its gap is a fact about these pupils, so only their
	// sampling error counts (no shrinkage: there is no population of groups to borrow from).
	// Wilson for the pooled share (conservative: pupils of different schools are less variable
	// than one binomial), combined with the expectation's error by MOVER (Zou & Donner 2008).
	const obs = estimationWilson(kIps, nIps, confiance);
	const z = zBilateral(confiance);
	const ecart = obs.estimation - attendu;
	const intervalle: Intervalle = {
		bas: ecart - Math.hypot(obs.estimation - obs.bas, z * ecartTypeAttendu),
		haut: ecart + Math.hypot(obs.haut - obs.estimation, z * ecartTypeAttendu),
		confiance
	};
	const classement = classer(intervalle, indicateur);
	const partiel =
		avecIps.length < courantes.length
			? ` (calculé sur les ${avecIps.length} écoles sur ${courantes.length} dont l’IPS est connu)`
			: '';
	// A signal is not yet a point (points-etablis.ts): the sentence says the side only.
	const verdict =
		classement === 'point_appui'
			? 'au-dessus de l’attendu'
			: classement === 'point_vigilance'
				? 'en dessous de l’attendu'
				: 'conforme à l’attendu';
	return {
		...base,
		source,
		attendu,
		n_avec_ips: nIps,
		k_avec_ips: kIps,
		ecart_type_attendu: ecartTypeAttendu,
		nb_ecoles_avec_ips: avecIps.length,
		ecart,
		intervalle,
		classement,
		explication:
			`Écart à l’attendu ${Math.round(ecart * 100)} points ` +
			`(entre ${Math.round(intervalle.bas * 100)} et ${Math.round(intervalle.haut * 100)})${partiel} : ${verdict}. ` +
			`Écoles, chacune prise seule : ${membres.point_appui} au-dessus, ${membres.point_vigilance} en dessous, ` +
			`${membres.conforme} conforme(s), ${membres.non_classe} non classée(s).`
	};
}

/** `agregerGroupe` for every competence present in `lignes`. */
export function agregerParCompetence(
	lignes: readonly LigneEvaluation[],
	modeles: CatalogueModeles,
	options: OptionsAgregat
): ResultatAgregat[] {
	const parCompetence = new Map<string, LigneEvaluation[]>();
	for (const ligne of lignes) {
		let liste = parCompetence.get(ligne.competence_id);
		if (!liste) parCompetence.set(ligne.competence_id, (liste = []));
		liste.push(ligne);
	}
	const resultats: ResultatAgregat[] = [];
	for (const liste of parCompetence.values()) {
		if (options.annee_scolaire && !liste.some((l) => l.annee_scolaire === options.annee_scolaire)) {
			continue;
		}
		resultats.push(agregerGroupe(liste, modeles, options));
	}
	return resultats;
}

export function decompter(resultats: readonly ResultatEcart[]): DecompteMembres {
	const decompte: DecompteMembres = {
		point_appui: 0,
		point_vigilance: 0,
		conforme: 0,
		non_classe: 0,
		non_classe_par_raison: {}
	};
	for (const r of resultats) {
		decompte[r.classement]++;
		if (r.classement === 'non_classe' && r.raison) {
			decompte.non_classe_par_raison[r.raison] =
				(decompte.non_classe_par_raison[r.raison] ?? 0) + 1;
		}
	}
	return decompte;
}

/**
 * A group's figure over several years pooled, from its yearly figures (`agregerGroupe` of each
 * year, `evaluer_membres: false` is enough): the stable part of what a network does, as a
 * school's diagnosis pools its three years. Counts of the members with an IPS add up; the
 * expected share is the pupils-weighted mean of the years' (each year its own model, fitted
 * independently: their variances add); the interval is the one `agregerGroupe` uses (Wilson
 * for the pooled share, MOVER with the expectation's error). Years without an expectation are
 * left out; none usable, or fewer than SEUIL_MASQUAGE pupils: not classified. `annees` most
 * recent first; the result is reported for the first.
 */
export function cumulerAgregats(annees: readonly ResultatAgregat[]): ResultatEcart {
	if (annees.length === 0) throw new Error('cumulerAgregats : aucune année');
	const courante = annees[0];
	const retenues = annees.filter(
		(a) => a.attendu !== null && a.k_avec_ips !== undefined && a.ecart_type_attendu !== undefined
	);
	const n = retenues.reduce((s, a) => s + a.n_avec_ips, 0);
	const k = retenues.reduce((s, a) => s + a.k_avec_ips!, 0);
	const base = {
		uai: courante.libelle,
		niveau: courante.niveau,
		discipline: courante.discipline,
		competence_id: courante.competence_id,
		indicateur: courante.indicateur,
		confiance: courante.confiance,
		ips: null,
		n,
		annee_scolaire: courante.annee_scolaire,
		source: courante.source,
		observe: partAffichable(k, n, courante.confiance),
		ecart_estime: null,
		comparaison_population: null,
		modele: null,
		...(retenues.length > 1 ? { pooled_years: retenues.map((a) => a.annee_scolaire) } : {})
	};
	if (retenues[0] !== courante || n < SEUIL_MASQUAGE) {
		return {
			...base,
			attendu: null,
			ecart: null,
			intervalle: null,
			classement: 'non_classe',
			raison: courante.raison ?? 'effectif_insuffisant',
			explication: courante.explication
		};
	}
	const attendu = retenues.reduce((s, a) => s + a.n_avec_ips * a.attendu!, 0) / n;
	const ecartTypeAttendu = Math.sqrt(
		retenues.reduce((s, a) => s + ((a.n_avec_ips / n) * a.ecart_type_attendu!) ** 2, 0)
	);
	const obs = estimationWilson(k, n, courante.confiance);
	const z = zBilateral(courante.confiance);
	const ecart = obs.estimation - attendu;
	const intervalle: Intervalle = {
		bas: ecart - Math.hypot(obs.estimation - obs.bas, z * ecartTypeAttendu),
		haut: ecart + Math.hypot(obs.haut - obs.estimation, z * ecartTypeAttendu),
		confiance: courante.confiance
	};
	const classement = classer(intervalle, courante.indicateur);
	const cote = ecart > 0 ? 'au-dessus de' : 'en dessous de';
	return {
		...base,
		attendu,
		ecart,
		intervalle,
		ecart_type_attendu: ecartTypeAttendu,
		ecarts_annuels: retenues.map((a) => ({
			annee_scolaire: a.annee_scolaire,
			n: a.n_avec_ips,
			ecart: a.n_avec_ips >= SEUIL_MASQUAGE ? a.ecart : null
		})),
		classement,
		explication:
			`Écart à l’attendu ${Math.round(ecart * 100)} points (entre ${Math.round(intervalle.bas * 100)} ` +
			`et ${Math.round(intervalle.haut * 100)}), ${retenues.length > 1 ? 'années cumulées' : courante.annee_scolaire}` +
			(classement === 'conforme'
				? ' : conforme à l’attendu.'
				: ` : l’intervalle exclut 0, ${cote} l’attendu.`)
	};
}
