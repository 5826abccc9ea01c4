import { nomDepartement } from '$lib/domain/departements';
import { comparerFr } from '$lib/domain/texte';
import {
	agregerGroupe,
	alphaFamille,
	conclureFamille,
	cumulerAgregats,
	testerCellule,
	type CatalogueModeles,
	type LigneEvaluation,
	type PointTeste,
	type ResultatEcart
} from '$lib/indicators';
import type {
	CelluleTerritoire,
	ComparaisonTerritoires,
	Dimension,
	EcoleTerritoires,
	Territoire
} from './types';

/** The ways the académie's territories are compared, in the order the page offers them. */
export const DIMENSIONS: readonly { id: Dimension; libelle: string }[] = [
	{ id: 'education_prioritaire', libelle: 'Éducation prioritaire' },
	{ id: 'milieu', libelle: 'Écoles rurales et urbaines' },
	{ id: 'secteur', libelle: 'Public et privé' },
	{ id: 'departement', libelle: 'Départements' },
	{ id: 'circonscription', libelle: 'Circonscriptions' }
];

const ORDRE_EP: Readonly<Record<string, string>> = { 'REP+': '1', REP: '2', hors: '3' };

/**
 * The territory a school belongs to in one dimension, or null when its file does not say (a
 * school without rurality is in no « milieu », not in « urbain »).
 */
export function territoireDe(e: EcoleTerritoires, dimension: Dimension): Territoire | null {
	switch (dimension) {
		case 'departement': {
			if (!e.code_departement) return null;
			const code = e.code_departement.replace(/^0(?=\d\d$)/, '');
			return { dimension, code, libelle: nomDepartement(code), ordre: code };
		}
		case 'circonscription':
			return e.code_circonscription
				? {
						dimension,
						code: e.code_circonscription,
						libelle: e.libelle_circonscription ?? e.code_circonscription,
						ordre: e.libelle_circonscription ?? e.code_circonscription
					}
				: null;
		case 'education_prioritaire': {
			const ep = e.education_prioritaire === 'REP+' || e.education_prioritaire === 'REP';
			const code = ep ? e.education_prioritaire! : 'hors';
			const libelle = ep ? code : 'hors éducation prioritaire';
			return { dimension, code, libelle, ordre: ORDRE_EP[code] };
		}
		case 'milieu':
			if (e.rural === null) return null;
			return e.rural
				? { dimension, code: 'rural', libelle: 'écoles rurales', ordre: '1' }
				: { dimension, code: 'urbain', libelle: 'écoles urbaines', ordre: '2' };
		case 'secteur': {
			const s = (e.secteur ?? '').normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
			if (s.startsWith('pu')) return { dimension, code: 'public', libelle: 'public', ordre: '1' };
			if (s.startsWith('pr')) return { dimension, code: 'prive', libelle: 'privé', ordre: '2' };
			return null;
		}
	}
}

/**
 * Every territory of every dimension, on every competence evaluated in the latest year: its
 * schools' pupils pooled over the window's years and set against what their IPS predict
 * (`agregerGroupe` then `cumulerAgregats`, as a network's own figure). Each dimension's cells
 * (one table of the page, one question: « à IPS égal, l’éducation prioritaire… ») form one family
 * under the false-discovery control: a territory is « en dessous » or « au-dessus » of what its
 * schools' IPS predict only when the gap is established; a mere signal is shown apart. One family
 * for all dimensions would let the ~1 200 circonscription cells drown the three EP rows (REP+
 * Chenôve's designed −7 points, p ≈ 0.0005, is then not established); per-table families keep
 * the share of false points per table at q, which is what a reader of one table relies on. A dimension with a single territory (every school public) compares nothing and is left
 * out, with the reason. As steps (one yield per territory), for `parEtapes`.
 */
export function* etapesTerritoires(
	ecoles: readonly EcoleTerritoires[],
	lignes: readonly LigneEvaluation[],
	modeles: CatalogueModeles,
	annee: string,
	fenetre: readonly string[]
): Generator<void, ComparaisonTerritoires> {
	const annees = [...fenetre].sort().reverse();
	const dansFenetre = new Set(fenetre);
	const parUai = new Map(ecoles.map((e) => [e.uai, e]));
	const retenues = lignes.filter((l) => dansFenetre.has(l.annee_scolaire) && parUai.has(l.uai));
	const dimensions: ComparaisonTerritoires['dimensions'] = [];
	const absentes: ComparaisonTerritoires['absentes'] = [];
	const cellules: Omit<CelluleTerritoire, 'point'>[] = [];

	for (const { id, libelle } of DIMENSIONS) {
		// territory code → competence → year → rows
		const groupes = new Map<string, Map<string, Map<string, LigneEvaluation[]>>>();
		const territoires = new Map<string, Territoire>();
		for (const l of retenues) {
			const t = territoireDe(parUai.get(l.uai)!, id);
			if (!t) continue;
			territoires.set(t.code, t);
			let parCompetence = groupes.get(t.code);
			if (!parCompetence) groupes.set(t.code, (parCompetence = new Map()));
			let parAnnee = parCompetence.get(l.competence_id);
			if (!parAnnee) parCompetence.set(l.competence_id, (parAnnee = new Map()));
			let liste = parAnnee.get(l.annee_scolaire);
			if (!liste) parAnnee.set(l.annee_scolaire, (liste = []));
			liste.push(l);
		}
		const ordonnes = [...territoires.values()].sort(
			(a, b) => comparerFr(a.ordre, b.ordre) || comparerFr(a.libelle, b.libelle)
		);
		if (ordonnes.length < 2) {
			absentes.push({
				dimension: id,
				libelle,
				raison:
					ordonnes.length === 1
						? `toutes les écoles évaluées sont du même groupe (${ordonnes[0].libelle}) : il n’y a rien à comparer`
						: 'les fichiers des écoles ne le disent pas'
			});
			continue;
		}
		dimensions.push({
			dimension: id,
			libelle,
			territoires: ordonnes,
			nombre_tests: 0,
			nombre_signaux: 0,
			nombre_etablis: 0,
			signaux_par_hasard: 0
		});
		for (const t of ordonnes) {
			for (const parAnnee of groupes.get(t.code)!.values()) {
				if (!parAnnee.get(annee)?.some((l) => l.n_eleves > 0)) continue;
				const resultat = cumulerAgregats(
					annees
						.filter((a) => parAnnee.get(a)?.some((l) => l.n_eleves > 0))
						.map((a) =>
							agregerGroupe(parAnnee.get(a)!, modeles, {
								libelle: t.libelle,
								annee_scolaire: a,
								evaluer_membres: false
							})
						)
				);
				const nb_ecoles = new Set(parAnnee.get(annee)!.map((l) => l.uai)).size;
				cellules.push({ territoire: t, nb_ecoles, resultat });
			}
			yield;
		}
	}

	const points = new Map<Omit<CelluleTerritoire, 'point'>, PointTeste>();
	for (const d of dimensions) {
		const lesSiennes = cellules.filter((c) => c.territoire.dimension === d.dimension);
		const resultats: ResultatEcart[] = lesSiennes.map((c) => c.resultat);
		const alpha = alphaFamille(resultats);
		const testes = resultats.map((r) => testerCellule(r, alpha));
		const famille = conclureFamille(testes, alpha);
		lesSiennes.forEach((c, i) => points.set(c, testes[i]));
		d.nombre_tests = famille.nombre_tests;
		d.nombre_signaux = famille.nombre_signaux;
		d.nombre_etablis = famille.nombre_etablis;
		d.signaux_par_hasard = famille.signaux_par_hasard;
	}
	return {
		annee,
		fenetre: [...fenetre].sort(),
		dimensions,
		absentes,
		cellules: cellules.map((c) => ({ ...c, point: points.get(c)! }))
	};
}

/** `etapesTerritoires` run at once (tests, scripts). */
export function comparerTerritoires(
	...args: Parameters<typeof etapesTerritoires>
): ComparaisonTerritoires {
	const etapes = etapesTerritoires(...args);
	for (;;) {
		const etape = etapes.next();
		if (etape.done) return etape.value;
	}
}
