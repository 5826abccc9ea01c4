// The palettes of the map's indicators, and each school's modality and value in words.

import { interpolateBlues, quantileSorted } from 'd3';
import type { IndicateurCarte, IndicateurContinu, Modalite } from './types';

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
	{ cle: 'conforme', libelle: 'rien d’établi', couleur: '#929292', symbole: 'cercle' },
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
export function modaliteur(indicateur: IndicateurCarte): (uai: string) => Modalite {
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
		if (v === undefined || !Number.isFinite(v)) return SANS_VALEUR.libelle;
		const texte = formatValeur(v, indicateur.decimales ?? 1, indicateur.unite);
		const detail = indicateur.details?.get(uai);
		return detail ? `${texte} (${detail})` : texte;
	}
	const cle = indicateur.valeurs.get(uai);
	return indicateur.modalites.find((m) => m.cle === cle)?.libelle ?? SANS_VALEUR.libelle;
}
