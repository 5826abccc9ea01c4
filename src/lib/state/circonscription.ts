/**
 * « Ma circonscription » (issue 6): what the IEN's page reads and the view models it shows.
 *
 * Three steps, so that a filter never re-reads or re-computes anything heavy:
 * 1. `lireDonneesCirconscription` reads once from the engine (aggregated in SQL);
 * 2. `analyserCirconscription` runs the statistics once (src/lib/indicators only): each school ×
 *    competence of the latest year against its expected share, the circonscription against its
 *    references, and the secondary masking of the school cells shown next to its totals;
 *    `analyserHistorique` then evaluates each year of the window on its own, for persistent
 *    points de vigilance;
 * 3. `vueCarte`, `vueNuage`, `vueComparaison`, `ecolesAAccompagner`, `themesCommuns` and
 *    (and `csvCirconscription` in src/lib/exports) only filter, order and shape those results for display.
 *
 * Nothing here orders schools by result unless the user asks for it: the evaluations are « ni un classement, ni un palmarès ».
 */
import { sql, type Moteur } from '$lib/db';
import {
	agregerParCompetence,
	cleModele,
	comparerAReference,
	decompter,
	evaluerEcoles,
	predire,
	zBilateral,
	type CatalogueModeles,
	type DecompteMembres,
	type LigneEvaluation,
	type ModeleAjuste,
	type ReferenceExterne,
	type ResultatAgregat,
	type ResultatComparaison,
	type ResultatEcart
} from '$lib/indicators';
import type { Table } from 'apache-arrow';
import { sansCle, separerPar, tranchesPar } from './separer';
import { fenetreAnnees } from './vues';

// ---------------------------------------------------------------------------------------------
// 1. Reading

export interface FicheCirconscription {
	code_circonscription: string;
	libelle: string;
	code_departement: string;
	source: string;
	nb_ecoles: number;
	derniere_annee: string | null;
	nb_annees: number;
	nb_ecoles_evaluees: number;
	eleves_evalues: number;
}

export interface EcoleCirconscription {
	uai: string;
	nom: string;
	commune: string;
	type: string;
	groupe_proximite: string | null;
	education_prioritaire: string | null;
	rural: boolean | null;
	ips: number | null;
	annee_ips: string | null;
	/** True when the school has evaluation results (any year). */
	evaluee: boolean;
}

export interface LigneCirconscription extends LigneEvaluation {
	competence_libelle: string;
	ordre: number;
	source: string;
}

export interface LigneTerritoire {
	niveau: string;
	discipline: string;
	competence_id: string;
	competence_libelle: string;
	ordre: number;
	n_circo: number;
	k_circo: number;
	n_departement: number;
	k_departement: number;
	n_academie: number;
	k_academie: number;
	source: string | null;
	/** Published shares, in % as in `references.csv`. */
	publie_france: number | null;
	publie_academie: number | null;
	publie_departement: number | null;
	source_publiee: string | null;
}

/** Training of one school's team on one theme, one year and type (no teacher identifier). */
export interface FormationCirconscription {
	annee_scolaire: string;
	uai: string;
	type: string;
	discipline: string | null;
	/** A competence id when the training worked on one (`theme_libelle` is then set). */
	theme: string | null;
	theme_libelle: string | null;
	theme_niveau: string | null;
	modules: string;
	participants: number;
	heures: number;
	source: string;
}

export interface DonneesCirconscription {
	fiche: FicheCirconscription;
	ecoles: EcoleCirconscription[];
	lignes: LigneCirconscription[];
	territoires: LigneTerritoire[];
	formations: FormationCirconscription[];
	/** Latest evaluated year ('' when the schools have no result). */
	annee: string;
	/** The years a small school may pool, ending with `annee` (the models to fit). */
	fenetre: string[];
}

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

type FicheLue = Pick<
	FicheCirconscription,
	'code_circonscription' | 'libelle' | 'code_departement' | 'source'
>;

/** What the engine gives for one circonscription, before the fiche's figures are computed. */
export interface LecturesCirconscription {
	circo: FicheLue | undefined;
	ecoles: Omit<EcoleCirconscription, 'evaluee'>[];
	evaluations: Table;
	territoires: LigneTerritoire[];
	formations: FormationCirconscription[];
}

/** Every circonscription's reads, by code (`lireToutesCirconscriptions`). */
export type ToutesCirconscriptions = ReadonlyMap<string, LecturesCirconscription>;

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
		moteur.table(sql.evaluationsCirconscription()),
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

// ---------------------------------------------------------------------------------------------
// 2. Statistics (once per circonscription and state of the data)

const ORDRE_NIVEAU = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'];
export const DISCIPLINES: Record<string, string> = { FR: 'Français', MA: 'Mathématiques' };

export interface CompetenceColonne {
	competence_id: string;
	niveau: string;
	discipline: string;
	libelle: string;
	ordre: number;
}

/**
 * What a school × competence cell may show. `masque`: 'effectif' under 10 pupils even with
 * pooled years; 'protection' when the cell is hidden so that a masked school cannot be recovered
 * as the circonscription's total minus the others (secondary masking, `masquerCellules`).
 */
export type EtatCellule = 'point_appui' | 'point_vigilance' | 'conforme' | 'non_classe' | 'masque';

export interface Cellule {
	uai: string;
	competence_id: string;
	niveau: string;
	discipline: string;
	resultat: ResultatEcart;
	masque: null | 'effectif' | 'protection';
	etat: EtatCellule;
}

export interface ComparaisonTerritoires {
	competence: CompetenceColonne;
	/** The circonscription's pooled pupils against what its schools' IPS lead to expect. */
	circonscription: ResultatAgregat;
	departement: ResultatComparaison | null;
	academie: ResultatComparaison | null;
	france: ResultatComparaison | null;
}

export interface AnalyseCirconscription {
	annee: string;
	fenetre: string[];
	competences: CompetenceColonne[];
	/** Key `${uai}|${competence_id}`. */
	cellules: Map<string, Cellule>;
	agregats: Map<string, ResultatAgregat>;
	territoires: ComparaisonTerritoires[];
	modeles: CatalogueModeles;
}

export const cleCellule = (uai: string, competence_id: string) => `${uai}|${competence_id}`;

function comparerCompetences(a: CompetenceColonne, b: CompetenceColonne): number {
	const na = ORDRE_NIVEAU.indexOf(a.niveau);
	const nb = ORDRE_NIVEAU.indexOf(b.niveau);
	return (
		(na < 0 ? 99 : na) - (nb < 0 ? 99 : nb) ||
		a.discipline.localeCompare(b.discipline) ||
		a.ordre - b.ordre ||
		a.competence_id.localeCompare(b.competence_id)
	);
}

/**
 * Every school × competence of the latest year against its expected share (small schools pool
 * up to three years, labelled), the circonscription's pooled figure per competence, and the
 * comparisons with the département, the académie and France.
 */
export function analyserCirconscription(
	donnees: DonneesCirconscription,
	modeles: CatalogueModeles
): AnalyseCirconscription {
	const { annee, fenetre, fiche } = donnees;
	const dansFenetre = new Set(fenetre);
	const lignes = donnees.lignes.filter((l) => dansFenetre.has(l.annee_scolaire));
	const competences = new Map<string, CompetenceColonne>();
	for (const l of lignes) {
		if (l.annee_scolaire !== annee || competences.has(l.competence_id)) continue;
		competences.set(l.competence_id, {
			competence_id: l.competence_id,
			niveau: l.niveau,
			discipline: l.discipline,
			libelle: l.competence_libelle,
			ordre: l.ordre
		});
	}
	const agregats = new Map<string, ResultatAgregat>();
	const cellules = new Map<string, Cellule>();
	if (annee) {
		const resultats = agregerParCompetence(lignes, modeles, {
			libelle: `circonscription ${fiche.libelle}`,
			annee_scolaire: annee
		});
		for (const agregat of resultats) {
			agregats.set(agregat.competence_id, agregat);
			const secondaires = new Set(agregat.masquage.secondaires);
			for (const r of agregat.resultats_membres) {
				const masque = r.observe.masque
					? 'effectif'
					: secondaires.has(r.uai) && !r.pooled_years
						? 'protection'
						: null;
				cellules.set(cleCellule(r.uai, r.competence_id), {
					uai: r.uai,
					competence_id: r.competence_id,
					niveau: r.niveau,
					discipline: r.discipline,
					resultat: r,
					masque,
					etat: masque ? 'masque' : r.classement
				});
			}
		}
	}
	const colonnes = [...competences.values()].sort(comparerCompetences);
	const territoires: ComparaisonTerritoires[] = [];
	for (const t of donnees.territoires) {
		const competence = competences.get(t.competence_id);
		const circonscription = agregats.get(t.competence_id);
		if (!competence || !circonscription) continue;
		const observe = {
			k: t.k_circo,
			n: t.n_circo,
			annee_scolaire: annee,
			source: t.source ?? 'Évaluations nationales'
		};
		const comparer = (
			libelle: string,
			n: number,
			k: number,
			publie: number | null
		): ResultatComparaison | null => {
			let reference: ReferenceExterne | null = null;
			if (n > t.n_circo) {
				reference = {
					libelle,
					annee_scolaire: annee,
					source: t.source ?? 'Évaluations nationales',
					comptes: { k, n },
					inclut_unite: true
				};
			} else if (publie !== null) {
				reference = {
					libelle,
					annee_scolaire: annee,
					source: t.source_publiee ?? 'valeur publiée',
					part: publie / 100
				};
			}
			return reference ? comparerAReference(observe, reference) : null;
		};
		territoires.push({
			competence,
			circonscription,
			departement: comparer(
				`département ${fiche.code_departement} (hors circonscription)`,
				t.n_departement,
				t.k_departement,
				t.publie_departement
			),
			academie: comparer(
				'académie (hors circonscription)',
				t.n_academie,
				t.k_academie,
				t.publie_academie
			),
			france:
				t.publie_france === null
					? null
					: comparerAReference(observe, {
							libelle: 'France',
							annee_scolaire: annee,
							source: t.source_publiee ?? 'valeur publiée',
							part: t.publie_france / 100
						})
		});
	}
	territoires.sort((a, b) => comparerCompetences(a.competence, b.competence));
	return { annee, fenetre, competences: colonnes, cellules, agregats, territoires, modeles };
}

/** One year evaluated on its own pupils: no pooling (pooled figures share years). */
function evaluerAnnee(
	donnees: DonneesCirconscription,
	modeles: CatalogueModeles,
	annee: string,
	historique: Map<string, ResultatEcart[]>
): void {
	const lignes = donnees.lignes.filter((l) => l.annee_scolaire === annee);
	for (const r of evaluerEcoles(lignes, modeles, { annee_scolaire: annee, regrouper: false })) {
		const cle = cleCellule(r.uai, r.competence_id);
		let liste = historique.get(cle);
		if (!liste) historique.set(cle, (liste = []));
		liste.push(r);
	}
}

/**
 * Each year of the window evaluated on its own, for persistent points de vigilance: key
 * `${uai}|${competence_id}`, years in order.
 */
export function analyserHistorique(
	donnees: DonneesCirconscription,
	modeles: CatalogueModeles
): Map<string, ResultatEcart[]> {
	const historique = new Map<string, ResultatEcart[]>();
	for (const annee of donnees.fenetre) evaluerAnnee(donnees, modeles, annee, historique);
	return historique;
}

/** Yields to the browser between two heavy steps, so that the page stays responsive. */
const pause = () => new Promise<void>((ok) => setTimeout(ok, 0));

/**
 * `analyserHistorique` one year at a time, letting the page paint in between. When `continuer`
 * turns false (the user opened another page), the work stops and the promise never settles:
 * nobody is left to show it, and the next view gets the main thread.
 */
export async function analyserHistoriqueProgressif(
	donnees: DonneesCirconscription,
	modeles: CatalogueModeles,
	continuer: () => boolean = () => true
): Promise<Map<string, ResultatEcart[]>> {
	const historique = new Map<string, ResultatEcart[]>();
	for (const annee of donnees.fenetre) {
		await pause();
		if (!continuer()) return new Promise<never>(() => {});
		evaluerAnnee(donnees, modeles, annee, historique);
	}
	return historique;
}

// ---------------------------------------------------------------------------------------------
// 3. Views

export interface FiltresCarte {
	niveau: string;
	discipline: string;
	groupe: string;
	ep: 'tous' | 'ep' | 'hors_ep';
	rural: 'tous' | 'rural' | 'non_rural';
}

export const FILTRES_TOUS: FiltresCarte = {
	niveau: '',
	discipline: '',
	groupe: '',
	ep: 'tous',
	rural: 'tous'
};

export type OrdreCarte =
	| { par: 'groupe' }
	| { par: 'nom' }
	| { par: 'competence'; competence_id: string; sens: 'croissant' | 'decroissant' };

export const SANS_GROUPE = 'Sans groupe de proximité';

export interface BlocEcoles {
	/** The groupe de proximité, or null when the list is not grouped. */
	groupe: string | null;
	ecoles: EcoleCirconscription[];
}

export interface VueCarte {
	colonnes: CompetenceColonne[];
	blocs: BlocEcoles[];
	nbEcoles: number;
}

const parNom = (a: EcoleCirconscription, b: EcoleCirconscription) =>
	a.nom.localeCompare(b.nom, 'fr') || a.commune.localeCompare(b.commune, 'fr');

/** Schools with results in the latest year: maternelles and schools without results have no row. */
export function ecolesEvaluees(
	analyse: AnalyseCirconscription,
	ecoles: readonly EcoleCirconscription[]
): EcoleCirconscription[] {
	const presentes = new Set([...analyse.cellules.values()].map((c) => c.uai));
	return ecoles.filter((e) => presentes.has(e.uai));
}

export function groupesDe(ecoles: readonly EcoleCirconscription[]): string[] {
	return [...new Set(ecoles.map((e) => e.groupe_proximite ?? SANS_GROUPE))].sort((a, b) =>
		a === SANS_GROUPE ? 1 : b === SANS_GROUPE ? -1 : a.localeCompare(b, 'fr')
	);
}

/**
 * The heat map and its table: columns filtered by niveau and discipline, schools filtered by
 * groupe, éducation prioritaire and rurality, in blocks by groupe de proximité (default), by name,
 * or sorted on one competence by the size-aware estimated gap (`ecart_estime`: a 10-pupil school
 * does not come first by chance); cells without an estimate go last.
 */
export function vueCarte(
	analyse: AnalyseCirconscription,
	ecoles: readonly EcoleCirconscription[],
	filtres: FiltresCarte,
	ordre: OrdreCarte
): VueCarte {
	const colonnes = analyse.competences.filter(
		(c) =>
			(!filtres.niveau || c.niveau === filtres.niveau) &&
			(!filtres.discipline || c.discipline === filtres.discipline)
	);
	const retenues = ecolesEvaluees(analyse, ecoles).filter(
		(e) =>
			(!filtres.groupe || (e.groupe_proximite ?? SANS_GROUPE) === filtres.groupe) &&
			(filtres.ep === 'tous' || (filtres.ep === 'ep') === !!e.education_prioritaire) &&
			(filtres.rural === 'tous' || (filtres.rural === 'rural') === !!e.rural)
	);
	let blocs: BlocEcoles[];
	if (ordre.par === 'groupe') {
		blocs = groupesDe(retenues).map((groupe) => ({
			groupe,
			ecoles: retenues.filter((e) => (e.groupe_proximite ?? SANS_GROUPE) === groupe).sort(parNom)
		}));
	} else if (ordre.par === 'nom') {
		blocs = [{ groupe: null, ecoles: [...retenues].sort(parNom) }];
	} else {
		const signe = ordre.sens === 'croissant' ? 1 : -1;
		const estime = (e: EcoleCirconscription) => {
			const c = analyse.cellules.get(cleCellule(e.uai, ordre.competence_id));
			return c && !c.masque ? c.resultat.ecart_estime : null;
		};
		blocs = [
			{
				groupe: null,
				ecoles: [...retenues].sort((a, b) => {
					const x = estime(a);
					const y = estime(b);
					if (x === null || y === null) return x === y ? parNom(a, b) : x === null ? 1 : -1;
					return signe * (x - y) || parNom(a, b);
				})
			}
		];
	}
	return { colonnes, blocs, nbEcoles: retenues.length };
}

export interface PointNuage {
	uai: string;
	nom: string;
	groupe: string;
	ips: number;
	part: number;
	n: number;
	attendu: number | null;
	/** Gap to the expected share and its interval, as the library gives them. */
	ecart: number | null;
	ecart_bas: number | null;
	ecart_haut: number | null;
	/** The gap's interval on the share scale (expected + bounds): it misses the curve iff flagged. */
	bas: number | null;
	haut: number | null;
	etat: EtatCellule;
	cumul: string | null;
}

export interface PointCourbe {
	ips: number;
	part: number;
	bas: number;
	haut: number;
}

export interface VueNuage {
	competence: CompetenceColonne;
	points: PointNuage[];
	/** Schools of the competence not on the chart, and why. */
	absentes: { ecole: EcoleCirconscription; cellule: Cellule }[];
	courbe: PointCourbe[];
	modele: ModeleAjuste | null;
}

const expit = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Observed share against IPS for one competence: each school whose share can be shown, and the
 * expected curve of the model with its 95 % confidence band, over the IPS range of the schools
 * (never beyond the reference population's range: no extrapolation).
 */
export function vueNuage(
	analyse: AnalyseCirconscription,
	ecoles: readonly EcoleCirconscription[],
	competence_id: string
): VueNuage | null {
	const competence = analyse.competences.find((c) => c.competence_id === competence_id);
	if (!competence) return null;
	const points: PointNuage[] = [];
	const absentes: VueNuage['absentes'] = [];
	for (const e of [...ecoles].sort(parNom)) {
		const cellule = analyse.cellules.get(cleCellule(e.uai, competence_id));
		if (!cellule) continue;
		const r = cellule.resultat;
		if (cellule.masque || r.observe.masque || r.ips === null) {
			absentes.push({ ecole: e, cellule });
			continue;
		}
		points.push({
			uai: e.uai,
			nom: e.nom,
			groupe: e.groupe_proximite ?? SANS_GROUPE,
			ips: r.ips,
			part: r.observe.part,
			n: r.n,
			attendu: r.attendu,
			ecart: r.ecart,
			ecart_bas: r.intervalle?.bas ?? null,
			ecart_haut: r.intervalle?.haut ?? null,
			bas: r.attendu !== null && r.intervalle ? r.attendu + r.intervalle.bas : null,
			haut: r.attendu !== null && r.intervalle ? r.attendu + r.intervalle.haut : null,
			etat: cellule.etat,
			cumul: r.pooled_years ? [...r.pooled_years].sort().join(', ') : null
		});
	}
	const modele = analyse.modeles.get(cleModele(analyse.annee, competence_id));
	const courbe: PointCourbe[] = [];
	if (modele?.statut === 'ajuste' && points.length) {
		const ips = points.map((p) => p.ips);
		const debut = Math.max(modele.ips_min, Math.min(...ips) - 3);
		const fin = Math.min(modele.ips_max, Math.max(...ips) + 3);
		const z = zBilateral();
		const pas = 40;
		for (let i = 0; i <= pas; i++) {
			const x = debut + ((fin - debut) * i) / pas;
			const p = predire(modele, x);
			const demi = z * Math.sqrt(p.variance_logit);
			courbe.push({
				ips: x,
				part: p.part,
				bas: expit(p.logit - demi),
				haut: expit(p.logit + demi)
			});
		}
	}
	return {
		competence,
		points,
		absentes,
		courbe,
		modele: modele?.statut === 'ajuste' ? modele : null
	};
}

/** The competence the scatter opens on: the one most schools are flagged on, else the first. */
export function competenceParDefaut(analyse: AnalyseCirconscription): string {
	let choix = analyse.competences[0]?.competence_id ?? '';
	let max = 0;
	for (const c of analyse.competences) {
		const nb = [...analyse.cellules.values()].filter(
			(x) => x.competence_id === c.competence_id && x.etat === 'point_vigilance'
		).length;
		if (nb > max) [choix, max] = [c.competence_id, nb];
	}
	return choix;
}

export const MAX_COMPARAISON = 6;

export interface VueComparaison {
	ecoles: EcoleCirconscription[];
	lignes: { competence: CompetenceColonne; cellules: (Cellule | null)[] }[];
}

/** 2 to 6 schools side by side, competence by competence, in the order they were chosen. */
export function vueComparaison(
	analyse: AnalyseCirconscription,
	ecoles: readonly EcoleCirconscription[],
	uais: readonly string[]
): VueComparaison {
	const choisies = uais
		.slice(0, MAX_COMPARAISON)
		.map((u) => ecoles.find((e) => e.uai === u))
		.filter((e): e is EcoleCirconscription => !!e);
	const lignes = analyse.competences
		.map((competence) => ({
			competence,
			cellules: choisies.map(
				(e) => analyse.cellules.get(cleCellule(e.uai, competence.competence_id)) ?? null
			)
		}))
		.filter((l) => l.cellules.some((c) => c !== null));
	return { ecoles: choisies, lignes };
}

export interface Persistance {
	competence: CompetenceColonne;
	/** The years of the window in which the school was a point de vigilance on its own. */
	vigilances: ResultatEcart[];
	annees_evaluees: number;
}

export interface EcoleAAccompagner {
	ecole: EcoleCirconscription;
	vigilances: (Cellule & { competence: CompetenceColonne })[];
	persistances: Persistance[];
	appuis: (Cellule & { competence: CompetenceColonne })[];
	/** Training of the school's team, in the window years, on its points de vigilance. */
	formations: FormationCirconscription[];
	/** Its other training on evaluated competences, in a figure. */
	autres_formations: { nombre: number; heures: number };
}

/** Several points de vigilance this year, or one in at least two years of the window. */
export const SEUIL_PLUSIEURS = 2;
export const SEUIL_PERSISTANCE = 2;

/**
 * Schools to discuss: those with at least two points de vigilance in the latest year, or with a
 * point de vigilance on the same competence in at least two years of the window (each year on
 * its own pupils). Listed by groupe de proximité and name, never by how many flags they have.
 * A cell hidden to protect a small school is never used.
 */
export function ecolesAAccompagner(
	analyse: AnalyseCirconscription,
	historique: ReadonlyMap<string, readonly ResultatEcart[]>,
	ecoles: readonly EcoleCirconscription[],
	formations: readonly FormationCirconscription[]
): EcoleAAccompagner[] {
	const competences = new Map(analyse.competences.map((c) => [c.competence_id, c]));
	const fenetre = new Set(analyse.fenetre);
	const vue = vueCarte(analyse, ecoles, FILTRES_TOUS, { par: 'groupe' });
	const liste: EcoleAAccompagner[] = [];
	for (const ecole of vue.blocs.flatMap((b) => b.ecoles)) {
		const vigilances: EcoleAAccompagner['vigilances'] = [];
		const appuis: EcoleAAccompagner['appuis'] = [];
		const persistances: Persistance[] = [];
		for (const competence of analyse.competences) {
			const cellule = analyse.cellules.get(cleCellule(ecole.uai, competence.competence_id));
			if (cellule?.etat === 'point_vigilance') vigilances.push({ ...cellule, competence });
			if (cellule?.etat === 'point_appui') appuis.push({ ...cellule, competence });
			const annees = (historique.get(cleCellule(ecole.uai, competence.competence_id)) ?? []).filter(
				// The latest year of a protected cell stays hidden here too.
				(r) => !(cellule?.masque === 'protection' && r.annee_scolaire === analyse.annee)
			);
			const enVigilance = annees.filter((r) => r.classement === 'point_vigilance');
			if (enVigilance.length >= SEUIL_PERSISTANCE) {
				persistances.push({ competence, vigilances: enVigilance, annees_evaluees: annees.length });
			}
		}
		if (vigilances.length < SEUIL_PLUSIEURS && persistances.length === 0) continue;
		const themes = new Set([
			...vigilances.map((v) => v.competence_id),
			...persistances.map((p) => p.competence.competence_id)
		]);
		const suivies = formations.filter(
			(f) =>
				f.uai === ecole.uai && fenetre.has(f.annee_scolaire) && f.theme && competences.has(f.theme)
		);
		const autres = suivies.filter((f) => !themes.has(f.theme!));
		liste.push({
			ecole,
			vigilances,
			persistances,
			appuis,
			formations: suivies.filter((f) => themes.has(f.theme!)),
			autres_formations: {
				nombre: autres.length,
				heures: autres.reduce((s, f) => s + f.heures, 0)
			}
		});
	}
	return liste;
}

export interface FormationTheme {
	annee_scolaire: string;
	type: string;
	modules: string;
	ecoles: number;
	participants: number;
	heures: number;
	/** Among the schools in point de vigilance on the competence, how many took part. */
	ecoles_vigilance: number;
}

export interface ThemeCommun {
	competence: CompetenceColonne;
	ecoles_vigilance: EcoleCirconscription[];
	/** Classifications of the visible cells (hidden ones are counted apart). */
	decompte: DecompteMembres;
	masquees: number;
	circonscription: ResultatAgregat | null;
	formations: FormationTheme[];
	source_formations: string;
}

/**
 * Competences weak across the circonscription: at least two schools in point de vigilance, or
 * the circonscription's pooled pupils below what its schools' IPS lead to expect. Candidate
 * themes for animations pédagogiques or constellations, with the training already given on
 * them (by school, never by teacher). The most shared first.
 */
export function themesCommuns(
	analyse: AnalyseCirconscription,
	ecoles: readonly EcoleCirconscription[],
	formations: readonly FormationCirconscription[]
): ThemeCommun[] {
	const parUai = new Map(ecoles.map((e) => [e.uai, e]));
	const themes: ThemeCommun[] = [];
	for (const competence of analyse.competences) {
		const cellules = [...analyse.cellules.values()].filter(
			(c) => c.competence_id === competence.competence_id
		);
		const visibles = cellules.filter((c) => c.masque !== 'protection');
		const decompte = decompter(visibles.map((c) => c.resultat));
		const circonscription = analyse.agregats.get(competence.competence_id) ?? null;
		if (
			decompte.point_vigilance < SEUIL_PLUSIEURS &&
			circonscription?.classement !== 'point_vigilance'
		) {
			continue;
		}
		const ecolesVigilance = visibles
			.filter((c) => c.etat === 'point_vigilance')
			.map((c) => parUai.get(c.uai))
			.filter((e): e is EcoleCirconscription => !!e)
			.sort(parNom);
		const vigilance = new Set(ecolesVigilance.map((e) => e.uai));
		const parAnneeType = new Map<string, FormationTheme & { uais: Set<string> }>();
		const sources = new Set<string>();
		for (const f of formations) {
			if (f.theme !== competence.competence_id) continue;
			sources.add(f.source);
			const cle = `${f.annee_scolaire}|${f.type}`;
			let ligne = parAnneeType.get(cle);
			if (!ligne) {
				ligne = {
					annee_scolaire: f.annee_scolaire,
					type: f.type,
					modules: f.modules,
					ecoles: 0,
					participants: 0,
					heures: 0,
					ecoles_vigilance: 0,
					uais: new Set()
				};
				parAnneeType.set(cle, ligne);
			}
			ligne.uais.add(f.uai);
			ligne.participants += f.participants;
			ligne.heures += f.heures;
		}
		const formationsTheme = [...parAnneeType.values()]
			.map(({ uais, ...f }) => ({
				...f,
				ecoles: uais.size,
				ecoles_vigilance: [...uais].filter((u) => vigilance.has(u)).length
			}))
			.sort(
				(a, b) => a.annee_scolaire.localeCompare(b.annee_scolaire) || a.type.localeCompare(b.type)
			);
		themes.push({
			competence,
			ecoles_vigilance: ecolesVigilance,
			decompte,
			masquees: cellules.length - visibles.length,
			circonscription,
			formations: formationsTheme,
			source_formations: [...sources].join(', ')
		});
	}
	return themes.sort(
		(a, b) =>
			b.decompte.point_vigilance - a.decompte.point_vigilance ||
			comparerCompetences(a.competence, b.competence)
	);
}

/** A set of schools in a few figures, for the overview. */
export function resumeCirconscription(ecoles: readonly EcoleCirconscription[]) {
	const ips = ecoles.map((e) => e.ips).filter((x): x is number => x !== null);
	return {
		groupes: groupesDe(ecoles).map((groupe) => ({
			groupe,
			ecoles: ecoles.filter((e) => (e.groupe_proximite ?? SANS_GROUPE) === groupe).length
		})),
		ep: ecoles.filter((e) => e.education_prioritaire).length,
		rurales: ecoles.filter((e) => e.rural).length,
		maternelles: ecoles.filter((e) => e.type === 'maternelle').length,
		ipsMin: ips.length ? Math.min(...ips) : null,
		ipsMax: ips.length ? Math.max(...ips) : null,
		anneesIps: [...new Set(ecoles.map((e) => e.annee_ips).filter((a): a is string => !!a))].sort()
	};
}

// ---------------------------------------------------------------------------------------------
// Wording shared by the components (figures come formatted from src/lib/format).

export const LECTURE: Record<EtatCellule, string> = {
	point_appui: 'point d’appui',
	point_vigilance: 'point de vigilance',
	conforme: 'conforme à l’attendu',
	non_classe: 'non classé',
	masque: 'masqué'
};

export const PROTECTION =
	'masqué pour qu’une petite école ne puisse pas être retrouvée par différence avec le total de la circonscription';

export function libelleCompetence(c: CompetenceColonne): string {
	return `${c.niveau} ${DISCIPLINES[c.discipline] ?? c.discipline} — ${c.libelle}`;
}

/** « 2024-2025 » or « cumul 2022-2023 à 2024-2025 ». */
export function anneesResultat(r: ResultatEcart): string {
	if (!r.pooled_years) return r.annee_scolaire;
	const annees = [...r.pooled_years].sort();
	return `cumul ${annees[0]} à ${annees[annees.length - 1]}`;
}

const textes = new WeakMap<Cellule, { competence: CompetenceColonne; texte: string }>();

/**
 * What a cell says in full: figures, n, year(s) and source (tooltip and details row). Kept per
 * cell: the map, its table and a filter change ask for the same 2 000 sentences again.
 */
export function texteCellule(cellule: Cellule, competence: CompetenceColonne): string {
	const connu = textes.get(cellule);
	if (connu?.competence === competence) return connu.texte;
	const texte = composerTexteCellule(cellule, competence);
	textes.set(cellule, { competence, texte });
	return texte;
}

function composerTexteCellule(cellule: Cellule, competence: CompetenceColonne): string {
	const r = cellule.resultat;
	const provenance = `${r.n} élèves évalués, ${anneesResultat(r)}. Source : ${r.source}.`;
	if (cellule.masque === 'protection') {
		return `${libelleCompetence(competence)} : ${PROTECTION}. ${r.n} élèves évalués, ${r.annee_scolaire}.`;
	}
	if (cellule.masque === 'effectif') {
		return `${libelleCompetence(competence)} : effectif insuffisant (moins de 10 élèves, même en cumulant les années). ${provenance}`;
	}
	return `${libelleCompetence(competence)} : ${r.explication} ${provenance}`;
}
