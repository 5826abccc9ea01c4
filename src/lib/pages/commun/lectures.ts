/**
 * Reads every page shares, and the accueil's, académie's and données' (the only module here, with
 * `modeles.ts`, that queries the engine): one function per need. Each waits for the engine, runs
 * one named builder of `db/sql` and returns typed rows; pages hold the promise and show pending /
 * result / error. The `version` argument is `donnees.version`: a page that passes it inside
 * `$derived` reads again whenever the data change (an import, a removal). What does not change
 * from one view to the next (territory aggregates, every school's portrait, results and training,
 * mean IPS) is read once per state of the data (`memo`), by the first view that needs it or
 * earlier by `preparerVues` once the engine is idle.
 */
import { sql, type Moteur, type Requete } from '$lib/db';
import type { Table } from 'apache-arrow';
import { lignesDe } from '$lib/db/lignes';
import type { ChiffresAcademie } from '$lib/demarrage/chiffres';
import { donnees } from '$lib/state/donnees.svelte';
import { dejaLu, memo } from '$lib/state/memo';
import { indexer, type Entite, type EntiteIndexee } from '$lib/state/recherche';
import type {
	AgregatsAnnee,
	EcolesLues,
	FicheEcole,
	FormationEcole,
	LigneCirconscriptionAgregee,
	LigneInventaire,
	LigneResultat,
	PortraitEcole,
	ReferencePubliee,
	ReseauResume
} from '../types';
import { agregerAnnee, grouper } from './analyse';
import { sansCle, separerPar, tranchesPar } from './separer';

export type { ChiffresAcademie } from '$lib/demarrage/chiffres';

type Version = number;

export async function lireChiffresAcademie(_version?: Version): Promise<ChiffresAcademie> {
	const m = await donnees.pret();
	const [ligne] = await m.lignes<ChiffresAcademie>(sql.chiffresAcademie());
	return ligne;
}

let index: { version: number; entites: Promise<EntiteIndexee[]> } | undefined;

/** The search index, built once per state of the data. */
export function lireEntites(_version?: Version): Promise<EntiteIndexee[]> {
	if (!index || index.version !== donnees.version) {
		const entites = donnees
			.pret()
			.then((m) => m.lignes<Entite>(sql.entitesRecherchables()))
			.then(indexer);
		index = { version: donnees.version, entites };
	}
	return index.entites;
}

/**
 * One school's portrait and networks: from every school's, when they are already read for this
 * state of the data (`lireFichesEcoles`), else by two one-row queries sent together.
 */
export async function lirePortraitEcole(
	uai: string,
	version = donnees.version
): Promise<{ portrait: PortraitEcole; reseaux: ReseauResume[] } | null> {
	const deja = ficheDejaLue(uai, version);
	if (deja) return deja;
	// Being read in the background: a whole page of schools is not worth waiting for.
	const m = await donnees.pret();
	const [[portrait], reseaux] = await Promise.all([
		m.lignes<PortraitEcole>(sql.portraitEcole(uai)),
		m.lignes<ReseauResume>(sql.reseauxDeEcole(uai))
	]);
	return portrait ? { portrait, reseaux } : null;
}

export async function lireResultatsEcole(uai: string, version?: Version): Promise<LigneResultat[]> {
	// Every school's results read in the background (lireToutesEcoles): this one's slice.
	const tranche = ecolesDejaLues(version)?.resultats;
	if (tranche) return tranche.has(uai) ? lignesDe<LigneResultat>(tranche.get(uai)!) : [];
	const m = await donnees.pret();
	return m.lignes<LigneResultat>(sql.resultatsEcole(uai));
}

export async function lireResultatsAcademie(_version?: Version): Promise<LigneResultat[]> {
	const m = await donnees.pret();
	return m.lignes<LigneResultat>(sql.resultatsAcademie());
}

/** Published references of a year, read once per state of the data. */
export function lireReferences(
	annee: string,
	version = donnees.version
): Promise<ReferencePubliee[]> {
	return memo(version, `references:${annee}`, async () => {
		const m = await donnees.pret();
		return m.lignes<ReferencePubliee>(sql.references(annee));
	});
}

export async function lireInventaire(_version?: Version): Promise<LigneInventaire[]> {
	const m = await donnees.pret();
	return m.lignes<LigneInventaire>(sql.inventaire());
}

/** One year's pooled counts for the académie, each département and each circonscription. */
export function lireAgregatsAnnee(annee: string, version: Version): Promise<AgregatsAnnee> {
	// An open package carries its territories' pooled counts: the other schools are not loaded.
	const porte = donnees.paquet?.porte;
	if (porte) return Promise.resolve(porte.agregats);
	return memo(version, `agregats:${annee}`, async () => {
		const m = await donnees.pret();
		return agregerAnnee(
			await m.lignes<LigneCirconscriptionAgregee>(sql.agregatsCirconscriptions(annee))
		);
	});
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

const ficheDejaLue = (uai: string, version: Version) =>
	dejaLu<Map<string, FicheEcole>>(version, 'fiches')?.get(uai) ?? null;

/** Mean IPS of each département's écoles and of the académie's, one year. */
export function lireIpsMoyens(
	annee: string,
	version: Version
): Promise<{ academie: number | null; departements: Map<string, number | null> }> {
	const porte = donnees.paquet?.porte;
	if (porte) return Promise.resolve(porte.ips);
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

/**
 * Every school's own reads once per state of the data (two scans of the académie, in the
 * background), so that opening a school then waits only for its classes, if any.
 */
export function lireToutesEcoles(version: Version): Promise<EcolesLues> {
	return memo(version, 'ecoles', async () => lireEcolesDepuis(await donnees.pret()));
}

/** How many parts a read-ahead read of every row of the académie is made in. */
const PARTIES = 4;

/**
 * A read-ahead read of every row of the académie, its text columns as dictionaries, in parts of
 * its key (one engine call each, the types built by the first): DuckDB sorts and serialises a
 * result whole in its wasm memory, which never shrinks, and these reads were among its largest
 * (with the networks' training counts, sql/reseau.ts, they took the demo's from 125 MB once
 * loaded to 181 MB during the views' preparation). Each part holds all the rows of its keys,
 * sorted: the parts put end to end are the whole read's slices.
 */
export async function lireParParties(
	m: Moteur,
	partie: (p: sql.Partie) => Requete,
	colonnes: readonly sql.ColonneDictionnaire[]
): Promise<Table> {
	const tables: Table[] = [];
	for (let k = 0; k < PARTIES; k++) {
		const r = partie({ k, n: PARTIES });
		tables.push(
			await m.table(sql.enDictionnaires(r, colonnes, { creerTypes: k === 0 })).catch(() =>
				// Between two parts, an import (a value the types lack) or another read (the types
				// built again on other data) may have changed them: this part then builds its own.
				m.table(sql.enDictionnaires(r, colonnes))
			)
		);
	}
	return tables[0].concat(...tables.slice(1));
}

/** `lireToutesEcoles` on a given engine (the Node one in tests). */
export async function lireEcolesDepuis(m: Moteur): Promise<EcolesLues> {
	const [resultats, formations] = await Promise.all([
		lireParParties(m, (p) => sql.resultatsEcole(undefined, p), sql.TEXTES_RESULTATS),
		m.lignes<FormationEcole & { uai: string }>(sql.formationsEcole())
	]);
	return {
		resultats: tranchesPar(resultats, 'uai'),
		formations: separerPar<FormationEcole, 'uai'>(formations, 'uai')
	};
}

const ecolesDejaLues = (version: Version | undefined) =>
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
