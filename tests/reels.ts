// Les douze fichiers réels de tests/fixtures/reels et ce que leur import doit donner. Une seule table
// pour les tests qui les importent (e2e par l'interface ; les tests unitaires de l'importeur
// peuvent la reprendre) : quand un chiffre change, il change ici.

import { fileURLToPath } from 'node:url';
import type { IdGenre } from '$lib/import/genres';

/**
 * The real open-data files, copied byte for byte into the repository (sources and licence in
 * `fixtures/reels/SOURCES.md`): an absolute path, so that any working directory finds them.
 */
export const REFDATA = fileURLToPath(new URL('./fixtures/reels', import.meta.url));

export interface AttenduReel {
	/** Path under `REFDATA`. */
	fichier: string;
	genre: IdGenre;
	/** `verifie`: a known kind Pilotage does not use (checked, nothing loaded). */
	statut: 'importe' | 'verifie';
	lues: number;
	acceptees: number;
	rejetees?: number;
	ignorees?: number;
	/** Rows in each target table after importing this file alone into empty tables. */
	tables?: Record<string, number>;
}

export const REELS: readonly AttenduReel[] = [
	{
		fichier: 'ips/fr-en-ips_ecoles__2021-2022__dijon.csv',
		genre: 'ips_ecoles',
		statut: 'importe',
		lues: 985,
		acceptees: 985,
		tables: { ips: 985 }
	},
	{
		fichier: 'ips/fr-en-ips-ecoles-ap2022__v2023__dijon.csv',
		genre: 'ips_ecoles',
		statut: 'importe',
		lues: 905,
		acceptees: 905,
		tables: { ips: 905 }
	},
	{
		fichier: 'ips/fr-en-ips-colleges-ap2022__v2023__dijon.csv',
		genre: 'ips_colleges',
		statut: 'importe',
		lues: 182,
		acceptees: 182,
		tables: { ips_college: 182 }
	},
	{
		fichier: 'ips/fr-en-ips-lycees-ap2022__v2023__dijon.csv',
		genre: 'ips_lycees',
		statut: 'verifie',
		lues: 75,
		acceptees: 75
	},
	{
		fichier: 'evaluations/fr-en-indicateurs-valeur-ajoutee-colleges__2022-2023__dijon.csv',
		genre: 'ivac',
		statut: 'importe',
		lues: 321,
		acceptees: 321,
		tables: { valeur_ajoutee_college: 321 }
	},
	{
		fichier: 'evaluations/fr-en-evaluations_nationales_6eme_region__2017-2025__national.csv',
		genre: 'evaluations_6e_region',
		statut: 'importe',
		lues: 1026,
		acceptees: 342,
		ignorees: 684,
		tables: { reference: 342 }
	},
	{
		fichier: 'geoloc/fr-en-adresse-et-geolocalisation-etablissements__colleges__dijon.csv',
		genre: 'geolocalisation',
		statut: 'importe',
		lues: 195,
		acceptees: 195,
		tables: { college: 195, ecole: 0 }
	},
	{
		fichier: 'annuaire/fr-en-annuaire-education__2026__val-de-marne-ecoles.csv',
		genre: 'annuaire',
		statut: 'importe',
		lues: 613,
		acceptees: 613,
		tables: { ecole: 613, circonscription: 24, college: 0, reseau: 0 }
	},
	{
		// 685 écoles, 117 collèges (one of which has two lines: the later one is refused as a
		// duplicate, line 961 repeats line 162), 194 other establishments left out.
		fichier: 'annuaire/fr-en-annuaire-education__2023__ille-et-vilaine.csv',
		genre: 'annuaire',
		statut: 'importe',
		lues: 996,
		acceptees: 801,
		rejetees: 1,
		ignorees: 194,
		tables: { ecole: 685, college: 116, circonscription: 0 }
	},
	{
		fichier: 'effectifs/fr-en-ecoles-effectifs-nb_classes__2022__ille-et-vilaine.csv',
		genre: 'effectifs_ecoles',
		statut: 'importe',
		lues: 2704,
		acceptees: 2704,
		tables: { effectifs: 2704 }
	},
	{
		fichier: 'effectifs/fr-en-college-effectifs-niveau-sexe-lv__2019__ille-et-vilaine.csv',
		genre: 'effectifs_colleges',
		statut: 'importe',
		lues: 374,
		acceptees: 374,
		tables: { effectifs_college: 374 }
	},
	{
		// Known but not used: checked only. Its 8 pseudo-UAIs ending in O are refused, by line.
		fichier: 'effectifs/fr-en-effectifs-second-degre__2018-2019__ille-et-vilaine.csv',
		genre: 'effectifs_second_degre',
		statut: 'verifie',
		lues: 823,
		acceptees: 815,
		rejetees: 8
	}
];
