import { CHAMPS_TEXTE, type Accompagnement } from '$lib/state/accompagnement.svelte';
import { ecrireCsv, type ValeurCellule } from './csv';
import type { SignatureExport } from './plan';

/**
 * An accompaniment's file: one row per field (rubrique « fiche »), per cell of an action or an
 * indicateur de progrès (their row id and order), and per competence offered to the indicators,
 * readable in a spreadsheet (French names in `libelle`) and read back by the import page
 * (`$lib/state/accompagnement-fichier.ts`: its id, the version of the format, who exported it and
 * when).
 */
export const FORMAT_ACCOMPAGNEMENT = 'pilotage-accompagnement';
export const VERSION_FORMAT_ACCOMPAGNEMENT = 1;

export const ENTETE_CSV_ACCOMPAGNEMENT = [
	'accompagnement_id',
	'uai',
	'ecole',
	'commune',
	'circonscription',
	'rubrique',
	'ligne_id',
	'ordre',
	'champ',
	'libelle',
	'valeur',
	'cree_le',
	'modifie_le',
	'exporte_par',
	'exporte_le',
	'format',
	'version_format'
] as const;

export const RUBRIQUES = {
	fiche: 'fiche',
	action: 'action',
	indicateur: 'indicateur',
	competence: 'competence'
} as const;

export const CHAMPS_ACTION = [
	['quoi', 'action : quoi'],
	['qui', 'action : qui'],
	['quand', 'action : quand']
] as const;

export const CHAMPS_INDICATEUR = [
	['competence_id', 'indicateur : compétence (identifiant)'],
	['libelle', 'indicateur : compétence'],
	['cible', 'indicateur : progrès attendu']
] as const;

export function csvAccompagnement(
	a: Accompagnement,
	signature: SignatureExport = { par: '', le: new Date().toISOString() }
): string {
	const debut = [a.id, a.uai, a.ecole, a.commune, a.circonscription];
	const fin = [
		a.cree_le,
		a.modifie_le,
		signature.par,
		signature.le,
		FORMAT_ACCOMPAGNEMENT,
		VERSION_FORMAT_ACCOMPAGNEMENT
	];
	const lignes: ValeurCellule[][] = [];
	const ligne = (
		rubrique: string,
		id: string,
		ordre: number | null,
		champ: string,
		libelle: string,
		valeur: string
	) => lignes.push([...debut, rubrique, id, ordre, champ, libelle, valeur, ...fin]);
	for (const [champ, libelle] of CHAMPS_TEXTE)
		ligne(RUBRIQUES.fiche, '', null, champ, libelle, a[champ]);
	a.actions.forEach((l, i) => {
		for (const [champ, libelle] of CHAMPS_ACTION)
			ligne(RUBRIQUES.action, l.id, i + 1, champ, libelle, l[champ]);
	});
	a.indicateurs.forEach((l, i) => {
		for (const [champ, libelle] of CHAMPS_INDICATEUR)
			ligne(RUBRIQUES.indicateur, l.id, i + 1, champ, libelle, l[champ]);
	});
	a.competences.forEach((c, i) =>
		ligne(RUBRIQUES.competence, c.competence_id, i + 1, 'libelle', 'compétence évaluée', c.libelle)
	);
	return ecrireCsv(ENTETE_CSV_ACCOMPAGNEMENT, lignes);
}
