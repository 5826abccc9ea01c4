// The words of the points (docs/methodologie.md, « Points établis et signaux à confirmer »), in one
// home: only an established cell is called « point d'appui / de vigilance »; a cell significant on
// its own but not established is a « signal à confirmer », always worded as possibly chance.
import type { RaisonNonClasse, StatutPoint } from '$lib/indicators';
import { MOINS_QUE_LE_SEUIL } from './seuils';

export const LIBELLE_STATUT: Record<StatutPoint, string> = {
	point_appui: 'point d’appui',
	point_vigilance: 'point de vigilance',
	a_confirmer: 'signal à confirmer',
	rien: 'conforme à l’attendu',
	insuffisant: 'non lu'
};

/** A signal's side, said as a direction, never as a point. */
export const SENS_SIGNAL = {
	appui: 'au-dessus de l’attendu',
	vigilance: 'en dessous de l’attendu'
} as const;

/** The reading of a signal wherever one is shown (list, tooltip, CSV). */
export const SIGNAL_HASARD = 'signal à confirmer (peut être dû au hasard)';

/** Why a cell was not read, in a few words (completes « non lu : … »). */
export const RAISON_NON_LU: Record<RaisonNonClasse, string> = {
	effectif_insuffisant: `${MOINS_QUE_LE_SEUIL}, même en cumulant les années`,
	ips_absent: 'IPS de l’école non publié, pas de résultat attendu',
	modele_indisponible: 'pas de modèle de résultat attendu pour cette compétence',
	ips_hors_domaine: 'IPS hors de l’étendue des écoles de référence'
};
