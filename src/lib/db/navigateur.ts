import * as duckdb from '@duckdb/duckdb-wasm';
import { tableToIPC, type Table } from 'apache-arrow';
// Self-hosted by Vite: the wasm and its worker are files of our own build, never a CDN.
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import { envelopper } from './erreurs';
import { lignesDe } from './lignes';
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

	async function table({ sql, params }: Requete): Promise<Table> {
		return envelopper(sql, async () => {
			if (params.length === 0) return conn.query(sql);
			const stmt = await conn.prepare(sql);
			try {
				return await stmt.query(...params);
			} finally {
				await stmt.close();
			}
		});
	}

	return {
		table,
		async lignes<T>(r: Requete) {
			return lignesDe<T>(await table(r));
		},
		async octetsArrow(...requetes) {
			const tables: Table[] = [];
			for (const r of requetes) tables.push(await table(r));
			return tableToIPC(tables[0].concat(...tables.slice(1)), 'stream');
		},
		async executer(sql) {
			await envelopper(sql, () => conn.query(sql));
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
				conn.insertArrowFromIPCStream(ipc, { name: nom, create: false })
			);
		}
	};
}
