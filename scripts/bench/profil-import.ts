// Where an import spends its time: every call the app makes to the engine, timed in the page,
// beside a raw read_csv of the same files.
//   npx tsx scripts/bench/profil-import.ts [pupil file]   one file, by the bench's importerFichier
//   npx tsx scripts/bench/profil-import.ts <folder>       the académie's 12 files, picked together
//                                                         on the import page as a user does
// DETAIL=1 prints every call; otherwise calls are summed by kind (statement's first words).
import { statSync } from 'node:fs';
import { genererAcademie } from './generer.ts';
import { ouvrirPageBanc } from './page.ts';
import {
	attendrePreparation,
	importerParInterface,
	mesurerReference,
	vuesPreparees
} from './session.ts';

const cible = process.argv[2] ?? '/tmp/pilotage-banc/eleves-1M-v1.csv';
const dossier = statSync(cible).isDirectory();
// The bench's order (scripts/bench/generer.ts): who the schools are, then their results.
const fichiers = dossier ? genererAcademie(cible.replace(/\/academie-v1\/?$/, '')) : [cible];
const { page: p, fermer } = await ouvrirPageBanc();
// As the bench does (scripts/bench/mesures.ts): the demo's views prepared before the import, the
// raw reading once the import's own preparation is over, so that neither competes with a timing.
await attendrePreparation(p, 0);
const preparees = await vuesPreparees(p);
// DuckDB's wasm memory (it never shrinks), read as scripts/bench/memoire.ts does.
const memoireWasm = async () => {
	const tailles = await Promise.all(
		p
			.workers()
			.map((w) =>
				w
					.evaluate(
						() =>
							(globalThis as unknown as { DUCKDB_BINDINGS?: { mod?: { HEAPU8?: Uint8Array } } })
								.DUCKDB_BINDINGS?.mod?.HEAPU8?.buffer.byteLength ?? NaN
					)
					.catch(() => NaN)
			)
	);
	return `${Math.round(Math.max(...tailles.filter(Number.isFinite)) / 2 ** 20)} Mo`;
};
const wasmAvant = await memoireWasm();

// Every engine call, with its start, its duration, and whether another call was under way (the
// views' preparation, the copy of the tables) when it began.
await p.evaluate(`(async () => {
  const m = await window.__pilotageBanc.moteur();
  window.__journal = [];
  const methodes = ['lignes', 'table', 'executer', 'octetsArrow', 'insererArrow',
    'enregistrerFichier', 'oublierFichier', 'enregistrerTexte', 'enregistrerOctets'];
  for (const methode of methodes) {
    const o = m[methode].bind(m);
    m[methode] = async (r, ...x) => { const t0 = performance.now(); try { return await o(r, ...x); } finally {
      window.__journal.push({ m: methode, sql: typeof r === 'string' ? r : (r && r.sql) || String(r), ms: performance.now() - t0, t: t0 }); } };
  }
})()`);

const t0 = Date.now();
if (dossier) {
	const r = await importerParInterface(p, fichiers);
	console.log(`import (page, ${fichiers.length} fichiers) : ${Math.round(r.ms)} ms`);
	for (const x of r.rapports) console.log('  ', x.fichier, x.statut, x.chiffres.join(' | '));
} else {
	// The hidden file input is the one mesurerReference adds to the page (session.ts).
	await p.evaluate(
		`document.getElementById('banc-fichier') || document.body.append(Object.assign(document.createElement('input'), { type: 'file', id: 'banc-fichier', hidden: true }))`
	);
	await p.setInputFiles('#banc-fichier', cible);
	const r = await p.evaluate(
		`window.__pilotageBanc.importerFichier(document.querySelector('#banc-fichier').files[0])`
	);
	console.log('import', JSON.stringify(r));
}
const finImport = (await p.evaluate('performance.now()')) as number;
const wasmApres = await memoireWasm();
// The copy of the tables and the views' preparation go on after the last report.
await attendrePreparation(p, preparees);
console.log(
	`mémoire wasm : ${wasmAvant} avant l’import, ${wasmApres} juste après, ${await memoireWasm()} une fois les vues préparées`
);
const j = (await p.evaluate('window.__journal.splice(0)')) as {
	m: string;
	sql: string;
	ms: number;
	t: number;
}[];
const debut = j[0]?.t ?? 0;
const nature = (e: { m: string; sql: string }) => {
	const s = e.sql.replace(/\s+/g, ' ').trim();
	if (e.m !== 'executer' && e.m !== 'lignes' && e.m !== 'table') return e.m;
	const cible = /(?:TABLE|INTO|FROM)\s+(?:IF NOT EXISTS\s+)?([\w.]+)/i.exec(s)?.[1] ?? '';
	return `${e.m} ${s.split(' ').slice(0, 2).join(' ')} ${cible.replace(/\d+/g, '#')}`;
};
if (process.env.DETAIL)
	for (const e of j)
		console.log(
			String(Math.round(e.t - debut)).padStart(6),
			String(Math.round(e.ms)).padStart(6),
			e.m,
			e.sql.replace(/\s+/g, ' ').slice(0, 160)
		);
let brut = 0;
for (const f of fichiers) brut += (await mesurerReference(p, f, 'lectureBrute')).ms;
console.log(`read_csv brut, ${fichiers.length} fichier(s) : ${Math.round(brut)} ms`);
// Per file: from its registration to the next file's, the engine's time split between the
// file's own statements and the copy of the tables (octetsArrow and its counts) taken after it.
const starts = j.filter((e) => e.m === 'enregistrerFichier').map((e) => e.t);
if (starts.length > 1) {
	const bornes = [...starts, finImport];
	for (let i = 0; i < starts.length; i++) {
		const dans = j.filter((e) => e.t >= bornes[i] && e.t < bornes[i + 1]);
		const garde = dans.filter(
			(e) => e.m === 'octetsArrow' || /^SELECT count\(\*\)::INTEGER AS n FROM/.test(e.sql)
		);
		const somme = (l: typeof j) => Math.round(l.reduce((s, e) => s + e.ms, 0));
		console.log(
			`fichier ${String(i + 1).padStart(2)} : ${String(Math.round(bornes[i + 1] - bornes[i])).padStart(5)} ms,` +
				` moteur ${String(somme(dans) - somme(garde)).padStart(4)} ms (import) + ${String(somme(garde)).padStart(4)} ms (copie des tables, ${garde.length} appels)`
		);
	}
}
const parNature = new Map<string, { n: number; ms: number }>();
const pendant = j.filter((e) => e.t < finImport);
console.log(
	`pendant l’import : ${pendant.length} appels, ${Math.round(pendant.reduce((s, e) => s + e.ms, 0))} ms dans le moteur ; après le dernier rapport : ${j.length - pendant.length} appels`
);
for (const e of j) {
	const k = nature(e);
	const v = parNature.get(k) ?? { n: 0, ms: 0 };
	v.n += 1;
	v.ms += e.ms;
	parNature.set(k, v);
}
const moteur = j.reduce((s, e) => s + e.ms, 0);
const fin = Math.max(...j.map((e) => e.t + e.ms)) - debut;
console.log(
	`\n${j.length} appels au moteur, ${Math.round(moteur)} ms dans le moteur sur ${Math.round(fin)} ms` +
		` du premier au dernier (le reste : JS de la page, IndexedDB, attentes) ; ${Date.now() - t0} ms mesurés côté Node`
);
for (const [k, v] of [...parNature].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40))
	console.log(String(Math.round(v.ms)).padStart(7), String(v.n).padStart(5), k.slice(0, 120));
await fermer();
