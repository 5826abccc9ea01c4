import * as Plot from '@observablehq/plot';
import { accessible } from './competences';

/** What a school × competence cell says. Only the two flags are coloured. */
export type EtatCarte = 'point_appui' | 'point_vigilance' | 'conforme' | 'non_classe' | 'masque';

export interface CelluleCarte {
	/** Key of the row (a school) and of the column (a competence). */
	ligne: string;
	colonne: string;
	etat: EtatCarte;
	/** Tooltip: school, competence, figures, n, year and source. */
	titre: string;
}

export interface LigneCarte {
	cle: string;
	libelle: string;
	/** A heading row (groupe de proximité): no cell, its label in bold. */
	entete?: boolean;
}

export interface ColonneCarte {
	cle: string;
	libelle: string;
}

export const ETATS_CARTE: readonly EtatCarte[] = [
	'point_vigilance',
	'point_appui',
	'conforme',
	'non_classe',
	'masque'
];

/** DSFR error-425 and success-425; a light grey and white for what is not a flag. */
export const COULEURS_ETAT: Readonly<Record<EtatCarte, string>> = {
	point_vigilance: '#ce0500',
	point_appui: '#18753c',
	conforme: '#e5e5e5',
	non_classe: '#ffffff',
	masque: '#ffffff'
};

/** Printed in the cell so that the reading never rests on colour alone. */
export const SYMBOLES_ETAT: Readonly<Record<EtatCarte, string>> = {
	point_vigilance: '−',
	point_appui: '+',
	conforme: '',
	non_classe: '·',
	masque: '×'
};

export const LIBELLES_ETAT: Readonly<Record<EtatCarte, string>> = {
	point_vigilance: 'point de vigilance',
	point_appui: 'point d’appui',
	conforme: 'conforme à l’attendu',
	non_classe: 'non classé (pas d’IPS ou pas de modèle)',
	masque: 'effectif insuffisant ou masqué'
};

const tronquer = (texte: string, max: number) =>
	texte.length > max ? `${texte.slice(0, max - 1)}…` : texte;

/**
 * Schools (rows, optionally under groupe headings) × competences (columns): a cell is coloured
 * only when the school is a point d'appui or de vigilance, i.e. when the interval of its gap to
 * the expected share excludes 0; masked cells carry a ×. The same figures are in the table that
 * the page sets beside the chart.
 */
export function carteChaleur(
	cellules: readonly CelluleCarte[],
	options: {
		titre: string;
		lignes: readonly LigneCarte[];
		colonnes: readonly ColonneCarte[];
		largeurCellule?: number;
		margeGauche?: number;
	}
): SVGSVGElement | HTMLElement {
	const largeur = options.largeurCellule ?? 22;
	const hauteurLigne = 18;
	const margeGauche = options.margeGauche ?? 260;
	const margeHaut = 190;
	const libelleLigne = new Map(options.lignes.map((l) => [l.cle, l.entete ? '' : l.libelle]));
	const libelleColonne = new Map(options.colonnes.map((c) => [c.cle, c.libelle]));
	const entetes = options.lignes.filter((l) => l.entete);
	const compte = (etat: EtatCarte) => cellules.filter((c) => c.etat === etat).length;
	const nbEcoles = options.lignes.filter((l) => !l.entete).length;
	const description =
		`${nbEcoles} écoles × ${options.colonnes.length} compétences` +
		(entetes.length
			? `, par groupe de proximité (${entetes.map((e) => e.libelle).join(', ')})`
			: '') +
		`. ${compte('point_vigilance')} case(s) en point de vigilance, ${compte('point_appui')} en point d’appui, ` +
		`${compte('conforme')} conforme(s) à l’attendu, ${compte('masque')} masquée(s), ` +
		`${compte('non_classe')} non classée(s). Le tableau qui suit donne les mêmes chiffres.`;
	const symboles = (blanc: boolean) =>
		cellules.filter(
			(c) =>
				SYMBOLES_ETAT[c.etat] &&
				(c.etat === 'point_appui' || c.etat === 'point_vigilance') === blanc
		);
	const texte = (fill: string, data: CelluleCarte[]) =>
		Plot.text(data, {
			x: 'colonne',
			y: 'ligne',
			text: (d: CelluleCarte) => SYMBOLES_ETAT[d.etat],
			fill,
			fontSize: 13,
			fontWeight: 'bold',
			pointerEvents: 'none'
		});
	return accessible(
		Plot.plot({
			ariaLabel: options.titre,
			ariaDescription: description,
			width: margeGauche + largeur * Math.max(1, options.colonnes.length) + 10,
			height: margeHaut + hauteurLigne * Math.max(1, options.lignes.length) + 10,
			marginLeft: margeGauche,
			marginTop: margeHaut,
			marginBottom: 10,
			marginRight: 10,
			style: { fontSize: '11px', fontFamily: 'Marianne, arial, sans-serif' },
			x: {
				domain: options.colonnes.map((c) => c.cle),
				axis: 'top',
				tickRotate: -60,
				tickFormat: (cle: string) => tronquer(libelleColonne.get(cle) ?? cle, 34),
				label: null,
				padding: 0.08
			},
			y: {
				domain: options.lignes.map((l) => l.cle),
				tickFormat: (cle: string) => tronquer(libelleLigne.get(cle) ?? cle, 40),
				tickSize: 0,
				label: null,
				padding: 0.08
			},
			color: { domain: [...ETATS_CARTE], range: ETATS_CARTE.map((e) => COULEURS_ETAT[e]) },
			marks: [
				Plot.cell(cellules, {
					x: 'colonne',
					y: 'ligne',
					fill: 'etat',
					stroke: '#929292',
					strokeWidth: 0.5,
					title: 'titre'
				}),
				texte('#ffffff', symboles(true)),
				texte('#3a3a3a', symboles(false)),
				Plot.text(entetes, {
					y: 'cle',
					text: 'libelle',
					frameAnchor: 'left',
					textAnchor: 'start',
					dx: 4 - margeGauche,
					fontWeight: 'bold',
					fontSize: 12,
					fill: '#000091'
				})
			]
		})
	);
}
