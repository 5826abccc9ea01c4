// « Ma circonscription », wording shared by the components (figures come formatted from
// src/lib/format).
import type { ResultatEcart } from '$lib/indicators';
import { libelleDiscipline } from '$lib/domain/competences';
import { LIBELLE_STATUT, SIGNAL_HASARD } from '$lib/domain/points';
import { MOINS_QUE_LE_SEUIL } from '$lib/domain/seuils';
import type { Cellule, CompetenceColonne, EtatCellule } from './types';

export const LECTURE: Record<EtatCellule, string> = {
	point_appui: LIBELLE_STATUT.point_appui,
	point_vigilance: LIBELLE_STATUT.point_vigilance,
	a_confirmer: SIGNAL_HASARD,
	conforme: 'conforme à l’attendu',
	non_classe: 'non classé',
	masque: 'masqué'
};

export const PROTECTION =
	'masqué pour qu’une petite école ne puisse pas être retrouvée par différence avec le total de la circonscription';

export function libelleCompetence(c: CompetenceColonne): string {
	return `${c.niveau} ${libelleDiscipline(c.discipline)} — ${c.libelle}`;
}

/** « 2024-2025 » or « cumul 2022-2023 à 2024-2025 ». */
export function anneesResultat(r: ResultatEcart): string {
	if (!r.pooled_years) return r.annee_scolaire;
	const annees = [...r.pooled_years].sort();
	return `cumul ${annees[0]} à ${annees[annees.length - 1]}`;
}

const textes = new WeakMap<Cellule, { competence: CompetenceColonne; texte: string }>();

/**
 * What a cell says in full: figures, n, year(s) and source (tooltip and details row). Kept per
 * cell: the map, its table and a filter change ask for the same 2 000 sentences again.
 */
export function texteCellule(cellule: Cellule, competence: CompetenceColonne): string {
	const connu = textes.get(cellule);
	if (connu?.competence === competence) return connu.texte;
	const texte = composerTexteCellule(cellule, competence);
	textes.set(cellule, { competence, texte });
	return texte;
}

function composerTexteCellule(cellule: Cellule, competence: CompetenceColonne): string {
	const r = cellule.resultat;
	const provenance = `${r.n} élèves évalués, ${anneesResultat(r)}. Source : ${r.source}.`;
	if (cellule.masque === 'protection') {
		return `${libelleCompetence(competence)} : ${PROTECTION}. ${r.n} élèves évalués, ${r.annee_scolaire}.`;
	}
	if (cellule.masque === 'effectif') {
		return `${libelleCompetence(competence)} : effectif insuffisant (${MOINS_QUE_LE_SEUIL}, même en cumulant les années). ${provenance}`;
	}
	// The status is the académie's family's (a signal is never said to be a point).
	return `${libelleCompetence(competence)} : ${LECTURE[cellule.etat]}. ${r.explication} ${provenance}`;
}
