import type { BarreCompetence } from '$lib/charts/competences';
import type { LigneTableau } from '$lib/components/types';
import {
	evaluerEcoles,
	libelleAnnees,
	partAffichable,
	type CatalogueModeles,
	type ResultatEcart
} from '$lib/indicators';
import type { EcoleListee, LigneResultat, ReferencePubliee } from './lectures';

const DISCIPLINE: Record<string, string> = { FR: 'Français', MA: 'Mathématiques' };
const ORDRE_NIVEAU = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'];

export function derniereAnnee(resultats: readonly { annee_scolaire: string }[]): string {
	return resultats.reduce((max, r) => (r.annee_scolaire > max ? r.annee_scolaire : max), '');
}

const cle = (r: { niveau: string; competence_id: string }) => `${r.niveau}|${r.competence_id}`;

/** Pooled share satisfaisant per niveau × competence of a set of schools, for one year. */
export function partsPoolees(
	lignes: readonly LigneResultat[],
	annee: string
): Map<string, number | null> {
	return new Map(
		lignes
			.filter((r) => r.annee_scolaire === annee)
			.map((r) => [cle(r), r.n_eleves ? r.n_satisfaisant / r.n_eleves : null])
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
			.map((r) => [cle(r), r.part_satisfaisant === null ? null : r.part_satisfaisant / 100])
	);
}

/**
 * The latest year of a set of results, each competence with its share, interval and masking, set
 * beside the pooled share of a reference set (the académie): rows for the table, blocks for charts.
 */
export function lignesComparees(
	resultats: readonly LigneResultat[],
	refs: ReadonlyMap<string, number | null>,
	annee = derniereAnnee(resultats),
	ecarts?: ReadonlyMap<string, ResultatEcart>
) {
	const courantes = resultats
		.filter((r) => r.annee_scolaire === annee)
		.sort(
			(a, b) =>
				ORDRE_NIVEAU.indexOf(a.niveau) - ORDRE_NIVEAU.indexOf(b.niveau) ||
				a.discipline.localeCompare(b.discipline) ||
				a.ordre - b.ordre
		);
	const lignes: LigneTableau[] = courantes.map((r) => {
		const sat = partAffichable(r.n_satisfaisant, r.n_eleves);
		const besoin = partAffichable(r.n_besoin, r.n_eleves);
		return {
			cle: cle(r),
			niveau: r.niveau,
			discipline: r.discipline,
			competence: r.competence_libelle,
			n: r.n_eleves,
			part: sat.masque ? null : sat.part,
			bas: sat.masque ? null : sat.intervalle.bas,
			haut: sat.masque ? null : sat.intervalle.haut,
			partBesoin: besoin.masque ? null : besoin.part,
			reference: refs.get(cle(r)) ?? null,
			source: r.source ?? '',
			annee,
			...(ecarts ? { attendu: versAttendu(ecarts.get(cle(r))) } : {})
		};
	});
	const blocs = new Map<string, { cle: string; titre: string; barres: BarreCompetence[] }>();
	for (const l of lignes) {
		const bloc = `${l.niveau}|${l.discipline}`;
		if (!blocs.has(bloc)) {
			blocs.set(bloc, {
				cle: bloc,
				titre: `${l.niveau} — ${DISCIPLINE[l.discipline] ?? l.discipline}`,
				barres: []
			});
		}
		blocs.get(bloc)!.barres.push({
			libelle: l.competence,
			part: l.part,
			bas: l.bas,
			haut: l.haut,
			reference: l.reference
		});
	}
	const sources = [...new Set(lignes.map((l) => l.source).filter(Boolean))];
	return { annee, lignes, blocs: [...blocs.values()], source: sources.join(', ') };
}

/** A set of schools in a few figures: groupes, EP and rural counts, IPS range. */
export function resumeEcoles(ecoles: readonly EcoleListee[]) {
	const ips = ecoles.map((e) => e.ips).filter((x): x is number => x !== null);
	return {
		groupes: [
			...new Set(ecoles.map((e) => e.groupe_proximite).filter((g): g is string => !!g))
		].sort((a, b) => a.localeCompare(b, 'fr')),
		ep: ecoles.filter((e) => e.education_prioritaire).length,
		rurales: ecoles.filter((e) => e.rural).length,
		ipsMin: ips.length ? Math.min(...ips) : null,
		ipsMax: ips.length ? Math.max(...ips) : null
	};
}

function versAttendu(e: ResultatEcart | undefined): LigneTableau['attendu'] {
	if (!e) {
		return {
			part: null,
			ecart: null,
			bas: null,
			haut: null,
			classement: 'non_classe',
			explication: 'Pas de modèle pour cette compétence.',
			regroupement: null
		};
	}
	return {
		part: e.attendu,
		ecart: e.ecart,
		bas: e.intervalle?.bas ?? null,
		haut: e.intervalle?.haut ?? null,
		classement: e.classement,
		explication: e.explication,
		regroupement: e.pooled_years ? libelleAnnees(e.pooled_years) : null
	};
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
	return new Map(evaluerEcoles(lignes, modeles, { annee_scolaire: annee }).map((e) => [cle(e), e]));
}

/** The three years ending with `annee` (the pooling window of small schools). */
export function fenetreAnnees(annees: readonly string[], annee: string): string[] {
	return [...new Set(annees)]
		.filter((a) => a <= annee)
		.sort()
		.slice(-3);
}

/**
 * Resolves once the browser has painted what the page already shows. A page renders the sections
 * far below its first screen after this, so that its main content is not kept waiting for them:
 * they follow within a frame, whether or not the user scrolls.
 */
export function apresAffichage(): Promise<void> {
	return new Promise((ok) => requestAnimationFrame(() => setTimeout(ok, 0)));
}
