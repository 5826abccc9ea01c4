/**
 * Calibration of established points at realistic prevalence (issue #15): simulated académies
 * where most cells have no effect, run through the functions the app uses (`ajusterModelesIps`,
 * `evaluerFamille`), scored against the truth and against an oracle.
 *
 * A scenario crosses:
 * - prevalence: the share of cells (school × competence) with a designed effect of ±5, 10 or 15
 *   points, exact and the same every year (a team's stable practice);
 * - years: one, or three with the effect persistent (new pupils every year, cohort sizes varying
 *   by ±25 %, each year's test a little harder or easier for everyone);
 * - a random school effect or not: with it, a further share of schools (`part_ordinaires`) are
 *   ordinary, their own persistent effect u ~ N(0, τ²) (τ of the académie, 0.2 to 0.6 on the
 *   logit scale), as real schools are; without it, every other school sits exactly on its curve.
 *
 * What is false: a point on a cell without any effect, or a point on the wrong side of the
 * cell's true gap (designed or ordinary). Points on ordinary cells on the right side are true,
 * however small the gap (the page asserts a direction, not a size).
 *
 * The oracle knows every cell's true expected share (what its IPS gives, each year) and applies
 * Benjamini–Hochberg at the same q to the exact binomial p-values of the same pooled counts (cells
 * of ≥ 10 pupils, as Pilotage): the best a method without the truth could hope for.
 *
 * Pure and seeded: the same options give the same figures.
 */
import { expit, IPS_CENTRE, logit, ajusterModelesIps } from './modele-ips';
import { BANDES_DEFAUT, creerTirage, type BandeEffectif, type Tirage } from './calibration';
import { benjaminiHochberg, evaluerFamille, pValeurEcart, Q_DEFAUT } from './points-etablis';
import { decalerAnnee } from './annees';
import { SEUIL_MASQUAGE, type LigneEvaluation } from './types';

export interface ScenarioPoints {
	/** Share of cells with a designed effect. */
	prevalence: number;
	annees: 1 | 3;
	effet_aleatoire: boolean;
}

export const SCENARIOS_DEFAUT: readonly ScenarioPoints[] = [1, 3].flatMap((annees) =>
	[false, true].flatMap((effet_aleatoire) =>
		[0.05, 0.2].map((prevalence) => ({ prevalence, annees: annees as 1 | 3, effet_aleatoire }))
	)
);

/** Size bands for per-cell rates: under 10 apart (never classified), then 10–14, 15–30, > 30. */
export const BANDES_POINTS: readonly BandeEffectif[] = [
	{ libelle: 'n < 10', min: 0, max: SEUIL_MASQUAGE - 1 },
	...BANDES_DEFAUT.filter((b) => b.libelle !== 'n < 15').map((b) =>
		b.libelle === 'dont 10–14' ? { ...b, libelle: '10–14' } : b
	)
];

export interface OptionsCalibrationPoints {
	graine?: number;
	/** Académies per scenario with one year, and with three (these cost about twice as much). */
	nb_academies?: number;
	nb_academies_3_ans?: number;
	nb_ecoles?: number;
	q?: number;
	effets?: readonly number[];
	n_min?: number;
	n_max?: number;
	/** With a random school effect: share of ordinary schools (on top of the designed ones). */
	part_ordinaires?: number;
	scenarios?: readonly ScenarioPoints[];
}

export interface Compte {
	signales: number;
	total: number;
}

export interface MesurePoints {
	/** Null cells per size band (pooled n): flagged as signals, established as points. */
	bandes: { bande: BandeEffectif; signaux: Compte; etablis: Compte }[];
	/** Established points shown, and how many are false. */
	points: Compte;
	/** Signals alone (the rule before #15), and how many are false. */
	signaux: Compte;
}

export interface ResultatScenario {
	scenario: ScenarioPoints;
	/** The default diagnosis: the scenario's years pooled. */
	cumul: MesurePoints;
	/** The latest year alone (« cette année »), when there are three years. */
	annee: MesurePoints | null;
	/** Per effect size (points): designed cells, found established on the right side, by the oracle. */
	detection: { effet: number; cellules: number; pilotage: number; oracle: number }[];
	/** True points (not false) established by Pilotage and by the oracle, all cells. */
	vrais_pilotage: number;
	vrais_oracle: number;
	/** The oracle's own points and false ones (its FDR, for reference). */
	oracle: Compte;
	nb_cellules: number;
	nb_academies: number;
}

export interface ResultatCalibrationPoints {
	parametres: Required<Omit<OptionsCalibrationPoints, 'scenarios'>>;
	scenarios: ResultatScenario[];
}

interface CelluleSimulee {
	uai: string;
	ips: number;
	/** Designed effect in share, 0 for none; NaN for an ordinary school (its u instead). */
	effet: number;
	u: number;
	tailles: number[];
	/** Pupils satisfaisant each year, drawn. */
	reussites: number[];
}

export function simulerCalibrationPoints(
	options: OptionsCalibrationPoints = {}
): ResultatCalibrationPoints {
	const parametres = {
		graine: options.graine ?? 20250115,
		nb_academies: options.nb_academies ?? 48,
		nb_academies_3_ans: options.nb_academies_3_ans ?? 24,
		nb_ecoles: options.nb_ecoles ?? 1500,
		q: options.q ?? Q_DEFAUT,
		effets: options.effets ?? [0.05, 0.1, 0.15],
		n_min: options.n_min ?? 5,
		n_max: options.n_max ?? 90,
		part_ordinaires: options.part_ordinaires ?? 0.3
	};
	const scenarios = (options.scenarios ?? SCENARIOS_DEFAUT).map((scenario, s) =>
		simulerScenario(scenario, parametres, creerTirage(parametres.graine + 7919 * s))
	);
	return { parametres, scenarios };
}

function mesureVide(): MesurePoints {
	return {
		bandes: BANDES_POINTS.map((bande) => ({
			bande,
			signaux: { signales: 0, total: 0 },
			etablis: { signales: 0, total: 0 }
		})),
		points: { signales: 0, total: 0 },
		signaux: { signales: 0, total: 0 }
	};
}

function simulerScenario(
	scenario: ScenarioPoints,
	parametres: ResultatCalibrationPoints['parametres'],
	tirage: Tirage
): ResultatScenario {
	const resultat: ResultatScenario = {
		scenario,
		cumul: mesureVide(),
		annee: scenario.annees > 1 ? mesureVide() : null,
		detection: parametres.effets.map((e) => ({
			effet: Math.round(e * 100),
			cellules: 0,
			pilotage: 0,
			oracle: 0
		})),
		vrais_pilotage: 0,
		vrais_oracle: 0,
		oracle: { signales: 0, total: 0 },
		nb_cellules: 0,
		nb_academies: scenario.annees === 1 ? parametres.nb_academies : parametres.nb_academies_3_ans
	};
	const derniere = '2024-2025';
	const annees = Array.from({ length: scenario.annees }, (_, i) =>
		decalerAnnee(derniere, i - scenario.annees + 1)
	);
	const nbAcademies =
		scenario.annees === 1 ? parametres.nb_academies : parametres.nb_academies_3_ans;
	for (let academie = 0; academie < nbAcademies; academie++) {
		// One competence per académie, in the ranges of the national figures (as calibration.ts).
		const a = logit(0.4 + 0.48 * tirage.uniforme());
		const b = 0.015 + 0.025 * tirage.uniforme();
		const tau = 0.2 + 0.4 * tirage.uniforme();
		// Each year's test a little harder or easier for everyone (≈ ±3 points).
		const aAnnee = annees.map(() => a + 0.15 * tirage.normale());
		const cellules: CelluleSimulee[] = [];
		for (let i = 0; i < parametres.nb_ecoles; i++) {
			const ips = Math.min(160, Math.max(60, IPS_CENTRE - 4 + 15 * tirage.normale()));
			const taille = Math.exp(
				Math.log(parametres.n_min) +
					tirage.uniforme() * (Math.log(parametres.n_max) - Math.log(parametres.n_min))
			);
			const tailles = annees.map(() =>
				scenario.annees === 1
					? Math.round(taille)
					: Math.max(1, Math.round(taille * (0.75 + 0.5 * tirage.uniforme())))
			);
			const v = tirage.uniforme();
			let effet = 0;
			let u = 0;
			if (v < scenario.prevalence) {
				const e = parametres.effets[Math.floor(tirage.uniforme() * parametres.effets.length)];
				effet = tirage.uniforme() < 0.5 ? -e : e;
				// Keep the effect exact every year: flip it when a year's share would leave [2 %, 98 %].
				const bornes = aAnnee.map((at) => expit(at + b * (ips - IPS_CENTRE)));
				if (bornes.some((p) => p + effet > 0.98 || p + effet < 0.02)) effet = -effet;
			} else if (scenario.effet_aleatoire && v < scenario.prevalence + parametres.part_ordinaires) {
				effet = NaN;
				u = tau * tirage.normale();
			}
			cellules.push({
				uai: `SIM${String(i).padStart(5, '0')}`,
				ips,
				effet,
				u,
				tailles,
				reussites: []
			});
		}

		const lignes: LigneEvaluation[] = [];
		const vraiAttendu: number[][] = [];
		const vraiePart: number[][] = [];
		for (const c of cellules) {
			const attendus = aAnnee.map((at) => expit(at + b * (c.ips - IPS_CENTRE)));
			const parts = aAnnee.map((at, t) =>
				Number.isNaN(c.effet)
					? expit(at + b * (c.ips - IPS_CENTRE) + c.u)
					: Math.min(0.995, Math.max(0.005, attendus[t] + c.effet))
			);
			vraiAttendu.push(attendus);
			vraiePart.push(parts);
			annees.forEach((annee, t) => {
				const n = c.tailles[t];
				let k = 0;
				for (let j = 0; j < n; j++) if (tirage.uniforme() < parts[t]) k++;
				c.reussites.push(k);
				lignes.push({
					uai: c.uai,
					annee_scolaire: annee,
					niveau: 'CE1',
					discipline: 'MA',
					competence_id: 'SIMULATION',
					n_eleves: n,
					n_besoin: n - k,
					n_fragile: 0,
					n_satisfaisant: k,
					ips: c.ips
				});
			});
		}
		const modeles = ajusterModelesIps(lignes);
		const cumul = evaluerFamille(lignes, modeles, { analyse: 'cumul', q: parametres.q });
		const cetteAnnee =
			scenario.annees > 1
				? evaluerFamille(lignes, modeles, {
						analyse: 'annee',
						annee_scolaire: derniere,
						q: parametres.q
					})
				: null;

		// The truth of a cell over the pooled years: n-weighted true gap.
		const vraiEcart = (i: number, tailles: number[]) => {
			const n = tailles.reduce((s, x) => s + x, 0);
			return tailles.reduce((s, x, t) => s + x * (vraiePart[i][t] - vraiAttendu[i][t]), 0) / n;
		};
		const noter = (
			mesure: MesurePoints,
			famille: ReturnType<typeof evaluerFamille>,
			tailles: (i: number) => number[]
		) => {
			cellules.forEach((c, i) => {
				const j = famille.index.get(`${c.uai}|SIMULATION`);
				if (j === undefined) return;
				const point = famille.points[j];
				const r = famille.resultats[j];
				const signe = point.sens === null ? 0 : point.sens === 'appui' ? 1 : -1;
				const etabli = point.statut === 'point_appui' || point.statut === 'point_vigilance';
				const vrai = Math.sign(vraiEcart(i, tailles(i)));
				const faux = signe !== 0 && (c.effet === 0 || signe !== vrai);
				if (c.effet === 0) {
					for (const l of mesure.bandes) {
						if (r.n < l.bande.min || r.n > l.bande.max) continue;
						l.signaux.total++;
						l.etablis.total++;
						if (signe !== 0) l.signaux.signales++;
						if (etabli) l.etablis.signales++;
					}
				}
				if (signe !== 0) {
					mesure.signaux.total++;
					if (faux) mesure.signaux.signales++;
				}
				if (etabli) {
					mesure.points.total++;
					if (faux) mesure.points.signales++;
				}
			});
		};
		noter(resultat.cumul, cumul, (i) => cellules[i].tailles);
		if (cetteAnnee && resultat.annee) {
			noter(resultat.annee, cetteAnnee, (i) => cellules[i].tailles.slice(-1));
		}

		// Oracle: true pooled expected share, exact binomial test, BH at the same q.
		const testes: number[] = [];
		const pOracle: number[] = [];
		const signeOracle: number[] = [];
		cellules.forEach((c, i) => {
			const n = c.tailles.reduce((s, x) => s + x, 0);
			if (n < SEUIL_MASQUAGE) return;
			const k = c.reussites.reduce((s, x) => s + x, 0);
			const attendu = c.tailles.reduce((s, x, t) => s + x * vraiAttendu[i][t], 0) / n;
			testes.push(i);
			pOracle.push(pValeurEcart(k, n, attendu, 0));
			signeOracle.push(Math.sign(k / n - attendu));
		});
		const trouveOracle = new Map<number, number>();
		benjaminiHochberg(pOracle, parametres.q).rejete.forEach((rejete, j) => {
			if (rejete) trouveOracle.set(testes[j], signeOracle[j]);
		});
		cellules.forEach((c, i) => {
			resultat.nb_cellules++;
			const vrai = Math.sign(vraiEcart(i, c.tailles));
			const j = cumul.index.get(`${c.uai}|SIMULATION`);
			const point = j === undefined ? null : cumul.points[j];
			const signe =
				point && (point.statut === 'point_appui' || point.statut === 'point_vigilance')
					? point.statut === 'point_appui'
						? 1
						: -1
					: 0;
			const oracle = trouveOracle.get(i) ?? 0;
			if (oracle !== 0) {
				resultat.oracle.total++;
				if (c.effet === 0 || oracle !== vrai) resultat.oracle.signales++;
				else resultat.vrais_oracle++;
			}
			if (signe !== 0 && c.effet !== 0 && signe === vrai) resultat.vrais_pilotage++;
			if (c.effet !== 0 && !Number.isNaN(c.effet)) {
				const d = resultat.detection.find((x) => x.effet === Math.round(Math.abs(c.effet) * 100))!;
				d.cellules++;
				if (signe === Math.sign(c.effet)) d.pilotage++;
				if (oracle === Math.sign(c.effet)) d.oracle++;
			}
		});
	}
	return resultat;
}
