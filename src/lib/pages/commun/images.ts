// When a page draws what lies below its first screen: one block per painted frame, and nothing
// more of a page the user is leaving.

/** The navigation under way, if any: the end of its `complete`, whatever its outcome. */
let depart: Promise<void> | null = null;

/**
 * Resolves once the browser has painted what the page already shows. A page renders the sections
 * far below its first screen after this, so that its main content is not kept waiting for them:
 * they follow within a frame, whether or not the user scrolls. While a navigation is under way it
 * waits for its end: the page being left is then gone, and its block is never drawn.
 */
export function apresAffichage(): Promise<void> {
	return new Promise((ok) =>
		requestAnimationFrame(() => setTimeout(() => (depart ? depart.then(ok) : ok()), 0))
	);
}

/**
 * Resolves `images` painted frames from now: a page's sections below its first screen come one
 * block per frame, so that no single task holds the next frame (or the user's first scroll) for
 * all of them at once.
 */
export function apresImages(images: number): Promise<void> {
	let attente = apresAffichage();
	for (let i = 1; i < images; i++) attente = attente.then(apresAffichage);
	return attente;
}

/**
 * Called as a navigation starts (+layout's `beforeNavigate`). The page being left had its blocks
 * queued frame after frame, and drew them before the next page: the first circonscription opened
 * from a school still drawing its lower sections waited ≈ 100 ms instead of ≈ 30 (`npm run bench`,
 * the first opening of each session). A navigation cancelled lets them come.
 */
export function navigationCommencee(fin: Promise<unknown>): void {
	const d = fin.then(
		() => {},
		() => {}
	);
	depart = d;
	void d.then(() => {
		if (depart === d) depart = null;
	});
}
