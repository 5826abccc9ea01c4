/**
 * `npm run agreger` (issue #19 item 5): native DuckDB turns pupil exports into the school-level
 * file Pilotage imports, with the import page's own checks. The file it writes, imported by the
 * browser's engine (DuckDB-wasm's Node build), must give exactly the school results the browser
 * gets from the same pupil files imported directly.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialiserSchema } from '$lib/db/schema';
import { ouvrirMoteurNode } from '$lib/db/node';
import { COMPETENCES } from '$lib/domain/competences';
import { importer } from '$lib/import/importer';
import { agreger } from './agreger';

const ENTETE = 'annee_scolaire;uai;niveau;discipline;competence_id;classe;eleve_id;groupe';
const GROUPES = ['besoin', 'fragile', 'satisfaisant'];

/** Two schools, two classes each, two competences, deterministic groups; then some bad lines. */
function fichierEleves(): string {
	const lignes = [ENTETE];
	let k = 0;
	for (const uai of ['0219901Y', '0219902Z'])
		for (const classe of ['CE1 A', 'CE1 B'])
			for (let e = 0; e < 23; e++)
				for (const [disc, comp] of [
					['FR', 'CE1-FR-FLUENCE'],
					['MA', 'CE1-MA-PROBLEMES']
				])
					lignes.push(
						`2024-2025;${uai};CE1;${disc};${comp};${classe};EL-${uai}-${classe}-${e};${GROUPES[(k++ * 7) % 3]}`
					);
	lignes.push('2024-2025;0219901Y;CE1;FR;CE1-FR-FLUENCE;CE1 A;EL-X;excellent');
	lignes.push('2024-2025;02199;CE1;FR;CE1-FR-FLUENCE;CE1 A;EL-Y;besoin');
	// An exact duplicate of the first pupil row: refused, as the import page refuses it.
	lignes.push(lignes[1]);
	return `${lignes.join('\n')}\n`;
}

describe('npm run agreger', () => {
	it('writes the school results the browser computes from the same pupil file, and its refusals', async () => {
		const dossier = mkdtempSync(join(tmpdir(), 'agreger-test-'));
		const eleves = join(dossier, 'eleves-test.csv');
		writeFileSync(eleves, fichierEleves());
		const r = await agreger([eleves], join(dossier, 'sortie'), { silencieux: true, fils: 1 });
		expect(r.rapports[0].statut).toBe('importe');
		expect(r.rapports[0].acceptees).toBe(2 * 2 * 23 * 2);
		expect(r.rapports[0].rejets.map((x) => x.ligne).sort((a, b) => a - b)).toEqual([186, 187, 188]);
		expect(r.lignesEcoles).toBe(4);
		const rejets = readFileSync(join(dossier, 'sortie', 'rejets-eleves-test.csv'), 'utf8');
		expect(rejets).toContain('excellent');
		expect(rejets).toContain('valeurs possibles besoin, fragile, satisfaisant');

		// The browser's engine: the pupil file directly, and the school file agreger wrote.
		const direct = await ouvrirMoteurNode();
		await initialiserSchema(direct);
		await importer(direct, { nom: 'eleves-test.csv', contenu: readFileSync(eleves) });
		const attendu = await direct.lignes({
			sql: `SELECT annee_scolaire, uai, niveau, competence_id, sum(n_eleves)::INT AS n_eleves,
				sum(n_besoin)::INT AS n_besoin, sum(n_fragile)::INT AS n_fragile,
				sum(n_satisfaisant)::INT AS n_satisfaisant
				FROM classe_resultat GROUP BY ALL ORDER BY ALL`,
			params: []
		});
		const indirect = await ouvrirMoteurNode();
		await initialiserSchema(indirect);
		const rapport = await importer(indirect, {
			nom: 'evaluations-ecoles.csv',
			contenu: readFileSync(r.sortie)
		});
		expect(rapport.genre).toBe('evaluations_ecoles');
		expect(rapport.rejetees).toBe(0);
		const obtenu = await indirect.lignes({
			sql: `SELECT annee_scolaire, uai, niveau, competence_id, n_eleves::INT AS n_eleves,
				n_besoin::INT AS n_besoin, n_fragile::INT AS n_fragile,
				n_satisfaisant::INT AS n_satisfaisant FROM evaluation ORDER BY ALL`,
			params: []
		});
		expect(obtenu).toEqual(attendu);
		expect(obtenu).toHaveLength(4);
	}, 120_000);

	it('keeps its memory bounded: a file whose duplicate check outgrows the memory limit is aggregated, and its duplicate found', async () => {
		// 1.2 M pupil rows in two classes: what grows with the file is the duplicate check (a hash
		// per row). A tab keeps those hashes in memory (a list per class group, the faster); here
		// DuckDB must be able to spill them to disk: with the lists, 64 MB was refused.
		const dossier = mkdtempSync(join(tmpdir(), 'agreger-test-'));
		const eleves = join(dossier, 'eleves-grand.csv');
		const competences = COMPETENCES.filter((c) => c.niveau === 'CE1');
		const lignes = [ENTETE];
		for (let e = 0; e < 75_000; e++)
			for (const c of competences)
				lignes.push(
					`2024-2025;0219901Y;CE1;${c.discipline};${c.id};CE1 ${'AB'[e % 2]};EL-${e};${GROUPES[(e * 7 + c.id.length) % 3]}`
				);
		lignes.push(lignes[12_345]);
		writeFileSync(eleves, `${lignes.join('\n')}\n`);
		const r = await agreger([eleves], join(dossier, 'sortie'), {
			silencieux: true,
			fils: 1,
			memoire: '64MB'
		});
		expect(r.rapports[0].statut, r.rapports[0].message).toBe('importe');
		expect(r.rapports[0].acceptees).toBe(75_000 * competences.length);
		expect(r.rapports[0].rejets.map((x) => x.ligne)).toEqual([lignes.length]);
		expect(r.lignesEcoles).toBe(competences.length);

		// Below what it needs, it says so in its own words (not the browser's « close tabs »).
		const court = await agreger([eleves], join(dossier, 'sortie-court'), {
			silencieux: true,
			fils: 1,
			memoire: '16MB'
		});
		expect(court.rapports[0].statut).toBe('echec');
		expect(court.rapports[0].message).toMatch(/--memoire 16MB\) ne suffit pas/);
		expect(court.rapports[0].message).not.toMatch(/navigateur|onglets/);
	}, 120_000);

	it('says in French when a file is not a pupil file, and writes no result from it', async () => {
		const dossier = mkdtempSync(join(tmpdir(), 'agreger-test-'));
		const autre = join(dossier, 'ecoles.csv');
		writeFileSync(autre, 'bonjour;le;monde\n1;2;3\n');
		const r = await agreger([autre], join(dossier, 'sortie'), { silencieux: true, fils: 1 });
		expect(r.rapports[0].statut).toBe('inconnu');
		expect(r.rapports[0].message).toMatch(/ne reconnaît pas ce fichier/);
		expect(r.lignesEcoles).toBe(0);
	}, 60_000);
});
