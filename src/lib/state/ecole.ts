import { sql } from '$lib/db';
import { SUITES_COHORTE } from '$lib/domain/cohortes';
import {
	cohorte,
	decalerAnnee,
	tendance,
	type ResultatCohorte,
	type ResultatEcart,
	type ResultatTendance
} from '$lib/indicators';
import { donnees } from './donnees.svelte';
import { lireAgregatsAnnee, lireFormationsEcole, lireIpsMoyens, memo } from './agregats';
import {
	lirePortraitEcole,
	lireReferences,
	lireResultatsEcole,
	type LigneResultat
} from './lectures';
import { lireModeles } from './modeles';
import type { ObjectifProjet } from '$lib/domain/projet';

export type { ObjectifProjet };
import { derniereAnnee, ecartsEcole, fenetreAnnees, partsPoolees, partsPubliees } from './vues';

/**
 * Everything the directeur's page shows, read and computed once per school and state of the data.
 * The page then only chooses what to display (reference, section, print).
 */

export interface FormationEcole {
	annee_scolaire: string;
	type: string;
	discipline: string | null;
	theme: string | null;
	theme_libelle: string | null;
	modules: number;
	participants: number;
	heures: number;
	source: string;
}

export interface ClasseResultat extends LigneResultat {
	classe: string;
}

export interface EvolutionCompetence {
	cle: string;
	niveau: string;
	discipline: string;
	competence: string;
	tendance: ResultatTendance;
}

export type ReferenceComparaison = 'academie' | 'circonscription' | 'departement' | 'france';

export const LIBELLES_REFERENCE: Record<ReferenceComparaison, string> = {
	academie: 'Académie',
	circonscription: 'Circonscription',
	departement: 'Département',
	france: 'France'
};

/** The projet académique, read once per state of the data. */
const lireProjet = (version: number) =>
	memo(version, 'projet', async () =>
		(await donnees.pret()).lignes<ObjectifProjet>(sql.projetAcademique())
	);

export async function lireTableauEcole(uai: string, version: number) {
	const m = await donnees.pret();
	// Everything that depends on the UAI only is asked at once: one wait for the engine, not two.
	const lectures = Promise.all([
		lireResultatsEcole(uai, version),
		lireFormationsEcole(uai, version),
		m.lignes<ClasseResultat>(sql.classesEcole(uai)),
		lireProjet(version)
	]);
	lectures.catch(() => undefined);
	const fiche = await lirePortraitEcole(uai, version);
	if (!fiche) return null;
	const p = fiche.portrait;
	const [resultats, formations, classes, projet] = await lectures;
	const annee = derniereAnnee(resultats);
	const annees = fenetreAnnees(
		resultats.map((r) => r.annee_scolaire),
		annee
	);
	const [agregats, ipsMoyens, modeles, france] = await Promise.all([
		annee ? lireAgregatsAnnee(annee, version) : null,
		annee ? lireIpsMoyens(annee, version) : null,
		lireModeles(annees, version),
		annee ? lireReferences(annee, version) : []
	]);
	const ips = {
		departement: ipsMoyens?.departements.get(p.code_departement) ?? null,
		academie: ipsMoyens?.academie ?? null
	};
	const circonscription =
		p.code_circonscription && agregats?.circonscriptions.get(p.code_circonscription);
	const references: Record<ReferenceComparaison, Map<string, number | null>> = {
		academie: partsPoolees(agregats?.academie ?? [], annee),
		circonscription: partsPoolees(circonscription || [], annee),
		departement: partsPoolees(agregats?.departements.get(p.code_departement) ?? [], annee),
		france: partsPubliees(france, 'FRANCE')
	};
	const ecarts = ecartsEcole(resultats, modeles, annee);
	let evolutions: EvolutionCompetence[] | undefined;
	let cohortes: ReturnType<typeof cohortesEcole> | undefined;
	return {
		fiche,
		annee,
		resultats,
		ecarts,
		references,
		ipsTerritoires: ips,
		// Shown below the competences, computed when they are drawn (the page's first screen
		// does not wait for them).
		get evolutions() {
			return (evolutions ??= evolutionsCompetences(resultats));
		},
		get cohortes() {
			return (cohortes ??= cohortesEcole(resultats, modeles, annee));
		},
		objectifs: projet,
		formations,
		classes
	};
}

export type TableauEcole = NonNullable<Awaited<ReturnType<typeof lireTableauEcole>>>;

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
		.sort(
			(a, b) =>
				['CP', 'CE1', 'CE2', 'CM1', 'CM2'].indexOf(a.niveau) -
					['CP', 'CE1', 'CE2', 'CM1', 'CM2'].indexOf(b.niveau) ||
				a.discipline.localeCompare(b.discipline) ||
				a.ordre - b.ordre
		);
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
