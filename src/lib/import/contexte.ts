// Le contexte d'un import : le fichier, les options de l'appelant, le rapport en cours et ce
// qu'il faudra oublier dans le moteur à la fin.

import type { Moteur } from '$lib/db/types';
import type { Correspondance } from './correspondance';
import type { IdGenre } from './genres';
import type { RapportImport } from './rapport';

/** The file to import: its name (shown, and stored as `source`) and its bytes. */
export interface FichierImport {
	readonly nom: string;
	readonly contenu: Blob | Uint8Array;
	/**
	 * Name under which the caller already registered these bytes in the engine (in the browser:
	 * `registerFileHandle`, no copy). Used as is when the file is UTF-8; otherwise the importer
	 * registers a re-encoded copy.
	 */
	readonly nomEnregistre?: string;
}

export interface OptionsImport {
	/** What the `source` column of the loaded rows says (the file name by default). */
	readonly source?: string;
	/** The kind, when the user chose it (after `ambigu`). */
	readonly genre?: IdGenre;
	/** The user's mapping of fields to columns (after `inconnu`). */
	readonly correspondance?: Correspondance;
	/** School year of an export that does not say it (after `a_preciser`). */
	readonly anneeScolaire?: string;
	/**
	 * How to make a Blob readable by `read_csv`; `moteur.enregistrerFichier` (a file handle in the
	 * browser, no copy) by default.
	 */
	readonly enregistrer?: (nom: string, contenu: Blob) => Promise<void>;
	/** Refused lines detailed in the report (all are counted). 10 000 by default. */
	readonly maxRejets?: number;
	/** Bytes read to recognise the file. 128 KiB by default. */
	readonly tailleEchantillon?: number;
	/** Lines given as examples in each warning. 10 by default. */
	readonly exemples?: number;
	/**
	 * Called at each step of a (big) import: reading the sample, re-encoding to UTF-8 (with the
	 * share of bytes done), checking every row in DuckDB, merging into the tables. DuckDB steps
	 * give no fraction.
	 */
	readonly progression?: (p: {
		etape: 'lecture' | 'reencodage' | 'controle' | 'fusion';
		fraction?: number;
	}) => void;
	/**
	 * Awaited inside the merge's transaction, just before COMMIT, with the report as it will be:
	 * the caller's own write (the journal) happens before the rows become visible. If it throws,
	 * the transaction is rolled back (nothing changed) and `importer` throws its error.
	 */
	readonly avantValidation?: (rapport: RapportImport) => Promise<void>;
}

/** An error of `options.avantValidation`: the caller's, thrown back to it after the rollback. */
export class RefusAvantValidation extends Error {
	constructor(readonly refus: unknown) {
		super('validation refusée', { cause: refus });
	}
}

export type Etape = Parameters<NonNullable<OptionsImport['progression']>>[0];

/** Tells the caller where the import is; a failing callback never stops an import. */
export function signaler(ctx: { readonly options: OptionsImport }, etape: Etape): void {
	try {
		ctx.options.progression?.(etape);
	} catch {
		// The UI's business: the import goes on.
	}
}

let compteur = 0;

/** A name of its own for each file given to the engine. */
export const nouveauNom = () => `pilotage-import-${++compteur}.csv`;

export interface Contexte {
	readonly moteur: Moteur;
	readonly fichier: FichierImport;
	readonly options: OptionsImport;
	readonly debut: number;
	readonly aOublier: string[];
}

export function rapportVide(fichier: string, debut: number): RapportImport {
	return {
		fichier,
		statut: 'echec',
		genre: null,
		libelleGenre: null,
		message: '',
		lecture: { encodage: null, bom: false, separateur: null, lignesEntete: 0, nbColonnes: 0 },
		entete: [],
		signature: null,
		lues: 0,
		acceptees: 0,
		rejetees: 0,
		ignorees: 0,
		motifIgnorees: null,
		remplacees: 0,
		nouvelles: 0,
		identiques: 0,
		tables: [],
		rejets: [],
		rejetsTronques: false,
		avertissements: [],
		candidats: [],
		suggestions: [],
		colonnesIgnorees: [],
		dureeMs: Math.round(performance.now() - debut)
	};
}

export const avec = (
	r: RapportImport,
	ctx: Contexte,
	changements: Partial<RapportImport>
): RapportImport => ({
	...r,
	...changements,
	dureeMs: Math.round(performance.now() - ctx.debut)
});

export async function enregistrerBlob(ctx: Contexte, nom: string, blob: Blob): Promise<void> {
	if (ctx.options.enregistrer) await ctx.options.enregistrer(nom, blob);
	else await ctx.moteur.enregistrerFichier(nom, blob);
	ctx.aOublier.push(nom);
}
