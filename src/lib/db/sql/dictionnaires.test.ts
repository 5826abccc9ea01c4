import { DataType, type Table } from 'apache-arrow';
import { beforeAll, describe, expect, it } from 'vitest';
import { moteurDemoNode } from '$lib/import/demo-node';
import { ouvrirMoteurNode } from '../node';
import { initialiserSchema } from '../schema';
import type { Moteur } from '../types';
import { evaluationsCirconscription } from './circonscription';
import { enDictionnaires, TEXTES_RESULTATS } from './dictionnaires';
import { resultatsEcole } from './evaluations';
import { evaluationsMembresReseau } from './reseau';

/** The views' read-ahead reads, as the pages send them (`pages/*\/lectures.ts`). */
const LECTURES = {
	ecoles: [resultatsEcole(), TEXTES_RESULTATS],
	circonscriptions: [evaluationsCirconscription(), ['code_circonscription', ...TEXTES_RESULTATS]],
	reseaux: [evaluationsMembresReseau(), ['reseau_id', ...TEXTES_RESULTATS]]
} as const;

/** The first cell where two reads differ (column, row, values), or null. */
function premiereDifference(a: Table, b: Table): string | null {
	if (a.schema.fields.map((f) => f.name).join() !== b.schema.fields.map((f) => f.name).join())
		return 'colonnes';
	for (const f of a.schema.fields) {
		const [x, y] = [a.getChild(f.name)!.toArray(), b.getChild(f.name)!.toArray()];
		for (let i = 0; i < a.numRows; i++)
			if (x[i] !== y[i] && !(Number.isNaN(x[i]) && Number.isNaN(y[i])))
				return `${f.name}, ligne ${i} : ${x[i]} ≠ ${y[i]}`;
	}
	return null;
}

let moteur: Moteur;
beforeAll(async () => {
	moteur = await moteurDemoNode((f) => !f.startsWith('eleves-'));
}, 120_000);

describe('lectures d’avance en dictionnaires', () => {
	for (const [nom, [lecture, textes]] of Object.entries(LECTURES))
		it(`${nom} : les mêmes lignes, dans le même ordre, textes en dictionnaires`, async () => {
			const texte = await moteur.table(lecture);
			const dictionnaire = await moteur.table(enDictionnaires(lecture, textes));
			expect(dictionnaire.numRows).toBe(texte.numRows);
			expect(texte.numRows).toBeGreaterThan(100_000);
			for (const c of textes) {
				expect(
					DataType.isDictionary(dictionnaire.schema.fields.find((f) => f.name === c)!.type)
				).toBe(true);
			}
			expect(premiereDifference(texte, dictionnaire)).toBeNull();
		});

	it('une valeur arrivée depuis la lecture précédente est lue (les types sont refaits)', async () => {
		const [lecture, textes] = LECTURES.ecoles;
		await moteur.table(enDictionnaires(lecture, textes));
		await moteur.executer(
			`INSERT INTO evaluation SELECT * REPLACE ('Une source nouvelle' AS source,
				'Une compétence nouvelle' AS competence_libelle, 'nouvelle' AS competence_id)
			FROM evaluation LIMIT 1`
		);
		try {
			const t = await moteur.table(enDictionnaires(lecture, textes));
			const sources = new Set(t.getChild('source')!.toArray() as string[]);
			expect(sources.has('Une source nouvelle')).toBe(true);
			expect(
				(t.getChild('competence_libelle')!.toArray() as string[]).includes(
					'Une compétence nouvelle'
				)
			).toBe(true);
		} finally {
			await moteur.executer(`DELETE FROM evaluation WHERE competence_id = 'nouvelle'`);
		}
	});

	it('se lit aussi sur une base vide', async () => {
		const vide = await ouvrirMoteurNode();
		await initialiserSchema(vide);
		for (const [lecture, textes] of Object.values(LECTURES))
			expect((await vide.table(enDictionnaires(lecture, textes))).numRows).toBe(0);
	});
});
