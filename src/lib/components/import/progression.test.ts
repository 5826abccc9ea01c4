import { describe, expect, it } from 'vitest';
import { formatDuree, formatTaille, pourcentage } from './progression';

describe('ce que montre la progression d’un import', () => {
	it('donne la taille comme l’explorateur de fichiers de Windows', () => {
		expect(formatTaille(1)).toBe('1\u00a0octet');
		expect(formatTaille(512)).toBe('512\u00a0octets');
		expect(formatTaille(93_594)).toBe('91,4\u00a0Ko');
		expect(formatTaille(75_611_405)).toBe('72,1\u00a0Mo');
		expect(formatTaille(3 * 1024 ** 3)).toBe('3\u00a0Go');
	});

	it('donne le temps écoulé à la seconde', () => {
		expect(formatDuree(-5)).toBe('0\u00a0s');
		expect(formatDuree(42_900)).toBe('42\u00a0s');
		expect(formatDuree(65_000)).toBe('1\u00a0min 05\u00a0s');
	});

	it('n’affiche 100 % qu’une fois l’étape finie', () => {
		expect(pourcentage(0)).toBe(0);
		expect(pourcentage(0.999)).toBe(99);
		expect(pourcentage(1)).toBe(100);
		expect(pourcentage(1.2)).toBe(100);
	});
});
