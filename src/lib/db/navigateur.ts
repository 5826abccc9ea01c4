import * as duckdb from '@duckdb/duckdb-wasm';
import { Table, tableToIPC, type AsyncRecordBatchStreamReader } from 'apache-arrow';
// Self-hosted by Vite: the wasm and its worker are files of our own build, never a CDN.
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { envelopper } from './erreurs';
import { PREAMBULE } from './preambule';
import type { Moteur, Requete } from './types';

/**
 * DuckDB-wasm in a Web Worker. Only the "eh" bundle is shipped: every browser that runs this app
 * (wasm exceptions: Chrome 95, Firefox 100, Safari 15.2) takes it, and it halves the build.
 */
export async function ouvrirMoteurNavigateur(
	worker: Worker = new Worker(ehWorker)
): Promise<Moteur> {
	const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
	await db.instantiate(ehWasm);
	performance.mark('pilotage:moteur-instancie');
	await db.open({
		query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true }
	});
	const conn = await db.connect();
	for (const sql of PREAMBULE) await conn.query(sql);
	performance.mark('pilotage:moteur-ouvert');

	/**
	 * One statement at a time on the connection: a result now comes in several messages (below),
	 * and a statement started meanwhile on the same connection would close it.
	 */
	let file: Promise<unknown> = Promise.resolve();
	const enFile = <T>(travail: () => Promise<T>): Promise<T> => {
		const suite = file.then(travail, travail);
		file = suite.catch(() => undefined);
		return suite;
	};

	/** Every batch of a result, under its schema (an empty result keeps its columns). */
	const lireTout = async (lecteur: AsyncRecordBatchStreamReader) =>
		new Table(lecteur.schema, await lecteur.readAll());

	async function table({ sql, params }: Requete): Promise<Table> {
		// Streamed batch by batch (`send`), not serialised whole into one Arrow buffer (`query`):
		// for the views' read-ahead of every network's member rows (205 000 rows) that buffer and
		// the materialised result took ≈ 95 MB of DuckDB's wasm memory at once, and that memory
		// never shrinks (issue #19).
		return envelopper(sql, () =>
			enFile(async () => {
				if (params.length === 0) return lireTout(await conn.send(sql, true));
				const stmt = await conn.prepare(sql);
				try {
					return await lireTout(await stmt.send(...params));
				} finally {
					await stmt.close();
				}
			})
		);
	}

	return {
		table,
		async lignes<T>(r: Requete) {
			return (await table(r)).toArray().map((row) => row.toJSON() as T);
		},
		async octetsArrow(r) {
			return tableToIPC(await table(r), 'stream');
		},
		async executer(sql) {
			await envelopper(sql, () => enFile(() => conn.query(sql)));
		},
		async enregistrerTexte(nom, texte) {
			await db.registerFileText(nom, texte);
		},
		async enregistrerOctets(nom, octets) {
			await db.registerFileBuffer(nom, octets);
		},
		async enregistrerFichier(nom, fichier) {
			// A handle, not a buffer: a 30 M-row file imports this way, a copy fails past 20 M.
			await db.registerFileHandle(nom, fichier, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
		},
		async oublierFichier(nom) {
			await db.dropFile(nom);
		},
		async insererArrow(nom, ipc) {
			await envelopper(`INSERT INTO ${nom} (Arrow)`, () =>
				enFile(() => conn.insertArrowFromIPCStream(ipc, { name: nom, create: false }))
			);
		}
	};
}
