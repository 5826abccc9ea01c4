/**
 * « Ma circonscription », statistics (src/lib/indicators only), once per circonscription and
 * state of the data: each school × competence of the latest year against its expected share,
 * the circonscription against its references, and the secondary masking of the school cells
 * shown next to its totals; each cell's status comes from the académie's families of points
 * (pooled years, persistence). Pure: no engine.
 */
import {
	agregerParCompetence,
	comparerAReference,
	type CatalogueModeles,
	type ReferenceExterne,
	type ResultatAgregat,
	type PointTeste,
	type ResultatComparaison,
	type ResultatEcart
} from '$lib/indicators';
import { cellulePoint, type FamillesPoints } from '../commun/analyse';
import { comparerCompetences as ordreCompetences } from '$lib/domain/competences';
import type {
	AnalyseCirconscription,
	Cellule,
	ComparaisonTerritoires,
	CompetenceColonne,
	DonneesCirconscription,
	EtatCellule
} from './types';

export const cleCellule = (uai: string, competence_id: string) => `${uai}|${competence_id}`;

export function comparerCompetences(a: CompetenceColonne, b: CompetenceColonne): number {
	return ordreCompetences(a, b) || a.competence_id.localeCompare(b.competence_id);
}

/**
 * Every school × competence of the latest year against its expected share (small schools pool
 * up to three years, labelled), the circonscription's pooled figure per competence, and the
 * comparisons with the département, the académie and France.
 */
export function analyserCirconscription(
	donnees: DonneesCirconscription,
	modeles: CatalogueModeles,
	familles: FamillesPoints | null
): AnalyseCirconscription {
	const { annee, fenetre, fiche } = donnees;
	const dansFenetre = new Set(fenetre);
	const lignes = donnees.lignes.filter((l) => dansFenetre.has(l.annee_scolaire));
	const competences = new Map<string, CompetenceColonne>();
	for (const l of lignes) {
		if (l.annee_scolaire !== annee || competences.has(l.competence_id)) continue;
		competences.set(l.competence_id, {
			competence_id: l.competence_id,
			niveau: l.niveau,
			discipline: l.discipline,
			libelle: l.competence_libelle,
			ordre: l.ordre
		});
	}
	const agregats = new Map<string, ResultatAgregat>();
	const cellules = new Map<string, Cellule>();
	if (annee) {
		const resultats = agregerParCompetence(lignes, modeles, {
			libelle: `circonscription ${fiche.libelle}`,
			annee_scolaire: annee
		});
		for (const agregat of resultats) {
			agregats.set(agregat.competence_id, agregat);
			const secondaires = new Set(agregat.masquage.secondaires);
			for (const r of agregat.resultats_membres) {
				// The académie's diagnosis of the cell, when its family covers this year.
				const diagnostic =
					familles?.annee === annee ? cellulePoint(familles.cumul, r.uai, r.competence_id) : null;
				const resultat = diagnostic?.resultat ?? r;
				// The circonscription's total is this year's: the protection is this year's cells'.
				const masque = resultat.observe.masque
					? 'effectif'
					: secondaires.has(r.uai) && !r.pooled_years
						? 'protection'
						: null;
				cellules.set(cleCellule(r.uai, r.competence_id), {
					uai: r.uai,
					competence_id: r.competence_id,
					niveau: r.niveau,
					discipline: r.discipline,
					resultat,
					point: diagnostic?.point ?? null,
					annee: r,
					masque,
					etat: masque ? 'masque' : etatCellule(diagnostic?.point ?? null, r)
				});
			}
		}
	}
	const colonnes = [...competences.values()].sort(comparerCompetences);
	const territoires: ComparaisonTerritoires[] = [];
	for (const t of donnees.territoires) {
		const competence = competences.get(t.competence_id);
		const circonscription = agregats.get(t.competence_id);
		if (!competence || !circonscription) continue;
		const observe = {
			k: t.k_circo,
			n: t.n_circo,
			annee_scolaire: annee,
			source: t.source ?? 'Évaluations nationales'
		};
		const comparer = (
			libelle: string,
			n: number,
			k: number,
			publie: number | null
		): ResultatComparaison | null => {
			let reference: ReferenceExterne | null = null;
			if (n > t.n_circo) {
				reference = {
					libelle,
					annee_scolaire: annee,
					source: t.source ?? 'Évaluations nationales',
					comptes: { k, n },
					inclut_unite: true
				};
			} else if (publie !== null) {
				reference = {
					libelle,
					annee_scolaire: annee,
					source: t.source_publiee ?? 'valeur publiée',
					part: publie / 100
				};
			}
			return reference ? comparerAReference(observe, reference) : null;
		};
		territoires.push({
			competence,
			circonscription,
			departement: comparer(
				`département ${fiche.code_departement} (hors circonscription)`,
				t.n_departement,
				t.k_departement,
				t.publie_departement
			),
			academie: comparer(
				'académie (hors circonscription)',
				t.n_academie,
				t.k_academie,
				t.publie_academie
			),
			france:
				t.publie_france === null
					? null
					: comparerAReference(observe, {
							libelle: 'France',
							annee_scolaire: annee,
							source: t.source_publiee ?? 'valeur publiée',
							part: t.publie_france / 100
						})
		});
	}
	territoires.sort((a, b) => comparerCompetences(a.competence, b.competence));
	return { annee, fenetre, competences: colonnes, cellules, agregats, territoires, modeles };
}

/**
 * What a cell may show: an established point in its own words; a signal as `a_confirmer`; without
 * a family (no académie-wide control), any signal stays `a_confirmer`.
 */
export function etatCellule(point: PointTeste | null, r: ResultatEcart): EtatCellule {
	if (point) {
		switch (point.statut) {
			case 'rien':
				return 'conforme';
			case 'insuffisant':
				return 'non_classe';
			default:
				return point.statut;
		}
	}
	if (r.classement === 'point_appui' || r.classement === 'point_vigilance') return 'a_confirmer';
	return r.classement;
}
