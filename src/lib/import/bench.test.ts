// Mesure de l'import d'un fichier élèves (issue 8) : lancer avec
//   BENCH=1000000 npx vitest run --project unit src/lib/import/bench.test.ts
// BENCH=5000000 ou BENCH=20000000 : un seul essai par mesure, et la mémoire du processus (le
// fichier est copié dans la mémoire wasm, comme registerFileBuffer dans le navigateur).
// BENCH_ERREURS=1 : une ligne au groupe inconnu et une ligne en double, donc la relecture ligne
// par ligne (deux lignes refusées).
import { it } from 'vitest';
import { initialiserSchema } from '$lib/db/schema';
import { ouvrirMoteurNode } from '$lib/db/node';
import type { Moteur, Requete } from '$lib/db/types';
import { COMPETENCES } from '$lib/domain/competences';
import { uaiLettreCle } from '$lib/domain/uai';
import { importer } from './importer';

/** The pupil file, written straight into bytes (a 20 M-row file is more than a JS string holds). */
function fichierEleves(n: number, erreurs: boolean): Uint8Array {
	const comps = COMPETENCES.filter((c) => c.niveau === 'CP' || c.niveau === 'CE1');
	const G = ['besoin', 'fragile', 'satisfaisant'];
	const enc = new TextEncoder();
	const uais = Array.from({ length: 1000 }, (_, i) => {
		const d = `0219${String(i).padStart(3, '0')}`;
		return `${d}${uaiLettreCle(d)}`;
	});
	const morceaux: Uint8Array[] = [
		enc.encode('annee_scolaire;uai;niveau;discipline;competence_id;classe;eleve_id;groupe\n')
	];
	let taille = morceaux[0].length;
	for (let debut = 0; debut < n; debut += 100_000) {
		const lignes: string[] = [];
		for (let i = debut; i < Math.min(n, debut + 100_000); i++) {
			const c = comps[i % comps.length];
			const e = Math.floor(i / comps.length);
			// 25 pupils a class, 400 classes a school: an académie's shape.
			const classe = `${c.niveau} ${String.fromCharCode(65 + (Math.floor(e / 25) % 16))}`;
			const ecole = uais[Math.floor(e / 400) % 1000];
			const l = `2024-2025;${ecole};${c.niveau};${c.discipline};${c.id};${classe};EL-${e.toString(16).padStart(8, '0')};${G[(i * 7) % 3]}\n`;
			lignes.push(erreurs && i === Math.floor(n / 2) ? l.replace(/;[a-z]+\n$/, ';inconnu\n') : l);
			if (erreurs && i === Math.floor(n / 3)) lignes.push(l);
		}
		const m = enc.encode(lignes.join(''));
		morceaux.push(m);
		taille += m.length;
	}
	const octets = new Uint8Array(taille);
	let p = 0;
	for (const m of morceaux) {
		octets.set(m, p);
		p += m.length;
	}
	return octets;
}

const mio = (octets: number) => `${Math.round(octets / 1024 / 1024)} Mio`;

it.skipIf(!process.env.BENCH)(
	'import d’un fichier élèves (BENCH lignes)',
	async () => {
		const m = await ouvrirMoteurNode();
		await initialiserSchema(m);
		const N = Number(process.env.BENCH);
		const essais = N > 2_000_000 ? 1 : 3;
		const erreurs = Boolean(process.env.BENCH_ERREURS);
		const octets = fichierEleves(N, erreurs);
		console.log(`${N} lignes, ${mio(octets.length)}`);
		await m.enregistrerOctets('big.csv', octets);
		const meilleur = async (
			nom: string,
			f: () => Promise<unknown>,
			avant?: () => Promise<void>
		) => {
			let best = Infinity;
			for (let k = 0; k < essais; k++) {
				await avant?.();
				const t0 = performance.now();
				await f();
				best = Math.min(best, performance.now() - t0);
			}
			console.log(`${nom}: ${Math.round(best)} ms (meilleur de ${essais})`);
			return best;
		};
		const rapports: Awaited<ReturnType<typeof importer>>[] = [];
		const importerTout = async () => {
			rapports.push(
				await importer(m, { nom: 'big.csv', contenu: octets, nomEnregistre: 'big.csv' })
			);
		};
		// The import first: the process's peak memory is then the import's (the raw read_csv
		// below keeps a table of every row, far more than the import ever holds).
		const complet = await meilleur('import complet (table vide)', importerTout, () =>
			m.executer('DELETE FROM classe_resultat')
		);
		const rssImport = process.resourceUsage().maxRSS * 1024;
		const reimport = await meilleur('réimport (mêmes résultats déjà chargés)', importerTout);
		const dernier = rapports[rapports.length - 1];
		console.log(dernier.message);
		console.log(
			`mémoire : RSS maximal du processus après les imports ${mio(rssImport)} (dont le fichier : ${mio(octets.length)} en JS et autant copié dans la mémoire wasm)`
		);
		if (dernier.statut !== 'importe' || dernier.acceptees !== N - (erreurs ? 1 : 0))
			throw new Error(`import incomplet : ${dernier.statut} ${dernier.message}`);
		let brut = NaN;
		try {
			brut = await meilleur('read_csv brut (CREATE TABLE AS, types détectés)', () =>
				m.executer(
					`CREATE OR REPLACE TEMP TABLE brut AS SELECT * FROM read_csv('big.csv', delim=';', header=true)`
				)
			);
			await m.executer('DROP TABLE brut');
		} catch (e) {
			console.log(`read_csv brut impossible : ${e instanceof Error ? e.message : String(e)}`);
		}
		console.log(
			`ratio import/brut ${(complet / brut).toFixed(2)} ; ratio réimport/brut ${(reimport / brut).toFixed(2)}`
		);
		console.log(
			`mémoire : RSS maximal du processus à la fin ${mio(process.resourceUsage().maxRSS * 1024)}`
		);
		// Étapes d'un réimport (la table déjà remplie), pour savoir où va le temps.
		const espion: Moteur = {
			...m,
			async executer(sql: string) {
				const t0 = performance.now();
				await m.executer(sql);
				console.log(`  ${Math.round(performance.now() - t0)} ms  ${sql.slice(0, 80)}`);
			},
			async lignes<T>(r: Requete) {
				const t0 = performance.now();
				const x = await m.lignes<T>(r);
				console.log(`  ${Math.round(performance.now() - t0)} ms  ${r.sql.slice(0, 80)}`);
				return x;
			}
		};
		await importer(espion, { nom: 'big.csv', contenu: octets, nomEnregistre: 'big.csv' });
	},
	3_600_000
);
