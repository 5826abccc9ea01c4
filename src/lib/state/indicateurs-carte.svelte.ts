import type { IndicateurCarte } from '$lib/charts/carte';
import { lireIndicateursCarte } from '$lib/pages/academie';
import { donnees } from './donnees.svelte';

/**
 * The map's indicators that come later (a competence's reading, the training coverage), for the
 * data shown: none until they are computed, so that the map never waits for them. To call while
 * a component initialises (it reads again when the data change).
 */
export function indicateursCarteDifferes(): { readonly liste: readonly IndicateurCarte[] } {
	let lus = $state<{ version: number; liste: readonly IndicateurCarte[] }>({
		version: -1,
		liste: []
	});
	$effect(() => {
		const version = donnees.version;
		lireIndicateursCarte(version).then(
			(liste) => (lus = { version, liste }),
			() => undefined
		);
	});
	return {
		get liste() {
			return lus.version === donnees.version ? lus.liste : [];
		}
	};
}
