/**
 * « Mon collège » on the demo académie: the collèges' families find the effects designed into
 * the demo (data/README.md, « Des collèges à retrouver ») and nothing is said where none was put.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type Moteur } from '$lib/db';
import { moteurDemoNode } from '$lib/import/demo-node';
import type { ReferencePubliee } from '../types';
import {
	ceQuiRessortCollege,
	evaluerFamillesColleges,
	vueDomaines,
	type FamillesColleges,
	type LigneDomaine
} from './index';

let moteur: Moteur;
let population: LigneDomaine[];
let familles: FamillesColleges;
let france: ReferencePubliee[];

beforeAll(async () => {
	moteur = await moteurDemoNode((f) =>
		/^(colleges|ips-colleges|evaluations-colleges|references)\.csv$/.test(f)
	);
	population = await moteur.lignes<LigneDomaine>(sql.populationColleges());
	familles = evaluerFamillesColleges(population)!;
	france = await moteur.lignes<ReferencePubliee>(sql.references(familles.annee));
}, 120_000);

describe('Mon collège sur l’académie de démonstration', () => {
	it('établit la faiblesse conçue de Boris Vian en résolution de problèmes (6e), sur trois années', () => {
		const { annee, lignes } = vueDomaines('0218011U', population, familles, france);
		expect(annee).toBe('2024-2025');
		const resolution = lignes.find((l) => l.domaine_id === '6E-MA-RESOLUTION')!;
		expect(resolution.n).toBeGreaterThanOrEqual(10);
		const d = resolution.diagnostic.fragiles;
		expect(d.statut).toBe('point_vigilance');
		expect(d.lecture).toBe('point de vigilance : plus d’élèves fragiles qu’attendu');
		expect(d.annees).toMatch(/^2022-2023 à 2024-2025 cumulées : \d+, \d+ et \d+ élèves/);
		// France's published shares sit beside it.
		expect(resolution.fragiles_france).toBeGreaterThan(0.2);
		const ressort = ceQuiRessortCollege(lignes);
		expect(ressort.vigilances.map((p) => p.domaine)).toContain('Résolution de problèmes');
	});

	it('établit la force conçue de Jacques Prévert en compréhension de l’écrit (4e)', () => {
		const { lignes } = vueDomaines('0588025H', population, familles, france);
		const ecrit = lignes.find((l) => l.domaine_id === '4E-FR-COMPREHENSION-ECRIT')!;
		expect([ecrit.diagnostic.fragiles.statut, ecrit.diagnostic.aises.statut]).toContain(
			'point_appui'
		);
	});

	// Every demo collège has its own effects (collège, discipline, domain: a few score points each),
	// which three years of 130 pupils make visible; the designed ones must stand out among them.
	it('fait ressortir l’effet conçu comme le plus fort écart du collège', () => {
		const ecarts = (uai: string, cote: 'fragiles' | 'aises') =>
			vueDomaines(uai, population, familles, france)
				.lignes.filter((l) => !/ENSEMBLE$/.test(l.domaine_id))
				.map((l) => ({ id: l.domaine_id, e: l.diagnostic[cote].cellule?.resultat.ecart ?? 0 }))
				.sort((x, y) => y.e - x.e);
		expect(ecarts('0218011U', 'fragiles')[0].id).toBe('6E-MA-RESOLUTION');
		expect(ecarts('0588025H', 'aises')[0].id).toBe('4E-FR-COMPREHENSION-ECRIT');
	});

	it('masque les parts d’un domaine sous le seuil et ne lit rien sans IPS', () => {
		const petit: LigneDomaine = {
			...population.find((l) => l.uai === '0218011U' && l.annee_scolaire === familles.annee)!,
			uai: '0000000A',
			n_eleves: 8,
			n_besoin: 3,
			n_fragile: 3,
			n_satisfaisant: 2,
			ips: null
		};
		const { lignes } = vueDomaines('0000000A', [...population, petit], familles, france);
		expect(lignes).toHaveLength(1);
		expect(lignes[0].fragiles.masque).toBe(true);
		expect(lignes[0].diagnostic.fragiles.statut).toBe('insuffisant');
	});
});
