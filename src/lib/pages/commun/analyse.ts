// Pure functions over rows shared by the pages (latest year, pooling window, pooled and published
// shares, a school's gaps, the territories' aggregates). No engine here: tested on plain rows.
import {
	alphaFamille,
	assemblerFamille,
	conclureFamille,
	evaluerEcoles,
	optionsEcartFamille,
	testerCellule,
	type CatalogueModeles,
	type LigneEvaluation,
	type OptionsFamille,
	type PointTeste,
	type ResultatEcart,
	type ResultatFamille
} from '$lib/indicators';
import type {
	AgregatsAnnee,
	LigneCirconscriptionAgregee,
	LigneResultat,
	ReferencePubliee
} from '../types';

export function derniereAnnee(resultats: readonly { annee_scolaire: string }[]): string {
	return resultats.reduce((max, r) => (r.annee_scolaire > max ? r.annee_scolaire : max), '');
}

export const cleLigne = (r: { niveau: string; competence_id: string }) =>
	`${r.niveau}|${r.competence_id}`;

/** Pooled share satisfaisant per niveau × competence of a set of schools, for one year. */
export function partsPoolees(
	lignes: readonly LigneResultat[],
	annee: string
): Map<string, number | null> {
	return new Map(
		lignes
			.filter((r) => r.annee_scolaire === annee)
			.map((r) => [cleLigne(r), r.n_eleves ? r.n_satisfaisant / r.n_eleves : null])
	);
}

/** Published shares (in %) of one territory, for one year, as shares in [0, 1]. */
export function partsPubliees(
	references: readonly ReferencePubliee[],
	territoire: string
): Map<string, number | null> {
	return new Map(
		references
			.filter((r) => r.territoire === territoire)
			.map((r) => [cleLigne(r), r.part_satisfaisant === null ? null : r.part_satisfaisant / 100])
	);
}

/**
 * A school's gap to what its IPS leads to expect, for each competence of the given year (small
 * schools pool up to three years, labelled as such).
 */
export function ecartsEcole(
	resultats: readonly LigneResultat[],
	modeles: CatalogueModeles,
	annee: string
): Map<string, ResultatEcart> {
	const lignes = resultats.map((r) => ({
		uai: r.uai ?? '',
		annee_scolaire: r.annee_scolaire,
		niveau: r.niveau,
		discipline: r.discipline,
		competence_id: r.competence_id,
		n_eleves: r.n_eleves,
		n_besoin: r.n_besoin,
		n_fragile: r.n_fragile,
		n_satisfaisant: r.n_satisfaisant,
		ips: r.ips ?? null,
		source: r.source
	}));
	return new Map(
		evaluerEcoles(lignes, modeles, { annee_scolaire: annee }).map((e) => [cleLigne(e), e])
	);
}

/** The three years ending with `annee` (the pooling window of small schools). */
export function fenetreAnnees(annees: readonly string[], annee: string): string[] {
	return [...new Set(annees)]
		.filter((a) => a <= annee)
		.sort()
		.slice(-3);
}

/** SQL's ORDER BY on text (bytes, not the locale's collation). */
const binaire = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** SQL's sum: nulls ignored, null when every term is null. */
const somme = (a: number | null | undefined, b: number | null | undefined) =>
	a === null || a === undefined ? (b ?? null) : b === null || b === undefined ? a : a + b;

/**
 * Adds up per-circonscription rows into one territory's rows, as `agregat()` pools its schools:
 * counts summed, schools counted once (a school lies in one circonscription), and the rows in its
 * order (year, niveau, discipline, catalogue order).
 */
function cumuler(lignes: readonly LigneCirconscriptionAgregee[]): LigneResultat[] {
	const parCle = new Map<string, LigneResultat>();
	for (const l of lignes) {
		const cle = `${l.annee_scolaire}|${l.niveau}|${l.discipline}|${l.competence_id}`;
		const t = parCle.get(cle);
		if (!t) {
			parCle.set(cle, {
				annee_scolaire: l.annee_scolaire,
				niveau: l.niveau,
				discipline: l.discipline,
				competence_id: l.competence_id,
				competence_libelle: l.competence_libelle,
				ordre: l.ordre,
				nb_ecoles: l.nb_ecoles,
				n_eleves: l.n_eleves,
				n_besoin: l.n_besoin,
				n_fragile: l.n_fragile,
				n_satisfaisant: l.n_satisfaisant
			});
			continue;
		}
		t.competence_libelle ??= l.competence_libelle;
		t.nb_ecoles = somme(t.nb_ecoles, l.nb_ecoles) ?? 0;
		t.n_eleves = somme(t.n_eleves, l.n_eleves)!;
		t.n_besoin = somme(t.n_besoin, l.n_besoin)!;
		t.n_fragile = somme(t.n_fragile, l.n_fragile)!;
		t.n_satisfaisant = somme(t.n_satisfaisant, l.n_satisfaisant)!;
	}
	return [...parCle.values()].sort(
		(a, b) =>
			binaire(a.annee_scolaire, b.annee_scolaire) ||
			binaire(a.niveau, b.niveau) ||
			binaire(a.discipline, b.discipline) ||
			a.ordre - b.ordre
	);
}

export function grouper<T>(lignes: readonly T[], cle: (l: T) => string | null): Map<string, T[]> {
	const groupes = new Map<string, T[]>();
	for (const l of lignes) {
		const k = cle(l);
		if (k === null) continue;
		let g = groupes.get(k);
		if (!g) groupes.set(k, (g = []));
		g.push(l);
	}
	return groupes;
}

/**
 * The académie's, each département's and each circonscription's rows from the per-circonscription
 * rows of `sql.agregatsCirconscriptions` (the same rows `agregat()` gives for each territory).
 */
export function agregerAnnee(lignes: readonly LigneCirconscriptionAgregee[]): AgregatsAnnee {
	const parDepartement = grouper(lignes, (l) => l.code_departement);
	const parCirconscription = grouper(lignes, (l) =>
		l.circonscription_connue ? l.code_circonscription : null
	);
	return {
		academie: cumuler(lignes),
		departements: new Map([...parDepartement].map(([k, v]) => [k, cumuler(v)])),
		circonscriptions: new Map([...parCirconscription].map(([k, v]) => [k, cumuler(v)]))
	};
}

/**
 * The académie's two families of tests (docs/methodologie.md, « Points établis et signaux à
 * confirmer »): the diagnosis on the last three years pooled, and « cette année » on the latest
 * year alone. Computed once per state of the data from every school's rows of the window, so
 * that a cell has one status on every page, chart and CSV.
 */
export interface FamillesPoints {
	annee: string;
	fenetre: string[];
	cumul: ResultatFamille;
	annee_seule: ResultatFamille;
}

/**
 * `evaluerFamille` for both analyses, as steps: it yields after each school and every few
 * hundred cells tested, so that the caller may spread seconds of statistics over idle periods
 * (`lireFamilles`). Same results as `evaluerFamille` (the family's control runs once, over every
 * cell, at the end).
 */
export function* etapesFamilles(
	lignes: readonly LigneEvaluation[],
	modeles: CatalogueModeles,
	annee: string,
	fenetre: readonly string[]
): Generator<void, FamillesPoints> {
	const parEcole = grouper(lignes, (l) => l.uai);
	function* famille(options: OptionsFamille): Generator<void, ResultatFamille> {
		const optionsEcart = optionsEcartFamille(options);
		const resultats: ResultatEcart[] = [];
		for (const lignesEcole of parEcole.values()) {
			resultats.push(...evaluerEcoles(lignesEcole, modeles, optionsEcart));
			yield;
		}
		const alpha = alphaFamille(resultats);
		const points: PointTeste[] = [];
		for (const r of resultats) {
			points.push(testerCellule(r, alpha));
			if (points.length % 200 === 0) yield;
		}
		return assemblerFamille(conclureFamille(points, alpha, options.q), options, resultats);
	}
	// The diagnosis of the latest year's cells: a school × competence not evaluated this year
	// has no current diagnosis (and its older years would need models outside the window).
	const cumul = yield* famille({ analyse: 'cumul', annee_scolaire: annee });
	const annee_seule = yield* famille({ analyse: 'annee', annee_scolaire: annee });
	return { annee, fenetre: [...fenetre], cumul, annee_seule };
}

/** `etapesFamilles` run at once (tests, scripts). */
export function evaluerFamilles(
	lignes: readonly LigneEvaluation[],
	modeles: CatalogueModeles,
	annee: string,
	fenetre: readonly string[]
): FamillesPoints {
	const etapes = etapesFamilles(lignes, modeles, annee, fenetre);
	for (;;) {
		const etape = etapes.next();
		if (etape.done) return etape.value;
	}
}

/** A cell of a family: its result and its status, or null when the family has no such cell. */
export interface CellulePoint {
	resultat: ResultatEcart;
	point: PointTeste;
}

export function cellulePoint(
	famille: ResultatFamille,
	uai: string,
	competence_id: string
): CellulePoint | null {
	const i = famille.index.get(`${uai}|${competence_id}`);
	return i === undefined ? null : { resultat: famille.resultats[i], point: famille.points[i] };
}
