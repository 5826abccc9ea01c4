/**
 * The bilan of a circonscription (issue #16): a school's accompaniment or projet d'actions item
 * on a competence, its gap to expected before and after its start year, on the demo's Dijon Est.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type Moteur } from '$lib/db';
import { csvBilanCirconscription } from '$lib/exports/bilan';
import { moteurDemoNode } from '$lib/import/demo-node';
import {
	ajusterModelesIps,
	type CatalogueModeles,
	type LigneEvaluation,
	type ModeleIps
} from '$lib/indicators';
import { bilanCirconscription, type ElementABilan } from './bilan';
import { lireDonneesCirconscription } from './lectures';
import type { DonneesCirconscription } from './types';

const DIJON_EST = '0217006B';
const COMPETENCE = 'CP-FR-PHRASES-ORAL';

describe('bilanCirconscription on the demo’s Dijon Est', () => {
	let moteur: Moteur;
	let d: DonneesCirconscription;
	let modeles: CatalogueModeles;
	let uai: string;

	beforeAll(async () => {
		moteur = await moteurDemoNode((f) => !f.startsWith('eleves-'));
		d = (await lireDonneesCirconscription(moteur, DIJON_EST))!;
		const catalogue = new Map<string, ModeleIps>();
		for (const a of new Set(d.lignes.map((e) => e.annee_scolaire))) {
			const lignes = await moteur.lignes<LigneEvaluation>(sql.populationReference(a));
			for (const [cle, m] of ajusterModelesIps(lignes, { source: 'Académie' }))
				catalogue.set(cle, m);
		}
		modeles = catalogue;
		// The school with the most CP pupils on the competence: both sides have a gap.
		const parEcole = new Map<string, number>();
		for (const l of d.lignes.filter((l) => l.competence_id === COMPETENCE && l.ips !== null))
			parEcole.set(l.uai, (parEcole.get(l.uai) ?? 0) + l.n_eleves);
		uai = [...parEcole].sort((a, b) => b[1] - a[1])[0][0];
	}, 120_000);

	const element = (x: Partial<ElementABilan>): ElementABilan => ({
		id: 'e1',
		document: 'accompagnement',
		uai,
		texte: 'Moins d’élèves sous le seuil 1',
		annee_scolaire: '2023-2024',
		competence_id: COMPETENCE,
		lien: '#/accompagnement/a1',
		...x
	});

	it('reads the school before its start year against after, years named, with an interval', () => {
		const b = bilanCirconscription([element({})], d, modeles);
		expect(b.lignes).toHaveLength(1);
		const l = b.lignes[0];
		expect(l.ecole).toBe(d.ecoles.find((e) => e.uai === uai)!.nom);
		expect(l.bilan.annees_avant).toEqual(['2021-2022', '2022-2023', '2023-2024']);
		expect(l.bilan.annees_apres).toEqual(['2024-2025']);
		const { bas, haut } = l.bilan.intervalle!;
		expect(bas).toBeLessThan(l.bilan.difference!);
		expect(haut).toBeGreaterThan(l.bilan.difference!);
		expect(['progres_etabli', 'recul_etabli', 'pas_de_changement_etabli']).toContain(
			l.bilan.lecture
		);
		// Only the school's pupils are counted, not the circonscription's.
		const eleves = d.lignes
			.filter(
				(x) => x.uai === uai && x.competence_id === COMPETENCE && x.annee_scolaire === '2024-2025'
			)
			.reduce((s, x) => s + x.n_eleves, 0);
		expect(l.bilan.apres!.n).toBeLessThanOrEqual(eleves);
	});

	it('waits for an evaluation after an item started this year, unless the latest counts as after', () => {
		const tard = element({ annee_scolaire: '2025-2026' });
		expect(bilanCirconscription([tard], d, modeles).lignes[0].bilan.raison).toBe(
			'pas_d_annee_apres'
		);
		const provisoire = bilanCirconscription([tard], d, modeles, true);
		expect(provisoire.derniere_comptee_apres).toBe(true);
		expect(provisoire.lignes[0].bilan.annees_apres).toEqual(['2024-2025']);
	});

	it('sets apart an item whose school has no result on its competence', () => {
		const b = bilanCirconscription([element({ competence_id: '6E-FR-INCONNUE' })], d, modeles);
		expect(b.lignes).toHaveLength(0);
		expect(b.sans_evaluation.map((e) => e.competence_id)).toEqual(['6E-FR-INCONNUE']);
	});

	it('exports one row per item with its years, interval and reading', () => {
		const b = bilanCirconscription(
			[element({}), element({ id: 'e2', document: 'projet', texte: 'Lecture à voix haute' })],
			d,
			modeles
		);
		const [entete, ...lignes] = csvBilanCirconscription(b, {
			code: DIJON_EST,
			libelle: 'Dijon Est'
		})
			.replace(/^\ufeff/, '')
			.trim()
			.split('\r\n');
		const colonnes = entete.split(';');
		expect(lignes).toHaveLength(2);
		const valeurs = lignes.map((l) => l.split(';'));
		const valeur = (i: number, c: string) => valeurs[i][colonnes.indexOf(c)];
		expect(valeurs.map((_, i) => valeur(i, 'document')).sort()).toEqual([
			'accompagnement',
			'projet d’actions de l’école'
		]);
		expect(valeur(0, 'annees_apres')).toBe('2024-2025');
		expect(valeur(0, 'annee_debut')).toBe('2023-2024');
		expect(valeur(0, 'lecture')).toMatch(/progrès établi|pas de changement établi|recul établi/);
	});
});
