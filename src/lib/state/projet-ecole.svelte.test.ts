import { describe, expect, it } from 'vitest';
import {
	anneesDuProjet,
	MESSAGE_PROJET_NON_GARDE,
	ProjetEcoleLocal,
	type BrouillonProjet
} from './projet-ecole.svelte';
import {
	canauxEnMemoire,
	magasinEnMemoire,
	magasinRefusable,
	type MagasinDocuments
} from '$lib/stockage/documents';

const horloge = () => '2025-06-01T10:00:00.000Z';

const piste = (action: string): BrouillonProjet => ({
	competences: ['CP|CP-FR-PHRASES-ORAL'],
	objectif_id: 'A1.X1.O1',
	action,
	annee_scolaire: '2025-2026',
	periode: 'période 2',
	verification: 'Évaluations de septembre 2026'
});

async function ouvrir(uai: string, magasin: MagasinDocuments, canal = canauxEnMemoire()()) {
	const projet = new ProjetEcoleLocal(uai, Promise.resolve(magasin), horloge, canal);
	await projet.charge;
	return projet;
}

describe('anneesDuProjet', () => {
	it('propose l’année qui suit les évaluations et garde les années déjà engagées depuis la première évaluée', () => {
		expect(
			anneesDuProjet(['2022-2023', '2024-2025', '2023-2024', '2024-2025'], '2024-2025')
		).toEqual({
			annees: ['2023-2024', '2024-2025', '2025-2026', '2026-2027', '2027-2028'],
			proposee: '2025-2026'
		});
		// A year missing from the results is still a year the team worked in.
		expect(anneesDuProjet(['2021-2022', '2024-2025'], '2024-2025').annees.slice(0, 3)).toEqual([
			'2022-2023',
			'2023-2024',
			'2024-2025'
		]);
		// One evaluated year: no action can have a « before » yet, only the years to come.
		expect(anneesDuProjet(['2024-2025'], '2024-2025').annees).toEqual([
			'2025-2026',
			'2026-2027',
			'2027-2028'
		]);
	});
});

describe('ProjetEcoleLocal', () => {
	it('garde les pistes de chaque école à part et les relit signées', async () => {
		const { magasin } = magasinRefusable();
		const a = await ouvrir('0210001A', magasin);
		await a.nommerAuteur('  Mme Martin ');
		a.ajouter(piste('Lecture à voix haute quotidienne'));
		await a.enregistre();
		const relu = await ouvrir('0210001A', magasin);
		expect(relu.actions.map((x) => [x.action, x.modifie_par])).toEqual([
			['Lecture à voix haute quotidienne', 'Mme Martin']
		]);
		expect((await ouvrir('0210002B', magasin)).actions).toEqual([]);
	});

	it('dit qu’une écriture a échoué (quota) sans perdre la piste, puis se rétablit', async () => {
		const { magasin, etat } = magasinRefusable();
		const projet = await ouvrir('0210001A', magasin);
		etat.refuser = true;
		projet.ajouter(piste('Refusée par le disque'));
		await projet.enregistre();
		expect(projet.alerte).toBe(MESSAGE_PROJET_NON_GARDE);
		expect(projet.actions).toHaveLength(1);
		etat.refuser = false;
		projet.ajouter(piste('Acceptée'));
		await projet.enregistre();
		expect(projet.alerte).toBeNull();
	});

	it('le dit et garde les pistes en mémoire quand le navigateur refuse le stockage', async () => {
		const projet = await ouvrir('0210001A', magasinEnMemoire());
		expect(projet.alerte).toBe(MESSAGE_PROJET_NON_GARDE);
		projet.ajouter(piste('En mémoire'));
		await projet.enregistre();
		expect(projet.actions.map((x) => x.action)).toEqual(['En mémoire']);
	});

	it('deux onglets : la piste écrite dans l’un apparaît dans l’autre', async () => {
		const { magasin } = magasinRefusable();
		const canal = canauxEnMemoire();
		const onglet1 = await ouvrir('0210001A', magasin, canal());
		const onglet2 = await ouvrir('0210001A', magasin, canal());
		onglet1.ajouter(piste('Du premier'));
		onglet2.ajouter(piste('Du second'));
		await Promise.all([onglet1.enregistre(), onglet2.enregistre()]);
		await new Promise((ok) => setTimeout(ok, 0));
		const pistes = (p: ProjetEcoleLocal) => p.actions.map((x) => x.action).sort();
		expect(pistes(onglet1)).toEqual(['Du premier', 'Du second']);
		expect(pistes(onglet2)).toEqual(['Du premier', 'Du second']);
	});
});
