import { identifiant, litteral, requete } from './echappement';

/** The académie in figures, for the home page. */
export const chiffresAcademie = () =>
	requete(`SELECT
	(SELECT count(*) FROM ecole) AS ecoles,
	(SELECT count(*) FROM circonscription) AS circonscriptions,
	(SELECT count(*) FROM reseau WHERE type IN ('REP', 'REP+')) AS reseaux_ep,
	(SELECT count(*) FROM reseau WHERE type = 'TER') AS reseaux_ter,
	(SELECT count(*) FROM reseau) AS reseaux,
	(SELECT max(annee_scolaire) FROM evaluation) AS derniere_annee,
	(SELECT count(DISTINCT annee_scolaire) FROM evaluation) AS nb_annees,
	(SELECT coalesce(sum(n), 0) FROM (
		SELECT max(n_eleves) AS n FROM evaluation
		WHERE annee_scolaire = (SELECT max(annee_scolaire) FROM evaluation)
		GROUP BY uai, niveau
	)) AS eleves_evalues`);

/** Every entity a user can open, for the search box (a few thousand short rows). */
export const entitesRecherchables = () =>
	requete(`SELECT 'ecole' AS genre, e.uai AS code, e.nom AS libelle, e.commune AS commune,
		c.libelle AS contexte, e.type AS detail
	FROM ecole e LEFT JOIN circonscription c USING (code_circonscription)
	UNION ALL
	SELECT 'college', co.uai, co.nom, co.commune, 'Département ' || co.code_departement,
		co.education_prioritaire
	FROM college co
	UNION ALL
	SELECT 'circonscription', c.code_circonscription, c.libelle, NULL,
		'Département ' || c.code_departement, CAST(count(e.uai) AS VARCHAR) || ' écoles'
	FROM circonscription c LEFT JOIN ecole e USING (code_circonscription)
	GROUP BY ALL
	UNION ALL
	SELECT 'reseau', r.reseau_id, r.libelle, co.commune, r.type,
		CAST(count(m.uai) AS VARCHAR) || ' membres'
	FROM reseau r LEFT JOIN reseau_membre m USING (reseau_id) LEFT JOIN college co ON co.uai = r.uai_tete
	GROUP BY ALL
	ORDER BY 1, 3`);

const LIBELLES_TABLES: Record<string, string> = {
	ecole: 'Écoles',
	circonscription: 'Circonscriptions',
	college: 'Collèges',
	reseau: 'Réseaux',
	reseau_membre: 'Membres des réseaux',
	ips: 'IPS par année',
	effectifs: 'Effectifs par année',
	evaluation: 'Évaluations nationales (écoles)',
	evaluation_college: 'Évaluations nationales (collèges)',
	reference: 'Valeurs de référence',
	formation: 'Formations suivies',
	projet: 'Projet académique',
	projet_indicateur: 'Indicateurs du projet académique',
	competence: 'Catalogue des compétences',
	eleve_resultat: 'Résultats élèves'
};

/** Rows per table and source, for « À propos des données ». */
export const inventaire = () =>
	requete(
		Object.entries(LIBELLES_TABLES)
			.map(
				([table, libelle]) =>
					`SELECT ${litteral(table)} AS "table", ${litteral(libelle)} AS libelle, count(*) AS lignes, source FROM ${identifiant(table)} GROUP BY source`
			)
			.join(' UNION ALL ') + ' ORDER BY 1'
	);
