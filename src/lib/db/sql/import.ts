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

const manquant = (x: string) => `${x} IN (${JETONS_MANQUANTS.map(lit).join(', ')})`;

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

/** Enum membership: an IN list when short, `list_contains` (cheaper) when long. */
function parmi(x: string, valeurs: readonly string[]): string {
	const liste = valeurs.map(lit).join(', ');
	return valeurs.length <= LISTE_COURTE ? `${x} IN (${liste})` : `list_contains([${liste}], ${x})`;
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
			const a = `regexp_extract(${n}, '^([0-9]{4})\\s*-\\s*([0-9]{4})$', ['debut', 'fin'])`;
			const espaces = `CASE WHEN regexp_full_match(${n}, '[0-9]{4}\\s*-\\s*[0-9]{4}') AND TRY_CAST(${a}.fin AS INTEGER) = TRY_CAST(${a}.debut AS INTEGER) + 1 AND TRY_CAST(${a}.debut AS INTEGER) BETWEEN 1990 AND 2100 THEN ${a}.debut || '-' || ${a}.fin END`;
			// A lone year, possibly written `2024.0` by a spreadsheet.
			const seule = `TRY_CAST(regexp_extract(${n}, '^([0-9]{4})(\\.0+)?$', 1) AS INTEGER)`;
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
			return `CASE WHEN ${n} IN ('1', 'oui', 'o', 'true', 'vrai', 'x') THEN true WHEN ${n} IN ('0', 'non', 'n', 'false', 'faux') THEN false END`;
		case 'departement':
			return `CASE WHEN regexp_full_match(${n}, '[0-9]{1,3}|0?2[AB]') THEN lpad(${n}, 3, '0') END`;
		case 'commune':
			return `CASE WHEN regexp_full_match(${n}, '[0-9]{4,5}|[0-9][0-9AB][0-9]{3}') THEN lpad(${n}, 5, '0') END`;
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

const indexDe = (plan: PlanImport): Index => new Map(plan.champs.map((c, k) => [c.nom, k]));

/** `read_csv` of the file: every column as text (c0, c1, …), structural errors stored apart. */
export function lireCsv(plan: PlanImport): string {
	const { lecture } = plan;
	const t = tablesTemporaires(plan.prefixe);
	const colonnes = Array.from(
		{ length: lecture.nbColonnes },
		(_, i) => `${lit(`c${i}`)}: 'VARCHAR'`
	);
	return `read_csv(${lit(lecture.fichier)}, delim=${lit(lecture.separateur)}, quote='"', escape='"', header=false, skip=${lecture.lignesAvant}, auto_detect=false, columns={${colonnes.join(', ')}}, null_padding=false, store_rejects=true, rejects_table=${lit(t.rejetsCsv)}, rejects_scan=${lit(t.scanCsv)})`;
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
function niveaux(plan: PlanImport, source: string, colonnes: string): string {
	const index = indexDe(plan);
	const brutes = Array.from({ length: plan.lecture.nbColonnes }, (_, i) => col(i));
	const n0 = plan.champs.flatMap((c, k) => {
		const r = exprRapide(c);
		return r ? [`${r} AS ${rapideChamp(k)}`] : [];
	});
	const n1 = plan.champs.map((c, k) => `${exprNorme(c, k)} AS ${norme(k)}`);
	const n2 = plan.champs.map((c, k) => `${exprValeur(c, k)} AS ${valeurChamp(k)}`);
	const n3 = [
		...plan.champs.map((c, k) => `${exprMotif(c, k)} AS ${motifChamp(k)}`),
		...plan.controles.map((ctl, j) => `${exprControle(ctl, index)} AS ${motifControle(j)}`)
	];
	const gravites = gravitesDe(plan);
	const aucun = (g: Gravite) => {
		const ms = gravites.filter((x) => x.g === g).map((x) => `${x.m} IS NULL`);
		return ms.length ? `(${ms.join(' AND ')})` : 'true';
	};
	const vide = `(${brutes.map((b) => `${b} IS NULL`).join(' AND ')})`;
	const perimetre = plan.perimetre
		? `COALESCE(${exprFiltre(plan.perimetre, index)}, false)`
		: 'true';
	const ligne =
		plan.colonneLigne !== undefined
			? `TRY_CAST(${col(plan.colonneLigne)} AS BIGINT)`
			: 'NULL::BIGINT';
	const niveau0 = `SELECT ${[colonnes, ...n0].join(', ')} FROM ${source}`;
	const niveau1 = `SELECT *, ${n1.join(', ')} FROM (${niveau0})`;
	const niveau2 = `SELECT *, ${n2.join(', ')} FROM (${niveau1})`;
	const niveau3 = `SELECT *, ${n3.join(', ')} FROM (${niveau2})`;
	return `SELECT *, NOT ${vide} AND ${perimetre} AS dans_perimetre, ${vide} AS vide, ${aucun('rejet')} AS sans_rejet, NOT ${aucun('avertissement')} AS averti, ${ligne} AS ligne_source FROM (${niveau3})`;
}

/**
 * The whole check in one pass over the file. Stored per row: the typed values (`v_k`), whether
 * the row is empty, in scope, fit to load (`ok`) or carries warnings, and, only for rows with a
 * problem, the raw cells (the reasons are computed again for those few rows by `creerRejets`).
 * Keeping so little is what makes a million rows cost little more than reading them. The
 * table's rowid is the row's rank in the file.
 */
export function creerVerification(plan: PlanImport): string {
	const t = tablesTemporaires(plan.prefixe);
	const brutes = Array.from({ length: plan.lecture.nbColonnes }, (_, i) => col(i));
	const probleme = 'NOT sans_rejet OR averti';
	const motifs = gravitesDe(plan).map((x) => x.m);
	const normes = plan.champs.map((_, k) => norme(k));
	return `CREATE OR REPLACE TEMP TABLE ${id(t.verif)} AS SELECT ${[
		...brutes.map((b) => `CASE WHEN ${probleme} THEN ${b} END AS ${b}`),
		...plan.champs.map((_, k) => valeurChamp(k)),
		`CASE WHEN ${probleme} THEN [${motifs.join(', ')}] END AS motifs`,
		`CASE WHEN ${probleme} THEN [${normes.join(', ')}]::VARCHAR[] END AS normes`,
		'dans_perimetre',
		'vide',
		'dans_perimetre AND sans_rejet AS ok',
		'dans_perimetre AND averti AS avec_avertissement',
		'ligne_source'
	].join(', ')} FROM (${niveaux(plan, lireCsv(plan), '*')})`;
}

/** Counts of the rows read: total, empty, out of scope, fit, with warnings. */
/**
 * Counts of the rows read (total, empty, out of scope, fit, refused, warned), of the duplicates
 * and of read_csv's structural errors (those about the encoding apart): one round trip.
 */
export function compterVerification(plan: PlanImport): string {
	const t = tablesTemporaires(plan.prefixe);
	return `SELECT count(*) AS lues, count(*) FILTER (WHERE vide) AS vides, count(*) FILTER (WHERE NOT vide AND NOT dans_perimetre) AS hors_perimetre, count(*) FILTER (WHERE ok) AS valides, count(*) FILTER (WHERE dans_perimetre AND NOT ok) AS refusees, count(*) FILTER (WHERE avec_avertissement AND ok) AS averties, (SELECT count(*) FROM ${id(t.doublon)}) AS doublons, (SELECT count(*) FROM ${id(t.rejetsCsv)}) AS erreurs_csv, (SELECT count(*) FROM ${id(t.rejetsCsv)} WHERE error_type IN ('INVALID ENCODING', 'INVALID UNICODE')) AS erreurs_encodage FROM ${id(t.verif)}`;
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
	return `CREATE OR REPLACE TEMP TABLE ${id(t.doublon)} AS WITH hd AS (SELECT ${h} AS h FROM ${id(t.verif)} WHERE ok GROUP BY ALL HAVING count(*) > 1), c AS (SELECT rowid AS rang, ${cle.join(', ')} FROM ${id(t.verif)} WHERE ok AND ${h} IN (SELECT h FROM hd)), p AS (SELECT ${cle.join(', ')}, min(rang) AS premier FROM c GROUP BY ALL HAVING count(*) > 1) SELECT c.rang, p.premier FROM c JOIN p ON ${egal} WHERE c.rang > p.premier`;
}

export function compterDoublons(plan: PlanImport): string {
	return `SELECT count(*) AS n FROM ${id(tablesTemporaires(plan.prefixe).doublon)}`;
}

/**
 * Every problem of every refused or warned row, one row per (row, column): rank, column label,
 * raw value, reason, suggestion, gravity. Duplicates come with the rank of the row they repeat.
 */
export function creerRejets(plan: PlanImport): string {
	const t = tablesTemporaires(plan.prefixe);
	const index = indexDe(plan);
	const mauvais = `(SELECT rowid AS rang, * FROM ${id(t.verif)} WHERE motifs IS NOT NULL AND dans_perimetre)`;
	const parties: string[] = [];
	const partie = (champ: ChampPlan, i: number, suggestion: string, gravite: Gravite) => {
		const brute = champ.colonne === null ? 'NULL::VARCHAR' : col(champ.colonne);
		parties.push(
			`SELECT rang, ligne_source, ${lit(champ.libelle)} AS colonne, ${brute} AS valeur, motifs[${i + 1}] AS motif, ${suggestion} AS suggestion, ${lit(gravite)} AS gravite, NULL::BIGINT AS premier, ${i} AS ordre FROM ${mauvais} WHERE motifs[${i + 1}] IS NOT NULL`
		);
	};
	plan.champs.forEach((c, k) =>
		partie(c, k, exprSuggestion(c, `normes[${k + 1}]`), c.gravite ?? 'rejet')
	);
	plan.controles.forEach((ctl, j) => {
		const champ = plan.champs[index.get(champDuControle(ctl))!];
		partie(champ, plan.champs.length + j, 'NULL::VARCHAR', ctl.gravite ?? 'rejet');
	});
	const cle = plan.cle.map((c) => plan.champs[index.get(c)!].libelle).join(', ');
	const valeursCle = plan.cle.map((c) => `CAST(${v(index, c)} AS VARCHAR)`).join(', ');
	parties.push(
		`SELECT d.rang, v.ligne_source, ${lit(cle)} AS colonne, ${valeursCle ? `concat_ws(' ; ', ${valeursCle})` : 'NULL::VARCHAR'} AS valeur, 'ligne en double' AS motif, NULL::VARCHAR AS suggestion, 'rejet' AS gravite, d.premier, 1000000 AS ordre FROM ${id(t.doublon)} d JOIN (SELECT rowid AS rang, * FROM ${id(t.verif)}) v USING (rang)`
	);
	return `CREATE OR REPLACE TEMP TABLE ${id(t.rejet)} AS ${parties.join(' UNION ALL ')}`;
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
	return `SELECT r.rang, r.ligne_source, r.colonne, r.valeur, r.motif, r.suggestion, r.ordre, r.premier, q.ligne_source AS ligne_premier, [${cellules.join(', ')}]::VARCHAR[] AS cellules, (SELECT count(*) FROM (${refusees})) AS total FROM ${id(t.rejet)} r JOIN (SELECT rowid AS rang, * FROM ${id(t.verif)}) p ON p.rang = r.rang LEFT JOIN (SELECT rowid AS rang, ligne_source FROM ${id(t.verif)}) q ON q.rang = r.premier WHERE r.gravite = 'rejet' AND r.rang IN (${refusees} ORDER BY rang LIMIT ${Math.max(0, Math.floor(limite))}) ORDER BY r.rang, r.ordre`;
}

/**
 * Warnings of accepted rows, one line per (column, rule): how many rows, the first ranks and
 * one example of the message.
 */
export function resumerAvertissements(plan: PlanImport, exemples: number): string {
	const t = tablesTemporaires(plan.prefixe);
	return `SELECT colonne, ordre, any_value(motif ORDER BY rang) AS motif, count(*) AS n, list(rang ORDER BY rang)[1:${Math.floor(exemples)}] AS rangs, list(ligne_source ORDER BY rang)[1:${Math.floor(exemples)}] AS lignes_source FROM ${id(t.rejet)} WHERE gravite = 'avertissement' AND rang NOT IN (SELECT rang FROM ${id(t.rejet)} WHERE gravite = 'rejet') GROUP BY colonne, ordre ORDER BY ordre`;
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
	return `WITH i AS (SELECT ${x} AS valeur, min(rowid) AS rang FROM ${id(t.verif)} WHERE ok AND ${x} IS NOT NULL AND ${x} NOT IN (${connues}) GROUP BY ${x}) SELECT ${deja} AS deja, (SELECT count(*) FROM i) AS total, (SELECT list({'valeur': valeur, 'rang': rang, 'ligne_source': (SELECT ligne_source FROM ${id(t.verif)} WHERE rowid = i.rang)} ORDER BY rang) FROM (SELECT * FROM i ORDER BY rang LIMIT ${Math.floor(limite)}) i) AS exemples`;
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
export function creerStaging(plan: PlanImport, cible: Cible, vue = false): string {
	const t = tablesTemporaires(plan.prefixe);
	const index = indexDe(plan);
	const conditions = ['ok', `rowid NOT IN (SELECT rang FROM ${id(t.doublon)})`];
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
	return `CREATE OR REPLACE TEMP ${vue ? 'VIEW' : 'TABLE'} ${id(t.staging(cible.table.nom))} AS SELECT ${selection.join(', ')}, ${lit(plan.source)} AS "source" FROM ${id(t.verif)} WHERE ${conditions.join(' AND ')}${groupe}`;
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

/** Drops this import's temporary tables and staging views, in one batch of statements. */
export function supprimerTemporaires(plan: PlanImport, vues: readonly string[] = []): string {
	const t = tablesTemporaires(plan.prefixe);
	const vuesCrees = new Set(vues);
	const tables = [
		t.verif,
		t.mauvais,
		t.rejet,
		t.doublon,
		t.rejetsCsv,
		t.scanCsv,
		...plan.cibles.map((c) => t.staging(c.table.nom)).filter((n) => !vuesCrees.has(n))
	];
	return [
		...vues.map((n) => `DROP VIEW IF EXISTS ${id(n)}`),
		...tables.map((n) => `DROP TABLE IF EXISTS ${id(n)}`)
	].join('; ');
}
