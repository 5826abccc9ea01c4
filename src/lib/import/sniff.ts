// Lire la forme d'un CSV sur un échantillon : séparateur, lignes d'en-tête, nombre de colonnes.
// Le séparateur se choisit sur la régularité du nombre de cellules par ligne, en tenant compte
// des guillemets, jamais en comptant des virgules : la colonne `position` de l'annuaire contient
// « lat, lon » sans guillemets.

import { bisectRight } from 'd3';
import type { SourceOctets } from './octets';

export interface Enregistrement {
	readonly cellules: string[];
	/** Physical line (1-based) where the record starts. */
	readonly ligne: number;
}

/**
 * Splits CSV text into records, honouring `"…"` quoting (`""` inside), CR, LF and CRLF. Blank
 * lines are skipped, as DuckDB's reader does. When `complet` is false the text is a sample:
 * the last record, possibly cut, is dropped.
 */
export function decouperCsv(
	texte: string,
	separateur: string,
	options: { complet?: boolean; max?: number } = {}
): Enregistrement[] {
	const complet = options.complet ?? true;
	const max = options.max ?? Infinity;
	const sortie: Enregistrement[] = [];
	let cellules: string[] = [];
	let cellule = '';
	let entreGuillemets = false;
	let debutCellule = true;
	let ligne = 1;
	let debutLigne = 1;
	let vide = true;
	const finir = () => {
		cellules.push(cellule);
		if (!(vide && cellules.length === 1 && cellule === ''))
			sortie.push({ cellules, ligne: debutLigne });
		cellules = [];
		cellule = '';
		debutCellule = true;
		vide = true;
	};
	for (let i = 0; i < texte.length && sortie.length < max; i++) {
		const c = texte[i];
		if (entreGuillemets) {
			if (c === '"') {
				if (texte[i + 1] === '"') {
					cellule += '"';
					i++;
				} else entreGuillemets = false;
			} else {
				if (c === '\n' || (c === '\r' && texte[i + 1] !== '\n')) ligne++;
				cellule += c;
			}
			continue;
		}
		if (c === '"' && debutCellule) {
			entreGuillemets = true;
			debutCellule = false;
			vide = false;
			continue;
		}
		if (c === separateur) {
			cellules.push(cellule);
			cellule = '';
			debutCellule = true;
			vide = false;
			continue;
		}
		if (c === '\r' || c === '\n') {
			if (c === '\r' && texte[i + 1] === '\n') i++;
			finir();
			ligne++;
			debutLigne = ligne;
			continue;
		}
		cellule += c;
		debutCellule = false;
		vide = false;
	}
	if (sortie.length < max && complet && !(vide && cellule === '' && cellules.length === 0)) finir();
	return sortie;
}

export const SEPARATEURS = [';', '\t', ',', '|'] as const;

/** Most frequent value (the largest on ties). */
function mode(valeurs: readonly number[]): number {
	const n = new Map<number, number>();
	for (const v of valeurs) n.set(v, (n.get(v) ?? 0) + 1);
	let meilleur = 0;
	let effectif = -1;
	for (const [v, k] of n)
		if (k > effectif || (k === effectif && v > meilleur)) [meilleur, effectif] = [v, k];
	return meilleur;
}

/**
 * The separator that gives the most regular number of cells (at least 2) over the first lines,
 * more columns breaking ties (a stray `;` inside a comma-separated file gives 2 cells, not 10);
 * then `;` (the French default), tab, comma and pipe.
 */
export function choisirSeparateur(texte: string, complet: boolean): string {
	let choix: string = ';';
	let meilleur = -1;
	for (const s of SEPARATEURS) {
		const lignes = decouperCsv(texte, s, { complet, max: 40 });
		if (lignes.length === 0) continue;
		const comptes = lignes.map((l) => l.cellules.length);
		const m = mode(comptes);
		if (m < 2) continue;
		const regularite = comptes.filter((c) => c === m).length / comptes.length;
		const score = regularite * (1 + Math.log2(m) / 10);
		if (score > meilleur + 1e-9) {
			meilleur = score;
			choix = s;
		}
	}
	return choix;
}

/**
 * Number of columns to read: the header's, unless the data lines agree on another count and the
 * difference is only empty cells (Excel's trailing `;` on every data line, or empty trailing
 * header cells).
 */
export function nombreColonnes(
	entete: readonly string[],
	donnees: readonly Enregistrement[]
): number {
	const h = entete.length;
	if (donnees.length === 0) return h;
	const m = mode(donnees.map((d) => d.cellules.length));
	const accord = donnees.filter((d) => d.cellules.length === m).length / donnees.length;
	if (m === h || accord < 0.9) return h;
	if (m > h) {
		const videsEnPlus = donnees
			.filter((d) => d.cellules.length === m)
			.every((d) => d.cellules.slice(h).every((c) => c.trim() === ''));
		return videsEnPlus ? m : h;
	}
	return entete.slice(m).every((c) => c.trim() === '') ? m : h;
}

/**
 * Where each data record of the file starts, as runs of records whose physical and DuckDB lines
 * both follow on by one: a file without blank lines or multi-line cells is one run. One entry
 * per record (two typed arrays and a Map of them, before) held ≈ 1 GB at 15 M rows and stopped at
 * 16.7 M (a Map's limit), for a file of 20 M rows with one refused line.
 */
export class DebutsEnregistrements {
	/** Index of each run's first record, its physical line, its DuckDB line. */
	readonly #indices: number[] = [];
	readonly #physiques: number[] = [];
	readonly #duckdb: number[] = [];
	#nombre = 0;

	/** Number of records. */
	get nombre(): number {
		return this.#nombre;
	}

	/** Number of runs kept (what the memory holds). */
	get suites(): number {
		return this.#indices.length;
	}

	ajouter(physique: number, duckdb: number): void {
		const k = this.#indices.length - 1;
		const suite =
			k >= 0 &&
			physique === this.#physiques[k] + (this.#nombre - this.#indices[k]) &&
			duckdb === this.#duckdb[k] + (this.#nombre - this.#indices[k]);
		if (!suite) {
			this.#indices.push(this.#nombre);
			this.#physiques.push(physique);
			this.#duckdb.push(duckdb);
		}
		this.#nombre++;
	}

	/** Physical line (1-based, as a spreadsheet or an editor counts them) of record i. */
	physique(i: number): number {
		const k = dernierAuPlus(this.#indices, i);
		return this.#physiques[k] + (i - this.#indices[k]);
	}

	/**
	 * Line of record i as DuckDB's reader counts it in its rejects table: line breaks inside
	 * quoted cells are not counted (blank lines are).
	 */
	duckdb(i: number): number {
		const k = dernierAuPlus(this.#indices, i);
		return this.#duckdb[k] + (i - this.#indices[k]);
	}

	/** The record DuckDB counts at line l, or -1 (its lines only grow, record after record). */
	indiceDeLigneDuckdb(l: number): number {
		const k = dernierAuPlus(this.#duckdb, l);
		if (k < 0) return -1;
		const i = this.#indices[k] + (l - this.#duckdb[k]);
		const fin = k + 1 < this.#indices.length ? this.#indices[k + 1] : this.#nombre;
		return i < fin ? i : -1;
	}
}

/** Index of the last value ≤ x in an increasing list, or -1. */
const dernierAuPlus = (valeurs: readonly number[], x: number): number =>
	bisectRight(valeurs, x) - 1;

/**
 * Start of every data record of the file (after `lignesAvant` physical lines), blank lines
 * skipped as DuckDB does: turns a row's rank in DuckDB's output, or a line of its rejects table,
 * into the line of the file. Reads the bytes block by block (works on UTF-8 and Windows-1252
 * alike: the bytes of `"`, CR and LF are the same).
 */
export async function debutsEnregistrements(
	source: SourceOctets,
	separateur: string,
	lignesAvant: number,
	tailleBloc = 4 * 1024 * 1024
): Promise<DebutsEnregistrements> {
	const sep = separateur.charCodeAt(0);
	const debuts = new DebutsEnregistrements();
	let ligne = 1;
	let ligneDuck = 1;
	let entreGuillemets = false;
	let debutCellule = true;
	let vide = true;
	let debutLigne = 1;
	let debutDuck = 1;
	let crPrecedent = false;
	let fermeture = false;
	const ajouter = () => debuts.ajouter(debutLigne, debutDuck);
	const finLigne = () => {
		if (!vide && debutLigne > lignesAvant) ajouter();
		vide = true;
		debutCellule = true;
		ligne++;
		ligneDuck++;
		debutLigne = ligne;
		debutDuck = ligneDuck;
	};
	for (let debut = 0; debut < source.taille; debut += tailleBloc) {
		const bloc = await source.lire(debut, Math.min(source.taille, debut + tailleBloc));
		for (let i = 0; i < bloc.length; i++) {
			const b = bloc[i];
			if (crPrecedent) {
				crPrecedent = false;
				if (b === 0x0a) continue;
			}
			if (entreGuillemets) {
				if (b === 0x22) {
					entreGuillemets = false;
					fermeture = true;
				} else if (b === 0x0a) ligne++;
				else if (b === 0x0d) {
					ligne++;
					crPrecedent = true;
				}
				continue;
			}
			if (fermeture) {
				fermeture = false;
				// `""` inside a quoted cell: still inside.
				if (b === 0x22) {
					entreGuillemets = true;
					continue;
				}
			}
			if (b === 0x0a || b === 0x0d) {
				finLigne();
				crPrecedent = b === 0x0d;
				continue;
			}
			// A BOM is not content.
			if (debut + i < 3 && (b === 0xef || b === 0xbb || b === 0xbf)) continue;
			vide = false;
			if (b === 0x22 && debutCellule) {
				entreGuillemets = true;
				debutCellule = false;
			} else debutCellule = b === sep;
		}
	}
	if (!vide && debutLigne > lignesAvant) ajouter();
	return debuts;
}
