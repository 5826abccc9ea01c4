import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estUaiValide } from '../src/lib/domain/uai';
import { ecrireDemo, type Demo } from './demo/generer';

const DATA = new URL('../data/', import.meta.url);
const REFDATA = new URL('../tests/fixtures/reels/', import.meta.url);

type Ligne = Record<string, string>;

function lireCsv(texte: string): Ligne[] {
	const [entete, ...lignes] = texte
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.filter((l) => l !== '');
	const colonnes = entete.split(';');
	return lignes.map((l) => {
		const cellules = l.split(';');
		return Object.fromEntries(colonnes.map((c, i) => [c, cellules[i] ?? '']));
	});
}

let dossiers: string[] = [];
let demo: Demo;
const lus = new Map<string, Ligne[]>();
const fichier = (nom: string): Ligne[] => {
	let l = lus.get(nom);
	if (!l) lus.set(nom, (l = lireCsv(demo.fichiers.get(nom) ?? '')));
	return l;
};

beforeAll(() => {
	dossiers = [mkdtempSync(join(tmpdir(), 'demo-a-')), mkdtempSync(join(tmpdir(), 'demo-b-'))];
	demo = ecrireDemo(dossiers[0]);
	ecrireDemo(dossiers[1]);
});

afterAll(() => {
	for (const d of dossiers) rmSync(d, { recursive: true, force: true });
});

describe('générateur de l’académie de démonstration', () => {
	it('produit les mêmes octets à chaque exécution, identiques à data/', () => {
		const noms = readdirSync(dossiers[0]).sort();
		expect(readdirSync(dossiers[1]).sort()).toEqual(noms);
		expect(readdirSync(DATA).sort()).toEqual(noms);
		for (const nom of noms) {
			const a = readFileSync(join(dossiers[0], nom));
			expect(a.equals(readFileSync(join(dossiers[1], nom))), nom).toBe(true);
			expect(a.equals(readFileSync(new URL(nom, DATA))), `${nom} diffère de data/`).toBe(true);
		}
	});

	it('écrit UTF-8 sans BOM, LF, et les en-têtes des formats', () => {
		for (const [nom, contenu] of demo.fichiers) {
			expect(contenu.startsWith('\uFEFF'), nom).toBe(false);
			expect(contenu.includes('\r'), nom).toBe(false);
		}
		const entete = (nom: string) => (demo.fichiers.get(nom) ?? '').split('\n')[0];
		expect(entete('ecoles.csv')).toBe(
			'uai;nom;type;secteur;code_commune;commune;code_departement;code_circonscription;groupe_proximite;education_prioritaire;rural;latitude;longitude'
		);
		expect(entete('evaluations-ecoles.csv')).toBe(
			'annee_scolaire;uai;niveau;discipline;competence_id;competence_libelle;n_eleves;n_besoin;n_fragile;n_satisfaisant'
		);
		expect(entete('ips-ecoles.csv')).toBe(
			'rentree_scolaire;academie;code_du_departement;departement;uai;nom_de_l_etablissment;code_insee_de_la_commune;nom_de_la_commune;secteur;effectifs;ips'
		);
		const enteteReel = readFileSync(
			new URL('effectifs/fr-en-ecoles-effectifs-nb_classes__2022__ille-et-vilaine.csv', REFDATA),
			'utf8'
		)
			.replace(/^\uFEFF/, '')
			.split(/\r?\n/)[0];
		expect(entete('effectifs-ecoles.csv')).toBe(enteteReel);
	});

	it('n’utilise que des UAI valides, qui ne collisionnent avec aucune UAI réelle', () => {
		const nos = new Set<string>();
		for (const e of fichier('ecoles.csv')) nos.add(e.uai).add(e.code_circonscription);
		for (const c of fichier('colleges.csv')) nos.add(c.uai);
		for (const r of fichier('reseaux.csv')) nos.add(r.uai_tete).add(r.uai_membre);
		for (const u of nos) expect(estUaiValide(u), u).toBe(true);
		const ecoles = new Set(fichier('ecoles.csv').map((e) => e.uai));
		for (const nom of ['evaluations-ecoles.csv', 'ips-ecoles.csv', 'formations.csv']) {
			const inconnues = fichier(nom).filter((l) => !ecoles.has(l.uai ?? l.uai_ecole));
			expect(inconnues.slice(0, 3), nom).toEqual([]);
		}

		const reelles = new Set<string>();
		for (const f of [
			'ips/fr-en-ips-ecoles-ap2022__v2023__dijon.csv',
			'ips/fr-en-ips_ecoles__2021-2022__dijon.csv',
			'ips/fr-en-ips-colleges-ap2022__v2023__dijon.csv',
			'ips/fr-en-ips-lycees-ap2022__v2023__dijon.csv',
			'geoloc/fr-en-adresse-et-geolocalisation-etablissements__colleges__dijon.csv'
		]) {
			for (const m of readFileSync(new URL(f, REFDATA), 'utf8').matchAll(/\b\d{7}[A-Z]\b/g))
				reelles.add(m[0]);
		}
		expect(reelles.size).toBeGreaterThan(1000);
		for (const u of nos) expect(reelles.has(u), u).toBe(false);
	});

	it('a des groupes qui s’additionnent, et le CM1 seulement depuis 2023-2024', () => {
		const lignes = fichier('evaluations-ecoles.csv');
		expect(lignes.length).toBeGreaterThan(100_000);
		// Un expect par ligne coûterait plusieurs secondes sur ~180 000 lignes : on compte.
		const fautives = lignes.filter((l) => {
			const n = Number(l.n_eleves);
			const somme = Number(l.n_besoin) + Number(l.n_fragile) + Number(l.n_satisfaisant);
			const cm1Trop = l.niveau === 'CM1' && !['2023-2024', '2024-2025'].includes(l.annee_scolaire);
			return !(n > 0) || somme !== n || l.competence_libelle === '' || cm1Trop;
		});
		expect(fautives.slice(0, 3)).toEqual([]);
		expect(lignes.some((l) => l.niveau === 'CM1')).toBe(true);
		const annees = new Set(lignes.map((l) => l.annee_scolaire));
		expect([...annees].sort()).toEqual([
			'2020-2021',
			'2021-2022',
			'2022-2023',
			'2023-2024',
			'2024-2025'
		]);
		for (const l of fichier('evaluations-colleges.csv')) {
			const somme = [1, 2, 3, 4, 5, 6].reduce((s, k) => s + Number(l[`groupe_${k}`]), 0);
			expect(somme).toBe(Number(l.n_eleves));
		}
	});

	it('a des circonscriptions de 20 à 60 écoles, dont Dijon Est et ses quatre groupes', () => {
		const ecoles = fichier('ecoles.csv');
		const circos = fichier('circonscriptions.csv');
		expect(ecoles.length).toBeGreaterThan(1400);
		expect(ecoles.length).toBeLessThan(1800);
		const maternelles = ecoles.filter((e) => e.type === 'maternelle').length;
		expect(maternelles / ecoles.length).toBeGreaterThan(0.2);
		expect(maternelles / ecoles.length).toBeLessThan(0.35);
		for (const c of circos) {
			const n = ecoles.filter((e) => e.code_circonscription === c.code_circonscription).length;
			expect(n, c.libelle).toBeGreaterThanOrEqual(20);
			expect(n, c.libelle).toBeLessThanOrEqual(60);
		}
		const dijonEst = circos.find((c) => c.libelle === 'Dijon Est');
		expect(dijonEst).toBeDefined();
		const siennes = ecoles.filter((e) => e.code_circonscription === dijonEst?.code_circonscription);
		expect(new Set(siennes.map((e) => e.groupe_proximite))).toEqual(
			new Set(['Chevigny', 'Quetigny', 'Saint-Apollinaire', 'Dijon Est périurbain'])
		);
		for (const e of ecoles) expect(e.rural).toBe(e.rural === '1' ? '1' : '0');
	});

	it('a 22 REP, 1 REP+ autour de Chenôve et 12 TER dans la Nièvre', () => {
		const reseaux = fichier('reseaux.csv');
		const ids = (type: string) =>
			new Set(reseaux.filter((r) => r.type === type).map((r) => r.reseau_id));
		expect(ids('REP').size).toBe(22);
		expect([...ids('REP+')]).toEqual(['REPP-CHENOVE']);
		expect(ids('TER').size).toBe(12);
		const ecoles = new Map(fichier('ecoles.csv').map((e) => [e.uai, e]));
		for (const type of ['REP', 'REP+']) {
			for (const id of ids(type)) {
				const membres = reseaux.filter((r) => r.reseau_id === id && r.uai_membre !== r.uai_tete);
				expect(membres.length).toBeGreaterThanOrEqual(4);
				expect(membres.length).toBeLessThanOrEqual(10);
				for (const m of membres) expect(ecoles.get(m.uai_membre)?.education_prioritaire).toBe(type);
			}
		}
		for (const id of ids('TER')) {
			for (const m of reseaux.filter((r) => r.reseau_id === id && r.uai_membre !== r.uai_tete)) {
				expect(ecoles.get(m.uai_membre)?.code_departement).toBe('058');
				expect(ecoles.get(m.uai_membre)?.rural).toBe('1');
			}
		}
		// chaque école appartient au secteur d'un collège
		const secteurs = new Set(reseaux.filter((r) => r.type === 'secteur').map((r) => r.uai_membre));
		for (const uai of ecoles.keys()) expect(secteurs.has(uai), uai).toBe(true);
	});

	it('a un fichier élèves qui redonne exactement les lignes de l’école', () => {
		const nom = [...demo.fichiers.keys()].find((n) => n.startsWith('eleves-'));
		expect(nom).toBe(`eleves-${demo.vitrine.faible.uai}.csv`);
		const eleves = fichier(nom ?? '');
		const agregat = new Map<string, { besoin: number; fragile: number; satisfaisant: number }>();
		for (const e of eleves) {
			const cle = `${e.annee_scolaire}|${e.niveau}|${e.competence_id}`;
			const x = agregat.get(cle) ?? { besoin: 0, fragile: 0, satisfaisant: 0 };
			x[e.groupe as 'besoin']++;
			agregat.set(cle, x);
		}
		const ecole = fichier('evaluations-ecoles.csv').filter(
			(l) => l.uai === demo.vitrine.faible.uai
		);
		expect(agregat.size).toBe(ecole.length);
		for (const l of ecole) {
			const x = agregat.get(`${l.annee_scolaire}|${l.niveau}|${l.competence_id}`);
			expect(x).toEqual({
				besoin: Number(l.n_besoin),
				fragile: Number(l.n_fragile),
				satisfaisant: Number(l.n_satisfaisant)
			});
		}
	});

	it('montre nettement la faiblesse conçue de l’école vitrine de Dijon Est', () => {
		const verite = fichier('demo-verite.csv');
		const faible = verite.find((v) => Number(v.effet_points) <= -15);
		expect(faible?.competence_id).toBe('CE1-MA-PROBLEMES');
		const uai = faible?.uai ?? '';
		const ecoles = new Map(fichier('ecoles.csv').map((e) => [e.uai, e]));
		const dijonEst = fichier('circonscriptions.csv').find((c) => c.libelle === 'Dijon Est');
		expect(ecoles.get(uai)?.code_circonscription).toBe(dijonEst?.code_circonscription);

		const ips = new Map<string, number>();
		for (const l of fichier('ips-ecoles.csv'))
			if (l.rentree_scolaire === '2022-2023' && l.ips !== 'NS') ips.set(l.uai, Number(l.ips));
		const ipsEcole = ips.get(uai) ?? 0;
		const lignes = fichier('evaluations-ecoles.csv').filter(
			(l) => l.competence_id === 'CE1-MA-PROBLEMES'
		);
		for (const annee of ['2020-2021', '2021-2022', '2022-2023', '2023-2024', '2024-2025']) {
			const delAnnee = lignes.filter((l) => l.annee_scolaire === annee);
			const sienne = delAnnee.find((l) => l.uai === uai);
			expect(Number(sienne?.n_eleves)).toBeGreaterThanOrEqual(40);
			const part = Number(sienne?.n_satisfaisant) / Number(sienne?.n_eleves);
			const voisines = delAnnee.filter(
				(l) => l.uai !== uai && Math.abs((ips.get(l.uai) ?? -100) - ipsEcole) <= 5
			);
			const n = voisines.reduce((s, l) => s + Number(l.n_eleves), 0);
			const sat = voisines.reduce((s, l) => s + Number(l.n_satisfaisant), 0);
			expect(n).toBeGreaterThan(1000);
			expect(part, annee).toBeLessThan(sat / n - 0.08);
		}
	});

	it('documente la démo et ses effets dans data/README.md', () => {
		const readme = demo.fichiers.get('README.md') ?? '';
		expect(readme).toContain('Données fictives de démonstration');
		expect(readme).toContain(demo.vitrine.faible.uai);
		expect(readme).toContain('REPP-CHENOVE');
		for (const e of demo.vitrine.fortes) expect(readme).toContain(e.uai);
	});
});
