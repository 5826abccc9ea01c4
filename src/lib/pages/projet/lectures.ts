// The projet académique, read once per state of the data.
import { sql } from '$lib/db';
import { donnees } from '$lib/state/donnees.svelte';
import { memo } from '$lib/state/memo';
import { arbreProjet } from './analyse';
import type { AmbitionArbre, LigneProjet } from './types';

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
