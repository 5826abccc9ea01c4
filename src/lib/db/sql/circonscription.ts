// SQL of the IEN's view (issue 6: « Ma circonscription »). Everything is aggregated here, in the
// engine; the page only computes statistics on the rows these builders return.
import { litteral, requete } from './echappement';

/**
 * The schools of a circonscription, by groupe de proximité then name (never by result), each
 * with its latest published IPS.
 */
export const ecolesCirconscription = (code: string) =>
	requete(
		`SELECT e.uai, e.nom, e.commune, e.type, e.groupe_proximite, e.education_prioritaire,
		e.rural, i.ips, i.annee_scolaire AS annee_ips
	FROM ecole e
	LEFT JOIN (
		SELECT uai, ips, annee_scolaire FROM ips
		WHERE ips IS NOT NULL AND uai IN (SELECT uai FROM ecole WHERE code_circonscription = ${litteral(code)})
		QUALIFY row_number() OVER (PARTITION BY uai ORDER BY annee_scolaire DESC) = 1
	) i USING (uai)
	WHERE e.code_circonscription = ${litteral(code)}
	ORDER BY e.groupe_proximite NULLS LAST, e.nom, e.commune, e.uai`
	);

/**
 * Every result of the circonscription's schools, all years, with the school's IPS of each year
 * and the catalogue's label and order: a few thousand rows (60 schools × 5 years ≈ 10 000), read
 * as Arrow columns.
 */
export const evaluationsCirconscription = (code: string) =>
	requete(
		`SELECT v.annee_scolaire, v.uai, v.niveau, v.discipline, v.competence_id,
		coalesce(c.libelle, v.competence_libelle, v.competence_id) AS competence_libelle,
		coalesce(c.ordre, 999) AS ordre, v.n_eleves, v.n_besoin, v.n_fragile, v.n_satisfaisant,
		i.ips, v.source
	FROM evaluation v
	JOIN ecole e ON e.uai = v.uai AND e.code_circonscription = ${litteral(code)}
	LEFT JOIN competence c ON c.competence_id = v.competence_id
	LEFT JOIN ips i ON i.uai = v.uai AND i.annee_scolaire = v.annee_scolaire
	ORDER BY v.uai, v.competence_id, v.annee_scolaire`
	);

/**
 * One year's pooled counts per competence for the circonscription, its département and the
 * académie (all schools loaded), beside the published figures (France, académie, département).
 * The circonscription's own pupils are inside the département and académie counts: the caller
 * takes them out before comparing. Without `annee`, the circonscription's latest evaluated year,
 * found in the same query so that the page sends all its reads at once.
 */
export const territoiresCirconscription = (code: string, annee?: string) =>
	requete(
		`WITH circo AS (SELECT code_departement FROM circonscription WHERE code_circonscription = ${litteral(code)}),
	annee AS (
		SELECT ${
			annee === undefined
				? `(SELECT max(v.annee_scolaire) FROM evaluation v
			JOIN ecole e ON e.uai = v.uai AND e.code_circonscription = ${litteral(code)})`
				: litteral(annee)
		} AS annee
	),
	base AS (
		SELECT v.niveau, v.discipline, v.competence_id, v.n_eleves, v.n_satisfaisant, v.n_besoin,
			v.source, e.code_circonscription = ${litteral(code)} AS dans_circo,
			e.code_departement = (SELECT code_departement FROM circo) AS dans_departement
		FROM evaluation v JOIN ecole e USING (uai)
		WHERE v.annee_scolaire = (SELECT annee FROM annee)
	),
	comptes AS (
		SELECT niveau, discipline, competence_id,
			coalesce(sum(n_eleves) FILTER (WHERE dans_circo), 0) AS n_circo,
			coalesce(sum(n_satisfaisant) FILTER (WHERE dans_circo), 0) AS k_circo,
			coalesce(sum(n_eleves) FILTER (WHERE dans_departement), 0) AS n_departement,
			coalesce(sum(n_satisfaisant) FILTER (WHERE dans_departement), 0) AS k_departement,
			sum(n_eleves) AS n_academie, sum(n_satisfaisant) AS k_academie,
			string_agg(DISTINCT source, ', ') FILTER (WHERE dans_circo) AS source
		FROM base GROUP BY niveau, discipline, competence_id
		HAVING sum(n_eleves) FILTER (WHERE dans_circo) > 0
	),
	publiees AS (
		SELECT niveau, competence_id,
			any_value(part_satisfaisant) FILTER (WHERE territoire = 'FRANCE') AS france,
			any_value(part_satisfaisant) FILTER (WHERE territoire = 'ACADEMIE') AS academie,
			any_value(part_satisfaisant) FILTER (
				WHERE territoire = 'DEPARTEMENT' AND code_territoire = (SELECT code_departement FROM circo)
			) AS departement,
			string_agg(DISTINCT source, ', ') AS source
		FROM reference WHERE annee_scolaire = (SELECT annee FROM annee)
		GROUP BY niveau, competence_id
	)
	SELECT t.*, coalesce(c.libelle, t.competence_id) AS competence_libelle,
		coalesce(c.ordre, 999) AS ordre,
		p.france AS publie_france, p.academie AS publie_academie,
		p.departement AS publie_departement, p.source AS source_publiee
	FROM comptes t
	LEFT JOIN competence c ON c.competence_id = t.competence_id
	LEFT JOIN publiees p ON p.niveau = t.niveau AND p.competence_id = t.competence_id
	ORDER BY t.niveau, t.discipline, ordre`
	);

/**
 * Training followed by the circonscription's school teams, per school, year, type and theme:
 * how many distinct (pseudonymised) teachers were present and for how many hours. No teacher
 * identifier leaves the engine (DOMAIN.md §3: report by school, never by named teacher).
 */
export const formationsCirconscription = (code: string) =>
	requete(
		`SELECT f.annee_scolaire, f.uai_ecole AS uai, f.type, f.discipline, f.theme,
		c.libelle AS theme_libelle, c.niveau AS theme_niveau,
		string_agg(DISTINCT f.libelle_module, ' ; ') AS modules,
		count(DISTINCT f.agent_id) FILTER (WHERE f.presence = 1) AS participants,
		coalesce(sum(f.duree_h) FILTER (WHERE f.presence = 1), 0) AS heures,
		string_agg(DISTINCT f.source, ', ') AS source
	FROM formation f
	JOIN ecole e ON e.uai = f.uai_ecole AND e.code_circonscription = ${litteral(code)}
	LEFT JOIN competence c ON c.competence_id = f.theme
	GROUP BY f.annee_scolaire, f.uai_ecole, f.type, f.discipline, f.theme, c.libelle, c.niveau
	HAVING count(DISTINCT f.agent_id) FILTER (WHERE f.presence = 1) > 0
	ORDER BY f.annee_scolaire, f.theme, f.uai_ecole`
	);
