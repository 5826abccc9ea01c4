import { litteral, requete } from './echappement';

/**
 * « Mon collège »: the collège with its latest IPS (and the references its release published)
 * and headcounts. One row, or none when the UAI is not a collège of the data.
 */
export const ficheCollege = (uai: string) => {
	const u = litteral(uai);
	return requete(
		`WITH i AS (SELECT * FROM ips_college WHERE uai = ${u} AND ips IS NOT NULL
			ORDER BY annee_scolaire DESC LIMIT 1),
		e AS (SELECT * FROM effectifs_college WHERE uai = ${u} ORDER BY annee_scolaire DESC LIMIT 1)
	SELECT c.uai, c.nom, c.commune, c.code_departement, c.education_prioritaire, c.source,
		i.secteur, i.annee_scolaire AS annee_ips, i.ips, i.ips_france, i.ips_academie, i.ips_departement,
		i.source AS source_ips,
		e.annee_scolaire AS annee_effectifs, e.nb_eleves, e.nb_6e, e.nb_5e, e.nb_4e, e.nb_3e,
		e.nb_segpa, e.nb_ulis
	FROM college c LEFT JOIN i USING (uai) LEFT JOIN e USING (uai)
	WHERE c.uai = ${u}`
	);
};

/** The networks the collège heads or belongs to. */
export const reseauxCollege = (uai: string) => {
	const u = litteral(uai);
	return requete(
		`SELECT DISTINCT r.reseau_id, r.type, r.libelle, r.uai_tete = ${u} AS tete
	FROM reseau r LEFT JOIN reseau_membre m USING (reseau_id)
	WHERE r.uai_tete = ${u} OR m.uai = ${u}
	ORDER BY r.type, r.libelle`
	);
};

/**
 * Mean IPS of the collèges of the académie and of each département for a year, weighted by their
 * pupils: the reference when the IPS file did not publish its own (releases before 2024).
 */
export const ipsMoyensColleges = (annee: string) =>
	requete(
		`SELECT c.code_departement, sum(i.ips * i.effectifs) / sum(i.effectifs) AS ips
	FROM ips_college i JOIN college c USING (uai)
	WHERE i.annee_scolaire = ${litteral(annee)} AND i.ips IS NOT NULL AND i.effectifs > 0
	GROUP BY GROUPING SETS ((c.code_departement), ())`
	);

/**
 * Every collège's 6e and 4e results in the shape of the schools' rows, for the model given IPS
 * and the académie's families: groups 1–2 (the most fragile) stand where « à besoins » stands,
 * groups 5–6 where « satisfaisant » stands. The IPS is the year's, else the collège's nearest
 * published one (the ministry published the collèges' IPS for fewer years than the evaluations).
 */
export const populationColleges = () =>
	requete(
		`SELECT v.annee_scolaire, v.uai, v.niveau, v.discipline, v.domaine_id AS competence_id,
		coalesce(v.domaine_libelle, v.domaine_id) AS domaine_libelle, v.n_eleves, v.score_moyen,
		v.groupe_1 + v.groupe_2 AS n_besoin, v.groupe_3 + v.groupe_4 AS n_fragile,
		v.groupe_5 + v.groupe_6 AS n_satisfaisant,
		coalesce(i.ips, (SELECT j.ips FROM ips_college j WHERE j.uai = v.uai AND j.ips IS NOT NULL
			ORDER BY abs(CAST(left(j.annee_scolaire, 4) AS INTEGER)
				- CAST(left(v.annee_scolaire, 4) AS INTEGER)), j.annee_scolaire DESC LIMIT 1)) AS ips,
		v.source
	FROM evaluation_college v
	LEFT JOIN ips_college i ON i.uai = v.uai AND i.annee_scolaire = v.annee_scolaire
	WHERE v.n_eleves > 0 AND v.groupe_1 IS NOT NULL AND v.groupe_2 IS NOT NULL
		AND v.groupe_3 IS NOT NULL AND v.groupe_4 IS NOT NULL AND v.groupe_5 IS NOT NULL
		AND v.groupe_6 IS NOT NULL
	ORDER BY v.uai, v.niveau, v.domaine_id, v.annee_scolaire`
	);

/** The brevet's value added (IVAC) of the collège, every session; expected = observed − VA. */
export const valeurAjouteeCollege = (uai: string) =>
	requete(
		`SELECT annee_scolaire, nb_candidats, taux_reussite, va_taux_reussite,
		taux_reussite - va_taux_reussite AS taux_attendu, note_ecrit, va_note_ecrit,
		taux_acces_6e_3e, source
	FROM valeur_ajoutee_college WHERE uai = ${litteral(uai)}
	ORDER BY annee_scolaire`
	);

/**
 * The écoles of the collège's secteur (its `secteur` networks; without one, the networks it
 * heads) that have pupils evaluated (no maternelle), with their latest IPS.
 */
export const ecolesSecteur = (uai: string) => {
	const u = litteral(uai);
	return requete(
		`WITH tetes AS (SELECT reseau_id FROM reseau WHERE uai_tete = ${u}
			AND (type = 'secteur' OR NOT EXISTS
				(SELECT 1 FROM reseau WHERE uai_tete = ${u} AND type = 'secteur')))
	SELECT DISTINCT e.uai, e.nom, e.commune, e.type,
		(SELECT i.ips FROM ips i WHERE i.uai = e.uai AND i.ips IS NOT NULL
			ORDER BY i.annee_scolaire DESC LIMIT 1) AS ips
	FROM tetes JOIN reseau_membre m USING (reseau_id) JOIN ecole e ON e.uai = m.uai
	WHERE e.type IS DISTINCT FROM 'maternelle'
	ORDER BY e.nom, e.uai`
	);
};

/** The collège of a school's secteur (the head of its `secteur` network), if any. */
export const collegesDeSecteur = () =>
	requete(
		`SELECT m.uai AS ecole, c.uai, c.nom, c.commune FROM reseau_membre m
	JOIN reseau r USING (reseau_id) JOIN college c ON c.uai = r.uai_tete
	WHERE r.type = 'secteur'
	QUALIFY row_number() OVER (PARTITION BY m.uai ORDER BY c.nom, c.uai) = 1`
	);
