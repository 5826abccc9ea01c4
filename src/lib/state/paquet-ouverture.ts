/**
 * Opening a package in the engine (`donnees.ouvrirPaquet`): its rows in place of the tables, or,
 * when they do not load whole or are not exactly its audience's schools, the tables as they were
 * put back before the refusal is shown. Kept apart from `donnees`, which holds when it runs.
 */
import { viderEtLiberer, viderTables, type Moteur } from '$lib/db';
import type { importer as Importer } from '$lib/import';
import { chargerPaquet } from './paquet-chargement';
import type { Paquet } from './paquet-fichier';

export const MESSAGE_IMPORT_SOUS_PAQUET =
	'Un paquet de données est ouvert : quittez-le (bandeau en haut de la page) avant d’importer des fichiers. Rien n’a été modifié.';

/**
 * Loads `paquet` in place of the engine's tables. On a refusal, empties them again, lets
 * `retablir` load what was shown before (the previous package, or the journal), and rethrows the
 * refusal's French message.
 */
export async function remplacerParPaquet(
	moteur: Moteur,
	paquet: Paquet,
	importer: typeof Importer,
	retablir: () => Promise<void>
): Promise<void> {
	await viderEtLiberer(moteur);
	try {
		await chargerPaquet(moteur, paquet, importer);
	} catch (e) {
		for (const sql of viderTables()) await moteur.executer(sql);
		await retablir();
		throw e;
	}
}
