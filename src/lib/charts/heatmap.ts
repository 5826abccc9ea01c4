/**
 * What a school × competence cell says. Only the two established points are coloured; a signal
 * (`a_confirmer`) is neutral, outlined with a dashed line.
 */
export type EtatCarte =
	'point_appui' | 'point_vigilance' | 'a_confirmer' | 'conforme' | 'non_classe' | 'masque';

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
	'a_confirmer',
	'conforme',
	'non_classe',
	'masque'
];

/** DSFR error-425 and success-425; a light grey and white for what is not a flag. */
export const COULEURS_ETAT: Readonly<Record<EtatCarte, string>> = {
	point_vigilance: '#ce0500',
	point_appui: '#18753c',
	a_confirmer: '#ffffff',
	conforme: '#e5e5e5',
	non_classe: '#ffffff',
	masque: '#ffffff'
};

/** Printed in the cell so that the reading never rests on colour alone. */
export const SYMBOLES_ETAT: Readonly<Record<EtatCarte, string>> = {
	point_vigilance: '−',
	point_appui: '+',
	a_confirmer: '?',
	conforme: '',
	non_classe: '·',
	masque: '×'
};

export const LIBELLES_ETAT: Readonly<Record<EtatCarte, string>> = {
	point_vigilance: 'point de vigilance',
	point_appui: 'point d’appui',
	a_confirmer: 'signal à confirmer (peut être dû au hasard)',
	conforme: 'conforme à l’attendu',
	non_classe: 'non classé (pas d’IPS ou pas de modèle)',
	masque: 'effectif insuffisant ou masqué'
};

const tronquer = (texte: string, max: number) =>
	texte.length > max ? `${texte.slice(0, max - 1)}…` : texte;

const echapper = (texte: string) =>
	texte.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Numbers in path data: at most one decimal, so that the drawing stays small. */
const n = (x: number) => String(Math.round(x * 10) / 10);

export interface OptionsCarte {
	titre: string;
	lignes: readonly LigneCarte[];
	colonnes: readonly ColonneCarte[];
	largeurCellule?: number;
	margeGauche?: number;
}

/** The heat map as SVG text, and which cell lies under a point of its drawing. */
export interface DessinCarte {
	readonly svg: string;
	readonly largeur: number;
	readonly hauteur: number;
	readonly description: string;
	/** The cell under (x, y), in the drawing's own units (its viewBox). */
	celluleA(x: number, y: number): CelluleCarte | undefined;
}

/** Strokes of the symbol printed in a cell centred on (x, y): one path per colour. */
function symbole(etat: EtatCarte, x: number, y: number): string {
	switch (etat) {
		case 'point_appui':
			return `M${n(x - 4)} ${n(y)}h8M${n(x)} ${n(y - 4)}v8`;
		case 'point_vigilance':
			return `M${n(x - 4)} ${n(y)}h8`;
		case 'masque':
			return `M${n(x - 3.5)} ${n(y - 3.5)}l7 7M${n(x + 3.5)} ${n(y - 3.5)}l-7 7`;
		case 'non_classe':
			return `M${n(x - 0.75)} ${n(y)}h1.5`;
		case 'a_confirmer':
			// A small question mark: hook, then dot.
			return `M${n(x - 2.5)} ${n(y - 2.5)}q0 -2.5 2.5 -2.5q2.5 0 2.5 2.5q0 2 -2.5 2.5v1.5M${n(x)} ${n(y + 4)}v0.5`;
		default:
			return '';
	}
}

/**
 * Schools (rows, optionally under groupe headings) × competences (columns): a cell is coloured
 * only when it is an established point d'appui or de vigilance (it survives the académie's
 * false-discovery control); a signal is white with a dashed outline and a « ? »; masked cells
 * carry a ×. The same figures are in the table that
 * the page sets beside the chart.
 *
 * Drawn as one path per state and per symbol colour, not one element per cell: a circonscription
 * has ≈ 1 500 cells, which as separate elements (with their tooltips) cost the browser a few
 * hundred milliseconds of style and layout at each opening. The tooltip is one element that
 * follows the pointer (`carteChaleur`); keyboard and screen-reader users have the table.
 */
export function dessinerCarte(
	cellules: readonly CelluleCarte[],
	options: OptionsCarte
): DessinCarte {
	const largeurCellule = options.largeurCellule ?? 22;
	const hauteurLigne = 18;
	const margeGauche = options.margeGauche ?? 260;
	const margeHaut = 190;
	const nbColonnes = Math.max(1, options.colonnes.length);
	const largeur = margeGauche + largeurCellule * nbColonnes + 10;
	const hauteur = margeHaut + hauteurLigne * Math.max(1, options.lignes.length) + 10;
	const rangLigne = new Map(options.lignes.map((l, i) => [l.cle, i]));
	const rangColonne = new Map(options.colonnes.map((c, i) => [c.cle, i]));
	const entetes = options.lignes.filter((l) => l.entete);
	const compte = (etat: EtatCarte) => cellules.filter((c) => c.etat === etat).length;
	const nbEcoles = options.lignes.filter((l) => !l.entete).length;
	const description =
		`${nbEcoles} écoles × ${options.colonnes.length} compétences` +
		(entetes.length
			? `, par groupe de proximité (${entetes.map((e) => e.libelle).join(', ')})`
			: '') +
		`. ${compte('point_vigilance')} case(s) en point de vigilance, ${compte('point_appui')} en point d’appui, ` +
		`${compte('a_confirmer')} signal(aux) à confirmer (peut-être dus au hasard), ` +
		`${compte('conforme')} conforme(s) à l’attendu, ${compte('masque')} masquée(s), ` +
		`${compte('non_classe')} non classée(s). Le tableau qui suit donne les mêmes chiffres.`;

	// Bands with a small gap, as a chart's cells: 8 % of the step, centred.
	const ecartX = largeurCellule * 0.08;
	const ecartY = hauteurLigne * 0.08;
	const fonds = new Map<EtatCarte, string[]>(ETATS_CARTE.map((e) => [e, []]));
	const traitsBlancs: string[] = [];
	const traitsGris: string[] = [];
	const parPosition = new Map<number, CelluleCarte>();
	for (const c of cellules) {
		const i = rangLigne.get(c.ligne);
		const j = rangColonne.get(c.colonne);
		if (i === undefined || j === undefined) continue;
		parPosition.set(i * nbColonnes + j, c);
		const x = margeGauche + j * largeurCellule;
		const y = margeHaut + i * hauteurLigne;
		fonds
			.get(c.etat)!
			.push(
				`M${n(x + ecartX / 2)} ${n(y + ecartY / 2)}h${n(largeurCellule - ecartX)}v${n(hauteurLigne - ecartY)}h${n(ecartX - largeurCellule)}z`
			);
		const trait = symbole(c.etat, x + largeurCellule / 2, y + hauteurLigne / 2);
		if (trait)
			(c.etat === 'point_appui' || c.etat === 'point_vigilance' ? traitsBlancs : traitsGris).push(
				trait
			);
	}

	const morceaux: string[] = [];
	for (const etat of ETATS_CARTE) {
		const d = fonds.get(etat)!;
		if (d.length)
			morceaux.push(
				etat === 'a_confirmer'
					? `<path fill="${COULEURS_ETAT[etat]}" stroke="#3a3a3a" stroke-width="1" stroke-dasharray="2 1.5" d="${d.join('')}"/>`
					: `<path fill="${COULEURS_ETAT[etat]}" stroke="#929292" stroke-width="0.5" d="${d.join('')}"/>`
			);
	}
	if (traitsBlancs.length)
		morceaux.push(
			`<path fill="none" stroke="#ffffff" stroke-width="2" d="${traitsBlancs.join('')}"/>`
		);
	if (traitsGris.length)
		morceaux.push(
			`<path fill="none" stroke="#3a3a3a" stroke-width="1.6" stroke-linecap="round" d="${traitsGris.join('')}"/>`
		);
	options.lignes.forEach((l, i) => {
		const y = n(margeHaut + (i + 0.5) * hauteurLigne);
		morceaux.push(
			l.entete
				? `<text x="4" y="${y}" dy="0.32em" font-weight="bold" font-size="12" fill="#000091">${echapper(l.libelle)}</text>`
				: `<text x="${margeGauche - 6}" y="${y}" dy="0.32em" text-anchor="end">${echapper(tronquer(l.libelle, 40))}</text>`
		);
	});
	options.colonnes.forEach((c, j) => {
		const x = n(margeGauche + (j + 0.5) * largeurCellule);
		morceaux.push(
			`<text transform="translate(${x},${margeHaut - 6}) rotate(-60)" dy="0.32em">${echapper(tronquer(c.libelle, 34))}</text>`
		);
	});
	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${largeur}" height="${hauteur}" viewBox="0 0 ${largeur} ${hauteur}"` +
		` aria-label="${echapper(options.titre)}" aria-description="${echapper(description)}"` +
		` font-family="Marianne, arial, sans-serif" font-size="11" fill="currentColor">` +
		`<desc>${echapper(description)}</desc>${morceaux.join('')}</svg>`;
	return {
		svg,
		largeur,
		hauteur,
		description,
		celluleA(x, y) {
			const i = Math.floor((y - margeHaut) / hauteurLigne);
			const j = Math.floor((x - margeGauche) / largeurCellule);
			if (i < 0 || j < 0 || j >= nbColonnes || i >= options.lignes.length) return undefined;
			return parPosition.get(i * nbColonnes + j);
		}
	};
}

/**
 * The heat map in the page: the drawing, and a tooltip (school, competence, figures, n, year,
 * source) that follows the pointer over the cells.
 */
export function carteChaleur(
	cellules: readonly CelluleCarte[],
	options: OptionsCarte
): HTMLElement {
	const dessin = dessinerCarte(cellules, options);
	const figure = document.createElement('div');
	figure.className = 'pilotage-carte-chaleur';
	figure.style.position = 'relative';
	figure.innerHTML = dessin.svg;
	const svg = figure.querySelector('svg')!;
	const bulle = document.createElement('div');
	// Mouse help only: the same text is in the table's cells, for every other way of reading.
	bulle.setAttribute('aria-hidden', 'true');
	bulle.className = 'pilotage-infobulle';
	bulle.hidden = true;
	figure.append(bulle);
	svg.addEventListener('pointermove', (e) => {
		const cadre = svg.getBoundingClientRect();
		if (!cadre.width) return;
		const echelle = dessin.largeur / cadre.width;
		const c = dessin.celluleA(
			(e.clientX - cadre.left) * echelle,
			(e.clientY - cadre.top) * echelle
		);
		if (!c) {
			bulle.hidden = true;
			return;
		}
		bulle.textContent = c.titre;
		bulle.hidden = false;
		const boite = figure.getBoundingClientRect();
		const gauche = e.clientX - boite.left + 12;
		bulle.style.left = `${Math.min(gauche, boite.width - 300)}px`;
		bulle.style.top = `${e.clientY - boite.top + 16}px`;
	});
	svg.addEventListener('pointerleave', () => (bulle.hidden = true));
	return figure;
}
