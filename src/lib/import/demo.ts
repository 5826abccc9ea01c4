// L'académie de démonstration (data/, fichiers fictifs écrits par scripts/generate-demo.ts) :
// chaque fichier est d'un genre de genres/ et se charge par ce genre, en confiance.

import type { Moteur } from '$lib/db/types';
import { chargerDeConfiance } from './confiance';
import type { IdGenre } from './genres';

export const SOURCE_DEMO = 'Académie de démonstration (données fictives)';

const GENRES_DEMO: Readonly<Record<string, IdGenre>> = {
	'ecoles.csv': 'ecoles',
	'circonscriptions.csv': 'circonscriptions',
	'colleges.csv': 'colleges',
	'reseaux.csv': 'reseaux',
	'ips-ecoles.csv': 'ips_ecoles',
	'effectifs-ecoles.csv': 'effectifs_ecoles',
	'evaluations-ecoles.csv': 'evaluations_ecoles',
	'evaluations-colleges.csv': 'evaluations_colleges',
	'ips-colleges.csv': 'ips_colleges',
	'effectifs-colleges.csv': 'effectifs_colleges',
	'valeur-ajoutee-colleges.csv': 'ivac',
	'references.csv': 'references',
	'formations.csv': 'formations',
	'projet-academique.csv': 'projet_academique',
	'projet-indicateurs.csv': 'projet_indicateurs'
};

/** The kind of a file of the demo académie (undefined: not one of its data files). */
export function genreFichierDemo(nom: string): IdGenre | undefined {
	if (/^eleves-.*\.csv$/.test(nom)) return 'eleves';
	return Object.hasOwn(GENRES_DEMO, nom) ? GENRES_DEMO[nom] : undefined;
}

/**
 * Loads the demo académie's files, in name order, each through its kind. The same function in
 * the browser at start and in Node (tests, `npm run demo-data`): they see the same figures.
 * `charge` is told each file loaded (the browser marks it for the bench).
 */
export async function chargerDemo(
	moteur: Moteur,
	fichiers: ReadonlyMap<string, Uint8Array>,
	charge?: (nom: string) => void
): Promise<void> {
	for (const nom of [...fichiers.keys()].sort()) {
		const genre = genreFichierDemo(nom);
		if (!genre) continue;
		await chargerDeConfiance(moteur, { nom, octets: fichiers.get(nom)! }, genre, SOURCE_DEMO);
		charge?.(nom);
	}
}
