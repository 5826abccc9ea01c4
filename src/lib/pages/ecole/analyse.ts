// « Mon école », statistics over the school's rows: each competence over the years, and the CP
// pupils followed into CE1. Pure: no engine.
import { SUITES_COHORTE } from '$lib/domain/cohortes';
import { comparerCompetences } from '$lib/domain/competences';
import {
	cohorte,
	decalerAnnee,
	tendance,
	type ResultatCohorte,
	type ResultatEcart
} from '$lib/indicators';
import { ecartsEcole } from '../commun/analyse';
import type { LigneResultat } from '../types';
import type { EvolutionCompetence } from './types';

/** Each competence over the years, with intervals and the change from first to last year. */
export function evolutionsCompetences(resultats: readonly LigneResultat[]): EvolutionCompetence[] {
	const parCompetence = new Map<string, LigneResultat[]>();
	for (const r of resultats) {
		const cle = `${r.niveau}|${r.competence_id}`;
		parCompetence.set(cle, [...(parCompetence.get(cle) ?? []), r]);
	}
	return [...parCompetence.entries()]
		.map(([cle, lignes]) => ({
			cle,
			niveau: lignes[0].niveau,
			discipline: lignes[0].discipline,
			competence: lignes[0].competence_libelle,
			ordre: lignes[0].ordre,
			tendance: tendance(
				lignes.map((l) => ({
					annee_scolaire: l.annee_scolaire,
					k: l.n_satisfaisant,
					n: l.n_eleves,
					source: l.source
				}))
			)
		}))
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
