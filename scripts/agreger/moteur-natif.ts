// The importer's engine interface (`Moteur`) over native DuckDB (`@duckdb/node-api`), for
// `npm run agreger`: the same SQL builders and checks as the browser, on a machine's cores and
// disk instead of a tab's memory. Files are read where they lie (never copied into memory);
// DuckDB spills its aggregates to a temporary folder beyond `limiteMemoire`.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { tableFromJSON, tableToIPC } from 'apache-arrow';
import { envelopper } from '../../src/lib/db/erreurs.ts';
import { PREAMBULE } from '../../src/lib/db/preambule.ts';
import type { Moteur, Requete } from '../../src/lib/db/types.ts';

export interface MoteurNatif extends Moteur {
	/** The file behind a Blob opened by `fs.openAsBlob`, so that DuckDB reads it in place. */
	lierChemin(blob: Blob, chemin: string): void;
	/** The running query's progress (0–100, or −1 when DuckDB cannot tell). */
	progression(): number;
	fermer(): void;
}

export interface OptionsMoteurNatif {
	/** DuckDB's `memory_limit` (« 2GB »): beyond it, aggregates spill to disk. */
	limiteMemoire?: string;
	/** Worker threads (all cores by default). */
	fils?: number;
}

/** BIGINT and HUGEINT come back as bigint: the app's rows hold numbers (as the wasm build gives). */
function enJs(v: unknown): unknown {
	if (typeof v === 'bigint') return Number(v);
	if (Array.isArray(v)) return v.map(enJs);
	return v;
}

export async function ouvrirMoteurNatif(options: OptionsMoteurNatif = {}): Promise<MoteurNatif> {
	// Files the importer names (`pilotage-import-3.csv`) live here, as links to the user's files
	// or as the re-encoded copies it writes; `file_search_path` makes `read_csv('<name>')` find them.
	const dossier = mkdtempSync(join(tmpdir(), 'pilotage-agreger-'));
	const instance = await DuckDBInstance.create(':memory:', {
		temp_directory: join(dossier, 'debordement'),
		...(options.limiteMemoire ? { memory_limit: options.limiteMemoire } : {}),
		...(options.fils ? { threads: String(options.fils) } : {})
	});
	const conn: DuckDBConnection = await instance.connect();
	await conn.run(`SET file_search_path = '${dossier.replaceAll("'", "''")}'`);
	for (const sql of PREAMBULE) await conn.run(sql);
	const chemins = new WeakMap<Blob, string>();

	async function lignes<T>({ sql, params }: Requete): Promise<T[]> {
		return envelopper(sql, async () => {
			const lecteur = await conn.runAndReadAll(sql, params as DuckDBValue[]);
			return lecteur.getRowObjectsJS().map((ligne) => {
				const o: Record<string, unknown> = {};
				for (const [k, v] of Object.entries(ligne)) o[k] = enJs(v);
				return o as T;
			});
		});
	}

	const table = async (r: Requete) => tableFromJSON(await lignes<Record<string, unknown>>(r));

	return {
		natif: true,
		lignes,
		table,
		async octetsArrow(r) {
			return tableToIPC(await table(r), 'stream');
		},
		async executer(sql) {
			await envelopper(sql, () => conn.run(sql));
		},
		async enregistrerTexte(nom, texte) {
			writeFileSync(join(dossier, nom), texte);
		},
		async enregistrerOctets(nom, octets) {
			writeFileSync(join(dossier, nom), octets);
		},
		async enregistrerFichier(nom, fichier) {
			const chemin = chemins.get(fichier);
			if (chemin) symlinkSync(chemin, join(dossier, nom));
			else writeFileSync(join(dossier, nom), new Uint8Array(await fichier.arrayBuffer()));
		},
		async oublierFichier(nom) {
			rmSync(join(dossier, nom), { force: true });
		},
		async insererArrow() {
			throw new Error('insererArrow : sans objet pour l’agrégation (aucune table gardée).');
		},
		lierChemin(blob, chemin) {
			chemins.set(blob, chemin);
		},
		progression() {
			return conn.progress.percentage;
		},
		fermer() {
			conn.closeSync();
			instance.closeSync();
			rmSync(dossier, { recursive: true, force: true });
		}
	};
}
