/**
 * Preparing a school's « paquet de données » (issue #16 item 6): its own rows of each file kind,
 * the published references and the projet académique, and what its page reads from the whole
 * académie — the models selon l'IPS of its years, its cells of the académie's families of points,
 * the pooled counts of its académie, département and circonscription, their mean IPS. Nothing of
 * another school travels: the models keep no list of schools, the families keep the school's
 * cells only, and a territory's pooled counts are emptied where they would show fewer than
 * `SEUIL_MASQUAGE` pupils, or the other schools' pupils by difference.
 */
import { libelleDonnees } from '$lib/demarrage/academie';
import { SEUIL_MASQUAGE } from '$lib/domain/seuils';
import type { CatalogueModeles, ModeleIps, ResultatFamille } from '$lib/indicators';
import {
	derniereAnnee,
	fenetreAnnees,
	lireAgregatsAnnee,
	lireFamilles,
	lireIpsMoyens,
	lireModeles,
	lirePortraitEcole,
	lireResultatsEcole
} from '$lib/pages/commun';
import type { FamillesPoints } from '$lib/pages/commun/analyse';
import type { LigneResultat } from '$lib/pages/types';
import { donnees } from './donnees.svelte';
import { lireSectionsEcole } from './paquet-chargement';
import {
	ecrirePaquet,
	FORMAT_PAQUET,
	VERSION_PAQUET,
	type AudiencePaquet,
	type EntetePaquet,
	type Paquet
} from './paquet-fichier';

/** A model without the list of the académie's schools (only whether this school is in it). */
export const modelePourEcole = (modele: ModeleIps, uai: string) =>
	modelePourEcoles(modele, new Set([uai]));

/** A model without the académie's other schools (only which of the audience's are in it). */
export function modelePourEcoles(modele: ModeleIps, uais: ReadonlySet<string>): ModeleIps {
	// Filtered in place: the list stays sorted, as the library's search in it expects.
	return { ...modele, uai_population: modele.uai_population.filter((u) => uais.has(u)) };
}

/** A family of points reduced to one school's cells (statuses decided over the académie). */
export const famillePourEcole = (famille: ResultatFamille, uai: string) =>
	famillePourEcoles(famille, new Set([uai]));

/**
 * A family reduced to some units' cells (schools, or a network in the networks' family): each
 * keeps the status decided over the whole family, never re-decided over fewer.
 */
export function famillePourEcoles(
	famille: ResultatFamille,
	uais: ReadonlySet<string>
): ResultatFamille {
	const gardes = famille.resultats.flatMap((r, i) => (uais.has(r.uai) ? [i] : []));
	const resultats = gardes.map((i) => famille.resultats[i]);
	return {
		...famille,
		resultats,
		points: gardes.map((i) => famille.points[i]),
		index: new Map(resultats.map((r, i) => [`${r.uai}|${r.competence_id}`, i]))
	};
}

type Compte = Pick<LigneResultat, 'annee_scolaire' | 'niveau' | 'competence_id' | 'n_eleves'>;

/**
 * A territory's pooled rows as the audience may receive them: a row on fewer than SEUIL_MASQUAGE
 * pupils, or whose other schools together have fewer (the audience would read them by
 * subtracting its own rows, pooled: `propres` are every row of its schools in the territory),
 * goes with no counts — the page then shows no reference share for it.
 */
export function masquerAgregat(
	lignes: readonly LigneResultat[],
	propres: readonly Compte[]
): LigneResultat[] {
	const cle = (r: Compte) => `${r.annee_scolaire}|${r.niveau}|${r.competence_id}`;
	const miennes = new Map<string, number>();
	for (const r of propres) miennes.set(cle(r), (miennes.get(cle(r)) ?? 0) + r.n_eleves);
	return lignes.map((r) => {
		const autres = r.n_eleves - (miennes.get(cle(r)) ?? 0);
		const masque = r.n_eleves < SEUIL_MASQUAGE || (autres > 0 && autres < SEUIL_MASQUAGE);
		return masque ? { ...r, n_eleves: 0, n_besoin: 0, n_fragile: 0, n_satisfaisant: 0 } : r;
	});
}

export const famillesPourEcoles = (
	familles: FamillesPoints,
	uais: ReadonlySet<string>
): FamillesPoints => ({
	...familles,
	cumul: famillePourEcoles(familles.cumul, uais),
	annee_seule: famillePourEcoles(familles.annee_seule, uais)
});

/** The header of a package made now from the data loaded, for `audience`. */
export function entetePaquet(audience: AudiencePaquet, auteur: string): EntetePaquet {
	return {
		format: FORMAT_PAQUET,
		version: VERSION_PAQUET,
		audience,
		auteur: auteur.trim(),
		cree_le: new Date().toISOString(),
		imports: donnees.demo
			? [{ nom: libelleDonnees(true), date: null }]
			: donnees.imports.map((i) => ({ nom: i.nom, date: i.date })),
		fictives: donnees.fictives
	};
}

/**
 * The package of school `uai` from the data loaded now, as its file's name and text; null when
 * no such school is loaded.
 */
export async function preparerPaquetEcole(
	uai: string,
	auteur: string
): Promise<{ nom: string; texte: string } | null> {
	const version = donnees.version;
	const fiche = await lirePortraitEcole(uai, version);
	if (!fiche) return null;
	const p = fiche.portrait;
	const resultats = await lireResultatsEcole(uai, version);
	const annee = derniereAnnee(resultats);
	const annees = fenetreAnnees(
		resultats.map((r) => r.annee_scolaire),
		annee
	);
	const [sections, modeles, familles, agregats, ips] = await Promise.all([
		donnees.pret().then((m) => lireSectionsEcole(m, uai)),
		lireModeles(annees, version),
		lireFamilles(version),
		annee ? lireAgregatsAnnee(annee, version) : null,
		annee ? lireIpsMoyens(annee, version) : null
	]);
	const garder = <T>(carte: ReadonlyMap<string, T> | undefined, code: string | null) =>
		new Map(code !== null && carte?.has(code) ? [[code, carte.get(code)!]] : []);
	const masquer = (carte: Map<string, LigneResultat[]>) =>
		new Map([...carte].map(([k, v]) => [k, masquerAgregat(v, resultats)]));
	const catalogue: CatalogueModeles = new Map(
		[...modeles].map(([cle, m]) => [cle, modelePourEcole(m, uai)])
	);
	const paquet: Paquet = {
		entete: entetePaquet({ genre: 'ecole', id: uai, nom: p.nom, ecoles: [uai] }, auteur),
		sections,
		porte: {
			annee,
			modeles: catalogue,
			familles: familles && famillesPourEcoles(familles, new Set([uai])),
			agregats: {
				academie: masquerAgregat(agregats?.academie ?? [], resultats),
				departements: masquer(garder(agregats?.departements, p.code_departement)),
				circonscriptions: masquer(garder(agregats?.circonscriptions, p.code_circonscription))
			},
			ips: {
				academie: ips?.academie ?? null,
				departements: garder(ips?.departements, p.code_departement)
			}
		}
	};
	return { nom: `paquet-ecole-${uai}.json`, texte: ecrirePaquet(paquet) };
}
