// Le plan d'un fichier, tel que le SQL de l'import le lit : les règles d'un genre comme données
// (décrites dans src/lib/import/genres/), résolues contre l'en-tête du fichier, et les noms des
// tables temporaires d'un import. Aucun SQL ici, sinon la suppression de ces tables.

import { identifiant as id } from '../echappement';
import type { DefinitionTable } from '../schema';

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
	/**
	 * The file is the whole table (the projet académique and its indicators): its rows replace
	 * every row already there, not only those of the same key (an objective removed goes away).
	 */
	readonly remplacerTout?: boolean;
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
