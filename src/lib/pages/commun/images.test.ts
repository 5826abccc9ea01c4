import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apresAffichage, apresImages, navigationCommencee } from './images';

/** A navigation whose end the test decides. */
function navigation() {
	let finir!: () => void;
	let annuler!: () => void;
	const complete = new Promise<void>((ok, ko) => {
		finir = ok;
		annuler = () => ko(new Error('annulée'));
	});
	navigationCommencee(complete);
	return { finir, annuler };
}

/** Whether `p` has resolved once the timers up to now (and their promises) have run. */
async function resolue(p: Promise<unknown>): Promise<boolean> {
	let fait = false;
	void p.then(() => (fait = true));
	await vi.advanceTimersByTimeAsync(0);
	return fait;
}

describe('blocs dessinés image après image', () => {
	beforeEach(() => {
		vi.useFakeTimers();
		vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) =>
			setTimeout(() => f(performance.now()), 16)
		);
	});
	afterEach(() => {
		vi.unstubAllGlobals();
		vi.useRealTimers();
	});

	it('vient après le nombre d’images demandé, pas avant', async () => {
		const p = apresImages(3);
		await vi.advanceTimersByTimeAsync(2 * 17);
		expect(await resolue(p)).toBe(false);
		await vi.advanceTimersByTimeAsync(17);
		expect(await resolue(p)).toBe(true);
	});

	it('ne dessine rien de la page quittée tant que la navigation est en cours', async () => {
		const nav = navigation();
		const bloc = apresAffichage();
		await vi.advanceTimersByTimeAsync(100);
		expect(await resolue(bloc)).toBe(false);
		nav.finir();
		expect(await resolue(bloc)).toBe(true);
		// The navigation over, the next page's blocks come at their frame.
		const suivant = apresAffichage();
		await vi.advanceTimersByTimeAsync(17);
		expect(await resolue(suivant)).toBe(true);
	});

	it('reprend si la navigation est annulée', async () => {
		const nav = navigation();
		const bloc = apresImages(2);
		await vi.advanceTimersByTimeAsync(100);
		expect(await resolue(bloc)).toBe(false);
		nav.annuler();
		await vi.advanceTimersByTimeAsync(17);
		expect(await resolue(bloc)).toBe(true);
	});

	it('une navigation finie ne libère pas celle qui l’a suivie', async () => {
		const premiere = navigation();
		const seconde = navigation();
		premiere.finir();
		const bloc = apresAffichage();
		await vi.advanceTimersByTimeAsync(100);
		expect(await resolue(bloc)).toBe(false);
		seconde.finir();
		expect(await resolue(bloc)).toBe(true);
	});
});
