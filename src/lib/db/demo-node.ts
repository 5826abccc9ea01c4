import { readdirSync, readFileSync } from 'node:fs';
import { chargerFichier, initialiserSchema } from './chargement';
import { formatFichierDemo, SOURCE_DEMO } from './demo';
import { ouvrirMoteurNode } from './node';
import type { Moteur } from './types';

/**
 * The demo académie of `data/` in a Node engine, loaded exactly as the browser loads it at start:
 * for tests and scripts that must agree with what the app shows.
 */
export async function moteurDemoNode(
	garder: (fichier: string) => boolean = () => true,
	dossier = 'data'
): Promise<Moteur> {
	const moteur = await ouvrirMoteurNode();
	await initialiserSchema(moteur);
	for (const f of readdirSync(dossier).sort()) {
		const format = formatFichierDemo(f);
		if (!format || !garder(f)) continue;
		await moteur.enregistrerOctets(f, readFileSync(`${dossier}/${f}`));
		await chargerFichier(moteur, f, format, SOURCE_DEMO);
	}
	return moteur;
}
