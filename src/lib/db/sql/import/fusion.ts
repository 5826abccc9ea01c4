// Les lignes retenues d'un fichier ordinaire vers leurs tables : préparées (staging) pour chaque
// table cible, comparées à celles déjà là, puis mises à la place des lignes de même clé.

import { identifiant as id, litteral as lit } from '../echappement';
import type { DefinitionTable } from '../schema';
import { tablesTemporaires, type Cible, type PlanImport } from './plan';
import { exprFiltre, exprSource, indexDe } from './regles';

/** Rows already in the target table and rows staged for it (cheap: no comparison). */
export function compterCible(plan: PlanImport, cible: Cible): string {
	const s = id(tablesTemporaires(plan.prefixe).staging(cible.table.nom));
	return `SELECT
		(SELECT count(*) FROM ${id(cible.table.nom)}) AS avant,
		(SELECT count(*) FROM ${s}) AS lignes`;
}

/**
 * When the table already holds rows: those with the key of a staged row (`existantes`, to be
 * replaced), of which `identiques` have the same values.
 */
export function bilanCible(plan: PlanImport, cible: Cible): string {
	const t = tablesTemporaires(plan.prefixe);
	const s = id(t.staging(cible.table.nom));
	const tb = id(cible.table.nom);
	const memes = memesValeurs(cible.table.colonnes.map((c) => c.nom));
	return `SELECT
		(
			SELECT count(*) FROM ${tb} AS e
			WHERE EXISTS (SELECT 1 FROM ${s} AS s WHERE ${egaliteCle(cible.table, 'e', 's')})
		) AS existantes,
		(
			SELECT count(*) FROM ${tb} AS e
			WHERE EXISTS (SELECT 1 FROM ${s} AS s WHERE ${memes})
		) AS identiques`;
}

/** The rows a target table receives from the valid, non-duplicated rows of the file. */
export function creerStaging(
	plan: PlanImport,
	cible: Cible,
	vue = false,
	{ doublons = true, typees }: { doublons?: boolean; typees?: string } = {}
): string {
	const t = tablesTemporaires(plan.prefixe);
	const index = indexDe(plan);
	const conditions = ['ok'];
	if (doublons) conditions.push(`rang NOT IN (SELECT rang FROM ${id(t.doublon)})`);
	if (cible.filtre) conditions.push(`COALESCE(${exprFiltre(cible.filtre, index)}, false)`);
	const expr = (nom: string, type: string) =>
		`CAST(${exprSource(cible.colonnes[nom], index)} AS ${type})`;
	const cle = new Set(cible.table.cle);
	const selection = cible.table.colonnes.map((c) => {
		if (!(c.nom in cible.colonnes)) return `CAST(NULL AS ${c.type}) AS ${id(c.nom)}`;
		if (cible.regrouper && !cle.has(c.nom))
			return `any_value(${expr(c.nom, c.type)}) AS ${id(c.nom)}`;
		return `${expr(c.nom, c.type)} AS ${id(c.nom)}`;
	});
	const typeDe = (k: string) => cible.table.colonnes.find((c) => c.nom === k)!.type;
	const groupe = cible.regrouper
		? `\n\tGROUP BY ${cible.table.cle.map((k) => expr(k, typeDe(k))).join(', ')}`
		: '';
	// A view when nothing has to be updated in it: the rows are written once, into the table.
	return `CREATE OR REPLACE TEMP ${vue ? 'VIEW' : 'TABLE'} ${id(t.staging(cible.table.nom))} AS
	SELECT ${selection.join(',\n\t\t')},
		${lit(plan.source)} AS "source"
	FROM ${typees ?? id(t.verif)}
	WHERE ${conditions.join(' AND ')}${groupe}`;
}

/**
 * Replaces rows of `table` by those of `staging` that share their key, then inserts the others:
 * a newer import of the same school/year/competence wins, and re-importing a file changes nothing.
 */
export function remplacerDepuis(table: DefinitionTable, staging: string): [string, string] {
	const colonnes = [...table.colonnes.map((c) => id(c.nom)), '"source"'].join(', ');
	return [
		`DELETE FROM ${id(table.nom)} AS t
		WHERE EXISTS (SELECT 1 FROM ${id(staging)} AS s WHERE ${egaliteCle(table, 't', 's')})`,
		`INSERT INTO ${id(table.nom)} (${colonnes}) SELECT ${colonnes} FROM ${id(staging)}`
	];
}

/** Every row of a table: a kind whose file is the whole table (`Cible.remplacerTout`). */
export const viderTable = (table: DefinitionTable) => `DELETE FROM ${id(table.nom)}`;

/** Rows `a` and `b` have the same key. */
export const egaliteCle = (table: DefinitionTable, a: string, b: string) =>
	table.cle.map((c) => `${a}.${id(c)} IS NOT DISTINCT FROM ${b}.${id(c)}`).join(' AND ');

/** Rows `e` (the table's) and `s` (staged) have the same values in `colonnes`. */
export const memesValeurs = (colonnes: readonly string[]) =>
	colonnes.map((c) => `e.${id(c)} IS NOT DISTINCT FROM s.${id(c)}`).join(' AND ');

/**
 * Columns the file does not provide keep the value of the row already loaded (if any), so that
 * an annuaire import does not erase a school's `groupe_proximite` or `rural`.
 */
export function conserverColonnesNonFournies(plan: PlanImport, cible: Cible): string | undefined {
	const t = tablesTemporaires(plan.prefixe);
	const absentes = cible.table.colonnes.filter((c) => !(c.nom in cible.colonnes));
	if (absentes.length === 0) return undefined;
	const s = id(t.staging(cible.table.nom));
	return `UPDATE ${s} AS s
	SET ${absentes.map((c) => `${id(c.nom)} = e.${id(c.nom)}`).join(', ')}
	FROM ${id(cible.table.nom)} AS e
	WHERE ${egaliteCle(cible.table, 'e', 's')}`;
}
