// The objectives of the projet académique on the académie's page, as the page shows them: tables
// of the académie's figures, the counts of established points, the training. Pure.
import { competenceParId } from '$lib/domain/competences';
import { formatDecimal, formatEntier, formatPoints } from '$lib/format';
import { libelleAnnees, type StatutPoint } from '$lib/indicators';
import type { ConstatProjet, IndicateurVue } from '../../projet/types';
import { SANS_INDICATEUR, LIBELLES_INDICATEURS, vueComparaison } from '../../projet/vue';
import type { ComparaisonTerritoires } from '../types';
import type { AnalyseObjectifs, CelluleAcademie, ComptePoints, ObjectifAcademie } from './types';

/** A share of the académie (thousands of pupils): one decimal, « 72,4 % ». */
const part = (p: number | null) => (p === null ? '—' : `${formatDecimal(p * 100)}\u00a0%`);

const pluriel = (n: number, un: string, plusieurs: string) =>
	`${formatEntier(n)} ${n > 1 ? plusieurs : un}`;

/** One year of one competence, as a row of the objective's table. */
export interface LigneCelluleVue {
	annee: string;
	eleves: string;
	ecoles: string;
	academie: string;
	france: string;
	attendu: string;
	ecart: string;
	lecture: string;
	/** Only for an established point: a signal or anything else keeps the neutral look. */
	statut: 'point_appui' | 'point_vigilance' | null;
	/** The cell's status, for its style (a signal: neutral text, dashed outline). */
	classe: StatutPoint;
}

export interface CompetenceVue {
	id: string;
	libelle: string;
	lignes: LigneCelluleVue[];
}

export interface ObjectifVueAcademie {
	id: string;
	libelle: string;
	sansIndicateur: string | null;
	/** « Sur 39 compétences, 2024-2025 : … », or null without competence. */
	resume: ConstatProjet[];
	competences: CompetenceVue[];
	points: ConstatProjet[];
	formation: {
		titre: string;
		lignes: { theme: string; annee: string; heures: string; enseignants: string }[];
		source: string | null;
	} | null;
	autres: IndicateurVue[];
}

export interface AmbitionVueAcademie {
	id: string;
	libelle: string;
	/** Objectives with a figure of the académie, for the ambition's summary line. */
	nombre_objectifs: number;
	axes: { id: string; libelle: string; objectifs: ObjectifVueAcademie[] }[];
}

export interface VueObjectifsAcademie {
	ambitions: AmbitionVueAcademie[];
	/** How the académie's readings are made and how many signals chance alone would give. */
	lecture: string;
	/** How schools, circonscriptions and networks are counted. */
	comptage: string;
}

/** What a cell's status says, in words: a signal never in the words of a point. */
export function lectureCellule(c: CelluleAcademie): Pick<LigneCelluleVue, 'lecture' | 'statut'> {
	switch (c.point.statut) {
		case 'point_appui':
			return { lecture: 'Au-dessus de la France à IPS égal (établi)', statut: 'point_appui' };
		case 'point_vigilance':
			return { lecture: 'En dessous de la France à IPS égal (établi)', statut: 'point_vigilance' };
		case 'a_confirmer':
			return {
				lecture: `Signal à confirmer (${c.point.sens === 'appui' ? 'plutôt au-dessus' : 'plutôt en dessous'})`,
				statut: null
			};
		case 'rien':
			return { lecture: 'Pas d’écart établi avec la France à IPS égal', statut: null };
		default:
			return { lecture: `Non lu : ${c.raison ?? 'effectif insuffisant'}`, statut: null };
	}
}

export function ligneCellule(c: CelluleAcademie): LigneCelluleVue {
	const o = c.observe;
	return {
		annee: c.annee_scolaire,
		eleves: formatEntier(o.n),
		ecoles: formatEntier(c.nb_ecoles),
		academie: o.masque
			? o.libelle
			: `${part(o.part)} (${part(o.intervalle.bas)} à ${part(o.intervalle.haut)})`,
		france: part(c.france),
		attendu:
			c.attendu === null
				? '—'
				: `${part(c.attendu)} (IPS moyen ${formatDecimal(c.ips_moyen ?? NaN)})`,
		ecart:
			c.ecart === null || !c.intervalle
				? '—'
				: `${formatPoints(c.ecart)} (${formatPoints(c.intervalle.bas)} à ${formatPoints(c.intervalle.haut)})`,
		...lectureCellule(c),
		classe: c.point.statut
	};
}

function resume(o: ObjectifAcademie, derniere: string | undefined): ConstatProjet[] {
	if (!o.competences.length || !derniere) return [];
	const cellules = o.cellules.filter((c) => c.annee_scolaire === derniere);
	const nom = (c: CelluleAcademie) => `${c.niveau} ${c.libelle}`;
	const appuis = cellules.filter((c) => c.point.statut === 'point_appui');
	const vigilances = cellules.filter((c) => c.point.statut === 'point_vigilance');
	const signaux = cellules.filter((c) => c.point.statut === 'a_confirmer').length;
	const tete = `En ${derniere}, sur ${pluriel(cellules.length, 'compétence', 'compétences')}`;
	return [
		{
			texte: `${tete}, l’académie est en dessous de la France à IPS égal sur : ${vigilances.map(nom).join(' ; ') || 'aucune'}`,
			...(vigilances.length ? { statut: 'point_vigilance' as const } : {})
		},
		{
			texte: `Au-dessus sur : ${appuis.map(nom).join(' ; ') || 'aucune'}`,
			...(appuis.length ? { statut: 'point_appui' as const } : {})
		},
		{
			texte: `Signaux à confirmer : ${formatEntier(signaux)} ; les autres sont sans écart établi ou non lues.`
		}
	];
}

function lignesPoints(points: NonNullable<ObjectifAcademie['points']>): ConstatProjet[] {
	const ligne = (c: ComptePoints | null, un: string, plusieurs: string, de: string) =>
		c === null
			? { texte: `${plusieurs.charAt(0).toUpperCase()}${plusieurs.slice(1)} : non lus (${de}).` }
			: {
					texte: `${pluriel(c.vigilances, un, plusieurs)} avec un point de vigilance établi, ${formatEntier(c.appuis)} avec un point d’appui établi, sur ${formatEntier(c.diagnostiques)} ${de}`
				};
	return [
		ligne(points.ecoles, 'école', 'écoles', 'écoles diagnostiquées sur ces compétences'),
		ligne(
			points.circonscriptions,
			'circonscription',
			'circonscriptions',
			'circonscriptions comparées à IPS égal'
		),
		ligne(points.reseaux, 'réseau', 'réseaux', 'réseaux lus sur ces compétences')
	];
}

const heures = (h: number) => (Number.isInteger(h) ? formatEntier(h) : formatDecimal(h));

function autres(o: ObjectifAcademie, comparaison: ComparaisonTerritoires | null): IndicateurVue[] {
	const vues: IndicateurVue[] = [];
	if (o.autres.some((g) => g !== 'evaluation_college')) {
		vues.push(
			comparaison
				? vueComparaison(
						comparaison,
						(t) => t.dimension === 'education_prioritaire' || t.dimension === 'milieu',
						'Éducation prioritaire et milieu rural dans la comparaison des territoires à IPS égal'
					)
				: {
						titre: 'Comparaison des territoires à IPS égal',
						constats: [{ texte: 'Aucun résultat d’évaluation n’est chargé.' }],
						source: null
					}
		);
	}
	if (o.autres.includes('evaluation_college'))
		vues.push({
			titre: 'Évaluations de 6e',
			constats: [
				{
					texte:
						'Elles se lisent sur la page de chaque collège (6e et 4e au regard de l’IPS) et de chaque réseau, pas à l’échelle de l’académie.'
				}
			],
			source: null
		});
	return vues;
}

function vueObjectif(
	o: ObjectifAcademie,
	derniere: string | undefined,
	comparaison: ComparaisonTerritoires | null
): ObjectifVueAcademie {
	const parCompetence = new Map<string, CompetenceVue>();
	for (const c of o.cellules) {
		let v = parCompetence.get(c.competence_id);
		if (!v) {
			const libelle = competenceParId(c.competence_id)?.libelle ?? c.libelle;
			parCompetence.set(
				c.competence_id,
				(v = { id: c.competence_id, libelle: `${c.niveau} ${libelle}`, lignes: [] })
			);
		}
		v.lignes.push(ligneCellule(c));
	}
	const formation = o.formation && {
		titre: `Formation sur ses thèmes (${o.formation.themes.join(' ; ')})`,
		lignes: o.formation.lignes.flatMap((f) =>
			f.annees.map((a) => ({
				theme: f.theme,
				annee: a.annee_scolaire,
				heures: heures(a.heures),
				enseignants: formatEntier(a.participants)
			}))
		),
		source: o.formation.source
	};
	const autresVues = autres(o, comparaison);
	let sansIndicateur: string | null = null;
	if (o.sansIndicateur !== null || (!o.competences.length && !formation && !autresVues.length))
		sansIndicateur =
			o.sansIndicateur ??
			(o.autres.length || o.competences.length
				? `Aucun indicateur de l’académie : cet objectif se lit par ${o.autres.map((g) => LIBELLES_INDICATEURS[g]).join(', ')}.`
				: SANS_INDICATEUR);
	return {
		id: o.id,
		libelle: o.libelle,
		sansIndicateur,
		resume: resume(o, derniere),
		competences: [...parCompetence.values()],
		points: o.points ? lignesPoints(o.points) : [],
		formation,
		autres: autresVues
	};
}

/** The block's view: each ambition, its axes and objectives, and how to read them. */
export function vueObjectifsAcademie(
	a: AnalyseObjectifs,
	comparaison: ComparaisonTerritoires | null
): VueObjectifsAcademie {
	const derniere = a.annees.at(-1);
	const ambitions = a.ambitions.map((am) => {
		const axes = am.axes.map((x) => ({
			id: x.id,
			libelle: x.libelle,
			objectifs: x.objectifs.map((o) => vueObjectif(o, derniere, comparaison))
		}));
		return {
			id: am.id,
			libelle: am.libelle,
			nombre_objectifs: axes.reduce((s, x) => s + x.objectifs.length, 0),
			axes
		};
	});
	const f = a.famille;
	return {
		ambitions,
		lecture:
			`L’académie est comparée chaque année à la France et à ce qu’aurait la France à IPS égal : la part publiée de la France, déplacée de l’IPS moyen national (106) à l’IPS moyen des élèves de l’académie selon la pente qu’a l’IPS dans les écoles de l’académie. ` +
			`Un écart n’est dit établi que s’il résiste au contrôle des fausses découvertes sur les ${formatEntier(f.nombre_tests)} comparaisons de ce bloc (${formatEntier(f.nombre_etablis)} établies, ${formatEntier(f.nombre_signaux)} signaux dont ${formatDecimal(f.signaux_par_hasard)} attendus du seul hasard).`,
		comptage: `Écoles, circonscriptions et réseaux sont comptés à partir des points établis de leurs propres pages (${a.fenetre.length ? libelleAnnees(a.fenetre) : 'années cumulées'}) : est comptée une école (une circonscription, un réseau) dont l’une au moins des compétences de l’objectif est un point établi ; un signal à confirmer n’est pas compté.`
	};
}
