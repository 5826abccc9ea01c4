import { cleCellule } from '$lib/pages/circonscription/analyse';
import type {
	AnalyseCirconscription,
	EcoleCirconscription,
	EtatCellule
} from '$lib/pages/circonscription/types';
import { FILTRES_TOUS, vueCarte } from '$lib/pages/circonscription/vue';
import { ecrireCsv, pourcentage, RAISON_MASQUE, type ValeurCellule } from './csv';

/** Shares in % with two decimals. */
const pourcent = (x: number | null | undefined) => pourcentage(x, 2);

export const COLONNES_EXPORT = [
	'uai',
	'nom',
	'groupe_proximite',
	'niveau',
	'discipline',
	'competence_id',
	'competence_libelle',
	'annee_scolaire',
	'annees_cumulees',
	'n',
	'observe_pct',
	'attendu_pct',
	'ecart_points',
	'intervalle_bas_points',
	'intervalle_haut_points',
	'statut',
	'raison',
	'source'
] as const;

/** The CSV's `statut`: the académie's family's status, as on the page (`StatutPoint`). */
const STATUT: Record<Exclude<EtatCellule, 'masque'>, string> = {
	point_appui: 'point_appui',
	point_vigilance: 'point_vigilance',
	a_confirmer: 'a_confirmer',
	conforme: 'rien',
	non_classe: 'insuffisant'
};

/**
 * One row per school × competence × niveau evaluated in the latest year, in the order of the page
 * (groupe, school, competence), with the cell's diagnosis: the last three years pooled
 * (`annees_cumulees`, the years whose pupils are counted; `n`, their pupils). `statut` is
 * `point_appui` / `point_vigilance` only for a point established under the académie's
 * false-discovery control, `a_confirmer` for a signal, `rien` when the interval contains 0,
 * `insuffisant` when nothing could be computed (`raison`); a cell hidden to protect a small
 * school says `masque` and gives no figure. Shares in %, gaps in points.
 */
export function lignesExport(
	analyse: AnalyseCirconscription,
	ecoles: readonly EcoleCirconscription[]
): ValeurCellule[][] {
	const vue = vueCarte(analyse, ecoles, FILTRES_TOUS, { par: 'groupe' });
	const lignes: ValeurCellule[][] = [];
	for (const bloc of vue.blocs) {
		for (const e of bloc.ecoles) {
			for (const c of vue.colonnes) {
				const cellule = analyse.cellules.get(cleCellule(e.uai, c.competence_id));
				if (!cellule) continue;
				const r = cellule.resultat;
				const protege = cellule.masque === 'protection';
				lignes.push([
					e.uai,
					e.nom,
					e.groupe_proximite,
					r.niveau,
					r.discipline,
					r.competence_id,
					c.libelle,
					r.annee_scolaire,
					[...(cellule.point?.annees_cumulees ?? r.pooled_years ?? [r.annee_scolaire])]
						.sort()
						.join(' ; '),
					r.n,
					protege || r.observe.masque ? null : pourcent(r.observe.part),
					protege ? null : pourcent(r.attendu),
					protege ? null : pourcent(r.ecart),
					protege ? null : pourcent(r.intervalle?.bas),
					protege ? null : pourcent(r.intervalle?.haut),
					protege ? 'masque' : STATUT[cellule.etat === 'masque' ? 'non_classe' : cellule.etat],
					protege ? RAISON_MASQUE.protection : (r.raison ?? null),
					r.source
				]);
			}
		}
	}
	return lignes;
}

export function csvCirconscription(
	analyse: AnalyseCirconscription,
	ecoles: readonly EcoleCirconscription[]
): string {
	return ecrireCsv(COLONNES_EXPORT, lignesExport(analyse, ecoles));
}
