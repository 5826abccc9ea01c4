/**
 * « Mon école », reads: everything the directeur's page shows, read and computed once per school
 * and state of the data. The page then only chooses what to display (reference, section, print).
 */
import { sql } from '$lib/db';
import { donnees } from '$lib/state/donnees.svelte';
import { derniereAnnee, fenetreAnnees, partsPoolees, partsPubliees } from '../commun/analyse';
import {
	lireAgregatsAnnee,
	lireFormationsEcole,
	lireIpsMoyens,
	lirePortraitEcole,
	lireReferences,
	lireResultatsEcole
} from '../commun/lectures';
import { lireFamilles, lireModeles } from '../commun/modeles';
import { lireArbreProjet, lireLignesProjet } from '../projet/lectures';
import { cohortesEcole, evolutionsCompetences } from './analyse';
import type { ClasseResultat, EvolutionCompetence, ReferenceComparaison } from './types';

export async function lireTableauEcole(uai: string, version: number) {
	const m = await donnees.pret();
	// Everything that depends on the UAI only is asked at once: one wait for the engine, not two.
	const lectures = Promise.all([
		lireResultatsEcole(uai, version),
		lireFormationsEcole(uai, version),
		lireLignesProjet(version),
		lireArbreProjet(version)
	]);
	lectures.catch(() => undefined);
	// The only query of an opening the engine runs (tens of ms at 1 M pupil rows, the last answer
	// to come): the page's first screen does not wait for it, « Par classe » far below does.
	const classes = m.lignes<ClasseResultat>(sql.classesEcole(uai));
	classes.catch(() => undefined);
	const fiche = await lirePortraitEcole(uai, version);
	if (!fiche) return null;
	const p = fiche.portrait;
	const [resultats, formations, projet, arbre] = await lectures;
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
	let evolutions: EvolutionCompetence[] | undefined;
	let cohortes: ReturnType<typeof cohortesEcole> | undefined;
	return {
		fiche,
		annee,
		resultats,
		/**
		 * The académie's families of points: at once when computed in the background, else
		 * computed now (the portrait does not wait for them; « Ce qui ressort » does).
		 */
		familles: lireFamilles(version),
		references,
		ipsTerritoires: ips,
		// Shown below the competences, computed when they are drawn (the page's first screen
		// does not wait for them).
		get evolutions() {
			return (evolutions ??= evolutionsCompetences(resultats, modeles, annees));
		},
		get cohortes() {
			return (cohortes ??= cohortesEcole(resultats, modeles, annee));
		},
		objectifs: projet,
		/** The projet académique's tree, for « Au regard du projet académique ». */
		projet: arbre,
		formations,
		classes
	};
}

export type TableauEcole = NonNullable<Awaited<ReturnType<typeof lireTableauEcole>>>;
