// The importer on pupil files: counted per class, duplicates refused, its progress steps.

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
	FIXTURES,
	imp,
	instantane,
	lignesRefusees,
	lire,
	moteur,
	motifs,
	preparerMoteur
} from './essais-import';

preparerMoteur();

describe('fichiers élèves', () => {
	it('lit le fichier élèves et ses libellés de groupe', async () => {
		await imp('ecoles.csv', lire(`${FIXTURES}/ecoles-ok.csv`));
		const r = await imp('eleves.csv', lire(`${FIXTURES}/eleves-ecole.csv`));
		expect(r.genre).toBe('eleves');
		expect(r.acceptees).toBe(8);
		expect(lignesRefusees(r)).toEqual([9]);
		expect(r.rejets[0].cellules).toEqual(
			'2024-2025;0219901Y;CE1;FR;CE1-FR-FLUENCE;CE1 A;EL-0002;excellent'.split(';')
		);
		expect(motifs(r)[0]).toMatch(/valeurs possibles besoin, fragile, satisfaisant/);
		// Stored per class × competence: the pupils are counted, never kept.
		expect(await instantane('classe_resultat')).toEqual([
			{
				annee_scolaire: '2024-2025',
				uai: '0219901Y',
				classe: 'CE1 A',
				niveau: 'CE1',
				discipline: 'FR',
				competence_id: 'CE1-FR-FLUENCE',
				n_eleves: 2,
				n_besoin: 0,
				n_fragile: 1,
				n_satisfaisant: 1
			},
			expect.objectContaining({ competence_id: 'CE1-MA-ADDITIONNER', n_eleves: 3, n_besoin: 1 }),
			expect.objectContaining({ competence_id: 'CE1-MA-PROBLEMES', n_eleves: 3, n_besoin: 1 })
		]);
		expect(r.tables).toEqual([
			{ table: 'classe_resultat', lignes: 3, nouvelles: 3, remplacees: 0, identiques: 0 }
		]);
		expect(r.message).toBe(
			'Résultats par élève d’une école (format Pilotage) : 8 lignes élèves importées, 1 ligne élève refusée, soit 3 résultats de classe (3 nouveaux).'
		);
		expect(r.avertissements).toEqual([]);
	});

	it('signale ses étapes : lecture, réencodage (avec la part faite), contrôle, fusion', async () => {
		// Over 4 MiB of Windows-1252: re-encoded in two blocks.
		const ligne = '2024-2025;0219901Y;CP;FR;CP-FR-SYLLABES;CP é;EL-1;besoin\n';
		const lignes = Array.from({ length: 80_000 }, (_, i) => ligne.replace('EL-1', `EL-${i}`)).join(
			''
		);
		const octets = new Uint8Array(
			iconv.encode(
				`annee_scolaire;uai;niveau;discipline;competence_id;classe;eleve_id;groupe\n${lignes}`,
				'win1252'
			)
		);
		const etapes: { etape: string; fraction?: number }[] = [];
		const r = await imp('eleves.csv', octets, { progression: (p) => etapes.push(p) });
		expect(r.statut).toBe('importe');
		expect(r.acceptees).toBe(80_000);
		const noms = [...new Set(etapes.map((e) => e.etape))];
		expect(noms).toEqual(['lecture', 'reencodage', 'controle', 'fusion']);
		const fractions = etapes.filter((e) => e.etape === 'reencodage').map((e) => e.fraction);
		expect(fractions[0]).toBe(0);
		expect(fractions.at(-1)).toBe(1);
		expect(fractions.length).toBeGreaterThanOrEqual(3);
		// A callback that throws does not stop the import.
		const r2 = await imp('eleves.csv', octets, {
			progression: () => {
				throw new Error('interface');
			}
		});
		expect(r2.statut).toBe('importe');
	});

	it('fichier élèves : doublons refusés et ôtés des comptes, réimport et remplacement par classe', async () => {
		const E = 'annee_scolaire;uai;niveau;discipline;competence_id;classe;eleve_id;groupe';
		const l = (classe: string, eleve: string, groupe: string, comp = 'CP-FR-SYLLABES') =>
			`2024-2025;0219901Y;CP;FR;${comp};${classe};${eleve};${groupe}`;
		const fichier = [
			E,
			l('CP A', 'EL-1', 'besoin'),
			l('CP A', 'EL-2', 'fragile'),
			l('CP A', 'EL-1', 'satisfaisant'), // l. 4: same pupil and competence as l. 2
			'',
			l('CP B', 'EL-3', 'satisfaisant'),
			l('CP B', 'EL-2', 'besoin'), // l. 7: same pupil in another class
			l('CP B', 'EL-3', 'satisfaisant', 'CP-FR-PHONEMES'),
			l('CP B', 'EL-4', 'sais pas')
		].join('\n');
		const r = await imp('eleves.csv', fichier);
		expect(r.statut).toBe('importe');
		// DuckDB skips the blank line: counted neither as read nor as ignored, as for other kinds.
		expect(r.lues).toBe(7);
		expect(r.ignorees).toBe(0);
		expect(r.acceptees).toBe(4);
		expect(r.rejetees).toBe(3);
		expect(lignesRefusees(r)).toEqual([4, 7, 9]);
		expect(motifs(r)).toEqual([
			'ligne en double : même annee_scolaire, uai, eleve_id, competence_id que la ligne 2',
			'ligne en double : même annee_scolaire, uai, eleve_id, competence_id que la ligne 3',
			expect.stringMatching(/valeur inattendue/)
		]);
		expect(r.rejets[0].cellules).toEqual(l('CP A', 'EL-1', 'satisfaisant').split(';'));
		const classes = () =>
			moteur.lignes({
				sql: 'SELECT classe, competence_id, n_eleves, n_besoin, n_fragile, n_satisfaisant FROM classe_resultat ORDER BY ALL',
				params: []
			});
		const attendu = [
			{
				classe: 'CP A',
				competence_id: 'CP-FR-SYLLABES',
				n_eleves: 2,
				n_besoin: 1,
				n_fragile: 1,
				n_satisfaisant: 0
			},
			{
				classe: 'CP B',
				competence_id: 'CP-FR-PHONEMES',
				n_eleves: 1,
				n_besoin: 0,
				n_fragile: 0,
				n_satisfaisant: 1
			},
			{
				classe: 'CP B',
				competence_id: 'CP-FR-SYLLABES',
				n_eleves: 1,
				n_besoin: 0,
				n_fragile: 0,
				n_satisfaisant: 1
			}
		];
		expect(await classes()).toEqual(attendu);

		// The same file again: nothing changes, and the report says so.
		const bis = await imp('eleves.csv', fichier);
		expect(bis.tables[0]).toMatchObject({ lignes: 3, nouvelles: 0, remplacees: 0, identiques: 3 });
		expect(bis.message).toMatch(/soit 3 résultats de classe \(3 déjà présents à l’identique\)/);
		expect(await classes()).toEqual(attendu);

		// A newer export of class CP A replaces its results; CP B keeps its own.
		const r3 = await imp(
			'eleves-2.csv',
			[E, l('CP A', 'EL-1', 'satisfaisant'), l('CP A', 'EL-5', 'besoin')].join('\n')
		);
		expect(r3.tables[0]).toMatchObject({ lignes: 1, nouvelles: 0, remplacees: 1, identiques: 0 });
		expect(r3.message).toMatch(/1 remplacé par une version plus récente/);
		expect(await classes()).toEqual([
			{ ...attendu[0], n_eleves: 2, n_besoin: 1, n_fragile: 0, n_satisfaisant: 1 },
			attendu[1],
			attendu[2]
		]);
	});
});
