// The tab's memory once the académie is imported and the views prepared (before any pupil file),
// then a few views opened and timed: what issue #19 item 3 compares between two builds, alternated
// on a shared machine. Not part of `npm run bench` (which measures all of it, longer):
// BUILD=<folder> IMPORT=<file,file…> npx tsx scripts/bench/memoire-vues.ts
// The page's heap is read before and after a forced full collection (`HeapProfiler.
// collectGarbage`): the second is what the app keeps alive, the first what V8 had not collected.
import { detailMemoire, memoireOnglet } from './memoire.ts';
import { importerParLaPage, ouvrirPageBanc } from './page.ts';
import { attendrePreparation, vuesPreparees } from './session.ts';

const Mo = (o: number) => Math.round(o / 1e6);
const { page: p, fermer } = await ouvrirPageBanc();
const avant = await vuesPreparees(p);
if (process.env.IMPORT) await importerParLaPage(p, process.env.IMPORT.split(','));
await attendrePreparation(p, avant);
const sans = await detailMemoire(p);
const onglet = memoireOnglet(process.pid);
const apres = await detailMemoire(p, true);
const ongletApres = memoireOnglet(process.pid);
console.log(
	`onglet ${Mo(onglet)} Mo (après ramassage ${Mo(ongletApres)}) · tas page ${Mo(sans.tasPage)} Mo ` +
		`(après ramassage ${Mo(apres.tasPage)}) · tampons ${Mo(sans.tamponsPage)} (${Mo(apres.tamponsPage)}) · ` +
		`worker ${Mo(apres.tasWorker)} · wasm ${Mo(apres.wasm)}`
);
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
const vues: [string, string[]][] = [
	['ecole', ['0219001V', '0219120Z', '0219265G', '0219099B', '0219032D']],
	['circonscription', ['0217006B', '0217001W', '0217002X', '0217003Y', '0217004Z', '0217005A']],
	['reseau', ['REP-AUTUN', 'REPP-CHENOVE', 'TER-LUZY', 'SECT-0218001H']]
];
for (const [vue, ids] of vues) {
	const temps: number[] = [];
	for (const id of ids) {
		const t = await Promise.race([
			aller(`#/${vue}/${id}`, `[data-vue-prete="${vue}:${id}"]`),
			new Promise<number>((ok) => setTimeout(() => ok(NaN), 20_000))
		]);
		temps.push(Math.round(t));
	}
	console.log(vue, temps.join(' '));
}
const fin = await detailMemoire(p, true);
console.log(
	`après les vues, ramassé : tas page ${Mo(fin.tasPage)} Mo · onglet ${Mo(memoireOnglet(process.pid))} Mo`
);
await fermer();
