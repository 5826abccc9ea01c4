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
	/** What the school's IPS leads to expect this year, and where its share would fall by chance. */
	attendu?: BandeAttendue | null;
}

/**
 * The expected share for a school's IPS and, around it, the band where the share of a school
 * exactly on its curve would fall 19 times out of 20 with this many pupils (cohort chance and
 * the expected share's own uncertainty).
 */
export interface BandeAttendue {
	part: number;
	bas: number;
	haut: number;
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
	const attendues = visibles
		.filter((b) => b.attendu)
		.map((b) => ({ libelle: b.libelle, ...b.attendu! }));
	const description =
		visibles
			.map(
				(b) =>
					`${b.libelle}${DEUX_POINTS}${pourcent(b.part!)}` +
					(b.reference !== null ? ` (${options.referenceLibelle} ${pourcent(b.reference)})` : '') +
					(b.attendu
						? `, attendu selon l’IPS ${pourcent(b.attendu.part)} (hasard${DEUX_POINTS}${pourcent(b.attendu.bas)} à ${pourcent(b.attendu.haut)})`
						: '')
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
				// Drawn first, under the bar: the band a school on its curve stays in by chance.
				Plot.barX(attendues, {
					x1: 'bas',
					x2: 'haut',
					y: 'libelle',
					fill: '#929292',
					fillOpacity: 0.35,
					insetTop: 2,
					insetBottom: 2
				}),
				Plot.barX(visibles, {
					x: 'part',
					y: 'libelle',
					fill: '#000091',
					fillOpacity: 0.75,
					insetTop: 6,
					insetBottom: 6
				}),
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
				Plot.tickX(attendues, {
					x: 'part',
					y: 'libelle',
					stroke: '#161616',
					strokeWidth: 2.5,
					strokeDasharray: '3,2'
				}),
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
