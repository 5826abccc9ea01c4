/**
 * The académie's territories compared at equal IPS, on the demo académie loaded as the browser
 * loads it. data/README.md: the demo's model has no effect of éducation prioritaire, rurality or
 * département beyond the IPS; its one territory-wide designed effect is REP+ Chenôve's −10 points
 * in CP « Comprendre des phrases à l'oral » (5 of its 6 evaluated schools), and REP+ Chenôve is
 * the académie's only REP+.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type Moteur } from '$lib/db';
import { moteurDemoNode } from '$lib/import/demo-node';
import { ajusterModelesIps, type LigneEvaluation, type ModeleIps } from '$lib/indicators';
import { fenetreAnnees } from '../commun/analyse';
import { comparerTerritoires, territoireDe } from './analyse';
import type { ComparaisonTerritoires, EcoleTerritoires } from './types';

describe('territoire d’une école', () => {
	const ecole: EcoleTerritoires = {
		uai: '0219999X',
		code_departement: '021',
		code_circonscription: '0211234A',
		libelle_circonscription: 'Dijon Est',
		education_prioritaire: null,
		rural: null,
		secteur: 'Privé'
	};

	it('nomme le département par son code publié sur trois chiffres', () => {
		expect(territoireDe(ecole, 'departement')).toMatchObject({ code: '21', libelle: 'Côte-d’Or' });
	});

	it('range une école sans éducation prioritaire « hors éducation prioritaire »', () => {
		expect(territoireDe(ecole, 'education_prioritaire')?.libelle).toBe(
			'hors éducation prioritaire'
		);
		expect(
			territoireDe({ ...ecole, education_prioritaire: 'REP+' }, 'education_prioritaire')
		).toMatchObject({ code: 'REP+' });
	});

	it('ne dit pas « urbaine » une école dont le fichier ne dit pas si elle est rurale', () => {
		expect(territoireDe(ecole, 'milieu')).toBeNull();
		expect(territoireDe({ ...ecole, rural: false }, 'milieu')?.code).toBe('urbain');
	});

	it('lit « Privé », « prive » ou « PRIVE » comme le privé', () => {
		for (const secteur of ['Privé', 'prive', 'PRIVE sous contrat'])
			expect(territoireDe({ ...ecole, secteur }, 'secteur')?.code).toBe('prive');
		expect(territoireDe({ ...ecole, secteur: 'Public' }, 'secteur')?.code).toBe('public');
	});
});

describe('territoires de l’académie de démonstration comparés à IPS égal', () => {
	let moteur: Moteur;
	let comparaison: ComparaisonTerritoires;

	beforeAll(async () => {
		moteur = await moteurDemoNode((f) => !f.startsWith('eleves-'));
		const annees = (await moteur.lignes<{ annee_scolaire: string }>(sql.anneesEvaluees())).map(
			(a) => a.annee_scolaire
		);
		const annee = annees.at(-1)!;
		const fenetre = fenetreAnnees(annees, annee);
		const lignes: LigneEvaluation[] = [];
		const modeles = new Map<string, ModeleIps>();
		for (const a of fenetre) {
			const population = await moteur.lignes<LigneEvaluation>(sql.populationReference(a));
			lignes.push(...population);
			for (const [cle, m] of ajusterModelesIps(population, { source: 'Académie' }))
				modeles.set(cle, m);
		}
		const ecoles = await moteur.lignes<EcoleTerritoires>(sql.ecolesTerritoires());
		comparaison = comparerTerritoires(ecoles, lignes, modeles, annee, fenetre);
	}, 240_000);

	it('compare REP+, REP et hors éducation prioritaire dans cet ordre, puis rural et urbain, sur trois années cumulées', () => {
		const libelles = (d: string) =>
			comparaison.dimensions.find((x) => x.dimension === d)!.territoires.map((t) => t.libelle);
		expect(libelles('education_prioritaire')).toEqual([
			'REP+',
			'REP',
			'hors éducation prioritaire'
		]);
		expect(libelles('milieu')).toEqual(['écoles rurales', 'écoles urbaines']);
		expect(libelles('departement')).toEqual(['Côte-d’Or', 'Nièvre', 'Saône-et-Loire', 'Yonne']);
		expect(comparaison.fenetre).toEqual(['2022-2023', '2023-2024', '2024-2025']);
	});

	it('dit pourquoi le public et le privé ne sont pas comparés : toutes les écoles de la démo sont publiques', () => {
		const secteur = comparaison.absentes.find((a) => a.dimension === 'secteur');
		expect(secteur?.raison).toMatch(/même groupe \(public\)/);
	});

	it('établit la faiblesse conçue du REP+ en CP « Comprendre des phrases à l’oral », sur les élèves des trois années', () => {
		const cellule = comparaison.cellules.find(
			(c) => c.territoire.code === 'REP+' && c.resultat.competence_id === 'CP-FR-PHRASES-ORAL'
		)!;
		expect(cellule.point.statut).toBe('point_vigilance');
		expect(cellule.point.annees_cumulees).toHaveLength(3);
		expect(cellule.resultat.ecart!).toBeLessThan(-0.04);
		expect(cellule.resultat.intervalle!.haut).toBeLessThan(0);
	});

	it('n’établit presque rien là où la démo n’a rien conçu : ruralité et départements à IPS égal', () => {
		const etablis = comparaison.cellules.filter(
			(c) =>
				['milieu', 'departement'].includes(c.territoire.dimension) &&
				(c.point.statut === 'point_appui' || c.point.statut === 'point_vigilance')
		);
		const testees = comparaison.cellules.filter(
			(c) =>
				['milieu', 'departement'].includes(c.territoire.dimension) &&
				c.point.statut !== 'insuffisant'
		);
		expect(testees.length).toBeGreaterThan(200);
		expect(etablis.length / testees.length).toBeLessThan(0.05);
	});
});
