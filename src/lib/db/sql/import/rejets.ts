// Les problèmes des lignes refusées ou averties, une ligne par (ligne du fichier, règle), puis
// leur lecture pour le rapport : refus détaillés, avertissements résumés, erreurs de read_csv.

import { identifiant as id, litteral as lit } from '../echappement';
import { exprSuggestion, valeurChamp } from './champs';
import { cellulesBrutes } from './lecture';
import { tablesTemporaires, type ChampPlan, type Gravite, type PlanImport } from './plan';
import { champDuControle, indexDe, v } from './regles';

/**
 * Columns of a duplicate's problem: the key's labels and values, the reason, the gravity (the
 * rank, line and first row come from the query that uses them).
 */
export function colonnesDoublon(plan: PlanImport): string {
	const index = indexDe(plan);
	const cle = plan.cle.map((c) => plan.champs[index.get(c)!].libelle).join(', ');
	const valeursCle = plan.cle.map((c) => `CAST(${v(index, c)} AS VARCHAR)`).join(', ');
	const valeur = valeursCle ? `concat_ws(' ; ', ${valeursCle})` : 'NULL::VARCHAR';
	return `${lit(cle)} AS colonne, ${valeur} AS valeur, 'ligne en double' AS motif,
		NULL::VARCHAR AS suggestion, 'rejet' AS gravite`;
}

/**
 * Every problem of every refused or warned row, one row per (row, column): rank, column label,
 * raw value, reason, suggestion, gravity. Duplicates come with the rank of the row they repeat.
 */
export function creerRejets(plan: PlanImport, regles?: readonly boolean[]): string {
	const t = tablesTemporaires(plan.prefixe);
	const mauvais = `(SELECT * FROM ${id(t.verif)} WHERE motifs IS NOT NULL AND dans_perimetre)`;
	const parties = partiesProblemes(plan, mauvais, (i) => `cellules[${i + 1}]`, '', regles);
	parties.push(
		`SELECT d.rang, v.ligne_source, ${colonnesDoublon(plan)}, d.premier, 1000000 AS ordre
		FROM ${id(t.doublon)} d JOIN ${id(t.verif)} v USING (rang)`
	);
	return `CREATE OR REPLACE TEMP TABLE ${id(t.rejet)} AS
	${parties.join('\n\tUNION ALL ')}`;
}

/**
 * One SELECT per rule (field or control) over `mauvais` (rang, ligne_source, motifs, normes and
 * the raw cells, reached by `brute(i)`): the rows where that rule gave a reason.
 */
export function partiesProblemes(
	plan: PlanImport,
	mauvais: string,
	brute: (colonne: number) => string,
	autres: string,
	regles?: readonly boolean[]
): string[] {
	const index = indexDe(plan);
	const parties: string[] = [];
	const partie = (champ: ChampPlan, i: number, suggestion: string, gravite: Gravite) => {
		// `regles`: only the rules that gave a reason somewhere (compterVerification).
		if (regles && !regles[i]) return;
		const valeur = champ.colonne === null ? 'NULL::VARCHAR' : brute(champ.colonne);
		parties.push(
			`SELECT rang, ligne_source, ${lit(champ.libelle)} AS colonne, ${valeur} AS valeur,
				motifs[${i + 1}] AS motif, ${suggestion} AS suggestion, ${lit(gravite)} AS gravite,
				NULL::BIGINT AS premier, ${i} AS ordre${autres}
			FROM ${mauvais} WHERE motifs[${i + 1}] IS NOT NULL`
		);
	};
	plan.champs.forEach((c, k) =>
		partie(c, k, exprSuggestion(c, `normes[${k + 1}]`), c.gravite ?? 'rejet')
	);
	plan.controles.forEach((ctl, j) => {
		const champ = plan.champs[index.get(champDuControle(ctl))!];
		partie(champ, plan.champs.length + j, 'NULL::VARCHAR', ctl.gravite ?? 'rejet');
	});
	return parties;
}

/**
 * Problems of the first `limite` refused rows, in file order, with the row's cells (raw for rows
 * with a problem; a duplicate, a valid row, shows its values) and the total of refused rows.
 */
export function lireRejets(plan: PlanImport, limite: number): string {
	const t = tablesTemporaires(plan.prefixe);
	const cellules = cellulesBrutes(plan).map((_, i) => {
		const b = `p.cellules[${i + 1}]`;
		const k = plan.champs.findIndex((c) => c.colonne === i);
		return k < 0 ? b : `COALESCE(${b}, CAST(p.${valeurChamp(k)} AS VARCHAR))`;
	});
	const { total, premiers } = refusees(t.rejet, limite);
	return `SELECT r.rang, r.ligne_source, r.colonne, r.valeur, r.motif, r.suggestion, r.ordre,
		r.premier, q.ligne_source AS ligne_premier,
		[${cellules.join(', ')}]::VARCHAR[] AS cellules,
		${total} AS total
	FROM ${id(t.rejet)} r
		JOIN ${id(t.verif)} p ON p.rang = r.rang
		LEFT JOIN ${id(t.verif)} q ON q.rang = r.premier
	WHERE r.gravite = 'rejet' AND r.rang IN (${premiers})
	ORDER BY r.rang, r.ordre`;
}

/** The count of refused rows, and the ranks of the first `limite` (file order). */
export function refusees(rejet: string, limite: number): { total: string; premiers: string } {
	const rangs = `SELECT DISTINCT rang FROM ${id(rejet)} WHERE gravite = 'rejet'`;
	return {
		total: `(SELECT count(*) FROM (${rangs}))`,
		premiers: `${rangs} ORDER BY rang LIMIT ${Math.max(0, Math.floor(limite))}`
	};
}

/**
 * Warnings of accepted rows, one line per (column, rule): how many rows, the first ranks and
 * one example of the message.
 */
export function resumerAvertissements(plan: PlanImport, exemples: number): string {
	const t = tablesTemporaires(plan.prefixe);
	const n = Math.floor(exemples);
	return `SELECT colonne, ordre,
		any_value(motif ORDER BY rang) AS motif,
		count(*) AS n,
		list(rang::INTEGER ORDER BY rang)[1:${n}] AS rangs,
		list(ligne_source::INTEGER ORDER BY rang)[1:${n}] AS lignes_source
	FROM ${id(t.rejet)}
	WHERE gravite = 'avertissement'
		AND rang NOT IN (SELECT rang FROM ${id(t.rejet)} WHERE gravite = 'rejet')
	GROUP BY colonne, ordre
	ORDER BY ordre`;
}

/** Structural errors found by read_csv (missing or extra columns, bad quotes, bad encoding). */
export function lireErreursCsv(plan: PlanImport): string {
	const t = tablesTemporaires(plan.prefixe);
	return `SELECT line AS ligne, min(error_type) AS type, any_value(csv_line) AS texte, count(*) AS n
	FROM ${id(t.rejetsCsv)}
	GROUP BY line
	ORDER BY line`;
}
