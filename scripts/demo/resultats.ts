// Effectifs, IPS annuels, résultats des évaluations (écoles, élèves de l'école vitrine, 6e)
// et références. Le modèle est décrit dans data/README.md.

import { DOMAINES_COLLEGE, type Competence } from '../../src/lib/domain/competences.ts';
import type { Academie, College, Ecole } from './entites.ts';
import { Alea, borner, logistique, logit, repartitionNormale } from './alea.ts';
import {
	COMPETENCES_EVALUEES,
	IPS_NATIONAL,
	NIVEAUX_EVALUES,
	PENTE_IPS,
	RENTREES,
	ecartFragile,
	logitNational,
	type EffetConcu
} from './modele.ts';
import { effetConcuCollege } from './colleges.ts';

export interface Effectifs {
	pre: number;
	niveaux: Record<'CP' | 'CE1' | 'CE2' | 'CM1' | 'CM2', number>;
	ulis: number;
	classes: number;
}

const NIVEAUX_ELEM = ['CP', 'CE1', 'CE2', 'CM1', 'CM2'] as const;

/** Effectifs par rentrée (2019 sert d'amorce aux cohortes) : CE1 de N ≈ CP de N-1, etc. */
export function tirerEffectifs(e: Ecole, plancherParNiveau = 0): Map<number, Effectifs> {
	const alea = new Alea('effectifs', e.uai);
	const res = new Map<number, Effectifs>();
	const natalite = (r: number) => 1 - 0.012 * (r - 2022);
	const minimum = e.commune.rurale ? 1 : 4;
	let precedent: number[] | undefined;
	for (let r = 2019; r <= 2024; r++) {
		let niveaux: number[] = [];
		if (e.type !== 'maternelle') {
			const nouveau = () => e.taille * natalite(r) * Math.exp(alea.normale(0, 0.12));
			niveaux = NIVEAUX_ELEM.map((_, i) =>
				i === 0 || !precedent ? nouveau() : precedent[i - 1] * alea.normale(1, 0.05)
			).map((x) => Math.max(minimum, plancherParNiveau, Math.round(x)));
			precedent = niveaux;
		}
		const pre =
			e.type === 'elementaire'
				? 0
				: Math.max(
						minimum,
						Math.round(
							3 *
								e.taille *
								natalite(r) *
								(e.type === 'primaire' ? 0.9 : 1) *
								Math.exp(alea.normale(0, 0.08))
						)
					);
		const ulis = e.ulis ? alea.entier(9, 12) : 0;
		const elem = niveaux.reduce((s, x) => s + x, 0);
		let classes = 0;
		if (e.commune.rurale && e.type === 'primaire')
			classes = Math.max(1, Math.ceil((pre + elem) / 22));
		else {
			if (pre > 0) classes += Math.max(1, Math.ceil(pre / (e.ep === 'REP+' ? 22 : 26)));
			if (elem > 0) {
				classes +=
					e.ep !== ''
						? Math.ceil(niveaux[0] / 12) +
							Math.ceil(niveaux[1] / 12) +
							Math.ceil((elem - niveaux[0] - niveaux[1]) / 23)
						: Math.max(1, Math.ceil(elem / 25));
			}
			if (ulis > 0) classes += 1;
		}
		const [cp, ce1, ce2, cm1, cm2] = e.type === 'maternelle' ? [0, 0, 0, 0, 0] : niveaux;
		res.set(r, { pre, niveaux: { CP: cp, CE1: ce1, CE2: ce2, CM1: cm1, CM2: cm2 }, ulis, classes });
	}
	return res;
}

/** IPS de l'année : IPS de base et petite dérive (pente propre à l'école + bruit). */
export function tirerIps(e: { uai: string; ipsBase: number }): Map<number, number> {
	const alea = new Alea('ips-derive', e.uai);
	const pente = alea.normale(0.15, 0.4);
	const res = new Map<number, number>();
	for (const r of RENTREES) {
		const v = e.ipsBase + pente * (r - 2022) + alea.normale(0, 0.8);
		res.set(r, Math.round(borner(v, 45, 185) * 10) / 10);
	}
	return res;
}

export interface LigneEvaluation {
	rentree: number;
	uai: string;
	competence: Competence;
	n: number;
	besoin: number;
	fragile: number;
	satisfaisant: number;
}

/** Résultats d'une école, toutes années, tous niveaux et compétences évalués. */
export function tirerEvaluations(
	e: Ecole,
	effectifs: Map<number, Effectifs>,
	ips: Map<number, number>,
	effets: EffetConcu[]
): LigneEvaluation[] {
	if (e.type === 'maternelle') return [];
	const lignes: LigneEvaluation[] = [];
	const effetDe = new Map(
		effets.filter((x) => x.uai === e.uai).map((x) => [x.competenceId, x.points])
	);
	for (const rentree of RENTREES) {
		const alea = new Alea('evaluations', e.uai, rentree);
		const bruitAnnee = alea.normale(0, 0.08);
		const ipsAnnee = ips.get(rentree) ?? e.ipsBase;
		for (const niveau of NIVEAUX_EVALUES(rentree)) {
			const inscrits = effectifs.get(rentree)?.niveaux[niveau] ?? 0;
			// Quelques absents le jour de la passation.
			const n = inscrits - alea.binomiale(inscrits, 0.02);
			if (n <= 0) continue;
			for (const c of COMPETENCES_EVALUEES.filter((x) => x.niveau === niveau)) {
				let eta =
					logitNational(c.id, rentree) +
					PENTE_IPS * (ipsAnnee - IPS_NATIONAL) +
					e.effetEcole +
					bruitAnnee +
					alea.normale(0, 0.05);
				const points = effetDe.get(c.id);
				if (points !== undefined) {
					// L'effet est défini en points de part satisfaisante : on le convertit en logit
					// autour de la valeur attendue de l'école cette année-là.
					const p = borner(logistique(eta) + points / 100, 0.02, 0.98);
					eta = logit(p);
				}
				const pSat = logistique(eta);
				const pAuMoinsFragile = logistique(eta + ecartFragile(c.id));
				const probas = [pSat, pAuMoinsFragile - pSat, 1 - pAuMoinsFragile];
				let [satisfaisant, fragile, besoin] = alea.multinomiale(n, probas);
				// Écoles vitrines : l'effet conçu doit se voir chaque année, on écarte donc les
				// tirages qui s'éloignent de plus d'un écart type de la valeur visée.
				const tolerance = Math.sqrt(pSat * (1 - pSat) * n);
				for (let essai = 0; points !== undefined && Math.abs(points) >= 10 && essai < 50; essai++) {
					if (Math.abs(satisfaisant - n * pSat) <= tolerance) break;
					[satisfaisant, fragile, besoin] = alea.multinomiale(n, probas);
				}
				lignes.push({ rentree, uai: e.uai, competence: c, n, besoin, fragile, satisfaisant });
			}
		}
	}
	return lignes;
}

export interface LigneEleve {
	rentree: number;
	niveau: string;
	discipline: string;
	competenceId: string;
	ordre: number;
	classe: string;
	eleve: string;
	groupe: 'besoin' | 'fragile' | 'satisfaisant';
}

const RANG_NIVEAU: Record<string, number> = { CP: 0, CE1: 1, CE2: 2, CM1: 3, CM2: 4 };

/**
 * Résultats élève par élève d'une école, construits à partir de ses lignes agrégées : les
 * groupes sont répartis entre élèves selon une aptitude tirée, si bien que l'agrégation
 * redonne exactement les effectifs de l'école et qu'un élève faible l'est dans plusieurs
 * compétences. Les identifiants suivent la cohorte (le CP de N est le CE1 de N+1).
 */
export function tirerEleves(e: Ecole, lignes: LigneEvaluation[]): LigneEleve[] {
	const res: LigneEleve[] = [];
	const groupesDe = new Map<string, LigneEvaluation[]>();
	for (const l of lignes) {
		const cle = `${l.rentree}|${l.competence.niveau}|${l.competence.discipline}`;
		groupesDe.set(cle, [...(groupesDe.get(cle) ?? []), l]);
	}
	for (const [cle, liste] of [...groupesDe.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
		const [rentreeTexte, niveau, discipline] = cle.split('|');
		const rentree = Number(rentreeTexte);
		const n = liste[0].n;
		const cohorte = rentree - RANG_NIVEAU[niveau];
		const alea = new Alea('eleves', e.uai, cle);
		const eleves = Array.from({ length: n }, (_, i) => ({
			id: pseudonyme(e.uai, cohorte, i),
			aptitude: new Alea('aptitude', e.uai, cohorte, i, discipline).normale(0, 1)
		}));
		const nbClasses = Math.max(1, Math.ceil(n / (e.ep === '' ? 26 : 13)));
		const classeDe = new Map<string, string>();
		new Alea('classes', e.uai, rentree, niveau)
			.melanger(eleves.map((x) => x.id).sort())
			.forEach((id, i) =>
				classeDe.set(id, `${niveau} ${String.fromCharCode(65 + (i % nbClasses))}`)
			);
		for (const l of liste) {
			const scores = eleves
				.map((x) => ({ id: x.id, s: x.aptitude + alea.normale(0, 0.9) }))
				.sort((a, b) => a.s - b.s || (a.id < b.id ? -1 : 1));
			scores.forEach((x, i) => {
				const groupe =
					i < l.besoin ? 'besoin' : i < l.besoin + l.fragile ? 'fragile' : 'satisfaisant';
				res.push({
					rentree,
					niveau,
					discipline,
					competenceId: l.competence.id,
					ordre: l.competence.ordre,
					classe: classeDe.get(x.id) ?? '',
					eleve: x.id,
					groupe
				});
			});
		}
	}
	return res;
}

function pseudonyme(uai: string, cohorte: number, i: number): string {
	const a = new Alea('pseudonyme', uai, cohorte, i);
	const hex = Math.floor(a.uniforme() * 0x100000000)
		.toString(16)
		.toUpperCase()
		.padStart(8, '0');
	return `EL-${hex}`;
}

// --- 6e ---

export interface LigneCollege {
	rentree: number;
	uai: string;
	niveau: '6E' | '4E';
	domaineId: string;
	domaineLibelle: string;
	discipline: string;
	n: number;
	score: number;
	groupes: number[];
}

// Seuils des six groupes : déciles nationaux 10/17/22/20/14/17 % d'une loi N(250, 50).
const SEUILS_GROUPES = [185.9, 219.4, 248.7, 274.8, 297.7];
const ET_INTRA = 46;

export function tirerEvaluations6e(
	c: College,
	effectifsEcoles: Map<string, Map<number, Effectifs>>
): LigneCollege[] {
	const lignes: LigneCollege[] = [];
	for (const rentree of RENTREES) {
		const alea = new Alea('6e', c.uai, rentree);
		// Les CM2 du secteur de l'année précédente, moins les départs vers le privé.
		const cm2 = c.ecoles.reduce(
			(s, e) => s + (effectifsEcoles.get(e.uai)?.get(rentree - 1)?.niveaux.CM2 ?? 0),
			0
		);
		const inscrits = Math.max(40, Math.round(cm2 * alea.normale(0.88, 0.03)));
		lignes.push(...tirerDomaines(c, '6E', rentree, inscrits, alea));
	}
	return lignes;
}

/** 4e since 2023 (the first national 4e evaluation): the 6e of two years before, a few leave. */
export function tirerEvaluations4e(c: College, lignes6e: readonly LigneCollege[]): LigneCollege[] {
	const lignes: LigneCollege[] = [];
	for (const rentree of RENTREES.filter((r) => r >= 2023)) {
		const alea = new Alea('4e', c.uai, rentree);
		const sixiemes = lignes6e.find((l) => l.uai === c.uai && l.rentree === rentree - 2)?.n ?? 40;
		const inscrits = Math.max(30, Math.round(sixiemes * alea.normale(0.97, 0.03)));
		lignes.push(...tirerDomaines(c, '4E', rentree, inscrits, alea));
	}
	return lignes;
}

/**
 * One year of a collège at one level: each domain's score ≈ 250 + 1.2 × (IPS − 106) + the
 * collège's own effect + its designed effect, and six groups drawn around that mean. The 6e
 * keeps the stream names it always had: its figures do not move when 4e is added.
 */
function tirerDomaines(
	c: College,
	niveau: '6E' | '4E',
	rentree: number,
	inscrits: number,
	alea: Alea
): LigneCollege[] {
	const prefixe = niveau === '6E' ? '6e' : '4e';
	const suffixe = niveau === '6E' ? '' : '-4e';
	const effetCollege = new Alea('effet-college', c.uai).normale(0, 5);
	const effetDiscipline = {
		FR: new Alea(`effet-college-fr${suffixe}`, c.uai).normale(0, 3),
		MA: new Alea(`effet-college-ma${suffixe}`, c.uai).normale(0, 3)
	};
	const anneeNat = new Alea(`${prefixe}-national`, rentree).normale(0, 2);
	const lignes: LigneCollege[] = [];
	for (const d of DOMAINES_COLLEGE.filter((x) => x.niveau === niveau)) {
		const n = inscrits - alea.binomiale(inscrits, 0.03);
		const decalageDomaine = d.global
			? 0
			: new Alea(`${prefixe}-domaine`, c.uai, d.id).normale(0, 4);
		const mu =
			250 +
			1.2 * (c.ips - IPS_NATIONAL) +
			effetCollege +
			effetDiscipline[d.discipline] +
			decalageDomaine +
			anneeNat +
			effetConcuCollege(c.uai, d.id) +
			alea.normale(0, 2);
		const groupes = alea.multinomiale(n, probasGroupes(mu));
		const score = Math.round((mu + alea.normale(0, ET_INTRA / Math.sqrt(n))) * 10) / 10;
		lignes.push({
			rentree,
			uai: c.uai,
			niveau,
			domaineId: d.id,
			domaineLibelle: d.libelle,
			discipline: d.discipline,
			n,
			score,
			groupes
		});
	}
	return lignes;
}

/** Shares of the six groups for a mean score `mu` (pupils spread N(mu, 46)). */
export function probasGroupes(mu: number): number[] {
	const bornes = [0, ...SEUILS_GROUPES.map((s) => repartitionNormale((s - mu) / ET_INTRA)), 1];
	return bornes.slice(1).map((b, i) => b - bornes[i]);
}

// --- Références ---

export interface LigneReference {
	rentree: number;
	territoire: 'FRANCE' | 'ACADEMIE' | 'DEPARTEMENT';
	code: string;
	competence: Competence;
	satisfaisant: number;
	besoin: number;
}

export function calculerReferences(a: Academie, lignes: LigneEvaluation[]): LigneReference[] {
	const res: LigneReference[] = [];
	const depDe = new Map(a.ecoles.map((e) => [e.uai, e.commune.codeDep]));
	const cumul = new Map<string, { n: number; sat: number; bes: number }>();
	const ajouter = (cle: string, l: LigneEvaluation) => {
		const x = cumul.get(cle) ?? { n: 0, sat: 0, bes: 0 };
		x.n += l.n;
		x.sat += l.satisfaisant;
		x.bes += l.besoin;
		cumul.set(cle, x);
	};
	for (const l of lignes) {
		ajouter(`${l.rentree}|${l.competence.id}|ACADEMIE|07`, l);
		ajouter(`${l.rentree}|${l.competence.id}|DEPARTEMENT|${depDe.get(l.uai)}`, l);
	}
	const pourcent = (x: number) => Math.round(x * 1000) / 10;
	for (const rentree of RENTREES) {
		for (const c of COMPETENCES_EVALUEES) {
			if (!NIVEAUX_EVALUES(rentree).includes(c.niveau as 'CP')) continue;
			const eta = logitNational(c.id, rentree);
			res.push({
				rentree,
				territoire: 'FRANCE',
				code: '',
				competence: c,
				satisfaisant: pourcent(logistique(eta)),
				besoin: pourcent(1 - logistique(eta + ecartFragile(c.id)))
			});
			for (const [territoire, code] of [
				['ACADEMIE', '07'],
				['DEPARTEMENT', '021'],
				['DEPARTEMENT', '058'],
				['DEPARTEMENT', '071'],
				['DEPARTEMENT', '089']
			] as const) {
				const x = cumul.get(`${rentree}|${c.id}|${territoire}|${code}`);
				if (!x || x.n === 0) continue;
				res.push({
					rentree,
					territoire,
					code,
					competence: c,
					satisfaisant: pourcent(x.sat / x.n),
					besoin: pourcent(x.bes / x.n)
				});
			}
		}
	}
	return res;
}
