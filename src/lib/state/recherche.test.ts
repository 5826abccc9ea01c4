import { describe, expect, it } from 'vitest';
import { indexer, rechercher, type Entite } from './recherche';

const ecole = (code: string, libelle: string, commune: string): Entite => ({
	genre: 'ecole',
	code,
	libelle,
	commune,
	contexte: 'Dijon Est',
	detail: 'elementaire'
});

const index = indexer([
	ecole('0219001A', 'École élémentaire Jean Jaurès', 'Quetigny'),
	ecole('0219002B', 'École maternelle Les Tilleuls', 'Quetigny'),
	ecole('0219003C', 'École primaire du Centre', 'Chevigny-Saint-Sauveur'),
	ecole('0219004D', 'École élémentaire Quentin Blake', 'Dijon'),
	ecole('0219005E', 'École Œuvre de Sainte-Cœur « Αθήνα »', 'Dijon'),
	{
		genre: 'circonscription',
		code: '0219700X',
		libelle: 'Dijon Est',
		commune: null,
		contexte: 'Département 021',
		detail: '40 écoles'
	}
]);

describe('rechercher une entité', () => {
	it('trouve les écoles d’une commune par quelques lettres, sans accents ni majuscules', () => {
		const r = rechercher(index, 'quet');
		expect(r.map((e) => e.code).slice(0, 2)).toEqual(['0219001A', '0219002B']);
	});
	it('met en tête les écoles de la commune avant celles dont seul le nom correspond', () => {
		const r = rechercher(index, 'que');
		expect(r.map((e) => e.code)).toEqual(['0219001A', '0219002B', '0219004D']);
	});
	it('combine plusieurs mots', () => {
		expect(rechercher(index, 'jaures quetigny').map((e) => e.code)).toEqual(['0219001A']);
		expect(rechercher(index, 'saint sauveur').map((e) => e.code)).toEqual(['0219003C']);
	});
	it('trouve par UAI et filtre par genre', () => {
		expect(rechercher(index, '0219003c').map((e) => e.code)).toEqual(['0219003C']);
		expect(rechercher(index, 'dijon', { genres: ['circonscription'] }).map((e) => e.code)).toEqual([
			'0219700X'
		]);
	});
	it('déplie œ et trouve un nom écrit dans une autre écriture', () => {
		expect(rechercher(index, 'oeuvre coeur').map((e) => e.code)).toEqual(['0219005E']);
		expect(rechercher(index, 'αθη').map((e) => e.code)).toEqual(['0219005E']);
	});
	it('ne renvoie rien pour une saisie vide', () => {
		expect(rechercher(index, '  ')).toEqual([]);
	});
});
