import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sourceDepuisOctets } from './octets';
import {
	choisirSeparateur,
	debutsEnregistrements,
	decouperCsv,
	nombreColonnes,
	type DebutsEnregistrements
} from './sniff';
import { REFDATA } from '../../../tests/reels';

const cellules = (t: string, s = ';', complet = true) =>
	decouperCsv(t, s, { complet }).map((r) => r.cellules);

describe('decouperCsv', () => {
	it('respecte les guillemets, les guillemets doublés et les trois fins de ligne', () => {
		expect(cellules('a;"b;c";"d""e"\r\nf;;"g\nh"\rfin')).toEqual([
			['a', 'b;c', 'd"e'],
			['f', '', 'g\nh'],
			['fin']
		]);
	});

	it('saute les lignes vides et numérote les lignes physiques', () => {
		const r = decouperCsv('h\n\n"a\nb"\nc\n', ';');
		expect(r.map((x) => [x.ligne, x.cellules])).toEqual([
			[1, ['h']],
			[3, ['a\nb']],
			[5, ['c']]
		]);
	});

	it('sur un échantillon, écarte la dernière ligne, peut-être coupée', () => {
		expect(cellules('a;b\nc;d\ne;', ';', false)).toEqual([
			['a', 'b'],
			['c', 'd']
		]);
	});
});

describe('choisirSeparateur', () => {
	it('prend « ; » pour l’annuaire malgré la virgule de `position`', () => {
		const t = readFileSync(
			`${REFDATA}/annuaire/fr-en-annuaire-education__2026__val-de-marne-ecoles.csv`,
			'utf8'
		).slice(0, 20_000);
		expect(choisirSeparateur(t, false)).toBe(';');
		// Even with a single data line.
		expect(choisirSeparateur(t.split('\r\n').slice(0, 2).join('\r\n'), true)).toBe(';');
	});

	it('reconnaît la virgule, la tabulation et la barre verticale', () => {
		expect(choisirSeparateur('a,b,c\n1,"2,5",3\n', true)).toBe(',');
		expect(choisirSeparateur('a\tb\n1\t2\n', true)).toBe('\t');
		expect(choisirSeparateur('a|b\n1|2\n', true)).toBe('|');
	});

	it('garde « ; » pour un fichier d’une seule colonne', () => {
		expect(choisirSeparateur('uai\n0219901Y\n', true)).toBe(';');
	});
});

describe('nombreColonnes', () => {
	const d = (...l: string[]) => l.map((x, i) => ({ cellules: x.split(';'), ligne: i + 2 }));
	it('suit l’en-tête par défaut', () =>
		expect(nombreColonnes(['a', 'b'], d('1;2', '3;4'))).toBe(2));
	it('accepte le « ; » final qu’Excel ajoute aux lignes de données', () =>
		expect(nombreColonnes(['a', 'b'], d('1;2;', '3;4;'))).toBe(3));
	it('ne suit pas des lignes plus longues dont la valeur en plus n’est pas vide', () =>
		expect(nombreColonnes(['a', 'b'], d('1;2;x', '3;4;y'))).toBe(2));
	it('ignore les cellules vides en fin d’en-tête', () =>
		expect(nombreColonnes(['a', 'b', ''], d('1;2', '3;4'))).toBe(2));
});

const physiques = (r: DebutsEnregistrements) =>
	Array.from({ length: r.nombre }, (_, i) => r.physique(i));
const duckdb = (r: DebutsEnregistrements) =>
	Array.from({ length: r.nombre }, (_, i) => r.duckdb(i));

describe('debutsEnregistrements', () => {
	it('donne la ligne physique et la ligne comptée par DuckDB de chaque enregistrement', async () => {
		const t = 'h;h\r\n1;"a\r\nb"\r\n\r\n2;c\n"3";"d\ne\nf"\r4;""""\n';
		for (const bloc of [1, 2, 3, 1000]) {
			const r = await debutsEnregistrements(
				sourceDepuisOctets(new TextEncoder().encode(t)),
				';',
				1,
				bloc
			);
			expect(physiques(r), `bloc ${bloc}`).toEqual([2, 5, 6, 9]);
			expect(duckdb(r), `bloc ${bloc}`).toEqual([2, 4, 5, 6]);
			expect([2, 3, 4, 5, 6, 7].map((l) => r.indiceDeLigneDuckdb(l))).toEqual([0, -1, 1, 2, 3, -1]);
		}
	});

	it('ne compte pas le BOM comme du contenu', async () => {
		const o = new TextEncoder().encode('\ufeffh\n\nx\n');
		const r = await debutsEnregistrements(sourceDepuisOctets(o), ';', 1);
		expect(physiques(r)).toEqual([3]);
	});

	it('garde une suite par bloc de lignes régulières, pas une entrée par enregistrement', async () => {
		// 200 000 records, a blank line after the 100 000th and a two-line cell in the 150 000th.
		const lignes = Array.from({ length: 200_000 }, (_, i) =>
			i === 149_999 ? '"a\nb";1' : `x${i};1`
		);
		lignes.splice(100_000, 0, '');
		const o = new TextEncoder().encode(`h;n\n${lignes.join('\n')}\n`);
		const r = await debutsEnregistrements(sourceDepuisOctets(o), ';', 1, 65_536);
		expect(r.nombre).toBe(200_000);
		expect([0, 99_999, 100_000, 149_999, 150_000, 199_999].map((i) => r.physique(i))).toEqual([
			2, 100_001, 100_003, 150_002, 150_004, 200_003
		]);
		expect([0, 99_999, 100_000, 149_999, 150_000, 199_999].map((i) => r.duckdb(i))).toEqual([
			2, 100_001, 100_003, 150_002, 150_003, 200_002
		]);
		expect(r.indiceDeLigneDuckdb(100_002)).toBe(-1);
		expect(r.indiceDeLigneDuckdb(150_003)).toBe(150_000);
		// Three runs: the record starts are not kept one by one.
		expect(r.suites).toBe(3);
	});
});
