// « Ma circonscription », reads: the only module of the page that queries the engine or keeps
// a cache. Every circonscription is read at once in the background (`lireCirconscriptions`),
// its statistics computed in idle time (`analyserToutesCirconscriptions`).
import { sql, type Moteur } from '$lib/db';
import { donnees } from '$lib/state/donnees.svelte';
import { dejaLu, memo } from '$lib/state/memo';
import { fenetreAnnees } from '../commun/analyse';
import { lireParParties } from '../commun/lectures';
import { lireFamilles, lireModeles } from '../commun/modeles';
import { sansCle, separerPar, tranchesPar } from '../commun/separer';
import { analyserCirconscription } from './analyse';
import type {
	AnalyseCirconscription,
	DonneesCirconscription,
	EcoleCirconscription,
	FicheCirconscription,
	FicheLue,
	FormationCirconscription,
	LecturesCirconscription,
	LigneCirconscription,
	LigneTerritoire,
	ToutesCirconscriptions
} from './types';
import type { Table } from 'apache-arrow';

type Version = number;

/** Arrow columns to row objects: ten thousand rows cost less this way than through toJSON. */
function lignesDepuisArrow(table: Table): LigneCirconscription[] {
	const col = <T>(nom: string) => table.getChild(nom)!.toArray() as ArrayLike<T>;
	const texte = (nom: string) => {
		const vecteur = table.getChild(nom)!;
		return (i: number) => vecteur.get(i) as string;
	};
	const [annee, uai, niveau, discipline, competence, libelle, source] = [
		'annee_scolaire',
		'uai',
		'niveau',
		'discipline',
		'competence_id',
		'competence_libelle',
		'source'
	].map(texte);
	const [ordre, n, besoin, fragile, satisfaisant] = [
		'ordre',
		'n_eleves',
		'n_besoin',
		'n_fragile',
		'n_satisfaisant'
	].map((nom) => col<number>(nom));
	const ips = table.getChild('ips')!;
	const lignes: LigneCirconscription[] = new Array(table.numRows);
	for (let i = 0; i < table.numRows; i++) {
		lignes[i] = {
			annee_scolaire: annee(i),
			uai: uai(i),
			niveau: niveau(i),
			discipline: discipline(i),
			competence_id: competence(i),
			competence_libelle: libelle(i),
			ordre: Number(ordre[i]),
			n_eleves: Number(n[i]),
			n_besoin: Number(besoin[i]),
			n_fragile: Number(fragile[i]),
			n_satisfaisant: Number(satisfaisant[i]),
			ips: ips.isValid(i) ? Number(ips.get(i)) : null,
			source: source(i) ?? ''
		};
	}
	return lignes;
}

/**
 * What the fiche says of the latest evaluated year, from the schools' rows (as one scan of them in
 * SQL would: pupils counted once per school and niveau, the largest count of its competences).
 */
function chiffresFiche(lignes: readonly LigneCirconscription[]) {
	let derniere: string | null = null;
	const annees = new Set<string>();
	for (const l of lignes) {
		annees.add(l.annee_scolaire);
		if (derniere === null || l.annee_scolaire > derniere) derniere = l.annee_scolaire;
	}
	const parNiveau = new Map<string, number>();
	for (const l of lignes) {
		if (l.annee_scolaire !== derniere) continue;
		const cle = `${l.uai}|${l.niveau}`;
		parNiveau.set(cle, Math.max(parNiveau.get(cle) ?? 0, l.n_eleves));
	}
	return {
		derniere_annee: derniere,
		nb_annees: annees.size,
		nb_ecoles_evaluees: new Set(
			lignes.filter((l) => l.annee_scolaire === derniere).map((l) => l.uai)
		).size,
		eleves_evalues: [...parNiveau.values()].reduce((s, n) => s + n, 0)
	};
}

/**
 * Every circonscription's reads at once (the same queries without a code, each in one scan of
 * the académie), split by code: read once per state of the data, in the background, so that
 * opening a circonscription then waits for no query. The evaluations stay Arrow columns, sliced
 * per circonscription (they are sorted by code).
 */
export async function lireToutesCirconscriptions(moteur: Moteur): Promise<ToutesCirconscriptions> {
	type AvecCode<T> = T & { code_circonscription: string };
	const [circos, ecoles, evaluations, territoires, formations] = await Promise.all([
		moteur.lignes<FicheLue>(sql.circonscriptions()),
		moteur.lignes<AvecCode<Omit<EcoleCirconscription, 'evaluee'>>>(sql.ecolesCirconscription()),
		lireParParties(moteur, (p) => sql.evaluationsCirconscription(undefined, p), [
			'code_circonscription',
			...sql.TEXTES_RESULTATS
		]),
		moteur.lignes<AvecCode<LigneTerritoire>>(sql.territoiresCirconscription()),
		moteur.lignes<AvecCode<FormationCirconscription>>(sql.formationsCirconscription())
	]);
	const ecolesParCode = separerPar<Omit<EcoleCirconscription, 'evaluee'>, 'code_circonscription'>(
		ecoles,
		'code_circonscription'
	);
	const territoiresParCode = separerPar<LigneTerritoire, 'code_circonscription'>(
		territoires,
		'code_circonscription'
	);
	const formationsParCode = separerPar<FormationCirconscription, 'code_circonscription'>(
		formations,
		'code_circonscription'
	);
	const tranches = tranchesPar(evaluations, 'code_circonscription');
	const toutes = new Map<string, LecturesCirconscription>();
	for (const circo of circos) {
		const code = circo.code_circonscription;
		toutes.set(code, {
			circo,
			ecoles: ecolesParCode.get(code) ?? [],
			evaluations: tranches.get(code) ?? evaluations.slice(0, 0),
			territoires: territoiresParCode.get(code) ?? [],
			formations: formationsParCode.get(code) ?? []
		});
	}
	return toutes;
}

/** One circonscription's reads (the page opened before `lireToutesCirconscriptions` ended). */
async function lireUneCirconscription(
	moteur: Moteur,
	code: string
): Promise<LecturesCirconscription> {
	const [[circo], ecoles, evaluations, territoires, formations] = await Promise.all([
		moteur.lignes<FicheLue>(sql.circonscription(code)),
		moteur.lignes<Omit<EcoleCirconscription, 'evaluee'>>(sql.ecolesCirconscription(code)),
		moteur.table(sql.evaluationsCirconscription(code)),
		moteur.lignes<LigneTerritoire>(sql.territoiresCirconscription(code)),
		moteur.lignes<FormationCirconscription>(sql.formationsCirconscription(code))
	]);
	return {
		circo,
		ecoles: ecoles.map((e) => sansCle(e, 'code_circonscription')),
		evaluations,
		territoires: territoires.map((t) => sansCle(t, 'code_circonscription')),
		formations: formations.map((f) => sansCle(f, 'code_circonscription'))
	};
}

/**
 * Everything the page needs from the engine, or null when the code is unknown: taken from
 * `toutes` when every circonscription is already read, else read for this one (the reads are
 * sent together: one wait for the engine, not two).
 */
export async function lireDonneesCirconscription(
	moteur: Moteur,
	code: string,
	toutes?: ToutesCirconscriptions
): Promise<DonneesCirconscription | null> {
	const lu = toutes ? toutes.get(code) : await lireUneCirconscription(moteur, code);
	const circo = lu?.circo;
	if (!lu || !circo) return null;
	const { ecoles, territoires, formations } = lu;
	const lignes = lignesDepuisArrow(lu.evaluations);
	const fiche: FicheCirconscription = {
		...circo,
		nb_ecoles: ecoles.length,
		...chiffresFiche(lignes)
	};
	const annee = fiche.derniere_annee ?? '';
	const evaluees = new Set(lignes.map((l) => l.uai));
	const fenetre = annee
		? fenetreAnnees(
				lignes.map((l) => l.annee_scolaire),
				annee
			)
		: [];
	return {
		fiche,
		ecoles: ecoles.map((e) => ({ ...e, evaluee: evaluees.has(e.uai) })),
		lignes,
		territoires,
		formations,
		annee,
		fenetre
	};
}

/** Every circonscription's reads (`lireToutesCirconscriptions`), once per state of the data. */
export function lireCirconscriptions(version: Version): Promise<ToutesCirconscriptions> {
	return memo(version, 'circonscriptions', async () =>
		lireToutesCirconscriptions(await donnees.pret())
	);
}

const circonscriptionsDejaLues = (version: Version) =>
	dejaLu<ToutesCirconscriptions>(version, 'circonscriptions');

export interface CirconscriptionAnalysee {
	/** Without its schools' rows: the statistics' input, which the bilan reads again. */
	d: Omit<DonneesCirconscription, 'lignes'>;
	analyse: AnalyseCirconscription;
}

/**
 * A circonscription's data and statistics (every school × competence against its expected
 * share with its status in the académie's families, the masking), once per state of the data: the page shows them, and `preparerVues`
 * computes every circonscription's in idle time so that opening one waits for nothing.
 */
export function analyseCirconscription(
	code: string,
	version: number
): Promise<CirconscriptionAnalysee | null> {
	return memo(version, `analyse-circonscription:${code}`, async () => {
		const moteur = await donnees.pret();
		const lu = await lireDonneesCirconscription(moteur, code, circonscriptionsDejaLues(version));
		if (!lu) return null;
		// An open package carries its circonscription's comparison with its département and the
		// académie (masked): the other schools those pool are not loaded.
		const porte = donnees.paquet?.porte.circonscription;
		const d = porte ? { ...lu, territoires: porte.territoires } : lu;
		const [modeles, familles] = await Promise.all([
			lireModeles(d.fenetre, version),
			lireFamilles(version)
		]);
		const analyse = analyserCirconscription(d, modeles, familles);
		// Every circonscription's analysis is kept: its rows would weigh ≈ 0,5 MB more each.
		const { fiche, ecoles, territoires, formations, annee, fenetre } = d;
		return { d: { fiche, ecoles, territoires, formations, annee, fenetre }, analyse };
	});
}

/** Resolves when the main thread is idle (or after `maxMs`), to compute without holding input. */
const inactif = (maxMs = 1000) =>
	new Promise<void>((ok) =>
		typeof requestIdleCallback === 'function'
			? requestIdleCallback(() => ok(), { timeout: maxMs })
			: setTimeout(ok, 0)
	);

/**
 * Every circonscription's analysis, one per idle period (≈ 50 ms of statistics each), stopping
 * as soon as `aJour` says the data changed.
 */
export async function analyserToutesCirconscriptions(
	version: number,
	aJour: () => boolean
): Promise<void> {
	const toutes = await lireCirconscriptions(version);
	for (const code of toutes.keys()) {
		if (!aJour()) return;
		await inactif();
		if (!aJour()) return;
		await analyseCirconscription(code, version);
	}
}

/**
 * What the circonscription's bilan reads: its schools' rows of every year and the académie's
 * model of each of those years (each side of a bilan is compared to its own years' models).
 */
export async function lireBilanCirconscription(code: string, version: number) {
	const moteur = await donnees.pret();
	const d = await lireDonneesCirconscription(moteur, code, circonscriptionsDejaLues(version));
	if (!d) return null;
	const annees = [...new Set(d.lignes.map((l) => l.annee_scolaire))].sort();
	return { donnees: d, modeles: await lireModeles(annees, version) };
}
