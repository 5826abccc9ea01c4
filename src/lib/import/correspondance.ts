// Rattacher les colonnes d'un fichier aux champs d'un genre : reconnaissance automatique par
// les en-têtes, suggestions « Vouliez-vous dire … ? » quand rien ne correspond, et
// correspondance fournie par l'utilisateur (que l'interface garde par signature d'en-tête).

import { plierTexte } from '$lib/domain/texte';
import { GENRES, genreParId, type Genre, type IdGenre } from './genres';

/**
 * Header key: no accents, no case, `+` spelt `plus`, every other run of non-alphanumerics one
 * `_`. « Nom de l'établissment » and `nom_de_l_etablissment` give the same key, « REP + » and
 * `REP+` too.
 */
export function normaliserEntete(entete: string): string {
	return plierTexte(entete.replace(/\+/g, ' plus '), '_');
}

/** A user-supplied mapping: for a kind, which column of the file holds each field. */
export interface Correspondance {
	readonly genre: IdGenre;
	/** champ → header of the file, as written in the file. */
	readonly colonnes: Readonly<Record<string, string>>;
}

/** Field → column index in the file (null when absent). */
export type Affectation = ReadonlyMap<string, number | null>;

/** Matches a kind's fields to the columns of a header (first matching column wins). */
export function affecter(genre: Genre, entete: readonly string[]): Affectation {
	const normes = entete.map(normaliserEntete);
	const prises = new Set<number>();
	const affectation = new Map<string, number | null>();
	for (const champ of genre.champs) {
		let trouve: number | null = null;
		for (const e of champ.entetes) {
			const i = normes.findIndex((n, j) => n === e && !prises.has(j));
			if (i >= 0) {
				trouve = i;
				break;
			}
		}
		if (trouve !== null) prises.add(trouve);
		affectation.set(champ.nom, trouve);
	}
	return affectation;
}

/** A header that the file repeats and that Pilotage would read: which one is meant is unknown. */
export interface ColonneEnDouble {
	readonly entete: string;
	/** 1-based positions of the columns that carry it. */
	readonly positions: readonly number[];
}

/**
 * Used columns whose header (folded as `normaliserEntete`) appears more than once: reading the
 * first one silently could load the wrong values. Unused repeated columns do not matter.
 */
export function colonnesEnDouble(
	entete: readonly string[],
	affectation: Affectation
): ColonneEnDouble[] {
	const normes = entete.map(normaliserEntete);
	const lues = new Set([...affectation.values()].filter((i): i is number => i !== null));
	const vues = new Set<string>();
	const doubles: ColonneEnDouble[] = [];
	for (const i of [...lues].sort((a, b) => a - b)) {
		const cle = normes[i];
		if (cle === '' || vues.has(cle)) continue;
		vues.add(cle);
		const positions = normes.flatMap((n, j) => (n === cle ? [j + 1] : []));
		if (positions.length > 1) doubles.push({ entete: entete[i], positions });
	}
	return doubles;
}

/** The French message refusing a file whose read columns are repeated. */
export function messageColonnesEnDouble(doubles: readonly ColonneEnDouble[]): string {
	const liste = doubles
		.map(
			(d) =>
				`« ${d.entete} » ${d.positions.length} fois (colonnes ${d.positions.join(', ').replace(/, (\d+)$/, ' et $1')})`
		)
		.join(' ; ');
	return `Le fichier répète ${doubles.length > 1 ? 'des colonnes' : 'une colonne'} que Pilotage doit lire : ${liste}. Pilotage ne peut pas savoir laquelle lire : renommez ou supprimez les colonnes en trop, puis importez à nouveau le fichier.`;
}

/** Applies a user mapping; unknown columns are reported, never guessed. */
export function affecterSelon(
	correspondance: Correspondance,
	entete: readonly string[]
): { affectation: Affectation; introuvables: string[] } {
	const genre = genreParId(correspondance.genre);
	const automatique = affecter(genre, entete);
	const normes = entete.map(normaliserEntete);
	const affectation = new Map<string, number | null>();
	const introuvables: string[] = [];
	for (const champ of genre.champs) {
		const colonne = correspondance.colonnes[champ.nom];
		if (colonne === undefined || colonne === '') {
			affectation.set(champ.nom, automatique.get(champ.nom) ?? null);
			continue;
		}
		let i = entete.indexOf(colonne);
		if (i < 0) i = normes.indexOf(normaliserEntete(colonne));
		if (i < 0) introuvables.push(colonne);
		affectation.set(champ.nom, i < 0 ? null : i);
	}
	return { affectation, introuvables };
}

export interface Reconnaissance {
	readonly genre: Genre;
	readonly affectation: Affectation;
	/** Signature length (× 1000) plus the number of fields found in the file. */
	readonly score: number;
}

/** Required fields of a kind that a file lacks (by name). */
export function champsRequisManquants(genre: Genre, affectation: Affectation): string[] {
	return genre.champs.filter((c) => c.requis && affectation.get(c.nom) == null).map((c) => c.nom);
}

/**
 * The kinds whose signature the header carries, best first (most fields found). Several at the
 * top with the same score means the header is ambiguous: the user is asked.
 */
export function reconnaitre(entete: readonly string[]): Reconnaissance[] {
	const normes = new Set(entete.map(normaliserEntete));
	const trouves: Reconnaissance[] = [];
	for (const genre of GENRES) {
		if (genre.multiEntete || genre.signature.length === 0) continue;
		if (!genre.signature.every((s) => normes.has(s))) continue;
		const affectation = affecter(genre, entete);
		if (champsRequisManquants(genre, affectation).length > 0) continue;
		const score = [...affectation.values()].filter((i) => i !== null).length;
		// The most specific signature wins (IPS des collèges = IPS des écoles + écart type).
		trouves.push({ genre, affectation, score: genre.signature.length * 1000 + score });
	}
	return trouves.sort((a, b) => b.score - a.score);
}

// --- Suggestions ----------------------------------------------------------------------------

export function levenshtein(a: string, b: string): number {
	if (a === b) return 0;
	if (!a.length) return b.length;
	if (!b.length) return a.length;
	let precedente = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const courante = [i];
		for (let j = 1; j <= b.length; j++) {
			const cout = a[i - 1] === b[j - 1] ? 0 : 1;
			courante[j] = Math.min(precedente[j] + 1, courante[j - 1] + 1, precedente[j - 1] + cout);
		}
		precedente = courante;
	}
	return precedente[b.length];
}

/** Similarity in [0, 1] of two headers: 1 − normalised Levenshtein distance of their keys. */
export function similarite(a: string, b: string): number {
	const x = normaliserEntete(a);
	const y = normaliserEntete(b);
	if (!x.length && !y.length) return 1;
	return 1 - levenshtein(x, y) / Math.max(x.length, y.length);
}

export interface SuggestionChamp {
	readonly champ: string;
	readonly requis: boolean;
	/** Column of the file found automatically, if any. */
	readonly colonne: string | null;
	/** « Vouliez-vous dire … ? »: closest columns of the file, best first. */
	readonly proches: readonly string[];
}

export interface Candidat {
	readonly genre: IdGenre;
	readonly libelle: string;
	/** Share of the kind's signature found in the header, in [0, 1]. */
	readonly couverture: number;
	readonly champs: readonly SuggestionChamp[];
	readonly requisManquants: readonly string[];
}

export interface SuggestionColonne {
	readonly colonne: string;
	/** « Vouliez-vous dire … ? »: closest known field names (any kind), best first. */
	readonly proches: readonly {
		readonly genre: IdGenre;
		readonly champ: string;
		readonly similarite: number;
	}[];
}

const SEUIL = 0.5;

function proches(cible: string, possibles: readonly string[], n = 3): string[] {
	return possibles
		.map((p) => ({ p, s: similarite(cible, p) }))
		.filter((x) => x.s >= SEUIL)
		.sort((a, b) => b.s - a.s)
		.slice(0, n)
		.map((x) => x.p);
}

/** For an unrecognised header: the kinds it may be, field by field, with the closest columns. */
export function candidats(entete: readonly string[], n = 3): Candidat[] {
	const normes = new Set(entete.map(normaliserEntete));
	const liste: Candidat[] = [];
	for (const genre of GENRES) {
		if (genre.multiEntete || genre.signature.length === 0) continue;
		const affectation = affecter(genre, entete);
		const signes = genre.signature.filter((s) => normes.has(s)).length;
		const champs = genre.champs.map((c) => {
			const i = affectation.get(c.nom);
			const colonne = i == null ? null : entete[i];
			const libres = entete.filter((_, j) => ![...affectation.values()].includes(j));
			const meilleurs = colonne
				? []
				: [...new Set(c.entetes.flatMap((e) => proches(e, libres)))].slice(0, 3);
			return { champ: c.nom, requis: Boolean(c.requis), colonne, proches: meilleurs };
		});
		const couverture =
			(signes + champs.filter((c) => c.colonne || c.proches.length).length / genre.champs.length) /
			(genre.signature.length + 1);
		liste.push({
			genre: genre.id,
			libelle: genre.libelle,
			couverture: Math.round(couverture * 100) / 100,
			champs,
			requisManquants: champs.filter((c) => c.requis && !c.colonne).map((c) => c.champ)
		});
	}
	return liste
		.filter((c) => c.couverture > 0)
		.sort((a, b) => b.couverture - a.couverture)
		.slice(0, n);
}

/** For each column of the file that no kind knows: the closest known field names. */
export function suggestionsColonnes(entete: readonly string[]): SuggestionColonne[] {
	const connus = new Map<string, { genre: IdGenre; champ: string }>();
	for (const g of GENRES)
		for (const c of g.champs)
			for (const e of c.entetes) if (!connus.has(e)) connus.set(e, { genre: g.id, champ: c.nom });
	return entete.map((colonne) => {
		const n = normaliserEntete(colonne);
		if (connus.has(n)) return { colonne, proches: [{ ...connus.get(n)!, similarite: 1 }] };
		const liste = [...connus.entries()]
			.map(([e, v]) => ({ ...v, similarite: Math.round(similarite(n, e) * 100) / 100 }))
			.filter((x) => x.similarite >= SEUIL)
			.sort((a, b) => b.similarite - a.similarite);
		const vus = new Set<string>();
		const uniques = liste.filter((x) => {
			const k = `${x.genre}.${x.champ}`;
			if (vus.has(k)) return false;
			vus.add(k);
			return true;
		});
		return { colonne, proches: uniques.slice(0, 3) };
	});
}

/** « Vouliez-vous dire … ? » for a column, in French (undefined when nothing is close). */
export function vouliezVousDire(s: SuggestionColonne): string | undefined {
	if (s.proches.length === 0 || s.proches[0].similarite === 1) return undefined;
	return `Vouliez-vous dire ${s.proches.map((p) => `« ${p.champ} »`).join(' ou ')} ?`;
}

// --- Signature d'en-tête --------------------------------------------------------------------

/** 53-bit string hash (cyrb53): stable across sessions and browsers, no crypto needed. */
function hacher(texte: string): string {
	let h1 = 0xdeadbeef;
	let h2 = 0x41c6ce57;
	for (let i = 0; i < texte.length; i++) {
		const c = texte.charCodeAt(i);
		h1 = Math.imul(h1 ^ c, 2654435761);
		h2 = Math.imul(h2 ^ c, 1597334677);
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
	return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

/**
 * Key under which the UI stores a user's mapping for files with this header: the same columns in
 * the same order give the same key, whatever their case, accents or spacing.
 */
export function signatureEntete(entete: readonly string[]): string {
	const normes = entete.map(normaliserEntete);
	return `v1-${normes.length}-${hacher(normes.join('\u001f'))}`;
}
