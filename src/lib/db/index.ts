import type { Moteur } from './types';

export type { Moteur, Requete, Valeur } from './types';
export { DbError, expliquerErreurDuckDb } from './erreurs';
export { initialiserSchema } from './schema';
export { viderTables } from './sql/schema';
export { viderEtLiberer } from './vider';
export * as sql from './sql';

let ouverture: Promise<Moteur> | undefined;

/**
 * The browser's engine, opened once: concurrent callers share the same initialisation. The
 * import is dynamic so that duckdb-wasm never reaches the server side of the build. `travailleur`
 * is DuckDB's worker when the caller created it early (`$lib/demarrage/moteur`).
 */
export function moteurNavigateur(travailleur?: () => Worker): Promise<Moteur> {
	if (!ouverture) {
		const worker = travailleur?.();
		ouverture = import('./navigateur').then((m) => m.ouvrirMoteurNavigateur(worker));
		ouverture.catch(() => {
			worker?.terminate();
			ouverture = undefined;
		});
	}
	return ouverture;
}
