// La lecture d'un fichier par DuckDB (`read_csv`, tout en texte) et les niveaux de contrôle de
// chaque ligne (`niveaux`) : ce que la vérification, l'agrégat et la confiance lisent tous.

import { litteral as lit } from '../echappement';
import {
	col,
	exprMotif,
	exprNorme,
	exprRapide,
	exprValeur,
	exprValeurConfiance,
	motifChamp,
	motifControle,
	norme,
	rapideChamp,
	valeurChamp
} from './champs';
import { tablesTemporaires, type ChampPlan, type Gravite, type PlanImport } from './plan';
import { exprControle, exprPerimetre, gravitesDe, indexDe } from './regles';

/** Which reading of the file (each stores read_csv's errors in its own table). */
export type Lecture = 'premiere' | 'deuxieme' | 'troisieme';

/** `read_csv` of the file: every column as text (c0, c1, …), structural errors stored apart. */
export function lireCsv(plan: PlanImport, lecture0: Lecture | 'confiance' = 'premiere'): string {
	const { lecture } = plan;
	const colonnes = Array.from(
		{ length: lecture.nbColonnes },
		(_, i) => `${lit(`c${i}`)}: 'VARCHAR'`
	);
	// buffer_size: DuckDB's default reads 32 MB at a time, allocated whole even for a file of 1 KB;
	// the wasm memory, which never shrinks, kept those buffers (docs/banc.md, session 10). 4 MB
	// stays above max_line_size (2 MB), the longest line read_csv accepts.
	const base = `read_csv(${lit(lecture.fichier)}, delim=${lit(lecture.separateur)},
		quote='"', escape='"', header=false, skip=${lecture.lignesAvant}, auto_detect=false,
		columns={${colonnes.join(', ')}},
		null_padding=false, buffer_size=4194304`;
	// A trusted file (the demo académie) keeps no rejects: a line that does not parse is a bug of
	// its generator, and the error stops the load (nothing is kept).
	if (lecture0 === 'confiance') return `${base})`;
	const t0 = tablesTemporaires(plan.prefixe);
	// Later readings of the same file (aggregated files) store their errors apart: counted once.
	const t =
		lecture0 === 'premiere'
			? t0
			: lecture0 === 'deuxieme'
				? { rejetsCsv: t0.rejetsCsvBis, scanCsv: t0.scanCsvBis }
				: { rejetsCsv: t0.rejetsCsvTer, scanCsv: t0.scanCsvTer };
	return `${base},
		store_rejects=true, rejects_table=${lit(t.rejetsCsv)}, rejects_scan=${lit(t.scanCsv)})`;
}

/**
 * The checks of every field as nested projections over `source` (any relation with the raw cells
 * c0, c1, …): level 0 the fast-path flags (`f_k`), 1 the normalised cells (`n_k`), 2 the typed
 * values (`v_k`), 3 the reasons (`m_k`, `x_j`), 4 the row's verdict.
 */
export function niveaux(
	plan: PlanImport,
	source: string,
	colonnes: string,
	videDonne?: string,
	seulement?: ReadonlySet<number>
): string {
	const index = indexDe(plan);
	// `seulement`: the fields computed here (the others are not even NULL columns: a row-by-row
	// pass over millions of rows pays for every expression, even a constant one).
	const champs = plan.champs.flatMap((c, k) => (!seulement || seulement.has(k) ? [{ c, k }] : []));
	const n3 = [
		...champs.map(({ c, k }) => `${exprMotif(c, k)} AS ${motifChamp(k)}`),
		...plan.controles.map((ctl, j) => `${exprControle(ctl, index)} AS ${motifControle(j)}`)
	];
	const gravites = gravitesDe(plan).filter(
		(_, i) => !seulement || i >= plan.champs.length || seulement.has(i)
	);
	const aucun = (g: Gravite) => {
		const ms = gravites.filter((x) => x.g === g).map((x) => `${x.m} IS NULL`);
		return ms.length ? `(${ms.join(' AND ')})` : 'true';
	};
	const vide = videDonne ?? ligneVide(plan);
	const perimetre = exprPerimetre(plan, index);
	const ligne =
		plan.colonneLigne !== undefined
			? `TRY_CAST(${col(plan.colonneLigne)} AS BIGINT)`
			: 'NULL::BIGINT';
	const niveau3 = `SELECT *${avec(n3)} FROM (${valeursTypees(source, colonnes, champs)})`;
	return `SELECT *,
		NOT ${vide} AND ${perimetre} AS dans_perimetre,
		${vide} AS vide,
		${aucun('rejet')} AS sans_rejet,
		NOT ${aucun('avertissement')} AS averti,
		${ligne} AS ligne_source
	FROM (${niveau3})`;
}

const avec = (x: string[]) => (x.length ? `, ${x.join(', ')}` : '');

/** The raw cells of every column of the file: c0, c1, … */
export const cellulesBrutes = (plan: PlanImport): string[] =>
	Array.from({ length: plan.lecture.nbColonnes }, (_, i) => col(i));

/** Whether every raw cell of the row is empty (NULL). */
export const ligneVide = (plan: PlanImport): string =>
	`(${cellulesBrutes(plan)
		.map((b) => `${b} IS NULL`)
		.join(' AND ')})`;

/**
 * Levels 0 to 2 of `niveaux` for the fields `champs`: fast-path flags, normalised cells, typed
 * values. What a trusted file goes through too: its values are typed by the very same rules.
 */
export function valeursTypees(
	source: string,
	colonnes: string,
	champs: readonly { c: ChampPlan; k: number }[],
	confiance = false
): string {
	const n0 = champs.flatMap(({ c, k }) => {
		const r = exprRapide(c);
		return r ? [`${r} AS ${rapideChamp(k)}`] : [];
	});
	// A trusted file is written normalised: its cells are level 1 as they are.
	const tel = (c: ChampPlan) =>
		c.colonne === null ? 'NULL::VARCHAR' : `NULLIF(${col(c.colonne)}, '')`;
	const n1 = champs.map(({ c, k }) => `${confiance ? tel(c) : exprNorme(c, k)} AS ${norme(k)}`);
	const valeur = confiance ? exprValeurConfiance : exprValeur;
	const n2 = champs.map(({ c, k }) => `${valeur(c, k)} AS ${valeurChamp(k)}`);
	const niveau0 = `SELECT ${[colonnes, ...n0].join(', ')} FROM ${source}`;
	const niveau1 = `SELECT *${avec(n1)} FROM (${niveau0})`;
	return `SELECT *${avec(n2)} FROM (${niveau1})`;
}

/**
 * The file read without ranks (`rang` NULL): a window numbering rows runs the scan on one
 * thread, this runs it on all of native DuckDB's (agregat.ts, Passe).
 */
export function lignesSansRang(plan: PlanImport): string {
	return `(SELECT *, NULL::BIGINT AS rang FROM ${lireCsv(plan)})`;
}

/** The file read with each row's rank (0-based, in file order; a streaming window). */
export function lignesNumerotees(plan: PlanImport, lecture: Lecture = 'premiere'): string {
	return `(SELECT *, row_number() OVER () - 1 AS rang FROM ${lireCsv(plan, lecture)})`;
}
