// What a page shows « au regard du projet académique »: each objective with its indicators on the
// page's territory, or why it has none. Pure.
import { formatDecimal, formatEntier } from '$lib/format';
import { competenceCorrespond, formationsObjectif } from './analyse';
import type {
	AmbitionArbre,
	AmbitionVue,
	CompetenceTerritoire,
	ConstatProjet,
	FormationTerritoire,
	GenreIndicateur,
	IndicateurVue,
	ObjectifArbre,
	ObjectifVue,
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
	const parTheme = new Map<string, Map<string, { heures: number; participants: number }>>();
	for (const f of lignes) {
		const theme = f.theme_libelle ?? f.theme ?? 'sans thème';
		const annees = parTheme.get(theme) ?? new Map();
		const a = annees.get(f.annee_scolaire) ?? { heures: 0, participants: 0 };
		a.heures += f.heures;
		a.participants += f.participants;
		annees.set(f.annee_scolaire, a);
		parTheme.set(theme, annees);
	}
	return [...parTheme]
		.sort(([a], [b]) => a.localeCompare(b, 'fr'))
		.map(([theme, annees]) => ({
			texte: `${theme} : ${[...annees]
				.sort(([a], [b]) => b.localeCompare(a))
				.map(
					([annee, a]) =>
						`${annee}, ${heures(a.heures)} h suivies par ${pluriel(a.participants, 'enseignant', 'enseignants')}`
				)
				.join(' ; ')}`
		}));
}

function indicateursObjectif(o: ObjectifArbre, t: TerritoireProjet): IndicateurVue[] {
	const vues: IndicateurVue[] = [];
	const c = t.competences;
	if (c) {
		const lignes = c.lignes.filter((l) =>
			o.indicateurs.some((i) => competenceCorrespond(i, l.niveau, l.discipline, l.competence_id))
		);
		if (lignes.length) {
			const nom = (l: (typeof lignes)[number]) => `${l.niveau} ${l.libelle}`;
			const vigilances = lignes.filter((l) => l.statut === 'point_vigilance');
			const appuis = lignes.filter((l) => l.statut === 'point_appui');
			const autres = lignes.length - vigilances.length - appuis.length;
			vues.push({
				titre: `Compétences évaluées (${pluriel(lignes.length, 'compétence', 'compétences')}, ${c.annee ?? 'année inconnue'})`,
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
				source: `${c.source} ; ${c.lecture}`
			});
		}
	}
	const formations = o.indicateurs.filter((i) => i.indicateur === 'formation');
	if (formations.length && t.formations) {
		const lignes = formationsObjectif(formations, t.formations);
		const themes = formations
			.map((i) => i.theme ?? i.competence_id ?? [i.niveau, i.discipline].filter(Boolean).join(' '))
			.map((x) => x || 'toutes');
		vues.push({
			titre: `Formation sur ses thèmes (${themes.join(' ; ')})`,
			constats: lignes.length
				? constatsFormation(lignes)
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
