// La fusion des lignes retenues d'un fichier dans ses tables, en une transaction : commune à
// l'import d'un fichier de l'utilisateur et au chargement d'un fichier de confiance (la démo).

import * as q from '$lib/db/sql/import';
import type { Cible, PlanImport } from '$lib/db/sql/import';
import type { Moteur } from '$lib/db/types';
import type { BilanTable } from './rapport';

const nombre = (x: unknown) => Number(x ?? 0);
const requete = (sql: string) => ({ sql, params: [] });

/** How the rows to merge were prepared. */
export interface Preparation {
	/** A pupil file's target: its rows were counted per class (the plan's counts table). */
	readonly agregee?: Cible;
	/** Duplicates were found: they are left out. */
	readonly doublons: boolean;
	/** Typed rows read straight from a trusted file (q.lignesConfiance), not the check table. */
	readonly typees?: string;
}

/**
 * Merges the rows kept in the plan's check table (or, for a pupil file, its counts) into the
 * target tables, in one transaction: an engine error rolls everything back and is thrown.
 * Staging views created are added to `vues` (they are dropped as views afterwards).
 * `avantValidation` is awaited just before COMMIT, with what each table received: if it throws,
 * the transaction is rolled back and its error thrown (the caller's journal write, which must
 * hold the file before its rows become visible).
 */
export async function fusionner(
	moteur: Moteur,
	plan: PlanImport,
	{ agregee, doublons, typees }: Preparation,
	vues: string[],
	avantValidation?: (bilans: readonly BilanTable[]) => Promise<void>
): Promise<BilanTable[]> {
	const bilans: BilanTable[] = [];
	// BEGIN goes with the first statement of the merge: one round trip fewer per file.
	let debut = 'BEGIN TRANSACTION;\n';
	try {
		if (agregee) bilans.push(await fusionnerAgregat(moteur, plan, agregee, doublons, debut));
		else
			for (const cible of plan.cibles) {
				bilans.push(await fusionnerCible(moteur, plan, cible, { doublons, typees }, vues, debut));
				debut = '';
			}
		await avantValidation?.(bilans);
		await moteur.executer('COMMIT');
	} catch (e) {
		await moteur.executer('ROLLBACK').catch(() => undefined);
		throw e;
	}
	return bilans;
}

/** What a table received: staged rows, of which already there (same key), of which identical. */
function bilan(cible: Cible, lignes: number, existantes: number, identiques: number): BilanTable {
	return {
		table: cible.table.nom,
		lignes,
		nouvelles: Math.max(0, lignes - existantes),
		remplacees: existantes - identiques,
		identiques
	};
}

/** One target table: staged rows, compared with the rows already there, then written. */
async function fusionnerCible(
	moteur: Moteur,
	plan: PlanImport,
	cible: Cible,
	{ doublons, typees }: Pick<Preparation, 'doublons' | 'typees'>,
	vues: string[],
	debut: string
): Promise<BilanTable> {
	const t = q.tablesTemporaires(plan.prefixe);
	const conserver = q.conserverColonnesNonFournies(plan, cible);
	// A view when nothing has to be updated in the staged rows, unless they come straight from a
	// file: they would then be read from it twice (counted, then written).
	const vue = conserver === undefined && typees === undefined;
	if (vue) vues.push(t.staging(cible.table.nom));
	const [compte] = await moteur.lignes<{ avant: number; lignes: number }>(
		requete(
			`${debut}${q.creerStaging(plan, cible, vue, { doublons, typees })};\n${q.compterCible(plan, cible)}`
		)
	);
	const lignes = nombre(compte.lignes);
	let existantes = 0;
	let identiques = 0;
	// An empty table (a first import, the demo at start): nothing to compare or replace.
	if (nombre(compte.avant) > 0 && lignes > 0) {
		if (conserver) await moteur.executer(conserver);
		const [c] = await moteur.lignes<{ existantes: number; identiques: number }>(
			requete(q.bilanCible(plan, cible))
		);
		existantes = nombre(c.existantes);
		identiques = Math.min(nombre(c.identiques), existantes);
	}
	const [supprimer, inserer] = q.remplacerDepuis(cible.table, t.staging(cible.table.nom));
	if (cible.remplacerTout && lignes > 0) {
		await moteur.executer(`${q.viderTable(cible.table)};\n${inserer}`);
		return bilan(cible, lignes, Math.min(nombre(compte.avant), lignes), identiques);
	}
	if (lignes > 0) await moteur.executer(existantes > 0 ? `${supprimer};\n${inserer}` : inserer);
	return bilan(cible, lignes, existantes, identiques);
}

/**
 * The merge of an aggregated file: staged class results, compared with the table; only what
 * differs is deleted and written.
 */
async function fusionnerAgregat(
	moteur: Moteur,
	plan: PlanImport,
	cible: Cible,
	avecDoublons: boolean,
	debut: string
): Promise<BilanTable> {
	const [c] = await moteur.lignes<{
		lignes: number;
		existantes: number;
		identiques: number;
		a_ecrire: number;
	}>(requete(`${debut}${q.comparerAgregat(plan, cible, avecDoublons)};\n${q.bilanAgregat(plan)}`));
	const lignes = nombre(c.lignes);
	const existantes = nombre(c.existantes);
	const identiques = nombre(c.identiques);
	const [supprimer, inserer] = q.fusionnerAgregat(plan, cible);
	if (nombre(c.a_ecrire) > 0)
		await moteur.executer(existantes > 0 ? `${supprimer};\n${inserer}` : inserer);
	return bilan(cible, lignes, existantes, identiques);
}
