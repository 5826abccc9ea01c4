// « Mon école », statistics over the school's rows: each competence's gap to expected over the
// years, and the CP pupils followed into CE1. Pure: no engine.
import { SUITES_COHORTE } from '$lib/domain/cohortes';
import { comparerCompetences } from '$lib/domain/competences';
import {
	cohorte,
	decalerAnnee,
	evolutionEcart,
	type CatalogueModeles,
	type ResultatCohorte,
	type ResultatEcart
} from '$lib/indicators';
import { ecartsEcole } from '../commun/analyse';
import type { LigneResultat } from '../types';
import type { EvolutionCompetence } from './types';

/**
 * Each competence over the window's years, read as the gap to what the school's IPS leads to
 * expect that year (each year on its own pupils, with its interval), and the change from the
 * first to the last year. Gaps rather than raw shares: the tests and their thresholds change
 * every year for every school, the gap to the académie's curve does not.
 */
export function evolutionsCompetences(
	resultats: readonly LigneResultat[],
	modeles: CatalogueModeles,
	fenetre: readonly string[]
): EvolutionCompetence[] {
	const parCompetence = new Map<string, LigneResultat[]>();
	for (const r of resultats) {
		if (!fenetre.includes(r.annee_scolaire)) continue;
		const cle = `${r.niveau}|${r.competence_id}`;
		parCompetence.set(cle, [...(parCompetence.get(cle) ?? []), r]);
	}
	return [...parCompetence.entries()]
		.map(([cle, lignes]) => {
			const annees = [...lignes]
				.sort((a, b) => a.annee_scolaire.localeCompare(b.annee_scolaire))
				.map((l) => ecartsEcole([l], modeles, l.annee_scolaire).get(cle)!);
			const lues = annees.filter((a) => a.ecart !== null);
			return {
				cle,
				niveau: lignes[0].niveau,
				discipline: lignes[0].discipline,
				competence: lignes[0].competence_libelle,
				ordre: lignes[0].ordre,
				annees,
				evolution: lues.length >= 2 ? evolutionEcart(lues[0], lues.at(-1)!) : null
			};
		})
		.sort(comparerCompetences);
}

/** The CP pupils of last year as this year's CE1, on the competences assessed at both levels. */
export function cohortesEcole(
	resultats: readonly LigneResultat[],
	modeles: Parameters<typeof ecartsEcole>[1],
	annee: string
): { cp: string; ce1: string; resultat: ResultatCohorte }[] {
	if (!annee) return [];
	const precedente = decalerAnnee(annee, -1);
	const sansRegroupement = (a: string) =>
		ecartsEcole(
			resultats.filter((r) => r.annee_scolaire === a),
			modeles,
			a
		);
	const avant = sansRegroupement(precedente);
	const apres = sansRegroupement(annee);
	const suites: { cp: string; ce1: string; resultat: ResultatCohorte }[] = [];
	for (const [cp, ce1] of SUITES_COHORTE) {
		const depart: ResultatEcart | undefined = avant.get(`CP|${cp}`);
		const arrivee: ResultatEcart | undefined = apres.get(`CE1|${ce1}`);
		if (!depart || !arrivee) continue;
		const libelle = (id: string) =>
			resultats.find((r) => r.competence_id === id)?.competence_libelle ?? id;
		suites.push({ cp: libelle(cp), ce1: libelle(ce1), resultat: cohorte(depart, arrivee) });
	}
	return suites;
}
