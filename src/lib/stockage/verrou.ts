import { openDB } from 'idb';
import { estQuotaDepasse } from './espace';

/**
 * One import (or removal) at a time across every tab of the app: two tabs writing the journal at
 * once lost a file (issue #14). Web Locks where the browser has them; a plain-HTTP intranet page
 * is not a secure context and has no `navigator.locks`, so a lease in IndexedDB stands in there.
 */
export interface Verrou {
	/**
	 * Runs `travail` once no other tab holds the lock; `enAttente` is called if it has to wait
	 * (the page tells the user why nothing moves).
	 */
	sous<T>(travail: () => Promise<T>, enAttente?: () => void): Promise<T>;
}

const NOM = 'pilotage-imports';

export function verrouWebLocks(locks: LockManager): Verrou {
	const occupe = Symbol('occupé');
	return {
		async sous(travail, enAttente) {
			const tout_de_suite = await locks.request(NOM, { ifAvailable: true }, (l) =>
				l ? travail() : occupe
			);
			if (tout_de_suite !== occupe) return tout_de_suite as Awaited<ReturnType<typeof travail>>;
			enAttente?.();
			return locks.request(NOM, () => travail());
		}
	};
}

/** Who holds the lease and until when (ms since the epoch; every tab shares the machine's clock). */
export interface Bail {
	proprietaire: string;
	expire: number;
}

/** A lease can be taken when nobody holds it, when its holder let it expire, or when it is ours. */
export function bailLibre(bail: Bail | undefined, moi: string, maintenant: number): boolean {
	return !bail || bail.proprietaire === moi || bail.expire <= maintenant;
}

/** Where the lease lives; `prendre` must read and write in one atomic step. */
export interface MagasinBail {
	/** Takes or renews the lease if `bailLibre`; says whether it is ours now. */
	prendre(moi: string, maintenant: number, duree: number): Promise<boolean>;
	/** Gives the lease back if it is still ours. */
	rendre(moi: string): Promise<void>;
}

/** Time, injected so that the lease's logic is tested without waiting. */
export interface Horloge {
	maintenant(): number;
	attendre(ms: number): Promise<void>;
	/** Calls `f` every `ms` until the returned function is called. */
	repeter(ms: number, f: () => void): () => void;
}

export const horlogeReelle: Horloge = {
	maintenant: () => Date.now(),
	attendre: (ms) => new Promise((ok) => setTimeout(ok, ms)),
	repeter: (ms, f) => {
		const minuterie = setInterval(f, ms);
		return () => clearInterval(minuterie);
	}
};

export interface ReglagesBail {
	/** How long a lease lasts without renewal: a tab closed mid-import frees it after this. */
	duree: number;
	/** How often the holder renews it (well under `duree`: a busy or hidden tab's timers lag). */
	renouvellement: number;
	/** How often a waiting tab tries again. */
	sondage: number;
}

/**
 * Chromium runs a tab's timers once a minute after 5 minutes hidden: a lease of 3 minutes survives
 * a long import in a background tab; a tab closed mid-import blocks the others 3 minutes at most.
 */
export const REGLAGES_BAIL: ReglagesBail = { duree: 180_000, renouvellement: 3_000, sondage: 250 };

let compteur = 0;

/**
 * The lock as a renewed lease: the holder renews it while it works and gives it back at the end;
 * a tab that closed (or crashed) mid-import stops renewing, and its lease expires.
 */
export function verrouParBail(
	magasin: MagasinBail,
	horloge: Horloge = horlogeReelle,
	reglages: ReglagesBail = REGLAGES_BAIL,
	onglet = Math.random().toString(36).slice(2)
): Verrou {
	return {
		async sous(travail, enAttente) {
			// One owner per call: two calls of one tab exclude each other too.
			const moi = `${onglet}:${compteur++}`;
			let annonce = false;
			while (!(await prendreOuExpliquer(magasin, moi, horloge.maintenant(), reglages.duree))) {
				if (!annonce) enAttente?.();
				annonce = true;
				await horloge.attendre(reglages.sondage);
			}
			const arreter = horloge.repeter(reglages.renouvellement, () => {
				magasin.prendre(moi, horloge.maintenant(), reglages.duree).catch(() => undefined);
			});
			try {
				return await travail();
			} finally {
				arreter();
				await magasin.rendre(moi).catch(() => undefined);
			}
		}
	};
}

/** Takes the lease; a store that cannot be written stops the import with a French reason. */
async function prendreOuExpliquer(
	magasin: MagasinBail,
	moi: string,
	maintenant: number,
	duree: number
): Promise<boolean> {
	try {
		return await magasin.prendre(moi, maintenant, duree);
	} catch (e) {
		throw new Error(
			estQuotaDepasse(e)
				? 'L’espace de stockage du navigateur est plein : Pilotage ne peut même plus y noter qu’un import est en cours. Retirez les imports devenus inutiles ou libérez de l’espace sur le disque, puis réessayez.'
				: `Pilotage n’a pas pu réserver l’import auprès de ses autres onglets (${e instanceof Error ? e.message || e.name : String(e)}). Fermez les autres onglets de Pilotage, puis réessayez.`,
			{ cause: e }
		);
	}
}

/** The lease in its own small database: the journal's schema (and its version) stays as it is. */
export async function magasinIndexedDB(): Promise<MagasinBail> {
	const db = await openDB('pilotage-verrous', 1, {
		upgrade(base) {
			base.createObjectStore('baux');
		}
	});
	return {
		async prendre(moi, maintenant, duree) {
			// One readwrite transaction: IndexedDB runs them one at a time across tabs.
			const tx = db.transaction('baux', 'readwrite');
			const bail = (await tx.store.get(NOM)) as Bail | undefined;
			const libre = bailLibre(bail, moi, maintenant);
			if (libre) await tx.store.put({ proprietaire: moi, expire: maintenant + duree }, NOM);
			await tx.done;
			return libre;
		},
		async rendre(moi) {
			const tx = db.transaction('baux', 'readwrite');
			const bail = (await tx.store.get(NOM)) as Bail | undefined;
			if (bail?.proprietaire === moi) await tx.store.delete(NOM);
			await tx.done;
		}
	};
}

/** Same interface, no other tab to wait for: storage refused, imports live in this tab only. */
export const sansVerrou: Verrou = { sous: (travail) => travail() };

/** The best lock this page can have. */
export async function ouvrirVerrou(): Promise<Verrou> {
	if (typeof navigator !== 'undefined' && navigator.locks) return verrouWebLocks(navigator.locks);
	try {
		return verrouParBail(await magasinIndexedDB());
	} catch {
		return sansVerrou;
	}
}
