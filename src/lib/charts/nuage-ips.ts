import * as Plot from '@observablehq/plot';
import { INSECABLE } from '../format/typographie';
import { accessible } from './competences';
import { COULEURS_ETAT, type EtatCarte } from './heatmap';

export interface PointIps {
	/** Key returned as the chart's `value` when the pointer is on the point (the school's UAI). */
	cle: string;
	libelle: string;
	ips: number;
	/** Observed share in [0, 1]. */
	part: number;
	n: number;
	/** The gap's interval carried on the share scale; null without an expected share. */
	bas: number | null;
	haut: number | null;
	etat: EtatCarte;
	/** What the tooltip says (school, figures, n, year, source). */
	titre: string;
}

export interface PointCourbeIps {
	ips: number;
	part: number;
	bas: number;
	haut: number;
}

const pourcent = (x: number) => `${Math.round(x * 100)}${INSECABLE}%`;

/** Conforme points in mid grey, so that they stay visible on white; flags in their colours. */
const COULEURS: Record<EtatCarte, string> = {
	...COULEURS_ETAT,
	// A signal: a neutral grey (never a point's colour), and a square of its own.
	a_confirmer: '#a6a6a6',
	conforme: '#7b7b7b',
	non_classe: '#ffffff',
	masque: '#ffffff'
};
const ETATS: EtatCarte[] = [
	'point_vigilance',
	'point_appui',
	'a_confirmer',
	'conforme',
	'non_classe'
];
const SYMBOLES = ['diamond', 'triangle', 'square', 'circle', 'circle'];

/**
 * Each school's observed share against its IPS, sized by the pupils evaluated, with the expected
 * curve of the model and its confidence band. Each point carries the interval of its gap to the
 * expected share: a point is flagged exactly when that segment misses the curve. The pointer
 * shows a school's figures; `selection` (a school's key) shows them without a pointer, for
 * keyboard users moving through the table beside the chart.
 */
export function nuageIps(
	points: readonly PointIps[],
	options: {
		titre: string;
		courbe: readonly PointCourbeIps[];
		selection?: string | null;
		largeur?: number;
	}
): SVGSVGElement | HTMLElement {
	const selection = points.filter((p) => p.cle === options.selection);
	const compte = (etat: EtatCarte) => points.filter((p) => p.etat === etat).length;
	const description =
		`${points.length} écoles, IPS en abscisse, part d’élèves au-dessus du seuil 2 en ordonnée, ` +
		`taille du point selon le nombre d’élèves évalués. ` +
		(options.courbe.length
			? `La courbe donne l’attendu selon l’IPS (de ${pourcent(options.courbe[0].part)} à ` +
				`${pourcent(options.courbe[options.courbe.length - 1].part)} sur l’étendue des IPS). `
			: 'Pas de courbe attendue pour cette compétence. ') +
		`${compte('point_vigilance')} point(s) de vigilance, ${compte('point_appui')} point(s) d’appui, ` +
		`${compte('a_confirmer')} signal(aux) à confirmer (peut-être dus au hasard), ` +
		`${compte('conforme')} conforme(s) à l’attendu. Le tableau qui suit donne les chiffres de chaque école.`;
	const intervalles = points.filter((p) => p.bas !== null && p.haut !== null);
	return accessible(
		Plot.plot({
			ariaLabel: options.titre,
			ariaDescription: description,
			width: options.largeur ?? 760,
			height: 460,
			marginLeft: 56,
			marginBottom: 44,
			style: { fontSize: '12px', fontFamily: 'Marianne, arial, sans-serif' },
			x: { label: 'IPS de l’école →', nice: true, grid: true },
			y: {
				domain: [0, 1],
				tickFormat: pourcent,
				label: '↑ Part d’élèves au-dessus du seuil 2',
				grid: true
			},
			r: { range: [2.5, 13] },
			color: { domain: ETATS, range: ETATS.map((e) => COULEURS[e]) },
			symbol: { domain: ETATS, range: SYMBOLES },
			marks: [
				Plot.areaY(options.courbe, {
					x: 'ips',
					y1: 'bas',
					y2: 'haut',
					fill: '#000091',
					fillOpacity: 0.18
				}),
				Plot.line(options.courbe, { x: 'ips', y: 'part', stroke: '#000091', strokeWidth: 2 }),
				Plot.ruleX(intervalles, {
					x: 'ips',
					y1: 'bas',
					y2: 'haut',
					stroke: 'etat',
					strokeOpacity: 0.55,
					strokeWidth: 1.5
				}),
				Plot.dot(points, {
					x: 'ips',
					y: 'part',
					r: 'n',
					fill: 'etat',
					symbol: 'etat',
					stroke: '#161616',
					strokeWidth: 0.75,
					fillOpacity: 0.9
				}),
				Plot.dot(selection, {
					x: 'ips',
					y: 'part',
					r: 'n',
					stroke: '#161616',
					strokeWidth: 3,
					fill: 'none'
				}),
				Plot.tip(selection, { x: 'ips', y: 'part', title: 'titre', anchor: 'bottom' }),
				Plot.tip(points, Plot.pointer({ x: 'ips', y: 'part', title: 'titre' }))
			]
		})
	);
}
