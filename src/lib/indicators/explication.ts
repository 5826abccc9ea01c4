/**
 * The sentence of a classified gap (`ResultatEcart.explication`), written when it is first read.
 *
 * Why on demand: the académie's families of points and the circonscriptions' analyses keep tens
 * of thousands of results for the session, and a view reads the sentences of the few it shows (a
 * school: ≈ 40; a circonscription's map: ≈ 2 000). Written for every cell, they were a fifth of
 * the families' memory (docs/banc.md). The figures the sentence cites stay on the result as
 * numbers; the sentence is rebuilt from them, identical, and kept on the result once read.
 *
 * The property stays an own, enumerable one (an accessor until read, then a plain value): a spread
 * copy (`{ ...r }`), `JSON.stringify` (the data package) and `toEqual` all read it as a string.
 */
import { formatPart, formatPoints } from '../format/index.ts';
import type { Indicateur, Intervalle, PartAffichable } from './types';

/** What the sentence is built from: fields of a classified `ResultatEcart` (no import of it: no cycle). */
interface GapClasse {
	classement: string;
	observe: PartAffichable;
	attendu: number | null;
	ecart: number | null;
	intervalle: Intervalle | null;
	indicateur: Indicateur;
	confiance: number;
}

export function expliquer(
	classement: string,
	observe: number,
	attendu: number,
	ecart: number,
	intervalle: Intervalle,
	indicateur: Indicateur,
	confiance: number
): string {
	const groupe = indicateur === 'satisfaisant' ? 'élèves au-dessus du seuil 2' : 'élèves à besoins';
	const debut =
		`${formatPart(observe)} d’${groupe} pour ${formatPart(attendu)} attendus compte tenu de l’IPS ; ` +
		`écart ${formatPoints(ecart)} (entre ${formatPoints(intervalle.bas)} et ` +
		`${formatPoints(intervalle.haut)}, à ${Math.round(confiance * 100)} %)`;
	// A gap whose interval excludes 0 is a signal, not yet a point: only the académie's
	// false-discovery control (points-etablis.ts) may call it « point d'appui / de vigilance », so
	// the sentence says which side the interval lies on and leaves the status to the page.
	const cote = ecart > 0 ? 'au-dessus' : 'en dessous';
	switch (classement) {
		case 'point_appui':
		case 'point_vigilance':
			return `${debut} : l’intervalle exclut 0, écart ${cote} de l’attendu.`;
		default:
			return `${debut} : l’intervalle contient 0, résultat conforme à l’attendu.`;
	}
}

// Sentences already read, kept as long as their result: redefining the property as a plain value
// instead would give each result read its own shape (V8's dictionary mode), heavier than the text.
const lues = new WeakMap<object, string>();

// One getter and one setter for every result: V8 then keeps the accessor in the objects' shared
// shape (hidden class), so a sentence not yet read costs nothing per result.
function lire(this: GapClasse): string {
	const connu = lues.get(this);
	if (connu !== undefined) return connu;
	const { observe, attendu, ecart, intervalle } = this;
	if (observe.masque || attendu === null || ecart === null || intervalle === null) {
		throw new Error('explication : résultat sans écart calculé');
	}
	const texte = expliquer(
		this.classement,
		observe.part,
		attendu,
		ecart,
		intervalle,
		this.indicateur,
		this.confiance
	);
	lues.set(this, texte);
	return texte;
}

function ecrire(this: GapClasse, texte: string): void {
	Object.defineProperty(this, 'explication', {
		value: texte,
		enumerable: true,
		writable: true,
		configurable: true
	});
}

/**
 * Gives a classified result (observed share shown, expected share, gap and interval computed) its
 * `explication`, written on first read. Returns the same object.
 */
export function expliquerALaDemande<T extends GapClasse>(resultat: T): T & { explication: string } {
	return Object.defineProperty(resultat, 'explication', {
		get: lire,
		set: ecrire,
		enumerable: true,
		configurable: true
	}) as T & { explication: string };
}
