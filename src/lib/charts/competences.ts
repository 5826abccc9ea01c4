import * as Plot from '@observablehq/plot';
import { DEUX_POINTS, INSECABLE, POINT_VIRGULE } from '../format/typographie';

export interface BarreCompetence {
	/** Competence label, unique within the chart. */
	libelle: string;
	/** Share satisfaisant in [0, 1]; null when masked (too few pupils). */
	part: number | null;
	bas: number | null;
	haut: number | null;
	/** A reference share to compare with (académie, expected…), or null. */
	reference: number | null;
}

const pourcent = (x: number) => `${Math.round(x * 100)}${INSECABLE}%`;

/**
 * Share of pupils above seuil 2 per competence, with its interval and a reference tick.
 * Masked competences keep their row, labelled, so that the chart never shows a 0 that is not one.
 */
export function barresCompetences(
	barres: readonly BarreCompetence[],
	options: { titre: string; referenceLibelle: string; largeur?: number }
): SVGSVGElement | HTMLElement {
	const visibles = barres.filter((b) => b.part !== null);
	const masquees = barres.filter((b) => b.part === null);
	const description =
		visibles
			.map(
				(b) =>
					`${b.libelle}${DEUX_POINTS}${pourcent(b.part!)}` +
					(b.reference !== null ? ` (${options.referenceLibelle} ${pourcent(b.reference)})` : '')
			)
			.join(POINT_VIRGULE) +
		(masquees.length
			? `${POINT_VIRGULE}effectif insuffisant pour ${masquees.map((b) => b.libelle).join(', ')}`
			: '');
	return accessible(
		Plot.plot({
			ariaLabel: options.titre,
			ariaDescription: description,
			width: options.largeur ?? 760,
			marginLeft: 340,
			height: 36 + 26 * barres.length,
			x: {
				domain: [0, 1],
				tickFormat: pourcent,
				label: 'Part d’élèves au-dessus du seuil 2',
				grid: true
			},
			y: { domain: barres.map((b) => b.libelle), label: null },
			marks: [
				Plot.barX(visibles, { x: 'part', y: 'libelle', fill: '#000091', fillOpacity: 0.75 }),
				Plot.ruleY(visibles, {
					x1: 'bas',
					x2: 'haut',
					y: 'libelle',
					stroke: '#161616',
					strokeWidth: 1.5
				}),
				Plot.tickX(
					barres.filter((b) => b.reference !== null),
					{ x: 'reference', y: 'libelle', stroke: '#ce0500', strokeWidth: 2.5 }
				),
				Plot.text(masquees, {
					x: 0,
					y: 'libelle',
					text: () => 'effectif insuffisant',
					textAnchor: 'start',
					dx: 4,
					fontStyle: 'italic',
					fill: '#666'
				})
			]
		})
	);
}

/**
 * Plot names every group of marks with `aria-label` on a bare <g>, which ARIA forbids (axe:
 * aria-prohibited-attr). The chart is one image described as a whole, with a table beside it.
 */
export function accessible<T extends Element>(figure: T): T {
	const svg = figure instanceof SVGSVGElement ? figure : figure.querySelector('svg');
	svg?.setAttribute('role', 'img');
	for (const g of figure.querySelectorAll('g[aria-label]')) g.removeAttribute('aria-label');
	return figure;
}
