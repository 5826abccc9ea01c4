// The map in the page: the drawing mounted with its tooltip and its click to open a school.

import type { DessinCarteEcoles, EcolePlacee } from './dessin';

/**
 * The map in the page: the drawing, a tooltip following the pointer (and shown for the school
 * selected from the table, for keyboard users), a click on a school calling `ouvrir`.
 */
export function carteEcoles(
	dessin: DessinCarteEcoles,
	actions: { ouvrir: (uai: string) => void }
): HTMLElement {
	const figure = document.createElement('div');
	figure.className = 'pilotage-carte-ecoles';
	figure.style.position = 'relative';
	figure.innerHTML = dessin.svg;
	const svg = figure.querySelector('svg')!;
	const bulle = document.createElement('div');
	// Pointer help only: the table beside the map gives every school's title as text.
	bulle.setAttribute('aria-hidden', 'true');
	bulle.className = 'pilotage-infobulle';
	bulle.hidden = true;
	figure.append(bulle);
	const montrer = (p: EcolePlacee | undefined, gauche: number, haut: number) => {
		if (!p) {
			bulle.hidden = true;
			return;
		}
		bulle.textContent = p.titre;
		bulle.hidden = false;
		const boite = figure.getBoundingClientRect();
		bulle.style.left = `${Math.max(0, Math.min(gauche + 12, boite.width - 300))}px`;
		bulle.style.top = `${haut + 16}px`;
	};
	const sous = (e: MouseEvent) => {
		const cadre = svg.getBoundingClientRect();
		if (!cadre.width) return undefined;
		const echelle = dessin.largeur / cadre.width;
		return dessin.ecoleA((e.clientX - cadre.left) * echelle, (e.clientY - cadre.top) * echelle);
	};
	svg.addEventListener('pointermove', (e) => {
		const p = sous(e);
		svg.style.cursor = p ? 'pointer' : '';
		const boite = figure.getBoundingClientRect();
		montrer(p, e.clientX - boite.left, e.clientY - boite.top);
	});
	svg.addEventListener('pointerleave', () => (bulle.hidden = true));
	svg.addEventListener('click', (e) => {
		const p = sous(e);
		if (p) actions.ouvrir(p.ecole.uai);
	});
	const choisie = dessin.selection;
	if (choisie) {
		// Placed once the figure is in the page, where its scale on screen is known.
		requestAnimationFrame(() => {
			const cadre = svg.getBoundingClientRect();
			const echelle = cadre.width ? cadre.width / dessin.largeur : 1;
			montrer(choisie, choisie.x * echelle, choisie.y * echelle);
		});
	}
	return figure;
}
