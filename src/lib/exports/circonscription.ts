import { cleCellule } from '$lib/pages/circonscription/analyse';
import type {
	AnalyseCirconscription,
	EcoleCirconscription
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

/**
 * One row per school × competence × niveau of the latest year, in the order of the page (groupe,
 * school, competence). `statut` is the library's classification; a cell hidden to protect a
 * small school says `masque` and gives no figure. Shares in %, gaps in points.
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
					r.pooled_years ? [...r.pooled_years].sort().join(' ; ') : null,
					r.n,
					protege || r.observe.masque ? null : pourcent(r.observe.part),
					protege ? null : pourcent(r.attendu),
					protege ? null : pourcent(r.ecart),
					protege ? null : pourcent(r.intervalle?.bas),
					protege ? null : pourcent(r.intervalle?.haut),
					protege ? 'masque' : r.classement,
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
