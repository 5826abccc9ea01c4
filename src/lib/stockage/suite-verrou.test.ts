import { describe, expect, it } from 'vitest';
import { SuiteSousVerrou } from './suite-verrou';
import type { Verrou } from './verrou';

/** The imports' lock as Web Locks gives it: one holder across the "tabs" of a test, a queue. */
function verrouPartage() {
	let tenu = false;
	const attente: (() => void)[] = [];
	const etat = { prises: 0, tenu: () => tenu };
	const verrou: Verrou = {
		async sous(travail, enAttente) {
			if (tenu) {
				enAttente?.();
				await new Promise<void>((ok) => attente.push(ok));
			}
			tenu = true;
			etat.prises += 1;
			try {
				return await travail();
			} finally {
				const suivant = attente.shift();
				if (suivant) suivant();
				else tenu = false;
			}
		}
	};
	return { verrou, etat };
}

/** One tab: its queue (jobs one after another, as Donnees runs them) and its suite. */
function onglet(verrou: Verrou, nom: string, journal: string[], ouvertureEchoue = () => false) {
	let file: Promise<unknown> = Promise.resolve();
	let attentes = 0;
	const suite = new SuiteSousVerrou(async () => verrou, {
		async ouverture() {
			if (ouvertureEchoue()) throw new Error('journal illisible');
			journal.push(`${nom} ouvre`);
		},
		enAttente: () => attentes++,
		fermeture: () => journal.push(`${nom} ferme`)
	});
	return {
		attentes: () => attentes,
		enFile<T>(travail: () => Promise<T>): Promise<T> {
			suite.annoncer();
			const suivant = file.then(
				() => suite.sous(travail),
				() => suite.sous(travail)
			);
			file = suivant.catch(() => undefined);
			return suivant;
		}
	};
}

const laisserFiler = () => new Promise<void>((ok) => setTimeout(ok, 0));

describe('fichiers choisis ensemble : un seul passage du verrou des imports', () => {
	it('trois imports à la suite prennent le verrou une fois, nettoient le journal une fois, préviennent les autres onglets une fois', async () => {
		const { verrou, etat } = verrouPartage();
		const journal: string[] = [];
		const a = onglet(verrou, 'A', journal);
		const resultats = await Promise.all(
			['ecoles.csv', 'ips.csv', 'evaluations.csv'].map((f) =>
				a.enFile(async () => {
					journal.push(`import ${f}`);
					return f.toUpperCase();
				})
			)
		);
		await laisserFiler();
		expect(resultats).toEqual(['ECOLES.CSV', 'IPS.CSV', 'EVALUATIONS.CSV']);
		expect(journal).toEqual([
			'A ouvre',
			'import ecoles.csv',
			'import ips.csv',
			'import evaluations.csv',
			'A ferme'
		]);
		expect(etat.prises).toBe(1);
		expect(etat.tenu()).toBe(false);
	});

	it('le rapport d’un fichier arrive sans attendre la fin des suivants', async () => {
		const { verrou } = verrouPartage();
		const journal: string[] = [];
		const a = onglet(verrou, 'A', journal);
		let finirSecond!: () => void;
		const premier = a.enFile(async () => 'premier');
		const second = a.enFile(() => new Promise<string>((ok) => (finirSecond = () => ok('second'))));
		expect(await premier).toBe('premier');
		await laisserFiler();
		expect(journal).toEqual(['A ouvre']);
		finirSecond();
		expect(await second).toBe('second');
		await laisserFiler();
		expect(journal).toEqual(['A ouvre', 'A ferme']);
	});

	it('un autre onglet attend la fin de toute la suite, et le dit', async () => {
		const { verrou, etat } = verrouPartage();
		const journal: string[] = [];
		const a = onglet(verrou, 'A', journal);
		const b = onglet(verrou, 'B', journal);
		let finirA1!: () => void;
		const a1 = a.enFile(() => new Promise<void>((ok) => (finirA1 = ok)));
		const a2 = a.enFile(async () => void journal.push('A import 2'));
		await laisserFiler();
		const b1 = b.enFile(async () => void journal.push('B import'));
		await laisserFiler();
		expect(b.attentes()).toBe(1);
		finirA1();
		await Promise.all([a1, a2, b1]);
		await laisserFiler();
		// B opens once A's whole suite is over (A tells the other tabs once it has let go).
		expect(journal.filter((x) => !x.endsWith('ferme'))).toEqual([
			'A ouvre',
			'A import 2',
			'B ouvre',
			'B import'
		]);
		expect(journal.filter((x) => x.endsWith('ferme')).sort()).toEqual(['A ferme', 'B ferme']);
		expect(etat.prises).toBe(2);
	});

	it('un import qui échoue n’arrête pas la suite, et le verrou est rendu à la fin', async () => {
		const { verrou, etat } = verrouPartage();
		const journal: string[] = [];
		const a = onglet(verrou, 'A', journal);
		const echec = a.enFile(async () => {
			throw new Error('quota dépassé');
		});
		const suivant = a.enFile(async () => void journal.push('import suivant'));
		await expect(echec).rejects.toThrow('quota dépassé');
		await suivant;
		await laisserFiler();
		expect(journal).toEqual(['A ouvre', 'import suivant', 'A ferme']);
		expect(etat.prises).toBe(1);
		expect(etat.tenu()).toBe(false);
	});

	it('une ouverture qui échoue refuse cet import ; le suivant reprend le verrou et rouvre le journal', async () => {
		const { verrou, etat } = verrouPartage();
		const journal: string[] = [];
		let echecs = 1;
		const a = onglet(verrou, 'A', journal, () => echecs-- > 0);
		const premier = a.enFile(async () => void journal.push('jamais'));
		const second = a.enFile(async () => void journal.push('import'));
		await expect(premier).rejects.toThrow('journal illisible');
		await second;
		await laisserFiler();
		expect(journal).toEqual(['A ferme', 'A ouvre', 'import', 'A ferme']);
		expect(etat.prises).toBe(2);
		expect(etat.tenu()).toBe(false);
	});

	it('un import demandé après la fin de la suite reprend le verrou', async () => {
		const { verrou, etat } = verrouPartage();
		const journal: string[] = [];
		const a = onglet(verrou, 'A', journal);
		await a.enFile(async () => void journal.push('import 1'));
		await laisserFiler();
		await a.enFile(async () => void journal.push('import 2'));
		await laisserFiler();
		expect(journal).toEqual(['A ouvre', 'import 1', 'A ferme', 'A ouvre', 'import 2', 'A ferme']);
		expect(etat.prises).toBe(2);
	});
});
