/**
 * « Ma circonscription », view models: `vueCarte`, `vueNuage`, `vueComparaison`,
 * `ecolesAAccompagner`, `themesCommuns` only filter, order and shape the analysis for display.
 * Nothing here orders schools by result unless the user asks for it: the evaluations are « ni un
 * classement, ni un palmarès ».
 */
import {
	cleModele,
	phraseHasard,
	predire,
	resumerPoints,
	zBilateral,
	type ModeleAjuste,
	type ResultatAgregat,
	type ResultatEcart
} from '$lib/indicators';
import { cleCellule, comparerCompetences } from './analyse';
import type {
	AnalyseCirconscription,
	Cellule,
	CompetenceColonne,
	EcoleCirconscription,
	EtatCellule,
	FormationCirconscription
} from './types';
import { comparerFr } from '$lib/domain/texte';

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
	comparerFr(a.nom, b.nom) || comparerFr(a.commune, b.commune);

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
		a === SANS_GROUPE ? 1 : b === SANS_GROUPE ? -1 : comparerFr(a, b)
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
	/** The diagnosis' status (three years pooled), which colours the point. */
	etat: EtatCellule;
	cumul: string | null;
	/** The pooled result the status rests on. */
	diagnostic: ResultatEcart;
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
		// The latest year against that year's curve; its colour is the cell's diagnosis.
		const r = cellule.annee;
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
			cumul: r.pooled_years ? [...r.pooled_years].sort().join(', ') : null,
			diagnostic: cellule.resultat
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

type CelluleCompetence = Cellule & { competence: CompetenceColonne };

export interface EcoleAAccompagner {
	ecole: EcoleCirconscription;
	/** Established points de vigilance of the diagnosis (years pooled, persistence in `point`). */
	vigilances: CelluleCompetence[];
	appuis: CelluleCompetence[];
	/** Training of the school's team, in the window years, on its points de vigilance. */
	formations: FormationCirconscription[];
	/** Its other training on evaluated competences, in a figure. */
	autres_formations: { nombre: number; heures: number };
}

/** A school with signals below expected but no established point de vigilance. */
export interface EcoleAConfirmer {
	ecole: EcoleCirconscription;
	signaux: CelluleCompetence[];
}

/** Schools in point de vigilance on a competence before it is a shared theme. */
export const SEUIL_PLUSIEURS = 2;

/**
 * Schools to discuss: those with at least one established point de vigilance in the académie's
 * diagnosis (the last three years pooled, so a point is already more than one cohort's). Schools
 * with only signals below expected are listed apart, « à confirmer », never as schools to meet.
 * Listed by groupe de proximité and name, never by how many points they have. A cell hidden to
 * protect a small school is never used.
 */
export function ecolesAAccompagner(
	analyse: AnalyseCirconscription,
	ecoles: readonly EcoleCirconscription[],
	formations: readonly FormationCirconscription[]
): { a_rencontrer: EcoleAAccompagner[]; a_confirmer: EcoleAConfirmer[] } {
	const competences = new Map(analyse.competences.map((c) => [c.competence_id, c]));
	const fenetre = new Set(analyse.fenetre);
	const vue = vueCarte(analyse, ecoles, FILTRES_TOUS, { par: 'groupe' });
	const a_rencontrer: EcoleAAccompagner[] = [];
	const a_confirmer: EcoleAConfirmer[] = [];
	for (const ecole of vue.blocs.flatMap((b) => b.ecoles)) {
		const vigilances: CelluleCompetence[] = [];
		const appuis: CelluleCompetence[] = [];
		const signaux: CelluleCompetence[] = [];
		for (const competence of analyse.competences) {
			const cellule = analyse.cellules.get(cleCellule(ecole.uai, competence.competence_id));
			if (cellule?.etat === 'point_vigilance') vigilances.push({ ...cellule, competence });
			if (cellule?.etat === 'point_appui') appuis.push({ ...cellule, competence });
			if (cellule?.etat === 'a_confirmer' && cellule.point?.sens !== 'appui')
				signaux.push({ ...cellule, competence });
		}
		if (vigilances.length === 0) {
			if (signaux.length) a_confirmer.push({ ecole, signaux });
			continue;
		}
		const themes = new Set(vigilances.map((v) => v.competence_id));
		const suivies = formations.filter(
			(f) =>
				f.uai === ecole.uai && fenetre.has(f.annee_scolaire) && f.theme && competences.has(f.theme)
		);
		const autres = suivies.filter((f) => !themes.has(f.theme!));
		a_rencontrer.push({
			ecole,
			vigilances,
			appuis,
			formations: suivies.filter((f) => themes.has(f.theme!)),
			autres_formations: {
				nombre: autres.length,
				heures: autres.reduce((s, f) => s + f.heures, 0)
			}
		});
	}
	return { a_rencontrer, a_confirmer };
}

export interface FormationTheme {
	annee_scolaire: string;
	type: string;
	modules: string;
	ecoles: number;
	participants: number;
	heures: number;
	/** Among the schools in (established) point de vigilance on the competence, how many took part. */
	ecoles_vigilance: number;
}

export interface ThemeCommun {
	competence: CompetenceColonne;
	ecoles_vigilance: EcoleCirconscription[];
	/** Statuses of the visible cells (hidden ones are counted apart). */
	decompte: Record<Exclude<EtatCellule, 'masque'>, number>;
	masquees: number;
	circonscription: ResultatAgregat | null;
	formations: FormationTheme[];
	source_formations: string;
}

/**
 * Competences weak across the circonscription: at least two schools in established point de
 * vigilance (the circonscription's own pooled figure, tested alone, is shown beside but does not
 * make a theme: it is not under the académie's false-discovery control). Candidate
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
		const decompte = {
			point_appui: 0,
			point_vigilance: 0,
			a_confirmer: 0,
			conforme: 0,
			non_classe: 0
		};
		for (const c of visibles) decompte[c.etat === 'masque' ? 'non_classe' : c.etat]++;
		const circonscription = analyse.agregats.get(competence.competence_id) ?? null;
		if (decompte.point_vigilance < SEUIL_PLUSIEURS) continue;
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

/**
 * The page's chance sentence: how many signals the circonscription's tested cells would show if
 * no school had any real gap (« Sur 1 204 cases école × compétence, environ 40 écarts… »).
 */
export function hasardCirconscription(analyse: AnalyseCirconscription): string {
	const points = [...analyse.cellules.values()]
		.filter((c) => c.point && c.masque !== 'protection')
		.map((c) => c.point!);
	return phraseHasard(resumerPoints(points), 'cases école × compétence');
}
