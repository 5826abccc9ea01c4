import { describe, expect, it } from 'vitest';
import { formatEffectif, formatPart, formatPoints, normaliserTexte } from './index';

describe('formatage fr-FR', () => {
	it('écrit une part en pourcentage entier avec une espace insécable', () => {
		expect(formatPart(0.474)).toBe('47\u00a0%');
		expect(formatPart(null)).toBe('—');
	});
	it('écrit un écart en points signés avec le vrai signe moins', () => {
		expect(formatPoints(-0.14)).toBe('−14\u00a0points');
		expect(formatPoints(0.01)).toBe('+1\u00a0point');
		expect(formatPoints(0)).toBe('0\u00a0point');
	});
	it('garde une décimale près de zéro pour qu’une borne ne se lise pas « 0 point »', () => {
		expect(formatPoints(-0.003)).toBe('−0,3\u00a0point');
		expect(formatPoints(0.0049)).toBe('+0,5\u00a0point');
	});
	it('normalise accents, casse et ponctuation pour la recherche', () => {
		expect(normaliserTexte('École Élémentaire — Saint-Apollinaire')).toBe(
			'ecole elementaire saint apollinaire'
		);
	});
});

describe('formatEffectif', () => {
	it('met 0 et 1 au singulier, comme le français', () => {
		expect(formatEffectif(1, 'classe')).toBe('1\u00a0classe');
		expect(formatEffectif(0, 'élève')).toBe('0\u00a0élève');
		expect(formatEffectif(12, 'classe')).toBe('12\u00a0classes');
		expect(formatEffectif(1234, 'élève')).toBe('1\u202f234\u00a0élèves');
		expect(formatEffectif(null, 'classe')).toBe('—');
	});
});
