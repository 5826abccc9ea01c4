import { describe, expect, it } from 'vitest';
import { formatPart, formatPoints, normaliserTexte } from './index';

describe('formatage fr-FR', () => {
	it('écrit une part en pourcentage entier avec une espace insécable', () => {
		expect(formatPart(0.474)).toBe('47\u00a0%');
		expect(formatPart(null)).toBe('—');
	});
	it('écrit un écart en points signés avec le vrai signe moins', () => {
		expect(formatPoints(-0.14)).toBe('−14 points');
		expect(formatPoints(0.01)).toBe('+1 point');
		expect(formatPoints(0)).toBe('0 point');
	});
	it('normalise accents, casse et ponctuation pour la recherche', () => {
		expect(normaliserTexte('École Élémentaire — Saint-Apollinaire')).toBe(
			'ecole elementaire saint apollinaire'
		);
	});
});
