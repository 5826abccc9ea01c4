import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
	cp1252VersUtf8,
	decoderEchantillon,
	estUtf8Valide,
	examinerOctets,
	morceauxUtf8,
	pointCodeCp1252,
	reparerEnUtf8,
	sourceDepuisBlob,
	sourceDepuisOctets,
	versBlobUtf8
} from './octets';

const utf8 = (t: string) => new TextEncoder().encode(t);
const win1252 = (t: string) => new Uint8Array(iconv.encode(t, 'win1252'));

async function tout(it: AsyncIterable<Uint8Array>): Promise<string> {
	const morceaux: Uint8Array[] = [];
	for await (const m of it) morceaux.push(m);
	return new TextDecoder().decode(Buffer.concat(morceaux));
}

describe('Windows-1252', () => {
	it('donne pour chacun des 256 octets le même caractère qu’iconv-lite', () => {
		for (let b = 0; b < 256; b++) {
			const attendu = iconv.decode(Buffer.from([b]), 'win1252');
			expect(String.fromCodePoint(pointCodeCp1252(b)), `octet 0x${b.toString(16)}`).toBe(attendu);
		}
	});

	it('réencode en UTF-8 ’ œ € – … et les accents', () => {
		const texte = 'École d’Œuvre – 5 € … « œ » ﬁ?'.replace('ﬁ', 'fi');
		expect(new TextDecoder().decode(cp1252VersUtf8(win1252(texte)))).toBe(texte);
	});

	it('réencode morceau par morceau, quelle que soit la taille des morceaux', async () => {
		const texte = 'nom;ville\r\nÉcole l’Œuvre;Mâcon €\r\n'.repeat(50);
		const source = sourceDepuisOctets(win1252(texte));
		for (const taille of [1, 3, 7, 64, 1 << 20]) {
			expect(await tout(morceauxUtf8(source, 'windows-1252', 0, taille))).toBe(texte);
		}
		const blob = await versBlobUtf8(
			sourceDepuisBlob(new Blob([win1252(texte)])),
			'windows-1252',
			0,
			13
		);
		expect(await blob.text()).toBe(texte);
	});

	it('dit la part des octets réencodés et rend la main entre deux blocs', async () => {
		const texte = 'é;œ;€\n'.repeat(10); // 60 octets en Windows-1252
		const parts: number[] = [];
		let tours = 0;
		const minuterie = setInterval(() => tours++, 0);
		const blob = await versBlobUtf8(
			sourceDepuisOctets(win1252(texte)),
			'windows-1252',
			0,
			20,
			(f) => parts.push(f)
		);
		clearInterval(minuterie);
		expect(await blob.text()).toBe(texte);
		expect(parts).toEqual([20 / 60, 40 / 60, 1]);
		// The event loop ran between blocks (a page stays responsive).
		expect(tours).toBeGreaterThan(0);
	});

	it('réencode l’UTF-16 même quand un caractère est coupé entre deux morceaux', async () => {
		const texte = 'a;b\n😀 é œ €;2\n'.repeat(20);
		const le = new Uint8Array([0xff, 0xfe, ...iconv.encode(texte, 'utf16le')]);
		const be = new Uint8Array([0xfe, 0xff, ...iconv.encode(texte, 'utf16be')]);
		for (const taille of [1, 3, 5, 1024]) {
			expect(await tout(morceauxUtf8(sourceDepuisOctets(le), 'utf-16le', 2, taille))).toBe(texte);
			expect(await tout(morceauxUtf8(sourceDepuisOctets(be), 'utf-16be', 2, taille))).toBe(texte);
		}
	});

	it('laisse passer l’UTF-8 tel quel', async () => {
		const t = 'é;€\n';
		expect(await tout(morceauxUtf8(sourceDepuisOctets(utf8(t)), 'utf-8', 0, 2))).toBe(t);
	});
});

describe('examinerOctets', () => {
	it('reconnaît les BOM', () => {
		expect(examinerOctets(utf8('\ufeffa;b'), true)).toEqual({
			texte: true,
			encodage: 'utf-8',
			bom: 3
		});
		expect(examinerOctets(new Uint8Array([0xff, 0xfe, 0x61, 0]), true)).toEqual({
			texte: true,
			encodage: 'utf-16le',
			bom: 2
		});
		expect(examinerOctets(new Uint8Array([0xfe, 0xff, 0, 0x61]), true)).toMatchObject({
			encodage: 'utf-16be'
		});
	});

	it('distingue UTF-8 et Windows-1252 sur un échantillon', () => {
		expect(examinerOctets(utf8('uai;nom\n0219901Y;École'), true)).toMatchObject({
			encodage: 'utf-8',
			bom: 0
		});
		expect(examinerOctets(win1252('uai;nom\n0219901Y;École'), true)).toMatchObject({
			encodage: 'windows-1252'
		});
		expect(examinerOctets(utf8('ascii;seul\n'), true)).toMatchObject({ encodage: 'utf-8' });
		// E9 9C 92 is valid UTF-8 (« 霒 ») but, in a French file, « éœ’ » in Windows-1252.
		expect(examinerOctets(win1252('nom\néœ’\n'), true)).toMatchObject({ encodage: 'windows-1252' });
		expect(examinerOctets(utf8('nom\nÉcole d’Œuvre – 5 €\n'), true)).toMatchObject({
			encodage: 'utf-8'
		});
	});

	it('ne prend pas pour du Windows-1252 un caractère UTF-8 coupé par la fin de l’échantillon', () => {
		const o = utf8('nom\nÉcole œ');
		const coupe = o.subarray(0, o.length - 1);
		expect(estUtf8Valide(coupe, false)).toBe(true);
		expect(estUtf8Valide(coupe, true)).toBe(false);
		expect(examinerOctets(coupe, false)).toMatchObject({ encodage: 'utf-8' });
	});

	it('reconnaît UTF-16 sans BOM', () => {
		expect(
			examinerOctets(new Uint8Array(iconv.encode('uai;nom\n', 'utf16le')), true)
		).toMatchObject({
			encodage: 'utf-16le',
			bom: 0
		});
	});

	it('refuse PDF, classeurs et binaires', () => {
		expect(examinerOctets(utf8('%PDF-1.7\n'), false)).toEqual({ texte: false, nature: 'pdf' });
		expect(examinerOctets(new Uint8Array([0x50, 0x4b, 3, 4, 0]), false)).toEqual({
			texte: false,
			nature: 'zip'
		});
		expect(examinerOctets(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0]), false)).toEqual({
			texte: false,
			nature: 'ole'
		});
		expect(examinerOctets(new Uint8Array([1, 2, 3, 0, 5, 6, 200, 0, 9]), true)).toEqual({
			texte: false,
			nature: 'binaire'
		});
		expect(
			examinerOctets(new Uint8Array(Array.from({ length: 200 }, (_, i) => (i % 7) + 1)), true)
		).toEqual({
			texte: false,
			nature: 'binaire'
		});
	});

	it('décode un échantillon dans son encodage', () => {
		expect(decoderEchantillon(win1252('l’Œuvre €'), 'windows-1252', 0)).toBe('l’Œuvre €');
		expect(decoderEchantillon(utf8('\ufeffa'), 'utf-8', 3)).toBe('a');
	});

	it('lit un Blob par tranches', async () => {
		const s = sourceDepuisBlob(new Blob([utf8('0123456789')]));
		expect(s.taille).toBe(10);
		expect(new TextDecoder().decode(await s.lire(2, 5))).toBe('234');
		expect(new TextDecoder().decode(await s.lire(8, 50))).toBe('89');
	});
});

describe('reparerEnUtf8', () => {
	const assembler = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

	it('met toutes les fins de ligne en LF et compte chaque sorte, où que tombent les blocs', async () => {
		const octets = utf8('a;b\r\n1;École\n2;x\r3;y\r\n4;z');
		for (const taille of [1, 2, 3, 5, 8, 1 << 20]) {
			const r = await reparerEnUtf8(sourceDepuisOctets(octets), 0, taille);
			expect(await r.blob.text(), `blocs de ${taille}`).toBe('a;b\n1;École\n2;x\n3;y\n4;z');
			expect(r.finsDeLigne).toEqual({ crlf: 2, lf: 1, cr: 1 });
			expect(r.nbLignesWindows1252).toBe(0);
		}
	});

	it('garde exactes les lignes UTF-8 et lit en Windows-1252 celles qui ne le sont pas, en les nommant', async () => {
		const octets = assembler(
			utf8('nom;ville\n'),
			utf8('Résoudre des problèmes;Mâcon\n'),
			win1252('Œuvre d’art;Chenôve\n'),
			utf8('Écrire des syllabes;Dijon\n'),
			win1252('Problèmes;Nevers')
		);
		for (const taille of [1, 7, 1 << 20]) {
			const r = await reparerEnUtf8(sourceDepuisOctets(octets), 0, taille);
			expect(await r.blob.text()).toBe(
				'nom;ville\nRésoudre des problèmes;Mâcon\nŒuvre d’art;Chenôve\nÉcrire des syllabes;Dijon\nProblèmes;Nevers'
			);
			expect(r.lignesWindows1252).toEqual([3, 5]);
			expect(r.nbLignesWindows1252).toBe(2);
		}
	});

	it('saute le BOM et finit par une fin de ligne si le fichier en avait une', async () => {
		const octets = assembler(new Uint8Array([0xef, 0xbb, 0xbf]), utf8('a\r\nb\r\n'));
		const r = await reparerEnUtf8(sourceDepuisBlob(new Blob([octets])), 3);
		expect(await r.blob.text()).toBe('a\nb\n');
		expect(r.finsDeLigne.crlf).toBe(2);
	});
});
