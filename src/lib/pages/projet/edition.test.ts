import { describe, expect, it } from 'vitest';
import { sql } from '$lib/db';
import { csvProjetAcademique, csvProjetIndicateurs } from '$lib/exports/projet';
import { moteurDemoNode } from '$lib/import/demo-node';
import { texte } from '$lib/import/essais-import';
import { importer } from '$lib/import/importer';
import { arbreProjet } from './analyse';
import { ajouterAmbition, ajouterAxe, ajouterObjectif, verifierProjet } from './edition';
import type { AmbitionArbre, LigneProjet } from './types';

/** A small projet: one ambition, one axe, one objective with an indicator. */
const projet = (): AmbitionArbre[] => [
	{
		id: 'A1',
		libelle: 'Une école qui fait réussir ses élèves',
		ordre: 1,
		axes: [
			{
				id: 'A1.X1',
				libelle: 'Les savoirs fondamentaux',
				ordre: 1,
				objectifs: [
					{
						id: 'A1.X1.O1',
						libelle: 'Assurer les acquis de base',
						ordre: 1,
						motif: null,
						indicateurs: [
							{
								indicateur: 'evaluation',
								niveau: 'CP',
								discipline: 'FR',
								competence_id: null,
								theme: null
							}
						]
					}
				]
			}
		]
	}
];

describe('modifier l’arbre du projet', () => {
	it('ajoute une ambition avec un axe et un objectif, à numéroter après les autres', () => {
		const arbre = projet();
		const a = ajouterAmbition(arbre);
		expect(a.id).toBe('A2');
		expect(a.axes.map((x) => x.id)).toEqual(['A2.X1']);
		expect(a.axes[0].objectifs.map((o) => o.id)).toEqual(['A2.X1.O1']);
		expect(ajouterAxe(arbre[0]).id).toBe('A1.X2');
		expect(ajouterObjectif(arbre[0].axes[0]).id).toBe('A1.X1.O2');
	});

	it('refuse, en français, un libellé vide, une ambition sans axe ou un axe sans objectif', () => {
		const arbre = projet();
		expect(verifierProjet(arbre)).toEqual([]);
		ajouterAmbition(arbre);
		expect(verifierProjet(arbre)).toEqual([
			'L’ambition A2 n’a pas de libellé.',
			'L’axe A2.X1 n’a pas de libellé.',
			'L’objectif A2.X1.O1 n’a pas de libellé.'
		]);
		arbre[1].libelle = 'Une école ouverte';
		arbre[1].axes[0].libelle = '  ';
		arbre[1].axes[0].objectifs = [];
		arbre[0].axes = [];
		expect(verifierProjet(arbre)).toEqual([
			'L’ambition A1 n’a aucun axe : ajoutez-lui un axe, sinon elle ne serait pas enregistrée.',
			'L’axe A2.X1 n’a pas de libellé.',
			'L’axe A2.X1 n’a aucun objectif : ajoutez-lui un objectif, sinon il ne serait pas enregistré.'
		]);
		expect(verifierProjet([])).toEqual(['Le projet n’a aucune ambition : ajoutez-en une.']);
	});

	it('écrit la nouvelle ambition, son axe et son objectif dans les fichiers, relus à l’identique', async () => {
		const arbre = projet();
		const a = ajouterAmbition(arbre);
		a.libelle = 'Une école qui s’ouvre sur le monde';
		a.axes[0].libelle = 'Accompagner les territoires';
		a.axes[0].objectifs[0].libelle = 'Soutenir les territoires ruraux';
		a.axes[0].objectifs[0].motif = 'Aucun fichier ne le renseigne.';
		const x = ajouterAxe(arbre[0]);
		x.libelle = 'Garantir la continuité';
		x.objectifs[0].libelle = 'Liaison école-collège';
		expect(verifierProjet(arbre)).toEqual([]);
		const m = await moteurDemoNode((f) => f === 'ecoles.csv');
		for (const [nom, contenu] of [
			['projet-academique.csv', csvProjetAcademique(arbre)],
			['projet-indicateurs.csv', csvProjetIndicateurs(arbre)]
		]) {
			const r = await importer(m, { nom, contenu: texte(contenu) });
			expect(r.statut, nom).toBe('importe');
			expect(r.rejetees).toBe(0);
		}
		const relu = arbreProjet(await m.lignes<LigneProjet>(sql.projetAcademique()));
		expect(relu).toEqual(arbre);
	}, 60_000);
});
