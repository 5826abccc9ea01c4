/**
 * What a document written in this browser shares with the others — a network's plan, a school's
 * projet d'actions, the IEN's accompaniments: it is read from the documents' store (`$lib/stockage/documents`) under one
 * key, written back in one transaction after every change, in the order the changes were asked
 * for, and announced to the other tabs, which read it again. When the browser refuses storage or
 * a write fails, the document lives as long as the page and `alerte` says so in French.
 */
import type { CanalDocuments, MagasinDocuments } from '$lib/stockage/documents';

/** Who writes: one name per browser, typed once, that signs actions and exported files. */
export const CLE_AUTEUR = 'auteur';

export interface MessagesStockage {
	/** The browser refuses storage, or the stored document could not be read. */
	refus: string;
	/** One write failed (full disk, refused): the change lives as long as the page. */
	echec: string;
}

export abstract class DocumentLocal {
	/** The name that signs this browser's changes and exports (empty until the user gives it). */
	auteur = $state('');
	/** True once the stored document has been read. */
	pret = $state(false);
	/** False when the browser refuses storage: the document then lives as long as the page. */
	persistant = $state(true);
	/** A message about storage, in French; null when all is well. */
	alerte = $state<string | null>(null);
	protected readonly magasin: Promise<MagasinDocuments>;
	protected readonly maintenant: () => string;
	readonly #canal: CanalDocuments;
	readonly #messages: MessagesStockage;
	#fermer: () => void = () => undefined;
	/** Writes run one after the other, in the order they were asked for. */
	#file: Promise<unknown> = Promise.resolve();
	/**
	 * Changes applied here and not yet stored: until the last is, what storage holds (read for
	 * another tab, or returned by an earlier write) lacks them and is not adopted.
	 */
	#enAttente = 0;
	/** Writes asked for so far: a read that began before one of them is older than the page. */
	#ecritures = 0;

	constructor(
		magasin: Promise<MagasinDocuments>,
		maintenant: () => string,
		canal: CanalDocuments,
		messages: MessagesStockage
	) {
		this.magasin = magasin;
		this.maintenant = maintenant;
		this.#canal = canal;
		this.#messages = messages;
	}

	/** Reads the document again whenever another tab announces one of these keys. */
	protected ecouter(cles: readonly string[], relire: () => void): void {
		this.#fermer = this.#canal.ecouter((cle) => {
			if (cles.includes(cle)) relire();
		});
	}

	/** Stops listening to the other tabs. */
	fermer(): void {
		this.#fermer();
	}

	/** Reads the stored document under `cle` (and the author's name) and hands it to `adopter`. */
	protected async relireDocument(cle: string, adopter: (brut: unknown) => void): Promise<void> {
		try {
			const magasin = await this.magasin;
			if (!magasin.persistant) {
				this.persistant = false;
				this.alerte = this.#messages.refus;
			}
			const ecritures = this.#ecritures;
			const [brut, auteur] = await Promise.all([magasin.lire(cle), magasin.lire(CLE_AUTEUR)]);
			if (this.#enAttente === 0 && this.#ecritures === ecritures) adopter(brut);
			if (typeof auteur === 'string') this.auteur = auteur;
		} catch {
			this.persistant = false;
			this.alerte = this.#messages.refus;
		} finally {
			this.pret = true;
		}
	}

	/**
	 * Queues the write of `cle`: `modifier` turns what is stored now (another tab may have changed
	 * it) into what to store, and `adopter` takes what was stored. Resolves once done or failed.
	 */
	protected ecrireDocument<T>(
		cle: string,
		modifier: (avant: unknown) => T,
		adopter: (stocke: T) => void
	): Promise<void> {
		this.#enAttente += 1;
		this.#ecritures += 1;
		const ecriture = this.#file.then(async () => {
			try {
				if (!this.persistant) return;
				const magasin = await this.magasin;
				if (!magasin.persistant) return;
				const stocke = await magasin.modifier(cle, modifier);
				if (this.#enAttente === 1) adopter(stocke);
				if (this.alerte === this.#messages.echec) this.alerte = null;
				this.#canal.annoncer(cle);
			} catch {
				this.alerte = this.#messages.echec;
			} finally {
				this.#enAttente -= 1;
			}
		});
		this.#file = ecriture;
		return ecriture;
	}

	/** Resolves once every change asked for so far is stored (or has failed and said so). */
	enregistre(): Promise<void> {
		return this.#file.then(() => undefined);
	}

	async nommerAuteur(nom: string): Promise<void> {
		this.auteur = nom.trim();
		try {
			await (await this.magasin).modifier(CLE_AUTEUR, () => this.auteur);
		} catch {
			// The name then lasts as long as the page; the document's own alert says why.
		}
	}
}
