import { beforeAll, describe, expect, it } from 'vitest';
import { moteurDemoNode } from '$lib/import/demo-node';
import { sql, type Moteur } from '$lib/db';
import type { LigneCirconscriptionAgregee, LigneResultat, PortraitEcole } from '../types';
import { agregerAnnee } from './analyse';
import { lireEcolesDepuis } from './lectures';

/**
 * The aggregates read once per state of the data must give the views exactly the rows the
 * per-territory builders give: same counts, same schools, same labels and order.
 */
let moteur: Moteur;
const ANNEE = '2024-2025';

beforeAll(async () => {
	moteur = await moteurDemoNode();
}, 120_000);

const deLAnnee = (lignes: LigneResultat[]) => lignes.filter((l) => l.annee_scolaire === ANNEE);

describe('agrégats par territoire, une année', () => {
	it('donnent les mêmes lignes que les requêtes par académie, département et circonscription', async () => {
		const agregats = agregerAnnee(
			await moteur.lignes<LigneCirconscriptionAgregee>(sql.agregatsCirconscriptions(ANNEE))
		);
		expect(agregats.academie).toEqual(
			deLAnnee(await moteur.lignes<LigneResultat>(sql.resultatsAcademie()))
		);
		const departements = await moteur.lignes<{ code: string }>({
			sql: 'SELECT DISTINCT code_departement AS code FROM ecole ORDER BY 1',
			params: []
		});
		expect(departements.length).toBeGreaterThan(1);
		for (const { code } of departements) {
			expect(agregats.departements.get(code)).toEqual(
				deLAnnee(await moteur.lignes<LigneResultat>(sql.resultatsDepartement(code)))
			);
		}
		const circonscriptions = await moteur.lignes<{ code: string }>({
			sql: 'SELECT code_circonscription AS code FROM circonscription ORDER BY 1',
			params: []
		});
		for (const { code } of circonscriptions) {
			expect(agregats.circonscriptions.get(code) ?? []).toEqual(
				deLAnnee(await moteur.lignes<LigneResultat>(sql.resultatsCirconscription(code)))
			);
		}
	});

	it('donnent l’IPS moyen de chaque département et de l’académie', async () => {
		const moyens = await moteur.lignes<{
			code_departement: string | null;
			academie: boolean;
			ips: number | null;
		}>(sql.ipsMoyensTerritoires(ANNEE));
		for (const code of ['021', '058', '071', '089']) {
			const [attendu] = await moteur.lignes<{ departement: number; academie: number }>(
				sql.ipsMoyenTerritoires(ANNEE, code)
			);
			expect(moyens.find((m) => m.code_departement === code && !m.academie)?.ips).toBeCloseTo(
				attendu.departement,
				10
			);
			expect(moyens.find((m) => m.academie)?.ips).toBeCloseTo(attendu.academie, 10);
		}
	});

	it('donnent le portrait et les réseaux de chaque école comme les requêtes d’une école', async () => {
		const portraits = await moteur.lignes<PortraitEcole>(sql.portraitsEcoles());
		const reseaux = await moteur.lignes<{ uai: string }>(sql.reseauxDesEcoles());
		for (const uai of ['0219099B', '0219001V', portraits[500].uai, portraits.at(-1)!.uai]) {
			const [seul] = await moteur.lignes<PortraitEcole>(sql.portraitEcole(uai));
			expect(portraits.find((p) => p.uai === uai)).toEqual(seul);
			expect(reseaux.filter((r) => r.uai === uai).map(({ uai: _, ...r }) => r)).toEqual(
				await moteur.lignes(sql.reseauxDeEcole(uai))
			);
		}
	});
});

describe('résultats et formations de chaque école, lus d’un coup', () => {
	it('donnent à chaque école les lignes de ses propres requêtes', async () => {
		const lues = await lireEcolesDepuis(moteur);
		// Every 30th school, and one that is not in the data.
		const ecoles = (
			await moteur.lignes<{ uai: string }>({
				sql: 'SELECT uai FROM ecole ORDER BY uai',
				params: []
			})
		).filter((_, i) => i % 30 === 0);
		expect(ecoles.length).toBeGreaterThan(30);
		let avecFormations = 0;
		for (const { uai } of [...ecoles, { uai: '0000000A' }]) {
			const resultats = (lues.resultats.get(uai)?.toArray() ?? []).map((l) => l.toJSON());
			expect(resultats).toEqual(await moteur.lignes(sql.resultatsEcole(uai)));
			const formations = await moteur.lignes<{ uai?: string }>(sql.formationsEcole(uai));
			expect(lues.formations.get(uai) ?? []).toEqual(formations.map(({ uai: _, ...f }) => f));
			if (formations.length) avecFormations++;
		}
		expect(avecFormations).toBeGreaterThan(3);
	}, 60_000);
});
