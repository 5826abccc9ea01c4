/**
 * « Mon réseau », view models: the network and its schools in figures, the comparison with a
 * reference set, the training already given (counted, never named), the continuity école →
 * collège, and a priority turned into a proposed action.
 */
import {
	comparerAReference,
	libelleAnnees,
	partAffichable,
	SOURCE_DEFAUT,
	type PartAffichable,
	type ResultatAgregat,
	type ResultatComparaison,
	type StatutPoint
} from '$lib/indicators';
import { debutAnnee } from '$lib/indicators/annees';
import type { Priorite } from '$lib/indicators/priorites';
import { formatEntier, formatPoints } from '$lib/format';
import { derniereAnnee } from '../commun/analyse';
import { nomsDistincts } from './analyse';
import type {
	AnalyseCompetence,
	AnalyseReseau,
	BesoinAction,
	BesoinPartage,
	CategorieReference,
	IndicateurProjet,
	LigneCollege,
	LigneFormation,
	MembreReseau,
	ObjectifProjet,
	ReferenceCategorie
} from './types';
import { comparerFr } from '$lib/domain/texte';

export const LIBELLE_TYPE: Record<string, string> = {
	'REP+': 'Réseau d’éducation prioritaire renforcé (REP+)',
	REP: 'Réseau d’éducation prioritaire (REP)',
	TER: 'Territoire éducatif rural (TER)',
	secteur: 'Secteur de collège',
	RPI: 'Regroupement pédagogique intercommunal (RPI)',
	autre: 'Réseau'
};

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
		].sort(comparerFr)
	};
}

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
	/** The network's figure's status in the networks' family (`AnalyseCompetence.statut_reseau`). */
	statut: StatutPoint;
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
			reseau: c.reseau,
			statut: c.statut_reseau
		};
	});
}

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
				comparerFr(a.libelle ?? '', b.libelle ?? '')
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

/**
 * Which school competences (CE1, CM1) measure what a 6e domain measures. The tests differ: the
 * pairing says where to look side by side, not that the figures are comparable.
 */
const CONTINUITE_6E: Readonly<Record<string, readonly string[]>> = {
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
	ecoles: {
		competence_id: string;
		niveau: string;
		libelle: string;
		reseau: ResultatAgregat;
		/** The network's figure's status in the networks' family: a point only when established. */
		statut: AnalyseCompetence['statut_reseau'];
	}[];
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
						reseau: c.reseau,
						statut: c.statut_reseau
					})),
				source: l.source
			};
		})
		.sort(
			(a, b) => a.discipline.localeCompare(b.discipline) || a.domaine_id.localeCompare(b.domaine_id)
		);
	return { annee, lignes };
}

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
	besoin: BesoinAction;
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
function objectifDeCompetence(
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
	objectifs: readonly ObjectifProjet[],
	membres: readonly Pick<MembreReseau, 'uai' | 'type' | 'commune'>[] = []
): ActionProposee {
	const c = p.besoin.competence;
	// A need established for the network as a whole is the network's to train on, all its
	// evaluated schools (none of which need be « concernée » on its own).
	const reseau = c.motif === 'reseau';
	const plusieurs = reseau || p.besoin.ecoles >= 4;
	const septembre = debutAnnee(anneeAction) + 1;
	const ecart = p.besoin.ecart;
	const evaluees = (reseau ? c.ecoles : p.besoin.concernees).map((e) => e.uai);
	// A CP need is trained with the grande section teachers: the maternelles of the network (of the
	// concerned schools' communes when only some schools are concerned) are in the action too.
	const communes = new Set(membres.filter((m) => evaluees.includes(m.uai)).map((m) => m.commune));
	const maternelles =
		c.niveau === 'CP'
			? membres
					.filter((m) => m.type === 'maternelle' && (reseau || communes.has(m.commune)))
					.map((m) => m.uai)
					.filter((uai) => !evaluees.includes(uai))
			: [];
	return {
		theme: `${c.niveau} — ${c.libelle}`,
		competence_id: c.competence_id,
		objectif_id: objectifDeCompetence(c, indicateurs, objectifs),
		modalite: plusieurs ? 'formation réseau' : 'constellation',
		public: `${PUBLIC_PAR_NIVEAU[c.niveau] ?? `Enseignants de ${c.niveau}`} des écoles ${reseau ? 'du réseau' : 'concernées'}`,
		heures: plusieurs ? 18 : 30,
		ecoles: [...evaluees, ...maternelles],
		formateurs: '',
		verification:
			`Évaluations nationales de septembre ${septembre}, ${c.niveau} « ${c.libelle} » : ` +
			`part d’élèves au-dessus du seuil 2 et écart à l’attendu des écoles concernées` +
			(ecart === null ? '.' : ` (point de départ : ${formatPoints(ecart)}, ${libelleFenetre(p)}).`),
		besoin: besoinDeLaPriorite(p)
	};
}

/**
 * The need an action answers, as it stands today: the network's gap (its years pooled) when the
 * need is the network's, otherwise the concerned schools' pupils together — the figure the
 * priority's « points sous l'attendu » reads.
 */
export function besoinDeLaPriorite(p: Priorite<BesoinPartage>): BesoinAction {
	const c = p.besoin.competence;
	const rc = c.reseau_cumul;
	const reseau = c.motif === 'reseau';
	return {
		competence: `${c.niveau} — ${c.libelle}`,
		motif: reseau ? 'reseau' : 'ecoles',
		ecart: reseau ? rc.ecart : p.besoin.ecart,
		bas: reseau ? (rc.intervalle?.bas ?? null) : null,
		haut: reseau ? (rc.intervalle?.haut ?? null) : null,
		eleves: reseau ? rc.n : p.besoin.concernees.reduce((t, e) => t + e.resultat.n, 0),
		annees: libelleFenetreListe(p),
		ecoles: p.besoin.concernees.map((e) => e.nom)
	};
}

function libelleFenetreListe(p: Priorite<BesoinPartage>): string[] {
	if (p.besoin.competence.motif === 'reseau') {
		const rc = p.besoin.competence.reseau_cumul;
		return [...(rc.pooled_years ?? [rc.annee_scolaire])].sort();
	}
	const annees = new Set<string>();
	for (const e of p.besoin.concernees) {
		for (const a of e.resultat.pooled_years ?? [e.resultat.annee_scolaire]) annees.add(a);
	}
	return [...annees].sort();
}

function libelleFenetre(p: Priorite<BesoinPartage>): string {
	if (p.besoin.competence.motif === 'reseau')
		return libelleAnnees(
			p.besoin.competence.reseau_cumul.pooled_years ?? [
				p.besoin.competence.reseau_cumul.annee_scolaire
			]
		);
	const annees = new Set<string>();
	for (const e of p.besoin.concernees) {
		for (const a of e.resultat.pooled_years ?? [e.resultat.annee_scolaire]) annees.add(a);
	}
	return libelleAnnees([...annees]);
}

/**
 * The need an action answers, in one sentence for the plan and its print: the competence, whose
 * need it is, the gap with its interval and pupils, the years, the schools concerned.
 */
export function phraseBesoin(b: BesoinAction): string {
	const ecart =
		b.ecart === null
			? 'écart non lu'
			: `écart à l’attendu ${formatPoints(b.ecart)}` +
				(b.bas !== null && b.haut !== null
					? ` (de ${formatPoints(b.bas)} à ${formatPoints(b.haut)})`
					: '');
	const eleves = b.eleves === null ? '' : `, ${formatEntier(b.eleves)} élèves`;
	const annees =
		b.annees.length > 1
			? `, années ${libelleAnnees(b.annees)} cumulées`
			: b.annees.length
				? `, ${b.annees[0]}`
				: '';
	const ecoles = b.ecoles.length
		? ` · école${b.ecoles.length > 1 ? 's' : ''} concernée${b.ecoles.length > 1 ? 's' : ''} : ${b.ecoles.join(', ')}`
		: ' · aucune école en point de vigilance établi à elle seule';
	return `Besoin ${b.motif === 'reseau' ? 'établi pour le réseau' : 'établi pour plusieurs écoles'} : ${b.competence}, ${ecart}${eleves}${annees}${ecoles}.`;
}
