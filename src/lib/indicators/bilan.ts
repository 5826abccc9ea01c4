/**
 * The bilan of an action: did the gap to expected of the schools it concerns change between the
 * years before it and the years after? Each side is the group's figure over its years pooled
 * (`cumulerAgregats`: each year against its own model, so the académie-wide change of the test is
 * taken out); the change is their difference, with a MOVER interval (the two sides are disjoint
 * years, hence independent samples of pupils).
 *
 * A bilan page reads several actions together: like points on a page, a change is asserted
 * (« progrès établi », « recul établi ») only when it survives Benjamini–Hochberg at q = 10 % over
 * the actions read together (`conclureBilans`); otherwise « pas de changement établi ». The words
 * say what changed, never why: other causes (a new team, another cohort, the test) move a gap too.
 */
import { errorFunction } from 'simple-statistics';
import { agregerGroupe, cumulerAgregats } from './agregats';
import { decalerAnnee } from './annees';
import type { ResultatEcart } from './ecart';
import type { CatalogueModeles } from './modele-ips';
import { ANNEES_CUMUL, benjaminiHochberg, Q_DEFAUT } from './points-etablis';
import { CONFIANCE_DEFAUT, type Intervalle, type LigneEvaluation } from './types';
import { differenceMover, zBilateral } from './wilson';

export type LectureBilan =
	'progres_etabli' | 'recul_etabli' | 'pas_de_changement_etabli' | 'non_lisible';

export type RaisonNonLisible =
	/** No evaluation imported yet for the years after the action. */
	| 'pas_d_annee_apres'
	| 'pas_d_annee_avant'
	/** One side under SEUIL_MASQUAGE pupils, or without an expectation (no IPS, no model). */
	| 'pas_d_ecart';

export interface ComparaisonAvantApres {
	annees_avant: string[];
	annees_apres: string[];
	/** The pooled figures of each side (null when the side has no year). */
	avant: ResultatEcart | null;
	apres: ResultatEcart | null;
	/** Change of the gap to expected, après − avant, in share (0.05 = +5 points). */
	difference: number | null;
	intervalle: Intervalle | null;
	/**
	 * Two-sided p-value of the change, from the interval (normal approximation on the side of 0):
	 * ≤ 1 − confiance exactly when the displayed interval excludes 0.
	 */
	p_valeur: number | null;
	raison?: RaisonNonLisible;
}

/**
 * The years before and after an action of school year `annee`: its September evaluation comes
 * before it, so « after » starts the next year. `derniereCommeApres` lets a bilan be read before
 * that year is imported, counting the latest one as « after » (said on the page). Each side keeps
 * at most ANNEES_CUMUL years, the nearest to the action.
 */
export function anneesAvantApres(
	annee: string,
	evaluees: readonly string[],
	derniereCommeApres = false
): { avant: string[]; apres: string[] } {
	const triees = [...evaluees].sort();
	let premiereApres = decalerAnnee(annee, 1);
	const derniere = triees.at(-1);
	if (derniereCommeApres && derniere && derniere < premiereApres) premiereApres = derniere;
	return {
		avant: triees.filter((a) => a < premiereApres).slice(-ANNEES_CUMUL),
		apres: triees.filter((a) => a >= premiereApres).slice(0, ANNEES_CUMUL)
	};
}

/**
 * A group's figure on one competence over `annees` (most recent first) pooled: each year against
 * its own model, so the académie-wide change of the test is taken out.
 */
export function cumulAnnees(
	lignes: readonly LigneEvaluation[],
	modeles: CatalogueModeles,
	annees: readonly string[],
	libelle: string
): ResultatEcart {
	return cumulerAgregats(
		annees
			.filter((a) => lignes.some((l) => l.annee_scolaire === a && l.n_eleves > 0))
			.map((a) =>
				agregerGroupe(
					lignes.filter((l) => l.annee_scolaire === a),
					modeles,
					{ libelle, annee_scolaire: a, evaluer_membres: false }
				)
			)
	);
}

/**
 * The rows of a group (one school, or several) on one competence, before against after an action
 * of school year `annee`: the years are those the group was evaluated in.
 */
export function comparerLignesAvantApres(
	lignes: readonly LigneEvaluation[],
	annee: string,
	modeles: CatalogueModeles,
	libelle: string,
	derniereCommeApres = false
): ComparaisonAvantApres {
	const evaluees = [...new Set(lignes.filter((l) => l.n_eleves > 0).map((l) => l.annee_scolaire))];
	const annees = anneesAvantApres(annee, evaluees, derniereCommeApres);
	const cote = (liste: string[]) =>
		liste.length ? cumulAnnees(lignes, modeles, [...liste].reverse(), libelle) : null;
	return comparerAvantApres(cote(annees.avant), cote(annees.apres), annees);
}

/**
 * Compares a group's pooled figures before and after. `avant` / `apres` come from
 * `cumulerAgregats` over disjoint years; a side that could not be computed is null.
 */
export function comparerAvantApres(
	avant: ResultatEcart | null,
	apres: ResultatEcart | null,
	annees: { avant: string[]; apres: string[] },
	confiance: number = CONFIANCE_DEFAUT
): ComparaisonAvantApres {
	const base = { annees_avant: annees.avant, annees_apres: annees.apres, avant, apres };
	const vide = { difference: null, intervalle: null, p_valeur: null };
	if (!annees.apres.length || !apres) return { ...base, ...vide, raison: 'pas_d_annee_apres' };
	if (!annees.avant.length || !avant) return { ...base, ...vide, raison: 'pas_d_annee_avant' };
	if (
		avant.ecart === null ||
		apres.ecart === null ||
		avant.intervalle === null ||
		apres.intervalle === null
	) {
		return { ...base, ...vide, raison: 'pas_d_ecart' };
	}
	const { estimation, intervalle } = differenceMover(
		{ estimation: apres.ecart, bas: apres.intervalle.bas, haut: apres.intervalle.haut },
		{ estimation: avant.ecart, bas: avant.intervalle.bas, haut: avant.intervalle.haut },
		confiance
	);
	return {
		...base,
		difference: estimation,
		intervalle,
		p_valeur: pValeurDifference(estimation, intervalle)
	};
}

/**
 * The interval inverted under a normal approximation: its half-width on the side of 0 is z·σ.
 * Exact at the interval's own level (p ≤ 1 − confiance ⇔ the interval excludes 0), which is all
 * the reading needs.
 */
export function pValeurDifference(difference: number, intervalle: Intervalle): number {
	if (difference === 0) return 1;
	const z = zBilateral(intervalle.confiance);
	const demiLargeur = difference > 0 ? difference - intervalle.bas : intervalle.haut - difference;
	if (!(demiLargeur > 0)) return 0;
	const statistique = Math.abs(difference) / (demiLargeur / z);
	// 2·(1 − Φ(s)) = 1 − erf(s/√2).
	return Math.min(1, Math.max(0, 1 - errorFunction(statistique / Math.SQRT2)));
}

export interface BilanConclu extends ComparaisonAvantApres {
	lecture: LectureBilan;
}

/**
 * The readings of the actions read together: a change is established when its interval excludes
 * 0 and Benjamini–Hochberg at `q` over every comparison computed keeps it.
 */
export function conclureBilans(
	comparaisons: readonly ComparaisonAvantApres[],
	q: number = Q_DEFAUT
): BilanConclu[] {
	const testes = comparaisons
		.map((c, i) => ({ c, i }))
		.filter(({ c }) => c.p_valeur !== null && c.difference !== null);
	const { rejete } = benjaminiHochberg(
		testes.map(({ c }) => c.p_valeur!),
		q
	);
	const etablis = new Set(testes.filter((_, j) => rejete[j]).map(({ i }) => i));
	return comparaisons.map((c, i) => {
		let lecture: LectureBilan = 'non_lisible';
		if (c.difference !== null && c.intervalle) {
			const exclutZero = c.intervalle.bas > 0 || c.intervalle.haut < 0;
			// With the share « à besoins », a lower gap is the progress.
			const favorable = c.apres?.indicateur === 'besoin' ? c.difference < 0 : c.difference > 0;
			lecture =
				exclutZero && etablis.has(i)
					? favorable
						? 'progres_etabli'
						: 'recul_etabli'
					: 'pas_de_changement_etabli';
		}
		return { ...c, lecture };
	});
}

export const LIBELLES_LECTURE_BILAN: Record<LectureBilan, string> = {
	progres_etabli: 'progrès établi',
	recul_etabli: 'recul établi',
	pas_de_changement_etabli: 'pas de changement établi',
	non_lisible: 'pas de lecture'
};
