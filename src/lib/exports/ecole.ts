import type { LigneTableau } from '$lib/components/types';
import { ecrireCsv, pourcentage, RAISON_MASQUE } from './csv';

const LECTURE: Record<string, string> = {
	point_appui: 'point d’appui',
	point_vigilance: 'point de vigilance',
	conforme: 'conforme à l’attendu',
	non_classe: 'non classé'
};

/**
 * The school's figures as a CSV for a spreadsheet: shares in %; a share too small to show is an
 * empty cell, with `effectif_insuffisant` in the `masque` column (`RAISON_MASQUE`).
 */
export function csvEcole(
	uai: string,
	nom: string,
	lignes: readonly LigneTableau[],
	referenceLibelle: string
): string {
	const pct = (x: number | null | undefined) => pourcentage(x, 1);
	return ecrireCsv(
		[
			'uai',
			'ecole',
			'annee_scolaire',
			'niveau',
			'discipline',
			'competence',
			'n_eleves',
			'part_satisfaisant_pct',
			'intervalle_bas_pct',
			'intervalle_haut_pct',
			'part_besoin_pct',
			'masque',
			`reference_${referenceLibelle.toLowerCase()}_pct`,
			'attendu_ips_pct',
			'ecart_points',
			'ecart_bas_points',
			'ecart_haut_points',
			'lecture',
			'annees_cumulees',
			'source'
		],
		lignes.map((l) => [
			uai,
			nom,
			l.annee,
			l.niveau,
			l.discipline,
			l.competence,
			l.n,
			pct(l.part),
			pct(l.bas),
			pct(l.haut),
			l.part === null ? null : pct(l.partBesoin),
			l.part === null ? RAISON_MASQUE.effectif : null,
			pct(l.reference),
			pct(l.attendu?.part),
			pct(l.attendu?.ecart),
			pct(l.attendu?.bas),
			pct(l.attendu?.haut),
			LECTURE[l.attendu?.classement ?? 'non_classe'],
			l.attendu?.regroupement ?? '',
			l.source
		])
	);
}
