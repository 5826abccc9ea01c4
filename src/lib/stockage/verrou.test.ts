import { describe, expect, it } from 'vitest';
import { bailLibre, verrouParBail, type Bail, type Horloge, type MagasinBail } from './verrou';

/** The lease store as IndexedDB keeps it, shared by the "tabs" of a test. */
function magasinEnMemoire(): MagasinBail & { bail?: Bail } {
	const m: MagasinBail & { bail?: Bail } = {
		async prendre(moi, maintenant, duree) {
			if (!bailLibre(m.bail, moi, maintenant)) return false;
			m.bail = { proprietaire: moi, expire: maintenant + duree };
			return true;
		},
		async rendre(moi) {
			if (m.bail?.proprietaire === moi) m.bail = undefined;
		}
	};
	return m;
}

/** A clock the test moves by hand: sleepers and repeated calls run when their time comes. */
function horlogeManuelle() {
	let t = 0;
	let dormeurs: { a: number; reveil: () => void }[] = [];
	const repetitions = new Set<{ chaque: number; prochaine: number; f: () => void }>();
	const vider = () => new Promise<void>((ok) => setImmediate(ok));
	const horloge: Horloge = {
		maintenant: () => t,
		attendre: (ms) => new Promise((reveil) => dormeurs.push({ a: t + ms, reveil })),
		repeter(chaque, f) {
			const r = { chaque, prochaine: t + chaque, f };
			repetitions.add(r);
			return () => repetitions.delete(r);
		}
	};
	return {
		horloge,
		/** Moves time forward step by step, letting every woken task run in between. */
		async avancer(ms: number, pas = 50) {
			await vider();
			for (let fin = t + ms; t < fin;) {
				t += pas;
				for (const r of repetitions)
					while (r.prochaine <= t) {
						r.prochaine += r.chaque;
						r.f();
					}
				const prets = dormeurs.filter((d) => d.a <= t);
				dormeurs = dormeurs.filter((d) => d.a > t);
				for (const d of prets) d.reveil();
				await vider();
			}
		}
	};
}

const REGLAGES = { duree: 10_000, renouvellement: 1_000, sondage: 250 };

function tache() {
	let finir!: () => void;
	const fin = new Promise<void>((ok) => (finir = ok));
	return { fin, finir, etat: { commence: false, fini: false } };
}

describe('verrou des imports par bail (sans Web Locks, page non sécurisée)', () => {
	it('un second onglet attend que le premier ait fini, et le dit', async () => {
		const magasin = magasinEnMemoire();
		const h = horlogeManuelle();
		const a = verrouParBail(magasin, h.horloge, REGLAGES, 'A');
		const b = verrouParBail(magasin, h.horloge, REGLAGES, 'B');
		const ordre: string[] = [];
		const ta = tache();
		const pa = a.sous(async () => {
			ordre.push('A commence');
			await ta.fin;
			ordre.push('A finit');
		});
		let attente = 0;
		const pb = b.sous(
			async () => {
				ordre.push('B commence');
			},
			() => attente++
		);
		// A works for longer than a lease lasts: it renews it, so B never starts meanwhile.
		await h.avancer(3 * REGLAGES.duree);
		expect(ordre).toEqual(['A commence']);
		expect(attente).toBe(1);
		ta.finir();
		await pa;
		await h.avancer(REGLAGES.sondage);
		await pb;
		expect(ordre).toEqual(['A commence', 'A finit', 'B commence']);
		expect(magasin.bail).toBeUndefined();
	});

	it('un onglet fermé au milieu d’un import ne bloque les autres que jusqu’à l’échéance de son bail', async () => {
		const magasin = magasinEnMemoire();
		const h = horlogeManuelle();
		// The closed tab: its lease is there, nobody renews it.
		magasin.bail = { proprietaire: 'ferme:0', expire: REGLAGES.duree };
		const b = verrouParBail(magasin, h.horloge, REGLAGES, 'B');
		let fait = false;
		const pb = b.sous(async () => {
			fait = true;
		});
		await h.avancer(REGLAGES.duree - 500);
		expect(fait).toBe(false);
		await h.avancer(1_000);
		await pb;
		expect(fait).toBe(true);
	});

	it('rend le bail même quand le travail échoue', async () => {
		const magasin = magasinEnMemoire();
		const h = horlogeManuelle();
		const a = verrouParBail(magasin, h.horloge, REGLAGES, 'A');
		await expect(
			a.sous(async () => {
				throw new Error('échec');
			})
		).rejects.toThrow('échec');
		expect(magasin.bail).toBeUndefined();
	});

	it('un stockage plein arrête l’import avant qu’il commence, avec une raison en français', async () => {
		const h = horlogeManuelle();
		const plein: MagasinBail = {
			prendre: () => Promise.reject(new DOMException('', 'QuotaExceededError')),
			rendre: async () => undefined
		};
		let commence = false;
		await expect(
			verrouParBail(plein, h.horloge, REGLAGES, 'A').sous(async () => {
				commence = true;
			})
		).rejects.toThrow('L’espace de stockage du navigateur est plein');
		expect(commence).toBe(false);
	});

	it('bailLibre : libre, expiré ou déjà à soi', () => {
		expect(bailLibre(undefined, 'a', 0)).toBe(true);
		expect(bailLibre({ proprietaire: 'b', expire: 10 }, 'a', 5)).toBe(false);
		expect(bailLibre({ proprietaire: 'b', expire: 10 }, 'a', 10)).toBe(true);
		expect(bailLibre({ proprietaire: 'a', expire: 10 }, 'a', 5)).toBe(true);
	});
});
