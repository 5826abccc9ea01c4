import { beforeAll, describe, expect, it } from 'vitest';
import { sql, type Moteur } from '$lib/db';
import { moteurDemoNode } from '$lib/import/demo-node';
import { lireParParties } from './lectures';

let moteur: Moteur;
beforeAll(async () => {
	moteur = await moteurDemoNode();
}, 120_000);

/** Each school's rows, in their order (a part holds all the rows of its schools, sorted). */
const parEcole = (t: { toArray(): { toJSON(): Record<string, unknown> }[] }) => {
	const ecoles = new Map<unknown, unknown[]>();
	for (const l of t.toArray().map((x) => x.toJSON()))
		ecoles.set(l.uai, [...(ecoles.get(l.uai) ?? []), l]);
	return [...ecoles].sort(([a], [b]) => String(a).localeCompare(String(b)));
};
const parties = (m: Moteur) =>
	lireParParties(m, (p) => sql.resultatsEcole(undefined, p), sql.TEXTES_RESULTATS);

describe('une lecture d’avance en parties', () => {
	it('donne à chaque école les lignes de la lecture d’un bloc, dans le même ordre', async () => {
		const entiere = await moteur.table(
			sql.enDictionnaires(sql.resultatsEcole(), sql.TEXTES_RESULTATS)
		);
		expect(entiere.numRows).toBeGreaterThan(100_000);
		expect(parEcole(await parties(moteur))).toEqual(parEcole(entiere));
	});

	it('tient quand ses types changent entre deux parties (un import, une autre lecture)', async () => {
		const entiere = parEcole(await moteur.table(sql.resultatsEcole()));
		let appels = 0;
		// After the first part, another read builds the types again on other data.
		const concurrent: Moteur = {
			...moteur,
			table: async (r) => {
				const t = await moteur.table(r);
				if (++appels === 1)
					await moteur.executer(
						`CREATE OR REPLACE TYPE "pilotage_dictionnaire_uai" AS ENUM ('0000000A')`
					);
				return t;
			}
		};
		expect(parEcole(await parties(concurrent))).toEqual(entiere);
	});
});
