// The bench's settings, read from the environment, and its log on stderr.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const REPETITIONS = Number(process.env.BANC_REPETITIONS ?? 5);
/**
 * Cold starts measured (fresh profile each): at least 9, because one start varies by ±40 % on a
 * 2-core machine (0,53 to 1,14 s for the same build) and a median of 3 or 5 moved by 30 % from
 * one run to the next — enough to read a slowdown that was not there. BANC_DEMARRAGES overrides.
 */
export const DEMARRAGES = Number(process.env.BANC_DEMARRAGES ?? Math.max(REPETITIONS, 9));
/**
 * Sessions at each pupil-file size: 5 up to 1 M, fewer above so that the whole bench stays under
 * 15 minutes on a 2-core machine (a 20 M session alone takes about 2.5 minutes). BANC_REPETITIONS
 * set by hand applies to every size.
 */
export const sessionsPour = (lignes: number) =>
	process.env.BANC_REPETITIONS
		? REPETITIONS
		: lignes <= 1e6
			? 5
			: lignes <= 5e6
				? 3
				: lignes <= 15e6
					? 2
					: 1;
export const ECHELLES = (process.env.BANC_ECHELLES ?? '1,5,15,20')
	.split(',')
	.map((x) => Number(x) * 1e6);
export const VUES = Number(process.env.BANC_VUES ?? 6);
export const DOSSIER = process.env.BANC_DOSSIER ?? join(tmpdir(), 'pilotage-banc');
/** An import with no report after this long counts as failed (20 M rows take ≈ 40 s here). */
export const DELAI_IMPORT = Number(process.env.BANC_DELAI_IMPORT ?? 5 * 60_000);
export const BUILD = 'build-banc';
/** Above this, papaparse is run once only (8–20 s at 5 M; 0 rows without error at 10 M in Chromium). */
export const PAPAPARSE_MAX_REPETE = 1e6;
/** Views are timed up to this size (issue 8: « on 15 M pupil rows »). */
export const VUES_JUSQUA = 15e6;

export const debutBanc = performance.now();
export const journal = (texte: string) =>
	process.stderr.write(`[${((performance.now() - debutBanc) / 1000).toFixed(0)} s] ${texte}\n`);
