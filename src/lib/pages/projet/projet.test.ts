import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from '$lib/db';
import type { Moteur } from '$lib/db/types';
import { THEME_EDUCATION_PRIORITAIRE } from '$lib/domain/projet';
import { csvProjetAcademique, csvProjetIndicateurs } from '$lib/exports/projet';
import { moteurDemoNode } from '$lib/import/demo-node';
import { texte } from '$lib/import/essais-import';
import { importer } from '$lib/import/importer';
import { arbreProjet, formationCorrespond, objectifsSansIndicateur } from './analyse';
import type { FormationTerritoire, IndicateurProjet, LigneProjet } from './types';
import { vueProjet } from './vue';

const FICHIERS = [
	'projet-academique.csv',
	'projet-indicateurs.csv',
	'formations.csv',
	'ecoles.csv'
];
let moteur: Moteur;
let lignes: LigneProjet[];

beforeAll(async () => {
	moteur = await moteurDemoNode((f) => FICHIERS.includes(f));
	lignes = await moteur.lignes<LigneProjet>(sql.projetAcademique());
}, 120_000);

const indicateur = (i: Partial<IndicateurProjet>): IndicateurProjet => ({
	indicateur: 'formation',
	niveau: null,
	discipline: null,
	competence_id: null,
	theme: null,
	...i
});

describe('le projet académique de la démonstration', () => {
	it('a 19 objectifs, dont au plus 3 sans indicateur, chacun avec son motif', () => {
		const arbre = arbreProjet(lignes);
		expect(arbre.flatMap((a) => a.axes.flatMap((x) => x.objectifs))).toHaveLength(19);
		const sans = objectifsSansIndicateur(arbre);
		expect(sans.map((o) => o.id)).toEqual(['A3.X1.O3', 'A3.X2.O1', 'A3.X2.O3']);
		for (const o of sans) expect(o.motif).toMatch(/^Les fichiers importés ne renseignent/);
	});

	it('ne rattache que des thèmes de formation présents dans formations.csv (ou l’éducation prioritaire)', async () => {
		const themes = new Set(
			(await moteur.lignes<{ theme: string }>(sql.themesFormation())).map((t) => t.theme)
		);
		const rattaches = lignes.filter(
			(l) => l.indicateur === 'formation' && l.theme && l.theme !== THEME_EDUCATION_PRIORITAIRE
		);
		expect(rattaches.length).toBeGreaterThan(10);
		for (const l of rattaches) expect(themes, l.theme!).toContain(l.theme);
		const climat = lignes.filter((l) => l.theme === 'Climat scolaire et harcèlement');
		expect(climat.map((l) => l.objectif_id).sort()).toEqual(['A2.X1.O1', 'A2.X2.O1']);
	});
});

describe('formationCorrespond', () => {
	it('suit le thème, la compétence, le niveau et la discipline', () => {
		expect(
			formationCorrespond(indicateur({ theme: 'Numérique éducatif' }), 'Numérique éducatif')
		).toBe(true);
		expect(
			formationCorrespond(indicateur({ theme: 'Numérique éducatif' }), 'École inclusive')
		).toBe(false);
		expect(formationCorrespond(indicateur({ discipline: 'FR' }), 'CP-FR-PHONEMES')).toBe(true);
		expect(formationCorrespond(indicateur({ discipline: 'FR' }), 'CE1-MA-PROBLEMES')).toBe(false);
		expect(
			formationCorrespond(indicateur({ competence_id: 'CP-FR-PHONEMES' }), 'CP-FR-PHONEMES')
		).toBe(true);
		expect(formationCorrespond(indicateur({}), 'Numérique éducatif')).toBe(true);
		expect(
			formationCorrespond(indicateur({ indicateur: 'evaluation' }), 'Numérique éducatif')
		).toBe(false);
	});
});

describe('vueProjet', () => {
	it('donne les heures et les enseignants touchés sur les thèmes d’un objectif, années nommées', () => {
		const formations: FormationTerritoire[] = [
			{
				annee_scolaire: '2024-2025',
				theme: 'Climat scolaire et harcèlement',
				theme_libelle: null,
				heures: 18,
				participants: 3,
				source: 'formations.csv'
			},
			{
				annee_scolaire: '2023-2024',
				theme: 'Climat scolaire et harcèlement',
				theme_libelle: null,
				heures: 6,
				participants: 1,
				source: 'formations.csv'
			},
			{
				annee_scolaire: '2024-2025',
				theme: 'Numérique éducatif',
				theme_libelle: null,
				heures: 6,
				participants: 1,
				source: 'formations.csv'
			}
		];
		const vue = vueProjet(arbreProjet(lignes), { nom: 'l’école', formations });
		const objectifs = vue.flatMap((a) => a.axes.flatMap((x) => x.objectifs));
		const climat = objectifs.find((o) => o.id === 'A2.X2.O1')!;
		expect(climat.sansIndicateur).toBeNull();
		expect(climat.indicateurs[0].constats[0].texte).toBe(
			'Climat scolaire et harcèlement : 2024-2025, 18 h suivies par 3 enseignants ; 2023-2024, 6 h suivies par 1 enseignant'
		);
		// « Dynamiser l’éducation prioritaire »: its schools' training, not the whole territory's.
		const ep = objectifs.find((o) => o.id === 'A3.X1.O2')!;
		expect(ep.indicateurs[0].titre).toBe(
			'Formation sur ses thèmes (formations suivies en éducation prioritaire)'
		);
		expect(ep.indicateurs[0].constats).toEqual([
			{ texte: 'Aucune formation sur ces thèmes dans l’école.' }
		]);
		const enRep = vueProjet(arbreProjet(lignes), {
			nom: 'l’école',
			formations: formations.map((f, i) => ({ ...f, education_prioritaire: i ? null : 'REP+' }))
		})
			.flatMap((a) => a.axes.flatMap((x) => x.objectifs))
			.find((o) => o.id === 'A3.X1.O2')!;
		expect(enRep.indicateurs[0].constats.map((c) => c.texte)).toEqual([
			'Climat scolaire et harcèlement : 2024-2025, 18 h suivies par 3 enseignants'
		]);
		const parents = objectifs.find((o) => o.id === 'A3.X1.O3')!;
		expect(parents.sansIndicateur).toMatch(/^Les fichiers importés ne renseignent/);
		const continuite = objectifs.find((o) => o.id === 'A1.X1.O2')!;
		expect(continuite.sansIndicateur).toMatch(
			/^Aucun indicateur de l’école : cet objectif se lit par/
		);
	});
});

describe('les fichiers du projet, écrits puis réimportés', () => {
	it('redonnent le même arbre et les mêmes indicateurs, et remplacent le projet précédent', async () => {
		const arbre = arbreProjet(lignes);
		// The team removes an indicator and an objective, renames one, then saves.
		const modifie = structuredClone(arbre);
		const climat = modifie[1].axes[1].objectifs[0];
		climat.libelle = 'Améliorer le climat scolaire ; « mieux vivre ensemble »';
		climat.indicateurs = [];
		modifie[3].axes[2].objectifs = [];
		const moteurNeuf = await moteurDemoNode((f) => f === 'ecoles.csv');
		for (const a of [arbre, modifie]) {
			for (const [nom, contenu] of [
				['projet-academique.csv', csvProjetAcademique(a)],
				['projet-indicateurs.csv', csvProjetIndicateurs(a)]
			]) {
				const r = await importer(moteurNeuf, { nom, contenu: texte(contenu) });
				expect(r.statut, nom).toBe('importe');
				expect(r.rejetees).toBe(0);
			}
		}
		const relu = arbreProjet(await moteurNeuf.lignes<LigneProjet>(sql.projetAcademique()));
		const sansOrdre = (x: unknown) =>
			JSON.parse(JSON.stringify(x, (k, v) => (k === 'ordre' ? undefined : v)));
		// The axe left without objective is not in the tree read back (an axe is shown by its objectives).
		modifie[3].axes.splice(2, 1);
		expect(sansOrdre(relu)).toEqual(sansOrdre(modifie));
	}, 60_000);

	it('acceptent un fichier d’indicateurs sans colonne theme (format d’avant)', async () => {
		const m = await moteurDemoNode((f) => f === 'ecoles.csv');
		const ancien =
			'objectif_id;indicateur;niveau;discipline;competence_id\r\nA1.X1.O1;evaluation;CP;FR;CP-FR-PHONEMES\r\n';
		const r = await importer(m, { nom: 'projet-indicateurs.csv', contenu: texte(ancien) });
		expect(r.statut).toBe('importe');
		expect(r.acceptees).toBe(1);
	});
});
