/** One objective of the projet académique with one indicator mapped to it (or none). */
export interface ObjectifProjet {
	objectif_id: string;
	objectif: string;
	axe: string;
	ambition: string;
	indicateur: string | null;
	niveau: string | null;
	discipline: string | null;
	competence_id: string | null;
}

/**
 * The objectives of the projet académique that a school's result on one competence serves. Only
 * mappings that name a niveau, a discipline or a competence count: a mapping of « evaluation » as
 * a whole belongs to territory-level objectives (REP, rural comparisons), not to one school's
 * competence.
 */
export function objectifsDeCompetence(
	objectifs: readonly ObjectifProjet[],
	niveau: string,
	discipline: string,
	competence: string
): ObjectifProjet[] {
	const vus = new Set<string>();
	return objectifs.filter((o) => {
		const correspond =
			o.indicateur === 'evaluation' &&
			Boolean(o.niveau || o.discipline || o.competence_id) &&
			(!o.niveau || o.niveau === niveau) &&
			(!o.discipline || o.discipline === discipline) &&
			(!o.competence_id || o.competence_id === competence);
		if (!correspond || vus.has(o.objectif_id)) return false;
		vus.add(o.objectif_id);
		return true;
	});
}

/** Columns of `projet-academique.csv` (docs/formats.md); the last is optional. */
export const COLONNES_PROJET = [
	'id',
	'niveau',
	'parent_id',
	'ordre',
	'libelle',
	'motif_sans_indicateur'
] as const;

/** Columns of `projet-indicateurs.csv`; `theme` is optional (older files have none). */
export const COLONNES_INDICATEURS_PROJET = [
	'objectif_id',
	'indicateur',
	'niveau',
	'discipline',
	'competence_id',
	'theme'
] as const;

/**
 * The theme a `formation` indicator names to mean « the training followed in the schools of
 * éducation prioritaire (REP, REP+) », whatever its theme. Why a public and not a theme: the
 * training files say who attended (the school, hence its REP or REP+) but have no « éducation
 * prioritaire » theme — the REP+ network's own training (type « formation réseau ») is on
 * competences (fluence, problèmes…), and REP+ teachers' 18 half-days cover every theme. An
 * objective « Dynamiser l’éducation prioritaire » reading all training would count the whole
 * académie's.
 */
export const THEME_EDUCATION_PRIORITAIRE = 'éducation prioritaire';

// Asked for every indicator × training line at each opening of a page with the projet (a few ms of
// Unicode normalisation each time), over the few themes a projet file names.
const themesEducationPrioritaire = new Map<string, boolean>();

/** Whether a `formation` indicator's theme is `THEME_EDUCATION_PRIORITAIRE` (case and accents aside). */
export function estThemeEducationPrioritaire(theme: string | null | undefined): boolean {
	const t = theme ?? '';
	let oui = themesEducationPrioritaire.get(t);
	if (oui === undefined) {
		oui =
			t.normalize('NFD').replace(/\p{M}/gu, '').trim().toLowerCase() === 'education prioritaire';
		themesEducationPrioritaire.set(t, oui);
	}
	return oui;
}
