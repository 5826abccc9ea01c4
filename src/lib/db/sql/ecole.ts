import { litteral, requete } from './echappement';

/**
 * The team's training: hours, participants and modules per year, type and theme (never by name),
 * with the school's éducation prioritaire (the EP objective of the projet counts its training).
 * Without `uai`: every school's, by UAI.
 */
export const formationsEcole = (uai?: string) =>
	requete(
		`SELECT f.uai_ecole AS uai, f.annee_scolaire, f.type, f.discipline, f.theme,
		any_value(coalesce(c.libelle, f.libelle_module)) AS theme_libelle,
		count(DISTINCT f.identifiant_module) AS modules,
		count(DISTINCT f.agent_id) AS participants,
		sum(f.duree_h) AS heures, any_value(f.source) AS source,
		any_value(e.education_prioritaire) AS education_prioritaire
	FROM formation f LEFT JOIN competence c ON c.competence_id = f.theme
	LEFT JOIN ecole e ON e.uai = f.uai_ecole
	WHERE ${uai === undefined ? 'f.uai_ecole IS NOT NULL' : `f.uai_ecole = ${litteral(uai)}`}
		AND coalesce(f.presence, 1) = 1
	GROUP BY f.uai_ecole, f.annee_scolaire, f.type, f.discipline, f.theme
	ORDER BY f.uai_ecole, f.annee_scolaire DESC, heures DESC, f.type, f.discipline, f.theme`
	);

/**
 * Class-level counts from the pupil-level export, only for the school that imported it. The
 * import already aggregated the pupils per class (`classe_resultat`): nothing to count here.
 */
export const classesEcole = (uai: string) =>
	requete(
		`SELECT annee_scolaire, classe, niveau, discipline, competence_id,
		n_eleves, n_besoin, n_fragile, n_satisfaisant
	FROM classe_resultat WHERE uai = ${litteral(uai)}
	ORDER BY annee_scolaire DESC, classe, niveau, discipline, competence_id`
	);
