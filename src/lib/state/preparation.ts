import { preloadCode } from '$app/navigation';
import { sql } from '$lib/db';
import {
	fenetreAnnees,
	lireAgregatsAnnee,
	lireFichesEcoles,
	lireFamilles,
	lireIpsMoyens,
	lireModeles,
	lireReferences,
	lireToutesEcoles
} from '$lib/pages/commun';
import { analyserToutesCirconscriptions, lireCirconscriptions } from '$lib/pages/circonscription';
import {
	lireCategoriesReferences,
	lireCouvertureFormations,
	lireFamilleReseaux,
	lireProjetReseaux,
	lireReseaux
} from '$lib/pages/reseau';
import { lireProjetTerritoire } from '$lib/pages/projet';
import { lireCarteAcademie, lireIndicateursCarte } from '$lib/pages/academie';
import { lireFamillesColleges } from '$lib/pages/college';
import { donnees } from './donnees.svelte';

/**
 * Once a state of the data is loaded, reads and fits in the background what every view needs
 * and what does not change between views: the IPS models of the latest three years (a few
 * hundred milliseconds per year, which the first school opened used to wait for), the latest
 * year's territory aggregates, every school's portrait, results and training, every
 * circonscription's and network's reads, the académie's families of points (which cells are
 * established points, which are signals), the projet académique's reads, the views' code, then every circonscription's
 * statistics in idle time. One step at a time, so that the query of a view the user opens
 * meanwhile waits for one step at most; each step is the same cached read a view would make, so
 * a view never computes anything twice.
 */
export async function preparerVues(version: number): Promise<void> {
	const m = await donnees.pret();
	// A new state of the data, or an import under way: stop; the next idle state starts again
	// (the steps already done are cached).
	const a_jour = () => donnees.version === version && donnees.travaux === 0;
	if (!a_jour()) return;
	const annees = (await m.lignes<{ annee_scolaire: string }>(sql.anneesEvaluees())).map(
		(a) => a.annee_scolaire
	);
	const derniere = annees.at(-1);
	if (!derniere || !a_jour()) return;
	const fenetre = fenetreAnnees(annees, derniere);
	const etapes: (() => Promise<unknown>)[] = [
		...[...fenetre].reverse().map((annee) => () => lireModeles([annee], version)),
		() => lireAgregatsAnnee(derniere, version),
		() => lireFichesEcoles(version),
		() => lireIpsMoyens(derniere, version),
		() => lireReferences(derniere, version),
		() => lireCategoriesReferences(derniere, version),
		() => lireCouvertureFormations(version),
		() => lireToutesEcoles(version),
		() => lireCirconscriptions(version),
		() => lireReseaux(version),
		// The académie's points under the false-discovery control (several seconds, spread over
		// short steps): every school, circonscription and network view reads its statuses.
		() => lireFamilles(version),
		() => lireFamilleReseaux(version),
		// The projet's objectives and indicators of the network pages (two queries, ≈ 50 ms).
		() => lireProjetReseaux(version),
		// « Au regard du projet académique », on every role page: the académie's territories
		// compared at equal IPS (a few hundred milliseconds of statistics), which the first page
		// opened used to compute while the next one was opening.
		() => lireProjetTerritoire(version, null),
		// The schools' map of every circonscription, network and the académie, and its indicators
		// (five queries, ≈ 0,5 s in the engine), which the first map opened used to wait for.
		() => lireCarteAcademie(version),
		() => lireIndicateursCarte(version),
		// The collèges' families (a query and ≈ 50 ms of statistics), which the first network
		// opened used to compute, in a long task, for its continuity section.
		() => lireFamillesColleges(version)
	];
	for (const etape of etapes) {
		if (!a_jour()) return;
		await etape();
	}
	// The views' own code (and Plot's, ≈ 250 kB) is loaded and compiled now rather than at the
	// first school the user opens.
	for (const vue of ['ecole', 'circonscription', 'reseau']) {
		await preloadCode(`/#/${vue}/-`).catch(() => {});
	}
	// The circonscriptions' statistics (≈ 50 ms each, a few dozen), in idle time.
	await analyserToutesCirconscriptions(version, a_jour);
	if (!a_jour()) return;
	performance.mark('pilotage:vues-preparees');
}
