// What `npm run bench` measures beside Pilotage's own import, in the same page and on the same
// bytes: DuckDB-wasm's raw read_csv, and papaparse turning the text into objects (what a
// hand-made app does). Only in a build made with VITE_PILOTAGE_BANC=1 (scripts/bench/): the
// app's normal build has none of this.
import { goto } from '$app/navigation';
import { cleDesImports } from '$lib/demarrage/retenus';
import { donnees } from '$lib/state/donnees.svelte';
import { decrireTablesGardees, oublierTablesGardees } from '$lib/stockage/tables-gardees';

export interface MesureBanc {
	readonly ms: number;
	readonly lignes: number;
	readonly erreur?: string;
}

let compteur = 0;

async function lectureBrute(fichier: File): Promise<MesureBanc> {
	const moteur = await donnees.pret();
	const nom = `banc-brut-${++compteur}.csv`;
	await moteur.enregistrerFichier(nom, fichier);
	try {
		const t0 = performance.now();
		await moteur.executer(
			`CREATE OR REPLACE TEMP TABLE banc_brut AS SELECT * FROM read_csv('${nom}', delim=';', header=true)`
		);
		const ms = performance.now() - t0;
		const [{ n }] = await moteur.lignes<{ n: number }>({
			sql: 'SELECT count(*)::INTEGER AS n FROM banc_brut',
			params: []
		});
		return { ms, lignes: n };
	} catch (e) {
		return { ms: NaN, lignes: 0, erreur: String(e) };
	} finally {
		await moteur.executer('DROP TABLE IF EXISTS banc_brut').catch(() => {});
		await moteur.oublierFichier(nom).catch(() => {});
	}
}

async function papaparse(fichier: File): Promise<MesureBanc> {
	const { default: Papa } = await import('papaparse');
	try {
		const t0 = performance.now();
		const texte = await fichier.text();
		const r = Papa.parse<Record<string, string>>(texte, { header: true, skipEmptyLines: true });
		const ms = performance.now() - t0;
		return { ms, lignes: r.data.length, erreur: r.errors[0]?.message };
	} catch (e) {
		return { ms: NaN, lignes: 0, erreur: String(e) };
	}
}

/**
 * Goes to a route the way a link does: setting `location.hash` by hand is, for SvelteKit's hash
 * router, the user editing the address bar, which reloads the page.
 */
const aller = (hash: string) => goto(hash);

/** Times every query the app sends from now on, to profile a view (scripts/bench/). */
async function espionner(journal: { sql: string; ms: number }[]): Promise<void> {
	const moteur = await donnees.pret();
	for (const methode of ['lignes', 'table'] as const) {
		const original = moteur[methode].bind(moteur) as (r: { sql: string }) => Promise<unknown>;
		Object.assign(moteur, {
			[methode]: async (r: { sql: string }) => {
				const t0 = performance.now();
				try {
					return await original(r);
				} finally {
					journal.push({ sql: r.sql, ms: performance.now() - t0 });
				}
			}
		});
	}
}

/** Pilotage's import without the page: the importer's own time beside the whole (journal kept). */
async function importerFichier(fichier: File) {
	const t0 = performance.now();
	const rapport = await donnees.importerFichier(fichier);
	return {
		ms: performance.now() - t0,
		importeurMs: rapport.dureeMs,
		statut: rapport.statut,
		acceptees: rapport.acceptees
	};
}

/** The copy of the tables: its size, and whether it is the one of the data loaded now. */
async function tablesGardees(): Promise<{ aJour: boolean; octets: number } | null> {
	const copie = await decrireTablesGardees();
	if (!copie) return null;
	return { aJour: copie.cle === cleDesImports(donnees.imports), octets: copie.octets };
}

export function installerBanc(): void {
	const journalRequetes: { sql: string; ms: number }[] = [];
	Object.assign(window, {
		__pilotageBanc: {
			lectureBrute,
			papaparse,
			aller,
			importerFichier,
			moteur: () => donnees.pret(),
			tablesGardees,
			oublierTablesGardees,
			espionner: () => espionner(journalRequetes),
			requetes: () => journalRequetes
		}
	});
}
