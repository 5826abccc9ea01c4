/**
 * « Importer une version »: a colleague's file of a document this browser already has (a
 * network's plan, a school's pistes d'action), read from a file field and held while the user
 * compares it with theirs (`ComparaisonDocument.svelte`), or the French reason it was refused.
 * Shared so that both documents read, refuse and close a version the same way.
 */
export type LectureVersion<F> = { ok: true; fichier: F } | { ok: false; message: string };

export class VersionImportee<F> {
	/** The file being compared and its name, until the user chooses. */
	importe = $state<{ fichier: F; nom: string } | null>(null);
	/** Why the last file chosen was refused, named by its file; null when none was. */
	refus = $state<string | null>(null);
	readonly #lire: (texte: string) => LectureVersion<F>;

	constructor(lire: (texte: string) => LectureVersion<F>) {
		this.#lire = lire;
	}

	/** The file field's `onchange`: the field is emptied so that the same file can be chosen again. */
	choisirFichier = async (e: Event): Promise<void> => {
		const champ = e.currentTarget as HTMLInputElement;
		const f = champ.files?.[0];
		champ.value = '';
		if (!f) return;
		this.importe = null;
		const lu = this.#lire(await f.text());
		if (!lu.ok) this.refus = `« ${f.name} » : ${lu.message}`;
		else {
			this.refus = null;
			this.importe = { fichier: lu.fichier, nom: f.name };
		}
	};

	/** Closes the comparison (the user chose), then keeps the document retained, if any. */
	async fermer<D>(retenu: D | null, garder: (d: D) => Promise<void>): Promise<void> {
		this.importe = null;
		if (retenu) await garder(retenu);
	}
}
