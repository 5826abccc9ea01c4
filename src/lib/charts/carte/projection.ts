// Lambert-93 projection of a school to kilometres, and the extent of a set of points.

import { geoConicConformal } from 'd3';
import type { EcoleCarte } from './types';

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

/** A bounding box `[x0, y0, x1, y1]`. */
export type Etendue = [number, number, number, number];

/** The bounding box of `points`, grown from `depart` (by default empty: infinite bounds). */
export function etendue(
	points: Iterable<readonly [number, number]>,
	depart: Etendue = [Infinity, Infinity, -Infinity, -Infinity]
): Etendue {
	let [x0, y0, x1, y1] = depart;
	for (const [x, y] of points) {
		x0 = Math.min(x0, x);
		y0 = Math.min(y0, y);
		x1 = Math.max(x1, x);
		y1 = Math.max(y1, y);
	}
	return [x0, y0, x1, y1];
}
