import {
	anneesDuPlan,
	lignesPlan,
	type ContextePlan,
	type PlanFormation
} from '$lib/state/plan.svelte';
import { ecrireCsv } from './csv';

const ENTETE_CSV_PLAN = [
	'reseau_id',
	'reseau',
	'plan',
	'annee_scolaire',
	'ordre',
	'theme',
	'competence_id',
	'objectif_id',
	'objectif',
	'modalite',
	'public',
	'heures',
	'ecoles_uai',
	'ecoles',
	'formateurs',
	'verification',
	'origine'
] as const;

/** The plan as a CSV file for a French spreadsheet (`;`, BOM, formula-neutralised cells). */
export function csvPlan(plan: PlanFormation, contexte: ContextePlan): string {
	const libellePlan = `${plan.annee_debut} à ${anneesDuPlan(plan.annee_debut)[2]}`;
	return ecrireCsv(
		ENTETE_CSV_PLAN,
		lignesPlan(plan, contexte).map(({ action: a, ordre, objectif, ecoles }) => [
			contexte.reseau_id,
			contexte.libelle,
			libellePlan,
			a.annee_scolaire,
			ordre,
			a.theme,
			a.competence_id ?? '',
			a.objectif_id,
			objectif,
			a.modalite,
			a.public,
			a.heures,
			a.ecoles.join(', '),
			ecoles.join(', '),
			a.formateurs,
			a.verification,
			a.origine === 'proposition' ? 'proposée par Pilotage' : 'ajoutée par les pilotes'
		])
	);
}
