import { describe, expect, it } from 'vitest';
import { nomsAcademie } from './nom-academie';

describe('le nom de l’académie dans l’en-tête et le pied de page', () => {
	it('suit l’académie de la construction (PILOTAGE_ACADEMIE), avec l’élision', () => {
		expect(nomsAcademie('Besançon', true)).toEqual({
			logo: 'de Besançon',
			academie: 'académie de Besançon'
		});
		expect(nomsAcademie('Orléans-Tours', true).academie).toBe('académie d’Orléans-Tours');
	});

	it('garde « académie de Dijon » pour la démonstration, et ne devine aucun nom ailleurs', () => {
		expect(nomsAcademie(null, false)).toEqual({ logo: 'de Dijon', academie: 'académie de Dijon' });
		expect(nomsAcademie('', true)).toEqual({ logo: '', academie: 'académie' });
	});
});
