// Summaries and the printed table of the benchmark.
import { max, median, min, quantileSorted } from 'simple-statistics';

export interface Resume {
	readonly n: number;
	readonly mediane: number;
	readonly min: number;
	readonly max: number;
	readonly p95: number;
}

export function resumer(valeurs: readonly number[]): Resume | null {
	const v = valeurs.filter(Number.isFinite);
	if (v.length === 0) return null;
	const tries = [...v].sort((a, b) => a - b);
	return {
		n: v.length,
		mediane: median(v),
		min: min(v),
		max: max(v),
		p95: quantileSorted(tries, 0.95)
	};
}

const nombre = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat('fr-FR', {
	minimumFractionDigits: 2,
	maximumFractionDigits: 2
});

export const ms = (x: number | undefined) =>
	x === undefined || !Number.isFinite(x)
		? '—'
		: x >= 10_000
			? `${decimal.format(x / 1000)} s`
			: `${nombre.format(x)} ms`;
export const mo = (x: number | undefined) =>
	x === undefined || !Number.isFinite(x) ? '—' : `${decimal.format(x / 1e6)} Mo`;
export const ratio = (x: number | undefined) =>
	x === undefined || !Number.isFinite(x) ? '—' : `${decimal.format(x)} ×`;

/** « médiane (min–max) » in the given unit. */
export function etendue(r: Resume | null, f: (x: number) => string = ms): string {
	if (!r) return '—';
	return r.n === 1 ? `${f(r.mediane)} (1 mesure)` : `${f(r.mediane)} (${f(r.min)}–${f(r.max)})`;
}

export function tableau(entete: readonly string[], lignes: readonly (readonly string[])[]): string {
	const ligne = (cellules: readonly string[]) => `| ${cellules.join(' | ')} |`;
	return [
		ligne(entete),
		ligne(entete.map((_, i) => (i === 0 ? '---' : '--:'))),
		...lignes.map(ligne)
	].join('\n');
}
