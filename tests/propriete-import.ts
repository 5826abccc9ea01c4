// Test de propriété : des fichiers d'évaluations (format long canonique) abîmés au hasard passent
// par le vrai chemin d'import (DuckDB, règles SQL). Pour chaque fichier, on sait quelles lignes
// sont valides ; on vérifie qu'aucune ne se perd, qu'aucune ligne invalide n'entre, et que chaque
// ligne refusée l'est avec son numéro de ligne exact.
//
// Nombre de fichiers : PROPRIETE_FICHIERS, 10 000 par défaut (≈ 50 ms par fichier : le contrôle
// préparé des petits fichiers, voir src/lib/import/IMPORT.md), répartis en tranches, une par
// fichier de test (src/lib/import/propriete-*.test.ts), que vitest fait tourner en parallèle.
// PROPRIETE_GRAINE rejoue une graine (celle qu'imprime un échec).

import fc from 'fast-check';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { initialiserSchema } from '$lib/db/schema';
import { ouvrirMoteurNode } from '$lib/db/node';
import type { Moteur } from '$lib/db/types';
import { COMPETENCES, type Competence } from '$lib/domain/competences';
import { uaiLettreCle } from '$lib/domain/uai';
import { importer } from '$lib/import/importer';

const FICHIERS = Number(process.env.PROPRIETE_FICHIERS ?? 10_000);

const COLONNES = [
	'annee_scolaire',
	'uai',
	'niveau',
	'discipline',
	'competence_id',
	'competence_libelle',
	'n_eleves',
	'n_besoin',
	'n_fragile',
	'n_satisfaisant'
] as const;
type Colonne = (typeof COLONNES)[number];

const UAIS = ['0219901', '0219902', '0589903', '0719904', '0899905', '0210154'].map(
	(d) => `${d}${uaiLettreCle(d)}`
);
const ANNEES = ['2022-2023', '2023-2024', '2024-2025'];
const COMPS: readonly Competence[] = COMPETENCES.filter(
	(c) => c.niveau === 'CP' || c.niveau === 'CE1'
);

type Degat =
	| 'lettre'
	| 'uai_court'
	| 'negatif'
	| 'somme'
	| 'annee_slash'
	| 'annee_trou'
	| 'texte_dans_nombre'
	| 'decimal'
	| 'manquant'
	| 'discipline'
	| 'competence_inconnue'
	| 'niveau_inconnu'
	| 'cellule_en_plus'
	| 'cellule_en_moins';

/** Changes that keep a row valid (what Excel or a person does to a good file). */
type Retouche = 'aucune' | 'zero_perdu' | 'minuscule' | 'espaces' | 'groupes_libelles';

interface LigneGeneree {
	annee: string;
	uai: string;
	competence: Competence;
	libelle: string;
	besoin: number;
	fragile: number;
	satisfaisant: number;
	degat: Degat | null;
	retouche: Retouche;
	/** Repeat the key of an earlier row (index modulo the rows before). */
	repete: number | null;
}

const DEGATS: Degat[] = [
	'lettre',
	'uai_court',
	'negatif',
	'somme',
	'annee_slash',
	'annee_trou',
	'texte_dans_nombre',
	'decimal',
	'manquant',
	'discipline',
	'competence_inconnue',
	'niveau_inconnu',
	'cellule_en_plus',
	'cellule_en_moins'
];

// Characters Windows-1252 can hold, with the separators, quotes and line breaks that need quoting.
const libelle = fc
	.array(fc.constantFrom(...'abcdeéèœ’€ ;,"\tXYZ-\n'.split('')), { maxLength: 14 })
	.map((c) => c.join(''));

const ligne: fc.Arbitrary<LigneGeneree> = fc.record({
	annee: fc.constantFrom(...ANNEES),
	uai: fc.constantFrom(...UAIS),
	competence: fc.constantFrom(...COMPS),
	libelle,
	besoin: fc.nat(30),
	fragile: fc.nat(30),
	satisfaisant: fc.nat(60),
	degat: fc.option(fc.constantFrom(...DEGATS), { freq: 2 }),
	retouche: fc.constantFrom<Retouche>('aucune', 'aucune', 'zero_perdu', 'minuscule', 'espaces'),
	repete: fc.option(fc.nat(20), { freq: 4 })
});

const fichier = fc.record({
	lignes: fc.array(ligne, { minLength: 1, maxLength: 7 }),
	separateur: fc.constantFrom(';', ';', '\t', ','),
	fin: fc.constantFrom('\n', '\r\n', '\r'),
	bom: fc.boolean(),
	cp1252: fc.boolean(),
	ordre: fc.shuffledSubarray([...COLONNES], { minLength: COLONNES.length }),
	titre: fc.boolean(),
	lignesVides: fc.array(fc.nat(8), { maxLength: 2 }),
	guillemetsPartout: fc.boolean()
});

type Fichier = typeof fichier extends fc.Arbitrary<infer F> ? F : never;

interface Attendu {
	/** Canonical tuple (as the table holds it) of every row that must be loaded. */
	acceptees: string[];
	/** Lines (in the file) that must be refused. */
	refusees: number[];
	octets: Uint8Array;
	texte: string;
}

const tuple = (r: Record<string, unknown>) => COLONNES.map((c) => String(r[c] ?? '∅')).join('|');

/** Writes the file and computes, independently of the importer, what it must accept. */
function construire(f: Fichier): Attendu {
	const sep = f.separateur;
	const cellule = (v: string) =>
		f.guillemetsPartout || v.includes(sep) || /["\r\n]/.test(v) || v.includes('\t')
			? `"${v.replaceAll('"', '""')}"`
			: v;
	const lignesTexte: string[] = [];
	const acceptees: string[] = [];
	const refusees: number[] = [];
	const cles = new Set<string>();
	const rangees: LigneGeneree[] = [];
	let numero = 1;
	const ecrire = (l: string) => {
		lignesTexte.push(l);
		numero += (l.match(/\r\n|\r|\n/g) ?? []).length + 1;
	};
	if (f.titre) ecrire('Résultats des évaluations (export)');
	ecrire(f.ordre.map(cellule).join(sep));
	f.lignes.forEach((g0, i) => {
		if (f.lignesVides.includes(i)) ecrire('');
		// A repeated key: same year, school and competence as an earlier row.
		const g =
			g0.repete !== null && rangees.length > 0
				? {
						...g0,
						annee: rangees[g0.repete % rangees.length].annee,
						uai: rangees[g0.repete % rangees.length].uai,
						competence: rangees[g0.repete % rangees.length].competence
					}
				: g0;
		rangees.push(g);
		const c = g.competence;
		const n = g.besoin + g.fragile + g.satisfaisant;
		const valeurs: Record<Colonne, string> = {
			annee_scolaire: g.annee,
			uai: g.uai,
			niveau: c.niveau,
			discipline: c.discipline,
			competence_id: c.id,
			competence_libelle: g.libelle,
			n_eleves: String(n),
			n_besoin: String(g.besoin),
			n_fragile: String(g.fragile),
			n_satisfaisant: String(g.satisfaisant)
		};
		switch (g.retouche) {
			case 'zero_perdu':
				valeurs.uai = g.uai.replace(/^0/, '');
				break;
			case 'minuscule':
				valeurs.uai = g.uai.toLowerCase();
				break;
			case 'espaces':
				valeurs.uai = ` ${g.uai} `;
				valeurs.n_besoin = ` ${g.besoin}`;
				break;
		}
		let structure: 'plus' | 'moins' | null = null;
		switch (g.degat) {
			case 'lettre': {
				const bonne = g.uai[7];
				valeurs.uai = g.uai.slice(0, 7) + (bonne === 'A' ? 'B' : 'A');
				break;
			}
			case 'uai_court':
				valeurs.uai = g.uai.slice(0, 5);
				break;
			case 'negatif':
				valeurs.n_fragile = '-1';
				valeurs.n_eleves = String(n - g.fragile - 1);
				break;
			case 'somme':
				valeurs.n_eleves = String(n + 1);
				break;
			case 'annee_slash':
				valeurs.annee_scolaire = g.annee.replace('-20', '/');
				break;
			case 'annee_trou':
				valeurs.annee_scolaire = `${g.annee.slice(0, 5)}${Number(g.annee.slice(5)) + 1}`;
				break;
			case 'texte_dans_nombre':
				valeurs.n_satisfaisant = 'abc';
				break;
			case 'decimal':
				valeurs.n_besoin = `${g.besoin},5`;
				break;
			case 'manquant':
				valeurs.n_eleves = '';
				break;
			case 'discipline':
				valeurs.discipline = c.discipline === 'FR' ? 'MA' : 'FR';
				break;
			case 'competence_inconnue':
				valeurs.competence_id = `${c.id}-X`;
				break;
			case 'niveau_inconnu':
				valeurs.niveau = 'CE3';
				break;
			case 'cellule_en_plus':
				structure = 'plus';
				valeurs.competence_libelle = g.libelle.replace(/[\r\n]/g, ' ');
				break;
			case 'cellule_en_moins':
				structure = 'moins';
				valeurs.competence_libelle = g.libelle.replace(/[\r\n]/g, ' ');
				break;
		}
		let cellules = f.ordre.map((col) => cellule(valeurs[col]));
		if (structure === 'plus') cellules = [...cellules, 'en trop'];
		if (structure === 'moins') cellules = cellules.slice(0, -1);
		const debut = numero;
		ecrire(cellules.join(sep));
		if (g.degat) {
			refusees.push(debut);
			return;
		}
		const cle = `${g.annee}|${g.uai}|${c.niveau}|${c.id}`;
		if (cles.has(cle)) {
			refusees.push(debut);
			return;
		}
		cles.add(cle);
		const lib = g.libelle.replace(/^[ \t]+|[ \t]+$/g, '');
		acceptees.push(
			tuple({
				annee_scolaire: g.annee,
				uai: g.uai,
				niveau: c.niveau,
				discipline: c.discipline,
				competence_id: c.id,
				competence_libelle: lib === '' ? null : lib,
				n_eleves: n,
				n_besoin: g.besoin,
				n_fragile: g.fragile,
				n_satisfaisant: g.satisfaisant
			})
		);
	});
	const texte = `${f.bom ? '\ufeff' : ''}${lignesTexte.join(f.fin)}${f.fin}`;
	const octets = f.cp1252
		? new Uint8Array(iconv.encode(texte, 'win1252'))
		: new TextEncoder().encode(texte);
	return { acceptees: acceptees.sort(), refusees, octets, texte };
}

/** Registers this slice of the campaign: its own engine, FICHIERS / tranches files. */
export function campagne(tranche: number, tranches: number): void {
	const nombre = Math.ceil(FICHIERS / tranches);
	let moteur: Moteur;
	beforeAll(async () => {
		moteur = await ouvrirMoteurNode();
		await initialiserSchema(moteur);
	}, 60_000);

	describe(`propriété : fichiers abîmés (tranche ${tranche}/${tranches})`, () => {
		it(`${nombre} fichiers : rien ne plante, aucune ligne valide perdue, aucune ligne invalide acceptée`, async () => {
			const debut = performance.now();
			let n = 0;
			await fc.assert(
				fc.asyncProperty(fichier, async (f) => {
					n++;
					const attendu = construire(f);
					await moteur.executer('DELETE FROM evaluation');
					const r = await importer(moteur, { nom: 'propriete.csv', contenu: attendu.octets });
					const contexte = `${JSON.stringify(attendu.texte)}\n${JSON.stringify({ statut: r.statut, message: r.message, rejets: r.rejets })}`;
					expect(r.statut, contexte).toBe('importe');
					const lignes = await moteur.lignes<Record<string, unknown>>({
						sql: 'SELECT * EXCLUDE (source) FROM evaluation',
						params: []
					});
					expect(lignes.map(tuple).sort(), contexte).toEqual(attendu.acceptees);
					expect(r.acceptees, contexte).toBe(attendu.acceptees.length);
					expect(r.rejetees, contexte).toBe(attendu.refusees.length);
					expect(
						r.rejets.map((x) => x.ligne),
						contexte
					).toEqual(attendu.refusees);
				}),
				{
					numRuns: nombre,
					seed: process.env.PROPRIETE_GRAINE ? Number(process.env.PROPRIETE_GRAINE) : undefined
				}
			);
			const duree = (performance.now() - debut) / 1000;
			console.log(
				`${n} fichiers en ${duree.toFixed(1)} s (${((duree * 1000) / n).toFixed(0)} ms par fichier)`
			);
		}, 3_600_000);
	});
}
