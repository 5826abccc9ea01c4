// The shape drawn for each school as SVG path data, and the rounding of numbers in path data.

import type { Symbole } from './types';

/** Numbers in path data: one decimal keeps a 1 600-school drawing near 100 kB. */
export const n = (x: number) => String(Math.round(x * 10) / 10);

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
