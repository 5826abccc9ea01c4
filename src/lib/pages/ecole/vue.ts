// « Mon école », wording of the page's choices and « Ce qui ressort ».
import type { BandeAttendue } from '$lib/charts/competences';
import { comparerCompetences } from '$lib/domain/competences';
import { RAISON_NON_LU } from '$lib/domain/points';
import { formatEffectif, formatPart, formatPoints } from '$lib/format';
import {
	libelleAnnees,
	phraseHasard,
	resumerPoints,
	zBilateral,
	type PointTeste,
	type ResultatEcart,
	type ResultatFamille,
	type ResumePoints
} from '$lib/indicators';
import { cellulePoint, cleLigne, type CellulePoint, type FamillesPoints } from '../commun/analyse';
import type { LigneResultat } from '../types';
import type { ReferenceComparaison } from './types';

export const LIBELLES_REFERENCE: Record<ReferenceComparaison, string> = {
	academie: 'Académie',
	circonscription: 'Circonscription',
	departement: 'Département',
	france: 'France'
};

/** One competence of the school in the diagnosis: its pooled result and its status. */
export interface PointEcole {
	cle: string;
	niveau: string;
	discipline: string;
	competence_id: string;
	competence: string;
	resultat: ResultatEcart;
	point: PointTeste;
	/** « 42 % de satisfaisants pour 58 % attendus ; écart −16 points (−24 à −8) ». */
	chiffres: string;
	/** « 2022-2023 à 2024-2025 cumulées : 58, 43 et 49 élèves (150 au total) ». */
	annees: string;
	/** « même sens 3 années sur 3 », or null when fewer than two years could be read. */
	persistance: string | null;
}

/** What one family says of the school's cells. */
export interface LectureFamille {
	appuis: PointEcole[];
	vigilances: PointEcole[];
	signaux: PointEcole[];
	resume: ResumePoints;
	/** « Sur 39 compétences, environ 2 écarts de cette taille apparaissent par hasard. » */
	hasard: string;
	/** Why cells could not be read, with how many (« moins de 10 élèves… » × 39). */
	non_lues: { raison: string; nombre: number }[];
}

export interface CeQuiRessort {
	annee: string;
	/** Years of the diagnosis (the window, most recent last). */
	fenetre: string[];
	diagnostic: LectureFamille;
	cette_annee: LectureFamille;
}

const liste = (nombres: readonly number[]) =>
	nombres.length < 2 ? nombres.join('') : `${nombres.slice(0, -1).join(', ')} et ${nombres.at(-1)}`;

function chiffresResultat(r: ResultatEcart): string {
	if (r.observe.masque || r.attendu === null || r.ecart === null) return '';
	const intervalle = r.intervalle
		? ` (${formatPoints(r.intervalle.bas)} à ${formatPoints(r.intervalle.haut)})`
		: '';
	return (
		`${formatPart(r.observe.part)} de satisfaisants pour ${formatPart(r.attendu)} attendus\u202f; ` +
		`écart ${formatPoints(r.ecart)}${intervalle}`
	);
}

function anneesPoint(p: PointTeste): string {
	// Oldest first, as the years are read; each year's own pupils, then the pooled total the
	// share rests on (a pooled share never shows one year's n).
	const parAnnee = [...p.n_par_annee].sort((a, b) =>
		a.annee_scolaire.localeCompare(b.annee_scolaire)
	);
	const total = parAnnee.reduce((s, a) => s + a.n, 0);
	if (parAnnee.length === 1)
		return `${parAnnee[0].annee_scolaire} : ${formatEffectif(total, 'élève')}`;
	return (
		`${libelleAnnees(parAnnee.map((a) => a.annee_scolaire))} cumulées : ` +
		`${liste(parAnnee.map((a) => a.n))} élèves (${formatEffectif(total, 'élève')} au total)`
	);
}

function lireFamille(
	famille: ResultatFamille,
	uai: string,
	competences: readonly LigneResultat[]
): LectureFamille {
	const lecture: LectureFamille = {
		appuis: [],
		vigilances: [],
		signaux: [],
		resume: resumerPoints([]),
		hasard: '',
		non_lues: []
	};
	const points: PointTeste[] = [];
	const raisons = new Map<string, number>();
	for (const c of competences) {
		const cellule = cellulePoint(famille, uai, c.competence_id);
		if (!cellule) continue;
		const { resultat, point } = cellule;
		points.push(point);
		if (point.statut === 'insuffisant') {
			const raison = RAISON_NON_LU[point.raison ?? 'effectif_insuffisant'];
			raisons.set(raison, (raisons.get(raison) ?? 0) + 1);
			continue;
		}
		const lu: PointEcole = {
			cle: cleLigne(c),
			niveau: c.niveau,
			discipline: c.discipline,
			competence_id: c.competence_id,
			competence: c.competence_libelle,
			resultat,
			point,
			chiffres: chiffresResultat(resultat),
			annees: anneesPoint(point),
			persistance: point.persistance
				? `même sens ${point.persistance.meme_sens} années sur ${point.persistance.annees_evaluees}`
				: null
		};
		if (point.statut === 'point_appui') lecture.appuis.push(lu);
		else if (point.statut === 'point_vigilance') lecture.vigilances.push(lu);
		else if (point.statut === 'a_confirmer') lecture.signaux.push(lu);
	}
	lecture.resume = resumerPoints(points);
	lecture.hasard = phraseHasard(lecture.resume);
	lecture.non_lues = [...raisons].map(([raison, nombre]) => ({ raison, nombre }));
	return lecture;
}

/**
 * « Ce qui ressort » of a school: its established points on the pooled diagnosis (years and
 * pupils per year, persistence), its signals apart with the page's chance sentence, and the
 * latest year alone read the same way. Statuses come from the académie's families, never from a
 * test made here on the page's cells.
 */
export function ceQuiRessort(
	familles: FamillesPoints,
	uai: string,
	resultats: readonly LigneResultat[]
): CeQuiRessort {
	const competences = resultats
		.filter((r) => r.annee_scolaire === familles.annee)
		.sort(comparerCompetences);
	return {
		annee: familles.annee,
		fenetre: familles.fenetre,
		diagnostic: lireFamille(familles.cumul, uai, competences),
		cette_annee: lireFamille(familles.annee_seule, uai, competences)
	};
}

/** The diagnosis of each competence row (`niveau|competence_id`): the pooled family's cell. */
export function diagnosticsEcole(
	familles: FamillesPoints,
	uai: string,
	resultats: readonly LigneResultat[]
): Map<string, CellulePoint | null> {
	return new Map(
		resultats
			.filter((r) => r.annee_scolaire === familles.annee)
			.map((r) => [cleLigne(r), cellulePoint(familles.cumul, uai, r.competence_id)])
	);
}

/**
 * This year's expected share of each competence and the band where a school exactly on its
 * curve falls 19 times out of 20 with this year's pupils: normal approximation of the binomial
 * with the expected share's own uncertainty (a drawing aid; the reading is the family's test).
 */
export function bandesAttendues(
	familles: FamillesPoints,
	uai: string,
	resultats: readonly LigneResultat[]
): Map<string, BandeAttendue> {
	const bandes = new Map<string, BandeAttendue>();
	for (const r of resultats) {
		if (r.annee_scolaire !== familles.annee) continue;
		const e = cellulePoint(familles.annee_seule, uai, r.competence_id)?.resultat;
		if (!e || e.attendu === null || e.observe.masque) continue;
		const p = e.attendu;
		const demi = zBilateral() * Math.sqrt((p * (1 - p)) / e.n + (e.ecart_type_attendu ?? 0) ** 2);
		bandes.set(cleLigne(r), {
			part: p,
			bas: Math.max(0, p - demi),
			haut: Math.min(1, p + demi)
		});
	}
	return bandes;
}

/**
 * The competences a projet action can target: those of the school's results, newest year first
 * read, keyed as the rows are (`niveau|competence_id`), in the order of the domain.
 */
export function competencesDuProjet(resultats: readonly LigneResultat[]): Map<string, string> {
	const lignes = [...resultats].sort(
		(a, b) => b.annee_scolaire.localeCompare(a.annee_scolaire) || comparerCompetences(a, b)
	);
	const vues = new Map<string, LigneResultat>();
	for (const r of lignes) if (!vues.has(cleLigne(r))) vues.set(cleLigne(r), r);
	return new Map(
		[...vues.values()]
			.sort(comparerCompetences)
			.map((r) => [cleLigne(r), `${r.niveau} — ${r.competence_libelle}`])
	);
}
