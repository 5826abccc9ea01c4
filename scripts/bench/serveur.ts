// The built app served as a plain static host would (precompressed files, 127.0.0.1 only), and
// counting what it sends: the DevTools page session misses the worker's fetches (the wasm), the
// server does not.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import sirv from 'sirv';

export interface Serveur {
	readonly url: string;
	/** Bytes sent since the last call, by file extension, then reset. */
	releve(): Record<string, number>;
	fermer(): Promise<void>;
}

/** `brotli: false` is a host, or a browser over plain HTTP, that only deals in gzip. */
export async function servir(dossier: string, { brotli = true } = {}): Promise<Serveur> {
	const fichiers = sirv(dossier, { gzip: true, brotli, etag: true });
	let octets: Record<string, number> = {};
	const serveur: Server = createServer((req, res) => {
		const type = extname((req.url ?? '/').split('?')[0]) || '.html';
		const ecrire = res.write.bind(res);
		const finir = res.end.bind(res);
		const compter = (morceau: unknown) => {
			if (morceau && typeof morceau !== 'function') {
				const n =
					typeof morceau === 'string' ? Buffer.byteLength(morceau) : (morceau as Buffer).length;
				octets[type] = (octets[type] ?? 0) + n;
			}
		};
		res.write = ((morceau: unknown, ...reste: never[]) => {
			compter(morceau);
			return ecrire(morceau as never, ...reste);
		}) as typeof res.write;
		res.end = ((morceau?: unknown, ...reste: never[]) => {
			compter(morceau);
			return finir(morceau as never, ...reste);
		}) as typeof res.end;
		fichiers(req, res);
	});
	await new Promise<void>((ok) => serveur.listen(0, '127.0.0.1', ok));
	const { port } = serveur.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/`,
		releve() {
			const r = octets;
			octets = {};
			return r;
		},
		fermer: () => new Promise((ok) => serveur.close(() => ok()))
	};
}
