import type { LigneTableau } from '$lib/components/types';
import { LIBELLE_STATUT } from '$lib/domain/points';
import { ecrireCsv, pourcentage, RAISON_MASQUE } from './csv';

/**
 * The school's figures as a CSV (the gap columns are the pooled diagnosis, `annees_cumulees` and
 * `n_cumule` its years and pupils) for a spreadsheet: shares in %; a share too small to show is an
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
			'statut',
			'annees_cumulees',
			'n_cumule',
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
			LIBELLE_STATUT[l.attendu?.statut ?? 'insuffisant'],
			// The same status as the circonscription's CSV: an established point, or a signal
			// (`a_confirmer`), never the one for the other.
			l.attendu?.statut ?? 'insuffisant',
			l.attendu?.regroupement ?? '',
			l.attendu?.n ?? null,
			l.source
		])
	);
}
