/**
 * A network's « paquet de données » (issue #16 item 6): its members' rows written from the demo
 * académie, read back and loaded into an empty engine; the members' cells keep the statuses
 * decided over the académie; nothing of a school outside the network travels; the territories'
 * counts and reference sets are masked against the members' pooled rows; a package holding a
 * school outside its audience, or of an unknown audience, is refused in French.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type Moteur } from '$lib/db';
import { initialiserSchema } from '$lib/db/schema';
import { ouvrirMoteurNode } from '$lib/db/node';
import { importer } from '$lib/import';
import { moteurDemoNode } from '$lib/import/demo-node';
import { famillesDeLaDemo } from './familles-demo-node';
import type { FamillesPoints } from '$lib/pages/commun/analyse';
import type { LigneTerritoire } from '$lib/pages/circonscription/types';
import type { EvaluationMembre, MembreReseau, TotalCategorie } from '$lib/pages/reseau/types';
import type { LigneResultat } from '$lib/pages/types';
import { chargerPaquet, lireSections } from './paquet-chargement';
import {
	ecrirePaquet,
	FORMAT_PAQUET,
	lirePaquet,
	VERSION_PAQUET,
	type Paquet
} from './paquet-fichier';
import { famillesPourEcoles, masquerAgregat, modelePourEcoles } from './paquet';
import { agregatsPourEcoles, masquerCategories, masquerTerritoires } from './paquet-territoire';

const RESEAU = 'REPP-CHENOVE';
let source: Moteur;
let paquet: Paquet;
let familles: FamillesPoints;
let membres: string[];
let autresEcoles: { uai: string; nom: string }[];

beforeAll(async () => {
	source = await moteurDemoNode();
	const demo = await famillesDeLaDemo(source);
	familles = demo.familles;
	const { annee, modeles } = demo;
	membres = (await source.lignes<MembreReseau>(sql.membresReseau(RESEAU))).map((m) => m.uai);
	const ecoles = await source.lignes<{ uai: string; nom: string }>(sql.portraitsEcoles());
	const noms = new Set(ecoles.filter((e) => membres.includes(e.uai)).map((e) => e.nom));
	// Homonyms of a member (another « École maternelle Jean Jaurès ») are told apart by UAI.
	autresEcoles = ecoles
		.filter((e) => !membres.includes(e.uai))
		.map((e) => ({ uai: e.uai, nom: noms.has(e.nom) ? e.uai : e.nom }));
	const garder = new Set(membres);
	paquet = {
		entete: {
			format: FORMAT_PAQUET,
			version: VERSION_PAQUET,
			audience: { genre: 'reseau', id: RESEAU, nom: 'REP+ Chenôve', ecoles: membres },
			auteur: 'M. Durand, IEN',
			cree_le: '2026-12-05T01:00:00.000Z',
			imports: [{ nom: 'données fictives de démonstration', date: null }],
			fictives: true
		},
		sections: await lireSections(source, membres),
		porte: {
			annee,
			modeles: new Map([...modeles].map(([k, m]) => [k, modelePourEcoles(m, garder)])),
			familles: famillesPourEcoles(familles, garder),
			agregats: { academie: [], departements: new Map(), circonscriptions: new Map() },
			ips: { academie: 101.5, departements: new Map([['021', 103.2]]) },
			reseau: {
				famille: null,
				categories: [],
				couverture: { lignes: 0, annees: null, circonscriptions: null, codes: [] }
			}
		}
	};
}, 240_000);

describe('paquet de données d’un réseau', () => {
	it('holds every member and names no school outside the network', () => {
		expect(membres.length).toBeGreaterThan(5);
		const texte = ecrirePaquet(paquet);
		for (const uai of membres) expect(texte).toContain(uai);
		const trouvees = autresEcoles.filter((e) => texte.includes(e.uai) || texte.includes(e.nom));
		expect(trouvees).toEqual([]);
	});

	it('loads in an empty engine: exactly the members, their rows as sent', async () => {
		const lu = lirePaquet(ecrirePaquet(paquet));
		if (!lu.ok) throw new Error(lu.message);
		expect(lu.paquet.entete.audience).toEqual(paquet.entete.audience);
		const cible = await ouvrirMoteurNode();
		await initialiserSchema(cible);
		await chargerPaquet(cible, lu.paquet, importer);
		expect(
			(await cible.lignes<{ uai: string }>(sql.uaisEcolesChargees())).map((e) => e.uai)
		).toEqual([...membres].sort());
		expect(await cible.lignes(sql.membresReseau(RESEAU))).toEqual(
			await source.lignes(sql.membresReseau(RESEAU))
		);
		const evaluations = await source.lignes(sql.evaluationsMembresReseau(RESEAU));
		expect(evaluations.length).toBeGreaterThan(0);
		expect(await cible.lignes(sql.evaluationsMembresReseau(RESEAU))).toEqual(evaluations);
		for (const uai of membres.slice(0, 3))
			expect(await cible.lignes(sql.classesEcole(uai))).toEqual(
				await source.lignes(sql.classesEcole(uai))
			);
	}, 120_000);

	it('carries the members’ cells with the statuses decided over the académie', () => {
		const lu = lirePaquet(ecrirePaquet(paquet));
		if (!lu.ok) throw new Error(lu.message);
		const cumul = lu.paquet.porte.familles!.cumul;
		// The members evaluated in the window (a maternelle has no cell).
		const evaluees = new Set(
			familles.cumul.resultats.map((r) => r.uai).filter((u) => membres.includes(u))
		);
		expect(evaluees.size).toBeGreaterThan(3);
		expect(new Set(cumul.resultats.map((r) => r.uai))).toEqual(evaluees);
		const statut = (f: typeof cumul, cle: string) => f.points[f.index.get(cle)!]?.statut;
		const cles = [...cumul.index.keys()];
		expect(cles.length).toBeGreaterThan(20);
		for (const cle of cles) expect(statut(cumul, cle)).toEqual(statut(familles.cumul, cle));
		for (const m of lu.paquet.porte.modeles.values())
			expect(m.uai_population.every((u) => membres.includes(u))).toBe(true);
	});

	it('refuses a school outside the network, an unknown audience or a newer format, in French', async () => {
		const texte = ecrirePaquet(paquet);
		const sansUn = { ...paquet.entete.audience, ecoles: membres.slice(1) };
		const lu = lirePaquet(
			texte.replace(JSON.stringify(paquet.entete.audience), JSON.stringify(sansUn))
		);
		expect(lu).toMatchObject({
			ok: false,
			message: expect.stringContaining(`d’une école qui n’en fait pas partie (${membres[0]})`)
		});
		expect(lirePaquet(texte.replace(`"genre":"reseau"`, `"genre":"departement"`))).toMatchObject({
			ok: false,
			message: expect.stringMatching(/n’ouvre que les paquets.*Rien n’a été modifié/)
		});
		expect(lirePaquet(texte.replace(`"version":1`, `"version":2`))).toMatchObject({
			ok: false,
			message: expect.stringContaining('version plus récente de Pilotage')
		});
		// Past the reader (a package built by hand): the engine's schools are checked once loaded.
		const cible = await ouvrirMoteurNode();
		await initialiserSchema(cible);
		const horsAudience: Paquet = { ...paquet, entete: { ...paquet.entete, audience: sansUn } };
		await expect(chargerPaquet(cible, horsAudience, importer)).rejects.toThrow(
			`contient l’école ${membres[0]}, qui n’en fait pas partie`
		);
	}, 120_000);
});

describe('masquage pour un ensemble d’écoles', () => {
	const ligne = (n: number, uai = ''): LigneResultat & { uai: string } => ({
		uai,
		annee_scolaire: '2025-2026',
		niveau: 'CP',
		discipline: 'FR',
		competence_id: 'CP-FR-PHONEMES',
		competence_libelle: 'Phonèmes',
		ordre: 1,
		n_eleves: n,
		n_besoin: 0,
		n_fragile: 0,
		n_satisfaisant: n
	});

	it('subtracts the members’ rows pooled: what the other schools have is what counts', () => {
		const propres = [ligne(12, 'A'), ligne(12, 'B')];
		// 30 − 24 = 6 pupils of other schools: masked (one member alone would leave 18).
		expect(masquerAgregat([ligne(30)], propres)[0].n_eleves).toBe(0);
		expect(masquerAgregat([ligne(30)], propres.slice(0, 1))[0].n_eleves).toBe(30);
		expect(masquerAgregat([ligne(60)], propres)[0].n_eleves).toBe(60);
	});

	it('masks each territory against its own members only', () => {
		const agregats = {
			academie: [ligne(1000)],
			departements: new Map([
				['021', [ligne(500)]],
				['071', [ligne(300)]]
			]),
			circonscriptions: new Map([
				['C1', [ligne(28)]],
				['C2', [ligne(50)]],
				['C3', [ligne(400)]]
			])
		};
		const territoires = new Map([
			['A', { departement: '021', circonscription: 'C1' }],
			['B', { departement: '021', circonscription: 'C2' }]
		]);
		const masques = agregatsPourEcoles(agregats, [ligne(20, 'A'), ligne(20, 'B')], territoires);
		expect(masques.academie[0].n_eleves).toBe(1000);
		// Only the members' territories travel.
		expect([...masques.departements.keys()]).toEqual(['021']);
		expect([...masques.circonscriptions.keys()]).toEqual(['C1', 'C2']);
		// C1: 28 − 20 (A only) = 8 others → masked; C2: 50 − 20 = 30 → kept.
		expect(masques.circonscriptions.get('C1')![0].n_eleves).toBe(0);
		expect(masques.circonscriptions.get('C2')![0].n_eleves).toBe(50);
	});

	it('leaves out a reference set whose schools outside the network have fewer than 10 pupils', () => {
		const total = (categorie: TotalCategorie['categorie'], n: number): TotalCategorie => ({
			categorie,
			niveau: 'CP',
			discipline: 'FR',
			competence_id: 'CP-FR-PHONEMES',
			lignes: 5,
			nb_ecoles: 5,
			n_eleves: n,
			nb_n_eleves: 5,
			n_besoin: 0,
			nb_n_besoin: 5,
			n_satisfaisant: n,
			nb_n_satisfaisant: 5,
			source: 'test'
		});
		const membres = [
			{ uai: 'A', education_prioritaire: 'REP+', rural: false },
			{ uai: 'B', education_prioritaire: 'REP+', rural: false }
		] as MembreReseau[];
		const evaluations = [ligne(20, 'A'), ligne(20, 'B')] as unknown as EvaluationMembre[];
		const gardes = masquerCategories(
			[total('academie', 2000), total('REP+', 46), total('rurale', 300)],
			evaluations,
			membres,
			'2025-2026'
		);
		// REP+ outside the network: 46 − 40 = 6 pupils → left out; the others stay.
		expect(gardes.map((t) => t.categorie)).toEqual(['academie', 'rurale']);
		const avecPlus = masquerCategories([total('REP+', 60)], evaluations, membres, '2025-2026');
		expect(avecPlus.map((t) => t.categorie)).toEqual(['REP+']);
	});
});

describe('paquet de données d’une circonscription', () => {
	it('replaces a territory’s counts by the circonscription’s where its other schools have fewer than 10 pupils', () => {
		const t = (n_departement: number, n_academie: number): LigneTerritoire =>
			({
				niveau: 'CP',
				discipline: 'FR',
				competence_id: 'CP-FR-PHONEMES',
				competence_libelle: 'Phonèmes',
				ordre: 1,
				n_circo: 100,
				k_circo: 60,
				n_departement,
				k_departement: n_departement / 2,
				n_academie,
				k_academie: n_academie / 2,
				source: 'test',
				publie_france: 70,
				publie_academie: 68
			}) as LigneTerritoire;
		const [masque, garde] = masquerTerritoires([t(105, 5000), t(100, 3000)]);
		// 105 − 100: five pupils of the département's other schools, not sent.
		expect(masque).toMatchObject({ n_departement: 100, k_departement: 60, n_academie: 5000 });
		// The circonscription alone in its département: nothing of another school to hide.
		expect(garde).toMatchObject({ n_departement: 100, k_departement: 50, n_academie: 3000 });
	});

	it('opens with the circonscription’s schools, and refuses one of another circonscription', async () => {
		const code = '0217006B';
		const ecoles = (await source.lignes<{ uai: string }>(sql.ecolesCirconscription(code))).map(
			(e) => e.uai
		);
		expect(ecoles.length).toBeGreaterThan(5);
		const circo: Paquet = {
			...paquet,
			entete: {
				...paquet.entete,
				audience: { genre: 'circonscription', id: code, nom: 'Test', ecoles }
			},
			sections: await lireSections(source, ecoles),
			porte: { ...paquet.porte, reseau: undefined, circonscription: { territoires: [] } }
		};
		const lu = lirePaquet(ecrirePaquet(circo));
		if (!lu.ok) throw new Error(lu.message);
		expect(lu.paquet.porte.circonscription).toEqual({ territoires: [] });
		const cible = await ouvrirMoteurNode();
		await initialiserSchema(cible);
		await chargerPaquet(cible, lu.paquet, importer);
		expect(
			(await cible.lignes<{ uai: string }>(sql.uaisEcolesChargees())).map((e) => e.uai)
		).toEqual([...ecoles].sort());
		// A network member from elsewhere slipped into its rows: refused before anything loads.
		const intrus = membres.find((u) => !ecoles.includes(u))!;
		const melange = lirePaquet(ecrirePaquet(circo).replaceAll(`;${ecoles[0]};`, `;${intrus};`));
		expect(melange).toMatchObject({
			ok: false,
			message: expect.stringContaining(
				`destiné à la circonscription « Test » (${code}) mais contient des données d’une école qui n’en fait pas partie (${intrus})`
			)
		});
	}, 120_000);
});
