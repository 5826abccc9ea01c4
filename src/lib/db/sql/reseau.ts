// SQL of the network pilots' views (issue 7: « Mon réseau »). Every builder takes the network id
// as a parameter; names end in `Reseau` so that they never collide with the other views' builders
// re-exported by sql/index.ts.
import { dansPartie, type Partie } from './dictionnaires';
import { litteral, requete } from './echappement';

/** `AND alias.reseau_id = …` for one network; nothing for all of them. */
const filtre = (id: string | undefined, alias: string) =>
	id === undefined ? '' : ` AND ${alias}.reseau_id = ${litteral(id)}`;

/**
 * The network, its tête de réseau (a collège) and how many schools and collèges it holds (without
 * `id`: every network, by id; so for the builders below, each row with its `reseau_id`).
 */
export const ficheReseau = (id?: string) =>
	requete(
		`SELECT r.reseau_id, r.type, r.libelle, r.uai_tete, r.source,
		co.nom AS nom_tete, co.commune AS commune_tete, co.education_prioritaire AS ep_tete,
		(SELECT count(*) FROM reseau_membre m JOIN ecole e USING (uai)
			WHERE m.reseau_id = r.reseau_id) AS nb_ecoles,
		(SELECT count(*) FROM reseau_membre m JOIN college c USING (uai)
			WHERE m.reseau_id = r.reseau_id) AS nb_colleges
	FROM reseau r LEFT JOIN college co ON co.uai = r.uai_tete
	WHERE true${filtre(id, 'r')}
	ORDER BY r.reseau_id`
	);

/**
 * Member schools with their latest IPS and pupils (each with its year: they are not always the
 * same). Collèges are members too but are not listed here (see `continuiteReseau`).
 */
export const membresReseau = (id?: string) =>
	requete(
		`SELECT m.reseau_id, e.uai, e.nom, e.commune, e.type, e.groupe_proximite, e.education_prioritaire, e.rural,
		e.code_circonscription, c.libelle AS circonscription,
		i.ips, i.annee_scolaire AS annee_ips, f.nb_eleves, f.annee_scolaire AS annee_effectifs, e.source
	FROM reseau_membre m JOIN ecole e USING (uai)
	LEFT JOIN circonscription c USING (code_circonscription)
	LEFT JOIN (SELECT uai, ips, annee_scolaire FROM ips
		QUALIFY row_number() OVER (PARTITION BY uai ORDER BY annee_scolaire DESC) = 1) i USING (uai)
	LEFT JOIN (SELECT uai, nb_eleves, annee_scolaire FROM effectifs
		QUALIFY row_number() OVER (PARTITION BY uai ORDER BY annee_scolaire DESC) = 1) f USING (uai)
	WHERE true${filtre(id, 'm')}
	ORDER BY m.reseau_id, e.commune, e.nom, e.uai`
	);

/**
 * Each member school's counts, every competence and year, with its IPS of that year: the rows
 * the statistics library classifies (a few thousand at most, for the largest secteurs).
 */
export const evaluationsMembresReseau = (id?: string, partie?: Partie) =>
	requete(
		`SELECT m.reseau_id, v.annee_scolaire, v.uai, v.niveau, v.discipline, v.competence_id,
		coalesce(c.libelle, v.competence_libelle, v.competence_id) AS competence_libelle,
		coalesce(c.ordre, 999) AS ordre, v.n_eleves, v.n_besoin, v.n_fragile, v.n_satisfaisant,
		v.source, i.ips
	FROM evaluation v
	JOIN reseau_membre m ON m.uai = v.uai${filtre(id, 'm')} AND ${dansPartie('m.reseau_id', partie)}
	LEFT JOIN competence c USING (competence_id)
	LEFT JOIN ips i ON i.uai = v.uai AND i.annee_scolaire = v.annee_scolaire
	ORDER BY m.reseau_id, v.annee_scolaire, v.niveau, v.discipline, ordre, v.uai`
	);

/**
 * Pooled counts per competence for the reference sets a network is compared with, one year:
 * the whole académie, and — without the network's own schools, so that it is never compared with
 * itself — the rest of the académie, the REP+ schools, the REP schools and the rural schools.
 * The page derives them from `categoriesReferences` (`referencesSansReseau`,
 * src/lib/pages/reseau/analyse.ts); this query is what they must equal.
 */
export const referencesReseau = (id: string, annee: string) =>
	requete(
		`WITH base AS (
		SELECT v.niveau, v.discipline, v.competence_id, v.uai, v.n_eleves, v.n_besoin,
			v.n_satisfaisant, v.source, e.education_prioritaire AS ep, coalesce(e.rural, false) AS rural,
			v.uai IN (SELECT uai FROM reseau_membre WHERE reseau_id = ${litteral(id)}) AS membre
		FROM evaluation v LEFT JOIN ecole e USING (uai)
		WHERE v.annee_scolaire = ${litteral(annee)}
	)
	SELECT cat.categorie, b.niveau, b.discipline, b.competence_id,
		count(DISTINCT b.uai) AS nb_ecoles, sum(b.n_eleves) AS n_eleves,
		sum(b.n_besoin) AS n_besoin, sum(b.n_satisfaisant) AS n_satisfaisant,
		any_value(b.source) AS source
	FROM base b JOIN (VALUES ('academie'), ('hors_reseau'), ('REP+'), ('REP'), ('rurale'))
		AS cat(categorie) ON CASE cat.categorie
			WHEN 'academie' THEN true
			WHEN 'hors_reseau' THEN NOT b.membre
			WHEN 'REP+' THEN NOT b.membre AND b.ep = 'REP+'
			WHEN 'REP' THEN NOT b.membre AND b.ep = 'REP'
			ELSE NOT b.membre AND b.rural
		END
	GROUP BY cat.categorie, b.niveau, b.discipline, b.competence_id
	ORDER BY cat.categorie, b.niveau, b.discipline, b.competence_id`
	);

/**
 * Training of the member schools' teams, counted, never named: participants are distinct
 * pseudonymous agents who attended, hours are attended hours added up over participants.
 * Three levels in one pass (`agregat`): per theme (network), per school × theme, per school.
 */
export const formationsReseau = (id?: string) =>
	requete(
		`SELECT m.reseau_id, f.annee_scolaire, f.uai_ecole AS uai, f.type, f.discipline, f.theme,
		CASE WHEN grouping(f.uai_ecole) = 1 THEN 'theme'
			WHEN grouping(f.theme) = 1 THEN 'ecole' ELSE 'ecole_theme' END AS agregat,
		-- A school's total over every theme has no label of its own.
		CASE WHEN grouping(f.theme) = 0 THEN mode(coalesce(c.libelle, f.libelle_module)) END AS libelle,
		-- Distinct counts as lists made distinct: count(DISTINCT …) under GROUPING SETS gives each
		-- its own hash tables, and this read of 2 700 rows grew the wasm memory, which never
		-- shrinks, by 26 MB (the views' preparation). Same rows, NULLs left out as count does.
		coalesce(len(list_distinct(list(f.agent_id) FILTER (WHERE coalesce(f.presence, 1) = 1))), 0) AS participants,
		coalesce(sum(f.duree_h) FILTER (WHERE coalesce(f.presence, 1) = 1), 0) AS heures,
		coalesce(len(list_distinct(list(f.uai_ecole) FILTER (WHERE coalesce(f.presence, 1) = 1))), 0) AS nb_ecoles,
		coalesce(len(list_distinct(list(f.identifiant_module))), 0) AS modules,
		any_value(f.source) AS source
	FROM formation f
	JOIN reseau_membre m ON m.uai = f.uai_ecole${filtre(id, 'm')}
	LEFT JOIN competence c ON c.competence_id = f.theme
	GROUP BY GROUPING SETS (
		(m.reseau_id, f.annee_scolaire, f.type, f.discipline, f.theme),
		(m.reseau_id, f.annee_scolaire, f.uai_ecole, f.type, f.discipline, f.theme),
		(m.reseau_id, f.annee_scolaire, f.uai_ecole)
	)
	ORDER BY m.reseau_id, f.annee_scolaire, agregat, f.uai_ecole, f.theme, f.type, f.discipline`
	);

/**
 * What the imported training records cover: their years and circonscriptions, and how many of
 * the network's schools lie in a covered circonscription. Without it, « no training » could not
 * be told apart from « no record ».
 */
export const couvertureFormationsReseau = (id: string) =>
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
		(SELECT count(*) FROM reseau_membre m JOIN ecole e USING (uai)
			WHERE m.reseau_id = ${litteral(id)} AND e.code_circonscription IN (SELECT * FROM couvertes))
			AS ecoles_couvertes`
	);

/**
 * The 6e (and 4e) results of the tête de réseau, every domain and year, beside the académie's
 * pooled figures (mean score weighted by pupils, pupils per groupe de niveau).
 */
export const continuiteReseau = (id?: string) =>
	requete(
		`WITH tete AS (SELECT reseau_id, uai_tete AS uai FROM reseau r WHERE true${filtre(id, 'r')}),
	academie AS (
		SELECT annee_scolaire, niveau, domaine_id, sum(n_eleves) AS n_eleves,
			sum(score_moyen * n_eleves) / nullif(sum(n_eleves), 0) AS score_moyen,
			sum(groupe_1) AS groupe_1, sum(groupe_2) AS groupe_2, sum(groupe_3) AS groupe_3,
			sum(groupe_4) AS groupe_4, sum(groupe_5) AS groupe_5, sum(groupe_6) AS groupe_6,
			count(DISTINCT uai) AS nb_colleges
		FROM evaluation_college GROUP BY annee_scolaire, niveau, domaine_id
	)
	SELECT tete.reseau_id, v.annee_scolaire, v.uai, v.niveau, v.discipline, v.domaine_id,
		coalesce(v.domaine_libelle, v.domaine_id) AS domaine_libelle, v.n_eleves, v.score_moyen,
		v.groupe_1, v.groupe_2, v.groupe_3, v.groupe_4, v.groupe_5, v.groupe_6, v.source,
		a.n_eleves AS n_academie, a.score_moyen AS score_academie,
		a.groupe_1 AS groupe_1_academie, a.groupe_2 AS groupe_2_academie,
		a.groupe_5 AS groupe_5_academie, a.groupe_6 AS groupe_6_academie, a.nb_colleges
	FROM evaluation_college v JOIN tete USING (uai)
	LEFT JOIN academie a USING (annee_scolaire, niveau, domaine_id)
	ORDER BY tete.reseau_id, v.annee_scolaire, v.niveau, v.discipline, v.domaine_id`
	);

/** Objectives of the projet académique with their axe and ambition, for the plan's actions. */
export const objectifsProjetReseau = () =>
	requete(
		`SELECT o.id, o.libelle, x.id AS axe_id, x.libelle AS axe, a.id AS ambition_id,
		a.libelle AS ambition
	FROM projet o
	LEFT JOIN projet x ON x.id = o.parent_id
	LEFT JOIN projet a ON a.id = x.parent_id
	WHERE o.niveau = 'objectif'
	ORDER BY a.ordre, x.ordre, o.ordre, o.id`
	);

/** Which objectives each competence (or indicator) serves, to preset an action's objective. */
export const indicateursProjetReseau = () =>
	requete(
		`SELECT objectif_id, indicateur, niveau, discipline, competence_id FROM projet_indicateur
	ORDER BY objectif_id`
	);
