import { requete } from './echappement';

/**
 * Every school with what the map shows (issue 17, item 2): coordinates, territories, éducation
 * prioritaire, rurality, latest published IPS and the networks it belongs to (ids joined by
 * `|`: a list would come back as an Arrow vector, not an array). One row a school, ≈ 1 600.
 */
export const ecolesCarte = () =>
	requete(
		`SELECT e.uai, e.nom, e.commune, e.code_departement, e.code_circonscription,
		e.education_prioritaire, e.rural, e.latitude, e.longitude, i.ips, i.annee_scolaire AS annee_ips,
		m.reseaux, e.source
	FROM ecole e
	LEFT JOIN (
		SELECT uai, ips, annee_scolaire FROM ips WHERE ips IS NOT NULL
		QUALIFY row_number() OVER (PARTITION BY uai ORDER BY annee_scolaire DESC) = 1
	) i USING (uai)
	LEFT JOIN (
		SELECT uai, string_agg(reseau_id, '|' ORDER BY reseau_id) AS reseaux FROM reseau_membre GROUP BY uai
	) m USING (uai)
	ORDER BY e.code_departement, e.commune, e.nom, e.uai`
	);

/**
 * Each school the training file names: its agents (pseudonymised, any year, present or not) and
 * how many of them were present at one training at least in the file's latest year. Counts
 * only: no agent identifier leaves the engine.
 */
export const couvertureFormation = () =>
	requete(
		`WITH derniere AS (SELECT max(annee_scolaire) AS annee FROM formation)
	SELECT f.uai_ecole AS uai, d.annee,
		count(DISTINCT f.agent_id)::INTEGER AS agents,
		(count(DISTINCT f.agent_id) FILTER (WHERE f.presence = 1 AND f.annee_scolaire = d.annee))::INTEGER AS formes
	FROM formation f, derniere d
	WHERE f.uai_ecole IS NOT NULL AND f.agent_id IS NOT NULL
	GROUP BY f.uai_ecole, d.annee
	ORDER BY f.uai_ecole`
	);

/** The networks, to outline and to zoom on, by type then name. */
export const reseauxCarte = () =>
	requete(`SELECT reseau_id, type, libelle FROM reseau ORDER BY type, libelle, reseau_id`);

/** Each school's territories, for the académie's comparison of territories at equal IPS. */
export const ecolesTerritoires = () =>
	requete(
		`SELECT e.uai, e.code_departement, e.code_circonscription, c.libelle AS libelle_circonscription,
		e.education_prioritaire, e.rural, e.secteur
	FROM ecole e
	LEFT JOIN circonscription c USING (code_circonscription)
	ORDER BY e.uai`
	);
