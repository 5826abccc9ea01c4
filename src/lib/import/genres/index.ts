// Les genres de fichiers que Pilotage reconnaît : pour chacun, les en-têtes qui le signent, ses
// champs (en-têtes acceptés, type, règles), ses contrôles, et où vont ses lignes. Ce ne sont que
// des données : `src/lib/db/sql/import/` les compile en SQL. Ajouter un genre = sa déclaration
// dans `open-data.ts` ou `pilotage.ts`, son identifiant dans `IdGenre` (`types.ts`) et sa place
// dans `GENRES` ci-dessous (et, si besoin, une dérivation nommée dans le SQL), plus ses tests.
// Vocabulaires et aides communes : `vocabulaires.ts`.

import {
	annuaire,
	effectifsColleges,
	effectifsEcoles,
	effectifsSecondDegre,
	evaluations6eRegion,
	geolocalisation,
	ipsColleges,
	ipsEcoles,
	ipsLycees,
	ivac
} from './open-data';
import {
	circonscriptions,
	colleges,
	ecoles,
	eleves,
	evaluationsColleges,
	evaluationsEcoles,
	exportCirconscription,
	formations,
	projetAcademique,
	projetIndicateurs,
	references,
	reseaux
} from './pilotage';
import type { Genre, IdGenre } from './types';

export type { DefinitionChamp, Genre, IdGenre } from './types';

/** Every kind, in the order they are tried (ties are reported, never guessed). */
export const GENRES: readonly Genre[] = [
	ipsEcoles,
	ipsColleges,
	ipsLycees,
	annuaire,
	geolocalisation,
	effectifsEcoles,
	effectifsColleges,
	effectifsSecondDegre,
	ivac,
	evaluations6eRegion,
	exportCirconscription,
	ecoles,
	circonscriptions,
	colleges,
	reseaux,
	evaluationsEcoles,
	evaluationsColleges,
	references,
	formations,
	projetAcademique,
	projetIndicateurs,
	eleves
];

export function genreParId(id: IdGenre): Genre {
	const g = GENRES.find((x) => x.id === id);
	if (!g) throw new Error(`genre inconnu : ${id}`);
	return g;
}
