// Le contrôle de toutes les lignes dans le moteur : la requête de vérification (préparée pour
// un petit fichier), ou le comptage par classe d'un fichier élèves, puis les comptes.

import { DbError } from '$lib/db/erreurs';
import * as q from '$lib/db/sql/import';
import type { Cible, PlanImport } from '$lib/db/sql/import';
import type { Moteur } from '$lib/db/types';
import type { DefinitionTable } from '$lib/db/sql/schema';
import type { Contexte } from './contexte';
import { nombre, type ErreurCsv, type LigneAvertissement, type LigneProbleme } from './refus';

const requete = (sql: string) => ({ sql, params: [] });

/** The rules that gave a reason somewhere in the file (an Arrow list in the counts row). */
function reglesEnCause(comptes: Record<string, unknown>): boolean[] | undefined {
	const r = comptes.regles as Iterable<boolean> | null | undefined;
	return r ? [...r].map(Boolean) : undefined;
}

/**
 * DuckDB's errors on bytes that reparerEnUtf8 mends: invalid UTF-8, and its CSV state machine
 * stopping on a line end of another kind (« reached an invalid state »).
 */
const A_REPARER = /unicode|encoding|utf-?8|state machine/i;

/** Files up to this size are checked by a prepared statement (q.verificationPreparee). */
const PETIT_FICHIER = 1024 * 1024;

/** Per engine: each shape of check seen (null), then the name of its prepared statement. */
const PREPAREES = new WeakMap<Moteur, Map<string, string | null>>();
let preparees = 0;

/**
 * The prepared checks of a small file's kind and fields, prepared at the second such file on this
 * engine (a failure leaves nothing in the cache: the next file prepares again).
 */
async function verificationPreparee(
	ctx: Contexte,
	plan: PlanImport
): Promise<q.VerificationPreparee | undefined> {
	const { moteur } = ctx;
	let cache = PREPAREES.get(moteur);
	if (!cache) PREPAREES.set(moteur, (cache = new Map()));
	const { modele } = q.verificationPreparee(plan, 'pilotage_controle');
	const connu = cache.get(modele);
	// Preparing costs several plain checks (≈ 0.5 s): only for a shape of file seen before, as
	// when a user brings one file per year or per circonscription (or the property test).
	if (connu === undefined) {
		cache.set(modele, null);
		return undefined;
	}
	const nom = connu ?? `pilotage_controle_${++preparees}`;
	const v = q.verificationPreparee(plan, nom);
	if (!connu) {
		for (const sql of v.preparer) await moteur.executer(sql);
		cache.set(modele, nom);
	}
	return v;
}

/**
 * Counts an aggregated file's rows per class (q.creerAgregat's table). The fast pass groups on
 * raw cells and checks the groups; when a group with a problem holds several rows, or a
 * duplicate may exist, the file is read again with every rule on every row, which gives each
 * refused line and the duplicates exactly.
 */
async function agreger(ctx: Contexte, plan: PlanImport, cible: Cible): Promise<void> {
	const { moteur } = ctx;
	if (plan.colonneLigne === undefined) {
		const passe: q.Passe = moteur.natif ? 'natif' : 'onglet';
		await moteur.executer(q.creerAgregatBrut(plan, cible, passe));
		await moteur.executer(q.creerAgregatDepuisBrut(plan, cible, passe));
		const [v] = await moteur.lignes<{ cles_repetees: number; a_revoir: number; injectif: boolean }>(
			{ sql: q.verifierAgregatBrut(plan, cible, passe), params: [] }
		);
		if (nombre(v.cles_repetees) === 0 && nombre(v.a_revoir) === 0 && v.injectif) return;
		await moteur.executer(q.creerAgregat(plan, cible, 'troisieme'));
		return;
	}
	await moteur.executer(q.creerAgregat(plan, cible));
}

/** The counts row of the check (q.compterVerification or q.compterAgregat). */
export type Comptes = Record<string, number>;

/**
 * Every row checked in the engine: the check table (prepared for a small file), or a pupil
 * file's counts per class, its duplicates, then the counts. `reparer` when DuckDB stopped on
 * bytes that reparerEnUtf8 mends (and the file was not repaired yet).
 */
export async function controler(
	ctx: Contexte,
	genre: { readonly connus?: { readonly tables: readonly DefinitionTable[] } },
	plan: PlanImport,
	agregee: Cible | undefined,
	taille: number,
	peutReparer: boolean
): Promise<{ comptes: Comptes; prepare?: q.VerificationPreparee } | 'reparer'> {
	const { moteur } = ctx;
	// Small files: the same checks as prepared statements (q.verificationPreparee).
	const prepare =
		!agregee && taille <= PETIT_FICHIER && plan.colonneLigne === undefined
			? await verificationPreparee(ctx, plan)
			: undefined;
	const vider = async (): Promise<'reparer'> => {
		if (prepare) await moteur.executer(prepare.vider).catch(() => undefined);
		return 'reparer';
	};
	try {
		// An ordinary file's check, duplicates and counts go in one round trip (a dozen small
		// files: each round trip costs a few ms of the import); only the check can meet bytes to
		// repair, the two others read its table.
		let comptes: Comptes;
		try {
			if (agregee) await agreger(ctx, plan, agregee);
			const lots = agregee
				? [q.compterAgregat(plan, genre.connus?.tables)]
				: [
						...(prepare ? prepare.executer : [q.creerVerification(plan)]),
						q.creerDoublons(plan),
						q.compterVerification(plan, genre.connus?.tables)
					];
			[comptes] = await moteur.lignes<Comptes>(requete(lots.join(';\n')));
		} catch (e) {
			if (peutReparer && e instanceof DbError && A_REPARER.test(e.message)) return vider();
			throw e;
		}
		if (peutReparer && nombre(comptes.erreurs_encodage) > 0) return vider();
		// The caller empties the prepared statement's tables once the report is read.
		return { comptes, prepare };
	} catch (e) {
		await vider();
		throw e;
	}
}

/** What the engine says went wrong, read only when something did. */
export interface ProblemesLus {
	readonly erreursCsv: ErreurCsv[];
	/** Valid rows refused as duplicates. */
	readonly doublons: number;
	/** The problems of the first refused rows (options.maxRejets). */
	readonly problemes: LigneProbleme[];
	/** Refused rows in all (the structural errors of read_csv apart). */
	readonly rejetees: number;
	readonly avertissements: LigneAvertissement[];
}

/** read_csv's errors, the duplicates, the refused rows and the warnings (clean files: none). */
export async function lireProblemes(
	ctx: Contexte,
	plan: PlanImport,
	agregee: Cible | undefined,
	comptes: Comptes
): Promise<ProblemesLus> {
	const { moteur } = ctx;
	const maxRejets = ctx.options.maxRejets ?? 10_000;
	const erreursCsv =
		nombre(comptes.erreurs_csv) > 0
			? await moteur.lignes<ErreurCsv>(requete(q.lireErreursCsv(plan)))
			: [];
	let doublons = nombre(comptes.doublons);
	if (agregee && nombre(comptes.cles_repetees) > 0) {
		// A key's hash seen twice: a second reading tells the real duplicates.
		await moteur.executer(q.creerDoublonsAgregat(plan, agregee));
		const [d] = await moteur.lignes<{ n: number }>(requete(q.compterDoublons(plan)));
		doublons = nombre(d.n);
	}
	const lus = { erreursCsv, doublons, problemes: [], rejetees: 0, avertissements: [] };
	// Clean files (the usual case, and the big ones) skip the whole detail.
	if (nombre(comptes.refusees) + nombre(comptes.averties) + doublons === 0) return lus;
	await moteur.executer(
		agregee ? q.creerRejetsAgregat(plan, doublons > 0) : q.creerRejets(plan, reglesEnCause(comptes))
	);
	const problemes = await moteur.lignes<LigneProbleme>(
		requete(agregee ? q.lireRejetsAgregat(plan, maxRejets) : q.lireRejets(plan, maxRejets))
	);
	const avertissements =
		nombre(comptes.averties) > 0
			? await moteur.lignes<LigneAvertissement>(
					requete(q.resumerAvertissements(plan, ctx.options.exemples ?? 10))
				)
			: [];
	return {
		...lus,
		problemes,
		rejetees: problemes.length ? nombre(problemes[0].total) : 0,
		avertissements
	};
}
