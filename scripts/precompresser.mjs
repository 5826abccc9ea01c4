// adapter-static precompresses html, js, css, svg, json and wasm, but not the demo académie's CSV
// files (20 MB raw, about 3 MB compressed): write their .gz and .br beside them, as it does.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

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

let total = 0;
for (const chemin of fichiers(process.argv[2] ?? process.env.PILOTAGE_BUILD_DIR ?? 'build')) {
	// GNU gzip -9 packs the engine 37 kB tighter than zlib's level 9: the first load of a
	// browser that does not take brotli stays under 10 MB (docs/banc.md).
	if (chemin.endsWith('.wasm')) {
		const gnu = spawnSync('gzip', ['-9', '-n', '-c', chemin], { maxBuffer: 1 << 30 });
		if (gnu.status === 0 && gnu.stdout.length < statSync(`${chemin}.gz`).size)
			writeFileSync(`${chemin}.gz`, gnu.stdout);
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
