// The importer on a circonscription's export with several header lines.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	compter,
	FIXTURES,
	imp,
	instantane,
	lignesRefusees,
	lire,
	motifs,
	preparerMoteur
} from './essais-import';

preparerMoteur();

describe('export de circonscription à plusieurs lignes d’en-tête', () => {
	it('le remet au format long, avec les identifiants de compétence', async () => {
		await imp('ecoles.csv', lire(`${FIXTURES}/ecoles-ok.csv`));
		const r = await imp(
			'CIRCO_ecoles_CPFR.csv',
			lire(`${FIXTURES}/export-circonscription-cpfr.csv`)
		);
		expect(r.statut, r.message).toBe('importe');
		expect(r.genre).toBe('export_circonscription');
		expect(r.libelleGenre).toMatch(/CP français, 2024-2025/);
		expect(r.acceptees).toBe(11);
		expect(r.ignorees).toBe(1);
		expect(await instantane("evaluation WHERE uai = '0219902Z'")).toEqual([
			expect.objectContaining({
				competence_id: 'CP-FR-LETTRES-SONS',
				n_eleves: 18,
				n_besoin: 3,
				n_fragile: 5,
				n_satisfaisant: 10
			}),
			expect.objectContaining({ competence_id: 'CP-FR-MOTS-ORAL', n_eleves: 18, n_besoin: 4 }),
			expect.objectContaining({ competence_id: 'CP-FR-PHONEMES', n_eleves: 18, n_besoin: 6 })
		]);
		// 0219905C (written 219905C) is not in ecoles-ok.csv: a warning, not a refusal.
		expect(await compter('evaluation', "uai = '0219905C'")).toBe(2);
		expect(r.avertissements.map((a) => a.message).join(' ')).toMatch(/0219905C/);
	});

	it('reconstitue les effectifs depuis les pourcentages, avec l’année donnée', async () => {
		const r = await imp(
			'CIRCO_ecoles_CE1MA.csv',
			lire(`${FIXTURES}/export-circonscription-ce1ma-pourcentages.csv`),
			{
				anneeScolaire: '2024-2025'
			}
		);
		expect(r.statut, r.message).toBe('importe');
		expect(await instantane('evaluation')).toEqual([
			expect.objectContaining({
				uai: '0219901Y',
				competence_id: 'CE1-MA-ADDITIONNER',
				n_eleves: 40,
				n_besoin: 6,
				n_fragile: 10,
				n_satisfaisant: 24
			}),
			expect.objectContaining({
				uai: '0219901Y',
				competence_id: 'CE1-MA-PROBLEMES',
				n_eleves: 40,
				n_besoin: 10,
				n_fragile: 12,
				n_satisfaisant: 18
			}),
			expect.objectContaining({
				uai: '0219902Z',
				competence_id: 'CE1-MA-ADDITIONNER',
				n_eleves: 8,
				n_besoin: 1,
				n_fragile: 2,
				n_satisfaisant: 5
			}),
			expect.objectContaining({
				uai: '0219902Z',
				competence_id: 'CE1-MA-PROBLEMES',
				n_eleves: 8,
				n_besoin: 2,
				n_fragile: 2,
				n_satisfaisant: 4
			})
		]);
		expect(r.avertissements.map((a) => a.message).join(' ')).toMatch(/reconstitués/);
	});

	it('refuse une ligne d’école en donnant sa ligne dans l’export', async () => {
		const casse = readFileSync(`${FIXTURES}/export-circonscription-cpfr.csv`, 'utf8').replace(
			'0219902Z;ECOLE PRIMAIRE DU CENTRE;18;4;22,2;5',
			'0219902Z;ECOLE PRIMAIRE DU CENTRE;18;4;22,2;6'
		);
		const r = await imp('circo.csv', casse);
		expect(r.acceptees).toBe(10);
		expect(lignesRefusees(r)).toEqual([8]);
		expect(motifs(r)[0]).toMatch(/différent de n_eleves = 18/);
	});
});
