// `PILOTAGE_DONNEES=<dossier> npm run build` : ce script (lancé par scripts/vite/academie.ts)
// importe les fichiers du dossier et écrit sur la sortie standard ce que la construction livre.
// Sur un fichier refusé, il écrit pourquoi (en français) sur la sortie d'erreur et sort en 1.

import { ErreurDonneesAcademie, preparerAcademie } from '../../src/lib/import/academie-node.ts';

const [dossier, nom] = process.argv.slice(2);
try {
	const manifeste = await preparerAcademie(dossier, nom || null);
	process.stdout.write(JSON.stringify(manifeste));
} catch (e) {
	process.stderr.write(
		e instanceof ErreurDonneesAcademie ? e.message : `Erreur inattendue : ${String(e)}`
	);
	process.exit(1);
}
