import { openDB } from 'idb';

/**
 * The documents the pilots write (a network's training plan, a school's projet d'actions), kept
 * in the browser's IndexedDB beside the imported data, in a database of their own so that the
 * import journal's schema and version stay as they are. Every change is a read-modify-write in
 * one readwrite transaction: IndexedDB runs those one at a time across tabs, so two tabs editing
 * the same plan never lose each other's change. Other tabs hear of it through a BroadcastChannel.
 */
export interface MagasinDocuments {
	/** False when the browser refused IndexedDB: documents then last as long as the page. */
	readonly persistant: boolean;
	lire(cle: string): Promise<unknown>;
	/** Applies `f` to the stored value (undefined if none) and stores its result, atomically. */
	modifier<T>(cle: string, f: (avant: unknown) => T): Promise<T>;
	/** Removes every document whose key starts with `prefixe`; says how many. */
	effacer(prefixe: string): Promise<number>;
}

export const BASE_DOCUMENTS = 'pilotage-documents';
export const VERSION_BASE_DOCUMENTS = 1;
const MAGASIN = 'documents';

export function magasinEnMemoire(): MagasinDocuments {
	const valeurs = new Map<string, unknown>();
	return {
		persistant: false,
		async lire(cle) {
			return structuredClone(valeurs.get(cle));
		},
		async modifier(cle, f) {
			const apres = f(structuredClone(valeurs.get(cle)));
			valeurs.set(cle, structuredClone(apres));
			return apres;
		},
		async effacer(prefixe) {
			const cles = [...valeurs.keys()].filter((c) => c.startsWith(prefixe));
			for (const c of cles) valeurs.delete(c);
			return cles.length;
		}
	};
}

/**
 * A store kept in memory that says it persists, whose writes fail while `etat.refuser` is true,
 * as a full disk refuses them: what the documents' tests use to check that nothing is lost.
 */
export function magasinRefusable(): { magasin: MagasinDocuments; etat: { refuser: boolean } } {
	const m = magasinEnMemoire();
	const etat = { refuser: false };
	const magasin: MagasinDocuments = {
		...m,
		persistant: true,
		modifier: (cle, f) =>
			etat.refuser
				? Promise.reject(new DOMException('plein', 'QuotaExceededError'))
				: m.modifier(cle, f)
	};
	return { magasin, etat };
}

export async function ouvrirMagasinDocuments(): Promise<MagasinDocuments> {
	try {
		// Inside the try: a browser that refuses storage may throw on merely reading `indexedDB`.
		if (typeof indexedDB === 'undefined') return magasinEnMemoire();
		const db = await openDB(BASE_DOCUMENTS, VERSION_BASE_DOCUMENTS, {
			upgrade(base) {
				base.createObjectStore(MAGASIN);
			}
		});
		return {
			persistant: true,
			async lire(cle) {
				return db.get(MAGASIN, cle);
			},
			async modifier(cle, f) {
				const tx = db.transaction(MAGASIN, 'readwrite');
				try {
					const apres = f(await tx.store.get(cle));
					await Promise.all([tx.store.put(apres, cle), tx.done]);
					return apres;
				} catch (e) {
					await tx.done.catch(() => undefined);
					// A full quota aborts the transaction: its error names the cause.
					throw tx.error ?? e;
				}
			},
			async effacer(prefixe) {
				const tx = db.transaction(MAGASIN, 'readwrite');
				const cles = (await tx.store.getAllKeys()).filter(
					(c): c is string => typeof c === 'string' && c.startsWith(prefixe)
				);
				for (const c of cles) await tx.store.delete(c);
				await tx.done;
				return cles.length;
			}
		};
	} catch {
		return magasinEnMemoire();
	}
}

/** Tells the other tabs that a document changed, and hears them. */
export interface CanalDocuments {
	annoncer(cle: string): void;
	ecouter(f: (cle: string) => void): () => void;
}

const NOM_CANAL = 'pilotage-documents';

export function canalDocuments(): CanalDocuments {
	if (typeof BroadcastChannel === 'undefined') {
		return { annoncer: () => undefined, ecouter: () => () => undefined };
	}
	const emetteur = new BroadcastChannel(NOM_CANAL);
	return {
		annoncer(cle) {
			emetteur.postMessage({ cle });
		},
		ecouter(f) {
			// A channel does not hear its own messages: each listener has its own.
			const recepteur = new BroadcastChannel(NOM_CANAL);
			recepteur.onmessage = (e: MessageEvent<{ cle?: unknown }>) => {
				if (typeof e.data?.cle === 'string') f(e.data.cle);
			};
			return () => recepteur.close();
		}
	};
}

/**
 * The channel between tabs in memory (tests, or a browser without BroadcastChannel between
 * pages of one test): each call gives one tab's end; every tab but the sender hears.
 */
export function canauxEnMemoire(): () => CanalDocuments {
	const ecouteurs = new Set<(cle: string) => void>();
	return () => {
		const miens = new Set<(cle: string) => void>();
		return {
			annoncer: (cle) => {
				for (const f of ecouteurs) if (!miens.has(f)) f(cle);
			},
			ecouter: (f) => {
				ecouteurs.add(f);
				miens.add(f);
				return () => ecouteurs.delete(f);
			}
		};
	};
}
