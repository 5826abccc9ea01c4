// Les lignes refusées et les avertissements du rapport, depuis ce que DuckDB a rendu : rangs
// traduits en lignes du fichier, motifs des erreurs de structure, suggestions de valeurs.

import type { ChampPlan, PlanImport } from '$lib/db/sql/import';
import { COMPETENCES } from '$lib/domain/competences';
import { similarite } from './correspondance';
import type { SourceOctets } from './octets';
import type { Avertissement, LigneRefusee, Probleme } from './rapport';
import { debutsEnregistrements, decouperCsv } from './sniff';

export const nombre = (x: unknown) => Number(x ?? 0);

const LIBELLE_SEPARATEUR: Record<string, string> = {
	';': '« ; »',
	',': '« , »',
	'\t': 'tabulation',
	'|': '« | »'
};

export interface ErreurCsv {
	ligne: number;
	type: string;
	texte: string | null;
	n: number;
}

function motifErreurCsv(
	e: ErreurCsv,
	separateur: string,
	attendu: number
): { motif: string; cellules: string[] } {
	const texte = (e.texte ?? '').replace(/\r?\n$/, '');
	const cellules = decouperCsv(texte, separateur).flatMap((r) => r.cellules);
	const sep = LIBELLE_SEPARATEUR[separateur] ?? separateur;
	const lignes = texte.split(/\r\n|\r|\n/).length;
	switch (e.type) {
		case 'MISSING COLUMNS':
			return {
				cellules,
				motif: `ligne incomplète : ${cellules.length} valeur${cellules.length > 1 ? 's' : ''} au lieu de ${attendu} (séparateur ${sep} attendu ; ligne coupée ?)`
			};
		case 'TOO MANY COLUMNS':
			return {
				cellules,
				motif: `trop de valeurs : ${cellules.length} au lieu de ${attendu} (une valeur contient-elle un ${sep} sans guillemets ?)`
			};
		case 'UNQUOTED VALUE':
			return {
				cellules,
				motif:
					lignes > 1
						? `guillemet non fermé : les lignes ${e.ligne} à ${e.ligne + lignes - 1} n’ont pas pu être lues`
						: 'guillemet mal placé : une valeur entre guillemets est suivie d’autres caractères'
			};
		case 'LINE SIZE OVER MAXIMUM':
			return { cellules: [], motif: 'ligne trop longue pour être lue (plus de 2 Mo)' };
		case 'INVALID ENCODING':
		case 'INVALID UNICODE':
			return { cellules, motif: 'caractères illisibles (encodage du fichier)' };
		default:
			return { cellules, motif: `ligne illisible (${e.type.toLowerCase()})` };
	}
}

/** Closest catalogue value for an unknown enum value (competence ids are matched on labels too). */
function suggererValeur(champ: ChampPlan, valeur: string | null): string | null {
	if (!valeur || champ.type !== 'enum') return null;
	const candidats = new Map<string, string>();
	for (const [k, v] of Object.entries(champ.valeurs ?? {})) candidats.set(k, v);
	if (champ.nom === 'competence_id')
		for (const c of COMPETENCES)
			for (const l of [c.libelle, ...c.variantes]) candidats.set(l, c.id);
	let meilleur: string | null = null;
	let score = 0.6;
	for (const [k, v] of candidats) {
		const s = similarite(valeur, k);
		if (s > score) {
			score = s;
			meilleur = v;
		}
	}
	return meilleur;
}

export interface LigneProbleme {
	rang: number;
	ligne_source: number | null;
	colonne: string;
	valeur: string | null;
	motif: string;
	suggestion: string | null;
	ordre: number;
	premier: number | null;
	ligne_premier: number | null;
	cellules: (string | null)[] | null;
	total: number;
}

export interface LigneAvertissement {
	colonne: string;
	ordre: number;
	motif: string;
	n: number;
	rangs: number[];
	lignes_source: (number | null)[];
}

export interface Lignes {
	/** Line in the file of a row of DuckDB's output, by rank. */
	readonly deRang: (rang: number) => number | null;
	/** Line in the file of a line of DuckDB's rejects table. */
	readonly deLigneDuckdb: (ligne: number) => number;
}

/**
 * Turns DuckDB's ranks and reject lines into lines of the file. Blank lines and multi-line cells
 * make them differ from « rank + header »: the record starts are read from the bytes, checked
 * against DuckDB's count, with « rank + header » as the fallback if they disagree.
 */
export async function correspondanceLignes(
	plan: PlanImport,
	octets: SourceOctets,
	erreurs: readonly ErreurCsv[],
	lues: number,
	utile: boolean
): Promise<Lignes> {
	const simple: Lignes = {
		deRang: (rang) => plan.lecture.lignesAvant + 1 + rang,
		deLigneDuckdb: (l) => l
	};
	if (plan.colonneLigne !== undefined || !utile) return simple;
	const debuts = await debutsEnregistrements(
		octets,
		plan.lecture.separateur,
		plan.lecture.lignesAvant
	);
	// The records read_csv refused (few): DuckDB's ranks skip them.
	const refuses = [...new Set(erreurs.map((e) => debuts.indiceDeLigneDuckdb(nombre(e.ligne))))]
		.filter((i) => i >= 0)
		.sort((a, b) => a - b);
	if (debuts.nombre - refuses.length !== lues) return simple;
	return {
		deRang: (rang) => {
			let i = rang;
			for (const r of refuses) {
				if (r > i) break;
				i++;
			}
			return i < debuts.nombre ? debuts.physique(i) : null;
		},
		deLigneDuckdb: (l) => {
			const i = debuts.indiceDeLigneDuckdb(l);
			return i >= 0 ? debuts.physique(i) : l;
		}
	};
}

/**
 * The refused lines of the report, in file order: those of the rules (their problems grouped by
 * row, a duplicate pointing at the line it repeats) and read_csv's structural errors. `rangs`:
 * how many refused rows are detailed.
 */
export function lignesRefusees(
	plan: PlanImport,
	problemes: readonly LigneProbleme[],
	erreursCsv: readonly ErreurCsv[],
	lignes: Lignes
): { rejets: LigneRefusee[]; rangs: number } {
	const versLigne = lignes.deRang;
	const brutes = new Map<number, (string | null)[]>();
	for (const p of problemes) brutes.set(nombre(p.rang), [...(p.cellules ?? [])]);
	const parRang = new Map<number, Probleme[]>();
	const lignesSource = new Map<number, number | null>();
	for (const p of problemes) {
		const rang = nombre(p.rang);
		const champ = p.ordre < plan.champs.length ? plan.champs[p.ordre] : undefined;
		let motif = p.motif;
		if (p.premier !== null && p.premier !== undefined) {
			const ligne = p.ligne_premier ?? versLigne(nombre(p.premier));
			motif = `ligne en double : même ${p.colonne} que la ligne ${ligne ?? '?'}`;
		}
		const suggestion = p.suggestion ?? (champ ? suggererValeur(champ, p.valeur) : null);
		const liste = parRang.get(rang) ?? [];
		liste.push({ colonne: p.colonne, valeur: p.valeur, motif, suggestion });
		parRang.set(rang, liste);
		lignesSource.set(rang, p.ligne_source === null ? null : nombre(p.ligne_source));
	}
	const refusRegles = [...parRang.entries()].map(([rang, pbs]) => {
		const ligne = lignesSource.get(rang) ?? versLigne(rang);
		return {
			tri: ligne ?? Number.MAX_SAFE_INTEGER,
			ligne: { ligne, problemes: pbs, cellules: brutes.get(rang) ?? [] }
		};
	});
	const refusCsv = erreursCsv.map((e) => {
		const physique = lignes.deLigneDuckdb(nombre(e.ligne));
		const { motif, cellules } = motifErreurCsv(
			{ ...e, ligne: physique },
			plan.lecture.separateur,
			plan.lecture.nbColonnes
		);
		const ligne: LigneRefusee = {
			ligne: physique,
			problemes: [{ colonne: '', valeur: null, motif, suggestion: null }],
			cellules
		};
		return { tri: physique, ligne };
	});
	const rejets = [...refusRegles, ...refusCsv].sort((a, b) => a.tri - b.tri).map((x) => x.ligne);
	return { rejets, rangs: parRang.size };
}

/** The warnings of accepted rows (a value emptied), one per column and rule, with their lines. */
export function avertissementsDesRegles(
	avertissements: readonly LigneAvertissement[],
	versLigne: (rang: number) => number | null
): Avertissement[] {
	return avertissements.map((a) => {
		const lignes = a.rangs
			.map((rang, i) =>
				a.lignes_source[i] !== null && a.lignes_source[i] !== undefined
					? nombre(a.lignes_source[i])
					: versLigne(nombre(rang))
			)
			.filter((l): l is number => l !== null);
		const n = nombre(a.n);
		return {
			message: `${a.colonne} : ${a.motif}${n > 1 ? ` (et ${n - 1} autre${n > 2 ? 's' : ''} ligne${n > 2 ? 's' : ''} de ce type)` : ''} ; valeur laissée vide, ligne importée`,
			lignes,
			nombre: n
		};
	});
}
