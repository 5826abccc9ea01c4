// `npm run agreger` (native DuckDB, scripts/agreger.ts): pupil exports, counted per class by the
// importer's own SQL, summed per school into the evaluation file Pilotage imports.
import { litteral } from './echappement';
import { TABLES } from './schema';

const COLONNES_EVALUATION = TABLES.evaluation.colonnes.map((c) => c.nom);

/**
 * One row per school × competence × year, the classes' counts summed, in the columns (and the
 * order) of the `evaluation` table: the header of the file the import page recognises.
 */
export function resultatsEcolesDepuisClasses(): string {
	return `SELECT r.annee_scolaire, r.uai, r.niveau, r.discipline, r.competence_id,
		coalesce(c.libelle, r.competence_id) AS competence_libelle,
		sum(r.n_eleves)::BIGINT AS n_eleves,
		sum(r.n_besoin)::BIGINT AS n_besoin,
		sum(r.n_fragile)::BIGINT AS n_fragile,
		sum(r.n_satisfaisant)::BIGINT AS n_satisfaisant
	FROM classe_resultat r LEFT JOIN competence c USING (competence_id)
	GROUP BY ALL
	ORDER BY r.annee_scolaire, r.uai, r.niveau, r.competence_id`;
}

/** The columns `resultatsEcolesDepuisClasses` gives, named as the evaluation table's. */
export const ENTETE_EVALUATION_AGREGEE = COLONNES_EVALUATION;

/**
 * Writes a query's rows to a CSV as Pilotage writes its files: `;`, a header, UTF-8 (native
 * DuckDB only: the browser's engine has no file system to write to).
 */
export function copierEnCsv(selection: string, chemin: string): string {
	return `COPY (${selection}) TO ${litteral(chemin)} (FORMAT csv, HEADER true, DELIMITER ';')`;
}

/** How many school results `resultatsEcolesDepuisClasses` gives. */
export const compterResultatsEcoles = () =>
	`SELECT count(*)::BIGINT AS n FROM (${resultatsEcolesDepuisClasses()})`;
