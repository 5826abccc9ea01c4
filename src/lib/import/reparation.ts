// Les octets que DuckDB refuse alors que le fichier se lit : une première ligne plus longue que
// l'échantillon, des fins de ligne mêlées, quelques lignes hors UTF-8 dans un fichier UTF-8.
// L'échantillon s'allonge jusqu'à la première fin de ligne ; le fichier est réécrit en UTF-8 à
// fins de ligne LF (`reparerEnUtf8`) et le rapport dit ce qui a été changé, ligne par ligne.

import { formatEntier } from '$lib/format';
import type { Reparation, SourceOctets } from './octets';
import type { Avertissement } from './rapport';

/** DuckDB's `max_line_size` (its default): a longer line cannot be read at all. */
export const LIGNE_MAX = 2 * 1024 * 1024;

export const MESSAGE_LIGNE_TROP_LONGUE =
	'La première ligne dépasse 2 Mo sans retour à la ligne : ce n’est pas un fichier CSV lisible. Vérifiez que vous avez choisi le bon fichier, ou réenregistrez-le en CSV depuis le tableur.';

const LF = 0x0a;
const CR = 0x0d;

const aUneFinDeLigne = (o: Uint8Array) => o.includes(LF) || o.includes(CR);

/**
 * The first bytes of the file, enough to hold its first lines. A sample with no line break
 * (a header longer than the sample) is read further, up to the longest line DuckDB reads:
 * `trop_longue` when even that holds no line break.
 */
export async function lireEchantillon(
	source: SourceOctets,
	taille: number
): Promise<{ octets: Uint8Array; complet: boolean } | 'trop_longue'> {
	const fin = Math.min(source.taille, taille);
	const octets = await source.lire(0, fin);
	if (fin === source.taille || aUneFinDeLigne(octets))
		return { octets, complet: fin === source.taille };
	const loin = await source.lire(0, Math.min(source.taille, LIGNE_MAX + 1));
	let i = loin.indexOf(LF);
	const j = loin.indexOf(CR);
	if (i < 0 || (j >= 0 && j < i)) i = j;
	if (i < 0) {
		if (loin.length < source.taille) return 'trop_longue';
		return { octets: loin, complet: true };
	}
	// The long first line, then a sample's worth of the lines after it.
	const fin2 = Math.min(source.taille, i + 1 + taille);
	return { octets: await source.lire(0, fin2), complet: fin2 === source.taille };
}

/**
 * Whether the sample's line ends are of more than one kind (CRLF, LF alone, CR alone): DuckDB's
 * reader stops on such a file. Bytes of a single-byte or UTF-8 text only (in UTF-16 a line end
 * is two bytes apart). A CR ending the sample may be half a CRLF: not counted.
 */
export function finsDeLigneMelees(octets: Uint8Array): boolean {
	let crlf = 0;
	let lf = 0;
	let cr = 0;
	for (let i = 0; i < octets.length; i++) {
		const b = octets[i];
		if (b === LF) lf++;
		else if (b === CR) {
			if (octets[i + 1] === LF) {
				crlf++;
				i++;
			} else if (i < octets.length - 1) cr++;
		}
	}
	return [crlf, lf, cr].filter((n) => n > 0).length > 1;
}

/** « 12 », « 12 et 40 », « 12, 40 et 41 » */
function enumerer(nombres: readonly number[]): string {
	const t = nombres.map(formatEntier);
	return t.length > 1 ? `${t.slice(0, -1).join(', ')} et ${t[t.length - 1]}` : (t[0] ?? '');
}

/** Lines named in full in the warning on non-UTF-8 lines (all are counted). */
const LIGNES_NOMMEES = 10;

/** What the repair changed, for the report: mixed line ends, lines read as Windows-1252. */
export function avertissementsReparation(r: Reparation): Avertissement[] {
	const avertissements: Avertissement[] = [];
	const { crlf, lf, cr } = r.finsDeLigne;
	const sortes = [
		[crlf, 'CRLF (Windows)'],
		[lf, 'LF (Unix)'],
		[cr, 'CR seul (ancien Mac)']
	] as const;
	const presentes = sortes.filter(([n]) => n > 0);
	if (presentes.length > 1) {
		const minoritaires = Math.min(...presentes.map(([n]) => n));
		avertissements.push({
			message: `Fins de ligne mêlées dans le fichier (${presentes.map(([n, s]) => `${formatEntier(n)} ${s}`).join(', ')}) : elles ont été uniformisées, toutes les lignes ont été lues.`,
			lignes: [],
			nombre: minoritaires
		});
	}
	const n = r.nbLignesWindows1252;
	if (n > 0) {
		const nommees = r.lignesWindows1252.slice(0, LIGNES_NOMMEES);
		const reste = n - nommees.length;
		const liste = `${enumerer(nommees)}${reste > 0 ? ` (et ${formatEntier(reste)} autre${reste > 1 ? 's' : ''})` : ''}`;
		avertissements.push({
			message: `${n > 1 ? 'Lignes' : 'Ligne'} ${liste} : caractères hors UTF-8, lus comme Windows-1252 ; vérifiez-${n > 1 ? 'les' : 'la'}. Les autres lignes sont lues en UTF-8, exactes.`,
			lignes: nommees,
			nombre: n
		});
	}
	return avertissements;
}
