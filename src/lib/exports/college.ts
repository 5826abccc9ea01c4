import type { LigneDomaineVue, ValeurAjoutee } from '$lib/pages/college';
import { ecrireCsv, pourcentage, RAISON_MASQUE } from './csv';

/**
 * The collège's figures as a CSV: one row per domain of the latest year (shares in %, a share too
 * small to show is an empty cell with `effectif_insuffisant`), the pooled diagnosis's status of
 * each reading, then one row per brevet session (`domaine` = `DNB`).
 */
export function csvCollege(
	uai: string,
	nom: string,
	lignes: readonly LigneDomaineVue[],
	sessions: readonly ValeurAjoutee[]
): string {
	const pct = (x: number | null | undefined) => pourcentage(x, 1);
	const part = (p: LigneDomaineVue['fragiles']) => (p.masque ? null : pct(p.part));
	return ecrireCsv(
		[
			'uai',
			'college',
			'annee_scolaire',
			'niveau',
			'domaine',
			'n_eleves',
			'score_moyen',
			'score_moyen_academie',
			'groupes_1_2_pct',
			'groupes_1_2_academie_pct',
			'groupes_1_2_france_pct',
			'groupes_5_6_pct',
			'groupes_5_6_academie_pct',
			'groupes_5_6_france_pct',
			'masque',
			'attendu_ips_groupes_1_2_pct',
			'ecart_groupes_1_2_points',
			'statut_groupes_1_2',
			'attendu_ips_groupes_5_6_pct',
			'ecart_groupes_5_6_points',
			'statut_groupes_5_6',
			'dnb_taux_reussite_pct',
			'dnb_taux_attendu_pct',
			'dnb_valeur_ajoutee_points',
			'source'
		],
		[
			...lignes.map((l) => {
				const f = l.diagnostic.fragiles;
				const a = l.diagnostic.aises;
				return [
					uai,
					nom,
					l.annee,
					l.niveau,
					l.domaine,
					l.n,
					l.score,
					l.score_academie === null ? null : Math.round(l.score_academie * 10) / 10,
					part(l.fragiles),
					pct(l.fragiles_academie),
					pct(l.fragiles_france),
					part(l.aises),
					pct(l.aises_academie),
					pct(l.aises_france),
					l.fragiles.masque ? RAISON_MASQUE.effectif : null,
					pct(f.cellule?.resultat.attendu),
					pct(f.cellule?.resultat.ecart),
					f.statut,
					pct(a.cellule?.resultat.attendu),
					pct(a.cellule?.resultat.ecart),
					a.statut,
					null,
					null,
					null,
					l.source
				];
			}),
			...sessions.map((s) => [
				uai,
				nom,
				s.annee_scolaire,
				'3E',
				'DNB',
				s.nb_candidats,
				...Array(15).fill(null),
				s.taux_reussite,
				s.taux_attendu,
				s.va_taux_reussite,
				s.source
			])
		]
	);
}
