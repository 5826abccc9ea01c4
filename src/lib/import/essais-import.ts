// Shared setup of the importer's tests: one engine per test file, emptied before each test, and
// the helpers that import a file and read the tables back.

import { readFileSync } from 'node:fs';
import { beforeAll, beforeEach } from 'vitest';
import { initialiserSchema } from '$lib/db/schema';
import { ouvrirMoteurNode } from '$lib/db/node';
import { TABLES } from '$lib/db/sql/schema';
import type { Moteur } from '$lib/db/types';
import { importer, type OptionsImport } from './importer';
import type { RapportImport } from './rapport';

export const FIXTURES = 'tests/fixtures';

/** The test file's engine, opened by `preparerMoteur` (a live binding: read it inside tests). */
export let moteur: Moteur;

/** Opens the engine before the file's tests and empties it before each: once per test file. */
export function preparerMoteur(): void {
	beforeAll(async () => {
		moteur = await ouvrirMoteurNode();
		await initialiserSchema(moteur);
	}, 60_000);
	beforeEach(vider);
}

export async function vider() {
	for (const t of Object.values(TABLES))
		if (t.nom !== 'competence') await moteur.executer(`DELETE FROM ${t.nom}`);
}

export const texte = (t: string) => new TextEncoder().encode(t);
export const lire = (chemin: string) => new Uint8Array(readFileSync(chemin));

export function imp(nom: string, contenu: Uint8Array | string, options: OptionsImport = {}) {
	return importer(
		moteur,
		{ nom, contenu: typeof contenu === 'string' ? texte(contenu) : contenu },
		options
	);
}

export async function compter(table: string, ou = 'true'): Promise<number> {
	const [{ n }] = await moteur.lignes<{ n: number }>({
		sql: `SELECT count(*) AS n FROM ${table} WHERE ${ou}`,
		params: []
	});
	return Number(n);
}

/** The table's rows without `source`, sorted: what an import put there. */
export async function instantane(table: string): Promise<unknown[]> {
	return moteur.lignes({ sql: `SELECT * EXCLUDE (source) FROM ${table} ORDER BY ALL`, params: [] });
}

export const lignesRefusees = (r: RapportImport) => r.rejets.map((x) => x.ligne);
export const motifs = (r: RapportImport) =>
	r.rejets.flatMap((x) => x.problemes.map((p) => p.motif));

/** A file of evaluations (long format) and three valid rows of it. */
export const ENTETE =
	'annee_scolaire;uai;niveau;discipline;competence_id;competence_libelle;n_eleves;n_besoin;n_fragile;n_satisfaisant';
export const L1 = '2024-2025;0219901Y;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;40;10;12;18';
export const L2 = '2024-2025;0219902Z;CE1;MA;CE1-MA-PROBLEMES;Résoudre des problèmes;8;2;2;4';
export const L3 = '2024-2025;0219904B;CP;FR;CP-FR-PHONEMES;Manipuler des phonèmes;21;2;4;15';
export const evals = (...lignes: string[]) => `${[ENTETE, ...lignes].join('\n')}\n`;
