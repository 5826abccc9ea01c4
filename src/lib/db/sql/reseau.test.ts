import { beforeAll, describe, expect, it } from 'vitest';
import { moteurDemoNode } from '$lib/import/demo-node';
import type { Moteur } from '../types';
import {
	continuiteReseau,
	couvertureFormationsReseau,
	evaluationsMembresReseau,
	ficheReseau,
	formationsReseau,
	indicateursProjetReseau,
	membresReseau,
	objectifsProjetReseau,
	referencesReseau
} from './reseau';
import { resultatsReseau } from './evaluations';

/** Every builder of the network view, run on the demo académie loaded as the browser loads it. */
let moteur: Moteur;

beforeAll(async () => {
	moteur = await moteurDemoNode((f) => !f.startsWith('eleves-'));
}, 120_000);

const REPP = 'REPP-CHENOVE';
const ECOLES_REPP_EVALUEES = [
	'0219086M',
	'0219087N',
	'0219088P',
	'0219089R',
	'0219090S',
	'0219095X'
];

describe('SQL de « Mon réseau »', () => {
	it('donne la fiche du réseau REP+ et sa tête de réseau', async () => {
		const [fiche] = await moteur.lignes<Record<string, unknown>>(ficheReseau(REPP));
		expect(fiche).toMatchObject({
			type: 'REP+',
			libelle: 'REP+ Chenôve',
			uai_tete: '0218010T',
			nom_tete: 'Collège Vauban',
			commune_tete: 'Chenôve',
			nb_ecoles: 10,
			nb_colleges: 1
		});
		expect(await moteur.lignes(ficheReseau('INCONNU'))).toEqual([]);
	});

	it('liste les écoles membres avec leur dernier IPS et leurs élèves, sans le collège', async () => {
		const membres = await moteur.lignes<{
			uai: string;
			education_prioritaire: string;
			ips: number | null;
			type: string;
			nb_eleves: number | null;
			annee_effectifs: string | null;
		}>(membresReseau(REPP));
		expect(membres).toHaveLength(10);
		expect(membres.some((m) => m.uai === '0218010T')).toBe(false);
		expect(membres.every((m) => m.education_prioritaire === 'REP+')).toBe(true);
		expect(membres.every((m) => (m.nb_eleves ?? 0) > 0 && m.annee_effectifs)).toBe(true);
		const elementaires = membres.filter((m) => m.type !== 'maternelle');
		expect(elementaires.every((m) => m.ips !== null && m.ips > 60 && m.ips < 90)).toBe(true);
	});

	it('donne les résultats de chaque école membre, qui s’additionnent au cumul du réseau', async () => {
		const lignes = await moteur.lignes<{
			uai: string;
			annee_scolaire: string;
			competence_id: string;
			n_eleves: number;
			ips: number | null;
		}>(evaluationsMembresReseau(REPP));
		expect([...new Set(lignes.map((l) => l.uai))].sort()).toEqual(ECOLES_REPP_EVALUEES);
		const cumul = await moteur.lignes<{
			annee_scolaire: string;
			competence_id: string;
			n_eleves: number;
		}>(resultatsReseau(REPP));
		for (const c of cumul) {
			const somme = lignes
				.filter((l) => l.annee_scolaire === c.annee_scolaire && l.competence_id === c.competence_id)
				.reduce((s, l) => s + l.n_eleves, 0);
			expect(somme).toBe(c.n_eleves);
		}
		expect(lignes.every((l) => typeof l.ips === 'number')).toBe(true);
	});

	it('donne les références sans les écoles du réseau : académie = reste + réseau', async () => {
		const refs = await moteur.lignes<{
			categorie: string;
			competence_id: string;
			n_eleves: number;
			nb_ecoles: number;
		}>(referencesReseau(REPP, '2024-2025'));
		const cumul = await moteur.lignes<{
			annee_scolaire: string;
			competence_id: string;
			n_eleves: number;
		}>(resultatsReseau(REPP));
		const trouve = (categorie: string, competence: string) =>
			refs.find((r) => r.categorie === categorie && r.competence_id === competence);
		for (const c of cumul.filter((x) => x.annee_scolaire === '2024-2025')) {
			expect(trouve('academie', c.competence_id)!.n_eleves).toBe(
				trouve('hors_reseau', c.competence_id)!.n_eleves + c.n_eleves
			);
		}
		// The only REP+ network of the demo: no other REP+ school to compare with.
		expect(refs.filter((r) => r.categorie === 'REP+')).toEqual([]);
		expect(trouve('REP', 'CP-FR-PHRASES-ORAL')!.nb_ecoles).toBeGreaterThan(50);
		expect(trouve('rurale', 'CP-FR-PHRASES-ORAL')!.nb_ecoles).toBeGreaterThan(200);
	});

	it('compte les formations par thème, par école et thème, par école, sans aucun identifiant d’agent', async () => {
		const lignes = await moteur.lignes<Record<string, unknown>>(formationsReseau(REPP));
		expect(Object.keys(lignes[0])).not.toContain('agent_id');
		const phrases = lignes.filter(
			(l) => l.theme === 'CP-FR-PHRASES-ORAL' && l.annee_scolaire === '2023-2024'
		);
		const parEcole = phrases.filter((l) => l.agregat === 'ecole_theme');
		expect(parEcole.map((l) => l.uai).sort()).toEqual(['0219086M', '0219087N']);
		expect(parEcole.every((l) => l.type === 'formation réseau')).toBe(true);
		const [total] = phrases.filter((l) => l.agregat === 'theme');
		expect(total).toMatchObject({ nb_ecoles: 2, type: 'formation réseau' });
		expect(total.participants).toBe(parEcole.reduce((s, l) => s + (l.participants as number), 0));
		// Three sessions of 6 h; a participant absent once has 12 h.
		expect(total.heures).toBeLessThanOrEqual((total.participants as number) * 18);
		expect(total.heures).toBeGreaterThan((total.participants as number) * 12);
		const ecole = lignes.filter((l) => l.agregat === 'ecole' && l.uai === '0219086M');
		expect(ecole.map((l) => l.annee_scolaire)).toEqual(['2022-2023', '2023-2024', '2024-2025']);
		expect(ecole.every((l) => l.theme === null && (l.heures as number) > 0)).toBe(true);
	});

	it('dit ce que couvrent les formations importées', async () => {
		const [repp] = await moteur.lignes<Record<string, unknown>>(couvertureFormationsReseau(REPP));
		expect(repp).toMatchObject({
			annees: '2022-2023, 2023-2024, 2024-2025',
			circonscriptions: 'Chenôve, Dijon Est',
			ecoles_couvertes: 10
		});
		const [ter] = await moteur.lignes<Record<string, unknown>>(
			couvertureFormationsReseau('TER-LUZY')
		);
		expect(ter.ecoles_couvertes).toBe(0);
		expect(await moteur.lignes(formationsReseau('TER-LUZY'))).toEqual([]);
	});

	it('donne les résultats de 6e et de 4e de la tête de réseau à côté de ceux de l’académie', async () => {
		const lignes = await moteur.lignes<{
			uai: string;
			niveau: string;
			domaine_id: string;
			n_eleves: number;
			n_academie: number;
			score_moyen: number;
			score_academie: number;
			groupe_1: number;
			groupe_6: number;
		}>(continuiteReseau(REPP));
		expect(lignes.length).toBeGreaterThan(10);
		expect(lignes.every((l) => l.uai === '0218010T')).toBe(true);
		// The demo's collèges have 6e every year and 4e since 2023-2024.
		expect(new Set(lignes.map((l) => l.niveau))).toEqual(new Set(['6E', '4E']));
		expect(lignes.every((l) => l.n_academie > l.n_eleves)).toBe(true);
		const recent = lignes.find(
			(l) => l.domaine_id === '6E-FR-ENSEMBLE' && l.n_eleves > 0 && l.score_academie > 0
		)!;
		// A REP+ collège (IPS ≈ 75) sits well below the académie's mean.
		expect(recent.score_moyen).toBeLessThan(recent.score_academie);
	});

	it('donne les objectifs du projet académique et leurs indicateurs', async () => {
		const objectifs = await moteur.lignes<{ id: string; axe: string; ambition: string }>(
			objectifsProjetReseau()
		);
		expect(objectifs.map((o) => o.id)).toContain('A4.X2.O2');
		expect(objectifs.every((o) => o.axe && o.ambition)).toBe(true);
		const indicateurs = await moteur.lignes<{ objectif_id: string; competence_id: string }>(
			indicateursProjetReseau()
		);
		expect(indicateurs.find((i) => i.competence_id === 'CP-FR-PHRASES-ORAL')?.objectif_id).toBe(
			'A1.X1.O1'
		);
	});

	it('fonctionne pour un TER et pour un secteur de collège', async () => {
		for (const id of ['TER-LUZY', 'SECT-0218001H']) {
			const [fiche] = await moteur.lignes<{ nb_ecoles: number }>(ficheReseau(id));
			expect(fiche.nb_ecoles).toBeGreaterThan(2);
			expect((await moteur.lignes(membresReseau(id))).length).toBe(fiche.nb_ecoles);
			expect((await moteur.lignes(evaluationsMembresReseau(id))).length).toBeGreaterThan(0);
			expect((await moteur.lignes(continuiteReseau(id))).length).toBeGreaterThan(0);
		}
	});
});
