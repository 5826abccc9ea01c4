import { sql, type Moteur } from '$lib/db';
import type { Table } from 'apache-arrow';
import { lireToutesCirconscriptions, type ToutesCirconscriptions } from './circonscription';
import { donnees } from './donnees.svelte';
import type { FormationEcole } from './ecole';
import type { LigneResultat, PortraitEcole, ReseauResume } from './lectures';
import { sansCle, separerPar, tranchesPar } from './separer';

/**
 * What does not change from one view to the next, read once per state of the data (`version`):
 * territory aggregates, every school's portrait, mean IPS. Each is read lazily by the first view
 * that needs it, or earlier by `preparerVues` once the engine is idle, so that opening a school no
 * longer scans the evaluations of its département and académie again.
 */
type Version = number;

let cache: { version: Version; valeurs: Map<string, Promise<unknown>> } = {
	version: -1,
	valeurs: new Map()
};
/** Values already resolved, so that a view can take them without waiting for the engine. */
const resolus = new Map<string, unknown>();

export function memo<T>(version: Version, cle: string, lire: () => Promise<T>): Promise<T> {
	// A page still showing older data reads without caching: it must not evict the newer values.
	if (version < cache.version) return lire();
	if (version > cache.version) {
		cache = { version, valeurs: new Map() };
		resolus.clear();
	}
	let valeur = cache.valeurs.get(cle) as Promise<T> | undefined;
	if (!valeur) {
		const valeurs = cache.valeurs;
		valeur = lire();
		valeurs.set(cle, valeur);
		valeur.then(
			(v) => {
				if (cache.valeurs === valeurs) resolus.set(cle, v);
			},
			// A failed read is tried again by the next view.
			() => {
				if (valeurs.get(cle) === valeur) valeurs.delete(cle);
			}
		);
	}
	return valeur;
}

/** The value of `cle` if it is already read for `version`, else undefined. */
export function dejaLu<T>(version: Version, cle: string): T | undefined {
	return cache.version === version ? (resolus.get(cle) as T | undefined) : undefined;
}

export interface LigneCirconscriptionAgregee extends LigneResultat {
	code_departement: string | null;
	code_circonscription: string | null;
	circonscription_connue: boolean;
}

export interface AgregatsAnnee {
	academie: LigneResultat[];
	departements: Map<string, LigneResultat[]>;
	circonscriptions: Map<string, LigneResultat[]>;
}

/** SQL's ORDER BY on text (bytes, not the locale's collation). */
const binaire = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** SQL's sum: nulls ignored, null when every term is null. */
const somme = (a: number | null | undefined, b: number | null | undefined) =>
	a === null || a === undefined ? (b ?? null) : b === null || b === undefined ? a : a + b;

/**
 * Adds up per-circonscription rows into one territory's rows, as `agregat()` pools its schools:
 * counts summed, schools counted once (a school lies in one circonscription), and the rows in its
 * order (year, niveau, discipline, catalogue order).
 */
function cumuler(lignes: readonly LigneCirconscriptionAgregee[]): LigneResultat[] {
	const parCle = new Map<string, LigneResultat>();
	for (const l of lignes) {
		const cle = `${l.annee_scolaire}|${l.niveau}|${l.discipline}|${l.competence_id}`;
		const t = parCle.get(cle);
		if (!t) {
			parCle.set(cle, {
				annee_scolaire: l.annee_scolaire,
				niveau: l.niveau,
				discipline: l.discipline,
				competence_id: l.competence_id,
				competence_libelle: l.competence_libelle,
				ordre: l.ordre,
				nb_ecoles: l.nb_ecoles,
				n_eleves: l.n_eleves,
				n_besoin: l.n_besoin,
				n_fragile: l.n_fragile,
				n_satisfaisant: l.n_satisfaisant
			});
			continue;
		}
		t.competence_libelle ??= l.competence_libelle;
		t.nb_ecoles = somme(t.nb_ecoles, l.nb_ecoles) ?? 0;
		t.n_eleves = somme(t.n_eleves, l.n_eleves)!;
		t.n_besoin = somme(t.n_besoin, l.n_besoin)!;
		t.n_fragile = somme(t.n_fragile, l.n_fragile)!;
		t.n_satisfaisant = somme(t.n_satisfaisant, l.n_satisfaisant)!;
	}
	return [...parCle.values()].sort(
		(a, b) =>
			binaire(a.annee_scolaire, b.annee_scolaire) ||
			binaire(a.niveau, b.niveau) ||
			binaire(a.discipline, b.discipline) ||
			a.ordre - b.ordre
	);
}

function grouper<T>(lignes: readonly T[], cle: (l: T) => string | null): Map<string, T[]> {
	const groupes = new Map<string, T[]>();
	for (const l of lignes) {
		const k = cle(l);
		if (k === null) continue;
		let g = groupes.get(k);
		if (!g) groupes.set(k, (g = []));
		g.push(l);
	}
	return groupes;
}

/**
 * The académie's, each département's and each circonscription's rows from the per-circonscription
 * rows of `sql.agregatsCirconscriptions` (the same rows `agregat()` gives for each territory).
 */
export function agregerAnnee(lignes: readonly LigneCirconscriptionAgregee[]): AgregatsAnnee {
	const parDepartement = grouper(lignes, (l) => l.code_departement);
	const parCirconscription = grouper(lignes, (l) =>
		l.circonscription_connue ? l.code_circonscription : null
	);
	return {
		academie: cumuler(lignes),
		departements: new Map([...parDepartement].map(([k, v]) => [k, cumuler(v)])),
		circonscriptions: new Map([...parCirconscription].map(([k, v]) => [k, cumuler(v)]))
	};
}

/** One year's pooled counts for the académie, each département and each circonscription. */
export function lireAgregatsAnnee(annee: string, version: Version): Promise<AgregatsAnnee> {
	return memo(version, `agregats:${annee}`, async () => {
		const m = await donnees.pret();
		return agregerAnnee(
			await m.lignes<LigneCirconscriptionAgregee>(sql.agregatsCirconscriptions(annee))
		);
	});
}

export interface FicheEcole {
	portrait: PortraitEcole;
	reseaux: ReseauResume[];
}

/** Every school's portrait and networks, by UAI. */
export function lireFichesEcoles(version: Version): Promise<Map<string, FicheEcole>> {
	return memo(version, 'fiches', async () => {
		const m = await donnees.pret();
		const [portraits, reseaux] = await Promise.all([
			m.lignes<PortraitEcole>(sql.portraitsEcoles()),
			m.lignes<ReseauResume & { uai: string }>(sql.reseauxDesEcoles())
		]);
		const parEcole = grouper(reseaux, (r) => r.uai);
		return new Map(
			portraits.map((portrait) => [
				portrait.uai,
				{
					portrait,
					reseaux: (parEcole.get(portrait.uai) ?? []).map(({ reseau_id, type, libelle }) => ({
						reseau_id,
						type,
						libelle
					}))
				}
			])
		);
	});
}

export const ficheDejaLue = (uai: string, version: Version) =>
	dejaLu<Map<string, FicheEcole>>(version, 'fiches')?.get(uai) ?? null;

/** Mean IPS of each département's écoles and of the académie's, one year. */
export function lireIpsMoyens(
	annee: string,
	version: Version
): Promise<{ academie: number | null; departements: Map<string, number | null> }> {
	return memo(version, `ips:${annee}`, async () => {
		const m = await donnees.pret();
		const lignes = await m.lignes<{
			code_departement: string | null;
			academie: boolean;
			ips: number | null;
		}>(sql.ipsMoyensTerritoires(annee));
		return {
			academie: lignes.find((l) => l.academie)?.ips ?? null,
			departements: new Map(
				lignes
					.filter((l) => !l.academie && l.code_departement !== null)
					.map((l) => [l.code_departement!, l.ips])
			)
		};
	});
}

/** Every circonscription's reads (`lireToutesCirconscriptions`), once per state of the data. */
export function lireCirconscriptions(version: Version): Promise<ToutesCirconscriptions> {
	return memo(version, 'circonscriptions', async () =>
		lireToutesCirconscriptions(await donnees.pret())
	);
}

export const circonscriptionsDejaLues = (version: Version) =>
	dejaLu<ToutesCirconscriptions>(version, 'circonscriptions');

/** Every school's results (Arrow slices, by UAI) and its team's training, read at once. */
export interface EcolesLues {
	resultats: ReadonlyMap<string, Table>;
	formations: ReadonlyMap<string, FormationEcole[]>;
}

/**
 * Every school's own reads once per state of the data (two scans of the académie, in the
 * background), so that opening a school then waits only for its classes, if any.
 */
export function lireToutesEcoles(version: Version): Promise<EcolesLues> {
	return memo(version, 'ecoles', async () => lireEcolesDepuis(await donnees.pret()));
}

/** `lireToutesEcoles` on a given engine (the Node one in tests). */
export async function lireEcolesDepuis(m: Moteur): Promise<EcolesLues> {
	const [resultats, formations] = await Promise.all([
		m.table(sql.resultatsEcole()),
		m.lignes<FormationEcole & { uai: string }>(sql.formationsEcole())
	]);
	return {
		resultats: tranchesPar(resultats, 'uai'),
		formations: separerPar<FormationEcole, 'uai'>(formations, 'uai')
	};
}

export const ecolesDejaLues = (version: Version | undefined) =>
	version === undefined ? undefined : dejaLu<EcolesLues>(version, 'ecoles');

/** A school's training, from `lireToutesEcoles` when already read. */
export async function lireFormationsEcole(
	uai: string,
	version: Version
): Promise<FormationEcole[]> {
	const toutes = ecolesDejaLues(version);
	if (toutes) return toutes.formations.get(uai) ?? [];
	const m = await donnees.pret();
	return (await m.lignes<FormationEcole & { uai: string }>(sql.formationsEcole(uai))).map((f) =>
		sansCle(f, 'uai')
	);
}
