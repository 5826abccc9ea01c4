/**
 * Changes over time. Pupils differ from one year to the next, so a change of a few points is
 * usually noise: « hausse » / « baisse » only when the interval of the difference
 * excludes 0, « stable » otherwise.
 *
 * Two readings are offered:
 * - `tendance` / `evolution`: the raw share, year after year. Simple, but it mixes the school's
 *   own change with changes of the test and of its thresholds, which move every school.
 * - `evolutionEcart` / `cohorte`: the change of the gap to the expected share, each year
 *   against its own year's model. The académie-wide change is taken out; this is the reading to
 *   prefer to judge the school, and the only possible one for a cohort (CP year N → CE1 year
 *   N+1), since CP and CE1 competences are different tests whose raw shares cannot be compared.
 */
import { formatPoints } from '../format/index.ts';
import { decalerAnnee } from './annees';
import type { ResultatEcart } from './ecart';
import {
	CONFIANCE_DEFAUT,
	SEUIL_MASQUAGE,
	SOURCE_DEFAUT,
	type Comptes,
	type Intervalle,
	type PartAffichable
} from './types';
import { differenceMover, estimationWilson, partAffichable } from './wilson';

export type Sens = 'hausse' | 'baisse' | 'stable' | 'non_classe';

export interface PointAnnuel extends Comptes {
	annee_scolaire: string;
	source?: string;
}

export interface Evolution {
	depart: string;
	arrivee: string;
	/** Pupils behind each end (shown beside the figure). */
	n_depart: number;
	n_arrivee: number;
	/** Change in share (0.05 = +5 points); null when it cannot be computed. */
	difference: number | null;
	intervalle: Intervalle | null;
	sens: Sens;
	raison?: 'effectif_insuffisant' | 'non_classe' | 'annees_regroupees';
	explication: string;
}

export interface ResultatTendance {
	points: { annee_scolaire: string; n: number; source: string; observe: PartAffichable }[];
	/** Year-to-year changes between consecutive years present. */
	evolutions: Evolution[];
	/** First to last year present (null with fewer than two years). */
	globale: Evolution | null;
}

/** Raw share per year with its Wilson interval, and the changes between years. */
export function tendance(
	serie: readonly PointAnnuel[],
	confiance: number = CONFIANCE_DEFAUT
): ResultatTendance {
	const triee = [...serie].sort((a, b) => a.annee_scolaire.localeCompare(b.annee_scolaire));
	for (let i = 1; i < triee.length; i++) {
		if (triee[i].annee_scolaire === triee[i - 1].annee_scolaire) {
			throw new Error(`tendance : deux points pour ${triee[i].annee_scolaire}`);
		}
	}
	const points = triee.map((p) => ({
		annee_scolaire: p.annee_scolaire,
		n: p.n,
		source: p.source ?? SOURCE_DEFAUT,
		observe: partAffichable(p.k, p.n, confiance)
	}));
	const evolutions: Evolution[] = [];
	for (let i = 1; i < triee.length; i++) {
		evolutions.push(evolution(triee[i - 1], triee[i], confiance));
	}
	const globale =
		triee.length >= 2 ? evolution(triee[0], triee[triee.length - 1], confiance) : null;
	return { points, evolutions, globale };
}

/** Change of the raw share between two years (independent pupils: Newcombe's interval). */
export function evolution(
	avant: PointAnnuel,
	apres: PointAnnuel,
	confiance: number = CONFIANCE_DEFAUT
): Evolution {
	const base = {
		depart: avant.annee_scolaire,
		arrivee: apres.annee_scolaire,
		n_depart: avant.n,
		n_arrivee: apres.n
	};
	if (avant.n < SEUIL_MASQUAGE || apres.n < SEUIL_MASQUAGE) {
		// Showing a change would show the masked share by difference.
		return {
			...base,
			difference: null,
			intervalle: null,
			sens: 'non_classe',
			raison: 'effectif_insuffisant',
			explication: `Moins de ${SEUIL_MASQUAGE} élèves évalués une des deux années : pas d’évolution affichée.`
		};
	}
	const { estimation, intervalle } = differenceMover(
		estimationWilson(apres.k, apres.n, confiance),
		estimationWilson(avant.k, avant.n, confiance),
		confiance
	);
	return { ...base, ...conclure(estimation, intervalle, 'évolution') };
}

/**
 * Change of the gap to the expected share between two results of the same school (two years of
 * one competence, or a cohort). The gaps and their intervals come from `evaluerEcole`; they
 * are combined by MOVER (Zou & Donner 2008), the two years being independent samples of pupils.
 */
export function evolutionEcart(
	avant: ResultatEcart,
	apres: ResultatEcart,
	confiance: number = CONFIANCE_DEFAUT
): Evolution {
	const base = {
		depart: avant.annee_scolaire,
		arrivee: apres.annee_scolaire,
		n_depart: avant.n,
		n_arrivee: apres.n
	};
	if (avant.pooled_years || apres.pooled_years) {
		// Pooled figures share years with their neighbours: their difference is not a change.
		return {
			...base,
			difference: null,
			intervalle: null,
			sens: 'non_classe',
			raison: 'annees_regroupees',
			explication: 'Résultats cumulés sur plusieurs années : pas d’évolution d’une année à l’autre.'
		};
	}
	if (
		avant.ecart === null ||
		apres.ecart === null ||
		avant.intervalle === null ||
		apres.intervalle === null
	) {
		const masque =
			avant.raison === 'effectif_insuffisant' || apres.raison === 'effectif_insuffisant';
		return {
			...base,
			difference: null,
			intervalle: null,
			sens: 'non_classe',
			raison: masque ? 'effectif_insuffisant' : 'non_classe',
			explication: masque
				? `Moins de ${SEUIL_MASQUAGE} élèves évalués une des deux années : pas d’évolution affichée.`
				: 'Pas d’écart à l’attendu pour une des deux années : pas d’évolution.'
		};
	}
	const { estimation, intervalle } = differenceMover(
		{ estimation: apres.ecart, bas: apres.intervalle.bas, haut: apres.intervalle.haut },
		{ estimation: avant.ecart, bas: avant.intervalle.bas, haut: avant.intervalle.haut },
		confiance
	);
	return { ...base, ...conclure(estimation, intervalle, 'évolution de l’écart à l’attendu') };
}

const NIVEAU_SUIVANT: Record<string, string> = {
	CP: 'CE1',
	CE1: 'CE2',
	CE2: 'CM1',
	CM1: 'CM2'
};

export type SensCohorte = 'progression' | 'recul' | 'stable' | 'non_classe';

export interface ResultatCohorte {
	uai: string;
	depart: { niveau: string; annee_scolaire: string; competence_id: string };
	arrivee: { niveau: string; annee_scolaire: string; competence_id: string };
	evolution: Evolution;
	sens: SensCohorte;
	explication: string;
}

/**
 * Cohort view: the same school's pupils at niveau N in year Y (e.g. CP 2023-2024) and at niveau
 * N+1 in year Y+1 (CE1 2024-2025). Different tests, so what is compared is the position relative
 * to the expected share (the gaps), not the raw shares. The pupils are mostly, not exactly, the
 * same (arrivals, departures, repeaters).
 */
export function cohorte(
	depart: ResultatEcart,
	arrivee: ResultatEcart,
	confiance: number = CONFIANCE_DEFAUT
): ResultatCohorte {
	if (depart.uai !== arrivee.uai) throw new Error('cohorte : deux écoles différentes');
	if (NIVEAU_SUIVANT[depart.niveau] !== arrivee.niveau) {
		throw new Error(`cohorte : ${arrivee.niveau} ne suit pas ${depart.niveau}`);
	}
	if (decalerAnnee(depart.annee_scolaire, 1) !== arrivee.annee_scolaire) {
		throw new Error(
			`cohorte : ${arrivee.annee_scolaire} n’est pas l’année qui suit ${depart.annee_scolaire}`
		);
	}
	if (depart.indicateur !== arrivee.indicateur) throw new Error('cohorte : indicateurs différents');
	const evo = evolutionEcart(depart, arrivee, confiance);
	// For the share à besoins, a gap that goes up is a step back.
	const favorable = depart.indicateur === 'satisfaisant' ? 'hausse' : 'baisse';
	const sens: SensCohorte =
		evo.sens === 'non_classe' || evo.sens === 'stable'
			? evo.sens
			: evo.sens === favorable
				? 'progression'
				: 'recul';
	const libelle =
		sens === 'progression'
			? 'la cohorte progresse par rapport à l’attendu'
			: sens === 'recul'
				? 'la cohorte recule par rapport à l’attendu'
				: sens === 'stable'
					? 'position par rapport à l’attendu stable (l’intervalle contient 0)'
					: 'pas de comparaison possible';
	return {
		uai: depart.uai,
		depart: {
			niveau: depart.niveau,
			annee_scolaire: depart.annee_scolaire,
			competence_id: depart.competence_id
		},
		arrivee: {
			niveau: arrivee.niveau,
			annee_scolaire: arrivee.annee_scolaire,
			competence_id: arrivee.competence_id
		},
		evolution: evo,
		sens,
		explication: `${depart.niveau} ${depart.annee_scolaire} → ${arrivee.niveau} ${arrivee.annee_scolaire} : ${libelle}. ${evo.explication}`
	};
}

function conclure(
	difference: number,
	intervalle: Intervalle,
	quoi: string
): Pick<Evolution, 'difference' | 'intervalle' | 'sens' | 'explication'> {
	const sens: Sens = intervalle.bas > 0 ? 'hausse' : intervalle.haut < 0 ? 'baisse' : 'stable';
	const lecture =
		sens === 'stable'
			? 'l’intervalle contient 0 : stable (différence compatible avec le hasard des cohortes)'
			: sens === 'hausse'
				? 'hausse'
				: 'baisse';
	return {
		difference,
		intervalle,
		sens,
		explication: `${quoi[0].toUpperCase()}${quoi.slice(1)} ${formatPoints(difference)} (entre ${formatPoints(intervalle.bas)} et ${formatPoints(intervalle.haut)}) : ${lecture}.`
	};
}
