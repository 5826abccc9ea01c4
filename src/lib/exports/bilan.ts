import { LIBELLES_LECTURE_BILAN } from '$lib/indicators/bilan';
import type { BilanPlan } from '$lib/pages/reseau';
import { ecrireCsv, pourcentage, RAISON_MASQUE } from './csv';

/**
 * The bilan of a network's plan as a CSV: one row per action on a competence, each side's years,
 * pupils and gap to expected with its interval, the change and the reading. A side under the
 * masking threshold has empty figures and its reason, by the exports' one rule.
 */
export const ENTETE_CSV_BILAN = [
	'reseau_id',
	'reseau',
	'annee_action',
	'action',
	'niveau',
	'competence_id',
	'competence',
	'ecoles',
	'annees_avant',
	'eleves_avant',
	'ecart_avant_points',
	'ecart_avant_bas',
	'ecart_avant_haut',
	'annees_apres',
	'eleves_apres',
	'ecart_apres_points',
	'ecart_apres_bas',
	'ecart_apres_haut',
	'evolution_points',
	'evolution_bas',
	'evolution_haut',
	'lecture',
	'raison',
	'derniere_annee_comptee_apres'
] as const;

export function csvBilan(bilan: BilanPlan, reseau: { reseau_id: string; libelle: string }): string {
	const pts = (x: number | null | undefined) => pourcentage(x, 1);
	return ecrireCsv(
		ENTETE_CSV_BILAN,
		bilan.lignes.map((l) => {
			const b = l.bilan;
			const masque =
				b.raison === 'pas_d_ecart' && [b.avant, b.apres].some((c) => c && c.ecart === null);
			return [
				reseau.reseau_id,
				reseau.libelle,
				l.action.annee_scolaire,
				l.action.theme,
				l.niveau,
				l.action.competence_id,
				l.competence_libelle,
				l.ecoles.join(', '),
				b.annees_avant.join(' '),
				b.avant?.n,
				pts(b.avant?.ecart),
				pts(b.avant?.intervalle?.bas),
				pts(b.avant?.intervalle?.haut),
				b.annees_apres.join(' '),
				b.apres?.n,
				pts(b.apres?.ecart),
				pts(b.apres?.intervalle?.bas),
				pts(b.apres?.intervalle?.haut),
				pts(b.difference),
				pts(b.intervalle?.bas),
				pts(b.intervalle?.haut),
				LIBELLES_LECTURE_BILAN[b.lecture],
				masque ? RAISON_MASQUE.effectif : (b.raison ?? ''),
				bilan.derniere_comptee_apres
			];
		})
	);
}
