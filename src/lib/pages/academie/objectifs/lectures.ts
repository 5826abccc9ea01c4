// The objectives of the projet académique on the académie's page: read once per state of the data.
import { sql } from '$lib/db';
import { donnees } from '$lib/state/donnees.svelte';
import { memo } from '$lib/state/memo';
import { lireFamilles, lireModeles } from '../../commun/modeles';
import { lireArbreProjet } from '../../projet/lectures';
import { lireFamilleReseaux } from '../../reseau/lectures';
import { lireTerritoires } from '../lectures';
import { analyserObjectifs } from './analyse';
import type {
	AnalyseObjectifs,
	LigneFormationObjectifs,
	LigneObjectifs,
	ObjectifsLus
} from './types';

/**
 * What the block reads: one query for the académie's figures, the rest already read (or being
 * read in the background) by the pages whose decisions it counts: the schools' family, the
 * territories' comparison, the networks' family, ; and one query for the training.
 */
export async function lireObjectifs(version = donnees.version): Promise<ObjectifsLus> {
	const m = await donnees.pret();
	const [lignes, formations] = await Promise.all([
		m.lignes<LigneObjectifs>(sql.evaluationsObjectifs()),
		m.lignes<LigneFormationObjectifs>(sql.formationsObjectifs())
	]);
	const annees = [...new Set(lignes.map((l) => l.annee_scolaire))].sort();
	const [arbre, modeles, familles, comparaison, reseaux] = await Promise.all([
		lireArbreProjet(version),
		lireModeles(annees, version),
		lireFamilles(version),
		lireTerritoires(version),
		lireFamilleReseaux(version)
	]);
	return { arbre, lignes, modeles, familles, comparaison, reseaux, formations };
}

/** The block's analysis, once per state of the data. */
export const lireObjectifsAcademie = (version = donnees.version): Promise<AnalyseObjectifs> =>
	memo(version, 'objectifs-academie', async () => analyserObjectifs(await lireObjectifs(version)));
