// Génère l'académie fictive de démonstration : `npm run demo-data` (dans data/) ou
// `npx tsx scripts/generate-demo.ts DOSSIER`.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ecrireDemo } from './demo/generer.ts';
import {
	chiffresAccueilDemo,
	FICHIER_CHIFFRES_DEMO
} from '../src/lib/demarrage/chiffres-demo-node.ts';

async function main() {
	const dossier = process.argv[2] ?? 'data';
	const debut = performance.now();
	const demo = ecrireDemo(dossier);
	const duree = ((performance.now() - debut) / 1000).toFixed(1);
	let total = 0;
	for (const [nom, contenu] of demo.fichiers) {
		const octets = Buffer.byteLength(contenu);
		total += octets;
		console.log(`${nom.padEnd(30)} ${(octets / 1e6).toFixed(2).padStart(6)} Mo`);
	}
	console.log(
		`${demo.fichiers.size} fichiers, ${(total / 1e6).toFixed(1)} Mo, écrits dans ${dossier}/ en ${duree} s`
	);
	// The app's own demo (data/): its home figures, computed by the engine from the files just
	// written, are shown before the browser's engine has started. A unit test checks they never drift.
	if (resolve(dossier) === resolve('data')) {
		const chiffres = await chiffresAccueilDemo(dossier);
		writeFileSync(FICHIER_CHIFFRES_DEMO, `${JSON.stringify(chiffres, null, '\t')}\n`, 'utf8');
		console.log(`Chiffres de l’accueil calculés par le moteur : ${FICHIER_CHIFFRES_DEMO}`);
	}
}

main().catch((e) => {
	console.error(e);
	process.exit(1);
});
