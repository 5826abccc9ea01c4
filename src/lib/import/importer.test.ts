import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { initialiserSchema } from '$lib/db/schema';
import { ouvrirMoteurNode } from '$lib/db/node';
import { TABLES } from '$lib/db/sql/schema';
import type { Moteur } from '$lib/db/types';
import { importer, type OptionsImport } from './importer';
import { csvRejets, type RapportImport } from './rapport';
import { REELS, REFDATA } from '../../../tests/reels';

const FIXTURES = 'tests/fixtures';

let moteur: Moteur;

beforeAll(async () => {
	moteur = await ouvrirMoteurNode();
	await initialiserSchema(moteur);
}, 60_000);

async function vider() {
	for (const t of Object.values(TABLES))
		if (t.nom !== 'competence') await moteur.executer(`DELETE FROM ${t.nom}`);
}

beforeEach(vider);

const texte = (t: string) => new TextEncoder().encode(t);
const lire = (chemin: string) => new Uint8Array(readFileSync(chemin));

function imp(nom: string, contenu: Uint8Array | string, options: OptionsImport = {}) {
	return importer(
		moteur,
		{ nom, contenu: typeof contenu === 'string' ? texte(contenu) : contenu },
		options
	);
}

async function compter(table: string, ou = 'true'): Promise<number> {
	const [{ n }] = await moteur.lignes<{ n: number }>({
		sql: `SELECT count(*) AS n FROM ${table} WHERE ${ou}`,
		params: []
	});
	return Number(n);
}

/** The table's rows without `source`, sorted: what an import put there. */
async function instantane(table: string): Promise<unknown[]> {
	return moteur.lignes({ sql: `SELECT * EXCLUDE (source) FROM ${table} ORDER BY ALL`, params: [] });
}

const lignesRefusees = (r: RapportImport) => r.rejets.map((x) => x.ligne);
const motifs = (r: RapportImport) => r.rejets.flatMap((x) => x.problemes.map((p) => p.motif));

// --- 1. Les douze fichiers réels ---------------------------------------------------------------

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

// --- 2. Les mêmes fichiers réenregistrés sous Excel -------------------------------------------

const IPS = `${REFDATA}/ips/fr-en-ips-ecoles-ap2022__v2023__dijon.csv`;
const ANNUAIRE = `${REFDATA}/annuaire/fr-en-annuaire-education__2026__val-de-marne-ecoles.csv`;

function tableau(t: string): string[][] {
	return t
		.replace(/^\ufeff/, '')
		.replace(/\r?\n$/, '')
		.split(/\r?\n/)
		.map((l) => l.split(';'));
}
const ecrire = (t: string[][], fin = '\r\n') => t.map((l) => l.join(';')).join(fin) + fin;
const colonne = (t: string[][], nom: string) => t[0].indexOf(nom);
function transformer(t: string[][], nom: string, f: (v: string) => string): string[][] {
	const i = colonne(t, nom);
	return t.map((l, k) => (k === 0 ? l : l.map((v, j) => (j === i ? f(v) : v))));
}
const virgule = (v: string) => v.replace('.', ',');
const sansZero = (v: string) => v.replace(/^0+(?=\d)/, '');

describe('les fichiers réels réenregistrés sous Excel donnent les mêmes lignes', () => {
	async function memeResultat(
		table: string,
		original: string | Uint8Array,
		variante: string | Uint8Array,
		options: OptionsImport = {}
	) {
		const a = await imp('original.csv', original);
		expect(a.statut).toBe('importe');
		const attendu = await instantane(table);
		await vider();
		const b = await imp('excel.csv', variante, options);
		expect(b.statut, b.message).toBe('importe');
		expect(b.acceptees).toBe(a.acceptees);
		expect(b.rejetees).toBe(0);
		expect(await instantane(table)).toEqual(attendu);
		return b;
	}

	it('Windows-1252, avec ’ œ € dans les noms', async () => {
		let t = tableau(readFileSync(ANNUAIRE, 'utf8'));
		t = transformer(t, 'Nom_etablissement', (v) => `${v} – l’Œuvre œcuménique à 5 €`);
		const utf8 = ecrire(t);
		const cp1252 = new Uint8Array(iconv.encode(utf8, 'win1252'));
		const r = await memeResultat('ecole', utf8, cp1252);
		expect(r.lecture.encodage).toBe('windows-1252');
		expect(await compter('ecole', "nom LIKE '%l’Œuvre œcuménique à 5 €'")).toBe(613);
	});

	it('décimales avec une virgule (IPS, effectifs, coordonnées)', async () => {
		const ips = tableau(readFileSync(IPS, 'utf8'));
		await memeResultat(
			'ips',
			ecrire(ips),
			ecrire(transformer(transformer(ips, 'ips', virgule), 'effectifs', virgule))
		);
		await vider();
		let a = tableau(readFileSync(ANNUAIRE, 'utf8'));
		const original = ecrire(a);
		a = transformer(transformer(a, 'latitude', virgule), 'longitude', virgule);
		a = transformer(a, 'SIREN_SIRET', (v) => (v ? `${v.slice(0, 1)},${v.slice(1, 6)}E+13` : v));
		await memeResultat('ecole', original, ecrire(a));
	});

	it('zéros de tête perdus : département 21, UAI 210154D', async () => {
		const ips = tableau(readFileSync(IPS, 'utf8'));
		const excel = transformer(transformer(ips, 'code_du_departement', sansZero), 'uai', sansZero);
		expect(excel[1][colonne(excel, 'uai')]).toBe('210154D');
		await memeResultat('ips', ecrire(ips), ecrire(excel));
		await vider();
		const a = tableau(readFileSync(ANNUAIRE, 'utf8'));
		const b = transformer(
			transformer(
				transformer(a, 'Code_departement', sansZero),
				'Identifiant_de_l_etablissement',
				sansZero
			),
			'Code_academie',
			sansZero
		);
		await memeResultat('ecole', ecrire(a), ecrire(b));
	});

	it('dates au format 03/09/2024', async () => {
		const a = tableau(readFileSync(ANNUAIRE, 'utf8'));
		const fr = (v: string) => v.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');
		const b = transformer(transformer(a, 'date_ouverture', fr), 'date_maj_ligne', fr);
		expect(b[1][colonne(b, 'date_ouverture')]).toBe('01/05/1965');
		await memeResultat('ecole', ecrire(a), ecrire(b));
		await vider();
		const formations = `annee_scolaire;identifiant_dispositif;libelle_dispositif;identifiant_module;libelle_module;type;discipline;theme;date;duree_h;modalite;agent_id;uai_ecole;presence
2024-2025;AP-1;Animations;AP-1-M1;Le nombre;animation pédagogique;MA;CE1-MA-PROBLEMES;2024-10-09;3;présentiel;AG-1;0219901Y;1
2024-2025;AP-1;Animations;AP-1-M1;Le nombre;animation pédagogique;MA;CE1-MA-PROBLEMES;2024-10-09;3;présentiel;AG-2;0219902Z;0
`;
		await memeResultat(
			'formation',
			formations,
			formations.replaceAll('2024-10-09', '09/10/2024').replaceAll(';3;', ';3,0;')
		);
	});

	it('colonnes dans un autre ordre', async () => {
		const ips = tableau(readFileSync(IPS, 'utf8'));
		const renverse = ips.map((l) => [...l].reverse());
		await memeResultat('ips', ecrire(ips), ecrire(renverse));
	});

	it('tout à la fois : Windows-1252, virgules, zéros perdus, CRLF, colonnes déplacées', async () => {
		const ips = tableau(readFileSync(IPS, 'utf8'));
		let excel = transformer(transformer(ips, 'ips', virgule), 'effectifs', virgule);
		excel = transformer(transformer(excel, 'uai', sansZero), 'code_du_departement', sansZero);
		excel = transformer(excel, 'nom_de_l_etablissment', (v) => `${v} d’Œ`);
		excel = excel.map((l) => [l[4], ...l.slice(0, 4), ...l.slice(5)]);
		await memeResultat(
			'ips',
			ecrire(ips, '\n'),
			new Uint8Array(iconv.encode(ecrire(excel), 'win1252'))
		);
	});
});

// --- 3. Entrées abîmées ------------------------------------------------------------------------

const ENTETE =
	'annee_scolaire;uai;niveau;discipline;competence_id;competence_libelle;n_eleves;n_besoin;n_fragile;n_satisfaisant';
const L1 = '2024-2025;0219901Y;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;40;10;12;18';
const L2 = '2024-2025;0219902Z;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;8;2;2;4';
const L3 = '2024-2025;0219904B;CP;FR;CP-FR-PHONEMES;Manipuler des phonèmes;21;2;4;15';
const evals = (...lignes: string[]) => `${[ENTETE, ...lignes].join('\n')}\n`;
const IPS_ENTETE =
	'rentree_scolaire;academie;code_du_departement;departement;uai;nom_de_l_etablissment;code_insee_de_la_commune;nom_de_la_commune;secteur;effectifs;ips';
const ips = (valeur: string) =>
	`${IPS_ENTETE}\n2022-2023;DIJON;021;COTE D'OR;0219901Y;ECOLE;21231;DIJON;public;104.0;${valeur}\n`;

interface Cas {
	nom: string;
	entree: string | Uint8Array;
	options?: OptionsImport;
	attendu: {
		statut: RapportImport['statut'];
		acceptees?: number;
		rejetees?: number;
		/** Line (as in the file) of the refused row and a pattern of its reason. */
		ligne?: number;
		motif?: RegExp;
		suggestion?: string;
		message?: RegExp;
	};
}

const PDF = texte('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
const XLSX = new Uint8Array([
	0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00
]);
const BINAIRE = new Uint8Array(Array.from({ length: 600 }, (_, i) => (i * 37 + 11) % 256));

const CAS: Cas[] = [
	{
		nom: 'lettre de contrôle fausse',
		entree: evals(L1, L2.replace('0219902Z', '0219902A')),
		attendu: {
			statut: 'importe',
			acceptees: 1,
			rejetees: 1,
			ligne: 3,
			motif: /lettre de contrôle fausse/,
			suggestion: '0219902Z'
		}
	},
	{
		nom: 'UAI de 7 caractères sans lettre',
		entree: evals(L1, L2.replace('0219902Z', '0219902')),
		attendu: { statut: 'importe', acceptees: 1, rejetees: 1, ligne: 3, motif: /UAI mal formée/ }
	},
	{
		nom: 'UAI sans son zéro de tête (acceptée)',
		entree: evals(L1, L2.replace('0219902Z', '219902Z')),
		attendu: { statut: 'importe', acceptees: 2, rejetees: 0 }
	},
	{
		nom: 'groupes dont la somme n’est pas n_eleves',
		entree: evals(L1, L2.replace(';8;2;2;4', ';8;2;2;5')),
		attendu: {
			statut: 'importe',
			acceptees: 1,
			rejetees: 1,
			ligne: 3,
			motif: /= 9, différent de n_eleves = 8/
		}
	},
	{
		nom: 'effectif négatif',
		entree: evals(L1, L2.replace(';8;2;2;4', ';8;-2;6;4')),
		attendu: { statut: 'importe', rejetees: 1, ligne: 3, motif: /valeur négative/ }
	},
	{
		nom: 'effectif décimal',
		entree: evals(L1, L2.replace(';8;2;2;4', ';8;2,4;2;4')),
		attendu: { statut: 'importe', rejetees: 1, ligne: 3, motif: /entier/, suggestion: '2' }
	},
	{
		nom: 'pourcentage 120',
		entree:
			'annee_scolaire;territoire;code_territoire;niveau;discipline;competence_id;part_satisfaisant;part_besoin\n2024-2025;FRANCE;;CE1;MA;CE1-MA-PROBLEMES;120;3\n2024-2025;ACADEMIE;07;CE1;MA;CE1-MA-PROBLEMES;48,6 %;12\n',
		attendu: {
			statut: 'importe',
			acceptees: 1,
			rejetees: 1,
			ligne: 2,
			motif: /supérieure au maximum 100/
		}
	},
	{
		nom: 'IPS « abc »',
		entree: ips('abc'),
		attendu: { statut: 'importe', acceptees: 0, rejetees: 1, ligne: 2, motif: /nombre est attendu/ }
	},
	{
		nom: 'IPS hors de 40–200',
		entree: ips('250.3'),
		attendu: { statut: 'importe', rejetees: 1, ligne: 2, motif: /maximum 200/ }
	},
	{
		nom: 'IPS « NS » (manquant, accepté)',
		entree: ips('NS'),
		attendu: { statut: 'importe', acceptees: 1, rejetees: 0 }
	},
	{
		nom: 'année « 2024/25 »',
		entree: evals(L1.replace('2024-2025', '2024/25'), L2),
		attendu: {
			statut: 'importe',
			rejetees: 1,
			ligne: 2,
			motif: /2024-2025/,
			suggestion: '2024-2025'
		}
	},
	{
		nom: 'année qui ne se suit pas « 2024-2026 »',
		entree: evals(L1, L2.replace('2024-2025', '2024-2026')),
		attendu: { statut: 'importe', rejetees: 1, ligne: 3, motif: /format 2024-2025/ }
	},
	{
		nom: 'ligne en double',
		entree: evals(L1, L2, L3, L2),
		attendu: {
			statut: 'importe',
			acceptees: 3,
			rejetees: 1,
			ligne: 5,
			motif: /en double .*ligne 3/
		}
	},
	{
		nom: 'compétence d’une autre discipline',
		entree: evals(L1, L2.replace(';MA;CE1-MA-PROBLEMES', ';FR;CE1-MA-PROBLEMES')),
		attendu: {
			statut: 'importe',
			rejetees: 1,
			ligne: 3,
			motif: /n'est pas une compétence de CE1 FR/
		}
	},
	{
		nom: 'compétence inconnue du catalogue',
		entree: evals(L1, L2.replace('CE1-MA-PROBLEMES;', 'CE1-MA-PROBLEMS;')),
		attendu: {
			statut: 'importe',
			rejetees: 1,
			ligne: 3,
			motif: /inconnue/,
			suggestion: 'CE1-MA-PROBLEMES'
		}
	},
	{
		nom: 'niveau inconnu « CE3 »',
		entree: evals(L1, L2.replace(';CE1;MA;', ';CE3;MA;')),
		attendu: { statut: 'importe', rejetees: 1, ligne: 3, motif: /valeurs possibles CP, CE1/ }
	},
	{
		nom: 'n_eleves vide',
		entree: evals(L1, L2.replace(';8;2;2;4', ';;2;2;4')),
		attendu: { statut: 'importe', rejetees: 1, ligne: 3, motif: /valeur manquante/ }
	},
	{ nom: 'fichier vide', entree: new Uint8Array(0), attendu: { statut: 'vide', message: /vide/ } },
	{ nom: 'fichier de blancs', entree: '\n\r\n  \n', attendu: { statut: 'vide' } },
	{
		nom: 'en-tête seul',
		entree: `${ENTETE}\r\n`,
		attendu: { statut: 'vide', message: /que l’en-tête/ }
	},
	{
		nom: 'en-tête inconnu',
		entree: 'Code établissement;Indice social;Année\n0219901Y;103,2;2024\n',
		attendu: { statut: 'inconnu', message: /ne reconnaît pas/ }
	},
	{
		nom: 'colonne obligatoire absente (n_fragile)',
		entree: evals(L1).replace(';n_fragile', '').replace(';12;18', ';18'),
		attendu: { statut: 'inconnu' }
	},
	{
		nom: 'séparateurs mélangés (une ligne en virgules)',
		entree: evals(L1, L2.replaceAll(';', ','), L3),
		attendu: {
			statut: 'importe',
			acceptees: 2,
			rejetees: 1,
			ligne: 3,
			motif: /incomplète : 1 valeur au lieu de 10/
		}
	},
	{
		nom: 'dernière ligne tronquée',
		entree: `${ENTETE}\n${L1}\n${L2}\n2024-2025;0219904B;CP;FR;CP-FR-PHO`,
		attendu: { statut: 'importe', acceptees: 2, rejetees: 1, ligne: 4, motif: /incomplète/ }
	},
	{
		nom: 'une valeur en trop sur une ligne',
		entree: evals(L1, `${L2};oups`, L3),
		attendu: {
			statut: 'importe',
			acceptees: 2,
			rejetees: 1,
			ligne: 3,
			motif: /trop de valeurs : 11 au lieu de 10/
		}
	},
	{
		nom: 'colonnes en plus dans l’en-tête (ignorées)',
		entree: evals(L1, L2)
			.replace(ENTETE, `${ENTETE};commentaire;=1+1`)
			.replace(/\n(2024[^\n]*)/g, '\n$1;rien;'),
		attendu: { statut: 'importe', acceptees: 2, rejetees: 0 }
	},
	{
		nom: 'valeur entre guillemets contenant « ; »',
		entree: evals(L1.replace('Résoudre des problèmes', '"Résoudre ; des ""problèmes"""'), L2),
		attendu: { statut: 'importe', acceptees: 2, rejetees: 0 }
	},
	{
		nom: 'guillemet jamais fermé au milieu',
		entree: evals(L1, L2.replace('Résoudre', '"Résoudre'), L3),
		attendu: {
			statut: 'importe',
			acceptees: 1,
			rejetees: 1,
			ligne: 3,
			motif: /guillemet non fermé : les lignes 3 à 4/
		}
	},
	{
		nom: 'BOM et CRLF',
		entree: `\ufeff${[ENTETE, L1, L2, L3].join('\r\n')}\r\n`,
		attendu: { statut: 'importe', acceptees: 3, rejetees: 0 }
	},
	{
		nom: 'fins de ligne CR seules (ancien Mac)',
		entree: `${[ENTETE, L1, L2, L3.replace('0219904B', '0219904A')].join('\r')}\r`,
		attendu: { statut: 'importe', acceptees: 2, rejetees: 1, ligne: 4, motif: /lettre de contrôle/ }
	},
	{
		nom: 'ligne vide au milieu (ignorée, numéros de ligne justes)',
		entree: `${ENTETE}\n${L1}\n\n${L2}\n${L3.replace('0219904B', '0219904A')}\n`,
		attendu: { statut: 'importe', acceptees: 2, rejetees: 1, ligne: 5, motif: /lettre de contrôle/ }
	},
	{
		nom: 'une ligne de titre avant l’en-tête',
		entree: `Export Pilotage du 3 septembre\n${evals(L1, L2.replace('0219902Z', '0219902A'))}`,
		attendu: { statut: 'importe', acceptees: 1, rejetees: 1, ligne: 4, motif: /lettre de contrôle/ }
	},
	{
		nom: 'tabulations',
		entree: evals(L1, L2).replaceAll(';', '\t'),
		attendu: { statut: 'importe', acceptees: 2 }
	},
	{
		nom: 'titre, virgules et « ; » dans les valeurs',
		entree: `Résultats (export)\n${evals(
			L1.replace('Résoudre des problèmes', 'a;b'),
			L2.replace('Résoudre des problèmes', ';')
		)
			.replaceAll(';', ',')
			.replace(',a,b,', ',a;b,')
			.replace('PROBLEMES,,,8', 'PROBLEMES,;,8')}`,
		attendu: { statut: 'importe', acceptees: 2, rejetees: 0 }
	},
	{
		nom: 'virgules et décimales entre guillemets',
		entree: `${IPS_ENTETE.replaceAll(';', ',')}\n2022-2023,DIJON,021,COTE D'OR,0219901Y,"ECOLE, PRIMAIRE",21231,DIJON,public,"104,0","114,5"\n`,
		attendu: { statut: 'importe', acceptees: 1 }
	},
	{
		nom: 'UTF-16 avec BOM (« Texte Unicode » d’Excel)',
		entree: new Uint8Array([
			0xff,
			0xfe,
			...iconv.encode(evals(L1, L2).replaceAll(';', '\t'), 'utf16le')
		]),
		attendu: { statut: 'importe', acceptees: 2 }
	},
	{
		nom: 'injection de formule dans une cellule (gardée comme texte)',
		entree: evals(
			L1.replace('Résoudre des problèmes', '"=HYPERLINK(""http://x"";""clic"")"'),
			L2.replace('0219902Z', '0219902A').replace('Résoudre des problèmes', '@SUM(1+1)')
		),
		attendu: { statut: 'importe', acceptees: 1, rejetees: 1, ligne: 3 }
	},
	{ nom: 'un PDF', entree: PDF, attendu: { statut: 'illisible', message: /PDF/ } },
	{
		nom: 'un classeur xlsx',
		entree: XLSX,
		attendu: { statut: 'illisible', message: /Enregistrer sous/ }
	},
	{ nom: 'des octets quelconques', entree: BINAIRE, attendu: { statut: 'illisible' } },
	{
		nom: 'export de circonscription sans année',
		entree: readFileSync(`${FIXTURES}/export-circonscription-ce1ma-pourcentages.csv`, 'utf8'),
		attendu: { statut: 'a_preciser', message: /année scolaire/ }
	},
	{
		nom: 'Windows-1252 seulement après l’échantillon',
		entree: new Uint8Array(
			iconv.encode(evals(L1, L2, L3.replace('Manipuler des phonèmes', 'Phonèmes’')), 'win1252')
		),
		options: { tailleEchantillon: 200 },
		attendu: { statut: 'importe', acceptees: 3 }
	}
];

describe('entrées abîmées', () => {
	it(`couvre au moins 25 cas (${CAS.length})`, () => expect(CAS.length).toBeGreaterThanOrEqual(25));

	it.each(CAS)('$nom', async ({ entree, options, attendu }) => {
		const r = await imp('cas.csv', entree, options);
		expect(r.statut, r.message).toBe(attendu.statut);
		if (attendu.acceptees !== undefined) expect(r.acceptees).toBe(attendu.acceptees);
		if (attendu.rejetees !== undefined) expect(r.rejetees).toBe(attendu.rejetees);
		if (attendu.message) expect(r.message).toMatch(attendu.message);
		if (attendu.ligne !== undefined) {
			const rejet = r.rejets.find((x) => x.ligne === attendu.ligne);
			expect(rejet, JSON.stringify(r.rejets)).toBeDefined();
			if (attendu.motif)
				expect(rejet!.problemes.map((p) => p.motif).join(' | ')).toMatch(attendu.motif);
			if (attendu.suggestion)
				expect(rejet!.problemes.map((p) => p.suggestion)).toContain(attendu.suggestion);
		}
		// Whatever happened, the report is consistent and nothing was half-loaded.
		expect(r.rejets.length).toBeLessThanOrEqual(r.rejetees);
		if (r.statut === 'importe')
			expect(
				(await compter('evaluation')) + (await compter('ips')) + (await compter('reference'))
			).toBe(r.acceptees);
		else expect(await compter('evaluation')).toBe(0);
	});

	it('propose des noms de champs pour un en-tête inconnu et accepte une correspondance', async () => {
		const fichier =
			'Code UAI;Rentree;Indice IPS;Effectif\n0219901Y;2024-2025;103,2;45\n0219902Z;2024-2025;NS;12\n';
		const r = await imp('inconnu.csv', fichier);
		expect(r.statut).toBe('inconnu');
		expect(r.signature).toMatch(/^v1-4-/);
		const ipsCandidat = r.candidats.find((c) => c.genre === 'ips_ecoles');
		expect(ipsCandidat).toBeDefined();
		const s = r.suggestions.find((x) => x.colonne === 'Effectif');
		expect(s?.proches.map((p) => p.champ)).toContain('effectifs');
		const ok = await imp('inconnu.csv', fichier, {
			correspondance: {
				genre: 'ips_ecoles',
				colonnes: {
					uai: 'Code UAI',
					annee_scolaire: 'Rentree',
					ips: 'Indice IPS',
					effectifs: 'Effectif'
				}
			}
		});
		expect(ok.statut).toBe('importe');
		expect(await instantane('ips')).toEqual([
			{ annee_scolaire: '2024-2025', uai: '0219901Y', ips: 103.2, effectifs: 45 },
			{ annee_scolaire: '2024-2025', uai: '0219902Z', ips: null, effectifs: 12 }
		]);
		const faux = await imp('inconnu.csv', fichier, {
			correspondance: { genre: 'ips_ecoles', colonnes: { uai: 'UAI de l’école' } }
		});
		expect(faux.statut).toBe('inconnu');
		expect(faux.message).toMatch(/UAI de l’école/);
	});

	it('écrit les lignes refusées dans un CSV pour Excel, formules neutralisées', async () => {
		const r = await imp(
			'casse.csv',
			evals(
				L1,
				L2.replace('0219902Z', '0219902A').replace(
					'Résoudre des problèmes',
					'"=HYPERLINK(""http://x"";""clic"")"'
				)
			)
		);
		const csv = csvRejets(r);
		expect(csv.startsWith('\ufeff')).toBe(true);
		const lignes = csv.slice(1).split('\r\n');
		expect(lignes[0]).toBe(`${ENTETE};ligne;colonne;valeur;motif;suggestion`);
		expect(lignes[1]).toContain(`"'=HYPERLINK(""http://x"";""clic"")"`);
		expect(lignes[1]).toMatch(
			/;3;uai;0219902A;lettre de contrôle fausse : 0219902Z attendu;0219902Z$/
		);
		expect(lignes[2]).toBe('');
	});

	it('lit le fichier élèves et ses libellés de groupe', async () => {
		await imp('ecoles.csv', lire(`${FIXTURES}/ecoles-ok.csv`));
		const r = await imp('eleves.csv', lire(`${FIXTURES}/eleves-ecole.csv`));
		expect(r.genre).toBe('eleves');
		expect(r.acceptees).toBe(8);
		expect(lignesRefusees(r)).toEqual([9]);
		expect(r.rejets[0].cellules).toEqual(
			'2024-2025;0219901Y;CE1;FR;CE1-FR-FLUENCE;CE1 A;EL-0002;excellent'.split(';')
		);
		expect(motifs(r)[0]).toMatch(/valeurs possibles besoin, fragile, satisfaisant/);
		// Stored per class × competence: the pupils are counted, never kept.
		expect(await instantane('classe_resultat')).toEqual([
			{
				annee_scolaire: '2024-2025',
				uai: '0219901Y',
				classe: 'CE1 A',
				niveau: 'CE1',
				discipline: 'FR',
				competence_id: 'CE1-FR-FLUENCE',
				n_eleves: 2,
				n_besoin: 0,
				n_fragile: 1,
				n_satisfaisant: 1
			},
			expect.objectContaining({ competence_id: 'CE1-MA-ADDITIONNER', n_eleves: 3, n_besoin: 1 }),
			expect.objectContaining({ competence_id: 'CE1-MA-PROBLEMES', n_eleves: 3, n_besoin: 1 })
		]);
		expect(r.tables).toEqual([
			{ table: 'classe_resultat', lignes: 3, nouvelles: 3, remplacees: 0, identiques: 0 }
		]);
		expect(r.message).toBe(
			'Résultats par élève d’une école (format Pilotage) : 8 lignes élèves importées, 1 ligne élève refusée, soit 3 résultats de classe (3 nouveaux).'
		);
		expect(r.avertissements).toEqual([]);
	});

	it('signale ses étapes : lecture, réencodage (avec la part faite), contrôle, fusion', async () => {
		// Over 4 MiB of Windows-1252: re-encoded in two blocks.
		const ligne = '2024-2025;0219901Y;CP;FR;CP-FR-SYLLABES;CP é;EL-1;besoin\n';
		const lignes = Array.from({ length: 80_000 }, (_, i) => ligne.replace('EL-1', `EL-${i}`)).join(
			''
		);
		const octets = new Uint8Array(
			iconv.encode(
				`annee_scolaire;uai;niveau;discipline;competence_id;classe;eleve_id;groupe\n${lignes}`,
				'win1252'
			)
		);
		const etapes: { etape: string; fraction?: number }[] = [];
		const r = await imp('eleves.csv', octets, { progression: (p) => etapes.push(p) });
		expect(r.statut).toBe('importe');
		expect(r.acceptees).toBe(80_000);
		const noms = [...new Set(etapes.map((e) => e.etape))];
		expect(noms).toEqual(['lecture', 'reencodage', 'controle', 'fusion']);
		const fractions = etapes.filter((e) => e.etape === 'reencodage').map((e) => e.fraction);
		expect(fractions[0]).toBe(0);
		expect(fractions.at(-1)).toBe(1);
		expect(fractions.length).toBeGreaterThanOrEqual(3);
		// A callback that throws does not stop the import.
		const r2 = await imp('eleves.csv', octets, {
			progression: () => {
				throw new Error('interface');
			}
		});
		expect(r2.statut).toBe('importe');
	});

	it('fichier élèves : doublons refusés et ôtés des comptes, réimport et remplacement par classe', async () => {
		const E = 'annee_scolaire;uai;niveau;discipline;competence_id;classe;eleve_id;groupe';
		const l = (classe: string, eleve: string, groupe: string, comp = 'CP-FR-SYLLABES') =>
			`2024-2025;0219901Y;CP;FR;${comp};${classe};${eleve};${groupe}`;
		const fichier = [
			E,
			l('CP A', 'EL-1', 'besoin'),
			l('CP A', 'EL-2', 'fragile'),
			l('CP A', 'EL-1', 'satisfaisant'), // l. 4: same pupil and competence as l. 2
			'',
			l('CP B', 'EL-3', 'satisfaisant'),
			l('CP B', 'EL-2', 'besoin'), // l. 7: same pupil in another class
			l('CP B', 'EL-3', 'satisfaisant', 'CP-FR-PHONEMES'),
			l('CP B', 'EL-4', 'sais pas')
		].join('\n');
		const r = await imp('eleves.csv', fichier);
		expect(r.statut).toBe('importe');
		// DuckDB skips the blank line: counted neither as read nor as ignored, as for other kinds.
		expect(r.lues).toBe(7);
		expect(r.ignorees).toBe(0);
		expect(r.acceptees).toBe(4);
		expect(r.rejetees).toBe(3);
		expect(lignesRefusees(r)).toEqual([4, 7, 9]);
		expect(motifs(r)).toEqual([
			'ligne en double : même annee_scolaire, uai, eleve_id, competence_id que la ligne 2',
			'ligne en double : même annee_scolaire, uai, eleve_id, competence_id que la ligne 3',
			expect.stringMatching(/valeur inattendue/)
		]);
		expect(r.rejets[0].cellules).toEqual(l('CP A', 'EL-1', 'satisfaisant').split(';'));
		const classes = () =>
			moteur.lignes({
				sql: 'SELECT classe, competence_id, n_eleves, n_besoin, n_fragile, n_satisfaisant FROM classe_resultat ORDER BY ALL',
				params: []
			});
		const attendu = [
			{
				classe: 'CP A',
				competence_id: 'CP-FR-SYLLABES',
				n_eleves: 2,
				n_besoin: 1,
				n_fragile: 1,
				n_satisfaisant: 0
			},
			{
				classe: 'CP B',
				competence_id: 'CP-FR-PHONEMES',
				n_eleves: 1,
				n_besoin: 0,
				n_fragile: 0,
				n_satisfaisant: 1
			},
			{
				classe: 'CP B',
				competence_id: 'CP-FR-SYLLABES',
				n_eleves: 1,
				n_besoin: 0,
				n_fragile: 0,
				n_satisfaisant: 1
			}
		];
		expect(await classes()).toEqual(attendu);

		// The same file again: nothing changes, and the report says so.
		const bis = await imp('eleves.csv', fichier);
		expect(bis.tables[0]).toMatchObject({ lignes: 3, nouvelles: 0, remplacees: 0, identiques: 3 });
		expect(bis.message).toMatch(/soit 3 résultats de classe \(3 déjà présents à l’identique\)/);
		expect(await classes()).toEqual(attendu);

		// A newer export of class CP A replaces its results; CP B keeps its own.
		const r3 = await imp(
			'eleves-2.csv',
			[E, l('CP A', 'EL-1', 'satisfaisant'), l('CP A', 'EL-5', 'besoin')].join('\n')
		);
		expect(r3.tables[0]).toMatchObject({ lignes: 1, nouvelles: 0, remplacees: 1, identiques: 0 });
		expect(r3.message).toMatch(/1 remplacé par une version plus récente/);
		expect(await classes()).toEqual([
			{ ...attendu[0], n_eleves: 2, n_besoin: 1, n_fragile: 0, n_satisfaisant: 1 },
			attendu[1],
			attendu[2]
		]);
	});

	it('lit le fichier d’évaluations cassé ligne par ligne', async () => {
		const r = await imp('casse.csv', lire(`${FIXTURES}/evaluations-ecoles-casse.csv`));
		expect(r.acceptees).toBe(2);
		expect(lignesRefusees(r)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
		expect(r.rejetees).toBe(10 - 1);
	});
});

// --- L'export de circonscription ---------------------------------------------------------------

describe('export de circonscription à plusieurs lignes d’en-tête', () => {
	it('le remet au format long, avec les identifiants de compétence', async () => {
		await imp('ecoles.csv', lire(`${FIXTURES}/ecoles-ok.csv`));
		const r = await imp(
			'CIRCO_ecoles_CPFR.csv',
			lire(`${FIXTURES}/export-circonscription-cpfr.csv`)
		);
		expect(r.statut, r.message).toBe('importe');
		expect(r.genre).toBe('export_circonscription');
		expect(r.libelleGenre).toMatch(/CP français, 2024-2025/);
		expect(r.acceptees).toBe(11);
		expect(r.ignorees).toBe(1);
		expect(await instantane("evaluation WHERE uai = '0219902Z'")).toEqual([
			expect.objectContaining({
				competence_id: 'CP-FR-LETTRES-SONS',
				n_eleves: 18,
				n_besoin: 3,
				n_fragile: 5,
				n_satisfaisant: 10
			}),
			expect.objectContaining({ competence_id: 'CP-FR-MOTS-ORAL', n_eleves: 18, n_besoin: 4 }),
			expect.objectContaining({ competence_id: 'CP-FR-PHONEMES', n_eleves: 18, n_besoin: 6 })
		]);
		// 0219905C (written 219905C) is not in ecoles-ok.csv: a warning, not a refusal.
		expect(await compter('evaluation', "uai = '0219905C'")).toBe(2);
		expect(r.avertissements.map((a) => a.message).join(' ')).toMatch(/0219905C/);
	});

	it('reconstitue les effectifs depuis les pourcentages, avec l’année donnée', async () => {
		const r = await imp(
			'CIRCO_ecoles_CE1MA.csv',
			lire(`${FIXTURES}/export-circonscription-ce1ma-pourcentages.csv`),
			{
				anneeScolaire: '2024-2025'
			}
		);
		expect(r.statut, r.message).toBe('importe');
		expect(await instantane('evaluation')).toEqual([
			expect.objectContaining({
				uai: '0219901Y',
				competence_id: 'CE1-MA-ADDITIONNER',
				n_eleves: 40,
				n_besoin: 6,
				n_fragile: 10,
				n_satisfaisant: 24
			}),
			expect.objectContaining({
				uai: '0219901Y',
				competence_id: 'CE1-MA-PROBLEMES',
				n_eleves: 40,
				n_besoin: 10,
				n_fragile: 12,
				n_satisfaisant: 18
			}),
			expect.objectContaining({
				uai: '0219902Z',
				competence_id: 'CE1-MA-ADDITIONNER',
				n_eleves: 8,
				n_besoin: 1,
				n_fragile: 2,
				n_satisfaisant: 5
			}),
			expect.objectContaining({
				uai: '0219902Z',
				competence_id: 'CE1-MA-PROBLEMES',
				n_eleves: 8,
				n_besoin: 2,
				n_fragile: 2,
				n_satisfaisant: 4
			})
		]);
		expect(r.avertissements.map((a) => a.message).join(' ')).toMatch(/reconstitués/);
	});

	it('refuse une ligne d’école en donnant sa ligne dans l’export', async () => {
		const casse = readFileSync(`${FIXTURES}/export-circonscription-cpfr.csv`, 'utf8').replace(
			'0219902Z;ECOLE PRIMAIRE DU CENTRE;18;4;22,2;5',
			'0219902Z;ECOLE PRIMAIRE DU CENTRE;18;4;22,2;6'
		);
		const r = await imp('circo.csv', casse);
		expect(r.acceptees).toBe(10);
		expect(lignesRefusees(r)).toEqual([8]);
		expect(motifs(r)[0]).toMatch(/différent de n_eleves = 18/);
	});
});

// --- 5. Réimport, remplacement, échec ----------------------------------------------------------

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
				if (sql.startsWith('INSERT INTO "evaluation"')) throw new Error('disque plein (simulé)');
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

// --- Octets difficiles (#14) ------------------------------------------------------------------

/** A valid UAI (7 digits and their check letter). */
const uaiValide = (n: number) => {
	const chiffres = String(2100000 + n).padStart(7, '0');
	return `${chiffres}${'ABCDEFGHJKLMNPRSTUVWXYZ'[Number(chiffres) % 23]}`;
};
const ligneEval = (n: number, libelle = 'Résoudre des problèmes') =>
	`2024-2025;${uaiValide(n)};CE1;MA;CE1-MA-PROBLEMES;${libelle};8;2;2;4`;

describe('octets difficiles', () => {
	const LIBELLES_EXACTS =
		"competence_libelle IN ('Résoudre des problèmes', 'Manipuler des phonèmes') AND n_satisfaisant IN (4, 15, 18)";

	it.each([
		['un fichier LF avec une ligne CRLF', `${ENTETE}\n${L1}\r\n${L2}\n${L3}\n`, /1 CRLF.*3 LF/],
		['un fichier CRLF avec une ligne LF', `${ENTETE}\r\n${L1}\r\n${L2}\n${L3}\r\n`, /3 CRLF.*1 LF/],
		['un CR seul dans un fichier LF', `${ENTETE}\n${L1}\r${L2}\n${L3}\n`, /3 LF.*1 CR seul/]
	])(
		'fins de ligne mêlées : %s, toutes les lignes importées et le mélange dit',
		async (_, csv, sortes) => {
			// The mix seen in the sample, and only further on (DuckDB's reader stops on it).
			for (const tailleEchantillon of [undefined, ENTETE.length + 4]) {
				await vider();
				const r = await imp('mele.csv', csv, { tailleEchantillon });
				expect(r.statut, r.message).toBe('importe');
				expect(r).toMatchObject({ acceptees: 3, rejetees: 0 });
				expect(await compter('evaluation', LIBELLES_EXACTS)).toBe(3);
				const a = r.avertissements.find((x) => /Fins de ligne mêlées/.test(x.message));
				expect(a?.message).toMatch(sortes);
			}
		}
	);

	it('fins de ligne mêlées dans un fichier Windows-1252 : lu, réencodé et uniformisé', async () => {
		const csv = `${ENTETE}\r\n${L1}\n${L2.replace('Résoudre des problèmes', 'Résoudre’')}\r\n${L3}\r\n`;
		const r = await imp('mele.csv', new Uint8Array(iconv.encode(csv, 'win1252')));
		expect(r).toMatchObject({
			statut: 'importe',
			acceptees: 3,
			lecture: { encodage: 'windows-1252' }
		});
		expect(await compter('evaluation', "competence_libelle = 'Résoudre’'")).toBe(1);
	});

	it('un fichier UTF-8 de plus de 128 Kio avec un octet Windows-1252 vers la fin : les autres lignes exactes, la ligne nommée', async () => {
		const n = 2000;
		const lignes = Array.from({ length: n }, (_, i) => ligneEval(i));
		const fautive = n - 3;
		const avant = new TextEncoder().encode(`${[ENTETE, ...lignes.slice(0, fautive)].join('\n')}\n`);
		const cp = new Uint8Array(
			iconv.encode(`${ligneEval(fautive, 'Résoudre des problèmes’')}\n`, 'win1252')
		);
		const apres = new TextEncoder().encode(`${lignes.slice(fautive + 1).join('\n')}\n`);
		const octets = new Uint8Array(Buffer.concat([avant, cp, apres]));
		expect(avant.length).toBeGreaterThan(128 * 1024);
		const r = await imp('grand.csv', octets);
		expect(r.statut, r.message).toBe('importe');
		expect(r).toMatchObject({ acceptees: n, rejetees: 0, lecture: { encodage: 'utf-8' } });
		expect(await compter('evaluation', "competence_libelle = 'Résoudre des problèmes'")).toBe(
			n - 1
		);
		expect(await compter('evaluation', "competence_libelle = 'Résoudre des problèmes’'")).toBe(1);
		const ligne = fautive + 2; // header and 1-based
		const a = r.avertissements.find((x) => /hors UTF-8/.test(x.message));
		expect(a).toMatchObject({ lignes: [ligne], nombre: 1 });
		expect(a!.message).toMatch(
			/^Ligne .* : caractères hors UTF-8, lus comme Windows-1252 ; vérifiez-la/
		);
		expect(a!.message.replace(/\D/g, '')).toContain(String(ligne));
	});

	it('refuse un fichier dont une colonne lue est répétée, sans rien charger', async () => {
		const csv = `${ENTETE};uai\n${L1};0219901Y\n${L2};0219902Z\n`;
		const r = await imp('double.csv', csv);
		expect(r.statut).toBe('illisible');
		expect(r.genre).toBe('evaluations_ecoles');
		expect(r.message).toMatch(/répète une colonne .*« uai » 2 fois \(colonnes 2 et 11\)/);
		expect(await compter('evaluation')).toBe(0);
		// The same after the user's mapping.
		const r2 = await imp('double.csv', csv, {
			correspondance: { genre: 'evaluations_ecoles', colonnes: { uai: 'uai' } }
		});
		expect(r2.statut).toBe('illisible');
		expect(await compter('evaluation')).toBe(0);
		// A repeated column that is not read changes nothing.
		const r3 = await imp(
			'double.csv',
			evals(L1, L2)
				.replace(ENTETE, `${ENTETE};note;note`)
				.replace(/\n(2024[^\n]*)/g, '\n$1;a;b')
		);
		expect(r3).toMatchObject({ statut: 'importe', acceptees: 2 });
	});

	it('un fichier de 3 Mo sans retour à la ligne : un message clair, pas « aucune ligne »', async () => {
		const r = await imp('une-ligne.csv', 'a;'.repeat(1_500_000));
		expect(r.statut).toBe('illisible');
		expect(r.message).toMatch(/La première ligne dépasse 2 Mo sans retour à la ligne/);
	});

	it('un en-tête plus long que l’échantillon (mais sous 2 Mo) est lu', async () => {
		const long = `${ENTETE};${'commentaire '.repeat(25_000)}`;
		expect(long.length).toBeGreaterThan(128 * 1024);
		const r = await imp('long.csv', `${long}\n${L1};\n${L2};\n${L3};\n`);
		expect(r.statut, r.message).toBe('importe');
		expect(r).toMatchObject({ acceptees: 3, rejetees: 0 });
	});
});
