import * as Plot from '@observablehq/plot';
import { DEUX_POINTS, POINT_VIRGULE } from '../format/typographie';
import { accessible } from './competences';

export interface PointEcart {
	/** Competence label, unique within the chart (e.g. « CP — Manipuler des phonèmes »). */
	libelle: string;
	/** Gap to the expected share, in share (−0.08 = 8 points below); null when not computed. */
	ecart: number | null;
	bas: number | null;
	haut: number | null;
	classement: 'point_appui' | 'point_vigilance' | 'conforme' | 'non_classe';
}

const COULEURS = {
	point_vigilance: '#ce0500',
	point_appui: '#18753c',
	conforme: '#666666',
	non_classe: '#666666'
} as const;

const LECTURES = {
	point_vigilance: 'point de vigilance',
	point_appui: 'point d’appui',
	conforme: 'conforme à l’attendu',
	non_classe: 'non calculé'
} as const;

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
					`${l.libelle}${DEUX_POINTS}${points(l.ecart!)} points (de ${points(l.bas!)} à ${points(l.haut!)}), ${LECTURES[l.classement]}`
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
					stroke: (l: PointEcart) => COULEURS[l.classement],
					strokeWidth: 2
				}),
				Plot.dot(calcules, {
					x: 'ecart',
					y: 'libelle',
					fill: (l: PointEcart) => COULEURS[l.classement],
					r: 4,
					symbol: (l: PointEcart) => (l.classement === 'point_vigilance' ? 'diamond' : 'circle')
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
