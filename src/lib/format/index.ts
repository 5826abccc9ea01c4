const pourcent = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
const decimal1 = new Intl.NumberFormat('fr-FR', {
	maximumFractionDigits: 1,
	minimumFractionDigits: 1
});
const entier = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 0 });
// Built once: `toLocaleString` builds a formatter on every call (≈ 27 µs), and every sentence of
// the indicators formats several gaps.
const decimal01 = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** The words shown wherever a figure rests on too few pupils (never 0, never blank). */
export const EFFECTIF_INSUFFISANT = 'effectif insuffisant';

/** A share in [0, 1] as « 47 % ». */
export function formatPart(part: number | null | undefined): string {
	if (part === null || part === undefined || Number.isNaN(part)) return '—';
	return `${pourcent.format(part * 100)}\u00a0%`;
}

/** A difference of shares in [−1, 1] as signed points: « +4 points », « −12 points ». */
export function formatPoints(ecart: number | null | undefined): string {
	if (ecart === null || ecart === undefined || Number.isNaN(ecart)) return '—';
	// A bound just below or above 0 must not read « 0 point »: the reader would think the interval
	// touches 0 when the whole point of the figure is that it does not.
	const brut = ecart * 100;
	const p = Math.abs(brut) < 1 && brut !== 0 ? Math.round(brut * 10) / 10 : Math.round(brut);
	const signe = p > 0 ? '+' : p < 0 ? '−' : '';
	const nombre = decimal01.format(Math.abs(p));
	return `${signe}${nombre}\u00a0point${Math.abs(p) >= 2 ? 's' : ''}`;
}

export function formatEntier(n: number | null | undefined): string {
	if (n === null || n === undefined || Number.isNaN(n)) return '—';
	return entier.format(n);
}

const pluriels = new Intl.PluralRules('fr-FR');

/** « 1 classe », « 0 classe », « 12 classes » (French puts 0 and 1 in the singular). */
export function formatEffectif(
	n: number | null | undefined,
	singulier: string,
	pluriel = `${singulier}s`
): string {
	if (n === null || n === undefined || Number.isNaN(n)) return '—';
	return `${entier.format(n)}\u00a0${pluriels.select(n) === 'one' ? singulier : pluriel}`;
}

export function formatDecimal(x: number | null | undefined): string {
	if (x === null || x === undefined || Number.isNaN(x)) return '—';
	return decimal1.format(x);
}

/** An interval of shares as « entre 38 % et 56 % ». */
export function formatIntervalle(bas: number, haut: number): string {
	return `entre ${formatPart(bas)} et ${formatPart(haut)}`;
}

export { comparerFr, normaliserTexte } from '$lib/domain/texte';
