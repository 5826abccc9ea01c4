import { describe, expect, it } from 'vitest';
import {
	COMPETENCES,
	DOMAINES_COLLEGE,
	NIVEAUX_ECOLE,
	competenceIdDepuisLibelle,
	competenceParId,
	normaliserLibelle
} from './competences';

describe('catalogue des compétences', () => {
	it('a des identifiants uniques de la forme NIVEAU-DISCIPLINE-SLUG', () => {
		const ids = COMPETENCES.map((c) => c.id);
		expect(new Set(ids).size).toBe(ids.length);
		for (const c of COMPETENCES) {
			expect(c.id).toMatch(/^(CP|CE1|CE2|CM1|CM2)-(FR|MA)-[A-Z0-9]+(-[A-Z0-9]+)*$/);
			expect(c.id.startsWith(`${c.niveau}-${c.discipline}-`)).toBe(true);
			expect(NIVEAUX_ECOLE).toContain(c.niveau);
		}
	});

	it('couvre CP, CE1 et CM1 en français et en mathématiques, ordres 1..n', () => {
		for (const niveau of ['CP', 'CE1', 'CM1'] as const) {
			for (const discipline of ['FR', 'MA'] as const) {
				const bloc = COMPETENCES.filter((c) => c.niveau === niveau && c.discipline === discipline);
				expect(bloc.length).toBeGreaterThanOrEqual(3);
				expect(bloc.map((c) => c.ordre)).toEqual(bloc.map((_, i) => i + 1));
			}
		}
		for (const id of [
			'CP-FR-PHONEMES',
			'CE1-MA-PROBLEMES',
			'CE1-FR-FLUENCE',
			'CM1-FR-ORTHOGRAPHE'
		]) {
			expect(competenceParId(id)?.id).toBe(id);
		}
		expect(competenceParId('CP-FR-INCONNUE')).toBeUndefined();
	});

	it('rattache chaque variante à sa compétence', () => {
		for (const c of COMPETENCES) {
			expect(c.variantes).toContain(c.libelle);
			for (const v of c.variantes) {
				expect(competenceIdDepuisLibelle(c.niveau, c.discipline, v), v).toBe(c.id);
			}
		}
	});

	it('ignore casse, accents, ponctuation et espaces', () => {
		expect(competenceIdDepuisLibelle('CP', 'FR', 'MANIPULER DES PHONEMES')).toBe('CP-FR-PHONEMES');
		expect(competenceIdDepuisLibelle('CP', 'FR', '  manipuler   des phonèmes. ')).toBe(
			'CP-FR-PHONEMES'
		);
		expect(competenceIdDepuisLibelle('CP', 'FR', 'Manipuler des phonèmes (2)')).toBe(
			'CP-FR-PHONEMES'
		);
		expect(competenceIdDepuisLibelle('CP', 'FR', 'Manipuler des phonèmes (3)')).toBe(
			'CP-FR-PHONEMES'
		);
		expect(
			competenceIdDepuisLibelle(
				'CP',
				'FR',
				'Connaître le nom des lettres et le son qu’elles produisent'
			)
		).toBe('CP-FR-LETTRES-SONS');
		expect(competenceIdDepuisLibelle('CE1', 'MA', 'résoudre des problèmes')).toBe(
			'CE1-MA-PROBLEMES'
		);
		expect(competenceIdDepuisLibelle('CE1', 'MA', 'RESOUDRE DES PROBLEMES')).toBe(
			'CE1-MA-PROBLEMES'
		);
		expect(competenceIdDepuisLibelle('CP', 'MA', 'Résoudre des problèmes')).toBe('CP-MA-PROBLEMES');
		expect(competenceIdDepuisLibelle('CE1', 'FR', 'Comprendre des phrases lues seul(e)')).toBe(
			'CE1-FR-PHRASES-SEUL'
		);
	});

	it('ne rattache pas un libellé inconnu, ni un libellé d’un autre niveau ou discipline', () => {
		expect(competenceIdDepuisLibelle('CP', 'FR', 'Conjuguer le passé simple')).toBeUndefined();
		expect(competenceIdDepuisLibelle('CP', 'FR', '')).toBeUndefined();
		expect(competenceIdDepuisLibelle('CP', 'FR', '(2)')).toBeUndefined();
		expect(competenceIdDepuisLibelle('CP', 'MA', 'Manipuler des phonèmes')).toBeUndefined();
		expect(competenceIdDepuisLibelle('CM1', 'FR', 'Manipuler des phonèmes')).toBeUndefined();
	});

	it("n'a pas deux compétences au même libellé normalisé dans un niveau × discipline", () => {
		const vus = new Map<string, string>();
		for (const c of COMPETENCES) {
			for (const v of c.variantes) {
				const cle = `${c.niveau}|${c.discipline}|${normaliserLibelle(v)}`;
				const deja = vus.get(cle);
				if (deja !== undefined) expect(deja, `${v} : ${deja} / ${c.id}`).toBe(c.id);
				vus.set(cle, c.id);
			}
		}
	});
});

describe('domaines des évaluations de collège', () => {
	it('a des identifiants uniques, dont 6E-FR-COMPREHENSION-ECRIT et 6E-MA-RESOLUTION', () => {
		const ids = DOMAINES_COLLEGE.map((d) => d.id);
		expect(new Set(ids).size).toBe(ids.length);
		expect(ids).toContain('6E-FR-COMPREHENSION-ECRIT');
		expect(ids).toContain('6E-MA-RESOLUTION');
		for (const d of DOMAINES_COLLEGE) expect(d.id).toMatch(/^(6E|4E)-(FR|MA)-[A-Z-]+$/);
		// un seul score d'ensemble par niveau × discipline
		for (const n of ['6E', '4E']) {
			for (const disc of ['FR', 'MA']) {
				expect(
					DOMAINES_COLLEGE.filter((d) => d.niveau === n && d.discipline === disc && d.global)
				).toHaveLength(1);
			}
		}
	});
});
