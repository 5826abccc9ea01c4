import {
	analyserCirconscription,
	lireDonneesCirconscription,
	type AnalyseCirconscription,
	type DonneesCirconscription
} from './circonscription';
import { circonscriptionsDejaLues, lireCirconscriptions, memo } from './agregats';
import { donnees } from './donnees.svelte';
import { lireModeles } from './modeles';

export interface CirconscriptionAnalysee {
	d: DonneesCirconscription;
	analyse: AnalyseCirconscription;
}

/**
 * A circonscription's data and statistics (every school × competence against its expected
 * share, the masking), once per state of the data: the page shows them, and `preparerVues`
 * computes every circonscription's in idle time so that opening one waits for nothing.
 */
export function analyseCirconscription(
	code: string,
	version: number
): Promise<CirconscriptionAnalysee | null> {
	return memo(version, `analyse-circonscription:${code}`, async () => {
		const moteur = await donnees.pret();
		const d = await lireDonneesCirconscription(moteur, code, circonscriptionsDejaLues(version));
		if (!d) return null;
		const modeles = await lireModeles(d.fenetre, version);
		return { d, analyse: analyserCirconscription(d, modeles) };
	});
}

/** Resolves when the main thread is idle (or after `maxMs`), to compute without holding input. */
const inactif = (maxMs = 1000) =>
	new Promise<void>((ok) =>
		typeof requestIdleCallback === 'function'
			? requestIdleCallback(() => ok(), { timeout: maxMs })
			: setTimeout(ok, 0)
	);

/**
 * Every circonscription's analysis, one per idle period (≈ 50 ms of statistics each), stopping
 * as soon as `aJour` says the data changed.
 */
export async function analyserToutesCirconscriptions(
	version: number,
	aJour: () => boolean
): Promise<void> {
	const toutes = await lireCirconscriptions(version);
	for (const code of toutes.keys()) {
		if (!aJour()) return;
		await inactif();
		if (!aJour()) return;
		await analyseCirconscription(code, version);
	}
}
