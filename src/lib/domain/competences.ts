// Catalogue des compétences des évaluations nationales.
// Les libellés changent d'une année à l'autre dans les exports : chaque compétence a un
// identifiant stable et la liste des variantes rencontrées, pour que toutes les années
// se rattachent à la même ligne.

import { plierTexte } from './texte';

export const NIVEAUX_ECOLE = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'] as const;
export type Niveau = (typeof NIVEAUX_ECOLE)[number];

export const DISCIPLINES = ['FR', 'MA'] as const;
export type Discipline = (typeof DISCIPLINES)[number];

export const DISCIPLINE_LIBELLE: Readonly<Record<Discipline, string>> = {
	FR: 'Français',
	MA: 'Mathématiques'
};

/** A discipline's name (« Français »), or in a sentence (« français »); an unknown code as it is. */
export function libelleDiscipline(code: string, casse: 'titre' | 'phrase' = 'titre'): string {
	const libelle = DISCIPLINE_LIBELLE[code as Discipline];
	if (!libelle) return code;
	return casse === 'titre' ? libelle : libelle.toLowerCase();
}

/** Levels in the order of schooling (CP … CM2); any other level after them. */
export function rangNiveau(niveau: string): number {
	const i = (NIVEAUX_ECOLE as readonly string[]).indexOf(niveau);
	return i < 0 ? NIVEAUX_ECOLE.length : i;
}

/** Competences in the order of the official booklet: level, discipline, then rank. */
export function comparerCompetences(
	a: { niveau: string; discipline: string; ordre: number },
	b: { niveau: string; discipline: string; ordre: number }
): number {
	return (
		rangNiveau(a.niveau) - rangNiveau(b.niveau) ||
		a.discipline.localeCompare(b.discipline) ||
		a.ordre - b.ordre
	);
}

export interface Competence {
	/** `{NIVEAU}-{FR|MA}-{SLUG}`, ne change jamais une fois publié. */
	id: string;
	niveau: Niveau;
	discipline: Discipline;
	/** Libellé de référence, affiché dans l'application. */
	libelle: string;
	/** Libellés vus dans les fichiers selon les années (le libellé de référence en tête). */
	variantes: string[];
	/** Ordre d'affichage au sein du niveau × discipline (ordre du livret officiel). */
	ordre: number;
}

type Saisie = [slug: string, libelle: string, autresVariantes: string[]];

function bloc(niveau: Niveau, discipline: Discipline, saisies: Saisie[]): Competence[] {
	return saisies.map(([slug, libelle, autres], i) => ({
		id: `${niveau}-${discipline}-${slug}`,
		niveau,
		discipline,
		libelle,
		variantes: [libelle, ...autres],
		ordre: i + 1
	}));
}

export const COMPETENCES: readonly Competence[] = Object.freeze([
	...bloc('CP', 'FR', [
		[
			'MOTS-ORAL',
			"Comprendre des mots à l'oral",
			["Comprendre des mots à l'oral (2)", 'Comprendre des mots', "Compréhension de mots à l'oral"]
		],
		[
			'PHRASES-ORAL',
			"Comprendre des phrases à l'oral",
			[
				"Comprendre des phrases à l'oral (2)",
				'Comprendre des phrases',
				"Compréhension de phrases à l'oral"
			]
		],
		[
			'TEXTES-ORAL',
			"Comprendre des textes à l'oral",
			[
				"Comprendre un texte à l'oral",
				"Comprendre des textes à l'oral (2)",
				"Compréhension de textes à l'oral"
			]
		],
		['SYLLABES', 'Manipuler des syllabes', ['Manipuler des syllabes (2)', 'Syllabes']],
		[
			'PHONEMES',
			'Manipuler des phonèmes',
			['Manipuler des phonèmes (2)', 'Phonèmes', 'Manipuler les phonèmes']
		],
		[
			'LETTRES-SONS',
			"Connaître le nom des lettres et le son qu'elles produisent",
			[
				'Connaître le nom des lettres et le son qu’elles produisent',
				"Connaitre le nom des lettres et le son qu'elles produisent",
				'Nom et son des lettres',
				'Connaître le nom des lettres'
			]
		],
		[
			'ECRITURES-LETTRE',
			"Reconnaître les différentes écritures d'une lettre",
			[
				"Reconnaître différentes écritures d'une lettre",
				"Reconnaitre les différentes écritures d'une lettre",
				"Écritures d'une lettre"
			]
		]
	]),
	...bloc('CP', 'MA', [
		[
			'QUANTIFIER',
			'Quantifier des collections',
			["Quantifier des collections jusqu'à 10", 'Dénombrer des collections']
		],
		['LIRE-NOMBRES', 'Lire des nombres entiers', ['Lire des nombres', 'Lire des nombres (2)']],
		[
			'ECRIRE-NOMBRES',
			'Écrire des nombres entiers',
			['Ecrire des nombres entiers', 'Écrire des nombres', 'Écrire des nombres entiers (2)']
		],
		[
			'COMPARER',
			'Comparer des nombres',
			['Comparer des nombres entiers', 'Comparer des nombres (2)']
		],
		[
			'LIGNE-NUMERIQUE',
			'Placer un nombre sur une ligne numérique',
			[
				'Associer un nombre à une position sur une ligne numérique',
				'Placer des nombres sur une ligne numérique',
				'Ligne numérique'
			]
		],
		[
			'PROBLEMES',
			'Résoudre des problèmes',
			['Résoudre des problèmes (2)', 'Resoudre des problemes', 'Résolution de problèmes']
		],
		[
			'ASSEMBLAGE',
			'Reproduire un assemblage',
			['Reproduire un assemblage de formes', 'Reproduire des assemblages']
		]
	]),
	...bloc('CE1', 'FR', [
		[
			'MOTS-ORAL',
			"Comprendre des mots lus par l'enseignant",
			[
				"Comprendre des mots lus par l'enseignant(e)",
				"Comprendre des mots à l'oral",
				'Comprendre des mots lus par l’enseignant'
			]
		],
		[
			'PHRASES-ORAL',
			"Comprendre des phrases lues par l'enseignant",
			[
				"Comprendre des phrases lues par l'enseignant(e)",
				"Comprendre des phrases à l'oral",
				'Comprendre des phrases lues par l’enseignant'
			]
		],
		[
			'LIRE-MOTS',
			'Lire à voix haute des mots',
			['Lire des mots à voix haute', 'Lire à voix haute des mots (2)', 'Lecture de mots']
		],
		[
			'FLUENCE',
			'Lire à voix haute un texte',
			['Lire un texte à voix haute', 'Fluence', 'Lire à voix haute un texte (fluence)']
		],
		[
			'PHRASES-SEUL',
			'Comprendre des phrases lues seul',
			[
				'Comprendre des phrases lues seul(e)',
				'Comprendre des phrases lues seule',
				'Lire et comprendre des phrases'
			]
		],
		[
			'TEXTE-SEUL',
			'Comprendre un texte lu seul',
			[
				'Comprendre un texte lu seul(e)',
				'Comprendre un texte lu seule',
				'Lire et comprendre un texte'
			]
		],
		['SYLLABES', 'Écrire des syllabes', ['Écrire des syllabes dictées', 'Ecrire des syllabes']],
		['MOTS-DICTES', 'Écrire des mots dictés', ['Ecrire des mots dictés', 'Écrire des mots']]
	]),
	...bloc('CE1', 'MA', [
		['LIRE-NOMBRES', 'Lire des nombres entiers', ['Lire des nombres', 'Lire des nombres (2)']],
		[
			'ECRIRE-NOMBRES',
			'Écrire des nombres entiers',
			['Ecrire des nombres entiers', 'Écrire des nombres', 'Écrire des nombres entiers (2)']
		],
		[
			'LIGNE-GRADUEE',
			'Placer un nombre sur une ligne graduée',
			[
				'Placer des nombres sur une ligne graduée',
				'Associer un nombre à une position sur une ligne graduée',
				'Ligne graduée'
			]
		],
		['ADDITIONNER', 'Additionner', ['Additionner (2)', 'Addition', 'Calculer : additionner']],
		['SOUSTRAIRE', 'Soustraire', ['Soustraire (2)', 'Soustraction', 'Calculer : soustraire']],
		['CALCUL-MENTAL', 'Calculer mentalement', ['Calcul mental', 'Calculer mentalement (2)']],
		[
			'PROBLEMES',
			'Résoudre des problèmes',
			['Résoudre des problèmes (2)', 'Resoudre des problemes', 'Résolution de problèmes']
		],
		[
			'ASSEMBLAGE',
			'Reproduire un assemblage',
			['Reproduire un assemblage de formes', 'Reproduire des assemblages']
		]
	]),
	...bloc('CM1', 'FR', [
		[
			'TEXTE-ORAL',
			"Comprendre un texte lu par l'enseignant",
			[
				"Comprendre un texte lu par l'enseignant(e)",
				"Compréhension de l'oral",
				'Comprendre un texte lu par l’enseignant'
			]
		],
		[
			'TEXTE-SEUL',
			'Comprendre un texte lu seul',
			['Comprendre un texte lu seul(e)', "Compréhension de l'écrit", 'Lire et comprendre un texte']
		],
		[
			'FLUENCE',
			'Lire à voix haute un texte',
			['Lire un texte à voix haute', 'Fluence', 'Lire à voix haute un texte (fluence)']
		],
		[
			'PHRASE',
			'Se repérer dans une phrase',
			['Se repérer dans la phrase', 'Se reperer dans une phrase', 'Étude de la langue : la phrase']
		],
		['LEXIQUE', 'Construire son lexique', ['Construire le lexique', 'Lexique', 'Vocabulaire']],
		[
			'ORTHOGRAPHE',
			"Maîtriser l'orthographe",
			['Orthographe', "Maitriser l'orthographe", 'Orthographier des mots et des phrases']
		]
	]),
	...bloc('CM1', 'MA', [
		[
			'NOMBRES',
			'Comprendre et utiliser les nombres',
			['Nombres', 'Connaître les nombres', 'Nombres entiers, fractions et décimaux']
		],
		['CALCULER', 'Calculer', ['Calcul', 'Calculer avec des nombres', 'Calculer (2)']],
		[
			'PROBLEMES',
			'Résoudre des problèmes',
			['Résoudre des problèmes (2)', 'Resoudre des problemes', 'Résolution de problèmes']
		]
	])
]);

/**
 * Clé de comparaison des libellés : les exports diffèrent par la casse, les accents,
 * les apostrophes typographiques, la ponctuation et les espaces, jamais par le sens.
 */
export function normaliserLibelle(libelle: string): string {
	return plierTexte(libelle, '');
}

const parId = new Map(COMPETENCES.map((c) => [c.id, c]));

const parLibelle = new Map<string, string>();
for (const c of COMPETENCES) {
	for (const v of c.variantes)
		parLibelle.set(`${c.niveau}|${c.discipline}|${normaliserLibelle(v)}`, c.id);
}

export function competenceParId(id: string): Competence | undefined {
	return parId.get(id);
}

export function competencesDe(niveau: Niveau, discipline?: Discipline): Competence[] {
	return COMPETENCES.filter(
		(c) => c.niveau === niveau && (discipline === undefined || c.discipline === discipline)
	);
}

/**
 * Rattache un libellé lu dans un fichier à une compétence du catalogue.
 * Les exports numérotent parfois une compétence découpée en deux passations (« … (2) ») :
 * à défaut de variante connue, ce suffixe est ignoré.
 */
export function competenceIdDepuisLibelle(
	niveau: Niveau,
	discipline: Discipline,
	libelle: string
): string | undefined {
	const cle = (l: string) => `${niveau}|${discipline}|${normaliserLibelle(l)}`;
	const direct = parLibelle.get(cle(libelle));
	if (direct !== undefined) return direct;
	const sansNumero = libelle.replace(/\s*\(\s*\d+\s*\)\s*$/, '');
	if (sansNumero !== libelle && normaliserLibelle(sansNumero) !== '')
		return parLibelle.get(cle(sansNumero));
	return undefined;
}

// --- Collège : évaluations de 6e et de 4e (scores, six groupes de niveau) ---

export const NIVEAUX_COLLEGE = ['6E', '4E'] as const;
export type NiveauCollege = (typeof NIVEAUX_COLLEGE)[number];

export interface DomaineCollege {
	/** `{6E|4E}-{FR|MA}-{SLUG}` */
	id: string;
	niveau: NiveauCollege;
	discipline: Discipline;
	libelle: string;
	ordre: number;
	/** Score d'ensemble de la discipline (c'est sur lui que sont définis les groupes 1 à 6). */
	global: boolean;
}

const DOMAINES_SAISIS: Record<Discipline, [slug: string, libelle: string][]> = {
	FR: [
		['ENSEMBLE', 'Français (score global)'],
		['COMPREHENSION-ECRIT', "Compréhension de l'écrit"],
		['ETUDE-LANGUE', 'Étude de la langue'],
		['COMPREHENSION-ORAL', "Compréhension de l'oral"],
		['FLUENCE', 'Fluence']
	],
	MA: [
		['ENSEMBLE', 'Mathématiques (score global)'],
		['NOMBRES-CALCUL', 'Nombres et calcul'],
		['GEOMETRIE', 'Géométrie'],
		['GRANDEURS-MESURES', 'Grandeurs et mesures'],
		['RESOLUTION', 'Résolution de problèmes'],
		['AUTOMATISMES', 'Automatismes']
	]
};

export const DOMAINES_COLLEGE: readonly DomaineCollege[] = Object.freeze(
	NIVEAUX_COLLEGE.flatMap((niveau) =>
		DISCIPLINES.flatMap((discipline) =>
			DOMAINES_SAISIS[discipline].map(([slug, libelle], i) => ({
				id: `${niveau}-${discipline}-${slug}`,
				niveau,
				discipline,
				libelle,
				ordre: i,
				global: slug === 'ENSEMBLE'
			}))
		)
	)
);

export function domaineCollegeParId(id: string): DomaineCollege | undefined {
	return DOMAINES_COLLEGE.find((d) => d.id === id);
}
