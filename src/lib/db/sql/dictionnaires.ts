import type { Requete } from '../types';
import { identifiant, requete } from './echappement';

/**
 * Where each text column of the views' read-ahead reads takes its values: every value such a
 * read can return is in the union of these (`competence_libelle` is
 * `coalesce(c.libelle, v.competence_libelle, v.competence_id)`).
 */
const DOMAINES = {
	annee_scolaire: ['SELECT annee_scolaire FROM evaluation'],
	uai: ['SELECT uai FROM evaluation'],
	niveau: ['SELECT niveau FROM evaluation'],
	discipline: ['SELECT discipline FROM evaluation'],
	competence_id: ['SELECT competence_id FROM evaluation'],
	competence_libelle: [
		'SELECT libelle FROM competence',
		'SELECT competence_libelle FROM evaluation',
		'SELECT competence_id FROM evaluation'
	],
	source: ['SELECT source FROM evaluation'],
	code_circonscription: ['SELECT code_circonscription FROM ecole'],
	reseau_id: ['SELECT reseau_id FROM reseau_membre']
} as const;

export type ColonneDictionnaire = keyof typeof DOMAINES;

const nomType = (c: ColonneDictionnaire) => identifiant(`pilotage_dictionnaire_${c}`);

/**
 * A read whose text columns come back as Arrow dictionaries (each distinct value once, and a
 * small integer per row) instead of one string per row. The read-ahead reads of the views hold
 * every row of the académie (180 000 to 205 000): their repeated texts (source, labels, codes)
 * made them ≈ 100 MB of Arrow buffers in the page, and each result, sorted then serialised in one
 * block, grew DuckDB's wasm memory by 33 to 96 MB, which it never gives back (docs/banc.md).
 * Cast to ENUM types built from the columns' domains, they are sorted and sent as small integers;
 * Arrow JS reads a dictionary column as it reads a text one (`get`, `toArray`, `slice`).
 *
 * The types are built in the same call as the read (one engine call runs its statements in
 * order), so that no import can add a value between them; with `creerTypes: false`, those of an
 * earlier call are used (`lireParParties`, which reads a part again with its own types should
 * they have changed meanwhile).
 */
export function enDictionnaires(
	r: Requete,
	colonnes: readonly ColonneDictionnaire[],
	{ creerTypes = true }: { creerTypes?: boolean } = {}
): Requete {
	if (r.params.length) throw new Error('enDictionnaires: a read without parameters only');
	const types = (creerTypes ? colonnes : []).map(
		(c) =>
			`CREATE OR REPLACE TYPE ${nomType(c)} AS ENUM (
		SELECT DISTINCT x FROM (${DOMAINES[c].join(' UNION ALL ')}) AS d(x)
		WHERE x IS NOT NULL ORDER BY x
	)`
	);
	const conversions = colonnes.map((c) => `${identifiant(c)}::${nomType(c)} AS ${identifiant(c)}`);
	return requete(
		`${types.map((t) => `${t};\n`).join('')}
	SELECT * REPLACE (${conversions.join(', ')}) FROM (${r.sql})`
	);
}

/** The text columns every read-ahead read of results has (`COLONNES_RESULTAT` and the like). */
export const TEXTES_RESULTATS: readonly ColonneDictionnaire[] = [
	'annee_scolaire',
	'uai',
	'niveau',
	'discipline',
	'competence_id',
	'competence_libelle',
	'source'
];

/** Part `k` of `n` of a read split on a key (rows whose key hashes to `k`). */
export interface Partie {
	readonly k: number;
	readonly n: number;
}

/** The predicate of part `p` on `cle`, or nothing for the whole. */
export const dansPartie = (cle: string, p: Partie | undefined) =>
	p ? `hash(${cle}) % ${p.n} = ${p.k}` : 'true';
