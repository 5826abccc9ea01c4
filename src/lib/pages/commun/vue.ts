// View models shared by the school and académie pages: the competences' table and chart blocks.
import type { BandeAttendue, BarreCompetence } from '$lib/charts/competences';
import { comparerCompetences, libelleDiscipline } from '$lib/domain/competences';
import type { LigneTableau } from '$lib/components/types';
import { libelleAnnees, partAffichable } from '$lib/indicators';
import type { LigneResultat } from '../types';
import { cleLigne, derniereAnnee, type CellulePoint } from './analyse';

/**
 * The latest year of a set of results, each competence with its share, interval and masking, set
 * beside the pooled share of a reference set (the académie): rows for the table, blocks for charts.
 */
export function lignesComparees(
	resultats: readonly LigneResultat[],
	refs: ReadonlyMap<string, number | null>,
	annee = derniereAnnee(resultats),
	diagnostic?: ReadonlyMap<string, CellulePoint | null>,
	attenduAnnee?: ReadonlyMap<string, BandeAttendue>
) {
	const courantes = resultats.filter((r) => r.annee_scolaire === annee).sort(comparerCompetences);
	const lignes: LigneTableau[] = courantes.map((r) => {
		const sat = partAffichable(r.n_satisfaisant, r.n_eleves);
		const besoin = partAffichable(r.n_besoin, r.n_eleves);
		return {
			cle: cleLigne(r),
			niveau: r.niveau,
			discipline: r.discipline,
			competence: r.competence_libelle,
			n: r.n_eleves,
			part: sat.masque ? null : sat.part,
			bas: sat.masque ? null : sat.intervalle.bas,
			haut: sat.masque ? null : sat.intervalle.haut,
			partBesoin: besoin.masque ? null : besoin.part,
			reference: refs.get(cleLigne(r)) ?? null,
			source: r.source ?? '',
			annee,
			...(diagnostic ? { attendu: versAttendu(diagnostic.get(cleLigne(r))) } : {})
		};
	});
	const blocs = new Map<string, { cle: string; titre: string; barres: BarreCompetence[] }>();
	for (const l of lignes) {
		const bloc = `${l.niveau}|${l.discipline}`;
		if (!blocs.has(bloc)) {
			blocs.set(bloc, {
				cle: bloc,
				titre: `${l.niveau} — ${libelleDiscipline(l.discipline)}`,
				barres: []
			});
		}
		blocs.get(bloc)!.barres.push({
			libelle: l.competence,
			part: l.part,
			bas: l.bas,
			haut: l.haut,
			reference: l.reference,
			attendu: attenduAnnee?.get(l.cle) ?? null
		});
	}
	const sources = [...new Set(lignes.map((l) => l.source).filter(Boolean))];
	return { annee, lignes, blocs: [...blocs.values()], source: sources.join(', ') };
}

function versAttendu(c: CellulePoint | null | undefined): LigneTableau['attendu'] {
	if (!c) {
		return {
			part: null,
			ecart: null,
			bas: null,
			haut: null,
			statut: 'insuffisant',
			explication: 'Pas de diagnostic pour cette compétence.',
			regroupement: null,
			n: 0
		};
	}
	const { resultat: e, point } = c;
	return {
		part: e.attendu,
		ecart: e.ecart,
		bas: e.intervalle?.bas ?? null,
		haut: e.intervalle?.haut ?? null,
		statut: point.statut,
		explication: e.explication,
		regroupement: e.pooled_years ? libelleAnnees(e.pooled_years) : null,
		n: e.n
	};
}
