// What the views read by key, computed once per state of the data
// (src/lib/pages/commun/lectures.ts):
// each builder reads the whole académie in one scan, so that opening a school or a
// circonscription no longer scans the evaluations of its département and académie again.
import { litteral, requete } from './echappement';

/**
 * One year's pooled counts per circonscription (with its département): `agregerAnnee`
 * (src/lib/pages/commun) adds them up to départements and the académie exactly as `agregat()`
 * pools a set of schools. Schools
 * missing from `ecole` come out with no département and no circonscription: they count in the
 * académie only, as in `resultatsAcademie`; a circonscription missing from `circonscription` is
 * no territory of its own (`lireDonneesCirconscription` finds nothing).
 */
export const agregatsCirconscriptions = (annee: string) =>
	requete(
		`SELECT e.code_departement, e.code_circonscription, v.annee_scolaire, v.niveau, v.discipline,
		v.competence_id,
		any_value(coalesce(c.libelle, v.competence_libelle)) AS competence_libelle,
		any_value(coalesce(c.ordre, 999)) AS ordre,
		count(DISTINCT v.uai) AS nb_ecoles,
		sum(v.n_eleves) AS n_eleves, sum(v.n_besoin) AS n_besoin, sum(v.n_fragile) AS n_fragile,
		sum(v.n_satisfaisant) AS n_satisfaisant,
		ci.code_circonscription IS NOT NULL AS circonscription_connue
	FROM evaluation v LEFT JOIN competence c USING (competence_id)
	LEFT JOIN ecole e ON e.uai = v.uai
	LEFT JOIN circonscription ci ON ci.code_circonscription = e.code_circonscription
	WHERE v.annee_scolaire = ${litteral(annee)}
	GROUP BY e.code_departement, e.code_circonscription, circonscription_connue, v.annee_scolaire,
		v.niveau, v.discipline, v.competence_id`
	);

/** Every school's portrait (`portraitEcole` for all of them at once). */
export const portraitsEcoles = () =>
	requete(
		`SELECT e.*, c.libelle AS circonscription,
		i.ips, i.annee_scolaire AS annee_ips, i.source AS source_ips,
		f.nb_eleves, f.nb_classes, f.annee_scolaire AS annee_effectifs
	FROM ecole e
	LEFT JOIN circonscription c USING (code_circonscription)
	LEFT JOIN (SELECT * FROM ips
		QUALIFY row_number() OVER (PARTITION BY uai ORDER BY annee_scolaire DESC) = 1) i USING (uai)
	LEFT JOIN (SELECT * FROM effectifs
		QUALIFY row_number() OVER (PARTITION BY uai ORDER BY annee_scolaire DESC) = 1) f USING (uai)`
	);

/** Every school's networks (`reseauxDeEcole` for all of them at once), in the same order. */
export const reseauxDesEcoles = () =>
	requete(
		`SELECT m.uai, r.reseau_id, r.type, r.libelle FROM reseau_membre m JOIN reseau r USING (reseau_id)
	ORDER BY m.uai, r.type, r.libelle`
	);

/** Mean IPS of the écoles of each département and of the académie, for one year. */
export const ipsMoyensTerritoires = (annee: string) =>
	requete(
		`SELECT e.code_departement, grouping(e.code_departement) = 1 AS academie, avg(i.ips) AS ips
	FROM ips i JOIN ecole e USING (uai) WHERE i.annee_scolaire = ${litteral(annee)}
	GROUP BY GROUPING SETS ((e.code_departement), ())`
	);

/**
 * One year's pooled counts per competence for the académie, the REP+, the REP and the rural
 * schools: `referencesReseau` for any network is these minus the network's own schools (the state
 * layer takes them out). Rows and non-null counts are kept so that the difference says, as SQL
 * would, when nothing or only nulls are left.
 */
export const categoriesReferences = (annee: string) =>
	requete(
		`WITH base AS (
		SELECT v.niveau, v.discipline, v.competence_id, v.uai, v.n_eleves, v.n_besoin,
			v.n_satisfaisant, v.source, e.education_prioritaire AS ep, coalesce(e.rural, false) AS rural
		FROM evaluation v LEFT JOIN ecole e USING (uai)
		WHERE v.annee_scolaire = ${litteral(annee)}
	)
	SELECT cat.categorie, b.niveau, b.discipline, b.competence_id,
		count(*) AS lignes, count(DISTINCT b.uai) AS nb_ecoles,
		sum(b.n_eleves) AS n_eleves, count(b.n_eleves) AS nb_n_eleves,
		sum(b.n_besoin) AS n_besoin, count(b.n_besoin) AS nb_n_besoin,
		sum(b.n_satisfaisant) AS n_satisfaisant, count(b.n_satisfaisant) AS nb_n_satisfaisant,
		any_value(b.source) AS source
	FROM base b JOIN (VALUES ('academie'), ('REP+'), ('REP'), ('rurale'))
		AS cat(categorie) ON CASE cat.categorie
			WHEN 'academie' THEN true
			WHEN 'REP+' THEN b.ep = 'REP+'
			WHEN 'REP' THEN b.ep = 'REP'
			ELSE b.rural
		END
	GROUP BY cat.categorie, b.niveau, b.discipline, b.competence_id`
	);

/**
 * What the imported training records cover, for every network at once: their rows, years and
 * circonscriptions (`couvertureFormationsReseau` without the count of one network's schools).
 */
export const couvertureFormations = () =>
	requete(
		`WITH couvertes AS (
		SELECT DISTINCT e.code_circonscription FROM formation f JOIN ecole e ON e.uai = f.uai_ecole
	)
	SELECT
		(SELECT count(*) FROM formation) AS lignes,
		(SELECT string_agg(DISTINCT annee_scolaire, ', ' ORDER BY annee_scolaire) FROM formation)
			AS annees,
		(SELECT string_agg(DISTINCT c.libelle, ', ' ORDER BY c.libelle) FROM couvertes
			JOIN circonscription c USING (code_circonscription)) AS circonscriptions,
		(SELECT list(code_circonscription) FROM couvertes WHERE code_circonscription IS NOT NULL)
			AS codes`
	);
