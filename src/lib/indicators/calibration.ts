/**
 * Calibration by simulation: académies whose truth is known, run through the very functions the
 * app uses (`ajusterModeleIps`, `evaluerEcole`), to measure how often Pilotage flags a school that
 * has no effect, and how often it finds one that has.
 *
 * Each simulated académie has its own competence: base share, IPS slope and between-school
 * spread τ are drawn at random in realistic ranges. Its schools are of three kinds:
 * - « sans effet »: true share exactly the expected share of its IPS (u = 0);
 * - « avec effet »: true share = expected share ± 5, 10 or 15 points, exactly;
 * - the rest: ordinary schools, u ~ N(0, τ²), as in real life (they feed the fit and τ, but
 *   their truth is a random draw, so they are not scored).
 * Sizes are log-uniform from 5 to 90 pupils (many small rural schools, some large urban ones).
 *
 * The rule home-made tools use is simulated beside it: ordinary least squares of the percentage
 * on IPS, one point per school whatever its size, flag beyond ±7 points (no masking either). So
 * are, for the record, the two rules Pilotage considered and set aside (see ecart.ts): the Wilson
 * interval of the share, and the empirical-Bayes (shrunken) interval of the school effect.
 *
 * Pure and seeded (pure-rand's xoroshiro128+): the same options give the same figures.
 */
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { linearRegression, linearRegressionLine } from 'simple-statistics';
import { evaluerEcole } from './ecart';
import {
	ajusterModeleIps,
	cleModele,
	expit,
	integrerEcole,
	IPS_CENTRE,
	logit,
	predire
} from './modele-ips';
import type { LigneEvaluation } from './types';
import { quantileNormal, wilson, zBilateral } from './wilson';

export interface BandeEffectif {
	libelle: string;
	min: number;
	max: number;
}

export const BANDES_DEFAUT: readonly BandeEffectif[] = [
	{ libelle: 'n < 15', min: 0, max: 14 },
	{ libelle: 'dont 10–14', min: 10, max: 14 },
	{ libelle: '15–30', min: 15, max: 30 },
	{ libelle: '> 30', min: 31, max: Infinity }
];

export interface OptionsCalibration {
	graine?: number;
	nb_academies?: number;
	nb_ecoles?: number;
	/** Shares of schools « sans effet » and « avec effet »; the rest are ordinary schools. */
	part_sans_effet?: number;
	part_avec_effet?: number;
	/** Effect sizes in share (0.05 = 5 points), each drawn with both signs. */
	effets?: readonly number[];
	n_min?: number;
	n_max?: number;
	confiance?: number;
	bande_fixe?: number;
	bandes?: readonly BandeEffectif[];
}

export interface Taux {
	signales: number;
	total: number;
	taux: number;
}

export interface MesureRegle {
	/** Schools without effect flagged (either way). */
	fausses_alertes: Taux;
	/** Per effect size (key: points, e.g. '10'): flagged in the right direction. */
	detection: Record<string, Taux>;
	/** Per effect size: flagged in the wrong direction. */
	contresens: Record<string, Taux>;
}

export interface LigneCalibration {
	bande: BandeEffectif;
	pilotage: MesureRegle;
	bande_fixe: MesureRegle;
	/** Alternatives considered, for information (see ecart.ts for why Pilotage does not use them). */
	alternatives: {
		/** Same expected share, flag when the Wilson interval of the share excludes it. */
		wilson: MesureRegle;
		/** Flag when the empirical-Bayes (shrunken) interval of the school effect excludes 0. */
		retrecissement: MesureRegle;
	};
}

export interface ResultatCalibration {
	lignes: LigneCalibration[];
	parametres: Required<Omit<OptionsCalibration, 'bandes'>>;
	nb_ecoles_sans_effet: number;
	nb_ecoles_avec_effet: number;
	/** Fits that did not converge (should be 0). */
	nb_ajustements_non_convergents: number;
}

export type NatureEcole =
	{ type: 'sans_effet' } | { type: 'effet'; effet: number } | { type: 'ordinaire' };

export interface EcoleSimulee {
	ligne: LigneEvaluation;
	nature: NatureEcole;
	/** True share of the school. */
	vraie_part: number;
}

/** Seeded uniform and normal draws (pure-rand's xoroshiro128+; normal by inversion). */
export interface Tirage {
	uniforme(): number;
	normale(): number;
}

export function creerTirage(graine: number): Tirage {
	const rng = xoroshiro128plus(graine);
	const uniforme = () => uniformFloat64(rng);
	return {
		uniforme,
		normale: () => {
			const v = uniforme();
			return quantileNormal(v === 0 ? 2 ** -53 : v);
		}
	};
}

export interface ParametresAcademie {
	/** logit of the share of a typical school at IPS 106, and slope per IPS point (logit). */
	a: number;
	b: number;
	/** Between-school standard deviation (logit) of ordinary schools. */
	tau: number;
	nb_ecoles: number;
	n_min: number;
	n_max: number;
	part_sans_effet: number;
	part_avec_effet: number;
	effets: readonly number[];
	annee_scolaire?: string;
	competence_id?: string;
	/** Mean and standard deviation of the schools' IPS (académie de Dijon: about 102 and 15). */
	ips_moyen?: number;
	ips_ecart_type?: number;
}

/** One simulated académie for one competence × year; the truth of every school is returned. */
export function simulerAcademie(parametres: ParametresAcademie, tirage: Tirage): EcoleSimulee[] {
	const { a, b, tau } = parametres;
	const ipsMoyen = parametres.ips_moyen ?? IPS_CENTRE - 4;
	const ipsEcartType = parametres.ips_ecart_type ?? 15;
	const ecoles: EcoleSimulee[] = [];
	for (let i = 0; i < parametres.nb_ecoles; i++) {
		const ips = Math.min(160, Math.max(60, ipsMoyen + ipsEcartType * tirage.normale()));
		// Log-uniform sizes: many small rural schools, a few large urban ones.
		const n = Math.round(
			Math.exp(
				Math.log(parametres.n_min) +
					tirage.uniforme() * (Math.log(parametres.n_max) - Math.log(parametres.n_min))
			)
		);
		const attendu = expit(a + b * (ips - IPS_CENTRE));
		const u = tirage.uniforme();
		let nature: NatureEcole;
		let p: number;
		if (u < parametres.part_sans_effet) {
			nature = { type: 'sans_effet' };
			p = attendu;
		} else if (u < parametres.part_sans_effet + parametres.part_avec_effet) {
			const taille = parametres.effets[Math.floor(tirage.uniforme() * parametres.effets.length)];
			let effet = tirage.uniforme() < 0.5 ? -taille : taille;
			// Keep the effect exact: flip its sign when the true share would leave [2 %, 98 %].
			if (attendu + effet > 0.98 || attendu + effet < 0.02) effet = -effet;
			nature = { type: 'effet', effet };
			p = attendu + effet;
		} else {
			nature = { type: 'ordinaire' };
			p = expit(a + b * (ips - IPS_CENTRE) + tau * tirage.normale());
		}
		let k = 0;
		for (let j = 0; j < n; j++) if (tirage.uniforme() < p) k++;
		ecoles.push({
			nature,
			vraie_part: p,
			ligne: {
				uai: `SIM${String(i).padStart(5, '0')}`,
				annee_scolaire: parametres.annee_scolaire ?? '2024-2025',
				niveau: 'CE1',
				discipline: 'MA',
				competence_id: parametres.competence_id ?? 'SIMULATION',
				n_eleves: n,
				n_besoin: n - k,
				n_fragile: 0,
				n_satisfaisant: k,
				ips
			}
		});
	}
	return ecoles;
}

export function simulerCalibration(options: OptionsCalibration = {}): ResultatCalibration {
	const parametres = {
		graine: options.graine ?? 20240901,
		nb_academies: options.nb_academies ?? 200,
		nb_ecoles: options.nb_ecoles ?? 1500,
		part_sans_effet: options.part_sans_effet ?? 0.2,
		part_avec_effet: options.part_avec_effet ?? 0.3,
		effets: options.effets ?? [0.05, 0.1, 0.15],
		n_min: options.n_min ?? 5,
		n_max: options.n_max ?? 90,
		confiance: options.confiance ?? 0.95,
		bande_fixe: options.bande_fixe ?? 0.07
	};
	const bandes = options.bandes ?? BANDES_DEFAUT;
	const tirage = creerTirage(parametres.graine);
	const cles = parametres.effets.map(clePoints);
	const lignes: LigneCalibration[] = bandes.map((bande) => ({
		bande,
		pilotage: mesureVide(cles),
		bande_fixe: mesureVide(cles),
		alternatives: { wilson: mesureVide(cles), retrecissement: mesureVide(cles) }
	}));
	const z = zBilateral(parametres.confiance);
	let nbSansEffet = 0;
	let nbAvecEffet = 0;
	let nonConvergents = 0;

	for (let academie = 0; academie < parametres.nb_academies; academie++) {
		// One competence per académie, in the ranges of the national figures:
		// shares from 40 % to 88 %, 15 to 40 points between IPS 80 and 130, τ from 0.2 to 0.6.
		const ecoles = simulerAcademie(
			{
				a: logit(0.4 + 0.48 * tirage.uniforme()),
				b: 0.015 + 0.025 * tirage.uniforme(),
				tau: 0.2 + 0.4 * tirage.uniforme(),
				nb_ecoles: parametres.nb_ecoles,
				n_min: parametres.n_min,
				n_max: parametres.n_max,
				part_sans_effet: parametres.part_sans_effet,
				part_avec_effet: parametres.part_avec_effet,
				effets: parametres.effets
			},
			tirage
		);
		const modele = ajusterModeleIps(ecoles.map((e) => e.ligne));
		if (modele.statut !== 'ajuste')
			throw new Error(`calibration : modèle non ajusté (${modele.raison})`);
		if (!modele.converge) nonConvergents++;
		const premiere = ecoles[0].ligne;
		const catalogue = new Map([
			[cleModele(premiere.annee_scolaire, premiere.competence_id), modele]
		]);
		const droite = linearRegressionLine(
			linearRegression(ecoles.map((e) => [e.ligne.ips!, e.ligne.n_satisfaisant / e.ligne.n_eleves]))
		);

		for (const { ligne, nature } of ecoles) {
			if (nature.type === 'ordinaire') continue;
			const resultat = evaluerEcole([ligne], catalogue, { confiance: parametres.confiance });
			const signePilotage =
				resultat.classement === 'point_appui'
					? 1
					: resultat.classement === 'point_vigilance'
						? -1
						: 0;
			const residu = ligne.n_satisfaisant / ligne.n_eleves - droite(ligne.ips!);
			const signeBande =
				residu > parametres.bande_fixe ? 1 : residu < -parametres.bande_fixe ? -1 : 0;
			let signeWilson = 0;
			let signeRetrecissement = 0;
			if (resultat.attendu !== null) {
				const ic = wilson(ligne.n_satisfaisant, ligne.n_eleves, parametres.confiance);
				signeWilson = ic.bas > resultat.attendu ? 1 : ic.haut < resultat.attendu ? -1 : 0;
				const prediction = predire(modele, ligne.ips!);
				const posterior = integrerEcole(
					[ligne.n_satisfaisant],
					[ligne.n_eleves],
					[prediction.logit],
					0,
					1,
					modele.tau
				);
				const ecartType = Math.sqrt(posterior.variance + prediction.variance_logit);
				signeRetrecissement =
					posterior.moyenne > z * ecartType ? 1 : posterior.moyenne < -z * ecartType ? -1 : 0;
			}
			if (nature.type === 'sans_effet') nbSansEffet++;
			else nbAvecEffet++;
			for (const l of lignes) {
				if (ligne.n_eleves < l.bande.min || ligne.n_eleves > l.bande.max) continue;
				compter(l.pilotage, nature, signePilotage);
				compter(l.bande_fixe, nature, signeBande);
				compter(l.alternatives.wilson, nature, signeWilson);
				compter(l.alternatives.retrecissement, nature, signeRetrecissement);
			}
		}
	}
	for (const l of lignes) {
		finaliser(l.pilotage);
		finaliser(l.bande_fixe);
		finaliser(l.alternatives.wilson);
		finaliser(l.alternatives.retrecissement);
	}
	return {
		lignes,
		parametres,
		nb_ecoles_sans_effet: nbSansEffet,
		nb_ecoles_avec_effet: nbAvecEffet,
		nb_ajustements_non_convergents: nonConvergents
	};
}

function clePoints(effet: number): string {
	return String(Math.round(effet * 100));
}

function tauxVide(): Taux {
	return { signales: 0, total: 0, taux: NaN };
}

function mesureVide(cles: readonly string[]): MesureRegle {
	return {
		fausses_alertes: tauxVide(),
		detection: Object.fromEntries(cles.map((c) => [c, tauxVide()])),
		contresens: Object.fromEntries(cles.map((c) => [c, tauxVide()]))
	};
}

function compter(mesure: MesureRegle, nature: NatureEcole, signe: number): void {
	if (nature.type === 'sans_effet') {
		mesure.fausses_alertes.total++;
		if (signe !== 0) mesure.fausses_alertes.signales++;
	} else if (nature.type === 'effet') {
		const cle = clePoints(Math.abs(nature.effet));
		const detection = mesure.detection[cle];
		const contresens = mesure.contresens[cle];
		detection.total++;
		contresens.total++;
		if (signe === Math.sign(nature.effet)) detection.signales++;
		else if (signe !== 0) contresens.signales++;
	}
}

function finaliser(mesure: MesureRegle): void {
	const fixer = (t: Taux) => {
		t.taux = t.total > 0 ? t.signales / t.total : NaN;
	};
	fixer(mesure.fausses_alertes);
	Object.values(mesure.detection).forEach(fixer);
	Object.values(mesure.contresens).forEach(fixer);
}
