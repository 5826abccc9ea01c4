// The importer on the twelve real refdata files, as downloaded.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TABLES } from '$lib/db/sql/schema';
import {
	compter,
	FIXTURES,
	imp,
	instantane,
	lignesRefusees,
	lire,
	moteur,
	preparerMoteur
} from './essais-import';
import { REELS, REFDATA } from '../../../tests/reels';

preparerMoteur();

// The table is shared with the end-to-end test that imports them through the page.

describe('les douze fichiers réels de refdata, tels quels', () => {
	it.each(REELS)('$fichier → $genre', async (a) => {
		const r = await imp(a.fichier.split('/')[1], lire(`${REFDATA}/${a.fichier}`));
		expect(r.genre).toBe(a.genre);
		expect(r.statut).toBe(a.statut);
		expect(r.lues).toBe(a.lues);
		expect(r.acceptees).toBe(a.acceptees);
		expect(r.rejetees).toBe(a.rejetees ?? 0);
		expect(r.ignorees).toBe(a.ignorees ?? 0);
		for (const [table, n] of Object.entries(a.tables ?? {}))
			expect(await compter(table), table).toBe(n);
		if (a.statut === 'verifie') {
			for (const t of Object.values(TABLES))
				if (t.nom !== 'competence') expect(await compter(t.nom), t.nom).toBe(0);
			expect(r.message).toMatch(/rien n’a été importé/);
		}
	});

	it('met l’IPS et les effectifs lus dans les tables, avec leurs valeurs', async () => {
		await imp('ips.csv', lire(`${REFDATA}/ips/fr-en-ips-ecoles-ap2022__v2023__dijon.csv`));
		expect(await instantane("ips WHERE uai = '0210154D'")).toEqual([
			{ annee_scolaire: '2022-2023', uai: '0210154D', ips: 114.5, effectifs: 104 }
		]);
		await imp(
			'eff.csv',
			lire(`${REFDATA}/effectifs/fr-en-ecoles-effectifs-nb_classes__2022__ille-et-vilaine.csv`)
		);
		const [e] = await moteur.lignes<Record<string, unknown>>({
			sql: "SELECT nb_classes, nb_eleves, nb_ce1 FROM effectifs WHERE uai = '0350103X' AND annee_scolaire = '2022-2023'",
			params: []
		});
		expect(e).toEqual({ nb_classes: 12, nb_eleves: 289, nb_ce1: 68 });
	});

	it('charge l’IPS des collèges et leur valeur ajoutée au brevet (IVAC), avec leurs valeurs', async () => {
		await imp('ipsc.csv', lire(`${REFDATA}/ips/fr-en-ips-colleges-ap2022__v2023__dijon.csv`));
		expect(await instantane("ips_college WHERE uai = '0210001M'")).toEqual([
			{
				annee_scolaire: '2022-2023',
				uai: '0210001M',
				secteur: 'public',
				ips: 99.9,
				ecart_type_ips: 25.1,
				effectifs: 159,
				ips_france: null,
				ips_academie: null,
				ips_departement: null
			}
		]);
		await imp(
			'ivac.csv',
			lire(`${REFDATA}/evaluations/fr-en-indicateurs-valeur-ajoutee-colleges__2022-2023__dijon.csv`)
		);
		// Session 2023 is the school year 2022-2023.
		expect(await instantane("valeur_ajoutee_college WHERE uai = '0890006Y'")).toContainEqual({
			annee_scolaire: '2022-2023',
			uai: '0890006Y',
			nb_candidats: 157,
			taux_reussite: 83,
			va_taux_reussite: -3,
			note_ecrit: 10.3,
			va_note_ecrit: 0,
			taux_acces_6e_3e: 90
		});
		expect(await compter('valeur_ajoutee_college', "annee_scolaire = '2021-2022'")).toBeGreaterThan(
			0
		);
	});

	it('tire de l’annuaire l’école, sa circonscription et son éducation prioritaire', async () => {
		await imp(
			'annuaire.csv',
			lire(`${REFDATA}/annuaire/fr-en-annuaire-education__2026__val-de-marne-ecoles.csv`)
		);
		const [e] = await moteur.lignes<Record<string, unknown>>({
			sql: "SELECT type, secteur, code_departement, code_commune, code_circonscription, latitude FROM ecole WHERE uai = '0940176F'",
			params: []
		});
		expect(e).toMatchObject({
			type: 'elementaire',
			secteur: 'public',
			code_departement: '094',
			code_commune: '94034',
			code_circonscription: '0940927X'
		});
		expect(e.latitude).toBeCloseTo(48.7511, 3);
		const [c] = await moteur.lignes<Record<string, unknown>>({
			sql: "SELECT libelle, code_departement FROM circonscription WHERE code_circonscription = '0940927X'",
			params: []
		});
		expect(c).toEqual({ libelle: 'Fresnes', code_departement: '094' });
		expect(await compter('ecole', "education_prioritaire = 'REP+'")).toBe(22);
		expect(await compter('ecole', "education_prioritaire = 'REP'")).toBe(185);
	});

	it('garde les valeurs qu’un fichier ne fournit pas (groupe de proximité, rural)', async () => {
		const ecoles = readFileSync(`${FIXTURES}/ecoles-ok.csv`, 'utf8').replace(
			/0219901Y/g,
			'0940176F'
		);
		await imp('ecoles.csv', ecoles);
		await imp(
			'annuaire.csv',
			lire(`${REFDATA}/annuaire/fr-en-annuaire-education__2026__val-de-marne-ecoles.csv`)
		);
		const [e] = await moteur.lignes<Record<string, unknown>>({
			sql: "SELECT nom, groupe_proximite, rural FROM ecole WHERE uai = '0940176F'",
			params: []
		});
		expect(e).toEqual({
			nom: 'Ecole élémentaire Robert Doisneau',
			groupe_proximite: 'Quetigny',
			rural: false
		});
	});

	it('prend les réseaux dans le bassin de formation de l’académie de Dijon', async () => {
		const annuaire = readFileSync(
			`${REFDATA}/annuaire/fr-en-annuaire-education__2026__val-de-marne-ecoles.csv`,
			'utf8'
		)
			.split('\r\n')
			.slice(0, 4)
			.map((l, i) => {
				if (i === 0) return l;
				const c = l.split(';');
				c[11] = '7'; // Code_academie after Excel: 07 → 7
				c[69] = '7214';
				c[70] = 'Réseau Dijon 3';
				return c.join(';');
			})
			.join('\r\n');
		const r = await imp('annuaire-dijon.csv', annuaire);
		expect(r.statut).toBe('importe');
		expect(await instantane('reseau')).toEqual([
			{ reseau_id: 'BASSIN-7214', type: 'autre', libelle: 'Réseau Dijon 3', uai_tete: null }
		]);
		expect(await compter('reseau_membre', "reseau_id = 'BASSIN-7214'")).toBe(3);
	});

	it('donne la vraie ligne des écoles pas encore chargées', async () => {
		await moteur.executer(`INSERT INTO ecole (uai, nom) VALUES ('0210154D', 'Chevreul')`);
		const r = await imp(
			'ips.csv',
			lire(`${REFDATA}/ips/fr-en-ips-ecoles-ap2022__v2023__dijon.csv`)
		);
		const [a] = r.avertissements;
		expect(a.nombre).toBe(904);
		// 0210154D (line 2) is known; 0210206K, 0210230L… follow it, one per line.
		expect(a.message).toMatch(/\(0210206K, 0210230L, /);
		expect(a.lignes.slice(0, 3)).toEqual([3, 4, 5]);
	});

	it('signale les pseudo-UAI en O des effectifs du second degré, avec leur ligne', async () => {
		const r = await imp(
			'2d.csv',
			lire(`${REFDATA}/effectifs/fr-en-effectifs-second-degre__2018-2019__ille-et-vilaine.csv`)
		);
		expect(lignesRefusees(r)).toEqual([52, 83, 213, 316, 388, 389, 474, 773]);
		expect(r.rejets[0].problemes[0]).toMatchObject({
			colonne: 'Numero_d_etablissement',
			valeur: '0351122O',
			motif: expect.stringMatching(/ne finit jamais par O/)
		});
		expect(r.rejets[0].cellules[2]).toBe('0351122O');
	});

	it('prend la 6e par région comme référence (ensemble des élèves, France et régions)', async () => {
		await imp(
			'6e.csv',
			lire(
				`${REFDATA}/evaluations/fr-en-evaluations_nationales_6eme_region__2017-2025__national.csv`
			)
		);
		expect(await compter('reference', "territoire = 'FRANCE'")).toBe(18);
		const [b] = await moteur.lignes<Record<string, unknown>>({
			sql: "SELECT count(*) AS n, any_value(code_territoire) AS code, any_value(niveau) AS niveau FROM reference r WHERE territoire = 'REGION_ACADEMIQUE' AND competence_id = '6E-MA-ENSEMBLE' AND code_territoire = (SELECT code_territoire FROM reference WHERE territoire = 'REGION_ACADEMIQUE' LIMIT 1)",
			params: []
		});
		expect(b).toMatchObject({ n: 9, niveau: '6E' });
	});
});
