/**
 * Preparing a network's or a circonscription's « paquet de données » (issue #16 item 6): the rows
 * of its schools,
 * the references and the projet académique, and what its page and its schools' pages read from
 * the whole académie — the models selon l'IPS (their lists of schools kept to the members), the
 * members' cells of the académie's families of points and the network's cell of the networks'
 * family (statuses as the sender saw them, decided over every school or network, never
 * re-decided over the members only), the territories' pooled counts and the reference sets'
 * totals, masked where the members' rows would let the other schools' pupils be read by
 * difference.
 */
import { SEUIL_MASQUAGE } from '$lib/domain/seuils';
import type { CatalogueModeles } from '$lib/indicators';
import {
	lireAgregatsAnnee,
	lireFamilles,
	lireFichesEcoles,
	lireIpsMoyens,
	lireModeles
} from '$lib/pages/commun';
import { lireDonneesCirconscription, type LigneTerritoire } from '$lib/pages/circonscription';
import {
	lireCategoriesReferences,
	lireCouvertureFormations,
	lireDonneesReseau,
	lireFamilleReseaux,
	referencesSansReseau,
	type EvaluationMembre,
	type MembreReseau,
	type TotalCategorie
} from '$lib/pages/reseau';
import type { AgregatsAnnee, LigneResultat } from '$lib/pages/types';
import { donnees } from './donnees.svelte';
import {
	entetePaquet,
	famillePourEcoles,
	famillesPourEcoles,
	masquerAgregat,
	modelePourEcoles
} from './paquet';
import { lireSections } from './paquet-chargement';
import { ecrirePaquet, type AudiencePaquet, type Paquet, type PortePaquet } from './paquet-fichier';

type Compte = Pick<LigneResultat, 'annee_scolaire' | 'niveau' | 'competence_id' | 'n_eleves'>;

/**
 * The académie's reference sets' totals as a network may receive them. Its page shows each set
 * without its own schools (`referencesSansReseau`): a total on fewer than SEUIL_MASQUAGE pupils,
 * or whose schools outside the network have fewer, is left out (the page then shows no such
 * reference for that competence), as the territories' pooled counts are emptied.
 */
export function masquerCategories(
	totaux: readonly TotalCategorie[],
	evaluations: readonly EvaluationMembre[],
	membres: readonly MembreReseau[],
	annee: string
): TotalCategorie[] {
	const cle = (
		categorie: string,
		r: { niveau: string; discipline: string; competence_id: string }
	) => `${categorie}|${r.niveau}|${r.discipline}|${r.competence_id}`;
	const autres = new Map(
		referencesSansReseau(totaux, evaluations, membres, annee).map((r) => [
			cle(r.categorie, r),
			r.n_eleves ?? 0
		])
	);
	return totaux.filter((t) => {
		// The académie's row is shown as it is, and as « hors réseau » without the members.
		const reste = autres.get(cle(t.categorie === 'academie' ? 'hors_reseau' : t.categorie, t)) ?? 0;
		return (t.n_eleves ?? 0) >= SEUIL_MASQUAGE && !(reste > 0 && reste < SEUIL_MASQUAGE);
	});
}

/**
 * A circonscription's comparison with its département and the académie as it may be sent: where
 * the schools outside it would have fewer than SEUIL_MASQUAGE pupils (read by difference), the
 * territory's counts are replaced by the circonscription's own, so that its page falls back to
 * the published share, as it does where no count is loaded.
 */
export function masquerTerritoires(lignes: readonly LigneTerritoire[]): LigneTerritoire[] {
	const cache = (autres: number) => autres > 0 && autres < SEUIL_MASQUAGE;
	return lignes.map((t) => ({
		...t,
		...(cache(t.n_departement - t.n_circo) && {
			n_departement: t.n_circo,
			k_departement: t.k_circo
		}),
		...(cache(t.n_academie - t.n_circo) && { n_academie: t.n_circo, k_academie: t.k_circo })
	}));
}

/**
 * The territories' pooled counts an audience of schools may receive: the académie's masked
 * against all its schools' rows, each département's and circonscription's of its schools against
 * its schools there.
 */
export function agregatsPourEcoles(
	agregats: AgregatsAnnee | null,
	lignes: readonly (Compte & { uai: string })[],
	territoires: ReadonlyMap<string, { departement: string | null; circonscription: string | null }>
): AgregatsAnnee {
	const garder = (
		carte: ReadonlyMap<string, LigneResultat[]> | undefined,
		code: (uai: string) => string | null
	) => {
		const codes = new Set([...territoires.keys()].map(code).filter((c): c is string => c !== null));
		return new Map(
			[...codes]
				.filter((c) => carte?.has(c))
				.map((c) => [
					c,
					masquerAgregat(
						carte!.get(c)!,
						lignes.filter((l) => code(l.uai) === c)
					)
				])
		);
	};
	return {
		academie: masquerAgregat(agregats?.academie ?? [], lignes),
		departements: garder(agregats?.departements, (u) => territoires.get(u)?.departement ?? null),
		circonscriptions: garder(
			agregats?.circonscriptions,
			(u) => territoires.get(u)?.circonscription ?? null
		)
	};
}

/** What every audience of several schools carries beside its rows (`porte`, network apart). */
async function porteEcoles(
	uais: readonly string[],
	lignes: readonly (Compte & { uai: string })[],
	annee: string | null,
	annees: readonly string[],
	version: number
): Promise<PortePaquet> {
	const ecoles = new Set(uais);
	const [modeles, familles, agregats, ips, fiches] = await Promise.all([
		lireModeles(annees, version),
		lireFamilles(version),
		annee ? lireAgregatsAnnee(annee, version) : null,
		annee ? lireIpsMoyens(annee, version) : null,
		lireFichesEcoles(version)
	]);
	const territoires = new Map(
		uais.map((u) => {
			const p = fiches.get(u)?.portrait;
			return [
				u,
				{
					departement: p?.code_departement ?? null,
					circonscription: p?.code_circonscription ?? null
				}
			];
		})
	);
	const departements = new Set([...territoires.values()].map((t) => t.departement));
	const catalogue: CatalogueModeles = new Map(
		[...modeles].map(([cle, m]) => [cle, modelePourEcoles(m, ecoles)])
	);
	return {
		annee: annee ?? '',
		modeles: catalogue,
		familles: familles && famillesPourEcoles(familles, ecoles),
		agregats: agregatsPourEcoles(agregats, lignes, territoires),
		ips: {
			academie: ips?.academie ?? null,
			departements: new Map(
				[...(ips?.departements ?? [])].filter(([code]) => departements.has(code))
			)
		}
	};
}

/**
 * The package of network `id` from the data loaded now, as its file's name and text; null when
 * no such network is loaded.
 */
export async function preparerPaquetReseau(
	id: string,
	auteur: string
): Promise<{ nom: string; texte: string } | null> {
	const version = donnees.version;
	const d = await lireDonneesReseau(id, version);
	if (!d) return null;
	const uais = d.membres.map((m) => m.uai);
	// Every year the network's rows hold: its page reads the window, its plan's bilan each year.
	const annees = [...new Set(d.evaluations.map((e) => e.annee_scolaire))].sort();
	const [sections, porte, famille, totaux, couverture] = await Promise.all([
		donnees.pret().then((m) => lireSections(m, uais)),
		porteEcoles(uais, d.evaluations, d.annee, annees, version),
		lireFamilleReseaux(version),
		d.annee ? lireCategoriesReferences(d.annee, version) : [],
		lireCouvertureFormations(version)
	]);
	const audience: AudiencePaquet = {
		genre: 'reseau',
		id,
		nom: d.fiche.libelle,
		ecoles: uais
	};
	const paquet: Paquet = {
		entete: entetePaquet(audience, auteur),
		sections,
		porte: {
			...porte,
			reseau: {
				famille: famille && famillePourEcoles(famille, new Set([id])),
				categories: d.annee ? masquerCategories(totaux, d.evaluations, d.membres, d.annee) : [],
				couverture
			}
		}
	};
	return { nom: `paquet-reseau-${id}.json`, texte: ecrirePaquet(paquet) };
}

/**
 * The package of circonscription `code` from the data loaded now; null when no such
 * circonscription is loaded. Its IEN's accompaniments and bilan are their own documents: not in it.
 */
export async function preparerPaquetCirconscription(
	code: string,
	auteur: string
): Promise<{ nom: string; texte: string } | null> {
	const version = donnees.version;
	const moteur = await donnees.pret();
	const d = await lireDonneesCirconscription(moteur, code);
	if (!d) return null;
	const uais = d.ecoles.map((e) => e.uai);
	const annees = [...new Set(d.lignes.map((l) => l.annee_scolaire))].sort();
	const [sections, porte] = await Promise.all([
		lireSections(moteur, uais),
		porteEcoles(uais, d.lignes, d.annee || null, annees, version)
	]);
	const audience: AudiencePaquet = {
		genre: 'circonscription',
		id: code,
		nom: d.fiche.libelle,
		ecoles: uais
	};
	const paquet: Paquet = {
		entete: entetePaquet(audience, auteur),
		sections,
		porte: { ...porte, circonscription: { territoires: masquerTerritoires(d.territoires) } }
	};
	return { nom: `paquet-circonscription-${code}.json`, texte: ecrirePaquet(paquet) };
}
