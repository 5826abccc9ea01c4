// Going back to a long page. SvelteKit restores the scroll position as soon as the page's first
// screen is drawn; the blocks below it come frame after frame (`apresImages`), so the position was
// clamped to a page a few hundred pixels tall: an IEN back from a school at the foot of the
// circonscription's list found the top of the page. This puts the position back as the page
// grows, and gives up as soon as the user scrolls, clicks or types, or after ten seconds.

/** SvelteKit's key for the index of a history entry (`HISTORY_INDEX` in its client). */
const INDEX = 'sveltekit:history';
const ABANDON_MS = 10_000;
/** About half a second without the page growing: its blocks are all there. */
const IMAGES_STABLES = 30;
const GESTES = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

const positions = new Map<number, number>();
let courant: number | undefined;
let enCours: (() => void) | undefined;

const indexHistorique = (): number | undefined => {
	const i: unknown = (history.state as Record<string, unknown> | null)?.[INDEX];
	return typeof i === 'number' ? i : undefined;
};

/** Before any navigation: the position on the page being left. */
export function retenirDefilement(): void {
	enCours?.();
	// At a popstate `history.state` is already the entry gone to: the page left is `courant`.
	if (courant !== undefined) positions.set(courant, window.scrollY);
}

/** After a navigation: back (or forward) to a page left lower down, follow it down as it grows. */
export function retablirDefilement(retourHistorique: boolean): void {
	courant = indexHistorique();
	const y = courant === undefined ? undefined : positions.get(courant);
	if (!retourHistorique || y === undefined || Math.abs(window.scrollY - y) < 2) return;
	const debut = performance.now();
	let fini = false;
	let hauteur = 0;
	let imagesStables = 0;
	const arreter = () => {
		fini = true;
		enCours = undefined;
		for (const g of GESTES) removeEventListener(g, arreter, true);
	};
	for (const g of GESTES) addEventListener(g, arreter, { capture: true, passive: true });
	enCours = arreter;
	// Held until the page stops growing: a block inserted above the position (a table drawn two
	// frames after its map) moves it by the browser's scroll anchoring, and the position saved is
	// that of the whole page.
	const suivre = () => {
		if (fini) return;
		const h = document.documentElement.scrollHeight;
		imagesStables = h === hauteur ? imagesStables + 1 : 0;
		hauteur = h;
		const cible = Math.min(y, h - window.innerHeight);
		if (Math.abs(window.scrollY - cible) > 1) window.scrollTo(window.scrollX, cible);
		if (
			(cible >= y - 1 && imagesStables >= IMAGES_STABLES) ||
			performance.now() - debut > ABANDON_MS
		)
			return arreter();
		requestAnimationFrame(suivre);
	};
	requestAnimationFrame(suivre);
}
