/**
 * A school's « paquet de données » (issue #16 item 6): written from the demo académie, read back,
 * loaded into an empty engine through the import's file kinds; what the school reads from it is
 * what it reads over the whole académie, and nothing of another school travels. Damaged, newer or
 * foreign packages are refused in French.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type Moteur } from '$lib/db';
import { initialiserSchema } from '$lib/db/schema';
import { ouvrirMoteurNode } from '$lib/db/node';
import { importer } from '$lib/import';
import { moteurDemoNode } from '$lib/import/demo-node';
import { famillesDeLaDemo } from './familles-demo-node';
import type { FamillesPoints } from '$lib/pages/commun/analyse';
import { ceQuiRessort } from '$lib/pages/ecole';
import type { LigneResultat } from '$lib/pages/types';
import { chargerPaquet, lireSectionsEcole } from './paquet-chargement';
import {
	ecrirePaquet,
	FORMAT_PAQUET,
	lirePaquet,
	VERSION_PAQUET,
	type Paquet
} from './paquet-fichier';
import { famillePourEcole, masquerAgregat, modelePourEcole } from './paquet';

const UAI = '0219099B';
let source: Moteur;
let paquet: Paquet;
let familles: FamillesPoints;
let autresEcoles: { uai: string; nom: string }[];

const pourEcole = (f: FamillesPoints): FamillesPoints => ({
	...f,
	cumul: famillePourEcole(f.cumul, UAI),
	annee_seule: famillePourEcole(f.annee_seule, UAI)
});

beforeAll(async () => {
	source = await moteurDemoNode();
	const demo = await famillesDeLaDemo(source);
	familles = demo.familles;
	const { annee, modeles } = demo;
	const ecoles = await source.lignes<{ uai: string; nom: string }>(sql.portraitsEcoles());
	const nom = ecoles.find((e) => e.uai === UAI)!.nom;
	// Homonyms (another « École élémentaire Paul Bert ») are told apart by their UAI.
	autresEcoles = ecoles
		.filter((e) => e.uai !== UAI)
		.map((e) => ({ uai: e.uai, nom: e.nom === nom ? e.uai : e.nom }));
	paquet = {
		entete: {
			format: FORMAT_PAQUET,
			version: VERSION_PAQUET,
			audience: { genre: 'ecole', id: UAI, nom: 'École test', ecoles: [UAI] },
			auteur: 'Mme Martin, IEN',
			cree_le: '2026-12-05T01:00:00.000Z',
			imports: [{ nom: 'données fictives de démonstration', date: null }],
			fictives: true
		},
		sections: await lireSectionsEcole(source, UAI),
		porte: {
			annee,
			modeles: new Map([...modeles].map(([k, m]) => [k, modelePourEcole(m, UAI)])),
			familles: pourEcole(familles),
			agregats: { academie: [], departements: new Map(), circonscriptions: new Map() },
			ips: { academie: 101.5, departements: new Map([['021', 103.2]]) }
		}
	};
}, 240_000);

describe('paquet de données d’une école', () => {
	it('names no other school: neither its UAI nor its name appears in the file', () => {
		const texte = ecrirePaquet(paquet);
		expect(texte).toContain(UAI);
		const trouvees = autresEcoles.filter((e) => texte.includes(e.uai) || texte.includes(e.nom));
		expect(trouvees).toEqual([]);
	});

	it('loads in an empty engine through the import’s file kinds: the school’s rows, as sent', async () => {
		const lu = lirePaquet(ecrirePaquet(paquet));
		expect(lu.ok).toBe(true);
		if (!lu.ok) return;
		const cible = await ouvrirMoteurNode();
		await initialiserSchema(cible);
		await chargerPaquet(cible, lu.paquet, importer);
		expect(await cible.lignes(sql.uaisEcolesChargees())).toEqual([{ uai: UAI }]);
		const avant = await source.lignes<LigneResultat>(sql.resultatsEcole(UAI));
		const apres = await cible.lignes<LigneResultat>(sql.resultatsEcole(UAI));
		expect(apres.length).toBeGreaterThan(0);
		expect(apres).toEqual(avant);
		expect(await cible.lignes(sql.portraitEcole(UAI))).toEqual(
			await source.lignes(sql.portraitEcole(UAI))
		);
		const classes = await cible.lignes(sql.classesEcole(UAI));
		expect(classes.length).toBeGreaterThan(0);
		expect(classes).toEqual(await source.lignes(sql.classesEcole(UAI)));
		expect(await cible.lignes(sql.formationsEcole(UAI))).toEqual(
			await source.lignes(sql.formationsEcole(UAI))
		);
	}, 120_000);

	it('carries the académie’s decisions: the school reads the same points from its own cells', async () => {
		const lu = lirePaquet(ecrirePaquet(paquet));
		if (!lu.ok) throw new Error(lu.message);
		const resultats = await source.lignes<LigneResultat>(sql.resultatsEcole(UAI));
		const ici = ceQuiRessort(lu.paquet.porte.familles!, UAI, resultats);
		const academie = ceQuiRessort(familles, UAI, resultats);
		expect(ici).toEqual(academie);
		expect(ici.diagnostic.appuis.length + ici.diagnostic.vigilances.length).toBeGreaterThan(0);
		const uais = new Set(lu.paquet.porte.familles!.cumul.resultats.map((r) => r.uai));
		expect([...uais]).toEqual([UAI]);
		for (const m of lu.paquet.porte.modeles.values()) expect(m.uai_population).toEqual([UAI]);
	});

	it('refuses a damaged, newer, foreign or other school’s package in French', () => {
		const texte = ecrirePaquet(paquet);
		const abime = lirePaquet(texte.slice(0, texte.length / 2));
		expect(abime).toMatchObject({ ok: false, message: expect.stringMatching(/abîmé.*Rien/) });
		const plusRecent = lirePaquet(texte.replace(`"version":1`, `"version":2`));
		expect(plusRecent).toMatchObject({
			ok: false,
			message: expect.stringContaining('version plus récente de Pilotage')
		});
		const academie = lirePaquet(texte.replace(`"genre":"ecole"`, `"genre":"academie"`));
		expect(academie).toMatchObject({
			ok: false,
			message: expect.stringContaining(
				'que les paquets d’une école, d’un réseau ou d’une circonscription'
			)
		});
		const autre = autresEcoles[0].uai;
		const melange = lirePaquet(texte.replaceAll(`;${UAI};`, `;${autre};`));
		expect(melange).toMatchObject({
			ok: false,
			message: expect.stringContaining(`contient des données d’une autre école (${autre})`)
		});
		expect(lirePaquet('{"format":"autre"}')).toMatchObject({ ok: false });
	});

	it('refuses a package whose rows do not load, saying which part', async () => {
		const cible = await ouvrirMoteurNode();
		await initialiserSchema(cible);
		const abime: Paquet = {
			...paquet,
			sections: paquet.sections.map((s) =>
				s.genre === 'evaluations_ecoles' ? { ...s, csv: s.csv.replace(/;\d+\n/, ';abc\n') } : s
			)
		};
		await expect(chargerPaquet(cible, abime, importer)).rejects.toThrow(/abîmé.*Évaluations/);
	}, 120_000);
});

describe('masquage des agrégats avant l’envoi', () => {
	const ligne = (n: number): LigneResultat => ({
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
	it('empties a territory’s row on fewer than 10 pupils, or whose other schools have fewer', () => {
		const propre = [ligne(20)];
		expect(masquerAgregat([ligne(8)], [])[0].n_eleves).toBe(0);
		// 26 − 20: the 6 pupils of the other schools would be read by difference.
		expect(masquerAgregat([ligne(26)], propre)[0].n_eleves).toBe(0);
		// The school alone in its territory: its own figure, nothing of another school.
		expect(masquerAgregat([ligne(20)], propre)[0].n_eleves).toBe(20);
		expect(masquerAgregat([ligne(300)], propre)[0]).toEqual(ligne(300));
	});
});
