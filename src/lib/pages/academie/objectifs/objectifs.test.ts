/**
 * The objectives of the projet académique on the académie's page, on hand-made rows: what the
 * académie reads against France and France at equal IPS, how schools, circonscriptions and
 * networks are counted from their pages' decisions, which training an objective counts.
 */
import { describe, expect, it } from 'vitest';
import { THEME_EDUCATION_PRIORITAIRE } from '$lib/domain/projet';
import {
	IPS_CENTRE,
	cleModele,
	type CatalogueModeles,
	type ModeleIps,
	type PointTeste,
	type ResultatFamille,
	type StatutPoint
} from '$lib/indicators';
import type { FamillesPoints } from '../../commun/analyse';
import type { AmbitionArbre, IndicateurProjet } from '../../projet/types';
import type { CelluleTerritoire, ComparaisonTerritoires } from '../types';
import { analyserObjectifs, attenduAcademie, formationsObjectifAcademie } from './analyse';
import type { LigneFormationObjectifs, LigneObjectifs, ObjectifsLus } from './types';
import { vueObjectifsAcademie } from './vue';

const indicateur = (i: Partial<IndicateurProjet>): IndicateurProjet => ({
	indicateur: 'evaluation',
	niveau: null,
	discipline: null,
	competence_id: null,
	theme: null,
	...i
});

const ARBRE: AmbitionArbre[] = [
	{
		id: 'A1',
		libelle: 'Une école qui fait réussir ses élèves',
		ordre: 1,
		axes: [
			{
				id: 'A1.X1',
				libelle: 'Savoirs fondamentaux',
				ordre: 1,
				objectifs: [
					{
						id: 'O-CP',
						libelle: 'Acquis de base au CP',
						ordre: 1,
						motif: null,
						indicateurs: [indicateur({ niveau: 'CP', discipline: 'FR' })]
					},
					{
						id: 'O-PARENTS',
						libelle: 'Alliance avec les parents',
						ordre: 2,
						motif: 'Les fichiers ne renseignent pas les rencontres avec les familles.',
						indicateurs: []
					},
					{
						id: 'O-EP',
						libelle: 'Dynamiser l’éducation prioritaire',
						ordre: 3,
						motif: null,
						indicateurs: [
							indicateur({}),
							indicateur({ indicateur: 'reseau' }),
							indicateur({ indicateur: 'formation', theme: THEME_EDUCATION_PRIORITAIRE })
						]
					},
					{
						id: 'O-CLIMAT',
						libelle: 'Climat scolaire',
						ordre: 4,
						motif: null,
						indicateurs: [indicateur({ indicateur: 'formation', theme: 'Climat scolaire' })]
					},
					{
						id: 'O-TOUT',
						libelle: 'Plan de formation',
						ordre: 5,
						motif: null,
						indicateurs: [indicateur({ indicateur: 'formation' })]
					}
				]
			}
		]
	}
];

const ligne = (
	annee_scolaire: string,
	competence_id: string,
	n: number,
	part: number,
	part_france: number | null,
	ips_moyen: number | null = IPS_CENTRE
): LigneObjectifs => ({
	annee_scolaire,
	niveau: competence_id.split('-')[0],
	discipline: competence_id.split('-')[1],
	competence_id,
	competence_libelle: competence_id,
	ordre: 1,
	nb_ecoles: Math.ceil(n / 20),
	n_eleves: n,
	n_satisfaisant: Math.round(n * part),
	n_avec_ips: n,
	ips_moyen,
	part_france,
	source: 'évaluations nationales',
	source_france: 'DEPP'
});

const modele = (annee: string, competence: string, b = 0.03): [string, ModeleIps] => [
	cleModele(annee, competence),
	{ statut: 'ajuste', b, a: 0, covariance: [1e-4, 0, 1e-6], tau: 0.4 } as unknown as ModeleIps
];

/** A family of cells keyed `${territoire}|${competence}`, with the pages' statuses. */
const famille = (cellules: [string, string, StatutPoint][]): ResultatFamille =>
	({
		index: new Map(cellules.map(([t, c], i) => [`${t}|${c}`, i])),
		points: cellules.map(([, , statut]) => ({ statut }) as PointTeste)
	}) as unknown as ResultatFamille;

const formation = (
	annee_scolaire: string,
	theme: string | null,
	education_prioritaire: string | null,
	participants: number,
	heures: number
): LigneFormationObjectifs => ({
	annee_scolaire,
	theme,
	tous_themes: theme === null,
	education_prioritaire,
	theme_libelle: theme,
	heures,
	participants,
	source: 'formations.csv'
});

const FORMATIONS = [
	formation('2024-2025', 'Climat scolaire', null, 40, 240),
	formation('2024-2025', 'Climat scolaire', 'REP', 6, 36),
	formation('2024-2025', 'CE1-FR-FLUENCE', 'REP+', 9, 54),
	formation('2024-2025', null, null, 400, 2400),
	formation('2024-2025', null, 'REP', 30, 180),
	formation('2024-2025', null, 'REP+', 20, 360)
];

const LU: ObjectifsLus = {
	arbre: ARBRE,
	lignes: [
		// Phonemes: 10 000 pupils, 80 % against France's 85 % at the national mean IPS.
		ligne('2023-2024', 'CP-FR-PHONEMES', 10_000, 0.8, 85),
		ligne('2024-2025', 'CP-FR-PHONEMES', 10_000, 0.8, 85),
		// Syllables: 72,5 % against France's 70 %, at 4 IPS points above: as France at equal IPS.
		ligne('2024-2025', 'CP-FR-SYLLABES', 10_000, 0.725, 70, IPS_CENTRE + 4),
		// Too few pupils: nothing read.
		ligne('2024-2025', 'CP-FR-LETTRES-SONS', 8, 0.5, 80),
		// Not named by any objective: not in the block.
		ligne('2024-2025', 'CE1-MA-PROBLEMES', 10_000, 0.4, 48)
	],
	modeles: new Map([
		modele('2023-2024', 'CP-FR-PHONEMES'),
		modele('2024-2025', 'CP-FR-PHONEMES'),
		modele('2024-2025', 'CP-FR-SYLLABES')
	]) as CatalogueModeles,
	familles: {
		annee: '2024-2025',
		fenetre: ['2022-2023', '2023-2024', '2024-2025'],
		cumul: famille([
			['E1', 'CP-FR-PHONEMES', 'point_appui'],
			['E2', 'CP-FR-PHONEMES', 'point_vigilance'],
			['E2', 'CP-FR-SYLLABES', 'point_vigilance'],
			['E3', 'CP-FR-SYLLABES', 'a_confirmer'],
			['E4', 'CP-FR-SYLLABES', 'insuffisant'],
			['E5', 'CE1-MA-PROBLEMES', 'point_vigilance']
		]),
		annee_seule: famille([])
	} as FamillesPoints,
	comparaison: {
		annee: '2024-2025',
		fenetre: ['2022-2023', '2023-2024', '2024-2025'],
		dimensions: [],
		absentes: [],
		cellules: [
			['C1', 'CP-FR-PHONEMES', 'point_vigilance'],
			['C2', 'CP-FR-PHONEMES', 'rien'],
			['C2', 'CE1-MA-PROBLEMES', 'point_appui']
		].map(
			([code, competence_id, statut]) =>
				({
					territoire: { dimension: 'circonscription', code, libelle: code, ordre: code },
					nb_ecoles: 20,
					resultat: { competence_id },
					point: { statut }
				}) as unknown as CelluleTerritoire
		)
	} as ComparaisonTerritoires,
	reseaux: famille([
		['REP-1', 'CP-FR-SYLLABES', 'a_confirmer'],
		['REP-2', 'CP-FR-PHONEMES', 'point_appui']
	]),
	formations: FORMATIONS
};

const analyse = analyserObjectifs(LU);
const objectif = (id: string) => analyse.ambitions[0].axes[0].objectifs.find((o) => o.id === id)!;

describe('France à IPS égal', () => {
	it('vaut la part de la France quand l’IPS moyen des élèves est l’IPS moyen national', () => {
		expect(attenduAcademie(0.85, IPS_CENTRE, 0.03, 1e-6)).toEqual({ attendu: 0.85, ecart_type: 0 });
	});

	it('monte avec l’IPS moyen selon la pente de l’académie, et son incertitude avec l’écart d’IPS', () => {
		const plus = attenduAcademie(0.7, IPS_CENTRE + 5, 0.03, 1e-6);
		expect(plus.attendu).toBeGreaterThan(0.7);
		expect(plus.attendu).toBeCloseTo(1 / (1 + Math.exp(-(Math.log(0.7 / 0.3) + 0.15))), 10);
		expect(plus.ecart_type).toBeGreaterThan(0);
		expect(attenduAcademie(0.7, IPS_CENTRE - 5, 0.03, 1e-6).attendu).toBeLessThan(0.7);
	});
});

describe('objectifs du projet sur la page de l’académie', () => {
	it('montre chaque compétence de l’objectif, chaque année, avec ses élèves, la France et l’attendu', () => {
		const o = objectif('O-CP');
		expect(o.competences).toEqual(['CP-FR-PHONEMES', 'CP-FR-SYLLABES', 'CP-FR-LETTRES-SONS']);
		const phonemes = o.cellules.filter((c) => c.competence_id === 'CP-FR-PHONEMES');
		expect(phonemes.map((c) => c.annee_scolaire)).toEqual(['2024-2025', '2023-2024']);
		expect(phonemes[0]).toMatchObject({ france: 0.85, attendu: 0.85 });
		expect(phonemes[0].observe).toMatchObject({ masque: false, n: 10_000, part: 0.8 });
		expect(phonemes[0].ecart).toBeCloseTo(-0.05, 6);
		// Thousands of pupils: an interval of a couple of points around the gap.
		expect(phonemes[0].intervalle!.haut).toBeLessThan(0);
		expect(phonemes[0].intervalle!.haut - phonemes[0].intervalle!.bas).toBeLessThan(0.02);
	});

	it('n’affirme un écart de l’académie que s’il résiste au contrôle des fausses découvertes du bloc', () => {
		const o = objectif('O-CP');
		const statut = (c: string) =>
			o.cellules.find((x) => x.competence_id === c && x.annee_scolaire === '2024-2025')!.point
				.statut;
		expect(statut('CP-FR-PHONEMES')).toBe('point_vigilance');
		// Above France's 70 %, but not above France at equal IPS (72,5 %): nothing established.
		const syllabes = o.cellules.find((x) => x.competence_id === 'CP-FR-SYLLABES')!;
		expect(syllabes.attendu).toBeCloseTo(0.7246, 4);
		expect(statut('CP-FR-SYLLABES')).toBe('rien');
		expect(statut('CP-FR-LETTRES-SONS')).toBe('insuffisant');
		expect(o.cellules.find((x) => x.competence_id === 'CP-FR-LETTRES-SONS')!.raison).toBe(
			'effectif insuffisant'
		);
		// The family is the block's cells only (CE1 problems, named by no objective, is not in it).
		expect(analyse.famille.nombre_tests).toBe(3);
	});

	it('compte écoles, circonscriptions et réseaux à partir des points établis de leurs pages, jamais des signaux', () => {
		expect(objectif('O-CP').points).toEqual({
			ecoles: { appuis: 1, vigilances: 1, diagnostiques: 3 },
			circonscriptions: { appuis: 0, vigilances: 1, diagnostiques: 2 },
			reseaux: { appuis: 1, vigilances: 0, diagnostiques: 2 }
		});
		expect(objectif('O-CLIMAT').points).toBeNull();
	});

	it('compte pour l’éducation prioritaire la formation suivie en REP+ et en REP, pas celle de toute l’académie', () => {
		const ep = objectif('O-EP').formation!;
		expect(ep.lignes).toEqual([
			{
				theme: 'Toutes formations suivies en REP',
				annees: [{ annee_scolaire: '2024-2025', heures: 180, participants: 30 }]
			},
			{
				theme: 'Toutes formations suivies en REP+',
				annees: [{ annee_scolaire: '2024-2025', heures: 360, participants: 20 }]
			}
		]);
		// An objective naming no theme counts all training, once per teacher.
		expect(objectif('O-TOUT').formation!.lignes).toEqual([
			{
				theme: 'Toutes formations',
				annees: [{ annee_scolaire: '2024-2025', heures: 2940, participants: 450 }]
			}
		]);
	});

	it('additionne un thème sur les écoles de l’éducation prioritaire et les autres', () => {
		expect(
			formationsObjectifAcademie(
				[indicateur({ indicateur: 'formation', theme: 'Climat scolaire' })],
				FORMATIONS
			)
		).toEqual([
			{
				theme: 'Climat scolaire',
				annees: [{ annee_scolaire: '2024-2025', heures: 276, participants: 46 }]
			}
		]);
		expect(
			formationsObjectifAcademie(
				[indicateur({ indicateur: 'formation', discipline: 'FR' })],
				FORMATIONS
			)
		).toEqual([{ theme: 'CE1 Lire à voix haute un texte', annees: expect.any(Array) }]);
	});
});

describe('vue des objectifs', () => {
	const vue = vueObjectifsAcademie(analyse, null);
	const objectifs = vue.ambitions[0].axes[0].objectifs;
	const o = (id: string) => objectifs.find((x) => x.id === id)!;

	it('dit pourquoi un objectif n’a pas d’indicateur', () => {
		expect(o('O-PARENTS').sansIndicateur).toBe(
			'Les fichiers ne renseignent pas les rencontres avec les familles.'
		);
		expect(o('O-CP').sansIndicateur).toBeNull();
	});

	it('ne dit ni ne colore jamais un signal comme un point établi', () => {
		const lignes = o('O-CP').competences.flatMap((c) => c.lignes);
		const vigilance = lignes.find((l) => l.statut === 'point_vigilance')!;
		expect(vigilance.lecture).toBe('En dessous de la France à IPS égal (établi)');
		expect(vigilance.academie).toMatch(/^80,0\s%\s\(/);
		expect(vigilance.france).toBe('85,0\u00a0%');
		for (const l of lignes.filter(
			(l) => l.classe !== 'point_appui' && l.classe !== 'point_vigilance'
		)) {
			expect(l.statut).toBeNull();
			expect(l.lecture).not.toMatch(/établi\)/);
		}
		const masquee = lignes.find((l) => l.eleves === '8')!;
		expect(masquee.academie).toBe('effectif insuffisant');
	});

	it('dit en une ligne comment écoles, circonscriptions et réseaux sont comptés', () => {
		expect(vue.comptage).toMatch(/points établis de leurs propres pages/);
		expect(vue.comptage).toMatch(/signal à confirmer n’est pas compté/);
		expect(o('O-CP').points[0].texte).toBe(
			'1 école avec un point de vigilance établi, 1 avec un point d’appui établi, sur 3 écoles diagnostiquées sur ces compétences'
		);
	});
});
