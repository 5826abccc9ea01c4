import { dansPartie, type Partie } from './dictionnaires';
import { litteral, requete } from './echappement';

export const anneesEvaluees = () =>
	requete(`SELECT DISTINCT annee_scolaire FROM evaluation ORDER BY annee_scolaire`);

const COLONNES_RESULTAT = `v.annee_scolaire, v.uai, v.niveau, v.discipline, v.competence_id,
	coalesce(c.libelle, v.competence_libelle, v.competence_id) AS competence_libelle,
	coalesce(c.ordre, 999) AS ordre, v.n_eleves, v.n_besoin, v.n_fragile, v.n_satisfaisant, v.source`;

/**
 * A school's results, every competence, every year (a few hundred rows at most). Without `uai`:
 * every school's, by UAI (read once per state of the data, as Arrow columns), or those of a part
 * of the schools.
 */
export const resultatsEcole = (uai?: string, partie?: Partie) =>
	requete(
		`SELECT ${COLONNES_RESULTAT}, i.ips
	FROM evaluation v LEFT JOIN competence c USING (competence_id)
	LEFT JOIN ips i ON i.uai = v.uai AND i.annee_scolaire = v.annee_scolaire
	WHERE ${uai === undefined ? dansPartie('v.uai', partie) : `v.uai = ${litteral(uai)}`}
	ORDER BY v.uai, v.annee_scolaire, v.niveau, v.discipline, ordre, v.competence_id`
	);

/**
 * Every school's counts for one year with its IPS of that year: the reference population on
 * which the expected share given IPS is fitted. Read it as Arrow columns (tens of thousands of rows).
 */
export const populationReference = (annee: string) =>
	requete(
		`SELECT v.annee_scolaire, v.uai, v.niveau, v.discipline, v.competence_id, v.n_eleves,
		v.n_besoin, v.n_fragile, v.n_satisfaisant, i.ips, e.code_departement, e.code_circonscription
	FROM evaluation v
	LEFT JOIN ips i ON i.uai = v.uai AND i.annee_scolaire = v.annee_scolaire
	LEFT JOIN ecole e ON e.uai = v.uai
	WHERE v.annee_scolaire = ${litteral(annee)}`
	);

/** Pooled counts per competence and year over a set of schools given by a filter. */
function agregat(filtre: string) {
	return `SELECT v.annee_scolaire, v.niveau, v.discipline, v.competence_id,
		any_value(coalesce(c.libelle, v.competence_libelle)) AS competence_libelle,
		any_value(coalesce(c.ordre, 999)) AS ordre,
		count(DISTINCT v.uai) AS nb_ecoles,
		sum(v.n_eleves) AS n_eleves, sum(v.n_besoin) AS n_besoin, sum(v.n_fragile) AS n_fragile,
		sum(v.n_satisfaisant) AS n_satisfaisant
	FROM evaluation v LEFT JOIN competence c USING (competence_id)
	WHERE ${filtre}
	GROUP BY v.annee_scolaire, v.niveau, v.discipline, v.competence_id
	ORDER BY v.annee_scolaire, v.niveau, v.discipline, ordre`;
}

export const resultatsCirconscription = (code: string) =>
	requete(agregat(`v.uai IN (SELECT uai FROM ecole WHERE code_circonscription = ?)`), [code]);

export const resultatsReseau = (id: string) =>
	requete(agregat(`v.uai IN (SELECT uai FROM reseau_membre WHERE reseau_id = ?)`), [id]);

export const resultatsDepartement = (code: string) =>
	requete(agregat(`v.uai IN (SELECT uai FROM ecole WHERE code_departement = ?)`), [code]);

export const resultatsAcademie = () => requete(agregat('true'));

/** Published references (France, académie) for a year. */
export const references = (annee: string) =>
	requete(
		`SELECT territoire, code_territoire, niveau, discipline, competence_id, part_satisfaisant,
		part_besoin, source FROM reference WHERE annee_scolaire = ?`,
		[annee]
	);
