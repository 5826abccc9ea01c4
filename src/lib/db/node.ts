import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Table } from 'apache-arrow';
import { envelopper } from './erreurs';
import { lignesDe } from './lignes';
import { PREAMBULE } from './preambule';
import type { Moteur, Requete } from './types';

/**
 * The same engine in Node, for unit tests and scripts: DuckDB-wasm's synchronous Node build,
 * wrapped in the browser's asynchronous interface so the same code runs against both.
 */
export async function ouvrirMoteurNode(): Promise<Moteur> {
	const require = createRequire(import.meta.url);
	const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
	// The Arrow library the Node build itself loads (CommonJS): the app's ES module copy does not
	// recognise its tables.
	const arrow = require('apache-arrow') as typeof import('apache-arrow');
	const dist = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
	const db = await duckdb.createDuckDB(
		{
			mvp: {
				mainModule: `${dist}/duckdb-mvp.wasm`,
				mainWorker: `${dist}/duckdb-node-mvp.worker.cjs`
			},
			eh: { mainModule: `${dist}/duckdb-eh.wasm`, mainWorker: `${dist}/duckdb-node-eh.worker.cjs` }
		},
		new duckdb.VoidLogger(),
		duckdb.NODE_RUNTIME
	);
	await db.instantiate();
	db.open({
		query: { castBigIntToDouble: true, castDecimalToDouble: true, castTimestampToDate: true }
	});
	const conn = db.connect();
	for (const sql of PREAMBULE) conn.query(sql);

	function table({ sql, params }: Requete): Promise<Table> {
		return envelopper(sql, () => {
			if (params.length === 0) return conn.query(sql) as Table;
			const stmt = conn.prepare(sql);
			try {
				return stmt.query(...params) as Table;
			} finally {
				stmt.close();
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
			return arrow.tableToIPC(tables[0].concat(...tables.slice(1)), 'stream');
		},
		async executer(sql) {
			await envelopper(sql, () => conn.query(sql));
		},
		async enregistrerTexte(nom, texte) {
			db.registerFileText(nom, texte);
		},
		async enregistrerOctets(nom, octets) {
			db.registerFileBuffer(nom, octets);
		},
		async enregistrerFichier(nom, fichier) {
			db.registerFileBuffer(nom, new Uint8Array(await fichier.arrayBuffer()));
		},
		async oublierFichier(nom) {
			db.dropFile(nom);
		},
		async insererArrow(nom, ipc) {
			await envelopper(`INSERT INTO ${nom} (Arrow)`, () =>
				conn.insertArrowFromIPCStream(ipc, { name: nom, create: false })
			);
		}
	};
}
