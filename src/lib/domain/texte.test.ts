import { describe, expect, it } from 'vitest';
import { comparerFr, normaliserTexte, plierTexte } from './texte';

describe('plierTexte', () => {
	it('retire casse, accents et ponctuation, déplie les ligatures', () => {
		expect(normaliserTexte('École Élémentaire — Saint-Apollinaire')).toBe(
			'ecole elementaire saint apollinaire'
		);
		expect(normaliserTexte('Œuvre, Lætitia ; Straße')).toBe('oeuvre laetitia strasse');
		expect(plierTexte("  Nom de l'établissment ", '_')).toBe('nom_de_l_etablissment');
		expect(plierTexte('Lire à voix haute : des mots !', '')).toBe('lireavoixhautedesmots');
	});

	it('garde les lettres des autres écritures', () => {
		expect(normaliserTexte('École « Αθήνα » — مدرسة')).toBe('ecole αθηνα مدرسة');
		expect(normaliserTexte('Αθήνα')).not.toBe('');
	});
});

describe('comparerFr', () => {
	it('trie dans l’ordre du français, nombres compris', () => {
		expect(['École 10', 'Ecole 2', 'Zola', 'Élise', 'abbaye'].sort(comparerFr)).toEqual([
			'abbaye',
			'Ecole 2',
			'École 10',
			'Élise',
			'Zola'
		]);
	});
});
