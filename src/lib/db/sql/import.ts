// SQL de l'import : les règles de contrôle d'un genre de fichier (des données, décrites dans
// src/lib/import/genres.ts) sont compilées ici en expressions SQL que DuckDB évalue sur tout le
// fichier, sans que les lignes passent par JavaScript. Les identifiants passent par
// `identifiant()`, les valeurs par `litteral()` : un en-tête ou une cellule du fichier n'est
// jamais du SQL.

import { identifiant as id, litteral as lit } from './echappement';
import type { DefinitionTable } from './schema';

// --- Les règles, comme données --------------------------------------------------------------

export type TypeChamp =
	| 'texte'
	| 'uai'
	| 'entier'
	| 'decimal'
	| 'pourcentage'
	| 'annee'
	| 'date'
	| 'enum'
	| 'booleen'
	| 'departement'
	| 'commune';

/** What happens to a row whose value breaks a rule: rejected, or kept with the value emptied. */
export type Gravite = 'rejet' | 'avertissement';

export interface RegleChamp {
	readonly type: TypeChamp;
	/** An empty (or `NS`, `ND`, `-`…) value is an error. */
	readonly requis?: boolean;
	/** Bounds, inclusive (numbers, percentages). */
	readonly min?: number;
	readonly max?: number;
	/** `enum`: accepted spellings (compared without case, accents or repeated spaces) → stored value. */
	readonly valeurs?: Readonly<Record<string, string>>;
	/** `annee`: a lone year (`2024`) is accepted and is the `debut` or the `fin` of the school year. */
	readonly anneeSeule?: 'debut' | 'fin';
	/** `texte`: a regular expression (RE2, whole value) and what to say when it does not match. */
	readonly forme?: { readonly regex: string; readonly message: string };
	/** `rejet` by default. */
	readonly gravite?: Gravite;
}

/** A rule involving several fields of a row (field names of the kind). */
export type Controle =
	| {
			readonly type: 'somme';
			readonly termes: readonly string[];
			readonly total: string;
			readonly gravite?: Gravite;
	  }
	| {
			readonly type: 'somme_max';
			readonly termes: readonly string[];
			readonly max: number;
			readonly gravite?: Gravite;
	  }
	| {
			readonly type: 'somme_proche';
			readonly termes: readonly string[];
			readonly cible: number;
			readonly tolerance: number;
			readonly gravite?: Gravite;
	  }
	| {
			/** `champ` must start with the values of `parties` joined by `-` (competence ids). */
			readonly type: 'prefixe';
			readonly champ: string;
			readonly parties: readonly string[];
			readonly gravite?: Gravite;
	  };

/** Computed values a kind may store. Each takes field names as arguments. */
export type NomDerivation =
	| 'type_ecole'
	| 'libelle_circonscription'
	| 'reseau_bassin_id'
	| 'territoire_region'
	| 'code_region'
	| 'domaine_6e_ensemble';

/** Named row filters (also field names as arguments). */
export type NomFiltre =
	'est_ecole' | 'est_college' | 'ecole_ou_college' | 'non_vide' | 'egal' | 'reseau_bassin';

export interface Filtre {
	readonly nom: NomFiltre;
	readonly champs: readonly string[];
	/** For `egal`: the stored value compared with the first field. */
	readonly valeur?: string;
}

export type SourceColonne =
	| { readonly champ: string }
	| { readonly constante: string | number | boolean | null }
	| { readonly derivation: NomDerivation; readonly champs: readonly string[] };

/**
 * Where a kind's rows go. Columns of the table absent from `colonnes` are not provided by the
 * file: an existing row keeps its value (an annuaire import does not erase a `groupe_proximite`).
 */
export interface Cible {
	readonly table: DefinitionTable;
	readonly colonnes: Readonly<Record<string, SourceColonne>>;
	readonly filtre?: Filtre;
	/** Several rows of the file give one row of the table (its key): e.g. circonscriptions. */
	readonly regrouper?: boolean;
	/**
	 * The file's rows are counted while it is read, never stored: one row of the table per value
	 * of `colonnes` (pupil rows → class results). See `creerAgregat`.
	 */
	readonly agregat?: Agregat;
}

export interface Agregat {
	/** Count columns of the table: all the group's rows, or those whose `champ` is `valeur`. */
	readonly comptes: Readonly<Record<string, { readonly champ?: string; readonly valeur?: string }>>;
	/** What a row of the file is, for the report (singular, plural): « ligne élève ». */
	readonly lignes: readonly [string, string];
	/** What a row of the table is (singular, plural): « résultat de classe ». */
	readonly resultats: readonly [string, string];
}

/** One field of a kind, resolved against a file: `colonne` is its index, null if absent. */
export interface ChampPlan extends RegleChamp {
	readonly nom: string;
	readonly colonne: number | null;
	/** The header of that column in the file, for messages. */
	readonly libelle: string;
}

export interface LectureCsv {
	readonly fichier: string;
	readonly separateur: string;
	/** Physical lines before the first data line (title lines and header). */
	readonly lignesAvant: number;
	readonly nbColonnes: number;
}

/** Everything needed to check and load one file: compiled to SQL by the builders below. */
export interface PlanImport {
	readonly lecture: LectureCsv;
	readonly champs: readonly ChampPlan[];
	readonly controles: readonly Controle[];
	/** Rows outside the kind's scope are ignored (counted, not checked): e.g. lycées in the annuaire. */
	readonly perimetre?: Filtre;
	/** Fields identifying a row of the file: a later row with the same values is a duplicate. */
	readonly cle: readonly string[];
	readonly cibles: readonly Cible[];
	/** Column holding the original line number (files rebuilt from multi-header exports). */
	readonly colonneLigne?: number;
	readonly source: string;
	/** Prefix of this import's temporary tables (unique per import). */
	readonly prefixe: string;
}

// --- Noms des tables temporaires ------------------------------------------------------------

export function tablesTemporaires(prefixe: string) {
	return {
		verif: `${prefixe}_verif`,
		mauvais: `${prefixe}_mauvais`,
		rejet: `${prefixe}_rejet`,
		doublon: `${prefixe}_doublon`,
		rejetsCsv: `${prefixe}_rejets_csv`,
		scanCsv: `${prefixe}_scan_csv`,
		agregat: `${prefixe}_agregat`,
		rejetsCsvBis: `${prefixe}_rejets_csv_bis`,
		scanCsvBis: `${prefixe}_scan_csv_bis`,
		rejetsCsvTer: `${prefixe}_rejets_csv_ter`,
		scanCsvTer: `${prefixe}_scan_csv_ter`,
		brut: `${prefixe}_brut`,
		comparaison: `${prefixe}_comparaison`,
		staging: (table: string) => `${prefixe}_s_${table}`
	};
}

/** Cells meaning "no value" in open data and Excel files (numbers, codes, enums). */
export const JETONS_MANQUANTS = [
	'NS',
	'ND',
	'-',
	'NA',
	'N/A',
	'NC',
	'nd',
	'ns',
	'na',
	'nc',
	'—',
	'–'
];

const ALPHABET_UAI = 'ABCDEFGHJKLMNPRSTUVWXYZ';

// --- Compilation d'un champ -----------------------------------------------------------------

const col = (i: number) => id(`c${i}`);
const norme = (k: number) => id(`n_${k}`);
const rapideChamp = (k: number) => id(`f_${k}`);
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
const ANNEES_SCOLAIRES = `[${Array.from({ length: 110 }, (_, i) => `'${1990 + i}-${1991 + i}'`).join(', ')}]`;

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
function exprRapide(c: ChampPlan): string | undefined {
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
		default:
			return undefined;
	}
}

/** Level 1: the cell trimmed (only when needed) and normalised (codes). */
function exprNorme(c: ChampPlan, k: number): string {
	if (c.colonne === null) return 'NULL::VARCHAR';
	const brute = col(c.colonne);
	// Spaces and tabs around a value are not part of it (trimmed only when there are some).
	const t = `CASE WHEN starts_with(${brute}, ' ') OR ends_with(${brute}, ' ') OR starts_with(${brute}, chr(9)) OR ends_with(${brute}, chr(9)) THEN NULLIF(trim(${brute}, ' ' || chr(9)), '') ELSE NULLIF(${brute}, '') END`;
	const rapide = exprRapide(c) ? rapideChamp(k) : undefined;
	const siLent = (x: string) => (rapide ? `CASE WHEN ${rapide} THEN ${brute} ELSE ${x} END` : x);
	switch (c.type) {
		case 'uai': {
			// Excel drops the leading zero: 210154D → 0210154D (normaliserUai).
			const u = `upper(trim(${brute}))`;
			return siLent(
				`CASE WHEN ${u} GLOB '[0-9][0-9][0-9][0-9][0-9][0-9][A-Z]' THEN '0' || ${u} ELSE NULLIF(${u}, '') END`
			);
		}
		case 'entier':
		case 'decimal':
		case 'pourcentage':
			// Plain numbers go through; `1 234,5`, `12,5 %` are rewritten.
			return `CASE WHEN TRY_CAST(${brute} AS DOUBLE) IS NOT NULL THEN ${brute} ELSE ${nombreNormalise(`trim(${brute})`, c.type === 'pourcentage')} END`;
		case 'departement':
		case 'commune':
			return `upper(${t})`;
		case 'booleen':
			return `lower(${t})`;
		default:
			return siLent(t);
	}
}

/** `7 digits + letter` and the right check letter. */
const lettreUai = (n: string) =>
	`substr(${lit(ALPHABET_UAI)}, CAST(left(${n}, 7) AS INTEGER) % 23 + 1, 1)`;

/** Level 2: the typed value, NULL when the value breaks a rule of its field (or is missing). */
function exprValeur(c: ChampPlan, k: number): string {
	const n = norme(k);
	const rapide = exprRapide(c) ? rapideChamp(k) : undefined;
	switch (c.type) {
		case 'texte':
			return c.forme ? `CASE WHEN regexp_full_match(${n}, ${lit(c.forme.regex)}) THEN ${n} END` : n;
		case 'uai': {
			const bonneLettre = `CASE WHEN ${lettreUai(n)} = right(${n}, 1) THEN ${n} END`;
			return `CASE WHEN ${rapide ?? 'false'} THEN ${bonneLettre} WHEN ${n} GLOB ${GLOB_UAI} THEN ${bonneLettre} END`;
		}
		case 'entier':
		case 'decimal':
		case 'pourcentage': {
			const d = `TRY_CAST(${n} AS DOUBLE)`;
			const conditions = [`isfinite(${d})`];
			if (c.type === 'entier') conditions.push(`${d} = trunc(${d})`);
			const min = c.min ?? (c.type === 'pourcentage' ? 0 : undefined);
			const max = c.max ?? (c.type === 'pourcentage' ? 100 : undefined);
			if (min !== undefined) conditions.push(`${d} >= ${min}`);
			if (max !== undefined) conditions.push(`${d} <= ${max}`);
			const typee = c.type === 'entier' ? `CAST(${d} AS BIGINT)` : d;
			return `CASE WHEN ${conditions.join(' AND ')} THEN ${typee} END`;
		}
		case 'annee': {
			// Once the whole value matches, its first and last four characters are the two years:
			// no capture groups to extract (a regexp_extract per use costs a small file dearly).
			const debut = `TRY_CAST(left(${n}, 4) AS INTEGER)`;
			const fin = `TRY_CAST(right(${n}, 4) AS INTEGER)`;
			const espaces = `CASE WHEN regexp_full_match(${n}, '[0-9]{4}\\s*-\\s*[0-9]{4}') AND ${fin} = ${debut} + 1 AND ${debut} BETWEEN 1990 AND 2100 THEN left(${n}, 4) || '-' || right(${n}, 4) END`;
			// A lone year, possibly written `2024.0` by a spreadsheet.
			const seule = `CASE WHEN regexp_full_match(${n}, '[0-9]{4}(\\.0+)?') THEN ${debut} END`;
			const depuisSeule =
				c.anneeSeule === 'debut'
					? `${seule} || '-' || (${seule} + 1)`
					: `(${seule} - 1) || '-' || ${seule}`;
			const lente = c.anneeSeule
				? `COALESCE(${espaces}, CASE WHEN ${seule} BETWEEN 1990 AND 2100 THEN ${depuisSeule} END)`
				: espaces;
			return `CASE WHEN ${rapide ?? 'false'} THEN ${n} WHEN ${n} IS NULL THEN NULL ELSE ${lente} END`;
		}
		case 'date': {
			const d = `COALESCE(CASE WHEN regexp_matches(${n}, '^[0-9]{4}-[0-9]{2}-[0-9]{2}') THEN TRY_CAST(left(${n}, 10) AS DATE) END, TRY_STRPTIME(${n}, '%d/%m/%Y')::DATE)`;
			return `CASE WHEN year(${d}) BETWEEN 1900 AND 2100 THEN ${d} END`;
		}
		case 'enum': {
			const entrees = Object.entries(c.valeurs ?? {});
			if (entrees.length === 0) return 'NULL::VARCHAR';
			// Other spellings: a lookup in two constant lists (one expression, whatever their length).
			const cles = `[${entrees.map(([cle]) => lit(cleEnum(cle))).join(', ')}]`;
			const valeurs = `[${entrees.map(([, val]) => lit(val)).join(', ')}]`;
			const lente = `list_extract(${valeurs}, list_position(${cles}, ${cleEnumSql(n)}))`;
			return `CASE WHEN ${rapide ?? 'false'} THEN ${n} WHEN ${n} IS NULL THEN NULL ELSE ${lente} END`;
		}
		case 'booleen':
			return `CASE WHEN ${parmi(n, ['1', 'oui', 'o', 'true', 'vrai', 'x'])} THEN true WHEN ${parmi(n, ['0', 'non', 'n', 'false', 'faux'])} THEN false END`;
		case 'departement':
			return `CASE WHEN regexp_full_match(${n}, '[0-9]{1,3}|0?2[AB]') THEN lpad(${n}, 3, '0') END`;
		case 'commune':
			return `CASE WHEN regexp_full_match(${n}, '[0-9]{4,5}|[0-9][0-9AB][0-9]{3}') THEN lpad(${n}, 5, '0') END`;
	}
}

/**
 * Level 2 for a trusted file, written in the usual shape by Pilotage itself: the conversions of
 * exprValeur (numbers, lone years, dates; enum spellings and booleans as they are) without the
 * checks that only make a value NULL for the report (bounds, whole numbers, UAI check letter,
 * other spellings of a date or a year). They made the demo's load 10 to 25 % slower than the
 * casts it had before; `demo.test.ts` checks that both give the same tables on data/.
 */
function exprValeurConfiance(c: ChampPlan, k: number): string {
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
function exprMotif(c: ChampPlan, k: number): string {
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
			return `CASE ${manque} WHEN NOT regexp_full_match(${n}, '[0-9]{7}[A-Z]') THEN 'UAI mal formée : 7 chiffres puis une lettre attendus' WHEN right(${n}, 1) IN ('I', 'O', 'Q') THEN 'UAI non valide : une UAI ne finit jamais par ' || right(${n}, 1) || ' (pseudo-UAI ?) ; avec ces chiffres, la lettre serait ' || ${lettreUai(n)} ${sinon(`'lettre de contrôle fausse : ' || substr(${n}, 1, 7) || substr(${lit(ALPHABET_UAI)}, CAST(substr(${n}, 1, 7) AS INTEGER) % 23 + 1, 1) || ' attendu'`)} END`;
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
					`WHEN ${d} < ${min} THEN ${lit(min === 0 ? 'valeur négative' : `valeur inférieure au minimum ${nombreFr(min)}`)}`
				);
			if (max !== undefined)
				cas.push(`WHEN ${d} > ${max} THEN ${lit(`valeur supérieure au maximum ${nombreFr(max)}`)}`);
			return `CASE ${manque} ${cas.join(' ')} END`;
		}
		case 'annee':
			return `CASE ${manque} ${sinon(lit(c.anneeSeule ? 'année attendue au format 2024-2025 (ou 2024)' : 'année scolaire attendue au format 2024-2025'))} END`;
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
function exprSuggestion(c: ChampPlan, n: string): string {
	switch (c.type) {
		case 'uai':
			return `CASE WHEN regexp_full_match(${n}, '[0-9]{7}[A-Z]') THEN substr(${n}, 1, 7) || substr(${lit(ALPHABET_UAI)}, CAST(substr(${n}, 1, 7) AS INTEGER) % 23 + 1, 1) END`;
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
			return `CASE WHEN isfinite(${d}) AND ${d} <> trunc(${d}) THEN CAST(round(${d}) AS BIGINT)::VARCHAR END`;
		}
		case 'date':
			return `'2024-09-03'`;
		default:
			return 'NULL::VARCHAR';
	}
}

// --- Contrôles, dérivations et filtres ------------------------------------------------------

type Index = ReadonlyMap<string, number>;

function v(index: Index, champ: string): string {
	const k = index.get(champ);
	if (k === undefined) throw new Error(`champ inconnu dans une règle : ${champ}`);
	return valeurChamp(k);
}

/** Field whose column a control's message points at. */
export function champDuControle(ctl: Controle): string {
	switch (ctl.type) {
		case 'somme':
			return ctl.total;
		case 'prefixe':
			return ctl.champ;
		default:
			return ctl.termes[0];
	}
}

function exprControle(ctl: Controle, index: Index): string {
	const tous = (champs: readonly string[]) =>
		champs.map((c) => `${v(index, c)} IS NOT NULL`).join(' AND ');
	const somme = (champs: readonly string[]) => `(${champs.map((c) => v(index, c)).join(' + ')})`;
	const fr = (x: string) => `replace(CAST(${x} AS VARCHAR), '.', ',')`;
	switch (ctl.type) {
		case 'somme':
			return `CASE WHEN ${tous([...ctl.termes, ctl.total])} AND ${somme(ctl.termes)} <> ${v(index, ctl.total)} THEN ${lit(`${ctl.termes.join(' + ')} = `)} || ${fr(somme(ctl.termes))} || ${lit(`, différent de ${ctl.total} = `)} || ${fr(v(index, ctl.total))} END`;
		case 'somme_max':
			return `CASE WHEN ${tous(ctl.termes)} AND ${somme(ctl.termes)} > ${ctl.max} THEN ${lit(`${ctl.termes.join(' + ')} = `)} || ${fr(`round(${somme(ctl.termes)}, 1)`)} || ${lit(`, plus que ${ctl.max}`)} END`;
		case 'somme_proche':
			return `CASE WHEN ${tous(ctl.termes)} AND abs(${somme(ctl.termes)} - ${ctl.cible}) > ${ctl.tolerance} THEN ${lit(`${ctl.termes.join(' + ')} = `)} || ${fr(`round(${somme(ctl.termes)}, 1)`)} || ${lit(` au lieu de ${ctl.cible}`)} END`;
		case 'prefixe': {
			const prefixe = ctl.parties.map((p) => v(index, p)).join(` || '-' || `);
			return `CASE WHEN ${tous([ctl.champ, ...ctl.parties])} AND NOT starts_with(${v(index, ctl.champ)}, ${prefixe} || '-') THEN ${v(index, ctl.champ)} || ' n''est pas une compétence de ' || ${ctl.parties.map((p) => v(index, p)).join(` || ' ' || `)} END`;
		}
	}
}

function exprDerivation(nom: NomDerivation, champs: readonly string[], index: Index): string {
	const a = champs.map((c) => v(index, c));
	switch (nom) {
		case 'type_ecole': {
			// (ecole_maternelle, ecole_elementaire, code_nature): the flags first, the nature otherwise;
			// or (code_nature) alone.
			const [mat, elem, nature] = a.length === 1 ? ['NULL', 'NULL', a[0]] : a;
			return `CASE WHEN ${mat} = 1 AND ${elem} = 1 THEN 'primaire' WHEN ${mat} = 1 THEN 'maternelle' WHEN ${elem} = 1 THEN 'elementaire' WHEN ${nature} BETWEEN 100 AND 149 THEN 'maternelle' WHEN ${nature} BETWEEN 150 AND 199 THEN 'elementaire' END`;
		}
		case 'libelle_circonscription':
			return `NULLIF(trim(regexp_replace(${a[0]}, '^circonscription d.inspection du 1er degr. (de la |de l.|du |des |de |d.)?', '', 'i')), '')`;
		case 'reseau_bassin_id':
			// (code_bassin_formation, libelle_bassin_formation)
			return `'BASSIN-' || COALESCE(${a[0]}, upper(regexp_replace(strip_accents(${a[1]}), '[^A-Za-z0-9]+', '-', 'g')))`;
		case 'territoire_region':
			return `CASE WHEN upper(${a[0]}) IN ('NATIONAL', 'FRANCE') THEN 'FRANCE' ELSE 'REGION_ACADEMIQUE' END`;
		case 'code_region':
			// (libelle, code): no code for France.
			return `CASE WHEN upper(${a[0]}) IN ('NATIONAL', 'FRANCE') THEN NULL ELSE ${a[1]} END`;
		case 'domaine_6e_ensemble':
			// (discipline) → 6E-FR-ENSEMBLE: the whole-discipline score of the 6e evaluation.
			return `'6E-' || ${a[0]} || '-ENSEMBLE'`;
	}
}

function exprFiltre(f: Filtre, index: Index): string {
	const a = f.champs.map((c) => v(index, c));
	switch (f.nom) {
		case 'est_ecole':
			// (code_nature, type_etablissement)
			return `(${a[0]} BETWEEN 100 AND 199 OR (${a[0]} IS NULL AND lower(strip_accents(${a[1]})) = 'ecole'))`;
		case 'est_college':
			return `(${a[0]} IN (340, 350, 352) OR (${a[0]} IS NULL AND lower(strip_accents(${a[1]})) = 'college'))`;
		case 'ecole_ou_college':
			return `(${exprFiltre({ nom: 'est_ecole', champs: f.champs }, index)} OR ${exprFiltre({ nom: 'est_college', champs: f.champs }, index)})`;
		case 'non_vide':
			return `(${a.map((x) => `${x} IS NOT NULL`).join(' AND ')})`;
		case 'egal':
			return `(${a[0]} IS NOT DISTINCT FROM ${lit(f.valeur ?? '')})`;
		case 'reseau_bassin':
			// (code_academie, libelle_bassin_formation): in the académie de Dijon (07), the bassin
			// de formation of a school is its réseau (« Réseau Dijon 3 »).
			return `(${a[1]} IS NOT NULL AND (lpad(${a[0]}, 2, '0') = '07' OR lower(strip_accents(${a[1]})) LIKE 'reseau%'))`;
	}
}

function exprSource(s: SourceColonne, index: Index): string {
	if ('champ' in s) return v(index, s.champ);
	if ('constante' in s) {
		const c = s.constante;
		if (c === null) return 'NULL';
		if (typeof c === 'number') return String(c);
		if (typeof c === 'boolean') return c ? 'true' : 'false';
		return lit(c);
	}
	return exprDerivation(s.derivation, s.champs, index);
}

// --- Les requêtes ---------------------------------------------------------------------------

/** Which reading of the file (each stores read_csv's errors in its own table). */
export type Lecture = 'premiere' | 'deuxieme' | 'troisieme';

const indexDe = (plan: PlanImport): Index => new Map(plan.champs.map((c, k) => [c.nom, k]));

/** `read_csv` of the file: every column as text (c0, c1, …), structural errors stored apart. */
export function lireCsv(plan: PlanImport, lecture0: Lecture | 'confiance' = 'premiere'): string {
	const { lecture } = plan;
	const colonnes = Array.from(
		{ length: lecture.nbColonnes },
		(_, i) => `${lit(`c${i}`)}: 'VARCHAR'`
	);
	const base = `read_csv(${lit(lecture.fichier)}, delim=${lit(lecture.separateur)}, quote='"', escape='"', header=false, skip=${lecture.lignesAvant}, auto_detect=false, columns={${colonnes.join(', ')}}, null_padding=false`;
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
	return `${base}, store_rejects=true, rejects_table=${lit(t.rejetsCsv)}, rejects_scan=${lit(t.scanCsv)})`;
}

function gravitesDe(plan: PlanImport): { m: string; g: Gravite }[] {
	return [
		...plan.champs.map((c, k) => ({ m: motifChamp(k), g: c.gravite ?? 'rejet' })),
		...plan.controles.map((ctl, j) => ({ m: motifControle(j), g: ctl.gravite ?? 'rejet' }))
	];
}

/**
 * The checks of every field as nested projections over `source` (any relation with the raw cells
 * c0, c1, …): level 0 the fast-path flags (`f_k`), 1 the normalised cells (`n_k`), 2 the typed
 * values (`v_k`), 3 the reasons (`m_k`, `x_j`), 4 the row's verdict.
 */
function niveaux(
	plan: PlanImport,
	source: string,
	colonnes: string,
	videDonne?: string,
	seulement?: ReadonlySet<number>
): string {
	const index = indexDe(plan);
	const brutes = Array.from({ length: plan.lecture.nbColonnes }, (_, i) => col(i));
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
	const vide = videDonne ?? `(${brutes.map((b) => `${b} IS NULL`).join(' AND ')})`;
	const perimetre = exprPerimetre(plan, index);
	const ligne =
		plan.colonneLigne !== undefined
			? `TRY_CAST(${col(plan.colonneLigne)} AS BIGINT)`
			: 'NULL::BIGINT';
	const niveau3 = `SELECT *${avec(n3)} FROM (${valeursTypees(source, colonnes, champs)})`;
	return `SELECT *, NOT ${vide} AND ${perimetre} AS dans_perimetre, ${vide} AS vide, ${aucun('rejet')} AS sans_rejet, NOT ${aucun('avertissement')} AS averti, ${ligne} AS ligne_source FROM (${niveau3})`;
}

const avec = (x: string[]) => (x.length ? `, ${x.join(', ')}` : '');

const exprPerimetre = (plan: PlanImport, index: Index) =>
	plan.perimetre ? `COALESCE(${exprFiltre(plan.perimetre, index)}, false)` : 'true';

/**
 * Levels 0 to 2 of `niveaux` for the fields `champs`: fast-path flags, normalised cells, typed
 * values. What a trusted file goes through too: its values are typed by the very same rules.
 */
function valeursTypees(
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
 * A trusted file (the demo académie, generated with the app): its rows typed by the kind's rules
 * (levels 0 to 2 of `niveaux`), without reasons, duplicates or ranks; `ok` is « not empty and in
 * scope ». A relation for creerStaging's `typees`: each target stages its rows straight from
 * the file, in one materialisation, as the demo's own loader did before it used the kinds.
 */
export function lignesConfiance(plan: PlanImport): string {
	const champs = plan.champs.map((c, k) => ({ c, k }));
	const brutes = Array.from({ length: plan.lecture.nbColonnes }, (_, i) => col(i));
	const vide = `(${brutes.map((b) => `${b} IS NULL`).join(' AND ')})`;
	return `(SELECT ${champs.map(({ k }) => valeurChamp(k)).join(', ')},
		NOT ${vide} AND ${exprPerimetre(plan, indexDe(plan))} AS ok
	FROM (${valeursTypees(lireCsv(plan, 'confiance'), '*', champs, true)}))`;
}

/**
 * The whole check in one pass over the file. Stored per row: its rank in the file (`rang`), the
 * typed values (`v_k`), whether the row is empty, in scope, fit to load (`ok`) or carries
 * warnings, and, only for rows with a problem, the raw cells (the reasons are computed again for
 * those few rows by `creerRejets`). Keeping so little is what makes a million rows cost little
 * more than reading them.
 */
export function creerVerification(plan: PlanImport): string {
	const t = tablesTemporaires(plan.prefixe);
	const brutes = Array.from({ length: plan.lecture.nbColonnes }, (_, i) => col(i));
	const probleme = 'NOT sans_rejet OR averti';
	return `CREATE OR REPLACE TEMP TABLE ${id(t.verif)} AS SELECT ${[
		'rang',
		...brutes.map((b) => `CASE WHEN ${probleme} THEN ${b} END AS ${b}`),
		...colonnesVerification(plan)
	].join(', ')} FROM (${niveaux(plan, lignesNumerotees(plan), '*')})`;
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
	const ligne = (texte: string, rang: string, vide: string) =>
		`(${rang}, ${Array.from({ length: nbChamps }, () => texte).join(', ')}, [${texte}, NULL]::VARCHAR[], ${vide})`;
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
	const regles = `SELECT ${[
		'rang',
		`CASE WHEN ${probleme} THEN cellules END AS cellules`,
		...colonnesVerification(canonique)
	].join(', ')} FROM (${niveaux(canonique, entree, '*', 'vide_brut')})`;
	const larges = `DELETE FROM ${entree}; INSERT INTO ${entree} VALUES ${lignesLarges(champs.length)}; DELETE FROM ${entree}`;
	const preparer = [
		`CREATE TABLE IF NOT EXISTS ${entree} (rang BIGINT, ${champs.map((c) => `${c} VARCHAR`).join(', ')}, cellules VARCHAR[], vide_brut BOOLEAN)`,
		`CREATE TABLE IF NOT EXISTS ${verif} AS ${regles} LIMIT 0`,
		larges,
		`PREPARE ${id(nom)} AS INSERT INTO ${verif} ${regles}`
	];
	const brutes = Array.from({ length: plan.lecture.nbColonnes }, (_, i) => col(i));
	const valeurs = plan.champs.map((c, k) =>
		c.colonne === null ? `NULL AS ${col(k)}` : `${col(c.colonne)} AS ${col(k)}`
	);
	return {
		modele: preparer.join(';\n').replaceAll(nom, '§'),
		preparer,
		executer: [
			`${larges}; INSERT INTO ${entree} SELECT rang, ${valeurs.join(', ')}, [${brutes.join(', ')}]::VARCHAR[], (${brutes.map((b) => `${b} IS NULL`).join(' AND ')}) FROM ${lignesNumerotees(plan)}`,
			`DELETE FROM ${verif}; EXECUTE ${id(nom)}`,
			// A table, not a view: what follows unions a SELECT per rule over it, and a view would
			// be expanded (and planned) in each.
			`CREATE OR REPLACE TEMP TABLE ${id(t.verif)} AS SELECT *, ${brutes.map((b, i) => `cellules[${i + 1}] AS ${b}`).join(', ')} FROM ${verif}`
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
	// Rows of the reference tables (schools): none, and the unknown-values query is not needed.
	const deja = connues.length
		? `, ${connues.map((tb) => `(SELECT count(*) FROM ${id(tb.nom)})`).join(' + ')} AS connus_deja`
		: '';
	const csv = `, (SELECT count(*) FROM ${id(t.rejetsCsv)}) AS erreurs_csv, (SELECT count(*) FROM ${id(t.rejetsCsv)} WHERE error_type IN ('INVALID ENCODING', 'INVALID UNICODE')) AS erreurs_encodage`;
	// Which rules gave a reason somewhere: the rejects query then unions only those (a small
	// file's cost is mostly DuckDB planning its queries, and that one has a SELECT per rule).
	const regles = gravitesDe(plan).map(
		(_, i) =>
			`coalesce(bool_or(motifs[${i + 1}] IS NOT NULL) FILTER (WHERE motifs IS NOT NULL), false)`
	);
	return `SELECT [${regles.join(', ')}] AS regles, count(*) AS lues, count(*) FILTER (WHERE vide) AS vides, count(*) FILTER (WHERE NOT vide AND NOT dans_perimetre) AS hors_perimetre, count(*) FILTER (WHERE ok) AS valides, count(*) FILTER (WHERE dans_perimetre AND NOT ok) AS refusees, count(*) FILTER (WHERE avec_avertissement AND ok) AS averties, (SELECT count(*) FROM ${id(t.doublon)}) AS doublons${csv}${deja} FROM ${id(t.verif)}`;
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
	return `CREATE OR REPLACE TEMP TABLE ${id(t.doublon)} AS WITH hd AS (SELECT ${h} AS h FROM ${id(t.verif)} WHERE ok GROUP BY ALL HAVING count(*) > 1), c AS (SELECT rang, ${cle.join(', ')} FROM ${id(t.verif)} WHERE ok AND ${h} IN (SELECT h FROM hd)), p AS (SELECT ${cle.join(', ')}, min(rang) AS premier FROM c GROUP BY ALL HAVING count(*) > 1) SELECT c.rang, p.premier FROM c JOIN p ON ${egal} WHERE c.rang > p.premier`;
}

export function compterDoublons(plan: PlanImport): string {
	return `SELECT count(*) AS n FROM ${id(tablesTemporaires(plan.prefixe).doublon)}`;
}

/**
 * Every problem of every refused or warned row, one row per (row, column): rank, column label,
 * raw value, reason, suggestion, gravity. Duplicates come with the rank of the row they repeat.
 */
export function creerRejets(plan: PlanImport, regles?: readonly boolean[]): string {
	const t = tablesTemporaires(plan.prefixe);
	const index = indexDe(plan);
	const mauvais = `(SELECT * FROM ${id(t.verif)} WHERE motifs IS NOT NULL AND dans_perimetre)`;
	const parties = partiesProblemes(plan, mauvais, col, '', regles);
	const cle = plan.cle.map((c) => plan.champs[index.get(c)!].libelle).join(', ');
	const valeursCle = plan.cle.map((c) => `CAST(${v(index, c)} AS VARCHAR)`).join(', ');
	parties.push(
		`SELECT d.rang, v.ligne_source, ${lit(cle)} AS colonne, ${valeursCle ? `concat_ws(' ; ', ${valeursCle})` : 'NULL::VARCHAR'} AS valeur, 'ligne en double' AS motif, NULL::VARCHAR AS suggestion, 'rejet' AS gravite, d.premier, 1000000 AS ordre FROM ${id(t.doublon)} d JOIN ${id(t.verif)} v USING (rang)`
	);
	return `CREATE OR REPLACE TEMP TABLE ${id(t.rejet)} AS ${parties.join(' UNION ALL ')}`;
}

/**
 * One SELECT per rule (field or control) over `mauvais` (rang, ligne_source, motifs, normes and
 * the raw cells, reached by `brute(i)`): the rows where that rule gave a reason.
 */
function partiesProblemes(
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
			`SELECT rang, ligne_source, ${lit(champ.libelle)} AS colonne, ${valeur} AS valeur, motifs[${i + 1}] AS motif, ${suggestion} AS suggestion, ${lit(gravite)} AS gravite, NULL::BIGINT AS premier, ${i} AS ordre${autres} FROM ${mauvais} WHERE motifs[${i + 1}] IS NOT NULL`
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
	const cellules = Array.from({ length: plan.lecture.nbColonnes }, (_, i) => {
		const k = plan.champs.findIndex((c) => c.colonne === i);
		return k < 0 ? `p.${col(i)}` : `COALESCE(p.${col(i)}, CAST(p.${valeurChamp(k)} AS VARCHAR))`;
	});
	const refusees = `SELECT DISTINCT rang FROM ${id(t.rejet)} WHERE gravite = 'rejet'`;
	return `SELECT r.rang, r.ligne_source, r.colonne, r.valeur, r.motif, r.suggestion, r.ordre, r.premier, q.ligne_source AS ligne_premier, [${cellules.join(', ')}]::VARCHAR[] AS cellules, (SELECT count(*) FROM (${refusees})) AS total FROM ${id(t.rejet)} r JOIN ${id(t.verif)} p ON p.rang = r.rang LEFT JOIN ${id(t.verif)} q ON q.rang = r.premier WHERE r.gravite = 'rejet' AND r.rang IN (${refusees} ORDER BY rang LIMIT ${Math.max(0, Math.floor(limite))}) ORDER BY r.rang, r.ordre`;
}

/**
 * Warnings of accepted rows, one line per (column, rule): how many rows, the first ranks and
 * one example of the message.
 */
export function resumerAvertissements(plan: PlanImport, exemples: number): string {
	const t = tablesTemporaires(plan.prefixe);
	return `SELECT colonne, ordre, any_value(motif ORDER BY rang) AS motif, count(*) AS n, list(rang::INTEGER ORDER BY rang)[1:${Math.floor(exemples)}] AS rangs, list(ligne_source::INTEGER ORDER BY rang)[1:${Math.floor(exemples)}] AS lignes_source FROM ${id(t.rejet)} WHERE gravite = 'avertissement' AND rang NOT IN (SELECT rang FROM ${id(t.rejet)} WHERE gravite = 'rejet') GROUP BY colonne, ordre ORDER BY ordre`;
}

/** Structural errors found by read_csv (missing or extra columns, bad quotes, bad encoding). */
export function lireErreursCsv(plan: PlanImport): string {
	const t = tablesTemporaires(plan.prefixe);
	return `SELECT line AS ligne, min(error_type) AS type, any_value(csv_line) AS texte, count(*) AS n FROM ${id(t.rejetsCsv)} GROUP BY line ORDER BY line`;
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
	const t = tablesTemporaires(plan.prefixe);
	const x = v(indexDe(plan), champ);
	const connues = tables
		.map((tb) => `SELECT ${id(colonne)} FROM ${id(tb.nom)}`)
		.join(' UNION ALL ');
	const deja = tables.map((tb) => `(SELECT count(*) FROM ${id(tb.nom)})`).join(' + ');
	return `WITH i AS (SELECT ${x} AS valeur, min(rang) AS rang FROM ${id(t.verif)} WHERE ok AND ${x} IS NOT NULL AND ${x} NOT IN (${connues}) GROUP BY ${x}) SELECT ${deja} AS deja, (SELECT count(*) FROM i) AS total, (SELECT list({'valeur': valeur, 'rang': rang::INTEGER, 'ligne_source': (SELECT ligne_source::INTEGER FROM ${id(t.verif)} AS w WHERE w.rang = i.rang)} ORDER BY rang) FROM (SELECT * FROM i ORDER BY rang LIMIT ${Math.floor(limite)}) i) AS exemples`;
}

/** Rows already in the target table and rows staged for it (cheap: no comparison). */
export function compterCible(plan: PlanImport, cible: Cible): string {
	const s = id(tablesTemporaires(plan.prefixe).staging(cible.table.nom));
	return `SELECT (SELECT count(*) FROM ${id(cible.table.nom)}) AS avant, (SELECT count(*) FROM ${s}) AS lignes`;
}

/**
 * When the table already holds rows: those with the key of a staged row (`existantes`, to be
 * replaced), of which `identiques` have the same values.
 */
export function bilanCible(plan: PlanImport, cible: Cible): string {
	const t = tablesTemporaires(plan.prefixe);
	const s = id(t.staging(cible.table.nom));
	const tb = id(cible.table.nom);
	const memes = cible.table.colonnes
		.map((c) => `e.${id(c.nom)} IS NOT DISTINCT FROM s.${id(c.nom)}`)
		.join(' AND ');
	return `SELECT (SELECT count(*) FROM ${tb} AS e WHERE EXISTS (SELECT 1 FROM ${s} AS s WHERE ${egaliteCle(cible.table, 'e', 's')})) AS existantes, (SELECT count(*) FROM ${tb} AS e WHERE EXISTS (SELECT 1 FROM ${s} AS s WHERE ${memes})) AS identiques`;
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
	const groupe = cible.regrouper
		? ` GROUP BY ${cible.table.cle.map((k) => expr(k, cible.table.colonnes.find((c) => c.nom === k)!.type)).join(', ')}`
		: '';
	// A view when nothing has to be updated in it: the rows are written once, into the table.
	return `CREATE OR REPLACE TEMP ${vue ? 'VIEW' : 'TABLE'} ${id(t.staging(cible.table.nom))} AS SELECT ${selection.join(', ')}, ${lit(plan.source)} AS "source" FROM ${typees ?? id(t.verif)} WHERE ${conditions.join(' AND ')}${groupe}`;
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

const egaliteCle = (table: DefinitionTable, a: string, b: string) =>
	table.cle.map((c) => `${a}.${id(c)} IS NOT DISTINCT FROM ${b}.${id(c)}`).join(' AND ');

/**
 * Columns the file does not provide keep the value of the row already loaded (if any), so that
 * an annuaire import does not erase a school's `groupe_proximite` or `rural`.
 */
export function conserverColonnesNonFournies(plan: PlanImport, cible: Cible): string | undefined {
	const t = tablesTemporaires(plan.prefixe);
	const absentes = cible.table.colonnes.filter((c) => !(c.nom in cible.colonnes));
	if (absentes.length === 0) return undefined;
	const s = id(t.staging(cible.table.nom));
	return `UPDATE ${s} AS s SET ${absentes.map((c) => `${id(c.nom)} = e.${id(c.nom)}`).join(', ')} FROM ${id(cible.table.nom)} AS e WHERE ${egaliteCle(cible.table, 'e', 's')}`;
}

// --- L'import agrégé (fichiers élèves) ------------------------------------------------------
//
// A pupil file of an académie holds tens of millions of rows, and the class view is their only
// reader: its rows are counted per class while DuckDB reads the file, and only the counts are
// kept. One pass, no table of all the rows:
//
//   read_csv → row_number (streaming) → the same rule levels as creerVerification → GROUP BY
//   GROUPING SETS ( (class key of a valid row | the row itself when it has a problem), (hash of
//   the duplicate key of a valid row) )
//
// A valid row falls into its class's group; a row with a problem is its own group (its rank,
// raw cells and reasons are the key), so the few bad rows come out with everything the report
// needs. The second grouping set keeps only the hashes seen more than once: when there are
// some, a second reading of the file (creerDoublonsAgregat) finds the exact duplicates, which
// are refused and taken back out of their class's counts. Memory: the class groups (few), the
// bad rows (few) and one 64-bit hash per valid row (the duplicate check).

/** Fields a class result is grouped on: those its columns come from, and those it counts on. */
function champsAgreges(plan: PlanImport, cible: Cible): number[] {
	const index = indexDe(plan);
	const noms = new Set<string>();
	for (const s of Object.values(cible.colonnes)) {
		if ('champ' in s) noms.add(s.champ);
		if ('derivation' in s) s.champs.forEach((c) => noms.add(c));
	}
	for (const c of Object.values(cible.agregat?.comptes ?? {})) if (c.champ) noms.add(c.champ);
	return [...noms].map((n) => index.get(n)!).filter((k) => k !== undefined);
}

/** The file read with each row's rank (0-based, in file order; a streaming window). */
function lignesNumerotees(plan: PlanImport, lecture: Lecture = 'premiere'): string {
	return `(SELECT *, row_number() OVER () - 1 AS rang FROM ${lireCsv(plan, lecture)})`;
}

/**
 * Fields checked on the distinct values of their cells rather than on every row: those the
 * class results are grouped on, and those the controls and the scope read. The others (the
 * pupil's id) are checked row by row.
 */
function champsDeGroupe(plan: PlanImport, cible: Cible): Set<number> {
	const index = indexDe(plan);
	const ks = new Set(champsAgreges(plan, cible));
	const noms = [
		...plan.controles.flatMap((c) =>
			c.type === 'somme'
				? [...c.termes, c.total]
				: c.type === 'prefixe'
					? [c.champ, ...c.parties]
					: c.termes
		),
		...(plan.perimetre?.champs ?? [])
	];
	for (const n of noms) if (index.has(n)) ks.add(index.get(n)!);
	return new Set([...ks].filter((k) => plan.champs[k].colonne !== null));
}

/** The plan with some fields made absent (their rules then say nothing). */
function sansChamps(plan: PlanImport, absents: (k: number) => boolean): PlanImport {
	return {
		...plan,
		champs: plan.champs.map((c, k) => (absents(k) ? { ...c, colonne: null, requis: false } : c))
	};
}

/**
 * The fast pass over an aggregated file (pupil files), in two small steps instead of the rules
 * on every row. First, one streaming pass groups the rows on the raw cells of the grouped fields
 * (a class, a competence, a group: a few thousand distinct values for millions of rows), checks
 * the other fields (the pupil's id) row by row, keeps the rows where those fail as their own
 * groups, and keeps, as creerAgregat does, the hashes of the duplicate key seen twice (raw cells
 * of grouped fields, checked value of the others).
 */
export function creerAgregatBrut(plan: PlanImport, cible: Cible): string {
	const t = tablesTemporaires(plan.prefixe);
	const groupes = champsDeGroupe(plan, cible);
	const ligne = { ...plan, controles: [], perimetre: undefined };
	const parLigne = new Set(plan.champs.map((_, k) => k).filter((k) => !groupes.has(k)));
	const colonnes = [...new Set([...groupes].map((k) => plan.champs[k].colonne!))]
		.sort((a, b) => a - b)
		.map(col);
	const brutes = Array.from({ length: plan.lecture.nbColonnes }, (_, i) => col(i));
	const motifs = plan.champs.map((_, k) => (parLigne.has(k) ? motifChamp(k) : 'NULL'));
	const normes = plan.champs.map((_, k) => (parLigne.has(k) ? norme(k) : 'NULL'));
	const index = indexDe(plan);
	const cle = plan.cle.map((c) => {
		const k = index.get(c)!;
		return groupes.has(k) ? col(plan.champs[k].colonne!) : valeurChamp(k);
	});
	const detail = 'NOT vide AND (NOT sans_rejet OR averti)';
	const h = cle.length
		? `CASE WHEN NOT vide AND sans_rejet THEN hash(${cle.join(', ')}) END`
		: 'NULL::UBIGINT';
	const selection = [
		...colonnes,
		'vide AS vide_ligne',
		'NOT vide AND NOT sans_rejet AS refus_ligne',
		`CASE WHEN ${detail} THEN rang END AS rang_p`,
		`CASE WHEN ${detail} THEN {'cellules': [${brutes.join(', ')}]::VARCHAR[], 'motifs': [${motifs.join(', ')}]::VARCHAR[], 'normes': [${normes.join(', ')}]::VARCHAR[]} END AS detail_p`,
		`${h} AS h`,
		'rang'
	];
	const groupe = [...colonnes, 'vide_ligne', 'refus_ligne', 'rang_p', 'detail_p'];
	return `CREATE OR REPLACE TEMP TABLE ${id(t.brut)} AS SELECT ${groupe.join(', ')}, h, GROUPING(h) = 0 AS doublon, count(*) AS n, min(rang) AS premier FROM (SELECT ${selection.join(', ')} FROM (${niveaux(ligne, lignesNumerotees(plan), '*', undefined, parLigne)})) GROUP BY GROUPING SETS ((${groupe.join(', ')}), (h)) HAVING GROUPING(h) = 1 OR (h IS NOT NULL AND count(*) > 1)`;
}

/**
 * Second step of the fast pass: the rules of the grouped fields and the controls run on the
 * groups (small), the row-by-row reasons are merged in, and the result has the shape of
 * creerAgregat's table. Also `a_revoir`: a group with a problem that holds several rows (their
 * lines are not known), which makes the caller read the file again row by row (creerAgregat).
 */
export function creerAgregatDepuisBrut(plan: PlanImport, cible: Cible): string {
	const t = tablesTemporaires(plan.prefixe);
	const groupes = champsDeGroupe(plan, cible);
	const ks = champsAgreges(plan, cible);
	const groupe = sansChamps(plan, (k) => !groupes.has(k));
	const presentes = new Set([...groupes].map((k) => plan.champs[k].colonne!));
	const source = `(SELECT *, ${Array.from({ length: plan.lecture.nbColonnes }, (_, i) => i)
		.filter((i) => !presentes.has(i))
		.map((i) => `NULL::VARCHAR AS ${col(i)}`)
		.concat(['NULL::VARCHAR AS "_rien"'])
		.join(', ')} FROM ${id(t.brut)} WHERE NOT doublon)`;
	const motifs = [
		...plan.champs.map((_, k) => motifChamp(k)),
		...plan.controles.map((_, j) => motifControle(j))
	].map((m, i) => `coalesce(struct_extract(detail_p, 'motifs')[${i + 1}], ${m})`);
	const normes = plan.champs.map(
		(_, k) => `coalesce(struct_extract(detail_p, 'normes')[${k + 1}], ${norme(k)})`
	);
	const ok = `sans_rejet AND NOT refus_ligne`;
	const colonnes = [
		`CASE WHEN vide_ligne THEN 'vide' WHEN NOT dans_perimetre THEN 'hors' WHEN ${ok} THEN 'ok' ELSE 'refus' END AS etat`,
		...ks.map(
			(k) => `CASE WHEN dans_perimetre AND ${ok} THEN ${valeurChamp(k)} END AS ${valeurChamp(k)}`
		),
		`CASE WHEN dans_perimetre THEN rang_p END AS rang_p`,
		`CASE WHEN dans_perimetre AND rang_p IS NOT NULL THEN {'cellules': struct_extract(detail_p, 'cellules'), 'motifs': [${motifs.join(', ')}]::VARCHAR[], 'normes': [${normes.join(', ')}]::VARCHAR[], 'ligne_source': NULL::BIGINT} END AS detail`,
		'NULL::UBIGINT AS h',
		'false AS doublon',
		'n',
		'premier',
		`dans_perimetre AND rang_p IS NULL AND (NOT sans_rejet OR averti) AS a_revoir`,
		// For the check that grouping on raw cells found every duplicate (verifierAgregatBrut).
		...plan.cle.flatMap((c) => {
			const k = indexDe(plan).get(c)!;
			return groupes.has(k)
				? [
						`CASE WHEN dans_perimetre AND ${ok} THEN ${col(plan.champs[k].colonne!)} END AS ${id(`brut_${k}`)}`,
						`CASE WHEN dans_perimetre AND ${ok} THEN ${valeurChamp(k)} END AS ${id(`cle_${k}`)}`
					]
				: [];
		})
	];
	return `CREATE OR REPLACE TEMP TABLE ${id(t.agregat)} AS SELECT ${colonnes.join(', ')} FROM (${niveaux(groupe, source, '*', 'vide_ligne')})`;
}

/**
 * Whether the fast pass's result stands: no group with a problem over several rows, no
 * repeated duplicate-key hash, and the grouped fields of the duplicate key normalised one to
 * one (two spellings of one school would hide a duplicate from the raw-cell hash).
 */
export function verifierAgregatBrut(plan: PlanImport, cible: Cible): string {
	const t = tablesTemporaires(plan.prefixe);
	const groupes = champsDeGroupe(plan, cible);
	const index = indexDe(plan);
	const ks = plan.cle.map((c) => index.get(c)!).filter((k) => groupes.has(k));
	const bruts = ks.map((k) => id(`brut_${k}`));
	const cles = ks.map((k) => id(`cle_${k}`));
	const injectif = ks.length
		? `(SELECT count(DISTINCT [${bruts.join(', ')}]::VARCHAR[]) = count(DISTINCT [${cles.join(', ')}]::VARCHAR[]) FROM ${id(t.agregat)} WHERE etat = 'ok')`
		: 'true';
	return `SELECT (SELECT count(*) FROM ${id(t.brut)} WHERE doublon) AS cles_repetees, (SELECT count(*) FROM ${id(t.agregat)} WHERE a_revoir) AS a_revoir, ${injectif} AS injectif`;
}

/**
 * The one pass over an aggregated file (see above). Columns: `etat` (`ok`, `refus`, `vide`,
 * `hors`), the grouped typed values `v_k` (valid rows), `rang_p` and `detail` (raw cells,
 * reasons, normalised values: rows with a problem or a warning), `n` and `premier` (first rank),
 * and, for the rows of the second grouping set (`doublon`), the repeated hash `h`.
 */
export function creerAgregat(
	plan: PlanImport,
	cible: Cible,
	lecture: Lecture = 'premiere'
): string {
	const t = tablesTemporaires(plan.prefixe);
	const index = indexDe(plan);
	const ks = champsAgreges(plan, cible);
	const brutes = Array.from({ length: plan.lecture.nbColonnes }, (_, i) => col(i));
	const motifs = gravitesDe(plan).map((x) => x.m);
	const normes = plan.champs.map((_, k) => norme(k));
	const ok = 'dans_perimetre AND sans_rejet';
	const detail = 'dans_perimetre AND (NOT sans_rejet OR averti)';
	const cle = plan.cle.map((c) => v(index, c));
	const h = cle.length ? `CASE WHEN ${ok} THEN hash(${cle.join(', ')}) END` : 'NULL::UBIGINT';
	const colonnes = [
		`CASE WHEN vide THEN 'vide' WHEN NOT dans_perimetre THEN 'hors' WHEN sans_rejet THEN 'ok' ELSE 'refus' END AS etat`,
		...ks.map((k) => `CASE WHEN ${ok} THEN ${valeurChamp(k)} END AS ${valeurChamp(k)}`),
		`CASE WHEN ${detail} THEN rang END AS rang_p`,
		`CASE WHEN ${detail} THEN {'cellules': [${brutes.join(', ')}]::VARCHAR[], 'motifs': [${motifs.join(', ')}]::VARCHAR[], 'normes': [${normes.join(', ')}]::VARCHAR[], 'ligne_source': ligne_source} END AS detail`,
		`${h} AS h`,
		'rang'
	];
	const groupe = ['etat', ...ks.map(valeurChamp), 'rang_p', 'detail'];
	return `CREATE OR REPLACE TEMP TABLE ${id(t.agregat)} AS SELECT ${groupe.join(', ')}, h, GROUPING(h) = 0 AS doublon, count(*) AS n, min(rang) AS premier FROM (SELECT ${colonnes.join(', ')} FROM (${niveaux(plan, lignesNumerotees(plan, lecture), '*')})) GROUP BY GROUPING SETS ((${groupe.join(', ')}), (h)) HAVING GROUPING(h) = 1 OR (h IS NOT NULL AND count(*) > 1)`;
}

/** Counts of an aggregated file, as compterVerification gives them (one round trip). */
export function compterAgregat(plan: PlanImport, connues: readonly DefinitionTable[] = []): string {
	const t = tablesTemporaires(plan.prefixe);
	const deja = connues.length
		? `, ${connues.map((tb) => `(SELECT count(*) FROM ${id(tb.nom)})`).join(' + ')} AS connus_deja`
		: '';
	const somme = (condition: string) => `coalesce(sum(n) FILTER (WHERE ${condition}), 0)`;
	return `SELECT ${somme('NOT doublon')} AS lues, ${somme(`etat = 'vide'`)} AS vides, ${somme(`etat = 'hors'`)} AS hors_perimetre, ${somme(`etat = 'ok'`)} AS valides, ${somme(`etat = 'refus'`)} AS refusees, count(*) FILTER (WHERE etat = 'ok' AND rang_p IS NOT NULL) AS averties, count(*) FILTER (WHERE doublon) AS cles_repetees, (SELECT count(*) FROM ${id(t.rejetsCsv)}) AS erreurs_csv, (SELECT count(*) FROM ${id(t.rejetsCsv)} WHERE error_type IN ('INVALID ENCODING', 'INVALID UNICODE')) AS erreurs_encodage${deja} FROM ${id(t.agregat)}`;
}

/**
 * The second look, only when a key's hash was seen twice: the file is read again, the valid
 * rows with a repeated hash compared on the key itself. Each later row with the key of an
 * earlier one is a duplicate: its rank, raw cells, grouped values and the first row's rank.
 */
export function creerDoublonsAgregat(plan: PlanImport, cible: Cible): string {
	const t = tablesTemporaires(plan.prefixe);
	const index = indexDe(plan);
	const cle = plan.cle.map((c) => v(index, c));
	const valeurs = [...new Set([...cle, ...champsAgreges(plan, cible).map(valeurChamp)])];
	const brutes = Array.from({ length: plan.lecture.nbColonnes }, (_, i) => col(i));
	const egal = cle.map((c) => `s.${c} IS NOT DISTINCT FROM p.${c}`).join(' AND ');
	return `CREATE OR REPLACE TEMP TABLE ${id(t.doublon)} AS WITH s AS (SELECT rang, ligne_source, [${brutes.join(', ')}]::VARCHAR[] AS cellules, ${valeurs.join(', ')} FROM (${niveaux(plan, lignesNumerotees(plan, 'deuxieme'), '*')}) WHERE dans_perimetre AND sans_rejet AND hash(${cle.join(', ')}) IN (SELECT h FROM ${id(t.agregat)} WHERE doublon)), p AS (SELECT ${cle.join(', ')}, min(rang) AS premier FROM s GROUP BY ALL HAVING count(*) > 1) SELECT s.*, p.premier, (SELECT q.ligne_source FROM s AS q WHERE q.rang = p.premier) AS ligne_premier FROM s JOIN p ON ${egal} WHERE s.rang > p.premier`;
}

/** Rejects of an aggregated file, with each row's cells (lireRejetsAgregat reads them). */
export function creerRejetsAgregat(plan: PlanImport, avecDoublons: boolean): string {
	const t = tablesTemporaires(plan.prefixe);
	const index = indexDe(plan);
	const mauvais = `(SELECT rang_p AS rang, struct_extract(detail, 'ligne_source') AS ligne_source, struct_extract(detail, 'cellules') AS cellules, struct_extract(detail, 'motifs') AS motifs, struct_extract(detail, 'normes') AS normes FROM ${id(t.agregat)} WHERE rang_p IS NOT NULL)`;
	const parties = partiesProblemes(
		plan,
		mauvais,
		(i) => `cellules[${i + 1}]`,
		', cellules, NULL::BIGINT AS ligne_premier'
	);
	if (avecDoublons) {
		const cle = plan.cle.map((c) => plan.champs[index.get(c)!].libelle).join(', ');
		const valeursCle = plan.cle.map((c) => `CAST(${v(index, c)} AS VARCHAR)`).join(', ');
		parties.push(
			`SELECT rang, ligne_source, ${lit(cle)} AS colonne, ${valeursCle ? `concat_ws(' ; ', ${valeursCle})` : 'NULL::VARCHAR'} AS valeur, 'ligne en double' AS motif, NULL::VARCHAR AS suggestion, 'rejet' AS gravite, premier, 1000000 AS ordre, cellules, ligne_premier FROM ${id(t.doublon)}`
		);
	}
	return `CREATE OR REPLACE TEMP TABLE ${id(t.rejet)} AS ${parties.join(' UNION ALL ')}`;
}

/** As lireRejets, for an aggregated file (the cells are in the rejects table). */
export function lireRejetsAgregat(plan: PlanImport, limite: number): string {
	const r = id(tablesTemporaires(plan.prefixe).rejet);
	const refusees = `SELECT DISTINCT rang FROM ${r} WHERE gravite = 'rejet'`;
	return `SELECT rang, ligne_source, colonne, valeur, motif, suggestion, ordre, premier, ligne_premier, cellules, (SELECT count(*) FROM (${refusees})) AS total FROM ${r} WHERE gravite = 'rejet' AND rang IN (${refusees} ORDER BY rang LIMIT ${Math.max(0, Math.floor(limite))}) ORDER BY rang, ordre`;
}

/**
 * As valeursInconnues, for an aggregated file; undefined when the field is not grouped on (its
 * values were not kept).
 */
export function valeursInconnuesAgregat(
	plan: PlanImport,
	cible: Cible,
	champ: string,
	tables: readonly DefinitionTable[],
	colonne: string,
	limite: number
): string | undefined {
	const k = indexDe(plan).get(champ);
	if (k === undefined || !champsAgreges(plan, cible).includes(k)) return undefined;
	const t = tablesTemporaires(plan.prefixe);
	const x = valeurChamp(k);
	const connues = tables
		.map((tb) => `SELECT ${id(colonne)} FROM ${id(tb.nom)}`)
		.join(' UNION ALL ');
	const deja = tables.map((tb) => `(SELECT count(*) FROM ${id(tb.nom)})`).join(' + ');
	// Grouped first (a few thousand class groups, a few hundred schools), then compared.
	return `WITH i AS (SELECT * FROM (SELECT ${x} AS valeur, min(premier) AS rang FROM ${id(t.agregat)} WHERE etat = 'ok' AND ${x} IS NOT NULL GROUP BY ${x}) WHERE valeur NOT IN (${connues})) SELECT ${deja} AS deja, (SELECT count(*) FROM i) AS total, (SELECT list({'valeur': valeur, 'rang': rang::INTEGER, 'ligne_source': NULL::INTEGER} ORDER BY rang) FROM (SELECT * FROM i ORDER BY rang LIMIT ${Math.floor(limite)}) i) AS exemples`;
}

/**
 * The table's rows from the counts: valid rows per group, less the duplicates found by the
 * second look. A small table (one row per class × competence), compared and merged cheaply.
 */
function stagingAgregat(plan: PlanImport, cible: Cible, avecDoublons: boolean): string {
	const t = tablesTemporaires(plan.prefixe);
	const index = indexDe(plan);
	const comptes = cible.agregat?.comptes ?? {};
	const vs = champsAgreges(plan, cible).map(valeurChamp).join(', ');
	const lignes = `SELECT ${vs}, n FROM ${id(t.agregat)} WHERE etat = 'ok'${avecDoublons ? ` UNION ALL SELECT ${vs}, -1 AS n FROM ${id(t.doublon)}` : ''}`;
	const selection = cible.table.colonnes.map((c) => {
		const compte = comptes[c.nom];
		if (compte) {
			const filtre = compte.champ
				? ` FILTER (WHERE ${v(index, compte.champ)} = ${lit(compte.valeur ?? '')})`
				: '';
			return `CAST(coalesce(sum(n)${filtre}, 0) AS ${c.type}) AS ${id(c.nom)}`;
		}
		if (!(c.nom in cible.colonnes)) return `CAST(NULL AS ${c.type}) AS ${id(c.nom)}`;
		return `CAST(${exprSource(cible.colonnes[c.nom], index)} AS ${c.type}) AS ${id(c.nom)}`;
	});
	const groupe = cible.table.colonnes
		.filter((c) => !comptes[c.nom] && c.nom in cible.colonnes)
		.map((c) => exprSource(cible.colonnes[c.nom], index));
	return `SELECT ${selection.join(', ')}, ${lit(plan.source)} AS "source" FROM (${lignes}) GROUP BY ${groupe.join(', ')} HAVING sum(n) > 0`;
}

/**
 * The table's rows from the counts (see stagingAgregat) against the table, in one join: for
 * each new row, the rowid of the row of the same key already there (`ancien`), whether its
 * values are the same (`identique`) and whether its source is too (`inchange`: nothing to
 * write).
 */
export function comparerAgregat(plan: PlanImport, cible: Cible, avecDoublons: boolean): string {
	const t = tablesTemporaires(plan.prefixe);
	const memes = (colonnes: string[]) =>
		colonnes.map((c) => `e.${id(c)} IS NOT DISTINCT FROM s.${id(c)}`).join(' AND ');
	const valeurs = cible.table.colonnes.map((c) => c.nom);
	return `CREATE OR REPLACE TEMP TABLE ${id(t.comparaison)} AS SELECT s.*, e.rowid AS ancien, e.rowid IS NOT NULL AND ${memes(valeurs)} AS identique, e.rowid IS NOT NULL AND ${memes([...valeurs, 'source'])} AS inchange FROM (${stagingAgregat(plan, cible, avecDoublons)}) AS s LEFT JOIN ${id(cible.table.nom)} AS e ON ${egaliteCle(cible.table, 'e', 's')}`;
}

/** Staged rows, of which already there (same key), of which identical. */
export function bilanAgregat(plan: PlanImport): string {
	const t = tablesTemporaires(plan.prefixe);
	return `SELECT count(*) AS lignes, count(ancien) AS existantes, count(*) FILTER (WHERE identique) AS identiques, count(*) FILTER (WHERE NOT inchange) AS a_ecrire FROM ${id(t.comparaison)}`;
}

/**
 * The merge of a compared aggregated file: rows already there with the same key and other
 * values (or another source) are deleted, staged rows not already there identically are
 * inserted. Re-importing the same file writes nothing.
 */
export function fusionnerAgregat(plan: PlanImport, cible: Cible): [string, string] {
	const t = tablesTemporaires(plan.prefixe);
	const tb = id(cible.table.nom);
	const liste = [...cible.table.colonnes.map((c) => c.nom), 'source'].map(id).join(', ');
	return [
		`DELETE FROM ${tb} WHERE rowid IN (SELECT ancien FROM ${id(t.comparaison)} WHERE ancien IS NOT NULL AND NOT inchange)`,
		`INSERT INTO ${tb} (${liste}) SELECT ${liste} FROM ${id(t.comparaison)} WHERE NOT inchange`
	];
}

/**
 * A trusted aggregated file (the demo's pupil file): its rows typed by the kind's rules and
 * counted per group of the grouped fields, in the shape of creerAgregat's table as far as
 * comparerAgregat reads it (`etat`, `v_k`, `n`).
 */
export function creerAgregatConfiance(plan: PlanImport, cible: Cible): string {
	const t = tablesTemporaires(plan.prefixe);
	const index = indexDe(plan);
	const ks = champsAgreges(plan, cible);
	const champs = plan.champs.map((c, k) => ({ c, k }));
	const brutes = Array.from({ length: plan.lecture.nbColonnes }, (_, i) => col(i));
	const vide = `(${brutes.map((b) => `${b} IS NULL`).join(' AND ')})`;
	return `CREATE OR REPLACE TEMP TABLE ${id(t.agregat)} AS
	SELECT 'ok' AS etat, ${ks.map(valeurChamp).join(', ')}, count(*) AS n
	FROM (${valeursTypees(lireCsv(plan, 'confiance'), '*', champs, true)})
	WHERE NOT ${vide} AND ${exprPerimetre(plan, index)}
	GROUP BY ALL`;
}

/** Drops this import's temporary tables and staging views, in one batch of statements. */
export function supprimerTemporaires(
	plan: PlanImport,
	vues: readonly string[] = [],
	confiance = false
): string {
	const t = tablesTemporaires(plan.prefixe);
	const vuesCrees = new Set(vues);
	// A trusted load creates only its typed rows (or counts), their comparison and the staging.
	const creees = confiance
		? [t.verif, t.agregat, t.comparaison]
		: [
				t.verif,
				t.agregat,
				t.rejetsCsvBis,
				t.scanCsvBis,
				t.rejetsCsvTer,
				t.scanCsvTer,
				t.brut,
				t.comparaison,
				t.mauvais,
				t.rejet,
				t.doublon,
				t.rejetsCsv,
				t.scanCsv
			];
	const tables0 = [...creees, ...plan.cibles.map((c) => t.staging(c.table.nom))];
	const tables = tables0.filter((n) => !vuesCrees.has(n));
	return [
		...vues.map((n) => `DROP VIEW IF EXISTS ${id(n)}`),
		...tables.map((n) => `DROP TABLE IF EXISTS ${id(n)}`)
	].join('; ');
}
