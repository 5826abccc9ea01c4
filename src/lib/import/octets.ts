// Les octets d'un fichier importé : lecture par morceaux, reconnaissance de l'encodage sur un
// échantillon, et réencodage en UTF-8 morceau par morceau (jamais une seule grande chaîne :
// le TextDecoder de Chromium rend une chaîne vide au-delà d'environ 537 Mo).

/** Random access to the bytes of a file, whatever holds them (a browser `File`, a buffer). */
export interface SourceOctets {
	readonly taille: number;
	/** Bytes [debut, fin[ (clamped to the file). */
	lire(debut: number, fin: number): Promise<Uint8Array>;
}

export function sourceDepuisOctets(octets: Uint8Array): SourceOctets {
	return {
		taille: octets.byteLength,
		async lire(debut, fin) {
			return octets.subarray(Math.max(0, debut), Math.min(octets.byteLength, fin));
		}
	};
}

/** A `File` or `Blob`: only the requested slice is read, never the whole file. */
export function sourceDepuisBlob(blob: Blob): SourceOctets {
	return {
		taille: blob.size,
		async lire(debut, fin) {
			return new Uint8Array(await blob.slice(debut, fin).arrayBuffer());
		}
	};
}

export type Encodage = 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export type NatureNonTexte = 'pdf' | 'zip' | 'ole' | 'binaire';

export type Examen =
	| {
			readonly texte: true;
			readonly encodage: Encodage;
			/** Length in bytes of the byte order mark at the start (0 when none). */
			readonly bom: number;
	  }
	| { readonly texte: false; readonly nature: NatureNonTexte };

const commencePar = (o: Uint8Array, signature: readonly number[]) =>
	o.length >= signature.length && signature.every((b, i) => o[i] === b);

/** Why a non-text file cannot be imported, in French. */
export const MESSAGE_NON_TEXTE: Readonly<Record<NatureNonTexte, string>> = {
	pdf: 'Ce fichier est un PDF : Pilotage lit des fichiers CSV. Exportez les données au format CSV.',
	zip: 'Ce fichier est un classeur (Excel .xlsx ou OpenDocument .ods) : dans le tableur, choisissez « Enregistrer sous » puis le format « CSV (séparateur : point-virgule) ».',
	ole: 'Ce fichier est un ancien classeur Excel (.xls) : dans Excel, choisissez « Enregistrer sous » puis le format « CSV (séparateur : point-virgule) ».',
	binaire:
		'Ce fichier ne contient pas de texte lisible : ce n’est pas un CSV. Vérifiez que vous avez choisi le bon fichier.'
};

/** Is `octets` valid UTF-8? A sample may end inside a character: `complet` says it does not. */
export function estUtf8Valide(octets: Uint8Array, complet: boolean): boolean {
	let fin = octets.length;
	if (!complet) {
		// Drop an incomplete multi-byte sequence cut by the end of the sample.
		let i = fin - 1;
		let suite = 0;
		while (i >= 0 && suite < 3 && (octets[i] & 0xc0) === 0x80) {
			i--;
			suite++;
		}
		if (i >= 0) {
			const b = octets[i];
			const attendu = b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
			if (attendu > suite) fin = i;
		}
	}
	try {
		new TextDecoder('utf-8', { fatal: true }).decode(octets.subarray(0, fin));
		return true;
	} catch {
		return false;
	}
}

/**
 * Decides, on a sample of the first bytes, whether the file is text and in which encoding:
 * a BOM wins; otherwise valid UTF-8 is UTF-8 and anything else is Windows-1252 (what Excel
 * writes on a French Windows). PDF, zip (xlsx, ods) and OLE (xls) files are recognised by their
 * signature, other binary files by their control characters.
 */
export function examinerOctets(echantillon: Uint8Array, complet: boolean): Examen {
	const o = echantillon;
	if (commencePar(o, [0x25, 0x50, 0x44, 0x46])) return { texte: false, nature: 'pdf' };
	if (commencePar(o, [0x50, 0x4b, 0x03, 0x04])) return { texte: false, nature: 'zip' };
	if (commencePar(o, [0xd0, 0xcf, 0x11, 0xe0])) return { texte: false, nature: 'ole' };
	if (commencePar(o, [0xef, 0xbb, 0xbf])) return { texte: true, encodage: 'utf-8', bom: 3 };
	if (commencePar(o, [0xff, 0xfe])) return { texte: true, encodage: 'utf-16le', bom: 2 };
	if (commencePar(o, [0xfe, 0xff])) return { texte: true, encodage: 'utf-16be', bom: 2 };
	let nuls = 0;
	let nulsImpairs = 0;
	let controles = 0;
	for (let i = 0; i < o.length; i++) {
		const b = o[i];
		if (b === 0) {
			nuls++;
			if (i % 2 === 1) nulsImpairs++;
		} else if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1a) || b === 0x7f) controles++;
	}
	if (nuls > 0) {
		// UTF-16 without BOM: ASCII text has a zero in every other byte.
		if (nuls * 3 >= o.length && nulsImpairs * 10 >= nuls * 9)
			return { texte: true, encodage: 'utf-16le', bom: 0 };
		if (nuls * 3 >= o.length && nulsImpairs * 10 <= nuls)
			return { texte: true, encodage: 'utf-16be', bom: 0 };
		return { texte: false, nature: 'binaire' };
	}
	if (controles * 100 > o.length) return { texte: false, nature: 'binaire' };
	const utf8 = estUtf8Valide(o, complet) && plausibleEnUtf8(o);
	return { texte: true, encodage: utf8 ? 'utf-8' : 'windows-1252', bom: 0 };
}

/** Characters a French file holds beyond ASCII: Latin letters, punctuation, €. */
const PLAUSIBLE = /[\u00a0-\u024f\u2000-\u206f\u20ac\u2122]/u;

/**
 * Short Windows-1252 texts can happen to be valid UTF-8 (`éœ’` = E9 9C 92 reads as « 霒 »). In a
 * French file, UTF-8 that decodes mostly to other scripts is taken for Windows-1252.
 */
function plausibleEnUtf8(o: Uint8Array): boolean {
	let plausibles = 0;
	let autres = 0;
	for (const c of new TextDecoder('utf-8').decode(o)) {
		if (c.charCodeAt(0) < 0x80 || c === '\ufffd') continue;
		if (PLAUSIBLE.test(c)) plausibles++;
		else autres++;
	}
	return autres <= plausibles;
}

// --- Windows-1252 → UTF-8, octet par octet ---------------------------------------------------

/**
 * Code points of bytes 0x80–0x9F in Windows-1252 (the rest is Latin-1: byte = code point).
 * The five undefined bytes give U+FFFD, as iconv-lite does; the test checks all 256 bytes
 * against iconv-lite. Node 20's TextDecoder is wrong for this range (nodejs/node#60888), and
 * iconv-lite needs Node's Buffer, which the browser build does not have: hence this table.
 */
const CP1252_80_9F = [
	0x20ac, 0xfffd, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039,
	0x0152, 0xfffd, 0x017d, 0xfffd, 0xfffd, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0xfffd, 0x017e, 0x0178
];

export function pointCodeCp1252(octet: number): number {
	return octet >= 0x80 && octet <= 0x9f ? CP1252_80_9F[octet - 0x80] : octet;
}

/** UTF-8 bytes of each of the 256 Windows-1252 bytes. */
const UTF8_DE_CP1252: readonly Uint8Array[] = Array.from({ length: 256 }, (_, b) =>
	new TextEncoder().encode(String.fromCodePoint(pointCodeCp1252(b)))
);

/** Re-encodes one block of Windows-1252 bytes as UTF-8 (single-byte: blocks cut anywhere). */
export function cp1252VersUtf8(bloc: Uint8Array): Uint8Array {
	let hauts = 0;
	for (let i = 0; i < bloc.length; i++) if (bloc[i] >= 0x80) hauts++;
	if (hauts === 0) return bloc.slice();
	const sortie = new Uint8Array(bloc.length + hauts * 2);
	let j = 0;
	for (let i = 0; i < bloc.length; i++) {
		const b = bloc[i];
		if (b < 0x80) sortie[j++] = b;
		else {
			const u = UTF8_DE_CP1252[b];
			for (let k = 0; k < u.length; k++) sortie[j++] = u[k];
		}
	}
	return sortie.subarray(0, j);
}

/** Size of the blocks read and re-encoded at a time. */
export const TAILLE_BLOC = 4 * 1024 * 1024;

/**
 * The file's content as UTF-8 bytes, block by block, without its BOM. UTF-8 input is passed
 * through; Windows-1252 is mapped byte by byte; UTF-16 goes through a streaming TextDecoder
 * (correct in Node and browsers for UTF-16) and a TextEncoder, one block at a time.
 */
export async function* morceauxUtf8(
	source: SourceOctets,
	encodage: Encodage,
	bom: number,
	tailleBloc = TAILLE_BLOC
): AsyncGenerator<Uint8Array> {
	const decodeur =
		encodage === 'utf-16le' || encodage === 'utf-16be' ? new TextDecoder(encodage) : undefined;
	const encodeur = new TextEncoder();
	for (let debut = bom; debut < source.taille; debut += tailleBloc) {
		const bloc = await source.lire(debut, Math.min(source.taille, debut + tailleBloc));
		if (encodage === 'utf-8') yield bloc;
		else if (encodage === 'windows-1252') yield cp1252VersUtf8(bloc);
		else yield encodeur.encode(decodeur!.decode(bloc, { stream: true }));
	}
	if (decodeur) {
		const reste = decodeur.decode();
		if (reste) yield encodeur.encode(reste);
	}
}

/**
 * The whole file re-encoded as UTF-8 (without BOM), as a Blob built from the blocks. Between
 * blocks it hands the event loop back (a page stays responsive while a 1 GB file is re-encoded)
 * and reports the share of bytes done.
 */
export async function versBlobUtf8(
	source: SourceOctets,
	encodage: Encodage,
	bom: number,
	tailleBloc = TAILLE_BLOC,
	progression?: (fraction: number) => void
): Promise<Blob> {
	// One Blob per block, made as it comes: the final Blob only references them, instead of
	// copying the whole file at once (a 200 ms freeze for 78 MB).
	const morceaux: Blob[] = [];
	let lus = bom;
	for await (const m of morceauxUtf8(source, encodage, bom, tailleBloc)) {
		morceaux.push(new Blob([m as BlobPart]));
		lus = Math.min(source.taille, lus + tailleBloc);
		progression?.(source.taille > 0 ? lus / source.taille : 1);
		// A macrotask, not a microtask: only then can the browser paint and handle input.
		if (lus < source.taille) await new Promise<void>((r) => setTimeout(r, 0));
	}
	return new Blob(morceaux, { type: 'text/csv;charset=utf-8' });
}

/** Decodes a (small) sample to text, for sniffing and for the multi-header exports. */
export function decoderEchantillon(octets: Uint8Array, encodage: Encodage, bom: number): string {
	const corps = octets.subarray(bom);
	if (encodage === 'windows-1252') {
		let s = '';
		const PAS = 8192;
		for (let i = 0; i < corps.length; i += PAS) {
			const cps = Array.from(corps.subarray(i, i + PAS), pointCodeCp1252);
			s += String.fromCodePoint(...cps);
		}
		return s;
	}
	// Not fatal: a sample may end inside a character (its last line is dropped anyway).
	return new TextDecoder(encodage).decode(corps);
}

// --- Réparation : fins de ligne mêlées, octets non UTF-8 sur quelques lignes ------------------

/** What `reparerEnUtf8` changed, for the report. */
export interface Reparation {
	/** The file as UTF-8 with LF line ends, without BOM. */
	readonly blob: Blob;
	/** Physical lines (1-based) that were not valid UTF-8 and were read as Windows-1252 (first 1 000). */
	readonly lignesWindows1252: readonly number[];
	/** How many such lines in all. */
	readonly nbLignesWindows1252: number;
	/** Line ends met: CRLF, LF alone, CR alone. More than one kind is a mixed file. */
	readonly finsDeLigne: { readonly crlf: number; readonly lf: number; readonly cr: number };
}

const LF = 0x0a;
const CR = 0x0d;
const MAX_LIGNES_SIGNALEES = 1000;

/**
 * Rewrites a UTF-8 file that DuckDB's reader refuses: line ends mixed (a CRLF line in an LF file
 * stops its state machine) or a few lines that are not UTF-8 (a line edited on a Windows machine).
 * Each physical line is checked on its own: a valid line is copied byte for byte, an invalid one
 * is read as Windows-1252 and its number kept, so that the report names it; never is the whole
 * file re-read in another encoding. Every line then ends with LF. Streaming, block by block, as
 * `versBlobUtf8`; line numbers count CRLF, LF and CR alike, as the report does.
 */
export async function reparerEnUtf8(
	source: SourceOctets,
	bom: number,
	tailleBloc = TAILLE_BLOC,
	progression?: (fraction: number) => void
): Promise<Reparation> {
	const decodeur = new TextDecoder('utf-8', { fatal: true });
	const morceaux: Blob[] = [];
	const lignesWindows1252: number[] = [];
	let nbLignesWindows1252 = 0;
	const finsDeLigne = { crlf: 0, lf: 0, cr: 0 };
	let ligne = 1;
	let reste = new Uint8Array(0);

	const ligneEnUtf8 = (octets: Uint8Array): Uint8Array => {
		let ascii = true;
		for (let i = 0; i < octets.length && ascii; i++) if (octets[i] >= 0x80) ascii = false;
		if (ascii) return octets;
		try {
			decodeur.decode(octets);
			return octets;
		} catch {
			nbLignesWindows1252++;
			if (lignesWindows1252.length < MAX_LIGNES_SIGNALEES) lignesWindows1252.push(ligne);
			return cp1252VersUtf8(octets);
		}
	};

	for (let debut = bom; debut < source.taille; debut += tailleBloc) {
		const fin = Math.min(source.taille, debut + tailleBloc);
		const bloc = await source.lire(debut, fin);
		const octets = reste.length ? concatener(reste, bloc) : bloc;
		const dernier = fin === source.taille;
		const sortie: Uint8Array[] = [];
		let debutLigne = 0;
		for (let i = 0; i < octets.length; i++) {
			const b = octets[i];
			if (b !== LF && b !== CR) continue;
			// A CR at the end of a block may be the first half of a CRLF: wait for the next block.
			if (b === CR && i === octets.length - 1 && !dernier) break;
			sortie.push(ligneEnUtf8(octets.subarray(debutLigne, i)), LIGNE_FINIE);
			if (b === CR && octets[i + 1] === LF) {
				finsDeLigne.crlf++;
				i++;
			} else if (b === CR) finsDeLigne.cr++;
			else finsDeLigne.lf++;
			ligne++;
			debutLigne = i + 1;
		}
		reste = octets.slice(debutLigne);
		if (dernier && reste.length) {
			sortie.push(ligneEnUtf8(reste));
			reste = new Uint8Array(0);
		}
		morceaux.push(new Blob(sortie as BlobPart[]));
		progression?.(source.taille > 0 ? fin / source.taille : 1);
		if (!dernier) await new Promise<void>((r) => setTimeout(r, 0));
	}
	return {
		blob: new Blob(morceaux, { type: 'text/csv;charset=utf-8' }),
		lignesWindows1252,
		nbLignesWindows1252,
		finsDeLigne
	};
}

const LIGNE_FINIE = new Uint8Array([LF]);

function concatener(a: Uint8Array, b: Uint8Array): Uint8Array {
	const c = new Uint8Array(a.length + b.length);
	c.set(a);
	c.set(b, a.length);
	return c;
}
