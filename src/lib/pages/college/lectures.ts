/**
 * « Mon collège », reads: the collège's portrait, its results and the académie's collèges (for
 * the model given IPS and the families), its brevet and its secteur, once per state of the data.
 */
import { sql } from '$lib/db';
import { donnees } from '$lib/state/donnees.svelte';
import { memo } from '$lib/state/memo';
import { lireReferences } from '../commun/lectures';
import { lireFamilles } from '../commun/modeles';
import { evaluerFamillesColleges } from './analyse';
import type {
	EcoleSecteur,
	FicheCollege,
	LigneDomaine,
	ReseauCollege,
	ValeurAjoutee
} from './types';

/** Every collège's 6e and 4e rows, read once per state of the data. */
export const lirePopulationColleges = (version: number) =>
	memo(version, 'colleges:population', async () =>
		(await donnees.pret()).lignes<LigneDomaine>(sql.populationColleges())
	);

/** The collèges' families (a few hundred models and cells), computed once per state of the data. */
export const lireFamillesColleges = (version: number) =>
	memo(version, 'colleges:familles', async () =>
		evaluerFamillesColleges(await lirePopulationColleges(version))
	);

export async function lireTableauCollege(uai: string, version: number) {
	const m = await donnees.pret();
	const [[fiche], reseaux, valeurAjoutee, ecoles] = await Promise.all([
		m.lignes<FicheCollege>(sql.ficheCollege(uai)),
		m.lignes<ReseauCollege>(sql.reseauxCollege(uai)),
		m.lignes<ValeurAjoutee>(sql.valeurAjouteeCollege(uai)),
		m.lignes<EcoleSecteur>(sql.ecolesSecteur(uai))
	]);
	if (!fiche) return null;
	const [population, familles] = await Promise.all([
		lirePopulationColleges(version),
		lireFamillesColleges(version)
	]);
	const [france, ipsMoyens] = await Promise.all([
		familles ? lireReferences(familles.annee, version) : [],
		fiche.annee_ips
			? m.lignes<{ code_departement: string | null; ips: number }>(
					sql.ipsMoyensColleges(fiche.annee_ips)
				)
			: []
	]);
	// The references the IPS file published, else the collèges' means computed here.
	const calcule = (dep: string | null) =>
		ipsMoyens.find((x) => x.code_departement === dep)?.ips ?? null;
	const ips = {
		france: fiche.ips_france,
		academie: fiche.ips_academie ?? calcule(null),
		departement: fiche.ips_departement ?? calcule(fiche.code_departement)
	};
	return {
		fiche,
		reseaux,
		ips,
		population,
		familles,
		france,
		valeurAjoutee,
		ecoles,
		/** The schools' families (the secteur's CE1 and CM1 readings): not awaited by the page. */
		famillesEcoles: lireFamilles(version)
	};
}

export type TableauCollege = NonNullable<Awaited<ReturnType<typeof lireTableauCollege>>>;

type CollegeDeSecteur = { uai: string; nom: string; commune: string | null };

/**
 * Every school's collège de secteur, read once per state of the data: one query for all the
 * schools instead of one at each school opened.
 */
const lireCollegesDeSecteur = (version: number) =>
	memo(version, 'colleges-de-secteur', async () => {
		const m = await donnees.pret();
		const lignes = await m.lignes<CollegeDeSecteur & { ecole: string }>(sql.collegesDeSecteur());
		return new Map(lignes.map(({ ecole, ...c }) => [ecole, c]));
	});

/** The collège of a school's secteur, for the school page's link. */
export async function lireCollegeDeSecteur(
	uai: string,
	version: number
): Promise<CollegeDeSecteur | null> {
	return (await lireCollegesDeSecteur(version)).get(uai) ?? null;
}
