import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { estUaiValide, normaliserUai, uaiLettreCle } from './uai';

const REFDATA = new URL('../../../tests/fixtures/reels/', import.meta.url);

describe('uaiLettreCle', () => {
	it('calcule la lettre des UAI réelles', () => {
		expect(uaiLettreCle('0210154')).toBe('D');
		expect(uaiLettreCle('0210206')).toBe('K');
		expect(uaiLettreCle('0580090')).toBe('H');
	});

	it('refuse ce qui n’est pas 7 chiffres', () => {
		expect(() => uaiLettreCle('021015')).toThrow();
		expect(() => uaiLettreCle('02101A4')).toThrow();
	});
});

describe('estUaiValide', () => {
	it('accepte des UAI réelles', () => {
		for (const uai of ['0210154D', '0210206K', '0580090H', '0210001M', '0350103X']) {
			expect(estUaiValide(uai)).toBe(true);
		}
	});

	it('rejette une mauvaise lettre, une pseudo-UAI et une forme incorrecte', () => {
		expect(estUaiValide('0210154E')).toBe(false);
		expect(estUaiValide('0351122O')).toBe(false);
		expect(estUaiValide('210154D')).toBe(false);
		expect(estUaiValide('0210154d')).toBe(false);
		expect(estUaiValide(' 0210154D')).toBe(false);
		expect(estUaiValide('')).toBe(false);
	});

	it('valide les 50 premières UAI du fichier IPS réel de Dijon', () => {
		const lignes = readFileSync(
			new URL('ips/fr-en-ips-ecoles-ap2022__v2023__dijon.csv', REFDATA),
			'utf8'
		)
			.split(/\r?\n/)
			.filter((l) => l !== '');
		const entete = lignes[0].split(';');
		const col = entete.indexOf('uai');
		expect(col).toBeGreaterThanOrEqual(0);
		const uais = lignes.slice(1, 51).map((l) => l.split(';')[col]);
		expect(uais).toHaveLength(50);
		for (const uai of uais) expect(estUaiValide(uai), uai).toBe(true);
	});
});

describe('normaliserUai', () => {
	it('remet le zéro de tête perdu par Excel', () => {
		expect(normaliserUai('210154D')).toBe('0210154D');
		expect(normaliserUai('580090h')).toBe('0580090H');
	});

	it('nettoie espaces et casse', () => {
		expect(normaliserUai('  0210154d ')).toBe('0210154D');
	});

	it('rend telle quelle une valeur inattendue', () => {
		expect(normaliserUai('0351122O')).toBe('0351122O');
		expect(normaliserUai('-')).toBe('-');
		expect(normaliserUai('12345')).toBe('12345');
	});
});
