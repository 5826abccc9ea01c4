import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		urlApplication: string;
	}
}

let serveur: Server | undefined;

/**
 * Serves the built app as any plain static server would (precompressed files, no rewrite rule),
 * on 127.0.0.1 only.
 */
export default async function setup(project: TestProject) {
	// While developing, the tests can run against a dev server: PILOTAGE_URL=http://127.0.0.1:5173/
	if (process.env.PILOTAGE_URL) {
		project.provide('urlApplication', process.env.PILOTAGE_URL);
		return;
	}
	if (!existsSync('build/index.html')) {
		throw new Error(
			'Aucune application construite : lancez « npm run build » avant les tests e2e.'
		);
	}
	serveur = createServer(sirv('build', { gzip: true, brotli: true, etag: true }));
	await new Promise<void>((ok) => serveur!.listen(0, '127.0.0.1', ok));
	const { port } = serveur.address() as AddressInfo;
	project.provide('urlApplication', `http://127.0.0.1:${port}/`);
	return async () => {
		await new Promise((ok) => serveur?.close(ok));
	};
}
