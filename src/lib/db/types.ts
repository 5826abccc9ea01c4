import type { Table } from 'apache-arrow';

/** A value bound to a `?` placeholder of a prepared statement. */
export type Valeur = string | number | boolean | null;

/** A SQL text with its positional parameters: the only shape in which SQL leaves `db/sql`. */
export interface Requete {
	readonly sql: string;
	readonly params: readonly Valeur[];
}

/**
 * What the rest of the app may ask of the engine. The browser (worker) and Node (tests, scripts)
 * implementations share it, so the same builders run in both.
 */
export interface Moteur {
	/**
	 * Native DuckDB (`npm run agreger`): several threads, and spills to disk beyond its memory
	 * limit. Its statements must neither hold memory proportional to the file (a list of a hash
	 * per row) nor number rows on a hot path (a single-threaded window).
	 */
	readonly natif?: boolean;
	/** Runs a query and returns plain row objects (use for small results). */
	lignes<T = Record<string, unknown>>(requete: Requete): Promise<T[]>;
	/** Runs a query and returns the Arrow table (use when rows are many). */
	table(requete: Requete): Promise<Table>;
	/**
	 * Runs reads one after the other and returns their rows, in order, as one Arrow IPC stream,
	 * serialised by the same Arrow library as the engine's (Node loads another copy than the
	 * app's, whose tables it ignores). The reads must have the same columns.
	 */
	octetsArrow(...requetes: Requete[]): Promise<Uint8Array>;
	/** Runs statements that return nothing (DDL, INSERT …); several may be separated by `;`. */
	executer(sql: string): Promise<void>;
	/** Makes text available to `read_csv('<nom>')`. */
	enregistrerTexte(nom: string, texte: string): Promise<void>;
	/** Makes bytes available to `read_csv('<nom>')`. */
	enregistrerOctets(nom: string, octets: Uint8Array): Promise<void>;
	/**
	 * Makes a user's file available to `read_csv('<nom>')` without copying it into wasm memory
	 * (browser: a file handle read on demand; Node: its bytes).
	 */
	enregistrerFichier(nom: string, fichier: Blob): Promise<void>;
	oublierFichier(nom: string): Promise<void>;
	/**
	 * Appends the rows of an Arrow IPC stream to an existing table, its columns in the table's
	 * order (the kept tables reloaded at start: `./garde.ts`).
	 */
	insererArrow(table: string, ipc: Uint8Array): Promise<void>;
}
