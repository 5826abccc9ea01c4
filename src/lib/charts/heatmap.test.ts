import { describe, expect, it } from 'vitest';
import { dessinerCarte, type CelluleCarte, type EtatCarte } from './heatmap';

const lignes = [
	{ cle: 'g1', libelle: 'Groupe Nord & Est', entete: true },
	{ cle: 'A', libelle: 'École A <maternelle> (Dijon)' },
	{ cle: 'B', libelle: 'École "B" <img src=x onerror=alert(1)>' }
];
const colonnes = [
	{ cle: 'c1', libelle: 'CP · Lire' },
	{ cle: 'c2', libelle: 'CP · Écrire' },
	{ cle: 'c3', libelle: 'CE1 · Résoudre des problèmes' }
];
const cellule = (ligne: string, colonne: string, etat: EtatCarte): CelluleCarte => ({
	ligne,
	colonne,
	etat,
	titre: `${ligne} ${colonne} ${etat}`
});
const cellules = [
	cellule('A', 'c1', 'point_vigilance'),
	cellule('A', 'c2', 'point_appui'),
	cellule('A', 'c3', 'conforme'),
	cellule('B', 'c1', 'point_vigilance'),
	cellule('B', 'c2', 'masque')
	// B × c3: not evaluated, no cell
];
const dessin = dessinerCarte(cellules, { titre: 'Écarts « test »', lignes, colonnes });

/** The path drawn in a colour, and how many cells (closed rectangles) it holds. */
function rectangles(couleur: string): number {
	const m = new RegExp(`<path fill="${couleur}"[^>]* d="([^"]*)"`).exec(dessin.svg);
	return m ? (m[1].match(/z/g) ?? []).length : 0;
}

describe('carte de chaleur écoles × compétences', () => {
	it('colore exactement les cases en point de vigilance et en point d’appui', () => {
		expect(rectangles('#ce0500')).toBe(2);
		expect(rectangles('#18753c')).toBe(1);
		expect(rectangles('#e5e5e5')).toBe(1);
		expect(rectangles('#ffffff')).toBe(1); // the masked cell
	});

	it('nomme les écoles, les groupes et les compétences, texte échappé', () => {
		expect(dessin.svg).toContain('Groupe Nord &amp; Est');
		expect(dessin.svg).toContain('École A &lt;maternelle&gt; (Dijon)');
		// A name from an imported file never becomes markup.
		expect(dessin.svg).not.toContain('<img');
		expect(dessin.svg).toContain('École &quot;B&quot; &lt;img src=x onerror=alert(1)&gt;');
		expect(dessin.svg).toContain('CE1 · Résoudre des problèmes');
		expect(dessin.svg).toContain('aria-label="Écarts « test »"');
		expect(dessin.description).toMatch(/^2 écoles × 3 compétences, par groupe de proximité/);
		expect(dessin.description).toContain('2 case(s) en point de vigilance, 1 en point d’appui');
	});

	it('retrouve la case sous le pointeur, rien sur un en-tête de groupe ni hors de la grille', () => {
		// Row 1 (école A), column 1 (c2): margins 260 × 190, cells 22 × 18.
		expect(dessin.celluleA(260 + 22 * 1.5, 190 + 18 * 1.5)?.titre).toBe('A c2 point_appui');
		expect(dessin.celluleA(260 + 22 * 0.5, 190 + 18 * 2.5)?.titre).toBe('B c1 point_vigilance');
		expect(dessin.celluleA(260 + 22 * 2.5, 190 + 18 * 2.5)).toBeUndefined();
		expect(dessin.celluleA(260 + 22 * 0.5, 190 + 18 * 0.5)).toBeUndefined();
		expect(dessin.celluleA(100, 190 + 18 * 1.5)).toBeUndefined();
		expect(dessin.celluleA(260 + 22 * 3.5, 190 + 18 * 1.5)).toBeUndefined();
	});
});
