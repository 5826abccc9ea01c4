// The tab's memory: resident memory of Chromium's renderer processes (the page and its DuckDB
// worker live there), sampled every 100 ms from /proc. Linux only, like these machines. Beside
// it, what holds it (issue #19 item 3): the page's and the worker's JS heaps, the wasm heap of
// DuckDB and DuckDB's own accounting, read through the DevTools protocol and the page.
import { readFileSync, readdirSync } from 'node:fs';
import type { CDPSession, Page } from 'playwright-core';
import { memoireMoteur } from '../../src/lib/db/sql/memoire.ts';

function descendants(racine: number): number[] {
	const enfants = new Map<number, number[]>();
	for (const nom of readdirSync('/proc')) {
		if (!/^\d+$/.test(nom)) continue;
		try {
			// The command name may hold spaces and parentheses: the ppid follows the last ')'.
			const stat = readFileSync(`/proc/${nom}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			const liste = enfants.get(ppid) ?? [];
			liste.push(Number(nom));
			enfants.set(ppid, liste);
		} catch {
			// the process ended meanwhile
		}
	}
	const tous: number[] = [];
	const pile = [racine];
	while (pile.length) {
		const p = pile.pop()!;
		for (const e of enfants.get(p) ?? []) {
			tous.push(e);
			pile.push(e);
		}
	}
	return tous;
}

interface Rendu {
	/** Resident memory, in bytes. */
	rss: number;
	/**
	 * Its private part (anonymous resident memory and swap, `RssAnon` + `VmSwap`): Chromium's own
	 * « empreinte mémoire » of the process (its task manager's column; the same figure as its
	 * memory-infra dump's `private_footprint_bytes`, checked on these machines). The rest of the
	 * resident memory, ≈ 130 MB for a page, is Chromium's code and fonts, shared by every process.
	 */
	prive: number;
	/**
	 * The headless browser's own interface (`--top-chrome-webui`), not a page: ≈ 150 MB resident,
	 * most of it Chromium's code shared with every other process.
	 */
	interface: boolean;
}

function rendus(pidNavigateur: number): Rendu[] {
	const liste: Rendu[] = [];
	for (const pid of descendants(pidNavigateur)) {
		try {
			const commande = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			if (!commande.includes('--type=renderer')) continue;
			const etat = readFileSync(`/proc/${pid}/status`, 'utf8');
			const ko = (cle: string) => Number(new RegExp(`${cle}:\\s+(\\d+) kB`).exec(etat)?.[1] ?? NaN);
			const rss = ko('VmRSS');
			if (Number.isFinite(rss))
				liste.push({
					rss: rss * 1024,
					prive: (ko('RssAnon') + (ko('VmSwap') || 0)) * 1024,
					interface: commande.includes('--top-chrome-webui')
				});
		} catch {
			// the process ended meanwhile
		}
	}
	return liste;
}

/** Resident memory of the renderers under the browser's process, in bytes. */
export function memoireOnglets(pidNavigateur: number): number {
	return rendus(pidNavigateur).reduce((s, r) => s + r.rss, 0);
}

/**
 * The tab alone: the largest renderer that is not the browser's interface. The others are that
 * interface and the spare renderer Chromium keeps ready for the next navigation (≈ 75 MB), which
 * `memoireOnglets` counts too.
 */
export function memoireOnglet(pidNavigateur: number, partie: 'rss' | 'prive' = 'rss'): number {
	const onglet = rendus(pidNavigateur)
		.filter((r) => !r.interface)
		.reduce<Rendu | null>((a, r) => (!a || r.rss > a.rss ? r : a), null);
	return onglet ? onglet[partie] : 0;
}

/**
 * The tab once settled, as a user leaves it while picking the next file: sampled every second,
 * at least `minMs` (Chromium gives back the garbage of a burst of work after ≈ 10 s without
 * activity: 1 058 → 679 MB at 11 s, 649 MB at 20 s, then flat to 60 s, académie imported), then
 * until ten readings in a row lie within 5 MB, or `maxMs`. No collection is forced.
 */
export async function memoireAuRepos(
	pidNavigateur: number,
	minMs = 25_000,
	maxMs = 45_000
): Promise<{ rss: number; prive: number; ms: number }> {
	const t0 = performance.now();
	const releves: number[] = [];
	for (;;) {
		await new Promise((ok) => setTimeout(ok, 1000));
		releves.push(memoireOnglet(pidNavigateur));
		const derniers = releves.slice(-10);
		const stable = derniers.length === 10 && Math.max(...derniers) - Math.min(...derniers) < 5e6;
		const ecoule = performance.now() - t0;
		if ((stable && ecoule >= minMs) || ecoule > maxMs)
			return {
				rss: memoireOnglet(pidNavigateur),
				prive: memoireOnglet(pidNavigateur, 'prive'),
				ms: ecoule
			};
	}
}

export interface Pic {
	/** Every renderer (`memoireOnglets`). */
	total: number;
	/** The tab's renderer (`memoireOnglet`), resident and private. */
	onglet: number;
	ongletPrive: number;
}

/** Samples until stopped; returns the peaks seen. */
export function suivreMemoire(pidNavigateur: number): { arreter(): Pic } {
	const pic: Pic = { total: 0, onglet: 0, ongletPrive: 0 };
	const relever = () => {
		pic.total = Math.max(pic.total, memoireOnglets(pidNavigateur));
		pic.onglet = Math.max(pic.onglet, memoireOnglet(pidNavigateur));
		pic.ongletPrive = Math.max(pic.ongletPrive, memoireOnglet(pidNavigateur, 'prive'));
	};
	relever();
	const minuterie = setInterval(relever, 100);
	return {
		arreter() {
			clearInterval(minuterie);
			relever();
			return pic;
		}
	};
}

/** What holds the tab's memory, in bytes (NaN when a reading failed). */
export interface Detail {
	/** The page's JS heap: used, and allocated by V8. */
	tasPage: number;
	tasPageAlloue: number;
	/** ArrayBuffers (Arrow tables, file bytes…) and external strings of the page, outside its heap. */
	tamponsPage: number;
	/** DuckDB's worker's JS heap (its Arrow results before they are posted, its own code). */
	tasWorker: number;
	/** DuckDB's wasm memory: it grows to the largest need seen and is never given back. */
	wasm: number;
	/** What DuckDB counts as held (`duckdb_memory()`), and its limit (`memory_limit`). */
	duckdb: number;
	duckdbLimite: string;
}

interface Tas {
	usedSize: number;
	totalSize: number;
	backingStorageSize: number;
}

/**
 * `Runtime.getHeapUsage` of the page's dedicated workers. Playwright gives no DevTools session on
 * a worker: the page's session attaches to them (not flattened, so that Playwright's own
 * sessions are untouched) and sends the command through `Target.sendMessageToTarget`.
 */
async function tasDesWorkers(cdp: CDPSession): Promise<Tas[]> {
	const attaches: string[] = [];
	const reponses = new Map<number, (v: Tas | null) => void>();
	cdp.on('Target.attachedToTarget', (e) => {
		if (e.targetInfo.type === 'worker') attaches.push(e.sessionId);
	});
	cdp.on('Target.receivedMessageFromTarget', (e) => {
		const m = JSON.parse(e.message) as { id?: number; result?: Tas };
		if (m.id !== undefined) reponses.get(m.id)?.(m.result ?? null);
	});
	await cdp.send('Target.setAutoAttach', {
		autoAttach: true,
		waitForDebuggerOnStart: false,
		flatten: false
	});
	// Already running workers are announced right after the call.
	await new Promise((ok) => setTimeout(ok, 200));
	const tas: Tas[] = [];
	for (const [i, sessionId] of attaches.entries()) {
		const r = await Promise.race([
			new Promise<Tas | null>((ok) => {
				reponses.set(i + 1, ok);
				void cdp.send('Target.sendMessageToTarget', {
					sessionId,
					message: JSON.stringify({ id: i + 1, method: 'Runtime.getHeapUsage' })
				});
			}),
			new Promise<null>((ok) => setTimeout(() => ok(null), 5000))
		]);
		if (r) tas.push(r);
	}
	return tas;
}

/**
 * The breakdown of the tab's memory now (the page of `src/lib/banc`, its engine ready).
 * `ramasser`: a full collection of the page's heap first, so that its figure is what the app
 * keeps alive (its caches) rather than what V8 has not collected yet.
 */
export async function detailMemoire(page: Page, ramasser = false): Promise<Detail> {
	const cdp = await page.context().newCDPSession(page);
	try {
		if (ramasser) await cdp.send('HeapProfiler.collectGarbage');
		const tas = (await cdp.send('Runtime.getHeapUsage')) as Tas;
		const workers = await tasDesWorkers(cdp).catch(() => []);
		// DuckDB-wasm keeps its bindings on the worker's global object once instantiated; their
		// emscripten module's heap view is the whole wasm memory.
		const tailles = (
			await Promise.all(
				page.workers().map((w) =>
					w
						.evaluate(
							() =>
								(
									globalThis as unknown as {
										DUCKDB_BINDINGS?: { mod?: { HEAPU8?: Uint8Array } };
									}
								).DUCKDB_BINDINGS?.mod?.HEAPU8?.buffer.byteLength ?? NaN
						)
						.catch(() => NaN)
				)
			)
		).filter(Number.isFinite);
		const wasm = tailles.length ? Math.max(...tailles) : NaN;
		const moteur = await page
			.evaluate(async (requete) => {
				const banc = (
					window as unknown as Record<
						string,
						{ moteur(): Promise<{ lignes(r: unknown): Promise<Record<string, unknown>[]> }> }
					>
				).__pilotageBanc;
				const [l] = await (await banc.moteur()).lignes(requete);
				return { octets: Number(l.octets), limite: String(l.limite) };
			}, memoireMoteur())
			.catch(() => ({ octets: NaN, limite: '—' }));
		return {
			tasPage: tas.usedSize,
			tasPageAlloue: tas.totalSize,
			tamponsPage: tas.backingStorageSize,
			tasWorker: workers.length ? workers.reduce((s, w) => s + w.usedSize, 0) : NaN,
			wasm,
			duckdb: moteur.octets,
			duckdbLimite: moteur.limite
		};
	} finally {
		await cdp.detach().catch(() => undefined);
	}
}
