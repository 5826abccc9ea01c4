import { requete } from './echappement';

/**
 * DuckDB's own accounting of its memory (every tag of `duckdb_memory()` summed: tables, hash
 * tables, results being built…) and its limit: what the engine says it holds, beside what its
 * wasm heap has grown to (the benchmark's breakdown, `scripts/bench/memoire.ts`).
 */
export const memoireMoteur = () =>
	requete(`SELECT sum(memory_usage_bytes)::DOUBLE AS octets,
	sum(temporary_storage_bytes)::DOUBLE AS temporaire,
	current_setting('memory_limit') AS limite
FROM duckdb_memory()`);
