// Mesure de l'import d'un fichier élèves d'un million de lignes (issue 8) : lancer avec
// BENCH=1000000 npx vitest run --project unit src/lib/import/bench.test.ts
import { it } from 'vitest';
import { initialiserSchema } from '$lib/db/chargement';
import { ouvrirMoteurNode } from '$lib/db/node';
import type { Moteur, Requete } from '$lib/db/types';
import { COMPETENCES } from '$lib/domain/competences';
import { importer } from './importer';

it.skipIf(!process.env.BENCH)(
	'import d’un fichier élèves d’un million de lignes',
	async () => {
		const m = await ouvrirMoteurNode();
		await initialiserSchema(m);
		const N = Number(process.env.BENCH);
		const comps = COMPETENCES.filter((c) => c.niveau === 'CP' || c.niveau === 'CE1');
		const G = ['besoin', 'fragile', 'satisfaisant'];
		const parts: string[] = [
			'annee_scolaire;uai;niveau;discipline;competence_id;classe;eleve_id;groupe\n'
		];
		for (let i = 0; i < N; i++) {
			const c = comps[i % comps.length];
			const e = Math.floor(i / comps.length);
			parts.push(
				`2024-2025;0219099B;${c.niveau};${c.discipline};${c.id};${c.niveau} A;EL-${e.toString(16).padStart(8, '0')};${G[(i * 7) % 3]}\n`
			);
		}
		const octets = new TextEncoder().encode(parts.join(''));
		await m.enregistrerOctets('big.csv', octets);
		const meilleur = async (nom: string, f: () => Promise<unknown>, n = 3) => {
			let best = Infinity;
			for (let k = 0; k < n; k++) {
				const t0 = performance.now();
				await f();
				best = Math.min(best, performance.now() - t0);
			}
			console.log(`${nom}: ${Math.round(best)} ms (meilleur de ${n})`);
			return best;
		};
		const brut = await meilleur('read_csv brut (CREATE TABLE AS, types détectés)', () =>
			m.executer(
				`CREATE OR REPLACE TEMP TABLE brut AS SELECT * FROM read_csv('big.csv', delim=';', header=true)`
			)
		);
		await m.executer('DROP TABLE brut');
		const vider = () => m.executer('DELETE FROM eleve_resultat');
		let duree = Infinity;
		for (let k = 0; k < 3; k++) {
			await vider();
			const t0 = performance.now();
			await importer(m, { nom: 'big.csv', contenu: octets, nomEnregistre: 'big.csv' });
			duree = Math.min(duree, performance.now() - t0);
		}
		console.log(
			`import complet (table vide): ${Math.round(duree)} ms, ratio ${(duree / brut).toFixed(2)}`
		);
		const reimport = await meilleur('réimport (mêmes lignes déjà chargées)', () =>
			importer(m, { nom: 'big.csv', contenu: octets, nomEnregistre: 'big.csv' })
		);
		console.log(`ratio réimport ${(reimport / brut).toFixed(2)}`);
		// Étapes du dernier import, pour savoir où va le temps.
		await vider();
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
	900_000
);
