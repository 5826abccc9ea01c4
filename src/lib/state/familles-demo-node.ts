/**
 * For the data-package tests (`paquet.test.ts`, `paquet-territoire.test.ts`): the académie's
 * families of points computed over the demo in the Node engine, as the app's pages decide them
 * (latest year, its window of years, the models selon l'IPS fitted year by year), with that year
 * and those models.
 */
import { sql, type Moteur } from '$lib/db';
import { ajusterModelesIps, type LigneEvaluation, type ModeleIps } from '$lib/indicators';
import { evaluerFamilles, fenetreAnnees, type FamillesPoints } from '$lib/pages/commun/analyse';

export async function famillesDeLaDemo(
	source: Moteur
): Promise<{ familles: FamillesPoints; annee: string; modeles: Map<string, ModeleIps> }> {
	const annees = (await source.lignes<{ annee_scolaire: string }>(sql.anneesEvaluees())).map(
		(a) => a.annee_scolaire
	);
	const annee = annees.at(-1)!;
	const fenetre = fenetreAnnees(annees, annee);
	const population: LigneEvaluation[] = [];
	const modeles = new Map<string, ModeleIps>();
	for (const a of fenetre) {
		const lignes = await source.lignes<LigneEvaluation>(sql.populationReference(a));
		population.push(...lignes);
		for (const [k, m] of ajusterModelesIps(lignes, { source: 'Académie' })) modeles.set(k, m);
	}
	return { familles: evaluerFamilles(population, modeles, annee, fenetre), annee, modeles };
}
