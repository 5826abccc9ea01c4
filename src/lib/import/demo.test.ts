import { readdirSync, readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type Moteur } from '$lib/db';
import { ouvrirMoteurNode } from '$lib/db/node';
import { initialiserSchema } from '$lib/db/schema';
import { TABLES } from '$lib/db/sql/schema';
import { genreFichierDemo, SOURCE_DEMO } from './demo';
import { moteurDemoNode } from './demo-node';
import { importer } from './importer';

/** The demo académie loaded exactly as the browser does at start, then every builder run on it. */
let moteur: Moteur;
const fichiers = readdirSync('data').filter((f) => f.endsWith('.csv'));

beforeAll(async () => {
	moteur = await moteurDemoNode();
}, 120_000);

describe('l’académie de démonstration dans le moteur', () => {
	it('reconnaît le genre de chaque fichier de data/ sauf la vérité de conception', () => {
		expect(fichiers.filter((f) => !genreFichierDemo(f))).toEqual(['demo-verite.csv']);
	});

	it('donne les mêmes tables que l’import complet de chaque fichier, qui n’en refuse aucune ligne', async () => {
		// The demo skips the importer's diagnostics because its files are trusted: this is what
		// earns the trust, and what keeps the fast path's typing equal to the importer's.
		const complet = await ouvrirMoteurNode();
		await initialiserSchema(complet);
		const refus: string[] = [];
		for (const f of fichiers.filter((f) => genreFichierDemo(f)).sort()) {
			const r = await importer(
				complet,
				{ nom: f, contenu: readFileSync(`data/${f}`) },
				{ genre: genreFichierDemo(f), source: SOURCE_DEMO }
			);
			if (r.statut !== 'importe' || r.rejetees > 0 || r.avertissements.length > 0)
				refus.push(`${f} : ${r.message}`);
		}
		expect(refus).toEqual([]);
		for (const table of Object.values(TABLES)) {
			const tout = { sql: `SELECT * FROM "${table.nom}" ORDER BY ALL`, params: [] };
			expect(await moteur.lignes(tout), table.nom).toEqual(await complet.lignes(tout));
		}
	}, 240_000);

	it('charge chaque ligne de chaque fichier', async () => {
		const lignesCsv = (f: string) =>
			readFileSync(`data/${f}`, 'utf8').trimEnd().split('\n').length - 1;
		const compte = async (table: string) =>
			(
				await moteur.lignes<{ n: number }>({
					sql: `SELECT count(*) AS n FROM ${table}`,
					params: []
				})
			)[0].n;
		expect(await compte('ecole')).toBe(lignesCsv('ecoles.csv'));
		expect(await compte('evaluation')).toBe(lignesCsv('evaluations-ecoles.csv'));
		expect(await compte('ips')).toBe(lignesCsv('ips-ecoles.csv'));
		expect(await compte('effectifs')).toBe(lignesCsv('effectifs-ecoles.csv'));
		expect(await compte('formation')).toBe(lignesCsv('formations.csv'));
		expect(await compte('reseau_membre')).toBe(lignesCsv('reseaux.csv'));
	});

	it('donne les chiffres de l’accueil', async () => {
		const [c] = await moteur.lignes<Record<string, number | string>>(sql.chiffresAcademie());
		expect(c.ecoles).toBeGreaterThan(1400);
		expect(c.reseaux_ep).toBe(23);
		expect(c.reseaux_ter).toBe(12);
		expect(c.derniere_annee).toBe('2024-2025');
		expect(c.nb_annees).toBe(5);
		expect(c.eleves_evalues).toBeGreaterThan(20_000);
	});

	it('trouve les écoles de Quetigny et la circonscription Dijon Est dans l’index de recherche', async () => {
		const entites = await moteur.lignes<{ genre: string; libelle: string; commune: string }>(
			sql.entitesRecherchables()
		);
		expect(
			entites.filter((e) => e.genre === 'ecole' && e.commune === 'Quetigny').length
		).toBeGreaterThan(2);
		expect(entites.some((e) => e.genre === 'circonscription' && e.libelle === 'Dijon Est')).toBe(
			true
		);
	});

	it('donne le portrait et les résultats d’une école, toutes années', async () => {
		const [p] = await moteur.lignes<Record<string, unknown>>(sql.portraitEcole('0219099B'));
		expect(p).toMatchObject({ commune: 'Chevigny-Saint-Sauveur', circonscription: 'Dijon Est' });
		expect(p.ips).toBeGreaterThan(90);
		const r = await moteur.lignes<{ annee_scolaire: string; niveau: string; ips: number }>(
			sql.resultatsEcole('0219099B')
		);
		expect(new Set(r.map((x) => x.annee_scolaire)).size).toBe(5);
		expect(r.filter((x) => x.niveau === 'CM1').every((x) => x.annee_scolaire >= '2023-2024')).toBe(
			true
		);
		expect(r.every((x) => typeof x.ips === 'number')).toBe(true);
	});

	it('cumule les résultats d’une circonscription égaux à la somme de ses écoles', async () => {
		const [circo] = await moteur.lignes<{ code: string }>({
			sql: "SELECT code_circonscription AS code FROM circonscription WHERE libelle = 'Dijon Est'",
			params: []
		});
		const cumul = await moteur.lignes<{
			annee_scolaire: string;
			competence_id: string;
			n_eleves: number;
			nb_ecoles: number;
		}>(sql.resultatsCirconscription(circo.code));
		const ligne = cumul.find(
			(c) => c.annee_scolaire === '2024-2025' && c.competence_id === 'CE1-MA-PROBLEMES'
		)!;
		const [somme] = await moteur.lignes<{ n: number; ecoles: number }>({
			sql: `SELECT sum(n_eleves) AS n, count(*) AS ecoles FROM evaluation JOIN ecole USING (uai)
			WHERE code_circonscription = ? AND annee_scolaire = '2024-2025' AND competence_id = 'CE1-MA-PROBLEMES'`,
			params: [circo.code]
		});
		expect(ligne.n_eleves).toBe(somme.n);
		expect(ligne.nb_ecoles).toBe(somme.ecoles);
	});

	it('exécute sans erreur chaque requête nommée', async () => {
		const requetes = [
			sql.anneesEvaluees(),
			sql.populationReference('2024-2025'),
			sql.resultatsAcademie(),
			sql.resultatsDepartement('021'),
			sql.resultatsReseau('REPP-CHENOVE'),
			sql.reseauxDeEcole('0219099B'),
			sql.ipsMoyenTerritoires('2024-2025', '021'),
			sql.references('2024-2025'),
			sql.inventaire(),
			sql.ficheCollege('0218011U'),
			sql.reseauxCollege('0218011U'),
			sql.ipsMoyensColleges('2024-2025'),
			sql.valeurAjouteeCollege('0218011U'),
			sql.ecolesSecteur('0218011U'),
			sql.collegesDeSecteur()
		];
		for (const r of requetes) expect((await moteur.lignes(r)).length, r.sql).toBeGreaterThan(0);
	});
});
