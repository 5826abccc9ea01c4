// Where a view spends its time (npm run bench misses a target: look here). Serves build-banc/ or
// URL=<a dev server started with VITE_PILOTAGE_BANC=1>, opens a few entities of one kind and
// prints the main thread's CPU profile and the queries sent, slowest first:
// npx tsx scripts/bench/profil.ts ecole|circonscription|reseau
// BUILD=<folder> serves another build than build-banc/; ATTENTE=<ms> waits after the engine is
// ready (for the background preparation of the views); PAR_FICHIER=1 adds the profile by file.
import { importerParLaPage, ouvrirPageBanc } from './page.ts';
const { contexte: c, page: p, fermer } = await ouvrirPageBanc();
// IMPORT=<file,file…>: imported through the import page first (as npm run bench does).
if (process.env.IMPORT) await importerParLaPage(p, process.env.IMPORT.split(','));
// ATTENTE=<ms>: let what is prepared in the background after loading finish first.
await p.waitForTimeout(Number(process.env.ATTENTE ?? 0));
const aller = (h: string, sel: string) =>
	p.evaluate(
		async ([h, sel]) => {
			const t0 = performance.now();
			void (
				window as unknown as { __pilotageBanc: Record<string, (x?: string) => Promise<unknown>> }
			).__pilotageBanc.aller(h);
			while (!document.querySelector(sel)) await new Promise((ok) => setTimeout(ok, 5));
			await new Promise((ok) => requestAnimationFrame(ok));
			return performance.now() - t0;
		},
		[h, sel]
	);
const cible = process.argv[2] ?? 'ecole';
const ids = process.env.IDS
	? process.env.IDS.split(',')
	: cible === 'ecole'
		? ['0219001V', '0219120Z', '0219265G', '0219099B', '0219032D']
		: cible === 'circonscription'
			? ['0217006B', '0217001W', '0217002X']
			: ['REP-AUTUN', 'REPP-CHENOVE', 'TER-LUZY', 'SECT-0218001H'];
console.log('warm', await aller(`#/${cible}/${ids[0]}`, `[data-vue-prete="${cible}:${ids[0]}"]`));
await p.evaluate(() =>
	(
		window as unknown as { __pilotageBanc: Record<string, (x?: string) => Promise<unknown>> }
	).__pilotageBanc.espionner()
);
const cdp = await c.newCDPSession(p);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
await cdp.send('Profiler.start');
let total = 0;
for (const id of ids.slice(1)) {
	const t = await aller(`#/${cible}/${id}`, `[data-vue-prete="${cible}:${id}"]`);
	total += t;
	console.log(id, Math.round(t));
}
const { profile } = await cdp.send('Profiler.stop');
const dt = new Map<number, number>();
for (let i = 0; i < profile.samples!.length; i++)
	dt.set(profile.samples![i], (dt.get(profile.samples![i]) ?? 0) + profile.timeDeltas![i] / 1000);
const parFn = new Map<string, number>();
for (const n of profile.nodes) {
	const k = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}:${n.callFrame.columnNumber}`;
	parFn.set(k, (parFn.get(k) ?? 0) + (dt.get(n.id) ?? 0));
}
console.log('total measured', Math.round(total));
if (process.env.PAR_FICHIER) {
	const parFichier = new Map<string, number>();
	for (const n of profile.nodes) {
		const k = n.callFrame.url.split('/').pop()!.split('?')[0] || n.callFrame.functionName;
		parFichier.set(k, (parFichier.get(k) ?? 0) + (dt.get(n.id) ?? 0));
	}
	for (const [k, v] of [...parFichier].sort((a, b) => b[1] - a[1]).slice(0, 25))
		console.log('  fichier', Math.round(v), k);
}
for (const [k, v] of [...parFn].sort((a, b) => b[1] - a[1]).slice(0, 25))
	console.log(Math.round(v), k);
const req = (await p.evaluate(() =>
	(window as unknown as { __pilotageBanc: Record<string, () => unknown> }).__pilotageBanc.requetes()
)) as { sql: string; ms: number }[];
const parSql = new Map<string, [number, number]>();
for (const r of req) {
	const k = r.sql.replace(/\s+/g, ' ').slice(0, 110);
	const v = parSql.get(k) ?? [0, 0];
	parSql.set(k, [v[0] + 1, v[1] + r.ms]);
}
console.log('requetes', req.length, 'total ms', Math.round(req.reduce((a, r) => a + r.ms, 0)));
for (const [k, [n, t]] of [...parSql].sort((a, b) => b[1][1] - a[1][1]).slice(0, 20))
	console.log(n, Math.round(t), k);
await fermer();
