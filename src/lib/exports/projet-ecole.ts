import type { ActionProjet, ProjetEcole } from '$lib/state/projet-ecole.svelte';
import { ecrireCsv } from './csv';
import type { SignatureExport } from './plan';

/**
 * A school's projet d'actions as a file: one row per action, readable in a spreadsheet (labels of
 * the competences and of the objective) and read back by the import page
 * (`$lib/state/projet-ecole-fichier.ts`: the ids, the version of the format, who exported it and
 * when). A projet without actions is one row whose action columns are empty.
 */
export const FORMAT_PROJET = 'pilotage-projet-ecole';
export const VERSION_FORMAT_PROJET = 1;

export const ENTETE_CSV_PROJET = [
	'uai',
	'ecole',
	'ordre',
	'action',
	'competences_id',
	'competences',
	'objectif_id',
	'objectif',
	'annee_scolaire',
	'periode',
	'verification',
	'projet_action_id',
	'action_creee_le',
	'action_modifiee_le',
	'action_modifiee_par',
	'exporte_par',
	'exporte_le',
	'format',
	'version_format'
] as const;

export interface ContexteProjet {
	uai: string;
	nom: string;
	/** `niveau|competence_id` → « CE1 — Résoudre des problèmes ». */
	competences: ReadonlyMap<string, string>;
	/** Objective id → label. */
	objectifs: ReadonlyMap<string, string>;
}

/** The name of the file: `projet-ecole-<uai>-<date>.csv`. */
export function nomFichierProjet(uai: string, le = new Date().toISOString()): string {
	return `projet-ecole-${uai}-${le.slice(0, 10)}.csv`;
}

/** A competence's label, or its key when the school's results no longer have it. */
export const libelleCompetence = (contexte: Pick<ContexteProjet, 'competences'>, cle: string) =>
	contexte.competences.get(cle) ?? cle.replace('|', ' — ');

export function csvProjet(
	projet: ProjetEcole | null,
	contexte: ContexteProjet,
	signature: SignatureExport = { par: '', le: new Date().toISOString() }
): string {
	const fin = [signature.par, signature.le, FORMAT_PROJET, VERSION_FORMAT_PROJET];
	const ligne = (a: ActionProjet, i: number) => [
		contexte.uai,
		contexte.nom,
		i + 1,
		a.action,
		a.competences.join(', '),
		a.competences.map((c) => libelleCompetence(contexte, c)).join(' | '),
		a.objectif_id,
		contexte.objectifs.get(a.objectif_id) ?? '',
		a.annee_scolaire,
		a.periode,
		a.verification,
		a.id,
		a.cree_le,
		a.modifie_le,
		a.modifie_par,
		...fin
	];
	const lignes = (projet?.actions ?? []).map(ligne);
	if (lignes.length === 0) {
		const vide = ENTETE_CSV_PROJET.map(() => '' as string | number);
		vide.splice(0, 2, contexte.uai, contexte.nom);
		vide.splice(ENTETE_CSV_PROJET.length - fin.length, fin.length, ...fin);
		lignes.push(vide);
	}
	return ecrireCsv(ENTETE_CSV_PROJET, lignes);
}
