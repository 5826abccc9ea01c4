import { describe, expect, it } from 'vitest';
import { modaliteur, texteValeur } from '$lib/charts/carte/modalites';
import { initialiserSchema } from '$lib/db/schema';
import { ouvrirMoteurNode } from '$lib/db/node';
import { sql } from '$lib/db';
import type { PointTeste, ResultatEcart, StatutPoint } from '$lib/indicators';
import { importer } from '$lib/import/importer';
import { indicateurCouverture, indicateursLecture, modaliteLecture } from './indicateurs-carte';
import type { LigneCouvertureFormation } from './types';
import type { CompetenceOfferte } from './vue';

/** A cell of the académie's family: only what the map reads of it. */
function cellule(
	uai: string,
	competence_id: string,
	statut: StatutPoint,
	options: { masque?: boolean; raison?: PointTeste['raison'] } = {}
): { r: ResultatEcart; p: PointTeste } {
	const r = {
		uai,
		competence_id,
		niveau: 'CE1',
		discipline: 'MA',
		observe: options.masque ? { masque: true } : { masque: false, n: 30, k: 20, part: 0.66 }
	} as unknown as ResultatEcart;
	const p = { statut, sens: null, raison: options.raison } as unknown as PointTeste;
	return { r, p };
}

const COMPETENCES: CompetenceOfferte[] = [
	{ competence_id: 'CE1-MA-PB', niveau: 'CE1', discipline: 'MA', libelle: 'Problèmes', ordre: 1 },
	{ competence_id: 'CE1-FR-LEC', niveau: 'CE1', discipline: 'FR', libelle: 'Lire', ordre: 2 },
	{ competence_id: 'CP-FR-SONS', niveau: 'CP', discipline: 'FR', libelle: 'Sons', ordre: 3 }
];

describe('la lecture d’une compétence, école par école, sur la carte', () => {
	const cellules = [
		cellule('A', 'CE1-MA-PB', 'point_appui'),
		cellule('B', 'CE1-MA-PB', 'point_vigilance'),
		cellule('C', 'CE1-MA-PB', 'a_confirmer'),
		cellule('D', 'CE1-MA-PB', 'rien'),
		cellule('E', 'CE1-MA-PB', 'insuffisant', { masque: true, raison: 'effectif_insuffisant' }),
		cellule('F', 'CE1-MA-PB', 'insuffisant', { raison: 'ips_absent' }),
		cellule('A', 'CE1-FR-LEC', 'rien')
	];
	const famille = { resultats: cellules.map((c) => c.r), points: cellules.map((c) => c.p) };
	const [pb, lec, ...autres] = indicateursLecture(famille, COMPETENCES, [
		'2022-2023',
		'2023-2024',
		'2024-2025'
	]);

	it('une lecture par compétence évaluée, groupées sous un seul choix, dans l’ordre du livret', () => {
		expect(autres).toEqual([]);
		expect(pb.cle).toBe('lecture:CE1-MA-PB');
		expect(pb.libelle).toBe('Lecture : CE1 — Problèmes (2022-2023 à 2024-2025)');
		expect(pb.groupe).toMatchObject({
			cle: 'lecture',
			etiquette: 'Compétence à lire sur la carte',
			choix: 'CE1 — Problèmes'
		});
		expect(lec.groupe?.cle).toBe('lecture');
	});

	it('dit un point établi dans ses mots, un signal comme un signal, jamais comme un point', () => {
		const texte = (uai: string) => texteValeur(pb, uai);
		expect(texte('A')).toBe('point d’appui');
		expect(texte('B')).toBe('point de vigilance');
		expect(texte('C')).toBe('signal à confirmer');
		expect(texte('D')).toBe('rien d’établi');
		expect(texte('E')).toBe('effectif insuffisant');
		// Without IPS nothing is established: not a lack of pupils.
		expect(texte('F')).toBe('rien d’établi');
		// Not evaluated on this competence.
		expect(texte('Z')).toBe('non renseigné');
		const m = modaliteur(pb);
		expect(m('C').couleur).not.toBe(m('A').couleur);
		expect(m('C').couleur).not.toBe(m('B').couleur);
		expect(m('C').symbole).not.toBe(m('A').symbole);
		expect(m('Z').cle).toBe('sans_valeur');
	});

	it('une part masquée reste « effectif insuffisant » quel que soit le statut', () => {
		const { r, p } = cellule('X', 'CE1-MA-PB', 'point_appui', { masque: true });
		expect(modaliteLecture(r, p)).toBe('masque');
	});
});

describe('la couverture des formations, école par école', () => {
	const lignes: LigneCouvertureFormation[] = [
		{ uai: 'A', annee: '2024-2025', agents: 10, formes: 6 },
		{ uai: 'B', annee: '2024-2025', agents: 4, formes: 0 },
		{ uai: 'C', annee: '2024-2025', agents: 1, formes: 1 }
	];
	const i = indicateurCouverture(lignes)!;

	it('la part des agents de l’école formés la dernière année, dite dans le libellé et la note', () => {
		expect(i.libelle).toBe('Formation 2024-2025 : part des agents formés');
		expect(i.note).toContain(
			'parmi les agents que le fichier des formations cite pour cette école'
		);
		expect(texteValeur(i, 'A')).toBe('60\u00a0% (6 agents sur 10)');
		expect(texteValeur(i, 'B')).toBe('0\u00a0% (0 agent sur 4)');
		expect(texteValeur(i, 'C')).toBe('100\u00a0% (1 agent sur 1)');
	});

	it('une école absente du fichier des formations est « non renseigné », pas 0', () => {
		expect(texteValeur(i, 'Z')).toBe('non renseigné');
		expect(modaliteur(i)('Z').cle).toBe('sans_valeur');
		expect(modaliteur(i)('B').cle).toBe('classe-0');
	});

	it('rien à colorer sans fichier des formations', () => {
		expect(indicateurCouverture([])).toBeNull();
	});

	it('se lit en SQL : agents de toutes les années, formés la dernière', async () => {
		const moteur = await ouvrirMoteurNode();
		await initialiserSchema(moteur);
		const entete =
			'annee_scolaire;identifiant_dispositif;libelle_dispositif;identifiant_module;libelle_module;type;discipline;theme;date;duree_h;modalite;agent_id;uai_ecole;presence';
		const ligne = (
			annee: string,
			module: string,
			date: string,
			agent: string,
			uai: string,
			presence: number
		) =>
			`${annee};D1;Dispositif;${module};Module;animation pédagogique;FR;;${date};3;présentiel;${agent};${uai};${presence}`;
		const csv = [
			entete,
			ligne('2023-2024', 'M1', '2023-11-08', 'AG-1', '0219901Y', 1),
			ligne('2023-2024', 'M1', '2023-11-08', 'AG-2', '0219901Y', 1),
			ligne('2024-2025', 'M2', '2024-11-06', 'AG-1', '0219901Y', 1),
			ligne('2024-2025', 'M2', '2024-11-06', 'AG-3', '0219901Y', 0),
			ligne('2023-2024', 'M1', '2023-11-08', 'AG-4', '0219902Z', 1)
		].join('\n');
		const r = await importer(moteur, {
			nom: 'formations.csv',
			contenu: new TextEncoder().encode(csv)
		});
		expect(r.rejetees, r.message).toBe(0);
		const lues = await moteur.lignes<LigneCouvertureFormation>(sql.couvertureFormation());
		expect(lues).toEqual([
			{ uai: '0219901Y', annee: '2024-2025', agents: 3, formes: 1 },
			{ uai: '0219902Z', annee: '2024-2025', agents: 1, formes: 0 }
		]);
	});
});
