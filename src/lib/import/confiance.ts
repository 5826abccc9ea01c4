// Le chargement d'un fichier de confiance : un fichier écrit par Pilotage lui-même (l'académie de
// démonstration, scripts/generate-demo.ts), UTF-8, séparateur `;`, une ligne d'en-tête. Il suit
// la déclaration de son genre (genres/) comme un import : mêmes champs, mêmes règles de
// normalisation et de typage (le même SQL), mêmes tables cibles, même fusion. Seuls les
// diagnostics ligne à ligne (motifs, doublons, rejets, rapport) sont sautés : ils doublaient le
// temps de chargement de la démo au démarrage, pour des fichiers que `demo.test.ts` vérifie
// par l'import complet.

import * as q from '$lib/db/sql/import';
import type { Moteur } from '$lib/db/types';
import { affecter, champsRequisManquants } from './correspondance';
import { fusionner } from './fusion';
import { genreParId, type IdGenre } from './genres';
import { cibleAgregee, construirePlan } from './plan';
import type { BilanTable } from './rapport';
import { decouperCsv } from './sniff';

/** Enough bytes for any header line of a trusted file. */
const TAILLE_ENTETE = 64 * 1024;

/**
 * Loads a trusted file into its kind's tables, in one transaction: its bytes are registered in
 * the engine under `nom` for the load only. Throws if the file does not fit its kind (a missing
 * required column, a line that does not parse): nothing is then changed.
 */
export async function chargerDeConfiance(
	moteur: Moteur,
	fichier: { readonly nom: string; readonly octets: Uint8Array },
	idGenre: IdGenre,
	source: string
): Promise<BilanTable[]> {
	const genre = genreParId(idGenre);
	const debut = new TextDecoder().decode(fichier.octets.subarray(0, TAILLE_ENTETE));
	const complet = fichier.octets.length <= TAILLE_ENTETE;
	const entete = decouperCsv(debut, ';', { complet, max: 1 })[0]?.cellules ?? [];
	const affectation = affecter(genre, entete);
	const manquants = champsRequisManquants(genre, affectation);
	if (manquants.length)
		throw new Error(
			`${fichier.nom} : colonnes absentes pour ${genre.id} : ${manquants.join(', ')}`
		);
	const plan = construirePlan(
		genre,
		affectation,
		entete,
		{ fichier: fichier.nom, separateur: ';', lignesAvant: 1, nbColonnes: entete.length },
		source
	);
	const agregee = cibleAgregee(plan);
	const vues: string[] = [];
	// Only now: in the browser the bytes are handed over to the engine's worker (no longer
	// readable here), and the header had to be read first.
	await moteur.enregistrerOctets(fichier.nom, fichier.octets);
	try {
		if (agregee) {
			await moteur.executer(q.creerAgregatConfiance(plan, agregee));
			return await fusionner(moteur, plan, { agregee, doublons: false }, vues);
		}
		return await fusionner(
			moteur,
			plan,
			{ doublons: false, typees: q.lignesConfiance(plan) },
			vues
		);
	} finally {
		await moteur.executer(q.supprimerTemporaires(plan, vues, true)).catch(() => undefined);
		await moteur.oublierFichier(fichier.nom);
	}
}
