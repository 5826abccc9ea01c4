// « Mon collège », statistics: the académie's families of the collèges' cells, pure.
import {
	ajusterModelesIps,
	evaluerFamille,
	type Indicateur,
	type ResultatFamille
} from '$lib/indicators';
import { derniereAnnee, fenetreAnnees } from '../commun/analyse';
import type { LigneDomaine } from './types';

/**
 * The collèges' two families: groups 1–2 (`besoin`: more fragile pupils than a collège of the
 * same IPS is the worrying side) and groups 5–6 (`satisfaisant`), each pooled over the latest
 * three years and controlled for false discoveries over every collège × domain of the académie,
 * as the schools' families are: a point is said only when it holds up against them all.
 */
export interface FamillesColleges {
	annee: string;
	fenetre: string[];
	fragiles: ResultatFamille;
	aises: ResultatFamille;
}

export const REFERENCE_COLLEGES = 'collèges de l’académie';

export function evaluerFamillesColleges(lignes: readonly LigneDomaine[]): FamillesColleges | null {
	const annee = derniereAnnee(lignes);
	if (!annee) return null;
	const fenetre = fenetreAnnees(
		lignes.map((l) => l.annee_scolaire),
		annee
	);
	const retenues = lignes.filter((l) => fenetre.includes(l.annee_scolaire));
	const famille = (indicateur: Indicateur) =>
		evaluerFamille(
			retenues,
			ajusterModelesIps(retenues, {
				indicateur,
				reference: REFERENCE_COLLEGES,
				source: retenues[0]?.source
			}),
			{ analyse: 'cumul', annee_scolaire: annee, indicateur }
		);
	return { annee, fenetre, fragiles: famille('besoin'), aises: famille('satisfaisant') };
}
