// The data kept: re-import, replacement, a failed merge or journal write leaving data intact.

import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Moteur, Requete } from '$lib/db/types';
import { importer } from './importer';
import type { RapportImport } from './rapport';
import {
	compter,
	ENTETE,
	evals,
	FIXTURES,
	imp,
	instantane,
	L1,
	L2,
	lire,
	moteur,
	preparerMoteur,
	texte,
	vider
} from './essais-import';

preparerMoteur();

describe('garder les données', () => {
	const OK = () => lire(`${FIXTURES}/evaluations-ecoles-ok.csv`);

	it('réimporter le même fichier ne change rien', async () => {
		const a = await imp('evals.csv', OK());
		expect(a).toMatchObject({
			statut: 'importe',
			acceptees: 5,
			nouvelles: 5,
			remplacees: 0,
			identiques: 0
		});
		const avant = await moteur.lignes({ sql: 'SELECT * FROM evaluation ORDER BY ALL', params: [] });
		const b = await imp('evals.csv', OK());
		expect(b).toMatchObject({
			statut: 'importe',
			acceptees: 5,
			nouvelles: 0,
			remplacees: 0,
			identiques: 5
		});
		expect(
			await moteur.lignes({ sql: 'SELECT * FROM evaluation ORDER BY ALL', params: [] })
		).toEqual(avant);
	});

	it('un import plus récent de la même clé remplace l’ancien et le compte', async () => {
		await imp('evals.csv', OK());
		const correction = `${ENTETE}\n2024-2025;0219901Y;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;40;9;12;19\n2024-2025;0219903A;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;10;1;2;7\n`;
		const r = await imp('correction.csv', correction);
		expect(r).toMatchObject({ acceptees: 2, nouvelles: 1, remplacees: 1, identiques: 0 });
		expect(r.message).toMatch(/1 ligne remplacée/);
		expect(await compter('evaluation')).toBe(6);
		expect(
			await instantane("evaluation WHERE uai = '0219901Y' AND competence_id = 'CE1-MA-PROBLEMES'")
		).toEqual([expect.objectContaining({ n_besoin: 9, n_satisfaisant: 19 })]);
	});

	it('un échec du moteur en cours de fusion laisse les imports précédents intacts', async () => {
		await imp('evals.csv', OK());
		const avant = await moteur.lignes({ sql: 'SELECT * FROM evaluation ORDER BY ALL', params: [] });
		const cassant: Moteur = {
			...moteur,
			async executer(sql: string) {
				// The merge may send its DELETE and INSERT together: any statement that writes fails.
				if (sql.includes('INSERT INTO "evaluation"')) throw new Error('disque plein (simulé)');
				return moteur.executer(sql);
			}
		};
		const nouveau = `${ENTETE}\n2024-2025;0219901Y;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;40;1;1;38\n2024-2025;0219903A;CP;FR;CP-FR-PHONEMES;Manipuler des phonèmes;10;1;2;7\n`;
		const r = await importer(cassant, { nom: 'nouveau.csv', contenu: texte(nouveau) });
		expect(r.statut).toBe('echec');
		expect(r.message).toMatch(/n’ont pas changé/);
		expect(
			await moteur.lignes({ sql: 'SELECT * FROM evaluation ORDER BY ALL', params: [] })
		).toEqual(avant);
		const restes = await moteur.lignes({
			sql: "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'imp%' UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'imp%'",
			params: []
		});
		expect(restes).toEqual([]);
	});

	it('prend un File du navigateur, l’enregistre par moteur.enregistrerFichier puis l’oublie', async () => {
		const appels: string[] = [];
		const espion: Moteur = {
			...moteur,
			async enregistrerFichier(nom, fichier) {
				appels.push(`enregistrer ${nom} ${fichier.size}`);
				return moteur.enregistrerFichier(nom, fichier);
			},
			async oublierFichier(nom) {
				appels.push(`oublier ${nom}`);
				return moteur.oublierFichier(nom);
			}
		};
		const fichier = new Blob([OK()]);
		const r = await importer(espion, { nom: 'evals.csv', contenu: fichier });
		expect(r).toMatchObject({ statut: 'importe', acceptees: 5 });
		expect(appels).toHaveLength(2);
		expect(appels[0]).toMatch(/^enregistrer pilotage-import-\d+\.csv \d+$/);
		expect(appels[1]).toBe(appels[0].replace(/^enregistrer (\S+) .*/, 'oublier $1'));
		// A Windows-1252 File is re-encoded into a new Blob, registered the same way.
		await vider();
		appels.length = 0;
		const cp = new Blob([
			new Uint8Array(
				iconv.encode(
					readFileSync(`${FIXTURES}/evaluations-ecoles-ok.csv`, 'utf8').replaceAll(
						';Additionner;',
						';Additionner’;'
					),
					'win1252'
				)
			)
		]);
		const r2 = await importer(espion, { nom: 'evals.csv', contenu: cp });
		expect(r2).toMatchObject({
			statut: 'importe',
			acceptees: 5,
			lecture: { encodage: 'windows-1252' }
		});
		expect(await compter('evaluation', "competence_libelle = 'Additionner’'")).toBe(2);
		expect(appels.filter((a) => a.startsWith('oublier'))).toHaveLength(1);
	});

	it('attend avantValidation juste avant de valider, avec le rapport à venir', async () => {
		const ordre: string[] = [];
		const espion: Moteur = {
			...moteur,
			async executer(sql: string) {
				if (/^(BEGIN|COMMIT|ROLLBACK)/.test(sql)) ordre.push(sql.split(' ')[0]);
				return moteur.executer(sql);
			},
			// BEGIN may open the batch that stages the rows and counts them.
			async lignes<T>(r: Requete) {
				if (/^BEGIN/.test(r.sql)) ordre.push('BEGIN');
				return moteur.lignes<T>(r);
			}
		};
		let vu: RapportImport | undefined;
		const r = await importer(
			espion,
			{ nom: 'evals.csv', contenu: OK() },
			{
				avantValidation: async (rapport) => {
					vu = rapport;
					// Not committed yet: a slow journal write keeps the rows back.
					await new Promise((fin) => setTimeout(fin, 20));
					ordre.push('avantValidation');
				}
			}
		);
		expect(ordre).toEqual(['BEGIN', 'avantValidation', 'COMMIT']);
		expect(vu).toMatchObject({ statut: 'importe', acceptees: 5, nouvelles: r.nouvelles });
		expect(vu!.message).toBe(r.message);
		expect(await compter('evaluation')).toBe(r.tables[0].lignes);
	});

	it('si avantValidation échoue, tout est annulé et son erreur remonte', async () => {
		await imp('evals.csv', OK());
		const avant = await instantane('evaluation');
		const nouveau = `${ENTETE}\n2024-2025;0219901Y;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;40;1;1;38\n2024-2025;0219903A;CP;FR;CP-FR-PHONEMES;Manipuler des phonèmes;10;1;2;7\n`;
		const plein = new DOMException('quota', 'QuotaExceededError');
		await expect(
			imp('nouveau.csv', nouveau, {
				avantValidation: async () => {
					throw plein;
				}
			})
		).rejects.toBe(plein);
		expect(await instantane('evaluation')).toEqual(avant);
		const restes = await moteur.lignes({
			sql: "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'imp%' UNION ALL SELECT view_name FROM duckdb_views() WHERE view_name LIKE 'imp%'",
			params: []
		});
		expect(restes).toEqual([]);
		// The engine is usable afterwards: the same file then imports.
		expect(await imp('nouveau.csv', nouveau)).toMatchObject({ statut: 'importe', acceptees: 2 });
	});

	it('un fichier entièrement refusé ne touche à rien', async () => {
		await imp('evals.csv', OK());
		const avant = await instantane('evaluation');
		const r = await imp(
			'faux.csv',
			evals(L1.replace('2024-2025', '2024/2025'), L2.replace('0219902Z', '0219902B'))
		);
		expect(r).toMatchObject({ statut: 'importe', acceptees: 0, rejetees: 2 });
		expect(await instantane('evaluation')).toEqual(avant);
	});
});
