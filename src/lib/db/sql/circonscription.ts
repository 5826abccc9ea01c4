// SQL of the IEN's view (issue 6: « Ma circonscription »). Everything is aggregated here, in the
// engine; the page only computes statistics on the rows these builders return.
import { dansPartie, type Partie } from './dictionnaires';
import { litteral, requete } from './echappement';

/** `AND e.code_circonscription = …` for one circonscription; nothing for all of them. */
const filtre = (code: string | undefined, alias = 'e') =>
	code === undefined ? '' : ` AND ${alias}.code_circonscription = ${litteral(code)}`;

/**
 * The schools of a circonscription (without `code`: of every circonscription, by code), by
 * groupe de proximité then name (never by result), each with its latest published IPS.
 */
export const ecolesCirconscription = (code?: string) =>
	requete(
		`SELECT e.code_circonscription, e.uai, e.nom, e.commune, e.type, e.groupe_proximite,
		e.education_prioritaire, e.rural, i.ips, i.annee_scolaire AS annee_ips
	FROM ecole e
	LEFT JOIN (
		SELECT uai, ips, annee_scolaire FROM ips
		WHERE ips IS NOT NULL AND uai IN (SELECT uai FROM ecole e WHERE true${filtre(code)})
		QUALIFY row_number() OVER (PARTITION BY uai ORDER BY annee_scolaire DESC) = 1
	) i USING (uai)
	WHERE e.code_circonscription IS NOT NULL${filtre(code)}
	ORDER BY e.code_circonscription, e.groupe_proximite NULLS LAST, e.nom, e.commune, e.uai`
	);

/**
 * Every result of the circonscription's schools (without `code`: of every circonscription's,
 * by code), all years, with the school's IPS of each year and the catalogue's label and order: a
 * few thousand rows a circonscription (60 schools × 5 years ≈ 10 000), read as Arrow columns.
 */
export const evaluationsCirconscription = (code?: string, partie?: Partie) =>
	requete(
		`SELECT e.code_circonscription, v.annee_scolaire, v.uai, v.niveau, v.discipline,
		v.competence_id, coalesce(c.libelle, v.competence_libelle, v.competence_id) AS competence_libelle,
		coalesce(c.ordre, 999) AS ordre, v.n_eleves, v.n_besoin, v.n_fragile, v.n_satisfaisant,
		i.ips, v.source
	FROM evaluation v
	JOIN ecole e ON e.uai = v.uai AND e.code_circonscription IS NOT NULL${filtre(code)}
		AND ${dansPartie('e.code_circonscription', partie)}
	LEFT JOIN competence c ON c.competence_id = v.competence_id
	LEFT JOIN ips i ON i.uai = v.uai AND i.annee_scolaire = v.annee_scolaire
	ORDER BY e.code_circonscription, v.uai, v.competence_id, v.annee_scolaire`
	);

/**
 * One year's pooled counts per competence for the circonscription, its département and the
 * académie (all schools loaded), beside the published figures (France, académie, département).
 * The circonscription's own pupils are inside the département and académie counts: the caller
 * takes them out before comparing. The year is the circonscription's latest evaluated one, found
 * in the same query so that the page sends all its reads at once. Without `code`: every
 * circonscription's rows, by code, each for its own latest year.
 */
export const territoiresCirconscription = (code?: string) =>
	requete(
		`WITH circos AS (
		SELECT code_circonscription, code_departement FROM circonscription e WHERE true${filtre(code)}
	),
	annees AS (
		SELECT e.code_circonscription, max(v.annee_scolaire) AS annee
		FROM evaluation v JOIN ecole e ON e.uai = v.uai${filtre(code)}
		WHERE e.code_circonscription IN (SELECT code_circonscription FROM circos)
		GROUP BY e.code_circonscription
	),
	base AS (
		SELECT v.annee_scolaire, v.niveau, v.discipline, v.competence_id, v.n_eleves,
			v.n_satisfaisant, v.source, e.code_circonscription, e.code_departement
		FROM evaluation v JOIN ecole e USING (uai)
		WHERE v.annee_scolaire IN (SELECT annee FROM annees)
	),
	par_circo AS (
		SELECT annee_scolaire, code_circonscription, niveau, discipline, competence_id,
			sum(n_eleves) AS n, sum(n_satisfaisant) AS k, string_agg(DISTINCT source, ', ') AS source
		FROM base WHERE code_circonscription IN (SELECT code_circonscription FROM circos)
		GROUP BY ALL
	),
	par_departement AS (
		SELECT annee_scolaire, code_departement, niveau, discipline, competence_id,
			sum(n_eleves) AS n, sum(n_satisfaisant) AS k
		FROM base WHERE code_departement IN (SELECT code_departement FROM circos)
		GROUP BY ALL
	),
	par_academie AS (
		SELECT annee_scolaire, niveau, discipline, competence_id,
			sum(n_eleves) AS n, sum(n_satisfaisant) AS k
		FROM base GROUP BY ALL
	),
	comptes AS (
		SELECT ci.code_circonscription, ci.code_departement, a.annee, pc.niveau, pc.discipline,
			pc.competence_id, pc.n AS n_circo, coalesce(pc.k, 0) AS k_circo,
			coalesce(pd.n, 0) AS n_departement, coalesce(pd.k, 0) AS k_departement,
			pa.n AS n_academie, pa.k AS k_academie, pc.source
		FROM circos ci
		JOIN annees a USING (code_circonscription)
		JOIN par_circo pc ON pc.code_circonscription = ci.code_circonscription
			AND pc.annee_scolaire = a.annee
		JOIN par_academie pa ON pa.annee_scolaire = a.annee
			AND pa.niveau IS NOT DISTINCT FROM pc.niveau
			AND pa.discipline IS NOT DISTINCT FROM pc.discipline
			AND pa.competence_id IS NOT DISTINCT FROM pc.competence_id
		LEFT JOIN par_departement pd ON pd.code_departement = ci.code_departement
			AND pd.annee_scolaire = a.annee
			AND pd.niveau IS NOT DISTINCT FROM pc.niveau
			AND pd.discipline IS NOT DISTINCT FROM pc.discipline
			AND pd.competence_id IS NOT DISTINCT FROM pc.competence_id
		WHERE pc.n > 0
	),
	publiees AS (
		SELECT annee_scolaire, niveau, competence_id,
			any_value(part_satisfaisant) FILTER (WHERE territoire = 'FRANCE') AS france,
			any_value(part_satisfaisant) FILTER (WHERE territoire = 'ACADEMIE') AS academie,
			string_agg(DISTINCT source, ', ') AS source
		FROM reference WHERE annee_scolaire IN (SELECT annee FROM annees)
		GROUP BY annee_scolaire, niveau, competence_id
	),
	publiees_departement AS (
		SELECT annee_scolaire, niveau, competence_id, code_territoire,
			any_value(part_satisfaisant) AS departement
		FROM reference
		WHERE territoire = 'DEPARTEMENT' AND annee_scolaire IN (SELECT annee FROM annees)
		GROUP BY annee_scolaire, niveau, competence_id, code_territoire
	)
	SELECT t.code_circonscription, t.niveau, t.discipline, t.competence_id, t.n_circo, t.k_circo,
		t.n_departement, t.k_departement, t.n_academie, t.k_academie, t.source,
		coalesce(c.libelle, t.competence_id) AS competence_libelle,
		coalesce(c.ordre, 999) AS ordre,
		p.france AS publie_france, p.academie AS publie_academie,
		pd.departement AS publie_departement, p.source AS source_publiee
	FROM comptes t
	LEFT JOIN competence c ON c.competence_id = t.competence_id
	LEFT JOIN publiees p ON p.annee_scolaire = t.annee AND p.niveau = t.niveau
		AND p.competence_id = t.competence_id
	LEFT JOIN publiees_departement pd ON pd.annee_scolaire = t.annee AND pd.niveau = t.niveau
		AND pd.competence_id = t.competence_id AND pd.code_territoire = t.code_departement
	ORDER BY t.code_circonscription, t.niveau, t.discipline, ordre`
	);

/**
 * Training followed by the circonscription's school teams, per school, year, type and theme:
 * how many distinct (pseudonymised) teachers were present and for how many hours. No teacher
 * identifier leaves the engine (report by school, never by named teacher).
 */
export const formationsCirconscription = (code?: string) =>
	requete(
		`SELECT e.code_circonscription, f.annee_scolaire, f.uai_ecole AS uai, f.type, f.discipline, f.theme,
		c.libelle AS theme_libelle, c.niveau AS theme_niveau,
		string_agg(DISTINCT f.libelle_module, ' ; ') AS modules,
		count(DISTINCT f.agent_id) FILTER (WHERE f.presence = 1) AS participants,
		coalesce(sum(f.duree_h) FILTER (WHERE f.presence = 1), 0) AS heures,
		string_agg(DISTINCT f.source, ', ') AS source
	FROM formation f
	JOIN ecole e ON e.uai = f.uai_ecole AND e.code_circonscription IS NOT NULL${filtre(code)}
	LEFT JOIN competence c ON c.competence_id = f.theme
	GROUP BY e.code_circonscription, f.annee_scolaire, f.uai_ecole, f.type, f.discipline, f.theme, c.libelle, c.niveau
	HAVING count(DISTINCT f.agent_id) FILTER (WHERE f.presence = 1) > 0
	ORDER BY e.code_circonscription, f.annee_scolaire, f.theme, f.uai_ecole`
	);
