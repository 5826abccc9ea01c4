import type { IndicateurCarte } from '$lib/charts/carte';
import { sql } from '$lib/db';
import { donnees } from '$lib/state/donnees.svelte';
import { memo } from '$lib/state/memo';
import { lireResultatsAcademie } from '../commun/lectures';
import { lireFamilles, lirePeriode, lirePopulation, parEtapes } from '../commun/modeles';
import { etapesTerritoires } from './analyse';
import { indicateurCouverture, indicateursLecture } from './indicateurs-carte';
import type {
	CarteAcademie,
	ComparaisonTerritoires,
	EcoleTerritoires,
	LigneCouvertureFormation,
	LigneEcoleCarte
} from './types';
import { carteAcademie, competencesOffertes } from './vue';

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
 * The map's indicators that wait for more than the schools: the training coverage, and each
 * competence's reading in the académie's family of points (seconds of statistics, computed once
 * per state of the data, often already by the background preparation). The map shows the others
 * meanwhile.
 */
export function lireIndicateursCarte(version = donnees.version): Promise<IndicateurCarte[]> {
	return memo(version, 'carte:indicateurs', async () => {
		const m = await donnees.pret();
		const [couverture, familles, resultats] = await Promise.all([
			m.lignes<LigneCouvertureFormation>(sql.couvertureFormation()),
			lireFamilles(version),
			lireResultatsAcademie(version)
		]);
		const formation = indicateurCouverture(couverture);
		const lectures = familles
			? indicateursLecture(
					familles.cumul,
					competencesOffertes(resultats, familles.annee),
					familles.fenetre
				)
			: [];
		return [...(formation ? [formation] : []), ...lectures];
	});
}

/**
 * The académie's territories compared at equal IPS (`etapesTerritoires`), once per state of the
 * data; null without evaluations. A few hundred milliseconds of statistics, in steps.
 */
export function lireTerritoires(version = donnees.version): Promise<ComparaisonTerritoires | null> {
	// An open package holds a few schools, not the académie's territories: no comparison.
	if (donnees.paquet) return Promise.resolve(null);
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
