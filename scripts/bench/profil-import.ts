// Where a pupil file's import spends its time: every query the importer sends, timed in the page,
// beside a raw read_csv of the same File. npx tsx scripts/bench/profil-import.ts [file]
import { ouvrirPageBanc } from './page.ts';
const fichier = process.argv[2] ?? '/tmp/pilotage-banc/eleves-1M-v1.csv';
const { page: p, fermer } = await ouvrirPageBanc();
await p.waitForTimeout(3000);
await p.evaluate(`(() => {
  const input = document.createElement('input'); input.type = 'file'; input.id = 'banc-fichier';
  document.body.append(input);
})()`);
await p.setInputFiles('#banc-fichier', fichier);
const banc = `window.__pilotageBanc`;
for (let i = 0; i < Number(process.env.TOURS ?? 2); i++) {
	const brut = await p.evaluate(
		`${banc}.lectureBrute(document.querySelector('#banc-fichier').files[0])`
	);
	console.log('brut', JSON.stringify(brut));
}
await p.evaluate(`(async () => {
  const m = await window.__pilotageBanc.moteur();
  window.__journal = [];
  for (const methode of ['lignes', 'table', 'executer', 'enregistrerFichier', 'oublierFichier']) {
    const o = m[methode].bind(m);
    m[methode] = async (r, ...x) => { const t0 = performance.now(); try { return await o(r, ...x); } finally {
      window.__journal.push({ m: methode, sql: typeof r === 'string' ? r : (r && r.sql) || String(r), ms: performance.now() - t0, t: t0 }); } };
  }
})()`);
const r = await p.evaluate(
	`${banc}.importerFichier(document.querySelector('#banc-fichier').files[0])`
);
console.log('import', JSON.stringify(r));
const j = (await p.evaluate('window.__journal')) as {
	m: string;
	sql: string;
	ms: number;
	t: number;
}[];
const t0 = j[0]?.t ?? 0;
for (const e of j)
	console.log(
		String(Math.round(e.t - t0)).padStart(6),
		String(Math.round(e.ms)).padStart(6),
		e.m,
		e.sql.replace(/\s+/g, ' ').slice(0, 160)
	);
await fermer();
