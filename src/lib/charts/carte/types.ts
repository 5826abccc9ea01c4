// The map's input types: a school, an indicator and its modalities, a level of territories.

/** A school as the map needs it. Without coordinates it is listed but not placed. */
export interface EcoleCarte {
	uai: string;
	nom: string;
	commune: string;
	latitude: number | null;
	longitude: number | null;
	/** Its territory for each level (`departement` → '021'); a network level may list several. */
	territoires: Readonly<Record<string, string | readonly string[] | null | undefined>>;
}

export type Symbole =
	'cercle' | 'carre' | 'triangle' | 'triangle_bas' | 'losange' | 'croix' | 'petit_cercle';

/** One value of a categorical indicator: its colour and, so that colour is never alone, a shape. */
export interface Modalite {
	cle: string;
	libelle: string;
	couleur: string;
	symbole: Symbole;
}

/**
 * Indicators of one group (a competence's reading, one per competence) are offered as one choice,
 * then a picker of the member; the table shows the chosen member's column only.
 */
export interface GroupeIndicateurs {
	cle: string;
	/** The group's option in the selector: « Lecture d’une compétence ». */
	libelle: string;
	/** The picker's label: « Compétence ». */
	etiquette: string;
	/** This member's option in the picker. */
	choix: string;
}

interface BaseIndicateur {
	cle: string;
	libelle: string;
	groupe?: GroupeIndicateurs;
	/** What the value is, said under the legend (and in the table's caption). */
	note?: string;
}

export interface IndicateurCategoriel extends BaseIndicateur {
	nature: 'categoriel';
	/** In the legend's order; drawn in the reverse order, so that the first ones lie on top. */
	modalites: readonly Modalite[];
	/** School (UAI) → key of its modality; a school absent here is « non renseigné ». */
	valeurs: ReadonlyMap<string, string>;
}

export interface IndicateurContinu extends BaseIndicateur {
	nature: 'continu';
	/** School (UAI) → value; a school absent here is « non renseigné ». */
	valeurs: ReadonlyMap<string, number>;
	/** School (UAI) → what the value counts, written after it: « 6 agents sur 10 ». */
	details?: ReadonlyMap<string, string>;
	decimales?: number;
	/** Written after each value (« % »). */
	unite?: string;
	/** Class limits, ascending; by default the quintiles of every value given (not of the zoom). */
	seuils?: readonly number[];
}

export type IndicateurCarte = IndicateurCategoriel | IndicateurContinu;

/** A level of territories outlined on the map and offered to zoom on. */
export interface NiveauTerritoire {
	/** Key of `EcoleCarte.territoires`. */
	cle: string;
	libelle: string;
	trait: 'fort' | 'fin' | 'tirets';
	unites: readonly { code: string; libelle: string }[];
}
