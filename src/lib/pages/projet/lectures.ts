// The projet académique, read once per state of the data.
import { sql } from '$lib/db';
import { donnees } from '$lib/state/donnees.svelte';
import { memo } from '$lib/state/memo';
import { lireTerritoires } from '../academie/lectures';
import { lireFamilles } from '../commun/modeles';
import { arbreProjet, competencesDesEcoles } from './analyse';
import type { AmbitionArbre, FormationTerritoire, LigneProjet, ProjetTerritoireLu } from './types';

export const lireLignesProjet = (version: number): Promise<LigneProjet[]> =>
	memo(version, 'projet-lignes', async () =>
		(await donnees.pret()).lignes<LigneProjet>(sql.projetAcademique())
	);

export const lireArbreProjet = (version: number): Promise<AmbitionArbre[]> =>
	memo(version, 'projet-arbre', async () => arbreProjet(await lireLignesProjet(version)));

/** The training themes imported, for the projet's theme picker. */
export const lireThemesFormation = (version: number) =>
	memo(version, 'projet-themes', async () =>
		(await donnees.pret()).lignes<{
			theme: string;
			libelle: string | null;
			participations: number;
		}>(sql.themesFormation())
	);

/** Every school's training, per school, year, type and theme (no teacher identifier). */
const lireFormationsEcoles = (version: number) =>
	memo(version, 'projet-formations', async () =>
		(await donnees.pret()).lignes<FormationTerritoire & { uai: string }>(sql.formationsEcole())
	);

/**
 * What « Au regard du projet académique » needs for a territory of schools (`ecoles` null: the
 * académie): the tree, its schools' established points (the académie's family, the same status as
 * on each school's page), their training, and the territories compared at equal IPS.
 */
export async function lireProjetTerritoire(
	version: number,
	ecoles: readonly string[] | null
): Promise<ProjetTerritoireLu> {
	const [arbre, familles, formations, comparaison] = await Promise.all([
		lireArbreProjet(version),
		lireFamilles(version),
		lireFormationsEcoles(version),
		lireTerritoires(version)
	]);
	const garder = ecoles ? new Set(ecoles) : null;
	return {
		arbre,
		annee: familles?.annee ?? null,
		fenetre: familles?.fenetre ?? [],
		competences: familles ? competencesDesEcoles(familles.cumul, garder) : null,
		formations: garder ? formations.filter((f) => garder.has(f.uai)) : formations,
		comparaison
	};
}
