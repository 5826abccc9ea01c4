import { copyFileSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErreurDonneesAcademie, preparerAcademie } from './academie-node';

const FIXTURES = 'tests/fixtures';
const dossiers: string[] = [];

/** A folder holding copies of `fichiers`, dated `date`, as a rectorat would give it. */
function dossierDe(fichiers: readonly string[], date = new Date('2025-09-15T08:00:00Z')): string {
	const dossier = mkdtempSync(join(tmpdir(), 'pilotage-academie-'));
	dossiers.push(dossier);
	for (const f of fichiers) {
		const cible = join(dossier, f.split('/').pop()!);
		copyFileSync(join(FIXTURES, f), cible);
		utimesSync(cible, date, date);
	}
	return dossier;
}

afterAll(() => {
	for (const d of dossiers) rmSync(d, { recursive: true, force: true });
});

describe('les données d’une académie livrées avec l’application (PILOTAGE_DONNEES)', () => {
	it('reconnaît chaque fichier à ses en-têtes, format Pilotage ou open data, et calcule les chiffres de l’accueil', async () => {
		const dossier = dossierDe([
			'ecoles-ok.csv',
			'evaluations-ecoles-ok.csv',
			'reels/ips/fr-en-ips-ecoles-ap2022__v2023__dijon.csv'
		]);
		const recent = new Date('2025-10-02T12:00:00Z');
		utimesSync(join(dossier, 'ecoles-ok.csv'), recent, recent);
		// A note beside the files is not a data file.
		writeFileSync(join(dossier, 'LISEZMOI.md'), 'Fichiers de la rentrée 2025');
		const m = await preparerAcademie(dossier, 'Dijon');
		expect(m.nom).toBe('Dijon');
		expect(m.miseAJour).toBe('2025-10-02');
		expect(m.fichiers).toEqual([
			{ nom: 'ecoles-ok.csv', genre: 'ecoles', acceptees: 4 },
			{ nom: 'evaluations-ecoles-ok.csv', genre: 'evaluations_ecoles', acceptees: 5 },
			{ nom: 'fr-en-ips-ecoles-ap2022__v2023__dijon.csv', genre: 'ips_ecoles', acceptees: 905 }
		]);
		expect(m.chiffres).toMatchObject({ ecoles: 4, derniere_annee: '2024-2025', nb_annees: 1 });
		// The build writes it in the app as JSON.
		expect(JSON.parse(JSON.stringify(m))).toEqual(m);
	});

	it('refuse, en nommant chaque fichier et sa raison, un fichier non reconnu et un fichier aux lignes refusées', async () => {
		const dossier = dossierDe(['ecoles-ok.csv', 'evaluations-ecoles-casse.csv']);
		writeFileSync(join(dossier, 'divers.csv'), 'a;b;c\n1;2;3\n');
		const erreur = await preparerAcademie(dossier, 'Dijon').catch((e: unknown) => e);
		expect(erreur).toBeInstanceOf(ErreurDonneesAcademie);
		const { problemes, message } = erreur as ErreurDonneesAcademie;
		expect(problemes).toHaveLength(2);
		expect(problemes[0]).toMatch(/^divers\.csv : fichier non reconnu/);
		expect(problemes[1]).toMatch(
			/^evaluations-ecoles-casse\.csv : \d+ lignes refusées .*première : ligne \d+, colonne /
		);
		expect(message).toContain('ne peuvent pas être livrées');
	});

	it('refuse un dossier absent ou vide', async () => {
		await expect(preparerAcademie(join(tmpdir(), 'pilotage-absent-xyz'))).rejects.toThrow(
			/n’existe pas/
		);
		await expect(preparerAcademie(dossierDe([]))).rejects.toThrow(/aucun fichier de données/);
	});
});
