import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { AUTRES_ENTETES, politiqueEnTete } from '../../csp.config.js';

export interface ServeurApplication {
	url: string;
	fermer(): Promise<void>;
}

/**
 * Serves the built app as a plain static server configured as the README says would: precompressed
 * files, no rewrite rule, and the security headers (the CSP, as for the page, on every response:
 * the DuckDB worker's script gets its policy from its own response).
 */
export async function servirApplication(
	hote = '127.0.0.1',
	dossier = 'build'
): Promise<ServeurApplication> {
	if (!existsSync(`${dossier}/index.html`)) {
		throw new Error(
			'Aucune application construite : lancez « npm run build » avant les tests e2e.'
		);
	}
	const entetes = {
		'Content-Security-Policy': politiqueEnTete(readFileSync(`${dossier}/index.html`, 'utf8')),
		...AUTRES_ENTETES
	};
	const servir = sirv(dossier, {
		gzip: true,
		brotli: true,
		etag: true,
		setHeaders: (res) => {
			for (const [nom, valeur] of Object.entries(entetes)) res.setHeader(nom, valeur);
		}
	});
	const serveur: Server = createServer(servir);
	await new Promise<void>((ok) => serveur.listen(0, hote, ok));
	const { port } = serveur.address() as AddressInfo;
	return {
		url: `http://${hote}:${port}/`,
		fermer: () => new Promise((ok) => serveur.close(() => ok()))
	};
}
