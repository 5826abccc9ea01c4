import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	anneeDansEntete,
	identifierExport,
	lireExportCirconscription
} from './export-circonscription';
import { decouperCsv } from './sniff';

const CPFR = readFileSync('tests/fixtures/export-circonscription-cpfr.csv', 'utf8');
const CE1MA = readFileSync('tests/fixtures/export-circonscription-ce1ma-pourcentages.csv', 'utf8');

describe('export de circonscription', () => {
	it('reconnaît la première ligne', () => {
		expect(identifierExport(['Evaluation cpfr', ''])).toEqual({ niveau: 'CP', discipline: 'FR' });
		expect(identifierExport(['', 'Évaluation CE1 MA'])).toEqual({
			niveau: 'CE1',
			discipline: 'MA'
		});
		expect(identifierExport(['uai', 'nom'])).toBeUndefined();
	});

	it('trouve l’année dans les premières lignes', () => {
		expect(anneeDansEntete(decouperCsv('x\nannée scolaire 2024-2025\n', ';'))).toBe('2024-2025');
		expect(anneeDansEntete(decouperCsv('x\nRentrée 2023\n', ';'))).toBe('2023-2024');
		expect(anneeDansEntete(decouperCsv('x\n2024-2026\n', ';'))).toBeUndefined();
	});

	it('remet les blocs de compétences au format long, ligne d’origine comprise', () => {
		const r = lireExportCirconscription(CPFR, ';');
		if (!r.ok) throw new Error(r.message);
		const e = r.export;
		expect(e).toMatchObject({
			niveau: 'CP',
			discipline: 'FR',
			annee: '2024-2025',
			lignesEcoles: 4
		});
		expect(e.blocs.map((b) => b.competenceId)).toEqual([
			'CP-FR-MOTS-ORAL',
			'CP-FR-PHONEMES',
			'CP-FR-LETTRES-SONS'
		]);
		expect(e.lignesTotal).toEqual([11]);
		const lignes = e.csv.trim().split('\n');
		expect(lignes[0]).toBe(
			'annee_scolaire;uai;niveau;discipline;competence_id;competence_libelle;n_eleves;n_besoin;n_fragile;n_satisfaisant;_ligne'
		);
		expect(lignes).toContain(
			'2024-2025;0219902Z;CP;FR;CP-FR-PHONEMES;Manipuler des phonèmes;18;6;4;8;8'
		);
		// The fourth school has no phonèmes result: no row, not a row of zeros.
		expect(lignes.filter((l) => l.includes(';219905C;'))).toHaveLength(2);
		expect(lignes).toHaveLength(1 + 11);
	});

	it('reconstitue les effectifs à partir des pourcentages et des répondants', () => {
		const sans = lireExportCirconscription(CE1MA, ';');
		expect(sans).toMatchObject({ ok: false, manque: 'annee' });
		const r = lireExportCirconscription(CE1MA, ';', '2024-2025');
		if (!r.ok) throw new Error(r.message);
		expect(r.export.csv).toContain(
			'2024-2025;0219902Z;CE1;MA;CE1-MA-ADDITIONNER;Additionner;8;1;2;5;8'
		);
		expect(r.export.avertissements.join(' ')).toMatch(
			/12 effectifs de groupe ont été reconstitués/
		);
	});

	it('garde un titre de compétence inconnu pour que la règle SQL le refuse', () => {
		const r = lireExportCirconscription(
			CPFR.replace('Manipuler des phonèmes', 'Jongler avec les sons'),
			';'
		);
		if (!r.ok) throw new Error(r.message);
		expect(r.export.csv).toContain(';Jongler avec les sons;Jongler avec les sons;');
		expect(r.export.avertissements[0]).toMatch(/absente du catalogue : « Jongler avec les sons »/);
	});

	it('dit ce qui manque quand la forme n’est pas celle d’un export', () => {
		expect(lireExportCirconscription('Evaluation cpfr\n2024-2025\n;;Titre\n', ';')).toMatchObject({
			ok: false,
			manque: 'forme'
		});
	});
});
