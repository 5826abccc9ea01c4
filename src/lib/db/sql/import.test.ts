import { beforeAll, describe, expect, it } from 'vitest';
import { initialiserSchema } from '../schema';
import { ouvrirMoteurNode } from '../node';
import type { Moteur } from '../types';
import * as q from './import';
import { TABLES } from './schema';

let moteur: Moteur;
let n = 0;

beforeAll(async () => {
	moteur = await ouvrirMoteurNode();
	await initialiserSchema(moteur);
}, 60_000);

/** Runs one rule over cells (one row each) and returns the typed value, reason and suggestion. */
async function regle(r: q.RegleChamp, cellules: string[]) {
	const fichier = `regle-${++n}.csv`;
	const quote = (c: string) => `"${c.replaceAll('"', '""')}"`;
	await moteur.enregistrerTexte(fichier, `x\n${cellules.map(quote).join('\n')}\n`);
	const plan: q.PlanImport = {
		lecture: { fichier, separateur: ';', lignesAvant: 1, nbColonnes: 1 },
		champs: [{ ...r, nom: 'x', colonne: 0, libelle: 'x' }],
		controles: [],
		cle: [],
		cibles: [],
		source: 's',
		prefixe: `r${n}`
	};
	await moteur.executer(q.creerVerification(plan));
	await moteur.executer(q.creerDoublons(plan));
	await moteur.executer(q.creerRejets(plan));
	const lignes = await moteur.lignes<{
		v: unknown;
		motif: string | null;
		suggestion: string | null;
	}>({
		sql: `SELECT v.v_0 AS v, r.motif, r.suggestion FROM (SELECT rowid AS rang, v_0 FROM r${n}_verif) v LEFT JOIN r${n}_rejet r USING (rang) ORDER BY v.rang`,
		params: []
	});
	await moteur.executer(q.supprimerTemporaires(plan));
	return lignes;
}

const valeurs = async (r: q.RegleChamp, c: string[]) => (await regle(r, c)).map((x) => x.v);

describe('règles compilées en SQL', () => {
	it('UAI : forme, lettre de contrôle, zéro de tête perdu, minuscules, pseudo-UAI', async () => {
		const r = await regle({ type: 'uai', requis: true }, [
			'0219901Y',
			' 219901y ',
			'0219901Z',
			'021990',
			'0351122O',
			'NS',
			'-'
		]);
		expect(r.map((x) => x.v)).toEqual(['0219901Y', '0219901Y', null, null, null, null, null]);
		expect(r[2]).toMatchObject({
			motif: 'lettre de contrôle fausse : 0219901Y attendu',
			suggestion: '0219901Y'
		});
		expect(r[3].motif).toMatch(/mal formée/);
		expect(r[4].motif).toMatch(/ne finit jamais par O/);
		expect(r[5].motif).toBe('valeur manquante');
		expect(r[6].motif).toBe('valeur manquante');
	});

	it('année scolaire : 2024-2025, espaces, année seule selon le fichier', async () => {
		expect(
			await valeurs({ type: 'annee' }, ['2024-2025', '2024 - 2025', '2024', '2024/25', '2024-2026'])
		).toEqual(['2024-2025', '2024-2025', null, null, null]);
		expect(
			await valeurs({ type: 'annee', anneeSeule: 'debut' }, ['2024', '2024.0', '2024-2025'])
		).toEqual(['2024-2025', '2024-2025', '2024-2025']);
		expect(await valeurs({ type: 'annee', anneeSeule: 'fin' }, ['2023'])).toEqual(['2022-2023']);
		const [s] = await regle({ type: 'annee' }, ['2024/25']);
		expect(s).toMatchObject({
			motif: 'année scolaire attendue au format 2024-2025',
			suggestion: '2024-2025'
		});
	});

	it('nombres : virgule, espaces, pourcentages, notation scientifique, bornes, entiers', async () => {
		expect(
			await valeurs({ type: 'decimal' }, [
				'12.5',
				'12,5',
				'1 234,5',
				'1\u00a0234',
				'2,12102E+13',
				'NS',
				'-',
				'abc'
			])
		).toEqual([12.5, 12.5, 1234.5, 1234, 21210200000000, null, null, null]);
		expect(await valeurs({ type: 'pourcentage' }, ['12,5 %', '100', '100,1', '-1'])).toEqual([
			12.5,
			100,
			null,
			null
		]);
		const e = await regle({ type: 'entier', min: 0, max: 50 }, [
			'12',
			'12.0',
			'12,4',
			'-1',
			'51',
			'nan',
			'inf'
		]);
		expect(e.map((x) => x.v)).toEqual([12, 12, null, null, null, null, null]);
		expect(e.slice(2).map((x) => x.motif)).toEqual([
			'un nombre entier est attendu',
			'valeur négative',
			'valeur supérieure au maximum 50',
			'un nombre est attendu',
			'un nombre est attendu'
		]);
		expect(e[2].suggestion).toBe('12');
	});

	it('dates, départements, communes, booléens', async () => {
		expect(
			await valeurs({ type: 'date' }, [
				'2024-09-03',
				'03/09/2024',
				'3/9/2024',
				'2024-09-03 00:00:00',
				'31/02/2024',
				'03/09/24'
			])
		).toEqual(
			[19969, 19969, 19969, 19969, null, null].map((j) => (j === null ? null : j * 86_400_000))
		);
		expect(await valeurs({ type: 'departement' }, ['021', '21', '2A', '971', 'x'])).toEqual([
			'021',
			'021',
			'02A',
			'971',
			null
		]);
		expect(await valeurs({ type: 'commune' }, ['21231', '1004', '2A004', '123'])).toEqual([
			'21231',
			'01004',
			'2A004',
			null
		]);
		expect(await valeurs({ type: 'booleen' }, ['1', 'Oui', 'faux', 'peut-être'])).toEqual([
			true,
			true,
			false,
			null
		]);
	});

	it('listes de valeurs : orthographe canonique, variantes sans accents ni casse, inconnues', async () => {
		const r = await regle(
			{ type: 'enum', valeurs: { 'rep+': 'REP+', 'rep +': 'REP+', rep: 'REP' } },
			['REP+', 'rep +', 'Rep', 'RRS', '']
		);
		expect(r.map((x) => x.v)).toEqual(['REP+', 'REP+', 'REP', null, null]);
		expect(r[3]).toMatchObject({
			motif: 'valeur inattendue : valeurs possibles REP+, REP',
			suggestion: 'REP+ | REP'
		});
		expect(r[4].motif).toBeNull();
	});

	it('texte : espaces et tabulations autour retirés, forme imposée', async () => {
		expect(await valeurs({ type: 'texte' }, ['  a b  ', '\tx\t', '', 'NS'])).toEqual([
			'a b',
			'x',
			null,
			'NS'
		]);
		const r = await regle(
			{ type: 'texte', forme: { regex: 'EL-[0-9]+', message: 'identifiant EL-…' } },
			['EL-1', 'Dupont']
		);
		expect(r.map((x) => [x.v, x.motif])).toEqual([
			['EL-1', null],
			[null, 'identifiant EL-…']
		]);
	});

	it('garde comme simples valeurs des en-têtes, une source et un nom de fichier hostiles', async () => {
		const hostile = `a"; DROP TABLE ecole; --'`;
		const fichier = `f'"${++n}.csv`;
		await moteur.enregistrerTexte(fichier, `${hostile}\n0219901Z\n`);
		const plan: q.PlanImport = {
			lecture: { fichier, separateur: ';', lignesAvant: 1, nbColonnes: 1 },
			champs: [{ type: 'uai', nom: 'uai', colonne: 0, libelle: hostile }],
			controles: [],
			cle: ['uai'],
			cibles: [],
			source: hostile,
			prefixe: `h${n}`
		};
		await moteur.executer(q.creerVerification(plan));
		await moteur.executer(q.creerDoublons(plan));
		await moteur.executer(q.creerRejets(plan));
		const [r] = await moteur.lignes<{ colonne: string }>({
			sql: q.lireRejets(plan, 5),
			params: []
		});
		expect(r.colonne).toBe(hostile);
		const [{ n: ecoles }] = await moteur.lignes<{ n: number }>({
			sql: `SELECT count(*) AS n FROM ${TABLES.ecole.nom}`,
			params: []
		});
		expect(Number(ecoles)).toBe(0);
		await moteur.executer(q.supprimerTemporaires(plan));
	});

	it('lit le fichier tout en texte, erreurs de structure à part', () => {
		const sql = q.lireCsv({
			lecture: { fichier: "o'k.csv", separateur: '\t', lignesAvant: 2, nbColonnes: 2 },
			champs: [],
			controles: [],
			cle: [],
			cibles: [],
			source: '',
			prefixe: 'p'
		});
		expect(sql).toContain(`read_csv('o''k.csv', delim='\t'`);
		expect(sql).toContain('skip=2');
		expect(sql).toContain("columns={'c0': 'VARCHAR', 'c1': 'VARCHAR'}");
		expect(sql).toContain("store_rejects=true, rejects_table='p_rejets_csv'");
	});
});
