// adapter-static precompresses html, js, css, svg, json and wasm, but not the demo académie's CSV
// files (20 MB raw, about 3 MB compressed): write their .gz and .br beside them, as it does.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { gzipAsync } from '@gfx/zopfli';

function* fichiers(dossier) {
	for (const nom of readdirSync(dossier)) {
		const chemin = join(dossier, nom);
		if (statSync(chemin).isDirectory()) yield* fichiers(chemin);
		else yield chemin;
	}
}

// PILOTAGE_PRECOMPRESSER=0 (a test build): no compressed copy at all, as adapter-static then.
if (process.env.PILOTAGE_PRECOMPRESSER === '0') {
	console.log('Précompression non demandée (PILOTAGE_PRECOMPRESSER=0).');
	process.exit(0);
}

/**
 * The engine's gzip copy by Zopfli: 7,64 → 7,34 MB, which keeps the first visit of a browser
 * served only gzip (nginx `gzip_static`, README) under 10 MB (docs/banc.md). Zopfli takes about a
 * minute of one core on these 34 MB, so the result is kept in node_modules/.cache under the
 * engine's hash: it changes only with DuckDB-wasm's version.
 */
async function gzipMoteur(chemin) {
	const octets = readFileSync(chemin);
	const empreinte = createHash('sha256').update(octets).digest('hex');
	const cache = join('node_modules', '.cache', 'pilotage-zopfli');
	const copie = join(cache, `${empreinte}-${ITERATIONS_ZOPFLI}.gz`);
	if (existsSync(copie)) return readFileSync(copie);
	console.log(`Zopfli sur ${chemin} (une fois par version du moteur, ≈ 1 min)…`);
	const gz = Buffer.from(await gzipAsync(octets, { numiterations: ITERATIONS_ZOPFLI }));
	mkdirSync(cache, { recursive: true });
	writeFileSync(copie, gz);
	return gz;
}
// One pass: 15 (Zopfli's default) would take a quarter of an hour for a few more kilobytes.
const ITERATIONS_ZOPFLI = 1;

let total = 0;
for (const chemin of fichiers(process.argv[2] ?? process.env.PILOTAGE_BUILD_DIR ?? 'build')) {
	if (chemin.endsWith('.wasm')) {
		const gz = await gzipMoteur(chemin);
		if (gz.length < statSync(`${chemin}.gz`).size) writeFileSync(`${chemin}.gz`, gz);
		continue;
	}
	if (!chemin.endsWith('.csv')) continue;
	const octets = readFileSync(chemin);
	writeFileSync(`${chemin}.gz`, gzipSync(octets, { level: 9 }));
	writeFileSync(
		`${chemin}.br`,
		brotliCompressSync(octets, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } })
	);
	total += octets.length;
}
console.log(`Précompression des CSV : ${(total / 1e6).toFixed(1)} Mo traités.`);
