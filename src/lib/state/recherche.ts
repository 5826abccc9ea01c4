import { normaliserTexte } from '$lib/format';
import { comparerFr } from '$lib/domain/texte';

export type GenreEntite = 'ecole' | 'college' | 'circonscription' | 'reseau';

export interface Entite {
	genre: GenreEntite;
	code: string;
	libelle: string;
	commune: string | null;
	contexte: string | null;
	detail: string | null;
}

export interface EntiteIndexee extends Entite {
	readonly cle: string;
}

export function indexer(entites: readonly Entite[]): EntiteIndexee[] {
	return entites.map((e) => ({
		...e,
		cle: normaliserTexte([e.libelle, e.commune, e.code, e.contexte].filter(Boolean).join(' '))
	}));
}

/**
 * Finds entities from a few letters of their name, commune or code: every word typed must start a
 * word of the entity (« quet » finds Quetigny, « ecole jaures dijon » narrows to that school).
 * Entities whose commune or name starts with the first word come first; then alphabetical order.
 */
export function rechercher(
	index: readonly EntiteIndexee[],
	texte: string,
	options: { genres?: readonly GenreEntite[]; max?: number } = {}
): EntiteIndexee[] {
	const mots = normaliserTexte(texte).split(' ').filter(Boolean);
	if (mots.length === 0) return [];
	const max = options.max ?? 30;
	const trouves = index.filter(
		(e) =>
			(!options.genres || options.genres.includes(e.genre)) &&
			mots.every((m) => e.cle.startsWith(m) || e.cle.includes(` ${m}`))
	);
	const rang = (e: EntiteIndexee) => {
		const premier = mots[0];
		if (normaliserTexte(e.code) === premier) return 0;
		if (e.commune && normaliserTexte(e.commune).startsWith(premier)) return 1;
		if (normaliserTexte(e.libelle).startsWith(premier)) return 2;
		return 3;
	};
	return trouves
		.map((e) => ({ e, r: rang(e) }))
		.sort((a, b) => a.r - b.r || comparerFr(a.e.libelle, b.e.libelle))
		.slice(0, max)
		.map(({ e }) => e);
}
