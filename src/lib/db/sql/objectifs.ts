import { requete } from './echappement';

/**
 * The académie's pupils on every competence and year, for the objectives of the projet académique
 * (page of the académie): pooled counts, the schools evaluated, the pupils' mean IPS (each school's
 * IPS of that year weighed by its pupils evaluated; schools without IPS left out, and counted) and
 * the published share of France, when imported. One row per year × competence: a few hundred.
 */
export const evaluationsObjectifs = () =>
	requete(
		`WITH a AS (
		SELECT v.annee_scolaire, v.niveau, v.discipline, v.competence_id,
			any_value(coalesce(c.libelle, v.competence_libelle, v.competence_id)) AS competence_libelle,
			any_value(coalesce(c.ordre, 999)) AS ordre,
			count(DISTINCT v.uai) FILTER (WHERE v.n_eleves > 0)::INTEGER AS nb_ecoles,
			sum(v.n_eleves)::INTEGER AS n_eleves,
			sum(v.n_satisfaisant)::INTEGER AS n_satisfaisant,
			coalesce(sum(v.n_eleves) FILTER (WHERE i.ips IS NOT NULL), 0)::INTEGER AS n_avec_ips,
			sum(v.n_eleves * i.ips) FILTER (WHERE i.ips IS NOT NULL)
				/ nullif(sum(v.n_eleves) FILTER (WHERE i.ips IS NOT NULL), 0) AS ips_moyen,
			string_agg(DISTINCT v.source, ', ') AS source
		FROM evaluation v
		LEFT JOIN competence c USING (competence_id)
		LEFT JOIN ips i ON i.uai = v.uai AND i.annee_scolaire = v.annee_scolaire
		GROUP BY v.annee_scolaire, v.niveau, v.discipline, v.competence_id
	)
	SELECT a.*, r.part_satisfaisant AS part_france, r.source AS source_france
	FROM a
	LEFT JOIN (
		SELECT annee_scolaire, competence_id, any_value(part_satisfaisant) AS part_satisfaisant,
			any_value(source) AS source
		FROM reference WHERE territoire = 'FRANCE' AND part_satisfaisant IS NOT NULL
		GROUP BY annee_scolaire, competence_id
	) r USING (annee_scolaire, competence_id)
	ORDER BY a.niveau, a.discipline, a.ordre, a.competence_id, a.annee_scolaire`
	);

/**
 * The académie's training for the objectives: per year and theme, and per year over every theme
 * (`theme` null, `tous_themes` true), split by the school's éducation prioritaire (REP+, REP, or
 * null), attended hours added up and teachers counted once (distinct pseudonymous agents, none
 * leaving the engine). Counted per theme, a teacher trained on two themes counts in both.
 */
export const formationsObjectifs = () =>
	requete(
		`SELECT f.annee_scolaire, f.theme,
		grouping(f.theme) = 1 AS tous_themes,
		CASE WHEN e.education_prioritaire IN ('REP', 'REP+') THEN e.education_prioritaire END AS education_prioritaire,
		-- A competence's label; a free theme is its own name (a module's title would name one session).
		CASE WHEN grouping(f.theme) = 0 THEN any_value(c.libelle) END AS theme_libelle,
		coalesce(sum(f.duree_h), 0)::DOUBLE AS heures,
		count(DISTINCT f.agent_id)::INTEGER AS participants,
		string_agg(DISTINCT f.source, ', ') AS source
	FROM formation f
	LEFT JOIN ecole e ON e.uai = f.uai_ecole
	LEFT JOIN competence c ON c.competence_id = f.theme
	WHERE coalesce(f.presence, 1) = 1
	GROUP BY GROUPING SETS (
		(f.annee_scolaire, f.theme, CASE WHEN e.education_prioritaire IN ('REP', 'REP+') THEN e.education_prioritaire END),
		(f.annee_scolaire, CASE WHEN e.education_prioritaire IN ('REP', 'REP+') THEN e.education_prioritaire END)
	)
	ORDER BY f.annee_scolaire, tous_themes, f.theme, education_prioritaire`
	);
