// Paramètres du modèle de résultats et effets « conçus » (la vérité que l'application doit
// retrouver). Tout écart qui n'est pas listé ici vient du hasard de l'échantillonnage ou de
// l'effet propre de chaque école (commun à toutes ses compétences).

import { COMPETENCES, type Competence } from '../../src/lib/domain/competences.ts';
import type { Academie, Ecole } from './entites.ts';
import { NOM_ECOLE_VITRINE } from './parametres.ts';
import { Alea, logit } from './alea.ts';

export const RENTREES = [2020, 2021, 2022, 2023, 2024] as const;
export const anneeScolaire = (rentree: number): string => `${rentree}-${rentree + 1}`;

/** Les évaluations de CM1 n'existent que depuis la rentrée 2023. */
export const NIVEAUX_EVALUES = (rentree: number): ('CP' | 'CE1' | 'CM1')[] =>
	rentree >= 2023 ? ['CP', 'CE1', 'CM1'] : ['CP', 'CE1'];

export const IPS_NATIONAL = 106;
export const PENTE_IPS = 0.045;

/**
 * Part nationale « satisfaisant » visée en 2024 (%). Les valeurs nationales publiées sont
 * reprises ; les autres sont des ordres de grandeur plausibles, pas des chiffres publiés.
 */
const PART_NATIONALE_2024: Record<string, number> = {
	'CP-FR-MOTS-ORAL': 88,
	'CP-FR-PHRASES-ORAL': 80,
	'CP-FR-TEXTES-ORAL': 71,
	'CP-FR-SYLLABES': 86,
	'CP-FR-PHONEMES': 83.4,
	'CP-FR-LETTRES-SONS': 83.3,
	'CP-FR-ECRITURES-LETTRE': 85,
	'CP-MA-QUANTIFIER': 90,
	'CP-MA-LIRE-NOMBRES': 84,
	'CP-MA-ECRIRE-NOMBRES': 78,
	'CP-MA-COMPARER': 85,
	'CP-MA-LIGNE-NUMERIQUE': 56,
	'CP-MA-PROBLEMES': 67,
	'CP-MA-ASSEMBLAGE': 76,
	'CE1-FR-MOTS-ORAL': 85,
	'CE1-FR-PHRASES-ORAL': 78,
	'CE1-FR-LIRE-MOTS': 75,
	'CE1-FR-FLUENCE': 70,
	'CE1-FR-PHRASES-SEUL': 72,
	'CE1-FR-TEXTE-SEUL': 62,
	'CE1-FR-SYLLABES': 86.4,
	'CE1-FR-MOTS-DICTES': 70,
	'CE1-MA-LIRE-NOMBRES': 80,
	'CE1-MA-ECRIRE-NOMBRES': 78,
	'CE1-MA-LIGNE-GRADUEE': 53,
	'CE1-MA-ADDITIONNER': 62.2,
	'CE1-MA-SOUSTRAIRE': 63.7,
	'CE1-MA-CALCUL-MENTAL': 68,
	'CE1-MA-PROBLEMES': 48.6,
	'CE1-MA-ASSEMBLAGE': 72,
	'CM1-FR-TEXTE-ORAL': 75,
	'CM1-FR-TEXTE-SEUL': 68,
	'CM1-FR-FLUENCE': 72,
	'CM1-FR-PHRASE': 60,
	'CM1-FR-LEXIQUE': 65,
	'CM1-FR-ORTHOGRAPHE': 55,
	'CM1-MA-NOMBRES': 62,
	'CM1-MA-CALCULER': 60,
	'CM1-MA-PROBLEMES': 50
};

/** Écart logit entre « satisfaisant » et « au moins fragile » : règle la part « à besoins ». */
const ECART_FRAGILE = 1.6;

/** Tendance nationale commune (logit) : creux d'après confinement puis lente remontée. */
const TENDANCE: Record<number, number> = {
	2020: -0.1,
	2021: -0.05,
	2022: -0.02,
	2023: 0,
	2024: 0.02
};

export const COMPETENCES_EVALUEES: Competence[] = COMPETENCES.filter(
	(c) => PART_NATIONALE_2024[c.id] !== undefined
);

/** Logit national de la part satisfaisante pour une compétence et une rentrée. */
export function logitNational(competenceId: string, rentree: number): number {
	const p = PART_NATIONALE_2024[competenceId] / 100;
	const bruit = new Alea('national', competenceId, rentree).normale(0, 0.03);
	return logit(p) - TENDANCE[2024] + TENDANCE[rentree] + bruit;
}

export const ecartFragile = (_competenceId: string): number => ECART_FRAGILE;

// --- Effets conçus ---

export interface EffetConcu {
	uai: string;
	niveau: string;
	discipline: string;
	competenceId: string;
	/** Effet sur la part satisfaisante, en points de pourcentage. */
	points: number;
	note: string;
}

export interface Vitrine {
	faible: Ecole;
	fortes: Ecole[];
	repPlus: { competenceId: string; ecolesTouchees: Ecole[]; ecolesEpargnees: Ecole[] };
	effets: EffetConcu[];
}

export const COMPETENCE_FAIBLE_VITRINE = 'CE1-MA-PROBLEMES';
export const COMPETENCE_FAIBLE_REPP = 'CP-FR-PHRASES-ORAL';

const FORTES: [commune: string, competenceId: string, points: number][] = [
	['Beaune', 'CE1-FR-FLUENCE', 14],
	['Auxerre', 'CE1-MA-PROBLEMES', 15],
	['Mâcon', 'CP-MA-LIGNE-NUMERIQUE', 12],
	['Nevers', 'CE1-FR-TEXTE-SEUL', 13]
];

const parUai = (a: Ecole, b: Ecole) => (a.uai < b.uai ? -1 : 1);
const evaluee = (e: Ecole) => e.type !== 'maternelle';

function effet(e: Ecole, competenceId: string, points: number, note: string): EffetConcu {
	const c = COMPETENCES.find((x) => x.id === competenceId);
	if (!c) throw new Error(`compétence inconnue ${competenceId}`);
	return { uai: e.uai, niveau: c.niveau, discipline: c.discipline, competenceId, points, note };
}

/**
 * Choisit les écoles vitrines et fixe leurs paramètres. Modifie les écoles choisies (taille,
 * IPS, effet propre) pour que l'effet voulu soit net et lisible : à appeler avant de tirer
 * les effectifs et les résultats.
 */
export function concevoirVitrine(a: Academie): Vitrine {
	const effets: EffetConcu[] = [];
	const faible = a.ecoles.find(
		(e) => e.nom === NOM_ECOLE_VITRINE && e.commune.nom === 'Chevigny-Saint-Sauveur'
	);
	if (!faible) throw new Error('école vitrine introuvable');
	faible.taille = 50;
	faible.ipsBase = 108.4;
	faible.effetEcole = 0;
	effets.push(
		effet(
			faible,
			COMPETENCE_FAIBLE_VITRINE,
			-15,
			'Dijon Est : faiblesse marquée en résolution de problèmes au CE1, chaque année'
		)
	);

	const fortes: Ecole[] = [];
	for (const [commune, competenceId, points] of FORTES) {
		const e = a.ecoles
			.filter((x) => x.commune.nom === commune && x.type === 'elementaire' && x.ep === '')
			.sort((x, y) => y.taille - x.taille || parUai(x, y))[0];
		if (!e) throw new Error(`pas d'élémentaire hors EP à ${commune}`);
		e.taille = Math.max(e.taille, 42);
		e.effetEcole = 0;
		fortes.push(e);
		effets.push(effet(e, competenceId, points, `Point fort marqué (${commune})`));
	}

	const repp = a.reseaux.find((r) => r.id === 'REPP-CHENOVE');
	if (!repp) throw new Error('REP+ introuvable');
	const membres = repp.ecoles.filter(evaluee).sort(parUai);
	const epargnee = membres[new Alea('repp-epargnee').entier(0, membres.length - 1)];
	const touchees = membres.filter((e) => e !== epargnee);
	for (const e of touchees)
		effets.push(
			effet(e, COMPETENCE_FAIBLE_REPP, -10, 'REP+ Chenôve : faiblesse partagée par le réseau')
		);

	// Une douzaine d'effets plus modestes (±8 points), dispersés, dont un à Dijon Est.
	const dejaPrises = new Set([faible, ...fortes, ...membres]);
	const quetigny = a.ecoles
		.filter((x) => x.commune.nom === 'Quetigny' && x.type === 'elementaire')
		.sort((x, y) => y.taille - x.taille || parUai(x, y))[0];
	effets.push(effet(quetigny, 'CP-FR-PHONEMES', 8, 'Effet modéré (Dijon Est)'));
	dejaPrises.add(quetigny);
	const alea = new Alea('effets-diffus');
	const candidates = a.ecoles
		.filter((e) => evaluee(e) && e.taille >= 20 && !dejaPrises.has(e))
		.sort(parUai);
	const cibles = alea.melanger(candidates).slice(0, 11);
	const competencesCpCe1 = COMPETENCES_EVALUEES.filter((c) => c.niveau !== 'CM1');
	cibles.sort(parUai).forEach((e, i) => {
		const c = alea.choisir(competencesCpCe1);
		const points = i % 2 === 0 ? -8 : 8;
		effets.push(
			effet(e, c.id, points, points > 0 ? 'Effet modéré positif' : 'Effet modéré négatif')
		);
	});

	effets.sort((x, y) =>
		x.uai !== y.uai ? (x.uai < y.uai ? -1 : 1) : x.competenceId < y.competenceId ? -1 : 1
	);
	return {
		faible,
		fortes,
		repPlus: {
			competenceId: COMPETENCE_FAIBLE_REPP,
			ecolesTouchees: touchees,
			ecolesEpargnees: [epargnee]
		},
		effets
	};
}
