// Only the worker's URL: duckdb-wasm's code itself stays in the lazily loaded engine chunk.
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';

/**
 * DuckDB's Web Worker, created as soon as the app's first module runs: its script (0.8 MB) is then
 * fetched and compiled while the engine's own module is still on its way, instead of after it.
 */
export function creerTravailleurMoteur(): Worker {
	return new Worker(ehWorker);
}
