/**
 * Statistical secrecy: no share on fewer than SEUIL_MASQUAGE pupils is shown, and no displayed
 * figure lets a masked one be recovered by difference (primary and secondary cell suppression, as
 * in the statistical disclosure control handbooks: Hundepool et al. 2012, ch. 4).
 */
import { decalerAnnee, libelleAnnees } from './annees';
import { SEUIL_MASQUAGE, type LigneEvaluation } from './types';

export function estMasque(n: number, seuil: number = SEUIL_MASQUAGE): boolean {
	return n < seuil;
}

/** One displayed figure among siblings that add up to a total (schools of a network, years…). */
export interface CelluleMasquage {
	id: string;
	/** Pupils behind the figure. */
	n: number;
}

export interface OptionsMasquage {
	seuil?: number;
	/**
	 * Pupils behind the total, when it is more than the sum of the listed cells (units that are
	 * not listed). That remainder can be recovered by difference like any cell, so it is treated
	 * as one more hidden cell. Defaults to the sum of the cells.
	 */
	n_total?: number;
	/** Whether the total is displayed next to the cells (default true). */
	total_affiche?: boolean;
	/**
	 * What to sacrifice when one masked cell could be recovered: another cell (default, the total
	 * is usually the figure users came for) or the total.
	 */
	proteger?: 'cellules' | 'total';
	/** Cells masked elsewhere (e.g. secondary cells of another table) that must stay hidden. */
	deja_masques?: readonly string[];
}

export interface ResultatMasquage {
	/** All cells to mask: primary and secondary. */
	masques: string[];
	/** Cells under the threshold. */
	primaires: string[];
	/** Cells above the threshold masked only so that a primary one cannot be recovered. */
	secondaires: string[];
	total_masque: boolean;
	raison_total?: 'effectif_insuffisant' | 'protection';
}

/**
 * Which figures to mask among `cellules` and their total.
 *
 * Primary suppression: every cell with 0 < n < seuil. Secondary suppression: when the total is
 * shown, the hidden part (masked cells plus any unlisted remainder) equals total − shown cells,
 * so it is itself published by difference. It is safe only if it pools at least `seuil` pupils
 * and more than one masked cell (a single hidden cell would be recovered exactly). Otherwise the
 * smallest shown cell is masked too (least information lost, the usual heuristic), until safe;
 * if no cell is left, or `proteger` is 'total', the total is masked instead.
 */
export function masquerCellules(
	cellules: readonly CelluleMasquage[],
	options: OptionsMasquage = {}
): ResultatMasquage {
	const seuil = options.seuil ?? SEUIL_MASQUAGE;
	const ids = new Set<string>();
	for (const c of cellules) {
		if (ids.has(c.id)) throw new Error(`masquerCellules : identifiant en double « ${c.id} »`);
		ids.add(c.id);
		if (!(Number.isInteger(c.n) && c.n >= 0)) throw new RangeError(`effectif invalide : ${c.n}`);
	}
	const somme = cellules.reduce((s, c) => s + c.n, 0);
	const nTotal = options.n_total ?? somme;
	if (nTotal < somme) {
		throw new RangeError(`masquerCellules : total ${nTotal} inférieur à la somme ${somme}`);
	}
	// A cell with no pupil carries no result: nothing to hide, nothing that protects.
	const primaires = cellules.filter((c) => c.n > 0 && c.n < seuil).map((c) => c.id);
	const dejaMasques = new Set(options.deja_masques ?? []);
	const masques = new Set<string>([
		...primaires,
		...cellules.filter((c) => c.n > 0 && dejaMasques.has(c.id)).map((c) => c.id)
	]);
	const resultat = (totalMasque: boolean, raison?: ResultatMasquage['raison_total']) => ({
		masques: cellules.filter((c) => masques.has(c.id)).map((c) => c.id),
		primaires,
		secondaires: cellules
			.filter((c) => masques.has(c.id) && !primaires.includes(c.id))
			.map((c) => c.id),
		total_masque: totalMasque,
		...(raison ? { raison_total: raison } : {})
	});
	if (nTotal > 0 && nTotal < seuil) return resultat(true, 'effectif_insuffisant');
	if (options.total_affiche === false) return resultat(false);

	const reste = nTotal - somme;
	const protege = (): boolean => {
		const caches = cellules.filter((c) => masques.has(c.id));
		const nbParties = caches.length + (reste > 0 ? 1 : 0);
		if (nbParties === 0) return true;
		const nCache = caches.reduce((s, c) => s + c.n, 0) + reste;
		// Only the remainder hidden: it is a group of unlisted units, fine if large enough.
		if (caches.length === 0) return nCache >= seuil;
		return nbParties >= 2 && nCache >= seuil;
	};
	while (!protege()) {
		const candidats = cellules
			.filter((c) => c.n > 0 && !masques.has(c.id))
			.sort((x, y) => x.n - y.n || x.id.localeCompare(y.id));
		if (options.proteger === 'total' || candidats.length === 0) {
			return resultat(true, 'protection');
		}
		masques.add(candidats[0].id);
	}
	return resultat(false);
}

export interface OptionsRegroupement {
	/** Year to report; default the most recent year in the rows. */
	annee_scolaire?: string;
	/** Pool until this many pupils (default SEUIL_MASQUAGE). */
	minimum?: number;
	/** At most this many consecutive years, the reported one included (default 3). */
	max_annees?: number;
	/**
	 * Pool all the years of the window even when the reported year alone would do (a multi-year
	 * view, steadier than any single cohort). Default false: pool only to reach `minimum`.
	 */
	toujours?: boolean;
}

export interface Regroupement {
	/** Rows retained, most recent first. */
	lignes: LigneEvaluation[];
	/** Years retained, most recent first. */
	annees: string[];
	n: number;
	/** True when more than one year is added up: the figure must be labelled as such. */
	regroupe: boolean;
	/** False when even the pooled years stay under the minimum. */
	suffisant: boolean;
	/** « 2022-2023 à 2024-2025 », or the single year. */
	libelle: string;
	/**
	 * Years that must not be shown individually next to the pooled figure: otherwise a masked year
	 * is the pooled figure minus the shown ones.
	 */
	annees_a_masquer: string[];
}

/**
 * Multi-year pooling for small schools: the reported year alone if it has enough pupils,
 * otherwise add the previous years (consecutive, most recent first) up to `max_annees` until
 * `minimum` is reached (or all of them with `toujours`). Pupils of different years are different
 * pupils, so counts add up.
 */
export function regrouperAnnees(
	lignes: readonly LigneEvaluation[],
	options: OptionsRegroupement = {}
): Regroupement {
	if (lignes.length === 0) throw new Error('regrouperAnnees : aucune ligne');
	const minimum = options.minimum ?? SEUIL_MASQUAGE;
	const maxAnnees = options.max_annees ?? 3;
	const parAnnee = new Map<string, LigneEvaluation>();
	for (const ligne of lignes) {
		if (ligne.uai !== lignes[0].uai || ligne.competence_id !== lignes[0].competence_id) {
			throw new Error('regrouperAnnees : une seule école et une seule compétence');
		}
		if (parAnnee.has(ligne.annee_scolaire)) {
			throw new Error(`regrouperAnnees : deux lignes pour ${ligne.annee_scolaire}`);
		}
		parAnnee.set(ligne.annee_scolaire, ligne);
	}
	const annee = options.annee_scolaire ?? [...parAnnee.keys()].sort().at(-1)!;
	const derniere = parAnnee.get(annee);
	if (!derniere) throw new Error(`regrouperAnnees : pas de ligne pour ${annee}`);
	const retenues = [derniere];
	let n = derniere.n_eleves;
	for (let d = 1; d < maxAnnees && (options.toujours || n < minimum); d++) {
		const precedente = parAnnee.get(decalerAnnee(annee, -d));
		if (!precedente) continue;
		retenues.push(precedente);
		n += precedente.n_eleves;
	}
	const suffisant = n >= minimum;
	// Pooling that does not reach the minimum brings nothing: report the year alone.
	const finales = suffisant ? retenues : [derniere];
	const annees = finales.map((l) => l.annee_scolaire);
	const nFinal = finales.reduce((s, l) => s + l.n_eleves, 0);
	const regroupe = finales.length > 1;
	const masquage = regroupe
		? masquerCellules(
				finales.map((l) => ({ id: l.annee_scolaire, n: l.n_eleves })),
				{ seuil: SEUIL_MASQUAGE }
			)
		: null;
	return {
		lignes: finales,
		annees,
		n: nFinal,
		regroupe,
		suffisant,
		libelle: libelleAnnees(annees),
		annees_a_masquer: masquage?.masques ?? []
	};
}
