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

interface SchemaJournal extends DBSchema {
	imports: { key: string; value: ImportEnregistre };
	correspondances: { key: string; value: { signature: string; correspondance: Correspondance } };
}

export interface Journal {
	/** False when the browser refused storage: imports then last until the tab is closed. */
	readonly persistant: boolean;
	lister(): Promise<ImportEnregistre[]>;
	ajouter(i: ImportEnregistre): Promise<void>;
	supprimer(id: string): Promise<void>;
	vider(): Promise<void>;
	correspondance(signature: string): Promise<Correspondance | undefined>;
	retenirCorrespondance(signature: string, correspondance: Correspondance): Promise<void>;
}

const parDate = (a: ImportEnregistre, b: ImportEnregistre) => a.date.localeCompare(b.date);

function journalPersistant(db: IDBPDatabase<SchemaJournal>): Journal {
	return {
		persistant: true,
		async lister() {
			return (await db.getAll('imports')).sort(parDate);
		},
		async ajouter(i) {
			await db.put('imports', i);
		},
		async supprimer(id) {
			await db.delete('imports', id);
		},
		async vider() {
			await db.clear('imports');
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
	const imports = new Map<string, ImportEnregistre>();
	const correspondances = new Map<string, Correspondance>();
	return {
		persistant: false,
		async lister() {
			return [...imports.values()].sort(parDate);
		},
		async ajouter(i) {
			imports.set(i.id, i);
		},
		async supprimer(id) {
			imports.delete(id);
		},
		async vider() {
			imports.clear();
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
		const db = await openDB<SchemaJournal>('pilotage', 1, {
			upgrade(base) {
				base.createObjectStore('imports', { keyPath: 'id' });
				base.createObjectStore('correspondances', { keyPath: 'signature' });
			}
		});
		return journalPersistant(db);
	} catch {
		return journalEnMemoire();
	}
}
