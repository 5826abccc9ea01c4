import type { Verrou } from './verrou';

/** What happens each time the lock is taken, and each time it is given back. */
export interface ReglesSuite {
	/** Once the lock is taken, before the first job (the journal cleaned, compared). */
	ouverture(): Promise<void>;
	/** Called if the lock has to wait for another tab. */
	enAttente?(): void;
	/** Once the lock is given back (the other tabs told, the space measured). */
	fermeture(): void;
}

/**
 * One tab's jobs queued one after another (the files a user picks together) run under a single
 * taking of the imports' lock: it is kept from one job to the next while another is announced,
 * and the journal is cleaned and compared with the other tabs' once, not before every file (each
 * took 5 to 30 ms of IndexedDB and lock for the académie's 12 files, issue #19). While the lock is
 * held no other tab can change the journal, so comparing it again between two jobs would find
 * nothing. The jobs must run one at a time (the app's queue does that); `annoncer` is called when
 * a job is queued, `sous` when it runs.
 */
export class SuiteSousVerrou {
	#annonces = 0;
	#terminer: (() => void) | undefined;

	constructor(
		private readonly verrou: () => Promise<Verrou>,
		private readonly regles: ReglesSuite
	) {}

	/** A job is queued: the lock, if held when its turn comes, is kept for it. */
	annoncer(): void {
		this.#annonces += 1;
	}

	/** Runs an announced job under the lock, taking it unless this suite already holds it. */
	async sous<T>(travail: () => Promise<T>): Promise<T> {
		if (this.#terminer) return this.#dansLaSuite(travail);
		const verrou = await this.verrou().catch((e) => {
			this.#fini();
			throw e;
		});
		return new Promise<T>((resultat, echec) => {
			let ouverte = false;
			verrou
				.sous(
					async () => {
						await this.regles.ouverture();
						ouverte = true;
						const fin = new Promise<void>((ok) => (this.#terminer = ok));
						this.#dansLaSuite(travail).then(resultat, echec);
						// The lock is given back once the last job announced meanwhile has ended.
						await fin;
					},
					() => this.regles.enAttente?.()
				)
				.catch((e) => {
					// The lock or the opening failed: this job did not run.
					if (!ouverte) this.#fini();
					echec(e);
				})
				.finally(() => this.regles.fermeture());
		});
	}

	async #dansLaSuite<T>(travail: () => Promise<T>): Promise<T> {
		try {
			return await travail();
		} finally {
			this.#fini();
		}
	}

	/** A job ended (or will not run): the last one announced gives the lock back. */
	#fini(): void {
		this.#annonces = Math.max(0, this.#annonces - 1);
		if (this.#annonces > 0) return;
		const terminer = this.#terminer;
		this.#terminer = undefined;
		terminer?.();
	}
}
