import { describe, expect, it } from 'vitest';
import { decouperCsv } from '$lib/import/sniff';
import { celluleCsv, ecrireCsv, ligneCsv, neutraliserCellule } from './csv';

describe('neutraliserCellule (injection de formules)', () => {
	it.each([
		['=1+1', "'=1+1"],
		['=HYPERLINK("http://x";"clic")', `'=HYPERLINK("http://x";"clic")`],
		['+33 6 12 34 56 78', "'+33 6 12 34 56 78"],
		['-2+3', "'-2+3"],
		["-cmd|' /C calc'!A0", "'-cmd|' /C calc'!A0"],
		['@SUM(A1:A2)', "'@SUM(A1:A2)"],
		['\t=1+1', "'\t=1+1"],
		['\r=1+1', "'\r=1+1"]
	])('%j → %j', (entree, sortie) => expect(neutraliserCellule(entree)).toBe(sortie));

	it.each(['-3', '-3,5', '+4.25', '-1.2E+3', '12', '', 'École', ' =1', 'a=b'])(
		'laisse %j tel quel (nombre ou début sans danger)',
		(v) => expect(neutraliserCellule(v)).toBe(v)
	);
});

describe('écriture CSV pour Excel', () => {
	it('met entre guillemets ce qui contient le séparateur, un guillemet ou un saut de ligne', () => {
		expect(celluleCsv('a;b')).toBe('"a;b"');
		expect(celluleCsv('dit "oui"')).toBe('"dit ""oui"""');
		expect(celluleCsv('deux\nlignes')).toBe('"deux\nlignes"');
		expect(celluleCsv('=1;2')).toBe(`"'=1;2"`);
		expect(celluleCsv('a,b')).toBe('a,b');
		expect(celluleCsv('a,b', { separateur: ',' })).toBe('"a,b"');
	});

	it('écrit les nombres avec une virgule, le vide pour null, 1/0 pour les booléens', () => {
		expect(ligneCsv([12.5, null, undefined, true, false, -3, Number.NaN])).toBe('12,5;;;1;0;-3;');
		expect(ligneCsv([12.5], { decimale: '.' })).toBe('12.5');
	});

	it('écrit BOM, en-tête et lignes terminées par CRLF', () => {
		const t = ecrireCsv(['uai', 'nom'], [['0219901Y', 'École ; des Tilleuls']]);
		expect(t).toBe('\ufeffuai;nom\r\n0219901Y;"École ; des Tilleuls"\r\n');
		expect(ecrireCsv(['a'], [], { bom: false, finDeLigne: '\n' })).toBe('a\n');
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
