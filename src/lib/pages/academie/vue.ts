import {
	MODALITES_EP,
	MODALITES_RURALITE,
	type EcoleCarte,
	type IndicateurCarte,
	type NiveauTerritoire
} from '$lib/charts/carte';
import { comparerCompetences } from '$lib/domain/competences';
import { nomDepartement } from '$lib/domain/departements';
import type { StatutPoint } from '$lib/indicators';
import type { LigneResultat } from '../types';
import type {
	CarteAcademie,
	ComparaisonTerritoires,
	Dimension,
	LigneEcoleCarte,
	Territoire
} from './types';

/** Network types outlined on the académie's map: the éducation prioritaire's. */
const TYPES_RESEAUX_EP = new Set(['REP+', 'REP']);

/**
 * What the académie's map shows, from the rows read: every school with its territories
 * (département, circonscription, networks of éducation prioritaire) and three indicators (IPS,
 * éducation prioritaire, rurality). Pure: tested without the engine.
 */
export function carteAcademie(
	lignes: readonly LigneEcoleCarte[],
	circonscriptions: readonly { code_circonscription: string; libelle: string }[],
	reseaux: readonly { reseau_id: string; type: string; libelle: string }[]
): CarteAcademie {
	const reseauxEp = reseaux.filter((r) => TYPES_RESEAUX_EP.has(r.type));
	const idsEp = new Set(reseauxEp.map((r) => r.reseau_id));
	const ecoles: EcoleCarte[] = lignes.map((l) => ({
		uai: l.uai,
		nom: l.nom,
		commune: l.commune,
		latitude: l.latitude,
		longitude: l.longitude,
		territoires: {
			departement: l.code_departement,
			circonscription: l.code_circonscription,
			reseau: (l.reseaux?.split('|') ?? []).filter((id) => idsEp.has(id))
		}
	}));
	const departements = [...new Set(lignes.map((l) => l.code_departement))].sort();
	const circonscriptionsLues = new Set(lignes.map((l) => l.code_circonscription));
	const niveaux: NiveauTerritoire[] = [
		{
			cle: 'departement',
			libelle: 'Départements',
			trait: 'fort',
			unites: departements.map((code) => ({ code, libelle: nomDepartement(code) }))
		},
		{
			cle: 'circonscription',
			libelle: 'Circonscriptions',
			trait: 'fin',
			unites: circonscriptions
				.filter((c) => circonscriptionsLues.has(c.code_circonscription))
				.map((c) => ({ code: c.code_circonscription, libelle: c.libelle }))
		},
		{
			cle: 'reseau',
			libelle: 'Réseaux d’éducation prioritaire',
			trait: 'tirets',
			unites: reseauxEp.map((r) => ({ code: r.reseau_id, libelle: r.libelle }))
		}
	];
	const anneesIps = [...new Set(lignes.map((l) => l.annee_ips).filter((a) => a !== null))].sort();
	const indicateurs: IndicateurCarte[] = [
		{
			nature: 'continu',
			cle: 'ips',
			libelle: anneesIps.length ? `IPS (${anneesIps.at(-1)})` : 'IPS',
			decimales: 1,
			valeurs: new Map(lignes.filter((l) => l.ips !== null).map((l) => [l.uai, l.ips!]))
		},
		{
			nature: 'categoriel',
			cle: 'ep',
			libelle: 'Éducation prioritaire',
			modalites: MODALITES_EP,
			valeurs: new Map(
				lignes.map((l) => [
					l.uai,
					l.education_prioritaire === 'REP+' || l.education_prioritaire === 'REP'
						? l.education_prioritaire
						: 'hors_ep'
				])
			)
		},
		{
			nature: 'categoriel',
			cle: 'ruralite',
			libelle: 'Ruralité',
			modalites: MODALITES_RURALITE,
			valeurs: new Map(
				lignes.filter((l) => l.rural !== null).map((l) => [l.uai, l.rural ? 'rurale' : 'urbaine'])
			)
		}
	];
	const sources = [...new Set(lignes.map((l) => l.source))].sort();
	return { ecoles, niveaux, indicateurs, source: sources.join(', ') };
}

/** A competence as the territories' comparison offers it (from the académie's results). */
export interface CompetenceOfferte {
	competence_id: string;
	niveau: string;
	discipline: string;
	libelle: string;
	ordre: number;
}

/** The competences of the académie's results in a year, in the booklet's order. */
export function competencesOffertes(
	lignes: readonly LigneResultat[],
	annee: string
): CompetenceOfferte[] {
	const parId = new Map<string, CompetenceOfferte>();
	for (const l of lignes) {
		if (l.annee_scolaire !== annee || parId.has(l.competence_id)) continue;
		parId.set(l.competence_id, {
			competence_id: l.competence_id,
			niveau: l.niveau,
			discipline: l.discipline,
			libelle: l.competence_libelle,
			ordre: l.ordre
		});
	}
	return [...parId.values()].sort(comparerCompetences);
}

/** One territory on one competence, as its table row says it. */
export interface LigneTerritoire {
	territoire: Territoire;
	nb_ecoles: number;
	/** Pupils of the pooled years (null when masked). */
	n: number | null;
	observe: number | null;
	attendu: number | null;
	ecart: number | null;
	bas: number | null;
	haut: number | null;
	statut: StatutPoint;
	sens: 'appui' | 'vigilance' | null;
	annees: string[];
}

/** Each territory of a dimension on one competence, in the dimension's order (never a ranking). */
export function lignesTerritoires(
	comparaison: ComparaisonTerritoires,
	dimension: Dimension,
	competence_id: string
): LigneTerritoire[] {
	const ordre = new Map(
		comparaison.dimensions
			.find((d) => d.dimension === dimension)
			?.territoires.map((t, i) => [t.code, i]) ?? []
	);
	return comparaison.cellules
		.filter(
			(c) => c.territoire.dimension === dimension && c.resultat.competence_id === competence_id
		)
		.sort((a, b) => ordre.get(a.territoire.code)! - ordre.get(b.territoire.code)!)
		.map(({ territoire, nb_ecoles, resultat: r, point }) => ({
			territoire,
			nb_ecoles,
			n: r.observe.masque ? null : r.observe.n,
			observe: r.observe.masque ? null : r.observe.part,
			attendu: r.attendu,
			ecart: r.ecart,
			bas: r.intervalle?.bas ?? null,
			haut: r.intervalle?.haut ?? null,
			statut: point.statut,
			sens: point.sens,
			annees: point.annees_cumulees
		}));
}

/** What a territory has established (competences named) and how many signals it shows. */
export interface ResumeTerritoire {
	territoire: Territoire;
	vigilance: CompetenceOfferte[];
	appui: CompetenceOfferte[];
	signaux: number;
}

export function resumeTerritoires(
	comparaison: ComparaisonTerritoires,
	dimension: Dimension,
	competences: readonly CompetenceOfferte[]
): ResumeTerritoire[] {
	const parId = new Map(competences.map((c) => [c.competence_id, c]));
	const territoires = comparaison.dimensions.find((d) => d.dimension === dimension)?.territoires;
	return (territoires ?? []).map((territoire) => {
		const resume: ResumeTerritoire = { territoire, vigilance: [], appui: [], signaux: 0 };
		for (const c of comparaison.cellules) {
			if (c.territoire.dimension !== dimension || c.territoire.code !== territoire.code) continue;
			const competence = parId.get(c.resultat.competence_id) ?? {
				competence_id: c.resultat.competence_id,
				niveau: c.resultat.niveau,
				discipline: c.resultat.discipline,
				libelle: c.resultat.competence_id,
				ordre: 0
			};
			if (c.point.statut === 'point_vigilance') resume.vigilance.push(competence);
			else if (c.point.statut === 'point_appui') resume.appui.push(competence);
			else if (c.point.statut === 'a_confirmer') resume.signaux++;
		}
		return resume;
	});
}

/**
 * The académie's map restricted to some schools (a circonscription's, a network's): the
 * territories of the levels kept (`niveaux`: a circonscription keeps itself and the networks in
 * it; a network only itself, whole circonscriptions around it would dwarf it) that these schools
 * belong to, outlined and offered to zoom on.
 */
export function carteRestreinte(
	carte: CarteAcademie,
	uais: ReadonlySet<string>,
	niveauxGardes: readonly string[]
): CarteAcademie {
	const ecoles = carte.ecoles.filter((e) => uais.has(e.uai));
	const niveaux = carte.niveaux
		.filter((n) => niveauxGardes.includes(n.cle))
		.map((n) => {
			const presents = new Set(
				ecoles.flatMap((e) => {
					const v = e.territoires[n.cle];
					return v === null || v === undefined ? [] : typeof v === 'string' ? [v] : v;
				})
			);
			return { ...n, unites: n.unites.filter((u) => presents.has(u.code)) };
		})
		.filter((n) => n.unites.length > 0);
	return { ...carte, ecoles, niveaux };
}
