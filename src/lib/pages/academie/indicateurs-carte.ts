// Two more ways to colour the map's schools: a competence's established reading (the académie's
// family of points, as every page reads it) and the training coverage of the school's team.

import {
	MODALITES_LECTURE,
	type IndicateurCategoriel,
	type IndicateurContinu
} from '$lib/charts/carte';
import type { PointTeste, ResultatEcart } from '$lib/indicators';
import type { LigneCouvertureFormation } from './types';
import type { CompetenceOfferte } from './vue';

/** The group of the reading indicators: one option « Lecture d'une compétence », then a picker. */
export const GROUPE_LECTURE = {
	cle: 'lecture',
	libelle: 'Lecture d’une compétence',
	etiquette: 'Compétence à lire sur la carte'
} as const;

/**
 * A school's reading of one competence in the académie's diagnosis (the pooled family): an
 * established point in its words; a signal as a signal, never as a point; too few pupils as
 * « effectif insuffisant »; anything else (within what is expected, no IPS, no model) as
 * nothing established.
 */
export function modaliteLecture(resultat: ResultatEcart, point: PointTeste): string {
	if (resultat.observe.masque) return 'masque';
	switch (point.statut) {
		case 'point_appui':
		case 'point_vigilance':
			return point.statut;
		case 'a_confirmer':
			return 'signal';
		case 'insuffisant':
			return point.raison === 'effectif_insuffisant' ? 'masque' : 'conforme';
		default:
			return 'conforme';
	}
}

/**
 * One indicator per competence offered, from the académie's family of points (its `resultats`
 * and `points` side by side): the school × competence cells of the latest year. A school with no
 * such cell (not evaluated on it) is « non renseigné ».
 */
export function indicateursLecture(
	famille: { resultats: readonly ResultatEcart[]; points: readonly PointTeste[] },
	competences: readonly CompetenceOfferte[],
	fenetre: readonly string[]
): IndicateurCategoriel[] {
	const parCompetence = new Map<string, Map<string, string>>();
	famille.resultats.forEach((r, i) => {
		let valeurs = parCompetence.get(r.competence_id);
		if (!valeurs) parCompetence.set(r.competence_id, (valeurs = new Map()));
		valeurs.set(r.uai, modaliteLecture(r, famille.points[i]));
	});
	const annees =
		fenetre.length > 1 ? `${fenetre[0]} à ${fenetre.at(-1)}` : (fenetre[0] ?? 'dernière année');
	return competences
		.filter((c) => parCompetence.has(c.competence_id))
		.map((c) => ({
			nature: 'categoriel' as const,
			cle: `lecture:${c.competence_id}`,
			libelle: `Lecture : ${c.niveau} — ${c.libelle} (${annees})`,
			groupe: { ...GROUPE_LECTURE, choix: `${c.niveau} — ${c.libelle}` },
			note: `Ce que Pilotage établit pour chaque école sur cette compétence, au regard de son IPS, années ${annees} cumulées (page « Méthode ») ; un signal à confirmer n’est pas un point établi.`,
			modalites: MODALITES_LECTURE,
			valeurs: parCompetence.get(c.competence_id)!
		}));
}

/**
 * The training coverage of each school's team in the training file's latest year: the share of
 * the school's agents (those the file names for this school, any year) present at one training
 * at least that year. A school the file never names is « non renseigné », not 0.
 */
export function indicateurCouverture(
	lignes: readonly LigneCouvertureFormation[]
): IndicateurContinu | null {
	const avecAgents = lignes.filter((l) => l.agents > 0);
	if (!avecAgents.length) return null;
	const annee = avecAgents[0].annee;
	const valeurs = new Map<string, number>();
	const details = new Map<string, string>();
	for (const l of avecAgents) {
		valeurs.set(l.uai, (100 * l.formes) / l.agents);
		details.set(l.uai, `${l.formes} agent${l.formes > 1 ? 's' : ''} sur ${l.agents}`);
	}
	return {
		nature: 'continu',
		cle: 'couverture-formation',
		libelle: `Formation ${annee} : part des agents formés`,
		note: `Part des agents de l’école présents à au moins une formation en ${annee}, parmi les agents que le fichier des formations cite pour cette école (toutes années) ; une école absente du fichier est « non renseigné ».`,
		decimales: 0,
		unite: '%',
		seuils: [25, 50, 75],
		valeurs,
		details
	};
}
