// Territory outlines derived from the schools' positions: Voronoi cells cut by a disc, merged.

import { Delaunay, polygonContains } from 'd3';
import { etendue, projeter } from './projection';
import type { EcoleCarte, NiveauTerritoire } from './types';

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

interface CellulesEcoles {
	sites: [number, number][];
	ecolesDuSite: EcoleCarte[][];
	/** Each site's Voronoi cell cut by its disc, clockwise; null when it has none. */
	cellules: ([number, number][] | null)[];
}

/**
 * Cells computed once per list of schools and radius: a circonscription's or a network's map
 * draws its outlines over every school of the académie (the same list for a state of the data),
 * and cutting ≈ 1 600 cells took ≈ 70 ms at each opening. Read only once computed.
 */
const cellulesCalculees = new WeakMap<readonly EcoleCarte[], Map<number, CellulesEcoles>>();

function cellulesDesEcoles(ecoles: readonly EcoleCarte[], rayon: number): CellulesEcoles {
	const parRayon = cellulesCalculees.get(ecoles) ?? new Map<number, CellulesEcoles>();
	cellulesCalculees.set(ecoles, parRayon);
	const connues = parRayon.get(rayon);
	if (connues) return connues;
	const calculees = calculerCellules(ecoles, rayon);
	parRayon.set(rayon, calculees);
	return calculees;
}

function calculerCellules(ecoles: readonly EcoleCarte[], rayon: number): CellulesEcoles {
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
	if (!sites.length) return { sites, ecolesDuSite, cellules: [] };

	const [x0, y0, x1, y1] = etendue(sites);
	const marge = 2 * rayon;
	const voronoi = Delaunay.from(sites).voronoi([x0 - marge, y0 - marge, x1 + marge, y1 + marge]);
	const cellules: ([number, number][] | null)[] = sites.map((site, i) => {
		const polygone = voronoi.cellPolygon(i) as [number, number][] | null;
		if (!polygone) return null;
		const anneau = polygone.slice(0, -1);
		if (aireSignee(anneau) > 0) anneau.reverse();
		return couperParDisque(anneau, site, rayon);
	});

	return { sites, ecolesDuSite, cellules };
}

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
	const { sites, ecolesDuSite, cellules } = cellulesDesEcoles(ecoles, rayon);
	if (!sites.length) return { niveaux, contours: [], rayon };

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
