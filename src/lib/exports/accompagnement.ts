import { CHAMPS_TEXTE, signatureDe, type Accompagnement } from '$lib/state/accompagnement.svelte';
import { ecrireCsv, type ValeurCellule } from './csv';
import type { SignatureExport } from './plan';

/**
 * An accompaniment's file: one row per field (rubrique « fiche »), per cell of an action or an
 * indicateur de progrès (their row id and order), and per competence offered to the indicators,
 * readable in a spreadsheet (French names in `libelle`) and read back by the import page
 * (`$lib/state/accompagnement-fichier.ts`: its id, the version of the format, who exported it and
 * when). Since format 2 each row also names who changed its item last, and when, so that a
 * colleague comparing versions sees each item's author.
 */
export const FORMAT_ACCOMPAGNEMENT = 'pilotage-accompagnement';
export const VERSION_FORMAT_ACCOMPAGNEMENT = 2;

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
	'element_modifie_le',
	'element_modifie_par',
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

/** The columns of format 1, before items were signed: what every file must have. */
export const COLONNES_ACCOMPAGNEMENT_V1 = ENTETE_CSV_ACCOMPAGNEMENT.filter(
	(c) => c !== 'element_modifie_le' && c !== 'element_modifie_par'
);

export function csvAccompagnement(
	a: Accompagnement,
	signature: SignatureExport = { par: '', le: new Date().toISOString() }
): string {
	const debut = [a.id, a.uai, a.ecole, a.commune, a.circonscription];
	const fin = [signature.par, signature.le, FORMAT_ACCOMPAGNEMENT, VERSION_FORMAT_ACCOMPAGNEMENT];
	const lignes: ValeurCellule[][] = [];
	const ligne = (
		rubrique: string,
		id: string,
		ordre: number | null,
		champ: string,
		libelle: string,
		valeur: string,
		element: string | null
	) => {
		const signe = element === null ? null : signatureDe(a, element);
		lignes.push([
			...debut,
			rubrique,
			id,
			ordre,
			champ,
			libelle,
			valeur,
			a.cree_le,
			a.modifie_le,
			signe?.le ?? '',
			signe?.par ?? '',
			...fin
		]);
	};
	for (const [champ, libelle] of CHAMPS_TEXTE)
		ligne(RUBRIQUES.fiche, '', null, champ, libelle, a[champ], `fiche:${champ}`);
	a.actions.forEach((l, i) => {
		for (const [champ, libelle] of CHAMPS_ACTION)
			ligne(RUBRIQUES.action, l.id, i + 1, champ, libelle, l[champ], `action:${l.id}`);
	});
	a.indicateurs.forEach((l, i) => {
		for (const [champ, libelle] of CHAMPS_INDICATEUR)
			ligne(RUBRIQUES.indicateur, l.id, i + 1, champ, libelle, l[champ], `indicateur:${l.id}`);
	});
	a.competences.forEach((c, i) =>
		ligne(
			RUBRIQUES.competence,
			c.competence_id,
			i + 1,
			'libelle',
			'compétence évaluée',
			c.libelle,
			null
		)
	);
	return ecrireCsv(ENTETE_CSV_ACCOMPAGNEMENT, lignes);
}
