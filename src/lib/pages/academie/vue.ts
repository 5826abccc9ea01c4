import {
	MODALITES_EP,
	MODALITES_RURALITE,
	type EcoleCarte,
	type IndicateurCarte,
	type NiveauTerritoire
} from '$lib/charts/carte';
import { nomDepartement } from '$lib/domain/departements';
import type { CarteAcademie, LigneEcoleCarte } from './types';

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
