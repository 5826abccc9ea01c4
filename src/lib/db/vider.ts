import { LIBERER_SUPPRIMEES, viderTables } from './sql/schema';
import type { Moteur } from './types';

/**
 * Empties the tables of imported data, then frees their rows' blocks (LIBERER_SUPPRIMEES). Best
 * effort: a failed checkpoint only leaves them allocated. Not inside a transaction.
 */
export async function viderEtLiberer(moteur: Moteur): Promise<void> {
	// One round trip, not one per table: before the first import, in the time the user waits.
	await moteur.executer(viderTables().join(';\n'));
	await moteur.executer(LIBERER_SUPPRIMEES).catch(() => undefined);
}
