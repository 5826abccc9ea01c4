import {
	anneesDuPlan,
	lignesPlan,
	type ContextePlan,
	type PlanFormation
} from '$lib/state/plan.svelte';
import { ecrireCsv } from './csv';

/**
 * The plan's file: one row per action, readable in a spreadsheet (names, labels) and read back by
 * the import page (`$lib/state/plan-fichier.ts`: the ids, the version of the format, who exported
 * it and when). A plan without actions is one row whose action columns are empty.
 */
export const FORMAT_PLAN = 'pilotage-plan-reseau';
export const VERSION_FORMAT_PLAN = 1;

export const ENTETE_CSV_PLAN = [
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
	'origine',
	'besoin',
	'besoin_motif',
	'besoin_ecart_points',
	'besoin_intervalle_bas',
	'besoin_intervalle_haut',
	'besoin_eleves',
	'besoin_annees',
	'besoin_ecoles_concernees',
	'action_id',
	'action_modifiee_le',
	'action_modifiee_par',
	'plan_debut',
	'exporte_par',
	'exporte_le',
	'format',
	'version_format'
] as const;

export const ORIGINES = {
	proposition: 'proposée par Pilotage',
	pilote: 'ajoutée par les pilotes'
} as const;

export const MOTIFS_BESOIN = {
	reseau: 'établi pour le réseau',
	ecoles: 'établi pour plusieurs écoles'
} as const;

/** Points rounded to one decimal, as the pages show them. */
const points = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);

export interface SignatureExport {
	/** The name of who exports (may be empty). */
	par: string;
	/** ISO date-time of the export. */
	le: string;
}

/** The plan as a CSV file for a French spreadsheet (`;`, BOM, formula-neutralised cells). */
export function csvPlan(
	plan: PlanFormation,
	contexte: ContextePlan,
	signature: SignatureExport = { par: '', le: new Date().toISOString() }
): string {
	const libellePlan = `${plan.annee_debut} à ${anneesDuPlan(plan.annee_debut)[2]}`;
	const fin = [plan.annee_debut, signature.par, signature.le, FORMAT_PLAN, VERSION_FORMAT_PLAN];
	const lignes = lignesPlan(plan, contexte).map(({ action: a, ordre, objectif, ecoles }) => [
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
		ORIGINES[a.origine],
		a.besoin?.competence ?? '',
		a.besoin ? MOTIFS_BESOIN[a.besoin.motif] : '',
		points(a.besoin?.ecart ?? null),
		points(a.besoin?.bas ?? null),
		points(a.besoin?.haut ?? null),
		a.besoin?.eleves ?? null,
		a.besoin?.annees.join(', ') ?? '',
		a.besoin?.ecoles.join(' | ') ?? '',
		a.id,
		a.modifie_le,
		a.modifie_par,
		...fin
	]);
	if (lignes.length === 0) {
		const vide = ENTETE_CSV_PLAN.map(() => '' as string | number);
		vide.splice(0, 3, contexte.reseau_id, contexte.libelle, libellePlan);
		vide.splice(ENTETE_CSV_PLAN.length - fin.length, fin.length, ...fin);
		lignes.push(vide);
	}
	return ecrireCsv(ENTETE_CSV_PLAN, lignes);
}
