// Ce qu'est un genre de fichier : des données que `src/lib/db/sql/import/` compile en SQL.

import type { DefinitionTable } from '$lib/db/sql/schema';
import type { Cible, Controle, Filtre, RegleChamp } from '$lib/db/sql/import';

export type IdGenre =
	| 'ips_ecoles'
	| 'ips_colleges'
	| 'ips_lycees'
	| 'annuaire'
	| 'geolocalisation'
	| 'effectifs_ecoles'
	| 'effectifs_colleges'
	| 'effectifs_second_degre'
	| 'ivac'
	| 'evaluations_6e_region'
	| 'export_circonscription'
	| 'ecoles'
	| 'circonscriptions'
	| 'colleges'
	| 'reseaux'
	| 'evaluations_ecoles'
	| 'evaluations_colleges'
	| 'references'
	| 'formations'
	| 'projet_academique'
	| 'projet_indicateurs'
	| 'eleves';

export interface DefinitionChamp extends RegleChamp {
	/** Name of the field in the kind (the target column's name when it has one). */
	readonly nom: string;
	/** Accepted headers, normalised by `normaliserEntete` (labels and field names alike). */
	readonly entetes: readonly string[];
}

export interface Genre {
	readonly id: IdGenre;
	/** What the file is, in French, for the user. */
	readonly libelle: string;
	/** Normalised headers that must all be present for the kind to be recognised. */
	readonly signature: readonly string[];
	readonly champs: readonly DefinitionChamp[];
	readonly controles?: readonly Controle[];
	/** Rows outside this scope are ignored (counted), e.g. lycées in the annuaire. */
	readonly perimetre?: { readonly filtre: Filtre; readonly motif: string };
	/** Fields identifying a row of the file (duplicates). */
	readonly cle: readonly string[];
	/** Where rows go. Empty: a known kind that Pilotage does not use (rows are checked only). */
	readonly cibles: readonly Cible[];
	/** Why a known kind is not used, in French. */
	readonly nonUtilise?: string;
	/** A field whose values should already be known (warning otherwise): schools, collèges. */
	readonly connus?: {
		readonly champ: string;
		readonly tables: readonly DefinitionTable[];
		readonly quoi: string;
	};
	/** The export of the national restitution application, several header lines. */
	readonly multiEntete?: boolean;
}
