import { readdirSync, readFileSync } from 'node:fs';
import { ouvrirMoteurNode } from '$lib/db/node';
import { initialiserSchema } from '$lib/db/schema';
import type { Moteur } from '$lib/db/types';
import { chargerDemo, genreFichierDemo } from './demo';

/**
 * The demo académie of `data/` in a Node engine, loaded by the browser's own function
 * (`chargerDemo`): for tests and scripts that must agree with what the app shows.
 */
export async function moteurDemoNode(
	garder: (fichier: string) => boolean = () => true,
	dossier = 'data'
): Promise<Moteur> {
	const moteur = await ouvrirMoteurNode();
	await initialiserSchema(moteur);
	const noms = readdirSync(dossier).filter((f) => genreFichierDemo(f) && garder(f));
	await chargerDemo(moteur, new Map(noms.map((f) => [f, readFileSync(`${dossier}/${f}`)])));
	return moteur;
}
