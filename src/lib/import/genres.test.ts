import { beforeAll, describe, expect, it } from 'vitest';
import { initialiserSchema } from '$lib/db/schema';
import { ouvrirMoteurNode } from '$lib/db/node';
import * as q from '$lib/db/sql/import';
import type { Moteur } from '$lib/db/types';
import { normaliserEntete } from './correspondance';
import { GENRES, genreParId } from './genres';

describe('les genres sont cohérents', () => {
	it.each(GENRES.map((g) => [g.id, g] as const))('%s', (_, g) => {
		const champs = new Set(g.champs.map((c) => c.nom));
		expect(champs.size, 'noms de champs uniques').toBe(g.champs.length);
		for (const s of g.signature) expect(normaliserEntete(s)).toBe(s);
		for (const c of g.champs) {
			expect(c.entetes.length).toBeGreaterThan(0);
			for (const e of c.entetes) expect(normaliserEntete(e), `${c.nom}: ${e}`).toBe(e);
			if (c.type === 'enum') expect(Object.keys(c.valeurs ?? {}).length).toBeGreaterThan(0);
		}
		for (const c of g.cle) expect(champs.has(c), `clé ${c}`).toBe(true);
		const refs = [
			...(g.controles ?? []).flatMap((c) =>
				c.type === 'somme'
					? [...c.termes, c.total]
					: c.type === 'prefixe'
						? [c.champ, ...c.parties]
						: c.termes
			),
			...(g.perimetre?.filtre.champs ?? []),
			...(g.connus ? [g.connus.champ] : [])
		];
		for (const cible of g.cibles) {
			const colonnes = new Set(cible.table.colonnes.map((c) => c.nom));
			for (const k of cible.table.cle)
				expect(cible.colonnes[k], `${cible.table.nom}.${k}`).toBeDefined();
			for (const [nom, s] of Object.entries(cible.colonnes)) {
				expect(colonnes.has(nom), `${cible.table.nom}.${nom}`).toBe(true);
				if ('champ' in s) refs.push(s.champ);
				if ('derivation' in s) refs.push(...s.champs);
			}
			refs.push(...(cible.filtre?.champs ?? []));
		}
		for (const r of refs) expect(champs.has(r), `champ ${r}`).toBe(true);
		expect(g.cibles.length > 0 || Boolean(g.nonUtilise)).toBe(true);
	});

	it('trouve un genre par son identifiant', () => {
		expect(genreParId('annuaire').libelle).toMatch(/Annuaire/);
		expect(() => genreParId('nimporte' as never)).toThrow();
	});
});

describe('les règles de chaque genre se compilent en SQL que DuckDB accepte', () => {
	let moteur: Moteur;
	beforeAll(async () => {
		moteur = await ouvrirMoteurNode();
		await initialiserSchema(moteur);
	}, 60_000);

	it.each(GENRES.map((g) => [g.id, g] as const))('%s', async (id, g) => {
		// One row where every field is present (and mostly wrong): every expression is bound and run.
		const entete = g.champs.map((c) => c.entetes[0]);
		const ligne = g.champs.map((_, i) => (i % 2 ? 'x' : '-1'));
		const fichier = `genre-${id}.csv`;
		await moteur.enregistrerTexte(fichier, `${entete.join(';')}\n${ligne.join(';')}\n`);
		const plan: q.PlanImport = {
			lecture: { fichier, separateur: ';', lignesAvant: 1, nbColonnes: entete.length },
			champs: g.champs.map((c, i) => ({ ...c, colonne: i, libelle: entete[i] })),
			controles: g.controles ?? [],
			perimetre: g.perimetre?.filtre,
			cle: g.cle,
			cibles: g.cibles,
			source: 'essai',
			prefixe: `g_${id}`
		};
		await moteur.executer(q.creerVerification(plan));
		await moteur.executer(q.creerDoublons(plan));
		const [c] = await moteur.lignes<{ lues: number }>({
			sql: q.compterVerification(plan),
			params: []
		});
		expect(Number(c.lues)).toBe(1);
		await moteur.executer(q.creerRejets(plan));
		await moteur.lignes({ sql: q.lireRejets(plan, 10), params: [] });
		await moteur.lignes({ sql: q.resumerAvertissements(plan, 5), params: [] });
		for (const cible of g.cibles.filter((c) => c.agregat)) {
			// Aggregated kinds (pupil files): the fast pass, the row-by-row pass and what follows.
			await moteur.executer(q.creerAgregatBrut(plan, cible));
			await moteur.executer(q.creerAgregatDepuisBrut(plan, cible));
			await moteur.lignes({ sql: q.verifierAgregatBrut(plan, cible), params: [] });
			await moteur.executer(q.creerAgregat(plan, cible, 'troisieme'));
			const [a] = await moteur.lignes<{ lues: number }>({
				sql: q.compterAgregat(plan),
				params: []
			});
			expect(Number(a.lues)).toBe(1);
			await moteur.executer(q.creerDoublonsAgregat(plan, cible));
			await moteur.executer(q.creerRejetsAgregat(plan, true));
			await moteur.lignes({ sql: q.lireRejetsAgregat(plan, 10), params: [] });
			await moteur.executer(q.comparerAgregat(plan, cible, true));
			await moteur.lignes({ sql: q.bilanAgregat(plan), params: [] });
			for (const sql of q.fusionnerAgregat(plan, cible)) await moteur.executer(sql);
		}
		for (const cible of g.cibles) {
			const conserver = q.conserverColonnesNonFournies(plan, cible);
			await moteur.executer(q.creerStaging(plan, cible, conserver === undefined));
			if (conserver) await moteur.executer(conserver);
			await moteur.lignes({ sql: q.compterCible(plan, cible), params: [] });
			await moteur.lignes({ sql: q.bilanCible(plan, cible), params: [] });
		}
		if (g.connus)
			await moteur.lignes({
				sql: q.valeursInconnues(
					plan,
					g.connus.champ,
					g.connus.tables,
					g.connus.tables[0].cle[0],
					5
				),
				params: []
			});
		const vues = g.cibles
			.filter((ci) => q.conserverColonnesNonFournies(plan, ci) === undefined)
			.map((ci) => q.tablesTemporaires(plan.prefixe).staging(ci.table.nom));
		await moteur.executer(q.supprimerTemporaires(plan, vues));
	});
});
