import { beforeAll, describe, expect, it } from 'vitest';
import { contoursTerritoires, dessinerCarteEcoles } from '$lib/charts/carte';
import { sql, type Moteur } from '$lib/db';
import { moteurDemoNode } from '$lib/import/demo-node';
import { carteAcademie } from './vue';
import type { CarteAcademie, LigneEcoleCarte } from './types';

/** The map's reads run on the demo académie's schools, IPS and networks, loaded as the browser does. */
let moteur: Moteur;
let carte: CarteAcademie;
let lignes: LigneEcoleCarte[];

beforeAll(async () => {
	moteur = await moteurDemoNode((f) =>
		[
			'ecoles.csv',
			'ips-ecoles.csv',
			'reseaux.csv',
			'circonscriptions.csv',
			'colleges.csv'
		].includes(f)
	);
	lignes = await moteur.lignes<LigneEcoleCarte>(sql.ecolesCarte());
	carte = carteAcademie(
		lignes,
		await moteur.lignes(sql.circonscriptions()),
		await moteur.lignes(sql.reseauxCarte())
	);
}, 120_000);

describe('carte de l’académie', () => {
	it('lit chaque école une fois, avec ses coordonnées, son dernier IPS et ses réseaux', () => {
		expect(lignes).toHaveLength(1519);
		expect(new Set(lignes.map((l) => l.uai)).size).toBe(1519);
		expect(lignes.every((l) => l.latitude !== null && l.longitude !== null)).toBe(true);
		const chenove = lignes.find((l) => l.uai === '0219086M')!;
		expect(chenove.reseaux?.split('|')).toContain('REPP-CHENOVE');
		expect(chenove.ips).toBeTypeOf('number');
		expect(chenove.annee_ips).toMatch(/^\d{4}-\d{4}$/);
	});

	it('nomme les départements, garde les réseaux d’éducation prioritaire, colore par IPS, EP et ruralité', () => {
		expect(carte.niveaux[0].unites.map((u) => u.libelle)).toEqual([
			'Côte-d’Or',
			'Nièvre',
			'Saône-et-Loire',
			'Yonne'
		]);
		expect(carte.niveaux[1].unites.some((u) => u.libelle === 'Dijon Est')).toBe(true);
		expect(carte.niveaux[2].unites.map((u) => u.code)).toContain('REPP-CHENOVE');
		expect(carte.niveaux[2].unites.every((u) => /^REP/.test(u.code))).toBe(true);
		expect(carte.indicateurs.map((i) => i.cle)).toEqual(['ips', 'ep', 'ruralite']);
		const ep = carte.indicateurs[1];
		expect(ep.nature === 'categoriel' && ep.valeurs.get('0219086M')).toBe('REP+');
	});

	it('dessine les 1 519 écoles et un contour par département, circonscription et réseau EP', () => {
		const debut = performance.now();
		const contours = contoursTerritoires(carte.ecoles, carte.niveaux);
		console.info(`contours : ${(performance.now() - debut).toFixed(0)} ms`);
		const compte = (niveau: string) => contours.contours.filter((c) => c.niveau === niveau).length;
		expect(compte('departement')).toBe(4);
		expect(compte('circonscription')).toBe(carte.niveaux[1].unites.length);
		expect(compte('reseau')).toBe(carte.niveaux[2].unites.length);
		const d = dessinerCarteEcoles(carte.ecoles, {
			titre: 'Académie',
			indicateur: carte.indicateurs[0],
			contours
		});
		expect(d.placees).toHaveLength(1519);
		expect(d.legende.find((l) => l.modalite.cle === 'sans_valeur')?.nombre).toBe(
			lignes.filter((l) => l.ips === null).length
		);
	});
});
