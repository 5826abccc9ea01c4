// Test de propriété des fichiers élèves, comptés par classe à l'import : des fichiers abîmés au
// hasard (identifiant d'élève vide, UAI fausse, groupe inconnu, élève en double, UAI écrite
// avec des espaces) passent par le vrai chemin ; les résultats de classe et les lignes refusées
// sont comparés à un calcul indépendant. La passe rapide (regroupement sur les cellules brutes)
// et la relecture ligne par ligne doivent donner exactement la même chose.

import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialiserSchema } from '$lib/db/schema';
import { ouvrirMoteurNode } from '$lib/db/node';
import type { Moteur } from '$lib/db/types';
import { uaiLettreCle } from '$lib/domain/uai';
import { importer } from './importer';

const FICHIERS = Number(process.env.ELEVES_FICHIERS ?? 60);

const UAIS = ['0219901', '0219902'].map((d) => `${d}${uaiLettreCle(d)}`);
const COMPS = [
	['CP', 'FR', 'CP-FR-SYLLABES'],
	['CP', 'MA', 'CP-MA-PROBLEMES'],
	['CE1', 'FR', 'CE1-FR-FLUENCE']
] as const;
const GROUPES = ['besoin', 'fragile', 'satisfaisant'] as const;

type Degat = 'eleve_vide' | 'uai_fausse' | 'groupe_inconnu' | 'uai_espaces' | 'eleve_espaces';

const ligne = fc.record({
	uai: fc.nat(UAIS.length - 1),
	comp: fc.nat(COMPS.length - 1),
	classe: fc.constantFrom('A', 'B', ''),
	eleve: fc.nat(6),
	groupe: fc.nat(2),
	degat: fc.option(
		fc.constantFrom<Degat>(
			'eleve_vide',
			'uai_fausse',
			'groupe_inconnu',
			'uai_espaces',
			'eleve_espaces'
		),
		{ freq: 3 }
	)
});

let moteur: Moteur;
beforeAll(async () => {
	moteur = await ouvrirMoteurNode();
	await initialiserSchema(moteur);
}, 60_000);

// Both passes: the tab's, and npm run agreger's on native DuckDB (not numbered, repeated hashes
// in a grouping set: agregat.ts, Passe), here run by the same engine.
describe.each(['onglet', 'natif'] as const)(
	'propriété : fichiers élèves comptés par classe (passe %s)',
	(passe) => {
		it(`${FICHIERS} fichiers : comptes de classe et lignes refusées exacts`, async () => {
			const m: Moteur = passe === 'natif' ? { ...moteur, natif: true } : moteur;
			await fc.assert(
				fc.asyncProperty(fc.array(ligne, { minLength: 1, maxLength: 25 }), async (lignes) => {
					const texte = [
						'annee_scolaire;uai;niveau;discipline;competence_id;classe;eleve_id;groupe'
					];
					const refusees: number[] = [];
					const vus = new Set<string>();
					const classes = new Map<string, number[]>();
					lignes.forEach((l, i) => {
						const [niveau, discipline, comp] = COMPS[l.comp];
						const uai = UAIS[l.uai];
						let uaiCellule = uai;
						let eleve = `EL-${l.eleve}`;
						let eleveCellule = eleve;
						let groupe: string = GROUPES[l.groupe];
						if (l.degat === 'eleve_vide') eleveCellule = eleve = '';
						if (l.degat === 'uai_fausse')
							uaiCellule = `${uai.slice(0, 7)}${uai[7] === 'A' ? 'B' : 'A'}`;
						if (l.degat === 'groupe_inconnu') groupe = 'excellent';
						if (l.degat === 'uai_espaces') uaiCellule = ` ${uai} `;
						if (l.degat === 'eleve_espaces') eleveCellule = ` ${eleve}`;
						texte.push(
							[
								'2024-2025',
								uaiCellule,
								niveau,
								discipline,
								comp,
								l.classe,
								eleveCellule,
								groupe
							].join(';')
						);
						const numero = i + 2;
						if (eleve === '' || l.degat === 'uai_fausse' || l.degat === 'groupe_inconnu') {
							refusees.push(numero);
							return;
						}
						const cle = `${uai}|${eleve}|${comp}`;
						if (vus.has(cle)) {
							refusees.push(numero);
							return;
						}
						vus.add(cle);
						const classe = `${uai}|${l.classe || '∅'}|${comp}`;
						const n = classes.get(classe) ?? [0, 0, 0, 0];
						n[0]++;
						n[1 + l.groupe]++;
						classes.set(classe, n);
					});
					await m.executer('DELETE FROM classe_resultat');
					const r = await importer(m, {
						nom: 'eleves.csv',
						contenu: new TextEncoder().encode(`${texte.join('\n')}\n`)
					});
					const contexte = JSON.stringify({ texte, message: r.message, rejets: r.rejets });
					expect(r.statut, contexte).toBe('importe');
					expect(
						r.rejets.map((x) => x.ligne),
						contexte
					).toEqual(refusees);
					expect(r.rejetees, contexte).toBe(refusees.length);
					expect(r.acceptees, contexte).toBe(lignes.length - refusees.length);
					const stockees = await m.lignes<Record<string, unknown>>({
						sql: 'SELECT * FROM classe_resultat',
						params: []
					});
					const obtenu = Object.fromEntries(
						stockees.map((s) => [
							`${s.uai}|${s.classe ?? '∅'}|${s.competence_id}`,
							[s.n_eleves, s.n_besoin, s.n_fragile, s.n_satisfaisant].map(Number)
						])
					);
					expect(obtenu, contexte).toEqual(Object.fromEntries(classes));
				}),
				{ numRuns: FICHIERS }
			);
		}, 600_000);
	}
);
