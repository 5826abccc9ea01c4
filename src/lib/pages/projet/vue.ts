// What a page shows « au regard du projet académique »: each objective with its indicators on the
// page's territory, or why it has none. Pure.
import { competenceParId, libelleDiscipline } from '$lib/domain/competences';
import { estThemeEducationPrioritaire } from '$lib/domain/projet';
import { formatDecimal, formatEntier, formatPoints } from '$lib/format';
import type { CelluleTerritoire, ComparaisonTerritoires, Territoire } from '../academie/types';
import {
	competenceCorrespond,
	formationsObjectif,
	libelleIndicateurFormation,
	nommerTheme,
	sommerFormations
} from './analyse';
import type {
	AmbitionArbre,
	AmbitionVue,
	CompetenceTerritoire,
	ConstatProjet,
	FormationTerritoire,
	GenreIndicateur,
	IndicateurProjet,
	IndicateurVue,
	ObjectifArbre,
	ObjectifVue,
	ProjetTerritoireLu,
	TerritoireProjet
} from './types';

export const LIBELLES_INDICATEURS: Readonly<Record<GenreIndicateur, string>> = {
	evaluation: 'évaluations nationales',
	evaluation_college: 'évaluations de 6e',
	formation: 'formation des enseignants',
	ips: 'IPS des écoles',
	reseau: 'éducation prioritaire (réseaux)'
};

export const SANS_INDICATEUR =
	'Aucun indicateur n’est rattaché à cet objectif dans le projet importé.';

const heures = (h: number) => (Number.isInteger(h) ? formatEntier(h) : formatDecimal(h));

const pluriel = (n: number, un: string, plusieurs: string) =>
	`${formatEntier(n)} ${n > 1 ? plusieurs : un}`;

/** The territory's training on an objective's themes: per theme, per year, hours and teachers. */
function constatsFormation(lignes: readonly FormationTerritoire[]): ConstatProjet[] {
	const sommes = sommerFormations(
		lignes.map((f) => ({ ...f, theme: nommerTheme(f.theme, f.theme_libelle) }))
	);
	return sommes.map(({ theme, annees }) => ({
		texte: `${theme} : ${annees
			.map(
				(a) =>
					`${a.annee_scolaire}, ${heures(a.heures)} h suivies par ${pluriel(a.participants, 'enseignant', 'enseignants')}`
			)
			.join(' ; ')}`
	}));
}

function vueCompetences(
	lignes: readonly CompetenceTerritoire[],
	c: NonNullable<TerritoireProjet['competences']>
): IndicateurVue {
	const titre = `Compétences évaluées (${pluriel(lignes.length, 'compétence', 'compétences')}, ${c.annee ?? 'année inconnue'})`;
	const source = `${c.source} ; ${c.lecture}`;
	if (lignes.some((l) => l.ecoles)) {
		// A territory of schools: which competences have established points in how many schools.
		const liste = (n: (l: CompetenceTerritoire) => number) =>
			lignes
				.filter((l) => n(l) > 0)
				.sort((a, b) => n(b) - n(a))
				.map((l) => `${l.niveau} ${l.libelle} (${pluriel(n(l), 'école', 'écoles')})`)
				.join(' ; ') || 'aucun';
		const vigilances = liste((l) => l.ecoles?.vigilances ?? 0);
		const appuis = liste((l) => l.ecoles?.appuis ?? 0);
		const diagnostics = lignes.reduce((s, l) => s + (l.ecoles?.diagnostiquees ?? 0), 0);
		return {
			titre,
			constats: [
				{
					texte: `Points de vigilance d’écoles : ${vigilances}`,
					...(vigilances !== 'aucun' ? { statut: 'point_vigilance' as const } : {})
				},
				{
					texte: `Points d’appui d’écoles : ${appuis}`,
					...(appuis !== 'aucun' ? { statut: 'point_appui' as const } : {})
				},
				{
					texte: `Sur ${pluriel(diagnostics, 'diagnostic', 'diagnostics')} école × compétence ; les autres sont des signaux à confirmer, conformes ou non lus`
				}
			],
			source
		};
	}
	const nom = (l: CompetenceTerritoire) => `${l.niveau} ${l.libelle}`;
	const vigilances = lignes.filter((l) => l.statut === 'point_vigilance');
	const appuis = lignes.filter((l) => l.statut === 'point_appui');
	const autres = lignes.length - vigilances.length - appuis.length;
	return {
		titre,
		constats: [
			{
				texte: `Points de vigilance : ${vigilances.map(nom).join(' ; ') || 'aucun'}`,
				...(vigilances.length ? { statut: 'point_vigilance' as const } : {})
			},
			{
				texte: `Points d’appui : ${appuis.map(nom).join(' ; ') || 'aucun'}`,
				...(appuis.length ? { statut: 'point_appui' as const } : {})
			},
			{
				texte: `Autres compétences (signaux à confirmer, conformes ou non lues) : ${formatEntier(autres)}`
			}
		],
		source
	};
}

function indicateursObjectif(o: ObjectifArbre, t: TerritoireProjet): IndicateurVue[] {
	const vues: IndicateurVue[] = [];
	const c = t.competences;
	if (c) {
		const lignes = c.lignes.filter((l) =>
			o.indicateurs.some((i) => competenceCorrespond(i, l.niveau, l.discipline, l.competence_id))
		);
		if (lignes.length) vues.push(vueCompetences(lignes, c));
	}
	const formations = o.indicateurs.filter((i) => i.indicateur === 'formation');
	if (formations.length && t.formations) {
		const lignes = formationsObjectif(formations, t.formations);
		const toutes = formations.some(
			(i) => !i.theme && !i.competence_id && !i.niveau && !i.discipline
		);
		const themes = toutes ? ['toutes les formations'] : formations.map(libelleIndicateurFormation);
		vues.push({
			titre: `Formation sur ses thèmes (${themes.join(' ; ')})`,
			formation: true,
			constats: lignes.length
				? constatsFormation(
						toutes
							? lignes.map((l) => ({ ...l, theme: null, theme_libelle: 'Toutes formations' }))
							: lignes
					)
				: [{ texte: `Aucune formation sur ces thèmes dans ${t.nom}.` }],
			source: [...new Set(lignes.map((l) => l.source))].join(', ') || null
		});
	}
	for (const genre of ['evaluation', 'evaluation_college', 'ips', 'reseau'] as const) {
		const vue = t.autres?.[genre];
		if (!vue || !o.indicateurs.some((i) => i.indicateur === genre)) continue;
		if (
			genre === 'evaluation' &&
			!o.indicateurs.some(
				(i) => i.indicateur === 'evaluation' && !i.niveau && !i.discipline && !i.competence_id
			)
		)
			continue;
		if (!vues.some((v) => v.titre === vue.titre)) vues.push(vue);
	}
	return vues;
}

function vueObjectif(o: ObjectifArbre, t: TerritoireProjet): ObjectifVue {
	const indicateurs = indicateursObjectif(o, t);
	let sansIndicateur: string | null = null;
	if (!o.indicateurs.length) sansIndicateur = o.motif ?? SANS_INDICATEUR;
	else if (!indicateurs.length) {
		const genres = [...new Set(o.indicateurs.map((i) => LIBELLES_INDICATEURS[i.indicateur]))];
		sansIndicateur = `Aucun indicateur de ${t.nom} : cet objectif se lit par ${genres.join(', ')}, que cette page ne montre pas pour ${t.nom}.`;
	}
	return { id: o.id, libelle: o.libelle, indicateurs, sansIndicateur };
}

/** Each objective of the projet with its indicators on one territory, grouped by ambition and axe. */
export function vueProjet(arbre: readonly AmbitionArbre[], t: TerritoireProjet): AmbitionVue[] {
	return arbre.map((a) => ({
		id: a.id,
		libelle: a.libelle,
		axes: a.axes.map((x) => ({
			id: x.id,
			libelle: x.libelle,
			objectifs: x.objectifs.map((o) => vueObjectif(o, t))
		}))
	}));
}

/**
 * A page's competence lines (`lignesComparees`) as the projet reads them: an established point
 * keeps its status, anything else (a signal to confirm, conform, not read) is `autre`.
 */
export function competencesDeLignes(
	lignes: readonly {
		cle: string;
		niveau: string;
		discipline: string;
		competence: string;
		attendu?: { statut: string };
	}[]
): CompetenceTerritoire[] {
	return lignes.map((l) => {
		const statut = l.attendu?.statut;
		return {
			niveau: l.niveau,
			discipline: l.discipline,
			competence_id: l.cle.split('|')[1] ?? '',
			libelle: l.competence,
			statut: statut === 'point_appui' || statut === 'point_vigilance' ? statut : 'autre'
		};
	});
}

/**
 * Established points of some territories in the académie's comparison at equal IPS (REP+, REP,
 * rural, a circonscription…): the objectives of éducation prioritaire and rural territories read
 * it. A signal is not a point: only `point_appui` / `point_vigilance` are listed.
 */
export function vueComparaison(
	comparaison: ComparaisonTerritoires,
	garder: (t: Territoire) => boolean,
	titre: string
): IndicateurVue {
	const cellules = comparaison.cellules.filter((c) => garder(c.territoire));
	const parTerritoire = new Map<string, CelluleTerritoire[]>();
	for (const c of cellules) {
		const cle = c.territoire.libelle;
		parTerritoire.set(cle, [...(parTerritoire.get(cle) ?? []), c]);
	}
	const cellule = (c: CelluleTerritoire) => {
		const n = 'n' in c.resultat.observe ? c.resultat.observe.n : null;
		return `${c.resultat.niveau} ${competenceParId(c.resultat.competence_id)?.libelle ?? c.resultat.competence_id} (${formatPoints(c.resultat.ecart)}${n === null ? '' : `, ${pluriel(n, 'élève', 'élèves')}`})`;
	};
	const constats: ConstatProjet[] = [];
	for (const [territoire, lignes] of parTerritoire) {
		const vigilances = lignes.filter((c) => c.point.statut === 'point_vigilance');
		const appuis = lignes.filter((c) => c.point.statut === 'point_appui');
		if (vigilances.length)
			constats.push({
				texte: `${territoire} — points de vigilance : ${vigilances.map(cellule).join(' ; ')}`,
				statut: 'point_vigilance'
			});
		if (appuis.length)
			constats.push({
				texte: `${territoire} — points d’appui : ${appuis.map(cellule).join(' ; ')}`,
				statut: 'point_appui'
			});
		if (!vigilances.length && !appuis.length)
			constats.push({
				texte: `${territoire} : aucun point établi sur ${pluriel(lignes.length, 'compétence', 'compétences')} (écart à ce que prédit l’IPS de ses écoles)`
			});
	}
	if (!constats.length)
		constats.push({ texte: 'Aucun territoire de ce type dans la comparaison.' });
	return {
		titre,
		constats,
		source: `comparaison des territoires à IPS égal, ${comparaison.fenetre.join(', ')} cumulées (page de l’académie)`
	};
}

/** « Au regard du projet académique » for a territory of schools (circonscription, réseau…). */
export function vueProjetTerritoire(
	lu: ProjetTerritoireLu,
	nom: string,
	comparer?: { garder: (t: Territoire) => boolean; titre: string },
	autres: TerritoireProjet['autres'] = {}
): AmbitionVue[] {
	const comparaison =
		lu.comparaison && comparer
			? vueComparaison(lu.comparaison, comparer.garder, comparer.titre)
			: null;
	return vueProjet(lu.arbre, {
		nom,
		competences: lu.competences
			? {
					lignes: lu.competences,
					annee: lu.fenetre.length ? `${lu.fenetre[0]} à ${lu.fenetre.at(-1)}` : lu.annee,
					source: 'évaluations nationales',
					lecture: 'points établis de chaque école (écart à l’attendu selon l’IPS, années cumulées)'
				}
			: undefined,
		formations: lu.formations,
		autres: {
			...(comparaison ? { evaluation: comparaison, ips: comparaison, reseau: comparaison } : {}),
			...autres
		}
	});
}

/** A collège's 6e and 4e points (its « ce qui ressort »), for the continuity objective. */
export function vueResultatsCollege(
	ressort: {
		vigilances: readonly { niveau: string; domaine: string; cote: string }[];
		appuis: readonly { niveau: string; domaine: string; cote: string }[];
		signaux: readonly unknown[];
	},
	annees: string
): IndicateurVue {
	const nom = (p: { niveau: string; domaine: string; cote: string }) =>
		`${p.niveau} ${p.domaine} (${p.cote === 'fragiles' ? 'groupes 1 et 2' : 'groupes 5 et 6'})`;
	return {
		titre: `Évaluations de 6e et de 4e du collège (${annees})`,
		constats: [
			{
				texte: `Points de vigilance : ${ressort.vigilances.map(nom).join(' ; ') || 'aucun'}`,
				...(ressort.vigilances.length ? { statut: 'point_vigilance' as const } : {})
			},
			{
				texte: `Points d’appui : ${ressort.appuis.map(nom).join(' ; ') || 'aucun'}`,
				...(ressort.appuis.length ? { statut: 'point_appui' as const } : {})
			},
			{ texte: `Signaux à confirmer : ${formatEntier(ressort.signaux.length)}` }
		],
		source:
			'évaluations de 6e et de 4e, écart à un collège de même IPS (« ce qui ressort » ci-dessus)'
	};
}

/** An indicator in words, for the projet's page: « Évaluations nationales — CP, français ». */
export function libelleIndicateur(i: IndicateurProjet): string {
	const genre = LIBELLES_INDICATEURS[i.indicateur] ?? i.indicateur;
	const competence = i.competence_id ? competenceParId(i.competence_id) : undefined;
	const precisions = [
		i.niveau,
		i.discipline && libelleDiscipline(i.discipline, 'phrase'),
		competence?.libelle ?? i.competence_id,
		i.theme &&
			(estThemeEducationPrioritaire(i.theme)
				? 'suivie dans les écoles REP et REP+, tous thèmes'
				: `thème « ${i.theme} »`)
	].filter(Boolean);
	const texte = genre.charAt(0).toUpperCase() + genre.slice(1);
	return precisions.length ? `${texte} — ${precisions.join(', ')}` : `${texte} (toutes)`;
}
