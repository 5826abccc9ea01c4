import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { Correspondance, IdGenre } from '$lib/import';

/**
 * The import journal: every file the user imported, its bytes and how it was read, kept in the
 * browser's IndexedDB. At start the app replays it into the engine, in order, so the data survive
 * a reload; removing an import replays the others. Nothing here ever leaves the browser.
 */
export interface ImportEnregistre {
	id: string;
	nom: string;
	date: string;
	taille: number;
	contenu: Blob;
	genre: IdGenre | null;
	libelleGenre: string | null;
	correspondance?: Correspondance;
	anneeScolaire?: string;
	acceptees: number;
	rejetees: number;
	remplacees: number;
}

/** An import as stored: since version 2 its bytes are in `contenus`, written during the import. */
type ImportStocke = Omit<ImportEnregistre, 'contenu'> & { contenu?: Blob };

interface SchemaJournal extends DBSchema {
	imports: { key: string; value: ImportStocke };
	contenus: { key: string; value: { id: string; contenu: Blob } };
	correspondances: { key: string; value: { signature: string; correspondance: Correspondance } };
}

export interface Journal {
	/** False when the browser refused storage: imports then last until the tab is closed. */
	readonly persistant: boolean;
	/**
	 * The recorded imports, in order. Reads only: bytes without a record may be an import another
	 * tab is running right now (issue #14: a tab merely opened deleted them), `nettoyer` drops them.
	 */
	lister(): Promise<ImportEnregistre[]>;
	/**
	 * Drops the bytes no record points to: imports that never ended (a tab closed meanwhile).
	 * Only while holding the imports' lock (`$lib/stockage/verrou`): no other tab is importing then.
	 */
	nettoyer(): Promise<void>;
	/**
	 * Keeps a file's bytes under the id its import will have: started with the import, so that
	 * copying a big file into the browser's storage overlaps reading it. Without a matching
	 * `ajouter`, the bytes are dropped by `oublierContenu` or at the next `nettoyer`.
	 */
	deposer(id: string, contenu: Blob): Promise<void>;
	oublierContenu(id: string): Promise<void>;
	/** Records an import whose bytes `deposer` kept (its `contenu` is not written again). */
	ajouter(i: Omit<ImportEnregistre, 'contenu'>): Promise<void>;
	supprimer(id: string): Promise<void>;
	vider(): Promise<void>;
	correspondance(signature: string): Promise<Correspondance | undefined>;
	retenirCorrespondance(signature: string, correspondance: Correspondance): Promise<void>;
}

const parDate = (a: ImportEnregistre, b: ImportEnregistre) => a.date.localeCompare(b.date);

/**
 * A write whose failure names its cause: a full quota aborts the transaction when it commits, so
 * the request itself may report a mere AbortError while the transaction holds the
 * QuotaExceededError (with an empty message) that the import page must explain.
 */
async function ecrire<S extends 'imports' | 'contenus'>(
	db: IDBPDatabase<SchemaJournal>,
	magasin: S,
	valeur: SchemaJournal[S]['value']
): Promise<void> {
	const tx = db.transaction(magasin, 'readwrite');
	try {
		await Promise.all([tx.store.put(valeur), tx.done]);
	} catch (e) {
		await tx.done.catch(() => undefined);
		throw tx.error ?? e;
	}
}

function journalPersistant(db: IDBPDatabase<SchemaJournal>): Journal {
	return {
		persistant: true,
		async lister() {
			// One transaction: records and bytes seen at the same instant.
			const tx = db.transaction(['imports', 'contenus'], 'readonly');
			const imports = await tx.objectStore('imports').getAll();
			const liste: ImportEnregistre[] = [];
			for (const i of imports) {
				// Version 1 kept the bytes in the record itself.
				const contenu = i.contenu ?? (await tx.objectStore('contenus').get(i.id))?.contenu;
				if (contenu) liste.push({ ...i, contenu });
			}
			await tx.done;
			return liste.sort(parDate);
		},
		async nettoyer() {
			const tx = db.transaction(['imports', 'contenus'], 'readwrite');
			const [connus, ids] = await Promise.all([
				tx.objectStore('imports').getAllKeys(),
				tx.objectStore('contenus').getAllKeys()
			]);
			const gardes = new Set(connus);
			for (const id of ids) if (!gardes.has(id)) await tx.objectStore('contenus').delete(id);
			await tx.done;
		},
		async deposer(id, contenu) {
			await ecrire(db, 'contenus', { id, contenu });
		},
		async oublierContenu(id) {
			await db.delete('contenus', id);
		},
		async ajouter(i) {
			await ecrire(db, 'imports', i);
		},
		async supprimer(id) {
			const tx = db.transaction(['imports', 'contenus'], 'readwrite');
			await Promise.all([
				tx.objectStore('imports').delete(id),
				tx.objectStore('contenus').delete(id),
				tx.done
			]);
		},
		async vider() {
			const tx = db.transaction(['imports', 'contenus'], 'readwrite');
			await Promise.all([
				tx.objectStore('imports').clear(),
				tx.objectStore('contenus').clear(),
				tx.done
			]);
		},
		async correspondance(signature) {
			return (await db.get('correspondances', signature))?.correspondance;
		},
		async retenirCorrespondance(signature, correspondance) {
			await db.put('correspondances', { signature, correspondance });
		}
	};
}

/** Same contract, in memory: for browsers (or private windows) that refuse IndexedDB. */
export function journalEnMemoire(): Journal {
	const imports = new Map<string, Omit<ImportEnregistre, 'contenu'>>();
	const contenus = new Map<string, Blob>();
	const correspondances = new Map<string, Correspondance>();
	return {
		persistant: false,
		async lister() {
			return [...imports.values()]
				.filter((i) => contenus.has(i.id))
				.map((i) => ({ ...i, contenu: contenus.get(i.id)! }))
				.sort(parDate);
		},
		async nettoyer() {
			for (const id of contenus.keys()) if (!imports.has(id)) contenus.delete(id);
		},
		async deposer(id, contenu) {
			contenus.set(id, contenu);
		},
		async oublierContenu(id) {
			contenus.delete(id);
		},
		async ajouter(i) {
			imports.set(i.id, i);
		},
		async supprimer(id) {
			imports.delete(id);
			contenus.delete(id);
		},
		async vider() {
			imports.clear();
			contenus.clear();
		},
		async correspondance(signature) {
			return correspondances.get(signature);
		},
		async retenirCorrespondance(signature, correspondance) {
			correspondances.set(signature, correspondance);
		}
	};
}

export async function ouvrirJournal(): Promise<Journal> {
	try {
		const db = await openDB<SchemaJournal>('pilotage', 2, {
			upgrade(base, avant) {
				if (avant < 1) {
					base.createObjectStore('imports', { keyPath: 'id' });
					base.createObjectStore('correspondances', { keyPath: 'signature' });
				}
				// Version 2: the bytes apart, written while the file is imported.
				if (avant < 2) base.createObjectStore('contenus', { keyPath: 'id' });
			}
		});
		return journalPersistant(db);
	} catch {
		return journalEnMemoire();
	}
}
