// Projet académique 2023-2027 de l'académie de Dijon et rattachement des
// indicateurs de Pilotage à ses objectifs. Les libellés d'ambitions, d'axes et d'objectifs
// publiés sont repris ; ceux dont on n'a qu'un résumé sont reformulés.

import { COLONNES_INDICATEURS_PROJET, COLONNES_PROJET } from '../../src/lib/domain/projet.ts';
import { COMPETENCES_EVALUEES } from './modele.ts';
import type { Cellule } from './csv.ts';

type Noeud = [libelle: string, enfants?: Noeud[]];

const PROJET: Noeud[] = [
	[
		'Une école qui fait réussir ses élèves',
		[
			[
				"Consolider l'acquisition des savoirs fondamentaux pour tous les élèves",
				[
					["Assurer l'irréversibilité des acquis de base"],
					['Garantir la continuité des apprentissages']
				]
			]
		]
	],
	[
		"Une école qui protège et assure l'épanouissement des élèves",
		[
			[
				'Protéger les élèves',
				[
					['Prévenir et traiter le harcèlement et les discriminations'],
					['Faire vivre les valeurs de la République']
				]
			],
			[
				'Améliorer le climat scolaire et le bien-être des élèves',
				[['Améliorer le climat scolaire'], ['Favoriser le bien-être et la santé des élèves']]
			]
		]
	],
	[
		"Une école qui s'ouvre sur son territoire et sur le monde",
		[
			[
				'Accompagner les dynamiques territoriales',
				[
					['Soutenir les territoires ruraux'],
					["Dynamiser l'éducation prioritaire"],
					['Construire une alliance avec les parents']
				]
			],
			[
				"S'ouvrir aux partenaires et au monde",
				[
					['Développer les partenariats'],
					['Former des citoyens engagés'],
					["Développer l'ouverture internationale"],
					["Éduquer à l'environnement et au développement durable"],
					['Accompagner le développement du numérique éducatif']
				]
			]
		]
	],
	[
		"Une école qui encourage les initiatives et l'innovation",
		[
			[
				"Accompagner l'autonomie des écoles et des établissements",
				[
					[
						"Former les directeurs à l'analyse des portraits de l'école et des évaluations nationales pour l'auto-évaluation"
					]
				]
			],
			[
				"Créer une nouvelle dynamique de réseaux d'éducation",
				[
					['Analyser collectivement les résultats'],
					["Élaborer un plan de formation à l'échelle du réseau"],
					['Construire un projet de réseau pluriannuel']
				]
			],
			['Encourager et soutenir la créativité', [["Soutenir l'innovation pédagogique"]]]
		]
	]
];

export const ENTETE_PROJET = [...COLONNES_PROJET];

/** Why an objective has no indicator: what the imported files do not tell. */
const MOTIFS: Record<string, string> = {
	'A3.X1.O3':
		'Les fichiers importés ne renseignent ni les rencontres avec les familles ni leur participation à la vie de l’école.',
	'A3.X2.O1':
		'Les fichiers importés ne renseignent ni les partenariats ni les conventions des écoles et des établissements.',
	'A3.X2.O3':
		'Les fichiers importés ne renseignent ni les échanges ni les mobilités ni l’enseignement des langues vivantes.'
};

export function lignesProjet(): Cellule[][] {
	const lignes: Cellule[][] = [];
	PROJET.forEach(([libA, axes], i) => {
		const a = `A${i + 1}`;
		lignes.push([a, 'ambition', '', i + 1, libA, '']);
		(axes ?? []).forEach(([libX, objectifs], j) => {
			const x = `${a}.X${j + 1}`;
			lignes.push([x, 'axe', a, j + 1, libX, '']);
			(objectifs ?? []).forEach(([libO], k) =>
				lignes.push([`${x}.O${k + 1}`, 'objectif', x, k + 1, libO, MOTIFS[`${x}.O${k + 1}`] ?? ''])
			);
		});
	});
	return lignes;
}

export const ENTETE_INDICATEURS = [...COLONNES_INDICATEURS_PROJET];

/** Training themes of the demo (`formations.csv`, column `theme`) and the objectives they serve. */
export const THEMES_OBJECTIFS: [theme: string, objectifs: string[]][] = [
	['Langage oral au cycle 1', ['A1.X1.O1']],
	['Construire le nombre au cycle 1', ['A1.X1.O1']],
	['École inclusive', ['A1.X1.O1', 'A2.X1.O1']],
	['Climat scolaire et harcèlement', ['A2.X1.O1', 'A2.X2.O1']],
	['Laïcité et valeurs de la République', ['A2.X1.O2', 'A3.X2.O2']],
	['Éducation physique et sportive', ['A2.X2.O2']],
	['Éducation au développement durable', ['A3.X2.O4']],
	['Numérique éducatif', ['A3.X2.O5', 'A4.X3.O1']],
	// The directors' 12 h: départemental webinars on one theme a year.
	["Piloter le projet d'école", ['A4.X1.O1']],
	['Analyser les évaluations nationales', ['A4.X1.O1', 'A4.X2.O1']],
	["Conduire l'auto-évaluation de l'école", ['A4.X1.O1']]
];

export function lignesIndicateurs(): Cellule[][] {
	const lignes: Cellule[][] = [];
	// Ambition 1 : acquis de base (chaque compétence évaluée) et continuité école-collège.
	for (const c of COMPETENCES_EVALUEES)
		lignes.push(['A1.X1.O1', 'evaluation', c.niveau, c.discipline, c.id, '']);
	// Training on a French or maths competence (its theme is the competence's id).
	lignes.push(['A1.X1.O1', 'formation', '', 'FR', '', '']);
	lignes.push(['A1.X1.O1', 'formation', '', 'MA', '', '']);
	lignes.push(['A1.X1.O2', 'evaluation_college', '6E', 'FR', '', '']);
	lignes.push(['A1.X1.O2', 'evaluation_college', '6E', 'MA', '', '']);
	lignes.push(['A1.X1.O2', 'evaluation', 'CM1', '', '', '']);
	// Ambition 3 : comparaisons rural / éducation prioritaire, cartes, formation en EP.
	lignes.push(['A3.X1.O1', 'evaluation', '', '', '', '']);
	lignes.push(['A3.X1.O1', 'ips', '', '', '', '']);
	lignes.push(['A3.X1.O1', 'reseau', '', '', '', '']);
	lignes.push(['A3.X1.O2', 'evaluation', '', '', '', '']);
	lignes.push(['A3.X1.O2', 'ips', '', '', '', '']);
	lignes.push(['A3.X1.O2', 'reseau', '', '', '', '']);
	// The training of éducation prioritaire: what its schools' teachers follow, whatever the theme
	// (THEME_EDUCATION_PRIORITAIRE); all training would be the whole académie's.
	lignes.push(['A3.X1.O2', 'formation', '', '', '', 'éducation prioritaire']);
	// Ambition 4 : analyse collective et plan de formation de réseau.
	lignes.push(['A4.X2.O1', 'evaluation', '', '', '', '']);
	lignes.push(['A4.X2.O1', 'reseau', '', '', '', '']);
	lignes.push(['A4.X2.O2', 'formation', '', '', '', '']);
	lignes.push(['A4.X2.O2', 'reseau', '', '', '', '']);
	lignes.push(['A4.X2.O3', 'reseau', '', '', '', '']);
	// Training themes (climat, laïcité, EPS, EDD, numérique, directors' themes…).
	for (const [theme, objectifs] of THEMES_OBJECTIFS)
		for (const o of objectifs) lignes.push([o, 'formation', '', '', '', theme]);
	lignes.sort((a, b) => String(a[0]).localeCompare(String(b[0])));
	return lignes;
}
