// « Mon collège », views: what the page and its CSV show, pure.
import { rangNiveau, competenceParId } from '$lib/domain/competences';
import { LIBELLE_STATUT, RAISON_NON_LU } from '$lib/domain/points';
import { formatPart, formatPoints } from '$lib/format';
import {
	libelleAnnees,
	partAffichable,
	phraseHasard,
	resumerPoints,
	type PartAffichable,
	type PointTeste,
	type ResultatEcart,
	type ResultatFamille
} from '$lib/indicators';
import { cellulePoint, type CellulePoint, type FamillesPoints } from '../commun/analyse';
import type { ReferencePubliee } from '../types';
import type { FamillesColleges } from './analyse';
import type { EcoleSecteur, LigneDomaine } from './types';

/** The two readings of a domain: the most fragile pupils and the most at ease. */
export type CoteCollege = 'fragiles' | 'aises';

export const LIBELLE_COTE: Record<CoteCollege, string> = {
	fragiles: 'groupes 1 et 2 (élèves les plus fragiles)',
	aises: 'groupes 5 et 6 (élèves les plus à l’aise)'
};

/** Which way a gap goes, in the words of each reading (never those of a point for a signal). */
const SENS: Record<CoteCollege, Record<'appui' | 'vigilance', string>> = {
	fragiles: {
		appui: 'moins d’élèves fragiles qu’attendu',
		vigilance: 'plus d’élèves fragiles qu’attendu'
	},
	aises: {
		appui: 'plus d’élèves à l’aise qu’attendu',
		vigilance: 'moins d’élèves à l’aise qu’attendu'
	}
};

export interface LectureDomaine {
	cellule: CellulePoint | null;
	/** « point de vigilance : plus d’élèves fragiles qu’attendu », « signal à confirmer… ». */
	lecture: string;
	statut: PointTeste['statut'];
	/** « 42 % pour 24 % attendus ; écart +18 points (+11 à +25) », or null when not read. */
	chiffres: string | null;
	/** « 2022-2023 à 2024-2025 cumulées : 130, 128 et 132 élèves ». */
	annees: string | null;
}

export interface LigneDomaineVue {
	cle: string;
	niveau: string;
	discipline: string;
	domaine_id: string;
	domaine: string;
	annee: string;
	n: number;
	score: number | null;
	score_academie: number | null;
	fragiles: PartAffichable;
	aises: PartAffichable;
	fragiles_academie: number | null;
	aises_academie: number | null;
	fragiles_france: number | null;
	aises_france: number | null;
	diagnostic: Record<CoteCollege, LectureDomaine>;
	source: string;
}

function lire(famille: ResultatFamille | undefined, cote: CoteCollege, uai: string, id: string) {
	const cellule = famille ? cellulePoint(famille, uai, id) : null;
	if (!cellule) {
		return {
			cellule,
			statut: 'insuffisant',
			lecture: 'non lu : pas de résultat cette année',
			chiffres: null,
			annees: null
		} satisfies LectureDomaine;
	}
	const { resultat: r, point: p } = cellule;
	let lecture: string = LIBELLE_STATUT[p.statut];
	if ((p.statut === 'point_appui' || p.statut === 'point_vigilance') && p.sens)
		lecture = `${lecture} : ${SENS[cote][p.sens]}`;
	else if (p.statut === 'a_confirmer' && p.sens)
		lecture = `signal à confirmer (peut être dû au hasard) : ${SENS[cote][p.sens]}`;
	else if (p.statut === 'insuffisant' && p.raison)
		lecture = `non lu : ${RAISON_NON_LU[p.raison].replace('de l’école', 'du collège')}`;
	return { cellule, statut: p.statut, lecture, chiffres: chiffres(r), annees: annees(p) };
}

function chiffres(r: ResultatEcart): string | null {
	if (r.observe.masque || r.attendu === null || r.ecart === null || !r.intervalle) return null;
	return `${formatPart(r.observe.part)} pour ${formatPart(r.attendu)} attendus ; écart ${formatPoints(
		r.ecart
	)} (${formatPoints(r.intervalle.bas)} à ${formatPoints(r.intervalle.haut)})`;
}

function annees(p: PointTeste): string | null {
	if (p.n_par_annee.length === 0) return null;
	const parAnnee = [...p.n_par_annee].sort((a, b) =>
		a.annee_scolaire < b.annee_scolaire ? -1 : 1
	);
	const n = parAnnee.map((x) => String(x.n));
	const liste = n.length > 1 ? `${n.slice(0, -1).join(', ')} et ${n[n.length - 1]}` : n[0];
	const total = parAnnee.reduce((s, x) => s + x.n, 0);
	const cumul = parAnnee.length > 1 ? ' cumulées' : '';
	return `${libelleAnnees(p.annees_cumulees)}${cumul} : ${liste} élèves${parAnnee.length > 1 ? ` (${total} au total)` : ''}`;
}

/**
 * The collège's domains of its latest year, 6e then 4e: the year's score and group shares beside
 * the other collèges of the académie (pooled pupils, the collège left out) and France (published
 * shares), and the pooled diagnosis against a collège of the same IPS from the académie's
 * families.
 */
export function vueDomaines(
	uai: string,
	population: readonly LigneDomaine[],
	familles: FamillesColleges | null,
	france: readonly ReferencePubliee[]
): { annee: string; lignes: LigneDomaineVue[] } {
	const annee = familles?.annee ?? '';
	const propres = population.filter((l) => l.uai === uai && l.annee_scolaire === annee);
	const autres = new Map<string, { n: number; fr: number; ai: number; sn: number; s: number }>();
	for (const l of population) {
		if (l.uai === uai || l.annee_scolaire !== annee) continue;
		const a = autres.get(l.competence_id) ?? { n: 0, fr: 0, ai: 0, sn: 0, s: 0 };
		a.n += l.n_eleves;
		a.fr += l.n_besoin;
		a.ai += l.n_satisfaisant;
		if (l.score_moyen !== null) {
			a.sn += l.n_eleves;
			a.s += l.score_moyen * l.n_eleves;
		}
		autres.set(l.competence_id, a);
	}
	const publiee = (id: string, champ: 'part_besoin' | 'part_satisfaisant') => {
		const x = france.find((r) => r.territoire === 'FRANCE' && r.competence_id === id)?.[champ];
		return x === null || x === undefined ? null : x / 100;
	};
	const lignes = propres
		.map((l): LigneDomaineVue => {
			const a = autres.get(l.competence_id);
			return {
				cle: `${l.niveau}|${l.competence_id}`,
				niveau: l.niveau,
				discipline: l.discipline,
				domaine_id: l.competence_id,
				domaine: l.domaine_libelle,
				annee,
				n: l.n_eleves,
				score: l.score_moyen,
				score_academie: a && a.sn > 0 ? a.s / a.sn : null,
				fragiles: partAffichable(l.n_besoin, l.n_eleves),
				aises: partAffichable(l.n_satisfaisant, l.n_eleves),
				fragiles_academie: a && a.n > 0 ? a.fr / a.n : null,
				aises_academie: a && a.n > 0 ? a.ai / a.n : null,
				fragiles_france: publiee(l.competence_id, 'part_besoin'),
				aises_france: publiee(l.competence_id, 'part_satisfaisant'),
				diagnostic: {
					fragiles: lire(familles?.fragiles, 'fragiles', uai, l.competence_id),
					aises: lire(familles?.aises, 'aises', uai, l.competence_id)
				},
				source: l.source
			};
		})
		.sort(
			(x, y) =>
				rangNiveau(x.niveau) - rangNiveau(y.niveau) ||
				(x.discipline < y.discipline ? -1 : x.discipline > y.discipline ? 1 : 0) ||
				(x.domaine_id < y.domaine_id ? -1 : 1)
		);
	return { annee, lignes };
}

export interface PointCollege {
	cle: string;
	niveau: string;
	domaine: string;
	cote: CoteCollege;
	lecture: LectureDomaine;
}

/**
 * What stands out: the established points of both readings, the signals apart, and how many
 * signals chance alone would give on the page's cells.
 */
export function ceQuiRessortCollege(lignes: readonly LigneDomaineVue[]) {
	const tous: PointCollege[] = lignes.flatMap((l) =>
		(['fragiles', 'aises'] as const).map((cote) => ({
			cle: `${l.cle}|${cote}`,
			niveau: l.niveau,
			domaine: l.domaine,
			cote,
			lecture: l.diagnostic[cote]
		}))
	);
	const points = tous.flatMap((p) => (p.lecture.cellule ? [p.lecture.cellule.point] : []));
	const resume = resumerPoints(points);
	const sens = (p: PointCollege) => p.lecture.cellule?.point.sens;
	return {
		vigilances: tous.filter((p) => p.lecture.statut === 'point_vigilance'),
		appuis: tous.filter((p) => p.lecture.statut === 'point_appui'),
		signaux: tous.filter((p) => p.lecture.statut === 'a_confirmer' && sens(p)),
		resume,
		hasard: phraseHasard(resume, 'lectures (domaines × deux groupes)')
	};
}

/** A school of the secteur and what the académie's families establish on its CE1 and CM1. */
export interface EcoleSecteurVue extends EcoleSecteur {
	niveaux: {
		niveau: 'CE1' | 'CM1';
		/** Pupils of the pooled diagnosis (latest year's window) and its years. */
		n: number;
		annees: string;
		appuis: string[];
		vigilances: string[];
		signaux: number;
		lues: number;
	}[];
}

export function vueEcolesSecteur(
	ecoles: readonly EcoleSecteur[],
	familles: FamillesPoints | null
): EcoleSecteurVue[] {
	const uais = new Set(ecoles.map((e) => e.uai));
	const cellules = new Map<string, CellulePoint[]>();
	if (familles) {
		const f = familles.cumul;
		f.resultats.forEach((r, i) => {
			if (!uais.has(r.uai) || (r.niveau !== 'CE1' && r.niveau !== 'CM1')) return;
			const cle = `${r.uai}|${r.niveau}`;
			cellules.set(cle, [...(cellules.get(cle) ?? []), { resultat: r, point: f.points[i] }]);
		});
	}
	const nom = (id: string) => competenceParId(id)?.libelle ?? id;
	return ecoles.map((e) => ({
		...e,
		niveaux: (['CE1', 'CM1'] as const).map((niveau) => {
			const c = cellules.get(`${e.uai}|${niveau}`) ?? [];
			const lues = c.filter((x) => x.point.statut !== 'insuffisant');
			const premier = c.find((x) => x.point.n_par_annee.length > 0)?.point;
			return {
				niveau,
				n: premier ? premier.n_par_annee.reduce((s, x) => s + x.n, 0) : 0,
				annees: premier ? libelleAnnees(premier.annees_cumulees) : '',
				appuis: c
					.filter((x) => x.point.statut === 'point_appui')
					.map((x) => nom(x.resultat.competence_id)),
				vigilances: c
					.filter((x) => x.point.statut === 'point_vigilance')
					.map((x) => nom(x.resultat.competence_id)),
				signaux: c.filter((x) => x.point.statut === 'a_confirmer').length,
				lues: lues.length
			};
		})
	}));
}
