// The projet académique edited on `#/projet`: new ambitions, axes and objectives, and what must
// hold before it is saved or downloaded. Pure: the page keeps the tree in its state.
import type { AmbitionArbre, AxeArbre, ObjectifArbre } from './types';

/** The next number after the last child's (`A3` → 4, `A1.X2` → 3), ids never reused in a session. */
const suivant = (ids: readonly string[], marque: string): number =>
	Math.max(0, ...ids.map((id) => Number(id.split(marque).at(-1)) || 0)) + 1;

const nouvelObjectif = (axe: AxeArbre): ObjectifArbre => {
	const n = suivant(
		axe.objectifs.map((o) => o.id),
		'.O'
	);
	return { id: `${axe.id}.O${n}`, libelle: '', ordre: n, motif: null, indicateurs: [] };
};

/** A new objective at the end of an axe, its label to write. */
export function ajouterObjectif(axe: AxeArbre): ObjectifArbre {
	const o = nouvelObjectif(axe);
	axe.objectifs.push(o);
	return o;
}

/**
 * A new axe at the end of an ambition, with one objective: an axe without objective is not in the
 * files (`projet-academique.csv` is read from its objectives up), so it never stands alone.
 */
export function ajouterAxe(ambition: AmbitionArbre): AxeArbre {
	const n = suivant(
		ambition.axes.map((x) => x.id),
		'.X'
	);
	const axe: AxeArbre = { id: `${ambition.id}.X${n}`, libelle: '', ordre: n, objectifs: [] };
	axe.objectifs.push(nouvelObjectif(axe));
	ambition.axes.push(axe);
	return axe;
}

/** A new ambition at the end of the projet, with one axe and one objective (see `ajouterAxe`). */
export function ajouterAmbition(arbre: AmbitionArbre[]): AmbitionArbre {
	const n = suivant(
		arbre.map((a) => a.id),
		'A'
	);
	const ambition: AmbitionArbre = { id: `A${n}`, libelle: '', ordre: n, axes: [] };
	ajouterAxe(ambition);
	arbre.push(ambition);
	return ambition;
}

/**
 * What prevents saving or downloading the projet, in French, one sentence a problem: a label left
 * empty, an ambition without axe or an axe without objective (neither would be in the files: the
 * tree is read back from its objectives up, they would silently vanish).
 */
export function verifierProjet(arbre: readonly AmbitionArbre[]): string[] {
	const erreurs: string[] = [];
	if (!arbre.length) erreurs.push('Le projet n’a aucune ambition : ajoutez-en une.');
	for (const a of arbre) {
		if (!a.libelle.trim()) erreurs.push(`L’ambition ${a.id} n’a pas de libellé.`);
		if (!a.axes.length)
			erreurs.push(
				`L’ambition ${a.id} n’a aucun axe : ajoutez-lui un axe, sinon elle ne serait pas enregistrée.`
			);
		for (const x of a.axes) {
			if (!x.libelle.trim()) erreurs.push(`L’axe ${x.id} n’a pas de libellé.`);
			if (!x.objectifs.length)
				erreurs.push(
					`L’axe ${x.id} n’a aucun objectif : ajoutez-lui un objectif, sinon il ne serait pas enregistré.`
				);
			for (const o of x.objectifs)
				if (!o.libelle.trim()) erreurs.push(`L’objectif ${o.id} n’a pas de libellé.`);
		}
	}
	return erreurs;
}
