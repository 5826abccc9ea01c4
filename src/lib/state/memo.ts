// The views' cache: one value per key and state of the data (`donnees.version`). No import, so
// that every reader can use it without tying modules together.

/**
 * What does not change from one view to the next is read once per state of the data (`version`):
 * `memo` keeps the promise, `dejaLu` gives the value once resolved. Each is read lazily by the
 * first view that needs it, or earlier by `preparerVues` once the engine is idle.
 */
type Version = number;

let cache: { version: Version; valeurs: Map<string, Promise<unknown>> } = {
	version: -1,
	valeurs: new Map()
};
/** Values already resolved, so that a view can take them without waiting for the engine. */
const resolus = new Map<string, unknown>();

export function memo<T>(version: Version, cle: string, lire: () => Promise<T>): Promise<T> {
	// A page still showing older data reads without caching: it must not evict the newer values.
	if (version < cache.version) return lire();
	if (version > cache.version) {
		cache = { version, valeurs: new Map() };
		resolus.clear();
	}
	let valeur = cache.valeurs.get(cle) as Promise<T> | undefined;
	if (!valeur) {
		const valeurs = cache.valeurs;
		valeur = lire();
		valeurs.set(cle, valeur);
		valeur.then(
			(v) => {
				if (cache.valeurs === valeurs) resolus.set(cle, v);
			},
			// A failed read is tried again by the next view.
			() => {
				if (valeurs.get(cle) === valeur) valeurs.delete(cle);
			}
		);
	}
	return valeur;
}

/** The value of `cle` if it is already read for `version`, else undefined. */
export function dejaLu<T>(version: Version, cle: string): T | undefined {
	return cache.version === version ? (resolus.get(cle) as T | undefined) : undefined;
}
