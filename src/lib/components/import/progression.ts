// What the import page shows while a file is being imported: the steps the importer reports
// through its `progression` option, in French, with the file's size and the time spent.

import type { OptionsImport } from '$lib/import';

/**
 * One report of the importer: the step under way and, when it can be measured, how far it is
 * (`fraction` in [0, 1]; absent while the step is one query in the engine). Taken from the
 * importer's own type, so that a new step without a French label does not compile.
 */
export type ProgressionImport = Parameters<NonNullable<OptionsImport['progression']>>[0];
export type EtapeImport = ProgressionImport['etape'];

export const LIBELLE_ETAPE: Readonly<Record<EtapeImport, string>> = {
	lecture: 'Lecture du fichier',
	reencodage: 'Conversion de l’encodage (Windows-1252 → UTF-8)',
	controle: 'Contrôle des lignes',
	fusion: 'Enregistrement'
};

const unDecimale = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/**
 * A file size as Windows' file explorer shows it (powers of 1 024, « Ko », « Mo »), so that the
 * figure matches the one the user sees next to the file: « 512 octets », « 91,4 Ko », « 67 Mo ».
 */
export function formatTaille(octets: number): string {
	if (octets < 1024) return `${octets}\u00a0octet${octets > 1 ? 's' : ''}`;
	const unites = ['Ko', 'Mo', 'Go'];
	let valeur = octets / 1024;
	let i = 0;
	while (valeur >= 1024 && i < unites.length - 1) {
		valeur /= 1024;
		i += 1;
	}
	return `${unDecimale.format(valeur)}\u00a0${unites[i]}`;
}

/** Time spent, to the second: « 0 s », « 42 s », « 1 min 05 s ». */
export function formatDuree(ms: number): string {
	const s = Math.max(0, Math.floor(ms / 1000));
	if (s < 60) return `${s}\u00a0s`;
	return `${Math.floor(s / 60)}\u00a0min ${String(s % 60).padStart(2, '0')}\u00a0s`;
}

/** A fraction as a whole percentage, never 100 % before the step is over. */
export function pourcentage(fraction: number): number {
	const p = Math.floor(Math.min(1, Math.max(0, fraction)) * 100);
	return fraction < 1 ? Math.min(p, 99) : 100;
}
