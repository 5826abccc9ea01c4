// The objectives of the projet académique on the académie's page: each objective's competences
// for the académie over the years, against France and France at equal IPS; how many schools,
// circonscriptions and networks have an established point on them; the training on its themes.
// Pure: tested without the engine.
import { comparerCompetences } from '$lib/domain/competences';
import {
	IPS_CENTRE,
	alphaFamille,
	classer,
	cleModele,
	conclureFamille,
	partAffichable,
	testerCellule,
	zBilateral,
	type CatalogueModeles,
	type ResultatEcart,
	type ResultatFamille
} from '$lib/indicators';
import { expit, logit } from '$lib/indicators/modele-ips';
import { estimationWilson } from '$lib/indicators/wilson';
import { estThemeEducationPrioritaire } from '$lib/domain/projet';
import {
	competenceCorrespond,
	formationCorrespond,
	libelleIndicateurFormation,
	nommerTheme,
	sommerFormations
} from '../../projet/analyse';
import type { FormationParTheme } from '../../projet/analyse';
import type { GenreIndicateur, IndicateurProjet, ObjectifArbre } from '../../projet/types';
import type { ComparaisonTerritoires } from '../types';
import type {
	AnalyseObjectifs,
	CelluleAcademie,
	ComptePoints,
	LigneFormationObjectifs,
	LigneObjectifs,
	ObjectifAcademie,
	ObjectifsLus
} from './types';

const CONFIANCE = 0.95;

/**
 * What the académie's pupils would get were they, at equal IPS, like the pupils of France: France's
 * published share moved along the académie's IPS slope (its model's b, per competence and year)
 * from the national mean IPS (IPS_CENTRE, ≈ 106) to the académie's pupils' mean IPS. Why not the
 * académie's own model, as for a school or a circonscription: that model is fitted on the
 * académie's schools, so the académie against it is against itself — its only gap would be the
 * model's median-school curve against the pooled share (about a point near 85 %, in a direction
 * set by the share alone), which 15 000 pupils would « establish » on every competence. France is
 * the one outside reference; the IPS slope is what the académie's schools show. The expectation's
 * standard error carries the slope's (France's share is published, taken as exact).
 */
export function attenduAcademie(
	partFrance: number,
	ipsMoyen: number,
	b: number,
	varianceB: number
): { attendu: number; ecart_type: number } {
	const ecartIps = ipsMoyen - IPS_CENTRE;
	const attendu = expit(logit(partFrance) + b * ecartIps);
	const ecart_type = attendu * (1 - attendu) * Math.abs(ecartIps) * Math.sqrt(varianceB);
	return { attendu, ecart_type };
}

/** One académie × competence × year, as a `ResultatEcart` the family's test reads. */
function resultatAcademie(
	l: LigneObjectifs,
	modeles: CatalogueModeles
): { resultat: ResultatEcart; france: number | null; raison: string | null } {
	const observe = partAffichable(l.n_satisfaisant, l.n_eleves, CONFIANCE);
	const france = l.part_france === null ? null : l.part_france / 100;
	const modele = modeles.get(cleModele(l.annee_scolaire, l.competence_id));
	const base = {
		uai: 'academie',
		niveau: l.niveau,
		discipline: l.discipline,
		competence_id: l.competence_id,
		indicateur: 'satisfaisant' as const,
		confiance: CONFIANCE,
		ips: l.ips_moyen,
		observe,
		n: l.n_eleves,
		annee_scolaire: l.annee_scolaire,
		source: l.source ?? 'évaluations nationales',
		ecart_estime: null,
		explication: '',
		comparaison_population: null,
		modele: null
	};
	const raison = observe.masque
		? 'effectif insuffisant'
		: france === null || france <= 0 || france >= 1
			? 'part de la France non importée pour cette année'
			: l.ips_moyen === null
				? 'IPS des écoles non importé pour cette année'
				: modele?.statut !== 'ajuste'
					? 'pas de modèle selon l’IPS pour cette compétence et cette année'
					: null;
	if (raison || observe.masque || modele?.statut !== 'ajuste' || france === null) {
		const resultat: ResultatEcart = {
			...base,
			attendu: null,
			ecart: null,
			intervalle: null,
			classement: 'non_classe',
			raison: observe.masque ? 'effectif_insuffisant' : 'modele_indisponible'
		};
		return { resultat, france, raison };
	}
	const { attendu, ecart_type } = attenduAcademie(
		france,
		l.ips_moyen!,
		modele.b,
		modele.covariance[2]
	);
	// The interval of a group's gap (agregats.ts, a network's, a territory's): Wilson for the
	// pooled share — the exact interval's bisection is for a school's tens of pupils, not the
	// académie's tens of thousands — combined by MOVER with the expectation's error.
	const obs = estimationWilson(observe.k, observe.n, CONFIANCE);
	const z = zBilateral(CONFIANCE);
	const ecart = obs.estimation - attendu;
	const intervalle = {
		bas: ecart - Math.hypot(obs.estimation - obs.bas, z * ecart_type),
		haut: ecart + Math.hypot(obs.haut - obs.estimation, z * ecart_type),
		confiance: CONFIANCE
	};
	return {
		resultat: {
			...base,
			attendu,
			ecart,
			intervalle,
			ecart_type_attendu: ecart_type,
			classement: classer(intervalle, 'satisfaisant')
		},
		france,
		raison: null
	};
}

/** The competences an objective's `evaluation` indicators name, among those evaluated. */
export function competencesObjectif(
	o: ObjectifArbre,
	evaluees: readonly { niveau: string; discipline: string; competence_id: string; ordre: number }[]
): string[] {
	return evaluees
		.filter((c) =>
			o.indicateurs.some((i) => competenceCorrespond(i, c.niveau, c.discipline, c.competence_id))
		)
		.sort(comparerCompetences)
		.map((c) => c.competence_id);
}

/**
 * Territories (`${code}|${competence_id}` keys, as the families index them) with at least one
 * established point on some competences. The statuses are the pages' own: nothing is re-tested.
 */
export function compterPoints(
	cellules: Iterable<{ territoire: string; competence_id: string; statut: string }>,
	competences: ReadonlySet<string>
): ComptePoints {
	const appuis = new Set<string>();
	const vigilances = new Set<string>();
	const diagnostiques = new Set<string>();
	for (const c of cellules) {
		if (!competences.has(c.competence_id) || c.statut === 'insuffisant') continue;
		diagnostiques.add(c.territoire);
		if (c.statut === 'point_appui') appuis.add(c.territoire);
		if (c.statut === 'point_vigilance') vigilances.add(c.territoire);
	}
	return { appuis: appuis.size, vigilances: vigilances.size, diagnostiques: diagnostiques.size };
}

/** A family's cells (`${code}|${competence_id}` index) as `compterPoints` reads them. */
function* cellulesFamille(famille: ResultatFamille) {
	for (const [cle, i] of famille.index) {
		const [territoire, competence_id] = cle.split('|');
		yield { territoire, competence_id, statut: famille.points[i].statut };
	}
}

function* cellulesCirconscriptions(comparaison: ComparaisonTerritoires) {
	for (const c of comparaison.cellules) {
		if (c.territoire.dimension !== 'circonscription') continue;
		yield {
			territoire: c.territoire.code,
			competence_id: c.resultat.competence_id,
			statut: c.point.statut
		};
	}
}

const libelleTheme = (l: LigneFormationObjectifs) => nommerTheme(l.theme, l.theme_libelle);

const EP: Readonly<Record<string, string>> = {
	'REP+': 'Toutes formations suivies en REP+',
	REP: 'Toutes formations suivies en REP'
};

/**
 * The académie's training that serves an objective's `formation` indicators, per theme and year:
 * a theme, a competence, a niveau or a discipline (`formationCorrespond`, the rule of every
 * page); the training followed in the schools of éducation prioritaire, per REP+ and REP
 * (`THEME_EDUCATION_PRIORITAIRE`); or, naming nothing, all training. Rows of the éducation
 * prioritaire categories of one theme and year are added up (their schools are apart).
 */
export function formationsObjectifAcademie(
	indicateurs: readonly IndicateurProjet[],
	lignes: readonly LigneFormationObjectifs[],
	libelle: (l: LigneFormationObjectifs) => string = libelleTheme
): FormationParTheme[] {
	const retenues: { theme: string; l: LigneFormationObjectifs }[] = [];
	const ep = indicateurs.some((i) => estThemeEducationPrioritaire(i.theme));
	const toutes = indicateurs.some(
		(i) => !i.theme && !i.competence_id && !i.niveau && !i.discipline
	);
	const themes = indicateurs.filter((i) => i.theme || i.competence_id || i.niveau || i.discipline);
	for (const l of lignes) {
		if (l.tous_themes) {
			if (toutes) retenues.push({ theme: 'Toutes formations', l });
			else if (ep && l.education_prioritaire && EP[l.education_prioritaire])
				retenues.push({ theme: EP[l.education_prioritaire], l });
		} else if (
			themes.some((i) => !estThemeEducationPrioritaire(i.theme) && formationCorrespond(i, l.theme))
		)
			retenues.push({ theme: libelle(l), l });
	}
	return sommerFormations(
		retenues.map(({ theme, l }) => ({
			theme,
			annee_scolaire: l.annee_scolaire,
			heures: l.heures,
			participants: l.participants
		}))
	);
}

const AUTRES: readonly GenreIndicateur[] = ['evaluation', 'ips', 'reseau', 'evaluation_college'];

/**
 * Every objective of the projet on the académie. The académie's cells (competence × year, each
 * once even when two objectives name it) are one family under the false-discovery control: what
 * the block shows together. Schools, circonscriptions and networks are counted from their pages'
 * decisions (`ObjectifsLus`).
 */
export function analyserObjectifs(
	lu: ObjectifsLus,
	libelleFormation?: (l: LigneFormationObjectifs) => string
): AnalyseObjectifs {
	const evaluees = [...new Map(lu.lignes.map((l) => [l.competence_id, l] as const)).values()];
	const objectifs = lu.arbre.flatMap((a) => a.axes.flatMap((x) => x.objectifs));
	const competencesDe = new Map(objectifs.map((o) => [o.id, competencesObjectif(o, evaluees)]));
	const nommees = new Set([...competencesDe.values()].flat());

	const lues = lu.lignes
		.filter((l) => nommees.has(l.competence_id))
		.map((l) => ({ l, ...resultatAcademie(l, lu.modeles) }));
	const resultats = lues.map((c) => c.resultat);
	const alpha = alphaFamille(resultats);
	const famille = conclureFamille(
		resultats.map((r) => testerCellule(r, alpha)),
		alpha
	);
	const cellules = new Map<string, CelluleAcademie[]>();
	lues.forEach(({ l, resultat: r, france, raison }, i) => {
		const liste = cellules.get(l.competence_id) ?? [];
		liste.push({
			annee_scolaire: l.annee_scolaire,
			niveau: l.niveau,
			discipline: l.discipline,
			competence_id: l.competence_id,
			libelle: l.competence_libelle,
			ordre: l.ordre,
			nb_ecoles: l.nb_ecoles,
			observe: r.observe,
			france,
			ips_moyen: l.ips_moyen,
			attendu: r.attendu,
			ecart: r.ecart,
			intervalle: r.intervalle,
			point: famille.points[i],
			raison
		});
		cellules.set(l.competence_id, liste);
	});

	const objectif = (o: ObjectifArbre): ObjectifAcademie => {
		const competences = competencesDe.get(o.id)!;
		const ensemble = new Set(competences);
		const formations = o.indicateurs.filter((i) => i.indicateur === 'formation');
		const lignesFormation = formationsObjectifAcademie(formations, lu.formations, libelleFormation);
		return {
			id: o.id,
			libelle: o.libelle,
			sansIndicateur: o.indicateurs.length ? null : o.motif,
			competences,
			cellules: competences.flatMap((c) =>
				(cellules.get(c) ?? []).sort((a, b) => b.annee_scolaire.localeCompare(a.annee_scolaire))
			),
			points: competences.length
				? {
						ecoles: lu.familles
							? compterPoints(cellulesFamille(lu.familles.cumul), ensemble)
							: { appuis: 0, vigilances: 0, diagnostiques: 0 },
						circonscriptions: lu.comparaison
							? compterPoints(cellulesCirconscriptions(lu.comparaison), ensemble)
							: null,
						reseaux: lu.reseaux ? compterPoints(cellulesFamille(lu.reseaux), ensemble) : null
					}
				: null,
			formation: formations.length
				? {
						themes: formations.map(libelleIndicateurFormation),
						lignes: lignesFormation,
						source:
							[...new Set(lu.formations.map((f) => f.source).filter(Boolean))].join(', ') || null
					}
				: null,
			autres: AUTRES.filter((g) =>
				o.indicateurs.some(
					(i) =>
						i.indicateur === g &&
						(g !== 'evaluation' || (!i.niveau && !i.discipline && !i.competence_id))
				)
			)
		};
	};

	return {
		ambitions: lu.arbre.map((a) => ({
			id: a.id,
			libelle: a.libelle,
			axes: a.axes.map((x) => ({
				id: x.id,
				libelle: x.libelle,
				objectifs: x.objectifs.map(objectif)
			}))
		})),
		famille: {
			nombre_tests: famille.nombre_tests,
			nombre_signaux: famille.nombre_signaux,
			nombre_etablis: famille.nombre_etablis,
			signaux_par_hasard: famille.signaux_par_hasard
		},
		fenetre: lu.familles?.fenetre ?? lu.comparaison?.fenetre ?? [],
		annees: [...new Set(lu.lignes.map((l) => l.annee_scolaire))].sort()
	};
}
