import { sql } from '$lib/db';
import {
	ajusterModeleIps,
	cleModele,
	type CatalogueModeles,
	type LigneEvaluation,
	type ModeleIps
} from '$lib/indicators';
import { donnees } from '$lib/state/donnees.svelte';
import { memo } from '$lib/state/memo';
import type { Table } from 'apache-arrow';
import { etapesFamilles, fenetreAnnees, type FamillesPoints } from './analyse';

/**
 * The expected share given IPS is fitted on every school of the académie, per competence and
 * year. The population is read as Arrow columns (tens of thousands of rows: turning them into
 * objects one by one would cost more than the query) and the fitted models are kept for the
 * session, until the data change.
 */
interface AnneeAjustee {
	/** The year's population, kept for the families of points (`lireFamilles`). */
	lignes: LigneEvaluation[];
	catalogue: CatalogueModeles;
}
const cache = new Map<string, Promise<AnneeAjustee>>();
let versionCache = -1;

function lignesDepuisArrow(table: Table): LigneEvaluation[] {
	const col = (nom: string) => table.getChild(nom)!.toArray() as ArrayLike<unknown>;
	const [annee, uai, niveau, discipline, competence] = [
		'annee_scolaire',
		'uai',
		'niveau',
		'discipline',
		'competence_id'
	].map(col) as ArrayLike<string>[];
	const [n, besoin, fragile, satisfaisant] = [
		'n_eleves',
		'n_besoin',
		'n_fragile',
		'n_satisfaisant'
	].map(col) as ArrayLike<number>[];
	const ips = table.getChild('ips')!;
	const lignes: LigneEvaluation[] = new Array(table.numRows);
	for (let i = 0; i < table.numRows; i++) {
		lignes[i] = {
			annee_scolaire: annee[i],
			uai: uai[i],
			niveau: niveau[i],
			discipline: discipline[i],
			competence_id: competence[i],
			n_eleves: n[i],
			n_besoin: besoin[i],
			n_fragile: fragile[i],
			n_satisfaisant: satisfaisant[i],
			ips: ips.isValid(i) ? (ips.get(i) as number) : null
		};
	}
	return lignes;
}

/** Yields to the browser so that a fit in the background never freezes the page. */
const pause = () => new Promise<void>((ok) => setTimeout(ok, 0));

/**
 * `ajusterModelesIps`, one competence at a time with a pause every few tens of milliseconds: a
 * year of the académie takes a few hundred milliseconds, too long a task for the main thread.
 */
async function ajusterParEtapes(lignes: readonly LigneEvaluation[]): Promise<CatalogueModeles> {
	const groupes = new Map<string, LigneEvaluation[]>();
	for (const ligne of lignes) {
		const cle = cleModele(ligne.annee_scolaire, ligne.competence_id);
		let groupe = groupes.get(cle);
		if (!groupe) groupes.set(cle, (groupe = []));
		groupe.push(ligne);
	}
	const catalogue = new Map<string, ModeleIps>();
	let debut = performance.now();
	for (const [cle, groupe] of groupes) {
		if (performance.now() - debut > 30) {
			await pause();
			debut = performance.now();
		}
		catalogue.set(cle, ajusterModeleIps(groupe, { source: 'Académie' }));
	}
	return catalogue;
}

const ajusterAnnee = async (annee: string): Promise<AnneeAjustee> => {
	const m = await donnees.pret();
	const lignes = lignesDepuisArrow(await m.table(sql.populationReference(annee)));
	return { lignes, catalogue: await ajusterParEtapes(lignes) };
};

/** The models of the given years (one per competence × year), fitted on the académie. */
export async function lireModeles(
	annees: readonly string[],
	version: number
): Promise<CatalogueModeles> {
	// An open package carries the académie's models: its one school cannot refit them.
	const porte = donnees.paquet?.porte;
	if (porte) return porte.modeles;
	return new Map((await lireAnnees(annees, version)).flatMap((a) => [...a.catalogue]));
}

/** The académie's rows of the given years (every school, with its IPS) and their models. */
export async function lirePopulation(
	annees: readonly string[],
	version: number
): Promise<{ lignes: LigneEvaluation[]; modeles: CatalogueModeles }> {
	const lues = await lireAnnees(annees, version);
	return {
		lignes: lues.flatMap((a) => a.lignes),
		modeles: new Map(lues.flatMap((a) => [...a.catalogue]))
	};
}

async function lireAnnees(annees: readonly string[], version: number): Promise<AnneeAjustee[]> {
	// A page still showing older data must not evict the newer models.
	if (version < versionCache) return Promise.all(annees.map(ajusterAnnee));
	if (version > versionCache) {
		cache.clear();
		versionCache = version;
	}
	return Promise.all(
		annees.map((annee) => {
			let promesse = cache.get(annee);
			if (!promesse) {
				promesse = ajusterAnnee(annee);
				// A failed fit is tried again by the next view.
				promesse.catch(() => {
					if (cache.get(annee) === promesse) cache.delete(annee);
				});
				cache.set(annee, promesse);
			}
			return promesse;
		})
	);
}

/**
 * The académie's families of points (`etapesFamilles`): every school's cells of the latest
 * year's window, pooled and « cette année », under the false-discovery control. Computed once
 * per state of the data, by `preparerVues` in idle time or by the first view that needs them
 * (several seconds of statistics, a few tens of milliseconds at a time: the page stays
 * responsive meanwhile).
 */
export function lireFamilles(version: number): Promise<FamillesPoints | null> {
	// An open package carries its school's cells of the académie's families, decided over every
	// school: testing its one school here would decide under another control.
	const porte = donnees.paquet?.porte;
	if (porte) return Promise.resolve(porte.familles);
	return memo(version, 'familles', async () => {
		const periode = await lirePeriode(version);
		if (!periode) return null;
		const { annee, fenetre } = periode;
		const lues = await lireAnnees(fenetre, version);
		const modeles: CatalogueModeles = new Map(lues.flatMap((a) => [...a.catalogue]));
		return parEtapes(
			etapesFamilles(
				lues.flatMap((a) => a.lignes),
				modeles,
				annee,
				fenetre
			),
			version
		);
	});
}

/** The académie's latest evaluated year and its window (null without evaluations). */
export function lirePeriode(version: number): Promise<{ annee: string; fenetre: string[] } | null> {
	return memo(version, 'periode', async () => {
		const m = await donnees.pret();
		const annees = (await m.lignes<{ annee_scolaire: string }>(sql.anneesEvaluees())).map(
			(a) => a.annee_scolaire
		);
		const annee = annees.at(-1);
		return annee ? { annee, fenetre: fenetreAnnees(annees, annee) } : null;
	});
}

/**
 * Runs pure statistics written as steps (a generator), pausing every ~30 ms so that the page
 * stays responsive. Stops, never settling, once the data change: nobody will show the result.
 */
export async function parEtapes<T>(etapes: Generator<void, T>, version: number): Promise<T> {
	let debut = performance.now();
	for (;;) {
		const etape = etapes.next();
		if (etape.done) return etape.value;
		if (performance.now() - debut > 30) {
			await pause();
			if (donnees.version !== version) return new Promise<never>(() => {});
			debut = performance.now();
		}
	}
}
