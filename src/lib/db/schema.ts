import { COMPETENCES } from '$lib/domain/competences';
import { creerSchema, remplirCatalogue } from './sql/schema';
import type { Moteur } from './types';

/** Creates every table and fills the competence catalogue from `src/lib/domain`. */
export async function initialiserSchema(moteur: Moteur): Promise<void> {
	for (const ddl of creerSchema()) await moteur.executer(ddl);
	for (const sql of remplirCatalogue(COMPETENCES)) await moteur.executer(sql);
}
