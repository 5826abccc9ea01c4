// Un champ compilé en SQL, par niveaux : 0 le drapeau « forme habituelle », 1 la cellule
// normalisée, 2 la valeur typée (NULL si une règle est violée), 3 le motif en français ; et la
// suggestion d'une valeur refusée. Les identifiants passent par `identifiant()`, les valeurs par
// `litteral()` : un en-tête ou une cellule du fichier n'est jamais du SQL.

import { identifiant as id, litteral as lit } from '../echappement';
import { JETONS_MANQUANTS, type ChampPlan } from './plan';

const ALPHABET_UAI = 'ABCDEFGHJKLMNPRSTUVWXYZ';

// --- Noms des colonnes ----------------------------------------------------------------------

/** Raw cell of the file's column i (read_csv's `c0`, `c1`, …). */
export const col = (i: number) => id(`c${i}`);
export const norme = (k: number) => id(`n_${k}`);
export const rapideChamp = (k: number) => id(`f_${k}`);
export const valeurChamp = (k: number) => id(`v_${k}`);
export const motifChamp = (k: number) => id(`m_${k}`);
export const motifControle = (j: number) => id(`x_${j}`);

// A constant list, not `IN (…)`: DuckDB rewrites an IN list of five values or more into a join
// against a constant table, an operator per field that runs on every row (even when the CASE
// around it would never ask) and costs a small file more than its whole reading.
const manquant = (x: string) => `list_contains([${JETONS_MANQUANTS.map(lit).join(', ')}], ${x})`;

/** Spaces a user or Excel may put inside numbers: normal, no-break, narrow no-break. */
function nombreNormalise(x: string, pourcent: boolean): string {
	let e = `replace(replace(replace(${x}, ' ', ''), chr(160), ''), chr(8239), '')`;
	if (pourcent) e = `regexp_replace(${e}, '%$', '')`;
	return `replace(${e}, ',', '.')`;
}

/** Key to compare enum spellings: no case, no accents, single spaces. */
export function cleEnum(valeur: string): string {
	return valeur
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.trim()
		.replace(/\s+/g, ' ');
}
const cleEnumSql = (x: string) => `regexp_replace(lower(strip_accents(${x})), '\\s+', ' ', 'g')`;

const GLOB_UAI = "'[0-9][0-9][0-9][0-9][0-9][0-9][0-9][A-Z]'";
/** Every well-formed school year from 1990-1991 to 2099-2100, as a constant SQL list. */
const ANNEES_SCOLAIRES = `[${Array.from(
	{ length: 110 },
	(_, i) => `'${1990 + i}-${1991 + i}'`
).join(', ')}]`;

/** Enum membership: an IN list when very short, `list_contains` otherwise (see `manquant`). */
function parmi(x: string, valeurs: readonly string[]): string {
	const liste = valeurs.map(lit).join(', ');
	return valeurs.length <= 4 ? `${x} IN (${liste})` : `list_contains([${liste}], ${x})`;
}

/**
 * Level 0: does the raw cell already have the usual, well-formed shape? Then levels 1 and 2 take
 * it as is. CASE evaluates a later branch only for the rows still undecided, so the slow path
 * (trim, upper case, accents, regular expressions) costs only for unusual cells: a million rows
 * cost little more than reading them.
 */
export function exprRapide(c: ChampPlan): string | undefined {
	if (c.colonne === null) return undefined;
	const brute = col(c.colonne);
	switch (c.type) {
		case 'uai':
			return `${brute} GLOB ${GLOB_UAI}`;
		case 'annee':
			// Membership in the list of well-formed school years checks shape and succession at once.
			return `list_contains(${ANNEES_SCOLAIRES}, ${brute})`;
		case 'enum': {
			const stockees = [...new Set(Object.values(c.valeurs ?? {}))];
			return stockees.length ? parmi(brute, stockees) : undefined;
		}
		case 'entier':
		case 'decimal':
		case 'pourcentage':
			// A count as files write them (1 to 7 ASCII digits): its value without the DOUBLE cast
			// that the rules try up to five times a cell (half the cost of four counts a row).
			return `(length(${brute}) BETWEEN 1 AND 7 AND NOT ${brute} GLOB '*[!0-9]*')`;
		default:
			return undefined;
	}
}

/** Level 1: the cell trimmed (only when needed) and normalised (codes). */
export function exprNorme(c: ChampPlan, k: number): string {
	if (c.colonne === null) return 'NULL::VARCHAR';
	const brute = col(c.colonne);
	// Spaces and tabs around a value are not part of it (trimmed only when there are some).
	const t = `CASE
		WHEN starts_with(${brute}, ' ') OR ends_with(${brute}, ' ')
			OR starts_with(${brute}, chr(9)) OR ends_with(${brute}, chr(9))
		THEN NULLIF(trim(${brute}, ' ' || chr(9)), '')
		ELSE NULLIF(${brute}, '')
	END`;
	const rapide = exprRapide(c) ? rapideChamp(k) : undefined;
	const siLent = (x: string) => (rapide ? `CASE WHEN ${rapide} THEN ${brute} ELSE ${x} END` : x);
	switch (c.type) {
		case 'uai': {
			// Excel drops the leading zero: 210154D → 0210154D (normaliserUai).
			const u = `upper(trim(${brute}))`;
			return siLent(`CASE
				WHEN ${u} GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][A-Z]' THEN '0' || ${u}
				ELSE NULLIF(${u}, '')
			END`);
		}
		case 'entier':
		case 'decimal':
		case 'pourcentage':
			// Plain numbers go through; `1 234,5`, `12,5 %` are rewritten.
			return siLent(`CASE
				WHEN TRY_CAST(${brute} AS DOUBLE) IS NOT NULL THEN ${brute}
				ELSE ${nombreNormalise(`trim(${brute})`, c.type === 'pourcentage')}
			END`);
		case 'departement':
		case 'commune':
			return `upper(${t})`;
		case 'booleen':
			return `lower(${t})`;
		default:
			return siLent(t);
	}
}

/** The 7 digits of an UAI followed by their check letter. */
const uaiCorrigee = (n: string) =>
	`substr(${n}, 1, 7)
		|| substr(${lit(ALPHABET_UAI)}, CAST(substr(${n}, 1, 7) AS INTEGER) % 23 + 1, 1)`;

/** `7 digits + letter` and the right check letter. */
const lettreUai = (n: string) =>
	`substr(${lit(ALPHABET_UAI)}, CAST(left(${n}, 7) AS INTEGER) % 23 + 1, 1)`;

/** Level 2: the typed value, NULL when the value breaks a rule of its field (or is missing). */
export function exprValeur(c: ChampPlan, k: number): string {
	const n = norme(k);
	const rapide = exprRapide(c) ? rapideChamp(k) : undefined;
	switch (c.type) {
		case 'texte':
			return c.forme ? `CASE WHEN regexp_full_match(${n}, ${lit(c.forme.regex)}) THEN ${n} END` : n;
		case 'uai': {
			const bonneLettre = `CASE WHEN ${lettreUai(n)} = right(${n}, 1) THEN ${n} END`;
			return `CASE
				WHEN ${rapide ?? 'false'} THEN ${bonneLettre}
				WHEN ${n} GLOB ${GLOB_UAI} THEN ${bonneLettre}
			END`;
		}
		case 'entier':
		case 'decimal':
		case 'pourcentage': {
			const d = `TRY_CAST(${n} AS DOUBLE)`;
			const conditions = [`isfinite(${d})`];
			if (c.type === 'entier') conditions.push(`${d} = trunc(${d})`);
			const min = c.min ?? (c.type === 'pourcentage' ? 0 : undefined);
			const max = c.max ?? (c.type === 'pourcentage' ? 100 : undefined);
			const bornes = (x: string) => [
				...(min !== undefined ? [`${x} >= ${min}`] : []),
				...(max !== undefined ? [`${x} <= ${max}`] : [])
			];
			conditions.push(...bornes(d));
			const typee = c.type === 'entier' ? `CAST(${d} AS BIGINT)` : d;
			const general = `CASE WHEN ${conditions.join(' AND ')} THEN ${typee} END`;
			if (!rapide) return general;
			// Digits only (level 0): the same value, cast once.
			const direct = `CAST(${n} AS ${c.type === 'entier' ? 'BIGINT' : 'DOUBLE'})`;
			const dansBornes = bornes(direct);
			const valeur = dansBornes.length
				? `CASE WHEN ${dansBornes.join(' AND ')} THEN ${direct} END`
				: direct;
			return `CASE WHEN ${rapide} THEN ${valeur} ELSE ${general} END`;
		}
		case 'annee': {
			// Once the whole value matches, its first and last four characters are the two years:
			// no capture groups to extract (a regexp_extract per use costs a small file dearly).
			const debut = `TRY_CAST(left(${n}, 4) AS INTEGER)`;
			const fin = `TRY_CAST(right(${n}, 4) AS INTEGER)`;
			const espaces = `CASE
				WHEN regexp_full_match(${n}, '[0-9]{4}\\s*-\\s*[0-9]{4}')
					AND ${fin} = ${debut} + 1
					AND ${debut} BETWEEN 1990 AND 2100
				THEN left(${n}, 4) || '-' || right(${n}, 4)
			END`;
			// A lone year, possibly written `2024.0` by a spreadsheet.
			const seule = `CASE WHEN regexp_full_match(${n}, '[0-9]{4}(\\.0+)?') THEN ${debut} END`;
			const depuisSeule =
				c.anneeSeule === 'debut'
					? `${seule} || '-' || (${seule} + 1)`
					: `(${seule} - 1) || '-' || ${seule}`;
			const lente = c.anneeSeule
				? `COALESCE(
					${espaces},
					CASE WHEN ${seule} BETWEEN 1990 AND 2100 THEN ${depuisSeule} END
				)`
				: espaces;
			return `CASE
				WHEN ${rapide ?? 'false'} THEN ${n}
				WHEN ${n} IS NULL THEN NULL
				ELSE ${lente}
			END`;
		}
		case 'date': {
			const d = `COALESCE(
				CASE
					WHEN regexp_matches(${n}, '^[0-9]{4}-[0-9]{2}-[0-9]{2}')
					THEN TRY_CAST(left(${n}, 10) AS DATE)
				END,
				TRY_STRPTIME(${n}, '%d/%m/%Y')::DATE
			)`;
			return `CASE WHEN year(${d}) BETWEEN 1900 AND 2100 THEN ${d} END`;
		}
		case 'enum': {
			const entrees = Object.entries(c.valeurs ?? {});
			if (entrees.length === 0) return 'NULL::VARCHAR';
			// Other spellings: a lookup in two constant lists (one expression, whatever their length).
			const cles = `[${entrees.map(([cle]) => lit(cleEnum(cle))).join(', ')}]`;
			const valeurs = `[${entrees.map(([, val]) => lit(val)).join(', ')}]`;
			const lente = `list_extract(${valeurs}, list_position(${cles}, ${cleEnumSql(n)}))`;
			return `CASE
				WHEN ${rapide ?? 'false'} THEN ${n}
				WHEN ${n} IS NULL THEN NULL
				ELSE ${lente}
			END`;
		}
		case 'booleen':
			return `CASE
				WHEN ${parmi(n, ['1', 'oui', 'o', 'true', 'vrai', 'x'])} THEN true
				WHEN ${parmi(n, ['0', 'non', 'n', 'false', 'faux'])} THEN false
			END`;
		case 'departement':
			return `CASE
				WHEN regexp_full_match(${n}, '[0-9]{1,3}|0?2[AB]') THEN lpad(${n}, 3, '0')
			END`;
		case 'commune':
			return `CASE
				WHEN regexp_full_match(${n}, '[0-9]{4,5}|[0-9][0-9AB][0-9]{3}') THEN lpad(${n}, 5, '0')
			END`;
	}
}

/**
 * Level 2 for a trusted file, written in the usual shape by Pilotage itself: the conversions of
 * exprValeur (numbers, lone years, dates; enum spellings and booleans as they are) without the
 * checks that only make a value NULL for the report (bounds, whole numbers, UAI check letter,
 * other spellings of a date or a year). They made the demo's load 10 to 25 % slower than the
 * casts it had before; `demo.test.ts` checks that both give the same tables on data/.
 */
export function exprValeurConfiance(c: ChampPlan, k: number): string {
	const n = norme(k);
	switch (c.type) {
		case 'uai':
			return n;
		case 'entier':
			return `CAST(TRY_CAST(${n} AS DOUBLE) AS BIGINT)`;
		case 'decimal':
		case 'pourcentage':
			return `TRY_CAST(${n} AS DOUBLE)`;
		case 'date':
			return `TRY_CAST(${n} AS DATE)`;
		case 'annee': {
			// Written 2024-2025, or a lone year (2024) where the kind says which end it is.
			if (!c.anneeSeule) return n;
			const an = `TRY_CAST(${n} AS INTEGER)`;
			const depuisSeule =
				c.anneeSeule === 'debut' ? `${an} || '-' || (${an} + 1)` : `(${an} - 1) || '-' || ${an}`;
			return `CASE WHEN length(${n}) = 4 THEN ${depuisSeule} ELSE ${n} END`;
		}
		default:
			return exprValeur(c, k);
	}
}

/** Enums with more values than this are not listed in messages (competence ids). */
const LISTE_COURTE = 12;

const nombreFr = (x: number) => String(x).replace('.', ',');

/** Level 3: why the value was refused, in French (NULL when fine). */
export function exprMotif(c: ChampPlan, k: number): string {
	const n = norme(k);
	const v = valeurChamp(k);
	// Well-formed rows stop at the first branch.
	const absent = c.type === 'texte' ? `${n} IS NULL` : `${n} IS NULL OR ${manquant(n)}`;
	const manque = `WHEN ${v} IS NOT NULL THEN NULL ${
		c.requis ? `WHEN ${absent} THEN 'valeur manquante'` : `WHEN ${absent} THEN NULL`
	}`;
	const sinon = (message: string) => `WHEN ${v} IS NULL THEN ${message}`;
	switch (c.type) {
		case 'texte':
			return `CASE ${manque} ${c.forme ? sinon(lit(c.forme.message)) : ''} END`;
		case 'uai':
			return `CASE ${manque}
				WHEN NOT regexp_full_match(${n}, '[0-9]{7}[A-Z]')
				THEN 'UAI mal formée : 7 chiffres puis une lettre attendus'
				WHEN right(${n}, 1) IN ('I', 'O', 'Q')
				THEN 'UAI non valide : une UAI ne finit jamais par ' || right(${n}, 1)
					|| ' (pseudo-UAI ?) ; avec ces chiffres, la lettre serait ' || ${lettreUai(n)}
				${sinon(`'lettre de contrôle fausse : ' || ${uaiCorrigee(n)} || ' attendu'`)}
			END`;
		case 'entier':
		case 'decimal':
		case 'pourcentage': {
			const d = `TRY_CAST(${n} AS DOUBLE)`;
			const min = c.min ?? (c.type === 'pourcentage' ? 0 : undefined);
			const max = c.max ?? (c.type === 'pourcentage' ? 100 : undefined);
			const quoi = c.type === 'pourcentage' ? 'un pourcentage' : 'un nombre';
			const cas = [`WHEN ${d} IS NULL OR NOT isfinite(${d}) THEN ${lit(`${quoi} est attendu`)}`];
			if (c.type === 'entier')
				cas.push(`WHEN ${d} <> trunc(${d}) THEN 'un nombre entier est attendu'`);
			if (min !== undefined)
				cas.push(
					`WHEN ${d} < ${min} THEN ${lit(
						min === 0 ? 'valeur négative' : `valeur inférieure au minimum ${nombreFr(min)}`
					)}`
				);
			if (max !== undefined)
				cas.push(`WHEN ${d} > ${max} THEN ${lit(`valeur supérieure au maximum ${nombreFr(max)}`)}`);
			return `CASE ${manque} ${cas.join(' ')} END`;
		}
		case 'annee':
			return `CASE ${manque} ${sinon(
				lit(
					c.anneeSeule
						? 'année attendue au format 2024-2025 (ou 2024)'
						: 'année scolaire attendue au format 2024-2025'
				)
			)} END`;
		case 'date':
			return `CASE ${manque} ${sinon(`'date attendue au format 2024-09-03 ou 03/09/2024'`)} END`;
		case 'enum': {
			const possibles = [...new Set(Object.values(c.valeurs ?? {}))];
			const message =
				possibles.length <= LISTE_COURTE
					? `valeur inattendue : valeurs possibles ${possibles.join(', ')}`
					: 'valeur inconnue de la liste des valeurs admises';
			return `CASE ${manque} ${sinon(lit(message))} END`;
		}
		case 'booleen':
			return `CASE ${manque} ${sinon(`'1 ou 0 (oui ou non) attendu'`)} END`;
		case 'departement':
			return `CASE ${manque} ${sinon(`'code de département attendu (021 ou 21)'`)} END`;
		case 'commune':
			return `CASE ${manque} ${sinon(`'code INSEE de commune attendu (5 caractères)'`)} END`;
	}
}

/** A suggestion for a refused value (computed only for refused rows). */
export function exprSuggestion(c: ChampPlan, n: string): string {
	switch (c.type) {
		case 'uai':
			return `CASE WHEN regexp_full_match(${n}, '[0-9]{7}[A-Z]') THEN ${uaiCorrigee(n)} END`;
		case 'annee': {
			const an = `TRY_CAST(regexp_extract(${n}, '([0-9]{4})', 1) AS INTEGER)`;
			return `CASE WHEN ${an} BETWEEN 1990 AND 2100 THEN ${an} || '-' || (${an} + 1) END`;
		}
		case 'enum': {
			const possibles = [...new Set(Object.values(c.valeurs ?? {}))];
			return possibles.length <= LISTE_COURTE ? lit(possibles.join(' | ')) : 'NULL::VARCHAR';
		}
		case 'entier': {
			const d = `TRY_CAST(${n} AS DOUBLE)`;
			return `CASE
				WHEN isfinite(${d}) AND ${d} <> trunc(${d}) THEN CAST(round(${d}) AS BIGINT)::VARCHAR
			END`;
		}
		case 'date':
			return `'2024-09-03'`;
		default:
			return 'NULL::VARCHAR';
	}
}
