/**
 * « Mon réseau » (REP+, REP, TER, secteur de collège): what the page reads, and the view models it
 * lays out. The statistics come from `$lib/indicators` only: a school or the network is « en
 * point de vigilance » when the library classifies it so, never from a gap read here.
 */
import { sql, type Moteur } from '$lib/db';
import {
	agregerGroupe,
	comparerAReference,
	evolutionEcart,
	libelleAnnees,
	masquerCellules,
	partAffichable,
	SOURCE_DEFAUT,
	type CatalogueModeles,
	type Evolution,
	type LigneEvaluation,
	type PartAffichable,
	type ResultatAgregat,
	type ResultatComparaison,
	type ResultatEcart
} from '$lib/indicators';
import { debutAnnee } from '$lib/indicators/annees';
import { classerPriorites, ecartCumule, type Priorite } from '$lib/indicators/priorites';
import { formatPoints } from '$lib/format';
import type { Table } from 'apache-arrow';
import { dejaLu, memo } from './agregats';
import { lignesSans, sansCle, separerPar, tranchesPar } from './separer';
import { donnees } from './donnees.svelte';
import { derniereAnnee, fenetreAnnees } from './vues';

type Version = number;

// ---------------------------------------------------------------------------------------------
// Reads

export interface FicheReseau {
	reseau_id: string;
	type: string;
	libelle: string;
	uai_tete: string | null;
	nom_tete: string | null;
	commune_tete: string | null;
	ep_tete: string | null;
	nb_ecoles: number;
	nb_colleges: number;
	source: string;
}

export interface MembreReseau {
	uai: string;
	nom: string;
	commune: string;
	type: string;
	groupe_proximite: string | null;
	education_prioritaire: string | null;
	rural: boolean | null;
	code_circonscription: string | null;
	circonscription: string | null;
	ips: number | null;
	annee_ips: string | null;
	nb_eleves: number | null;
	annee_effectifs: string | null;
	source: string;
}

export interface EvaluationMembre extends LigneEvaluation {
	competence_libelle: string;
	ordre: number;
	source: string;
}

export type CategorieReference = 'academie' | 'hors_reseau' | 'REP+' | 'REP' | 'rurale';

export interface ReferenceCategorie {
	categorie: CategorieReference;
	niveau: string;
	discipline: string;
	competence_id: string;
	nb_ecoles: number;
	n_eleves: number;
	n_besoin: number;
	n_satisfaisant: number;
	source: string;
}

export interface LigneFormation {
	annee_scolaire: string;
	uai: string | null;
	type: string | null;
	discipline: string | null;
	theme: string | null;
	agregat: 'theme' | 'ecole_theme' | 'ecole';
	libelle: string | null;
	participants: number;
	heures: number;
	nb_ecoles: number;
	modules: number;
	source: string;
}

export interface CouvertureFormations {
	lignes: number;
	annees: string | null;
	circonscriptions: string | null;
	ecoles_couvertes: number;
}

export interface LigneCollege {
	annee_scolaire: string;
	uai: string;
	niveau: string;
	discipline: string;
	domaine_id: string;
	domaine_libelle: string;
	n_eleves: number;
	score_moyen: number | null;
	groupe_1: number;
	groupe_2: number;
	groupe_3: number;
	groupe_4: number;
	groupe_5: number;
	groupe_6: number;
	source: string;
	n_academie: number | null;
	score_academie: number | null;
	groupe_1_academie: number | null;
	groupe_2_academie: number | null;
	groupe_5_academie: number | null;
	groupe_6_academie: number | null;
	nb_colleges: number | null;
}

export interface ObjectifProjet {
	id: string;
	libelle: string;
	axe_id: string | null;
	axe: string | null;
	ambition_id: string | null;
	ambition: string | null;
}

export interface IndicateurProjet {
	objectif_id: string;
	indicateur: string;
	niveau: string | null;
	discipline: string | null;
	competence_id: string | null;
}

export interface DonneesReseau {
	fiche: FicheReseau;
	membres: MembreReseau[];
	evaluations: EvaluationMembre[];
	/** Latest evaluation year of the member schools ('' when none). */
	annee: string;
	/** Years pooled for the schools' classification: the three ending with `annee`. */
	fenetre: string[];
	references: ReferenceCategorie[];
	formations: LigneFormation[];
	couverture: CouvertureFormations;
	college: LigneCollege[];
	objectifs: ObjectifProjet[];
	indicateurs: IndicateurProjet[];
}

/** One category's counts over the whole académie, one year (`sql.categoriesReferences`). */
export interface TotalCategorie {
	categorie: Exclude<CategorieReference, 'hors_reseau'>;
	niveau: string;
	discipline: string;
	competence_id: string;
	lignes: number;
	nb_ecoles: number;
	n_eleves: number | null;
	nb_n_eleves: number;
	n_besoin: number | null;
	nb_n_besoin: number;
	n_satisfaisant: number | null;
	nb_n_satisfaisant: number;
	source: string;
}

/** What the imported training records cover, for every network (`sql.couvertureFormations`). */
export interface CouvertureGenerale {
	lignes: number;
	annees: string | null;
	circonscriptions: string | null;
	codes: Iterable<string> | null;
}

/** Where a network's reads that do not depend on the network come from (cached by the app). */
export interface SourcesCommunes {
	projet: Promise<[ObjectifProjet[], IndicateurProjet[]]>;
	couverture: Promise<CouvertureGenerale>;
	categories: (annee: string) => Promise<TotalCategorie[]>;
}

const binaire = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The reference sets of `sql.referencesReseau` from the académie's category totals: the académie
 * as it is, and every other set without the network's own schools (their rows of the year taken
 * out one by one). Same rows, same counts, same order as the query.
 */
export function referencesSansReseau(
	totaux: readonly TotalCategorie[],
	evaluations: readonly EvaluationMembre[],
	membres: readonly MembreReseau[],
	annee: string
): ReferenceCategorie[] {
	const parUai = new Map(membres.map((m) => [m.uai, m]));
	const retraits = new Map<
		string,
		{
			lignes: number;
			uais: Set<string>;
			n: [number, number];
			b: [number, number];
			s: [number, number];
		}
	>();
	const retirer = (categorie: string, l: EvaluationMembre) => {
		const cle = `${categorie}|${l.niveau}|${l.discipline}|${l.competence_id}`;
		let r = retraits.get(cle);
		if (!r)
			retraits.set(cle, (r = { lignes: 0, uais: new Set(), n: [0, 0], b: [0, 0], s: [0, 0] }));
		r.lignes++;
		r.uais.add(l.uai);
		for (const [somme, x] of [
			[r.n, l.n_eleves],
			[r.b, l.n_besoin],
			[r.s, l.n_satisfaisant]
		] as const) {
			if (x === null || x === undefined) continue;
			somme[0] += x;
			somme[1]++;
		}
	};
	for (const l of evaluations) {
		if (l.annee_scolaire !== annee) continue;
		const m = parUai.get(l.uai);
		retirer('hors_reseau', l);
		if (m?.education_prioritaire === 'REP+') retirer('REP+', l);
		if (m?.education_prioritaire === 'REP') retirer('REP', l);
		if (m?.rural) retirer('rurale', l);
	}
	const resultat: ReferenceCategorie[] = [];
	const ajouter = (categorie: CategorieReference, t: TotalCategorie) => {
		const r =
			categorie === 'academie'
				? undefined
				: retraits.get(`${categorie}|${t.niveau}|${t.discipline}|${t.competence_id}`);
		if (t.lignes - (r?.lignes ?? 0) === 0) return;
		// SQL's sum of what is left: null when only nulls are left.
		const reste = (somme: number | null, nombre: number, retrait?: [number, number]) =>
			nombre - (retrait?.[1] ?? 0) === 0 ? null : (somme ?? 0) - (retrait?.[0] ?? 0);
		resultat.push({
			categorie,
			niveau: t.niveau,
			discipline: t.discipline,
			competence_id: t.competence_id,
			nb_ecoles: t.nb_ecoles - (r?.uais.size ?? 0),
			n_eleves: reste(t.n_eleves, t.nb_n_eleves, r?.n)!,
			n_besoin: reste(t.n_besoin, t.nb_n_besoin, r?.b)!,
			n_satisfaisant: reste(t.n_satisfaisant, t.nb_n_satisfaisant, r?.s)!,
			source: t.source
		});
	};
	for (const t of totaux) {
		ajouter(t.categorie, t);
		if (t.categorie === 'academie') ajouter('hors_reseau', t);
	}
	return resultat.sort(
		(a, b) =>
			binaire(a.categorie, b.categorie) ||
			binaire(a.niveau, b.niveau) ||
			binaire(a.discipline, b.discipline) ||
			binaire(a.competence_id, b.competence_id)
	);
}

/** The académie's category totals of a year, read once per state of the data. */
export const lireCategoriesReferences = (annee: string, version: number) =>
	memo(version, `categories:${annee}`, async () =>
		(await donnees.pret()).lignes<TotalCategorie>(sql.categoriesReferences(annee))
	);

/** What the training records cover, read once per state of the data. */
export const lireCouvertureFormations = (version: number) =>
	memo(version, 'couverture-formations', async () => lireCouverture(await donnees.pret()));

/** Everything the network page shows, read in one go (null when the network is unknown). */
export async function lireDonneesReseau(
	id: string,
	version = donnees.version
): Promise<DonneesReseau | null> {
	const m = await donnees.pret();
	return chargerDonneesReseau(
		m,
		id,
		{
			projet: memo(version, 'projet-reseau', () => lireProjetReseau(m)),
			couverture: lireCouvertureFormations(version),
			categories: (annee) => lireCategoriesReferences(annee, version)
		},
		dejaLu<TousReseaux>(version, 'reseaux')
	);
}

/** Every network's own reads (`lireTousReseaux`), once per state of the data. */
export function lireReseaux(version: Version): Promise<TousReseaux> {
	return memo(version, 'reseaux', async () => lireTousReseaux(await donnees.pret()));
}

/** What the engine gives for one network, beside what every network shares. */
export interface LecturesReseau {
	fiche: FicheReseau | undefined;
	membres: MembreReseau[];
	/** Arrow columns, turned into rows only for the network opened. */
	evaluations: Table;
	formations: LigneFormation[];
	college: LigneCollege[];
}

export type TousReseaux = ReadonlyMap<string, LecturesReseau>;

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
		m.table(sql.evaluationsMembresReseau()),
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

// ---------------------------------------------------------------------------------------------
// The network and its schools

export const LIBELLE_TYPE: Record<string, string> = {
	'REP+': 'Réseau d’éducation prioritaire renforcé (REP+)',
	REP: 'Réseau d’éducation prioritaire (REP)',
	TER: 'Territoire éducatif rural (TER)',
	secteur: 'Secteur de collège',
	RPI: 'Regroupement pédagogique intercommunal (RPI)',
	autre: 'Réseau'
};

/**
 * School names as shown in the network's lists: a name shared by two member schools (« École
 * primaire du Centre ») gets its commune, and its UAI if the commune is shared too.
 */
export function nomsDistincts(membres: readonly MembreReseau[]): Map<string, string> {
	const compte = (cle: (m: MembreReseau) => string) => {
		const n = new Map<string, number>();
		for (const m of membres) n.set(cle(m), (n.get(cle(m)) ?? 0) + 1);
		return n;
	};
	const parNom = compte((m) => m.nom);
	const parNomCommune = compte((m) => `${m.nom}|${m.commune}`);
	return new Map(
		membres.map((m) => [
			m.uai,
			(parNom.get(m.nom) ?? 0) < 2
				? m.nom
				: (parNomCommune.get(`${m.nom}|${m.commune}`) ?? 0) < 2
					? `${m.nom} (${m.commune})`
					: `${m.nom} (${m.commune}, ${m.uai})`
		])
	);
}

export function resumeMembres(membres: readonly MembreReseau[]) {
	const ips = membres.map((m) => m.ips).filter((x): x is number => x !== null);
	const eleves = membres.map((m) => m.nb_eleves).filter((x): x is number => x !== null);
	const annees = [...new Set(membres.map((m) => m.annee_effectifs).filter(Boolean))].sort();
	return {
		ecoles: membres.length,
		maternelles: membres.filter((m) => m.type === 'maternelle').length,
		ep: membres.filter((m) => m.education_prioritaire).length,
		rurales: membres.filter((m) => m.rural).length,
		eleves: eleves.length ? eleves.reduce((s, x) => s + x, 0) : null,
		anneeEffectifs: annees.at(-1) ?? null,
		ipsMin: ips.length ? Math.min(...ips) : null,
		ipsMax: ips.length ? Math.max(...ips) : null,
		circonscriptions: [
			...new Set(membres.map((m) => m.circonscription).filter((c): c is string => !!c))
		].sort((a, b) => a.localeCompare(b, 'fr'))
	};
}

// ---------------------------------------------------------------------------------------------
// Competences: the network's pooled figure, its schools, shared needs

export interface EcoleCompetence {
	uai: string;
	nom: string;
	/** Classified on the pooled window (`DonneesReseau.fenetre`). */
	resultat: ResultatEcart;
	/**
	 * 'primaire': fewer than 10 pupils even pooled; 'secondaire': hidden so that a masked school
	 * cannot be recovered as the network's total minus the others.
	 */
	masque: 'primaire' | 'secondaire' | null;
}

export interface AnalyseCompetence {
	cle: string;
	niveau: string;
	discipline: string;
	competence_id: string;
	libelle: string;
	ordre: number;
	/** The network's pooled figure, latest year. */
	reseau: ResultatAgregat;
	/** The network's pooled figure each year of the window (the trend). */
	annees: ResultatAgregat[];
	/** Change of the network's gap to expected from the first to the last year of the window. */
	evolution: Evolution | null;
	ecoles: EcoleCompetence[];
	vigilance: EcoleCompetence[];
	appui: EcoleCompetence[];
	/** Why it is a shared need: the network as a whole, or several of its schools; null if not. */
	motif: 'reseau' | 'ecoles' | null;
}

export interface FormationEcole {
	uai: string;
	nom: string;
	annees: string[];
	types: string[];
	participants: number;
	heures: number;
}

export interface BesoinPartage {
	cle: string;
	competence: AnalyseCompetence;
	/** The schools the need concerns: all evaluated members if the network is below, else the flagged ones. */
	concernees: EcoleCompetence[];
	/** Schools concerned whose teams had training on this competence (any year imported). */
	formees: FormationEcole[];
	ecart: number | null;
	ecoles: number;
	ecoles_formees: number;
}

export interface AnalyseReseau {
	annee: string;
	fenetre: string[];
	competences: AnalyseCompetence[];
	priorites: Priorite<BesoinPartage>[];
}

const ORDRE_NIVEAU = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'];

function trierCompetences<T extends { niveau: string; discipline: string; ordre: number }>(
	liste: T[]
): T[] {
	return liste.sort(
		(a, b) =>
			ORDRE_NIVEAU.indexOf(a.niveau) - ORDRE_NIVEAU.indexOf(b.niveau) ||
			a.discipline.localeCompare(b.discipline) ||
			a.ordre - b.ordre
	);
}

/** A network's pooled gap as the shape `evolutionEcart` reads (one unit followed over years). */
function commeEcart(a: ResultatAgregat): ResultatEcart {
	return {
		...a,
		uai: a.libelle,
		ips: null,
		ecart_estime: null,
		comparaison_population: null,
		modele: null
	};
}

/**
 * Classifies the network and each member school on every competence evaluated in the latest
 * year, finds the shared needs and ranks them (`classerPriorites`). Schools are classified on the
 * window's pooled years (steadier than one cohort, and labelled as such); the network's own
 * figure is the latest year's.
 */
export function analyserReseau(d: DonneesReseau, modeles: CatalogueModeles): AnalyseReseau {
	if (!d.annee) return { annee: '', fenetre: [], competences: [], priorites: [] };
	const noms = nomsDistincts(d.membres);
	const dansFenetre = new Set(d.fenetre);
	const parCompetence = new Map<string, EvaluationMembre[]>();
	for (const l of d.evaluations) {
		if (!dansFenetre.has(l.annee_scolaire)) continue;
		const cle = `${l.niveau}|${l.competence_id}`;
		let liste = parCompetence.get(cle);
		if (!liste) parCompetence.set(cle, (liste = []));
		liste.push(l);
	}
	const formationsParTheme = new Map<string, LigneFormation[]>();
	for (const f of d.formations) {
		if (f.agregat !== 'ecole_theme' || !f.theme || !f.uai || f.participants === 0) continue;
		let liste = formationsParTheme.get(f.theme);
		if (!liste) formationsParTheme.set(f.theme, (liste = []));
		liste.push(f);
	}

	const competences: AnalyseCompetence[] = [];
	for (const [cle, lignes] of parCompetence) {
		if (!lignes.some((l) => l.annee_scolaire === d.annee && l.n_eleves > 0)) continue;
		const options = { libelle: d.fiche.libelle };
		const reseau = agregerGroupe(lignes, modeles, {
			...options,
			annee_scolaire: d.annee,
			regrouper_toujours: true,
			max_annees: d.fenetre.length
		});
		const annees = d.fenetre
			.filter((a) => lignes.some((l) => l.annee_scolaire === a && l.n_eleves > 0))
			.map((a) =>
				a === d.annee
					? reseau
					: agregerGroupe(lignes, modeles, { ...options, annee_scolaire: a, regrouper: false })
			);
		const evolution =
			annees.length >= 2 ? evolutionEcart(commeEcart(annees[0]), commeEcart(annees.at(-1)!)) : null;
		const masquage = masquerCellules(
			reseau.resultats_membres.map((r) => ({ id: r.uai, n: r.n })),
			{ n_total: lignes.reduce((s, l) => s + l.n_eleves, 0) }
		);
		const ecoles: EcoleCompetence[] = reseau.resultats_membres
			.map((resultat) => ({
				uai: resultat.uai,
				nom: noms.get(resultat.uai) ?? resultat.uai,
				resultat,
				masque: masquage.primaires.includes(resultat.uai)
					? ('primaire' as const)
					: masquage.secondaires.includes(resultat.uai)
						? ('secondaire' as const)
						: null
			}))
			.sort((a, b) => a.nom.localeCompare(b.nom, 'fr') || a.uai.localeCompare(b.uai));
		const vigilance = ecoles.filter((e) => e.resultat.classement === 'point_vigilance');
		const appui = ecoles.filter((e) => e.resultat.classement === 'point_appui');
		const premiere = lignes.find((l) => l.annee_scolaire === d.annee)!;
		competences.push({
			cle,
			niveau: premiere.niveau,
			discipline: premiere.discipline,
			competence_id: premiere.competence_id,
			libelle: premiere.competence_libelle,
			ordre: premiere.ordre,
			reseau,
			annees,
			evolution,
			ecoles,
			vigilance,
			appui,
			motif:
				reseau.classement === 'point_vigilance' ? 'reseau' : vigilance.length >= 2 ? 'ecoles' : null
		});
	}
	trierCompetences(competences);

	const besoins: BesoinPartage[] = competences
		.filter((c) => c.motif !== null)
		.map((c) => {
			const concernees = c.motif === 'reseau' ? c.ecoles : c.vigilance;
			const formations = formationsParTheme.get(c.competence_id) ?? [];
			const formees: FormationEcole[] = [];
			for (const e of concernees) {
				const siennes = formations.filter((f) => f.uai === e.uai);
				if (!siennes.length) continue;
				formees.push({
					uai: e.uai,
					nom: e.nom,
					annees: [...new Set(siennes.map((f) => f.annee_scolaire))].sort(),
					types: [...new Set(siennes.map((f) => f.type ?? ''))].filter(Boolean).sort(),
					participants: siennes.reduce((s, f) => s + f.participants, 0),
					heures: siennes.reduce((s, f) => s + f.heures, 0)
				});
			}
			return {
				cle: c.cle,
				competence: c,
				concernees,
				formees,
				// The established gap: the network's own when the need is the network's, else the
				// flagged schools' pooled over the window.
				ecart:
					c.motif === 'reseau' ? c.reseau.ecart : ecartCumule(concernees.map((e) => e.resultat)),
				ecoles: concernees.length,
				ecoles_formees: formees.length
			};
		});
	return { annee: d.annee, fenetre: d.fenetre, competences, priorites: classerPriorites(besoins) };
}

// ---------------------------------------------------------------------------------------------
// The network against the académie, REP+, REP or rural schools

export interface OptionReference {
	categorie: Exclude<CategorieReference, 'academie'>;
	libelle: string;
	nb_ecoles: number;
}

const LIBELLES_REFERENCE: Record<Exclude<CategorieReference, 'academie'>, string> = {
	hors_reseau: 'reste de l’académie',
	'REP+': 'écoles REP+ hors réseau',
	REP: 'écoles REP hors réseau',
	rurale: 'écoles rurales hors réseau'
};

/** The reference sets that hold at least one school outside the network. */
export function optionsReference(refs: readonly ReferenceCategorie[]): OptionReference[] {
	return (['hors_reseau', 'REP+', 'REP', 'rurale'] as const)
		.map((categorie) => ({
			categorie,
			libelle: LIBELLES_REFERENCE[categorie],
			nb_ecoles: Math.max(
				0,
				...refs.filter((r) => r.categorie === categorie).map((r) => r.nb_ecoles)
			)
		}))
		.filter((o) => o.nb_ecoles > 0);
}

/** REP+ and REP networks against schools like theirs, TER against rural schools, else the académie. */
export function referenceParDefaut(
	type: string,
	options: readonly OptionReference[]
): OptionReference['categorie'] {
	const voulue = type === 'REP+' ? 'REP+' : type === 'REP' ? 'REP' : type === 'TER' ? 'rurale' : '';
	if (options.some((o) => o.categorie === voulue)) return voulue as OptionReference['categorie'];
	if (type === 'REP+' && options.some((o) => o.categorie === 'REP')) return 'REP';
	return 'hors_reseau';
}

export interface LigneComparaison {
	cle: string;
	niveau: string;
	discipline: string;
	competence: string;
	n: number;
	observe: PartAffichable;
	/** Share of the académie as a whole (the network included), for information. */
	academie: number | null;
	reference: { part: number; n: number; nb_ecoles: number } | null;
	comparaison: ResultatComparaison | null;
	reseau: ResultatAgregat;
}

export function lignesComparaison(
	analyse: AnalyseReseau,
	refs: readonly ReferenceCategorie[],
	categorie: OptionReference['categorie']
): LigneComparaison[] {
	const trouver = (c: CategorieReference, id: string, niveau: string) =>
		refs.find((r) => r.categorie === c && r.competence_id === id && r.niveau === niveau);
	return analyse.competences.map((c) => {
		const ref = trouver(categorie, c.competence_id, c.niveau);
		const academie = trouver('academie', c.competence_id, c.niveau);
		const observe = c.reseau.observe;
		const k = observe.masque ? 0 : observe.k;
		const comparaison =
			ref && ref.n_eleves > 0 && !observe.masque
				? comparerAReference(
						{ k, n: c.reseau.n, annee_scolaire: analyse.annee, source: SOURCE_DEFAUT },
						{
							libelle: LIBELLES_REFERENCE[categorie],
							annee_scolaire: analyse.annee,
							source: ref.source,
							comptes: { k: ref.n_satisfaisant, n: ref.n_eleves }
						}
					)
				: null;
		return {
			cle: c.cle,
			niveau: c.niveau,
			discipline: c.discipline,
			competence: c.libelle,
			n: c.reseau.n,
			observe,
			academie: academie && academie.n_eleves ? academie.n_satisfaisant / academie.n_eleves : null,
			reference:
				ref && ref.n_eleves
					? { part: ref.n_satisfaisant / ref.n_eleves, n: ref.n_eleves, nb_ecoles: ref.nb_ecoles }
					: null,
			comparaison,
			reseau: c.reseau
		};
	});
}

// ---------------------------------------------------------------------------------------------
// Training already given (counted, never named)

export interface VueFormations {
	annees: string[];
	parTheme: (LigneFormation & { estCompetence: boolean })[];
	parEcole: {
		uai: string;
		nom: string;
		parAnnee: Record<string, { participants: number; heures: number }>;
	}[];
	totaux: Record<string, { participants: number; heures: number }>;
	sources: string;
}

export function vueFormations(
	formations: readonly LigneFormation[],
	membres: readonly MembreReseau[],
	competences: ReadonlySet<string>
): VueFormations {
	const annees = [...new Set(formations.map((f) => f.annee_scolaire))].sort();
	const parTheme = formations
		.filter((f) => f.agregat === 'theme')
		.map((f) => ({ ...f, estCompetence: !!f.theme && competences.has(f.theme) }))
		.sort(
			(a, b) =>
				b.annee_scolaire.localeCompare(a.annee_scolaire) ||
				b.heures - a.heures ||
				(a.libelle ?? '').localeCompare(b.libelle ?? '', 'fr')
		);
	const totaux: VueFormations['totaux'] = {};
	const noms = nomsDistincts(membres);
	const parEcole = membres.map((m) => {
		const parAnnee: Record<string, { participants: number; heures: number }> = {};
		for (const f of formations) {
			if (f.agregat !== 'ecole' || f.uai !== m.uai) continue;
			parAnnee[f.annee_scolaire] = { participants: f.participants, heures: f.heures };
			const t = (totaux[f.annee_scolaire] ??= { participants: 0, heures: 0 });
			t.participants += f.participants;
			t.heures += f.heures;
		}
		return { uai: m.uai, nom: noms.get(m.uai) ?? m.nom, parAnnee };
	});
	const sources = [...new Set(formations.map((f) => f.source).filter(Boolean))].join(', ');
	return { annees, parTheme, parEcole, totaux, sources };
}

// ---------------------------------------------------------------------------------------------
// Continuity école → collège

/**
 * Which school competences (CE1, CM1) measure what a 6e domain measures. The tests differ: the
 * pairing says where to look side by side, not that the figures are comparable.
 */
export const CONTINUITE_6E: Readonly<Record<string, readonly string[]>> = {
	'6E-FR-COMPREHENSION-ECRIT': ['CM1-FR-TEXTE-SEUL', 'CE1-FR-TEXTE-SEUL', 'CE1-FR-PHRASES-SEUL'],
	'6E-FR-COMPREHENSION-ORAL': ['CM1-FR-TEXTE-ORAL', 'CE1-FR-PHRASES-ORAL', 'CE1-FR-MOTS-ORAL'],
	'6E-FR-ETUDE-LANGUE': [
		'CM1-FR-PHRASE',
		'CM1-FR-ORTHOGRAPHE',
		'CM1-FR-LEXIQUE',
		'CE1-FR-MOTS-DICTES'
	],
	'6E-FR-FLUENCE': ['CM1-FR-FLUENCE', 'CE1-FR-FLUENCE'],
	'6E-MA-NOMBRES-CALCUL': [
		'CM1-MA-NOMBRES',
		'CM1-MA-CALCULER',
		'CE1-MA-LIRE-NOMBRES',
		'CE1-MA-ADDITIONNER',
		'CE1-MA-SOUSTRAIRE'
	],
	'6E-MA-AUTOMATISMES': ['CM1-MA-CALCULER', 'CE1-MA-CALCUL-MENTAL'],
	'6E-MA-RESOLUTION': ['CM1-MA-PROBLEMES', 'CE1-MA-PROBLEMES'],
	'6E-MA-GEOMETRIE': ['CE1-MA-ASSEMBLAGE'],
	'6E-MA-GRANDEURS-MESURES': []
};

export interface LigneContinuite {
	domaine_id: string;
	domaine: string;
	discipline: string;
	annee: string;
	n: number;
	score: number | null;
	score_academie: number | null;
	/** Pupils in groupes 1 and 2 (the weakest of six). */
	fragiles: PartAffichable;
	fragiles_academie: number | null;
	comparaison: ResultatComparaison | null;
	ecoles: { competence_id: string; niveau: string; libelle: string; reseau: ResultatAgregat }[];
	source: string;
}

export function vueContinuite(
	college: readonly LigneCollege[],
	analyse: AnalyseReseau
): { annee: string; lignes: LigneContinuite[] } {
	const annee = derniereAnnee(college);
	const parCompetence = new Map(analyse.competences.map((c) => [c.competence_id, c]));
	const lignes = college
		.filter((l) => l.annee_scolaire === annee && l.niveau === '6E')
		.map((l) => {
			const k = l.groupe_1 + l.groupe_2;
			const kAcademie = (l.groupe_1_academie ?? 0) + (l.groupe_2_academie ?? 0);
			const nAcademie = l.n_academie ?? 0;
			const fragiles = partAffichable(k, l.n_eleves);
			const comparaison =
				nAcademie > l.n_eleves && !fragiles.masque
					? comparerAReference(
							{ k, n: l.n_eleves, annee_scolaire: annee, source: l.source },
							{
								libelle: `autres collèges de l’académie`,
								annee_scolaire: annee,
								source: l.source,
								comptes: { k: kAcademie, n: nAcademie },
								inclut_unite: true
							}
						)
					: null;
			return {
				domaine_id: l.domaine_id,
				domaine: l.domaine_libelle,
				discipline: l.discipline,
				annee,
				n: l.n_eleves,
				score: fragiles.masque ? null : l.score_moyen,
				score_academie: l.score_academie,
				fragiles,
				fragiles_academie: nAcademie ? kAcademie / nAcademie : null,
				comparaison,
				ecoles: (CONTINUITE_6E[l.domaine_id] ?? [])
					.map((id) => parCompetence.get(id))
					.filter((c): c is AnalyseCompetence => !!c)
					.map((c) => ({
						competence_id: c.competence_id,
						niveau: c.niveau,
						libelle: c.libelle,
						reseau: c.reseau
					})),
				source: l.source
			};
		})
		.sort(
			(a, b) => a.discipline.localeCompare(b.discipline) || a.domaine_id.localeCompare(b.domaine_id)
		);
	return { annee, lignes };
}

// ---------------------------------------------------------------------------------------------
// From a priority to a proposed action

export interface ActionProposee {
	theme: string;
	competence_id: string;
	objectif_id: string;
	modalite: 'constellation' | 'formation réseau';
	public: string;
	heures: number;
	ecoles: string[];
	formateurs: string;
	verification: string;
}

/**
 * September evaluations measure what the previous year taught: a CP competence calls for the
 * grande section and CP teachers, a CE1 one for CP and CE1, a CM1 one for CE2 and CM1.
 */
const PUBLIC_PAR_NIVEAU: Record<string, string> = {
	CP: 'Enseignants de grande section et de CP (cycles 1 et 2)',
	CE1: 'Enseignants de CP et de CE1 (cycle 2)',
	CE2: 'Enseignants de CE1 et de CE2 (cycle 2)',
	CM1: 'Enseignants de CE2 et de CM1 (cycles 2 et 3)',
	CM2: 'Enseignants de CM1 et de CM2 (cycle 3)'
};

/** The objective of the projet académique a competence serves (falls back on the network plan). */
export function objectifDeCompetence(
	competence: { competence_id: string; niveau: string; discipline: string },
	indicateurs: readonly IndicateurProjet[],
	objectifs: readonly ObjectifProjet[]
): string {
	const evaluation = indicateurs.filter((i) => i.indicateur === 'evaluation');
	const exact = evaluation.find((i) => i.competence_id === competence.competence_id);
	const large = evaluation.find(
		(i) =>
			!i.competence_id &&
			(!i.niveau || i.niveau === competence.niveau) &&
			(!i.discipline || i.discipline === competence.discipline)
	);
	const plan = indicateurs.find(
		(i) => i.indicateur === 'formation' && i.objectif_id.startsWith('A4')
	);
	return exact?.objectif_id ?? large?.objectif_id ?? plan?.objectif_id ?? objectifs[0]?.id ?? '';
}

export function actionProposee(
	p: Priorite<BesoinPartage>,
	anneeAction: string,
	indicateurs: readonly IndicateurProjet[],
	objectifs: readonly ObjectifProjet[]
): ActionProposee {
	const c = p.besoin.competence;
	const plusieurs = p.besoin.ecoles >= 4;
	const septembre = debutAnnee(anneeAction) + 1;
	const ecart = p.besoin.ecart;
	return {
		theme: `${c.niveau} — ${c.libelle}`,
		competence_id: c.competence_id,
		objectif_id: objectifDeCompetence(c, indicateurs, objectifs),
		modalite: plusieurs ? 'formation réseau' : 'constellation',
		public: `${PUBLIC_PAR_NIVEAU[c.niveau] ?? `Enseignants de ${c.niveau}`} des écoles concernées`,
		heures: plusieurs ? 18 : 30,
		ecoles: p.besoin.concernees.map((e) => e.uai),
		formateurs: '',
		verification:
			`Évaluations nationales de septembre ${septembre}, ${c.niveau} « ${c.libelle} » : ` +
			`part d’élèves au-dessus du seuil 2 et écart à l’attendu des écoles concernées` +
			(ecart === null ? '.' : ` (point de départ : ${formatPoints(ecart)}, ${libelleFenetre(p)}).`)
	};
}

function libelleFenetre(p: Priorite<BesoinPartage>): string {
	if (p.besoin.competence.motif === 'reseau') return p.besoin.competence.reseau.annee_scolaire;
	const annees = new Set<string>();
	for (const e of p.besoin.concernees) {
		for (const a of e.resultat.pooled_years ?? [e.resultat.annee_scolaire]) annees.add(a);
	}
	return libelleAnnees([...annees]);
}
