// Génère l'académie fictive de démonstration : `npm run demo-data` (dans data/) ou
// `npx tsx scripts/generate-demo.ts DOSSIER`.

import { ecrireDemo } from './demo/generer.ts';

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
