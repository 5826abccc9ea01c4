import { sql } from '$lib/db';
import { donnees } from '$lib/state/donnees.svelte';
import { memo } from '$lib/state/memo';
import { lirePeriode, lirePopulation, parEtapes } from '../commun/modeles';
import { etapesTerritoires } from './analyse';
import type {
	CarteAcademie,
	ComparaisonTerritoires,
	EcoleTerritoires,
	LigneEcoleCarte
} from './types';
import { carteAcademie } from './vue';

/** The académie's map, read once per state of the data. */
export function lireCarteAcademie(version = donnees.version): Promise<CarteAcademie> {
	return memo(version, 'carte:academie', async () => {
		const m = await donnees.pret();
		const [lignes, circonscriptions, reseaux] = await Promise.all([
			m.lignes<LigneEcoleCarte>(sql.ecolesCarte()),
			m.lignes<{ code_circonscription: string; libelle: string }>(sql.circonscriptions()),
			m.lignes<{ reseau_id: string; type: string; libelle: string }>(sql.reseauxCarte())
		]);
		return carteAcademie(lignes, circonscriptions, reseaux);
	});
}

/**
 * The académie's territories compared at equal IPS (`etapesTerritoires`), once per state of the
 * data; null without evaluations. A few hundred milliseconds of statistics, in steps.
 */
export function lireTerritoires(version = donnees.version): Promise<ComparaisonTerritoires | null> {
	return memo(version, 'territoires', async () => {
		const periode = await lirePeriode(version);
		if (!periode) return null;
		const m = await donnees.pret();
		const [ecoles, population] = await Promise.all([
			m.lignes<EcoleTerritoires>(sql.ecolesTerritoires()),
			lirePopulation(periode.fenetre, version)
		]);
		return parEtapes(
			etapesTerritoires(
				ecoles,
				population.lignes,
				population.modeles,
				periode.annee,
				periode.fenetre
			),
			version
		);
	});
}
