import { LIBERER_SUPPRIMEES, viderTables } from './sql/schema';
import type { Moteur } from './types';

/**
 * Empties the tables of imported data, then frees their rows' blocks (LIBERER_SUPPRIMEES). Best
 * effort: a failed checkpoint only leaves them allocated. Not inside a transaction.
 */
export async function viderEtLiberer(moteur: Moteur): Promise<void> {
	for (const sql of viderTables()) await moteur.executer(sql);
	await moteur.executer(LIBERER_SUPPRIMEES).catch(() => undefined);
}
