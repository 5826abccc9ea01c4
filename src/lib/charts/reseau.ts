import * as Plot from '@observablehq/plot';
import { DEUX_POINTS, POINT_VIRGULE } from '../format/typographie';
import type { StatutPoint } from '$lib/indicators';
import { accessible } from './competences';

export interface PointEcart {
	/** Competence label, unique within the chart (e.g. « CP — Manipuler des phonèmes »). */
	libelle: string;
	/** Gap to the expected share, in share (−0.08 = 8 points below); null when not computed. */
	ecart: number | null;
	bas: number | null;
	haut: number | null;
	/** The networks' family's status: only an established point is in red or green. */
	statut: StatutPoint;
}

const COULEURS: Record<StatutPoint, string> = {
	point_vigilance: '#ce0500',
	point_appui: '#18753c',
	a_confirmer: '#666666',
	rien: '#666666',
	insuffisant: '#666666'
};

const LECTURES: Record<StatutPoint, string> = {
	point_vigilance: 'point de vigilance',
	point_appui: 'point d’appui',
	a_confirmer: 'signal à confirmer (peut être dû au hasard)',
	rien: 'conforme à l’attendu',
	insuffisant: 'non calculé'
};

const points = (x: number) => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(Math.round(x * 100))}`;

/**
 * A set of schools' gap to what their IPS leads to expect, one row per competence: the gap, its
 * interval and 0. Colour says the reading, and the description spells it out, since colour alone
 * carries nothing for some readers. Rows without a gap keep their place, labelled.
 */
export function ecartsCompetences(
	lignes: readonly PointEcart[],
	options: { titre: string; largeur?: number }
): SVGSVGElement | HTMLElement {
	const calcules = lignes.filter((l) => l.ecart !== null && l.bas !== null && l.haut !== null);
	const absents = lignes.filter((l) => !calcules.includes(l));
	const etendue = Math.max(
		0.1,
		...calcules
			.flatMap((l) => [Math.abs(l.bas!), Math.abs(l.haut!)])
			.map((x) => Math.ceil(x * 20) / 20)
	);
	const description =
		calcules
			.map(
				(l) =>
					`${l.libelle}${DEUX_POINTS}${points(l.ecart!)} points (de ${points(l.bas!)} à ${points(l.haut!)}), ${LECTURES[l.statut]}`
			)
			.join(POINT_VIRGULE) +
		(absents.length
			? `${POINT_VIRGULE}non calculé pour ${absents.map((l) => l.libelle).join(', ')}`
			: '');
	return accessible(
		Plot.plot({
			ariaLabel: options.titre,
			ariaDescription: description,
			width: options.largeur ?? 760,
			marginLeft: 340,
			height: 40 + 22 * lignes.length,
			x: {
				domain: [-etendue, etendue],
				tickFormat: points,
				label: 'Écart à l’attendu selon l’IPS (points)',
				grid: true
			},
			y: { domain: lignes.map((l) => l.libelle), label: null },
			marks: [
				Plot.ruleX([0], { stroke: '#161616' }),
				Plot.ruleY(calcules, {
					x1: 'bas',
					x2: 'haut',
					y: 'libelle',
					stroke: (l: PointEcart) => COULEURS[l.statut],
					strokeWidth: 2
				}),
				Plot.dot(calcules, {
					x: 'ecart',
					y: 'libelle',
					fill: (l: PointEcart) => (l.statut === 'a_confirmer' ? '#ffffff' : COULEURS[l.statut]),
					stroke: (l: PointEcart) => COULEURS[l.statut],
					r: 4,
					symbol: (l: PointEcart) =>
						l.statut === 'point_vigilance'
							? 'diamond'
							: l.statut === 'a_confirmer'
								? 'square'
								: 'circle'
				}),
				Plot.text(absents, {
					x: -etendue,
					y: 'libelle',
					text: () => 'non calculé',
					textAnchor: 'start',
					dx: 4,
					fontStyle: 'italic',
					fill: '#666'
				})
			]
		})
	);
}
