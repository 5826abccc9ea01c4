import { sql } from '$lib/db';
import type { ChiffresAcademie } from '$lib/demarrage/chiffres';
import { ecolesDejaLues, ficheDejaLue, memo } from './agregats';
import { donnees } from './donnees.svelte';
import { indexer, type Entite, type EntiteIndexee } from './recherche';

/**
 * What pages read, one function per need. Each waits for the engine, runs one named builder of
 * `db/sql` and returns typed rows; pages hold the promise and show pending / result / error.
 * The first argument, `_version`, is `donnees.version`: a page that passes it inside `$derived`
 * reads again whenever the data change (an import, a removal).
 */
type Version = number;

export type { ChiffresAcademie } from '$lib/demarrage/chiffres';

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

export interface PortraitEcole {
	uai: string;
	nom: string;
	type: string;
	secteur: string;
	commune: string;
	code_commune: string;
	code_departement: string;
	code_circonscription: string | null;
	circonscription: string | null;
	groupe_proximite: string | null;
	education_prioritaire: string | null;
	rural: boolean | null;
	ips: number | null;
	annee_ips: string | null;
	source_ips: string | null;
	nb_eleves: number | null;
	nb_classes: number | null;
	annee_effectifs: string | null;
	source: string;
}

export interface ReseauResume {
	reseau_id: string;
	type: string;
	libelle: string;
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

/** Counts for one school (or one pooled set of schools) × niveau × competence × year. */
export interface LigneResultat {
	annee_scolaire: string;
	uai?: string;
	niveau: string;
	discipline: string;
	competence_id: string;
	competence_libelle: string;
	ordre: number;
	n_eleves: number;
	n_besoin: number;
	n_fragile: number;
	n_satisfaisant: number;
	source?: string;
	nb_ecoles?: number;
	ips?: number | null;
}

export async function lireResultatsEcole(uai: string, version?: Version): Promise<LigneResultat[]> {
	// Every school's results read in the background (lireToutesEcoles): this one's slice.
	const tranche = ecolesDejaLues(version)?.resultats;
	if (tranche)
		return (tranche.get(uai)?.toArray() ?? []).map((ligne) => ligne.toJSON() as LigneResultat);
	const m = await donnees.pret();
	return m.lignes<LigneResultat>(sql.resultatsEcole(uai));
}

export async function lireResultatsAcademie(_version?: Version): Promise<LigneResultat[]> {
	const m = await donnees.pret();
	return m.lignes<LigneResultat>(sql.resultatsAcademie());
}

export interface EcoleListee {
	uai: string;
	nom: string;
	commune: string;
	type: string;
	groupe_proximite: string | null;
	education_prioritaire: string | null;
	rural: boolean | null;
	ips: number | null;
}

export async function lireCirconscription(code: string, _version?: Version) {
	const m = await donnees.pret();
	const [circo] = await m.lignes<{
		code_circonscription: string;
		libelle: string;
		code_departement: string;
		source: string;
	}>(sql.circonscription(code));
	if (!circo) return null;
	const [ecoles, resultats] = await Promise.all([
		m.lignes<EcoleListee>(sql.ecolesDeCirconscription(code)),
		m.lignes<LigneResultat>(sql.resultatsCirconscription(code))
	]);
	return { circo, ecoles, resultats };
}

export async function lireReseau(id: string, _version?: Version) {
	const m = await donnees.pret();
	const [reseau] = await m.lignes<{
		reseau_id: string;
		type: string;
		libelle: string;
		uai_tete: string | null;
		nom_tete: string | null;
		commune_tete: string | null;
		source: string;
	}>(sql.reseau(id));
	if (!reseau) return null;
	const [ecoles, resultats] = await Promise.all([
		m.lignes<EcoleListee>(sql.ecolesDeReseau(id)),
		m.lignes<LigneResultat>(sql.resultatsReseau(id))
	]);
	return { reseau, ecoles, resultats };
}

export interface ReferencePubliee {
	territoire: string;
	code_territoire: string | null;
	niveau: string;
	discipline: string;
	competence_id: string;
	part_satisfaisant: number | null;
	part_besoin: number | null;
	source: string;
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

export interface LigneInventaire {
	table: string;
	libelle: string;
	lignes: number;
	source: string | null;
}

export async function lireInventaire(_version?: Version): Promise<LigneInventaire[]> {
	const m = await donnees.pret();
	return m.lignes<LigneInventaire>(sql.inventaire());
}
