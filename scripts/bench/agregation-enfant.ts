// One timed run in a process of its own (so that its peak memory is its own), for the bench's
// national step: `brut` (native DuckDB's raw read_csv of the file, the reference) or `agreger`.
// Prints one JSON line: { ms, memoire } (peak resident bytes).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { litteral } from '../../src/lib/db/sql/echappement.ts';
import { agreger } from '../agreger.ts';
import { ouvrirMoteurNatif } from '../agreger/moteur-natif.ts';

const [mode, fichier, memoire] = process.argv.slice(2);
const debut = performance.now();
if (mode === 'brut') {
	const moteur = await ouvrirMoteurNatif({ limiteMemoire: memoire });
	// As the browser's reference (src/lib/banc): every row and column materialised.
	await moteur.executer(
		`CREATE TEMP TABLE banc_brut AS SELECT * FROM read_csv(${litteral(fichier)}, delim=';', header=true)`
	);
	moteur.fermer();
} else {
	const r = await agreger([fichier], mkdtempSync(join(tmpdir(), 'banc-agreger-')), {
		memoire,
		silencieux: true
	});
	if (r.rapports[0].statut !== 'importe') throw new Error(r.rapports[0].message);
}
console.log(
	JSON.stringify({
		ms: performance.now() - debut,
		memoire: process.resourceUsage().maxRSS * 1024
	})
);
