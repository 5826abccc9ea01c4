import type { TestProject } from 'vitest/node';
import { servirApplication, type ServeurApplication } from './serveur';

declare module 'vitest' {
	export interface ProvidedContext {
		urlApplication: string;
	}
}

let serveur: ServeurApplication | undefined;

/** Serves the built app on 127.0.0.1 only (`./serveur.ts`: the headers a real server sends). */
export default async function setup(project: TestProject) {
	// While developing, the tests can run against a dev server: PILOTAGE_URL=http://127.0.0.1:5173/
	if (process.env.PILOTAGE_URL) {
		project.provide('urlApplication', process.env.PILOTAGE_URL);
		return;
	}
	serveur = await servirApplication('127.0.0.1');
	project.provide('urlApplication', serveur.url);
	return async () => {
		await serveur?.fermer();
	};
}
