import { sql } from '$lib/db';
import { ajusterModelesIps, type CatalogueModeles, type LigneEvaluation } from '$lib/indicators';
import type { Table } from 'apache-arrow';
import { donnees } from './donnees.svelte';

/**
 * The expected share given IPS is fitted on every school of the académie, per competence and
 * year. The population is read as Arrow columns (tens of thousands of rows: turning them into
 * objects one by one would cost more than the query) and the fitted models are kept for the
 * session, until the data change.
 */
const cache = new Map<string, Promise<CatalogueModeles>>();
let versionCache = -1;

function lignesDepuisArrow(table: Table): LigneEvaluation[] {
	const col = (nom: string) => table.getChild(nom)!.toArray() as ArrayLike<unknown>;
	const [annee, uai, niveau, discipline, competence] = [
		'annee_scolaire',
		'uai',
		'niveau',
		'discipline',
		'competence_id'
	].map(col) as ArrayLike<string>[];
	const [n, besoin, fragile, satisfaisant] = [
		'n_eleves',
		'n_besoin',
		'n_fragile',
		'n_satisfaisant'
	].map(col) as ArrayLike<number>[];
	const ips = table.getChild('ips')!;
	const lignes: LigneEvaluation[] = new Array(table.numRows);
	for (let i = 0; i < table.numRows; i++) {
		lignes[i] = {
			annee_scolaire: annee[i],
			uai: uai[i],
			niveau: niveau[i],
			discipline: discipline[i],
			competence_id: competence[i],
			n_eleves: n[i],
			n_besoin: besoin[i],
			n_fragile: fragile[i],
			n_satisfaisant: satisfaisant[i],
			ips: ips.isValid(i) ? (ips.get(i) as number) : null
		};
	}
	return lignes;
}

/** The models of the given years (one per competence × year), fitted on the académie. */
export async function lireModeles(
	annees: readonly string[],
	version: number
): Promise<CatalogueModeles> {
	if (version !== versionCache) {
		cache.clear();
		versionCache = version;
	}
	const catalogues = await Promise.all(
		annees.map((annee) => {
			let promesse = cache.get(annee);
			if (!promesse) {
				promesse = donnees
					.pret()
					.then((m) => m.table(sql.populationReference(annee)))
					.then((t) => ajusterModelesIps(lignesDepuisArrow(t), { source: 'Académie' }));
				cache.set(annee, promesse);
			}
			return promesse;
		})
	);
	return new Map(catalogues.flatMap((c) => [...c]));
}
