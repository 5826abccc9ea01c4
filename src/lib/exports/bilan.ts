import { LIBELLES_LECTURE_BILAN, type BilanConclu } from '$lib/indicators/bilan';
import { LIBELLES_DOCUMENT, type BilanCirconscription } from '$lib/pages/circonscription/bilan';
import type { BilanPlan } from '$lib/pages/reseau';
import { ecrireCsv, pourcentage, RAISON_MASQUE, type ValeurCellule } from './csv';

/**
 * The bilans as CSV: one row per action (a network plan's) or item (a school's accompaniment or
 * projet d'actions) on a competence, each side's years, pupils and gap to expected with its
 * interval, the change and the reading. A side under the masking threshold has empty figures and
 * its reason, by the exports' one rule.
 */
const COLONNES_AVANT_APRES = [
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

function cellulesAvantApres(b: BilanConclu, derniereCompteeApres: boolean): ValeurCellule[] {
	const pts = (x: number | null | undefined) => pourcentage(x, 1);
	const masque =
		b.raison === 'pas_d_ecart' && [b.avant, b.apres].some((c) => c && c.ecart === null);
	return [
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
		derniereCompteeApres
	];
}

export const ENTETE_CSV_BILAN = [
	'reseau_id',
	'reseau',
	'annee_action',
	'action',
	'niveau',
	'competence_id',
	'competence',
	'ecoles',
	...COLONNES_AVANT_APRES
] as const;

export function csvBilan(bilan: BilanPlan, reseau: { reseau_id: string; libelle: string }): string {
	return ecrireCsv(
		ENTETE_CSV_BILAN,
		bilan.lignes.map((l) => [
			reseau.reseau_id,
			reseau.libelle,
			l.action.annee_scolaire,
			l.action.theme,
			l.niveau,
			l.action.competence_id,
			l.competence_libelle,
			l.ecoles.join(', '),
			...cellulesAvantApres(l.bilan, bilan.derniere_comptee_apres)
		])
	);
}

export const ENTETE_CSV_BILAN_CIRCONSCRIPTION = [
	'code_circonscription',
	'circonscription',
	'uai',
	'ecole',
	'document',
	'element',
	'annee_debut',
	'niveau',
	'competence_id',
	'competence',
	...COLONNES_AVANT_APRES
] as const;

export function csvBilanCirconscription(
	bilan: BilanCirconscription,
	circonscription: { code: string; libelle: string }
): string {
	return ecrireCsv(
		ENTETE_CSV_BILAN_CIRCONSCRIPTION,
		bilan.lignes.map((l) => [
			circonscription.code,
			circonscription.libelle,
			l.element.uai,
			l.ecole,
			LIBELLES_DOCUMENT[l.element.document],
			l.element.texte,
			l.element.annee_scolaire,
			l.niveau,
			l.element.competence_id,
			l.competence_libelle,
			...cellulesAvantApres(l.bilan, bilan.derniere_comptee_apres)
		])
	);
}
