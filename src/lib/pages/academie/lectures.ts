import { sql } from '$lib/db';
import { donnees } from '$lib/state/donnees.svelte';
import { memo } from '$lib/state/memo';
import type { CarteAcademie, LigneEcoleCarte } from './types';
import { carteAcademie } from './vue';

/** The académie's map, read once per state of the data. */
export function lireCarteAcademie(version = donnees.version): Promise<CarteAcademie> {
	return memo(version, 'carte:academie', async () => {
		const m = await donnees.pret();
		const [lignes, circonscriptions, reseaux] = await Promise.all([
			m.lignes<LigneEcoleCarte>(sql.ecolesCarte()),
			m.lignes<{ code_circonscription: string; libelle: string }>(sql.circonscriptions()),
			m.lignes<{ reseau_id: string; type: string; libelle: string }>(sql.reseauxCarte())
		]);
		return carteAcademie(lignes, circonscriptions, reseaux);
	});
}
