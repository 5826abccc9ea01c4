// La vérification d'un fichier ordinaire : une passe sur toutes ses lignes (ou, pour un petit
// fichier, la même requête préparée), ses comptes, ses doublons, ses valeurs inconnues.

import { identifiant as id } from '../echappement';
import type { DefinitionTable } from '../schema';
import { col, norme, valeurChamp } from './champs';
import { cellulesBrutes, lignesNumerotees, ligneVide, niveaux } from './lecture';
import { tablesTemporaires, type PlanImport } from './plan';
import { gravitesDe, indexDe, v } from './regles';

/**
 * The whole check in one pass over the file. Stored per row: its rank in the file (`rang`), the
 * typed values (`v_k`), whether the row is empty, in scope, fit to load (`ok`) or carries
 * warnings, and, only for rows with a problem, the raw cells (the reasons are computed again for
 * those few rows by `creerRejets`). Keeping so little is what makes a million rows cost little
 * more than reading them. The raw cells are one list (`cellules`, NULL for the other rows): a
 * temporary table is not compressed, and a VARCHAR column per cell took 16 bytes a row even NULL.
 */
export function creerVerification(plan: PlanImport): string {
	const t = tablesTemporaires(plan.prefixe);
	const probleme = 'NOT sans_rejet OR averti';
	const colonnes = [
		'rang',
		`CASE WHEN ${probleme} THEN [${cellulesBrutes(plan).join(', ')}]::VARCHAR[] END AS cellules`,
		...colonnesVerification(plan)
	];
	return `CREATE OR REPLACE TEMP TABLE ${id(t.verif)} AS
	SELECT ${colonnes.join(',\n\t\t')}
	FROM (${niveaux(plan, lignesNumerotees(plan), '*')})`;
}

/** Columns of the check table after the rank and the raw cells. */
function colonnesVerification(plan: PlanImport): string[] {
	const probleme = 'NOT sans_rejet OR averti';
	const motifs = gravitesDe(plan).map((x) => x.m);
	const normes = plan.champs.map((_, k) => norme(k));
	return [
		...plan.champs.map((_, k) => valeurChamp(k)),
		`CASE WHEN ${probleme} THEN [${motifs.join(', ')}] END AS motifs`,
		`CASE WHEN ${probleme} THEN [${normes.join(', ')}]::VARCHAR[] END AS normes`,
		'dans_perimetre',
		'vide',
		'dans_perimetre AND sans_rejet AS ok',
		'dans_perimetre AND averti AS avec_avertissement',
		'ligne_source'
	];
}

/** The same check for a small file, as a prepared statement (see verificationPreparee). */
export interface VerificationPreparee {
	/** Identical for every file whose check is the same statement: the key of a cache. */
	readonly modele: string;
	/** Once per engine: two tables (main catalog) and the prepared statement. */
	readonly preparer: readonly string[];
	/** For each file: its rows into the input table, the check, a copy under the usual name. */
	readonly executer: readonly string[];
	/** After the import: the rows of the file leave the two tables. */
	readonly vider: string;
}

/**
 * Rows that give every column of the input table its widest statistics (NULL and non-NULL,
 * extreme values). DuckDB prunes a plan with the statistics of the tables it reads (a filter
 * `c = 'x'` on a column whose values cannot be `x` becomes an empty result), and a prepared
 * statement keeps its plan: planned on an empty table, it would keep that pruning for every
 * later file. These rows are inserted (then deleted) before each file, so that the statistics
 * are wider than any file's whenever DuckDB plans the statement (again).
 */
function lignesLarges(nbChamps: number): string {
	const ligne = (texte: string, rang: string, vide: string) => {
		const champs = Array.from({ length: nbChamps }, () => texte).join(', ');
		return `(${rang}, ${champs}, [${texte}, NULL]::VARCHAR[], ${vide})`;
	};
	return [
		ligne('NULL', 'NULL', 'NULL'),
		ligne("''", '-9223372036854775807', 'false'),
		ligne(`'${'\u{10FFFF}'.repeat(4)}'`, '9223372036854775807', 'true')
	].join(', ');
}

/**
 * A small file's check costs little to run and much to plan (≈ 20 ms for the 15 KB statement,
 * most of the import of a few lines). Here the rules run on a table whose columns are the kind's
 * fields in their order, not the file's (`c<k>` = field k's raw cell), so that every file of a
 * kind with the same fields shares one statement, prepared once per engine; the file's rows are
 * first copied there with their rank, their raw cells in the file's order and whether they are
 * empty. The rules are the same SQL (niveaux, colonnesVerification). The two tables are in the
 * main catalog: a prepared statement is planned again whenever the catalog of a table it reads
 * changes, and every read_csv with store_rejects creates temporary tables. Imports run one at a
 * time (the app queues them): the tables of a statement are shared by its imports and emptied
 * after each. What follows the check reads a copy with the usual name and columns.
 */
export function verificationPreparee(plan: PlanImport, nom: string): VerificationPreparee {
	const t = tablesTemporaires(plan.prefixe);
	const entree = id(`${nom}_entree`);
	const verif = id(`${nom}_verif`);
	const canonique: PlanImport = {
		...plan,
		champs: plan.champs.map((c, k) => (c.colonne === null ? c : { ...c, colonne: k })),
		lecture: { ...plan.lecture, nbColonnes: plan.champs.length }
	};
	const probleme = 'NOT sans_rejet OR averti';
	const champs = plan.champs.map((_, k) => col(k));
	const colonnes = [
		'rang',
		`CASE WHEN ${probleme} THEN cellules END AS cellules`,
		...colonnesVerification(canonique)
	];
	const regles = `SELECT ${colonnes.join(',\n\t\t')}
	FROM (${niveaux(canonique, entree, '*', 'vide_brut')})`;
	const larges = `DELETE FROM ${entree};
	INSERT INTO ${entree} VALUES ${lignesLarges(champs.length)};
	DELETE FROM ${entree}`;
	const preparer = [
		`CREATE TABLE IF NOT EXISTS ${entree} (
			rang BIGINT,
			${champs.map((c) => `${c} VARCHAR`).join(', ')},
			cellules VARCHAR[],
			vide_brut BOOLEAN
		)`,
		`CREATE TABLE IF NOT EXISTS ${verif} AS ${regles} LIMIT 0`,
		larges,
		`PREPARE ${id(nom)} AS INSERT INTO ${verif} ${regles}`
	];
	const brutes = cellulesBrutes(plan);
	const valeurs = plan.champs.map((c, k) =>
		c.colonne === null ? `NULL AS ${col(k)}` : `${col(c.colonne)} AS ${col(k)}`
	);
	return {
		modele: preparer.join(';\n').replaceAll(nom, '§'),
		preparer,
		executer: [
			`${larges};
			INSERT INTO ${entree}
			SELECT rang, ${valeurs.join(', ')}, [${brutes.join(', ')}]::VARCHAR[], ${ligneVide(plan)}
			FROM ${lignesNumerotees(plan)}`,
			`DELETE FROM ${verif}; EXECUTE ${id(nom)}`,
			// A table, not a view: what follows unions a SELECT per rule over it, and a view would
			// be expanded (and planned) in each.
			`CREATE OR REPLACE TEMP TABLE ${id(t.verif)} AS SELECT * FROM ${verif}`
		],
		vider: `DELETE FROM ${entree}; DELETE FROM ${verif}`
	};
}

/**
 * Counts of the rows read (total, empty, out of scope, fit, refused, warned), of the duplicates
 * and of read_csv's structural errors (those about the encoding apart): one round trip.
 */
export function compterVerification(
	plan: PlanImport,
	connues: readonly DefinitionTable[] = []
): string {
	const t = tablesTemporaires(plan.prefixe);
	// Which rules gave a reason somewhere: the rejects query then unions only those (a small
	// file's cost is mostly DuckDB planning its queries, and that one has a SELECT per rule).
	const regles = gravitesDe(plan).map(
		(_, i) =>
			`coalesce(bool_or(motifs[${i + 1}] IS NOT NULL) FILTER (WHERE motifs IS NOT NULL), false)`
	);
	return `SELECT
		[${regles.join(', ')}] AS regles,
		count(*) AS lues,
		count(*) FILTER (WHERE vide) AS vides,
		count(*) FILTER (WHERE NOT vide AND NOT dans_perimetre) AS hors_perimetre,
		count(*) FILTER (WHERE ok) AS valides,
		count(*) FILTER (WHERE dans_perimetre AND NOT ok) AS refusees,
		count(*) FILTER (WHERE avec_avertissement AND ok) AS averties,
		(SELECT count(*) FROM ${id(t.doublon)}) AS doublons,
		${comptesLecture(plan, connues)}
	FROM ${id(t.verif)}`;
}

/**
 * Columns every count query ends with: read_csv's structural errors (those about the encoding
 * apart) and, given reference tables (schools), how many rows they hold: none, and the
 * unknown-values query is not needed.
 */
export function comptesLecture(plan: PlanImport, connues: readonly DefinitionTable[]): string {
	const rejets = id(tablesTemporaires(plan.prefixe).rejetsCsv);
	const colonnes = [
		`(SELECT count(*) FROM ${rejets}) AS erreurs_csv`,
		`(SELECT count(*) FROM ${rejets}
			WHERE error_type IN ('INVALID ENCODING', 'INVALID UNICODE')) AS erreurs_encodage`
	];
	if (connues.length)
		colonnes.push(
			`${connues.map((tb) => `(SELECT count(*) FROM ${id(tb.nom)})`).join(' + ')} AS connus_deja`
		);
	return colonnes.join(',\n\t\t');
}

/**
 * Duplicates inside the file: among valid rows, a later row with the same key as an earlier one
 * is refused and points at the first (`premier`, a rank). Grouping a million rows on a hash of the
 * key is cheap; only rows whose hash repeats are compared on the key itself.
 */
export function creerDoublons(plan: PlanImport): string {
	const t = tablesTemporaires(plan.prefixe);
	const index = indexDe(plan);
	const cle = plan.cle.map((c) => v(index, c));
	if (cle.length === 0)
		return `CREATE OR REPLACE TEMP TABLE ${id(t.doublon)} (rang BIGINT, premier BIGINT)`;
	const h = `hash(${cle.join(', ')})`;
	const egal = cle.map((c) => `c.${c} IS NOT DISTINCT FROM p.${c}`).join(' AND ');
	return `CREATE OR REPLACE TEMP TABLE ${id(t.doublon)} AS
	WITH
		hd AS (
			SELECT ${h} AS h FROM ${id(t.verif)} WHERE ok GROUP BY ALL HAVING count(*) > 1
		),
		c AS (
			SELECT rang, ${cle.join(', ')} FROM ${id(t.verif)}
			WHERE ok AND ${h} IN (SELECT h FROM hd)
		),
		p AS (
			SELECT ${cle.join(', ')}, min(rang) AS premier FROM c
			GROUP BY ALL HAVING count(*) > 1
		)
	SELECT c.rang, p.premier FROM c JOIN p ON ${egal} WHERE c.rang > p.premier`;
}

export function compterDoublons(plan: PlanImport): string {
	return `SELECT count(*) AS n FROM ${id(tablesTemporaires(plan.prefixe).doublon)}`;
}

/**
 * Values of a field of the valid rows not found in reference tables (unknown schools), in one
 * row: how many rows the tables hold (`deja`), how many distinct values are unknown (`total`),
 * and the first `limite` with the rank of their first row.
 */
export function valeursInconnues(
	plan: PlanImport,
	champ: string,
	tables: readonly DefinitionTable[],
	colonne: string,
	limite: number
): string {
	const verif = id(tablesTemporaires(plan.prefixe).verif);
	const x = v(indexDe(plan), champ);
	const inconnues = `SELECT ${x} AS valeur, min(rang) AS rang
		FROM ${verif}
		WHERE ok AND ${x} IS NOT NULL AND ${x} NOT IN (${valeursConnues(tables, colonne)})
		GROUP BY ${x}`;
	const ligne = `(SELECT ligne_source::INTEGER FROM ${verif} AS w WHERE w.rang = i.rang)`;
	return exemplesInconnus(inconnues, tables, ligne, limite);
}

/** The values of `colonne` in the reference tables (one relation). */
export const valeursConnues = (tables: readonly DefinitionTable[], colonne: string) =>
	tables.map((tb) => `SELECT ${id(colonne)} FROM ${id(tb.nom)}`).join(' UNION ALL ');

/**
 * From the unknown values (`inconnues`: valeur, rang), the one row valeursInconnues gives:
 * rows already in the tables, how many unknown values, the first `limite` with their line.
 */
export function exemplesInconnus(
	inconnues: string,
	tables: readonly DefinitionTable[],
	ligneSource: string,
	limite: number
): string {
	const deja = tables.map((tb) => `(SELECT count(*) FROM ${id(tb.nom)})`).join(' + ');
	const exemple = `{'valeur': valeur, 'rang': rang::INTEGER, 'ligne_source': ${ligneSource}}`;
	return `WITH i AS (${inconnues})
	SELECT
		${deja} AS deja,
		(SELECT count(*) FROM i) AS total,
		(
			SELECT list(${exemple} ORDER BY rang)
			FROM (SELECT * FROM i ORDER BY rang LIMIT ${Math.floor(limite)}) i
		) AS exemples`;
}
