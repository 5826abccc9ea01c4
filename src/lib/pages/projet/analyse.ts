// The projet académique's tree and its objective ↔ indicator mapping: pure functions.
import { competenceParId, libelleDiscipline } from '$lib/domain/competences';
import { estThemeEducationPrioritaire } from '$lib/domain/projet';
import type { StatutPoint } from '$lib/indicators';
import type {
	AmbitionArbre,
	CompetenceTerritoire,
	FormationTerritoire,
	GenreIndicateur,
	IndicateurProjet,
	LigneProjet,
	ObjectifArbre
} from './types';

const ordre = (n: number | null) => n ?? Number.MAX_SAFE_INTEGER;

/** Ambition → axe → objectif, each objective with its indicators (rows in the tree's order). */
export function arbreProjet(lignes: readonly LigneProjet[]): AmbitionArbre[] {
	const ambitions = new Map<string, AmbitionArbre>();
	const objectifs = new Map<string, ObjectifArbre>();
	for (const l of lignes) {
		let ambition = ambitions.get(l.ambition_id);
		if (!ambition) {
			ambition = {
				id: l.ambition_id,
				libelle: l.ambition,
				ordre: ordre(l.ordre_ambition),
				axes: []
			};
			ambitions.set(l.ambition_id, ambition);
		}
		let axe = ambition.axes.find((x) => x.id === l.axe_id);
		if (!axe) {
			axe = { id: l.axe_id, libelle: l.axe, ordre: ordre(l.ordre_axe), objectifs: [] };
			ambition.axes.push(axe);
		}
		let objectif = objectifs.get(l.objectif_id);
		if (!objectif) {
			objectif = {
				id: l.objectif_id,
				libelle: l.objectif,
				ordre: ordre(l.ordre_objectif),
				motif: l.motif_sans_indicateur || null,
				indicateurs: []
			};
			objectifs.set(l.objectif_id, objectif);
			axe.objectifs.push(objectif);
		}
		if (l.indicateur)
			objectif.indicateurs.push({
				indicateur: l.indicateur as GenreIndicateur,
				niveau: l.niveau || null,
				discipline: l.discipline || null,
				competence_id: l.competence_id || null,
				theme: l.theme || null
			});
	}
	const parOrdre = <T extends { ordre: number; id: string }>(a: T, b: T) =>
		a.ordre - b.ordre || a.id.localeCompare(b.id);
	const arbre = [...ambitions.values()].sort(parOrdre);
	for (const a of arbre) {
		a.axes.sort(parOrdre);
		for (const x of a.axes) x.objectifs.sort(parOrdre);
	}
	return arbre;
}

/** The objectives no indicator is mapped to. */
export const objectifsSansIndicateur = (arbre: readonly AmbitionArbre[]): ObjectifArbre[] =>
	arbre.flatMap((a) => a.axes.flatMap((x) => x.objectifs.filter((o) => !o.indicateurs.length)));

/**
 * Whether a competence is one an `evaluation` indicator names. An indicator naming no niveau,
 * discipline nor competence stands for the evaluations as a whole (territories' comparison), not
 * for one competence.
 */
export function competenceCorrespond(
	i: IndicateurProjet,
	niveau: string,
	discipline: string,
	competence: string
): boolean {
	return (
		i.indicateur === 'evaluation' &&
		Boolean(i.niveau || i.discipline || i.competence_id) &&
		(!i.niveau || i.niveau === niveau) &&
		(!i.discipline || i.discipline === discipline) &&
		(!i.competence_id || i.competence_id === competence)
	);
}

/**
 * Whether training on a theme serves a `formation` indicator: its theme named; or a competence
 * (the training's theme is then the competence's id, `CP-FR-PHONEMES`), by id or by niveau and
 * discipline (the id's first two parts); an indicator naming nothing stands for all training.
 */
export function formationCorrespond(i: IndicateurProjet, theme: string | null): boolean {
	if (i.indicateur !== 'formation') return false;
	if (estThemeEducationPrioritaire(i.theme)) return estThemeEducationPrioritaire(theme);
	if (i.theme) return theme === i.theme;
	if (i.competence_id) return theme === i.competence_id;
	if (i.niveau || i.discipline) {
		const [niveau, discipline] = (theme ?? '').split('-');
		return (!i.niveau || i.niveau === niveau) && (!i.discipline || i.discipline === discipline);
	}
	return true;
}

/**
 * A territory's training that serves at least one of an objective's indicators; for the
 * éducation prioritaire (`THEME_EDUCATION_PRIORITAIRE`), the training its REP and REP+ schools'
 * teachers followed, whatever the theme.
 */
export const formationsObjectif = (
	indicateurs: readonly IndicateurProjet[],
	formations: readonly FormationTerritoire[]
): FormationTerritoire[] =>
	formations.filter((f) =>
		indicateurs.some(
			(i) =>
				formationCorrespond(i, f.theme) ||
				(i.indicateur === 'formation' &&
					estThemeEducationPrioritaire(i.theme) &&
					(f.education_prioritaire === 'REP' || f.education_prioritaire === 'REP+'))
		)
	);

interface Famille {
	index: ReadonlyMap<string, number>;
	points: readonly { statut: StatutPoint }[];
}
/** A cell of the family: its competence and its point's position. */
type Cellule = [competence: string, point: number];

// The académie's cells by school, once per family: a network or a circonscription then visits
// its few hundred cells instead of splitting the ≈ 60 000 keys of the académie at each opening.
// Numbers only (rank in the family's index, point, competence's number), ≈ 1,5 Mo for the académie.
const parEcole = new WeakMap<Famille, { ecoles: Map<string, number[]>; competences: string[] }>();

function cellulesParEcole(famille: Famille) {
	let index = parEcole.get(famille);
	if (!index) {
		const ecoles = new Map<string, number[]>();
		const numeros = new Map<string, number>();
		let rang = 0;
		for (const [cle, i] of famille.index) {
			const [uai, competence] = cle.split('|');
			let n = numeros.get(competence);
			if (n === undefined) numeros.set(competence, (n = numeros.size));
			let liste = ecoles.get(uai);
			if (!liste) ecoles.set(uai, (liste = []));
			liste.push(rang++, i, n);
		}
		index = { ecoles, competences: [...numeros.keys()] };
		parEcole.set(famille, index);
	}
	return index;
}

/** Every cell, read as the family's index is walked (the académie's page: no copy of its keys). */
function* toutesCellules(famille: Famille): Generator<Cellule> {
	for (const [cle, i] of famille.index) yield [cle.split('|')[1], i];
}

/** The cells of `ecoles` (null: all) in the family's order, so competences come out in the same order. */
function cellules(famille: Famille, ecoles: ReadonlySet<string> | null): Iterable<Cellule> {
	if (!ecoles) return toutesCellules(famille);
	const index = cellulesParEcole(famille);
	const triplets: number[][] = [];
	for (const uai of ecoles) {
		const liste = index.ecoles.get(uai) ?? [];
		for (let k = 0; k < liste.length; k += 3) triplets.push(liste.slice(k, k + 3));
	}
	return triplets.sort((x, y) => x[0] - y[0]).map(([, i, n]): Cellule => [index.competences[n], i]);
}

/**
 * The established points of a territory's schools, per competence, from the académie's family
 * (`FamillesPoints.cumul`, the same status as every school page): how many schools have a point
 * d'appui, a point de vigilance, and a diagnosis at all. `ecoles` null: every school.
 */
export function competencesDesEcoles(
	famille: Famille,
	ecoles: ReadonlySet<string> | null
): CompetenceTerritoire[] {
	const parCompetence = new Map<string, NonNullable<CompetenceTerritoire['ecoles']>>();
	for (const [competence, i] of cellules(famille, ecoles)) {
		const statut = famille.points[i]?.statut;
		if (!statut || statut === 'insuffisant') continue;
		const c = parCompetence.get(competence) ?? { appuis: 0, vigilances: 0, diagnostiquees: 0 };
		c.diagnostiquees += 1;
		if (statut === 'point_appui') c.appuis += 1;
		if (statut === 'point_vigilance') c.vigilances += 1;
		parCompetence.set(competence, c);
	}
	return [...parCompetence].flatMap(([id, e]) => {
		const c = competenceParId(id);
		return c
			? [
					{
						niveau: c.niveau,
						discipline: c.discipline,
						competence_id: id,
						libelle: c.libelle,
						statut: 'autre' as const,
						ecoles: e
					}
				]
			: [];
	});
}

/** A training theme's name: a competence's with its niveau (« Résoudre des problèmes » is in three). */
export function nommerTheme(theme: string | null, libelle: string | null): string {
	const competence = theme ? competenceParId(theme) : undefined;
	return competence
		? `${competence.niveau} ${competence.libelle}`
		: (libelle ?? theme ?? 'sans thème');
}

/** Training of one theme, year by year (most recent first): hours and teachers added up. */
export interface FormationParTheme {
	theme: string;
	annees: { annee_scolaire: string; heures: number; participants: number }[];
}

/** Training rows added up per theme (in French order) and year. */
export function sommerFormations(
	lignes: Iterable<{ theme: string; annee_scolaire: string; heures: number; participants: number }>
): FormationParTheme[] {
	const parTheme = new Map<string, Map<string, { heures: number; participants: number }>>();
	for (const l of lignes) {
		const annees = parTheme.get(l.theme) ?? new Map();
		const a = annees.get(l.annee_scolaire) ?? { heures: 0, participants: 0 };
		a.heures += l.heures;
		a.participants += l.participants;
		annees.set(l.annee_scolaire, a);
		parTheme.set(l.theme, annees);
	}
	return [...parTheme]
		.sort(([a], [b]) => a.localeCompare(b, 'fr'))
		.map(([theme, annees]) => ({
			theme,
			annees: [...annees]
				.sort(([a], [b]) => b.localeCompare(a))
				.map(([annee_scolaire, a]) => ({ annee_scolaire, ...a }))
		}));
}

/** A `formation` indicator in words: its theme, competence, niveau and discipline, or « toutes ». */
export function libelleIndicateurFormation(i: IndicateurProjet): string {
	if (estThemeEducationPrioritaire(i.theme)) return 'formations suivies en éducation prioritaire';
	if (i.theme) return i.theme;
	if (i.competence_id) return i.competence_id;
	if (i.niveau || i.discipline)
		return [i.niveau, i.discipline && `compétences de ${libelleDiscipline(i.discipline, 'phrase')}`]
			.filter(Boolean)
			.join(' ');
	return 'toutes les formations';
}
