// The académie's two families of points over the demo, in Node: live heap after collection,
// statuses and Benjamini–Hochberg thresholds (must not move when the cells get slimmer), the cost
// of reading the sentences, and a fingerprint of every sentence and field (keys sorted) to compare
// two commits. Issue #19 item 3, docs/banc.md:
// node --expose-gc --import tsx scripts/bench/memoire-familles.ts
import { moteurDemoNode } from '../../src/lib/import/demo-node.ts';
import { famillesDeLaDemo } from '../../src/lib/state/familles-demo-node.ts';

const gc = (globalThis as unknown as { gc?: () => void }).gc;
if (!gc) throw new Error('lancer avec node --expose-gc');
const tas = () => {
	for (let i = 0; i < 4; i++) gc();
	return process.memoryUsage().heapUsed;
};
const Mo = (o: number) => Math.round(o / 1e6);
const moteur = await moteurDemoNode();
const avant = tas();
const t0 = performance.now();
const { familles } = await famillesDeLaDemo(moteur);
const calcul = performance.now() - t0;
const vivant = tas() - avant;
const deux = [familles.cumul, familles.annee_seule];
const comptes: Record<string, number> = {};
for (const f of deux) for (const p of f.points) comptes[p.statut] = (comptes[p.statut] ?? 0) + 1;
console.log(
	`cellules ${deux.reduce((s, f) => s + f.points.length, 0)} · familles ${Mo(vivant)} Mo vivants · calcul ${Math.round(calcul)} ms`
);
console.log('statuts', JSON.stringify(comptes));
console.log('seuils BH', familles.cumul.seuil_p, familles.annee_seule.seuil_p);
// What a circonscription's map pays on first read: 2 000 sentences, twice (cold, then warm).
let l = 0;
for (const [a, b] of [
	[20000, 22000],
	[30000, 32000]
]) {
	const t = performance.now();
	for (const r of familles.cumul.resultats.slice(a, b)) l += r.explication.length;
	console.log(`2 000 phrases lues une première fois : ${(performance.now() - t).toFixed(1)} ms`);
}
for (const f of deux) for (const r of f.resultats) l += r.explication.length;
console.log(`toutes les phrases lues : tas ${Mo(tas() - avant)} Mo (${l} caractères)`);
const trie = (o: unknown): unknown =>
	Array.isArray(o)
		? o.map(trie)
		: o && typeof o === 'object'
			? Object.fromEntries(
					Object.keys(o)
						.sort()
						.map((k) => [k, trie((o as Record<string, unknown>)[k])])
				)
			: o;
let h = 0;
for (const f of deux)
	for (const r of f.resultats)
		for (const c of r.explication + JSON.stringify(trie(r))) h = (h * 31 + c.charCodeAt(0)) | 0;
console.log('empreinte', h);
process.exit(0);
