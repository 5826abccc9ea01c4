import { moteurDemoNode } from '$lib/import/demo-node';
import { chiffresAcademie } from '$lib/db/sql/accueil';
import type { ChiffresAcademie } from './chiffres';

/**
 * Written by `npm run demo-data` beside this module, not in data/: data/ holds exactly the
 * generator's files, as the app imports them.
 */
export const FICHIER_CHIFFRES_DEMO = 'src/lib/demarrage/chiffres-demo.json';

/**
 * The home page's figures for the demo académie of `dossier`, computed by the Node engine with the
 * browser's SQL, on the files loaded exactly as the browser loads them. Node only.
 */
export async function chiffresAccueilDemo(
	dossier = 'data'
): Promise<{ requete: string; chiffres: ChiffresAcademie }> {
	const moteur = await moteurDemoNode(() => true, dossier);
	const [chiffres] = await moteur.lignes<ChiffresAcademie>(chiffresAcademie());
	return {
		requete: 'chiffresAcademie (src/lib/db/sql/accueil.ts), calculé par npm run demo-data',
		chiffres
	};
}
