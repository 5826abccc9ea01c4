// « Mon réseau », reads: the only module of the page that queries the engine or keeps a cache.
import { sql, type Moteur } from '$lib/db';
import { donnees } from '$lib/state/donnees.svelte';
import { dejaLu, memo } from '$lib/state/memo';
import { derniereAnnee, fenetreAnnees } from '../commun/analyse';
import { lireParParties } from '../commun/lectures';
import { lireFamilles, lireModeles, lirePeriode, parEtapes } from '../commun/modeles';
import { lignesSans, sansCle, separerPar, tranchesPar } from '../commun/separer';
import { analyserReseau, etapesFamilleReseaux, referencesSansReseau } from './analyse';
import type {
	AnalyseReseau,
	CouvertureFormations,
	CouvertureGenerale,
	DonneesReseau,
	EvaluationMembre,
	FicheReseau,
	IndicateurProjet,
	LecturesReseau,
	LigneCollege,
	LigneFormation,
	MembreReseau,
	ObjectifProjet,
	SourcesCommunes,
	TotalCategorie,
	TousReseaux
} from './types';

type Version = number;

/**
 * An open package's network reads (null without a package, or a package that carries none: a
 * school's or a circonscription's, whose network pages are not shown).
 */
const porteReseau = () => donnees.paquet?.porte.reseau ?? null;

/** The académie's category totals of a year, read once per state of the data. */
export function lireCategoriesReferences(annee: string, version: number) {
	// A network's package carries them, masked: its members alone are not the académie.
	const porte = porteReseau();
	if (porte) return Promise.resolve(donnees.paquet?.porte.annee === annee ? porte.categories : []);
	return memo(version, `categories:${annee}`, async () =>
		(await donnees.pret()).lignes<TotalCategorie>(sql.categoriesReferences(annee))
	);
}

/** What the training records cover, read once per state of the data. */
export function lireCouvertureFormations(version: number) {
	const porte = porteReseau();
	if (porte) return Promise.resolve(porte.couverture);
	return memo(version, 'couverture-formations', async () => lireCouverture(await donnees.pret()));
}

/**
 * Everything the network page shows, read in one go (null when the network is unknown); kept per
 * state of the data, as its plan page and its package read it again, and a user goes back to it.
 */
export function lireDonneesReseau(
	id: string,
	version = donnees.version
): Promise<DonneesReseau | null> {
	return memo(version, `donnees-reseau:${id}`, async () =>
		chargerDonneesReseau(
			await donnees.pret(),
			id,
			{
				projet: lireProjetReseaux(version),
				couverture: lireCouvertureFormations(version),
				categories: (annee) => lireCategoriesReferences(annee, version)
			},
			dejaLu<TousReseaux>(version, 'reseaux')
		)
	);
}

/**
 * The projet académique's objectives and indicators every network page shows, once per state of
 * the data (prepared in the background: the first network opened used to wait for them).
 */
export function lireProjetReseaux(version: number) {
	return memo(version, 'projet-reseau', async () => lireProjetReseau(await donnees.pret()));
}

/** Every network's own reads (`lireTousReseaux`), once per state of the data. */
export function lireReseaux(version: Version): Promise<TousReseaux> {
	return memo(version, 'reseaux', async () => lireTousReseaux(await donnees.pret()));
}

type AvecId<T> = T & { reseau_id: string };

/**
 * Every network's own reads at once (the same queries without an id, each in one scan), split by
 * network: read once per state of the data in the background, so that opening a network then
 * waits for no query of its own.
 */
export async function lireTousReseaux(m: Moteur): Promise<TousReseaux> {
	const [fiches, membres, evaluations, formations, college] = await Promise.all([
		m.lignes<FicheReseau>(sql.ficheReseau()),
		m.lignes<AvecId<MembreReseau>>(sql.membresReseau()),
		lireParParties(m, (p) => sql.evaluationsMembresReseau(undefined, p), [
			'reseau_id',
			...sql.TEXTES_RESULTATS
		]),
		m.lignes<AvecId<LigneFormation>>(sql.formationsReseau()),
		m.lignes<AvecId<LigneCollege>>(sql.continuiteReseau())
	]);
	const membresPar = separerPar<MembreReseau, 'reseau_id'>(membres, 'reseau_id');
	const formationsPar = separerPar<LigneFormation, 'reseau_id'>(formations, 'reseau_id');
	const collegePar = separerPar<LigneCollege, 'reseau_id'>(college, 'reseau_id');
	const tranches = tranchesPar(evaluations, 'reseau_id');
	return new Map(
		fiches.map((fiche) => [
			fiche.reseau_id,
			{
				fiche,
				membres: membresPar.get(fiche.reseau_id) ?? [],
				evaluations: tranches.get(fiche.reseau_id) ?? evaluations.slice(0, 0),
				formations: formationsPar.get(fiche.reseau_id) ?? [],
				college: collegePar.get(fiche.reseau_id) ?? []
			}
		])
	);
}

async function lireUnReseau(m: Moteur, id: string): Promise<LecturesReseau> {
	const [[fiche], membres, evaluations, formations, college] = await Promise.all([
		m.lignes<FicheReseau>(sql.ficheReseau(id)),
		m.lignes<AvecId<MembreReseau>>(sql.membresReseau(id)),
		m.table(sql.evaluationsMembresReseau(id)),
		m.lignes<AvecId<LigneFormation>>(sql.formationsReseau(id)),
		m.lignes<AvecId<LigneCollege>>(sql.continuiteReseau(id))
	]);
	return {
		fiche,
		membres: membres.map((x) => sansCle(x, 'reseau_id')),
		evaluations,
		formations: formations.map((x) => sansCle(x, 'reseau_id')),
		college: college.map((x) => sansCle(x, 'reseau_id'))
	};
}

const lireProjetReseau = (m: Moteur) =>
	Promise.all([
		m.lignes<ObjectifProjet>(sql.objectifsProjetReseau()),
		m.lignes<IndicateurProjet>(sql.indicateursProjetReseau())
	]);

const lireCouverture = async (m: Moteur) =>
	(await m.lignes<CouvertureGenerale>(sql.couvertureFormations()))[0];

/**
 * `lireDonneesReseau` on a given engine (the Node one in tests). The network's own rows are read
 * at once; what every network shares (projet, training coverage, the académie's category totals)
 * comes from `communes`, which the app keeps per state of the data.
 */
export async function chargerDonneesReseau(
	m: Moteur,
	id: string,
	communes: SourcesCommunes = {
		projet: lireProjetReseau(m),
		couverture: lireCouverture(m),
		categories: (annee) => m.lignes<TotalCategorie>(sql.categoriesReferences(annee))
	},
	tous?: TousReseaux
): Promise<DonneesReseau | null> {
	const [lu, [objectifs, indicateurs], generale] = await Promise.all([
		tous ? tous.get(id) : lireUnReseau(m, id),
		communes.projet,
		communes.couverture
	]);
	if (!lu?.fiche) return null;
	const { fiche, membres, formations, college } = lu;
	const evaluations = lignesSans<EvaluationMembre>(lu.evaluations, 'reseau_id');
	const annee = derniereAnnee(evaluations);
	const references = annee
		? referencesSansReseau(await communes.categories(annee), evaluations, membres, annee)
		: [];
	const couvertes = new Set(generale.codes ?? []);
	const couverture: CouvertureFormations = {
		lignes: generale.lignes,
		annees: generale.annees,
		circonscriptions: generale.circonscriptions,
		ecoles_couvertes: membres.filter(
			(e) => e.code_circonscription !== null && couvertes.has(e.code_circonscription)
		).length
	};
	return {
		fiche,
		membres,
		evaluations,
		annee,
		fenetre: annee
			? fenetreAnnees(
					evaluations.map((e) => e.annee_scolaire),
					annee
				)
			: [],
		references,
		formations,
		couverture,
		college,
		objectifs,
		indicateurs
	};
}

/** Just what the printable plan needs: the network, its schools' names and the objectives. */
export async function lireFicheReseau(id: string, _version?: Version) {
	const m = await donnees.pret();
	const [fiche] = await m.lignes<FicheReseau>(sql.ficheReseau(id));
	if (!fiche) return null;
	const [membres, objectifs, evaluations] = await Promise.all([
		m
			.lignes<AvecId<MembreReseau>>(sql.membresReseau(id))
			.then((l) => l.map((x) => sansCle(x, 'reseau_id'))),
		m.lignes<ObjectifProjet>(sql.objectifsProjetReseau()),
		m.lignes<{ annee_scolaire: string }>(sql.anneesEvaluees())
	]);
	return { fiche, membres, objectifs, annee: derniereAnnee(evaluations) };
}

/**
 * Every network's own figure under the false-discovery control (`etapesFamilleReseaux`), once per
 * state of the data: in the background, or by the first network page opened before.
 */
export function lireFamilleReseaux(version: Version) {
	// An open package carries its network's cells, decided among every network of the académie.
	if (donnees.paquet) return Promise.resolve(porteReseau()?.famille ?? null);
	return memo(version, 'famille-reseaux', async () => {
		const periode = await lirePeriode(version);
		if (!periode) return null;
		const { annee, fenetre } = periode;
		const [tous, modeles] = await Promise.all([
			lireReseaux(version),
			lireModeles(fenetre, version)
		]);
		// Each network's rows turned into objects only when its turn comes (one step each).
		function* reseaux() {
			for (const [reseau_id, lu] of tous) {
				yield {
					reseau_id,
					libelle: lu.fiche?.libelle ?? reseau_id,
					lignes: lignesSans<EvaluationMembre>(lu.evaluations, 'reseau_id')
				};
			}
		}
		return parEtapes(etapesFamilleReseaux(reseaux(), modeles, annee, fenetre), version);
	});
}

/**
 * A network's statistics: its schools' statuses from the académie's family, its own figure's
 * from the networks' family (both computed in the background, or now when not yet).
 */
export function analyseReseau(d: DonneesReseau, version: Version): Promise<AnalyseReseau> {
	// Kept per state of the data: going back to a network recomputes none of its figures.
	return memo(version, `analyse-reseau:${d.fiche.reseau_id}`, async () => {
		const [modeles, ecoles, reseaux] = await Promise.all([
			lireModeles(d.fenetre, version),
			lireFamilles(version),
			lireFamilleReseaux(version)
		]);
		return analyserReseau(d, modeles, { ecoles, reseaux });
	});
}

/**
 * What the bilan of a network's plan reads: the network's rows of every year imported and each
 * year's models (null when the network is unknown).
 */
export async function lireBilanReseau(id: string, version: Version) {
	const d = await lireDonneesReseau(id, version);
	if (!d) return null;
	const annees = [...new Set(d.evaluations.map((e) => e.annee_scolaire))].sort();
	return { donnees: d, modeles: await lireModeles(annees, version) };
}
