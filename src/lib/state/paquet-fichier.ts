/**
 * A « paquet de données » as a file: what an IEN or the académie sends to one school, which the
 * school opens on the import page (docs/formats.md, « Paquet de données »). One JSON file:
 *
 * - a header: format and its version, the audience (a school, a network or a circonscription:
 *   its id, name and member schools' UAIs), who prepared it, when, from which imports, and
 *   whether the data are the fictitious demo;
 * - sections: the audience's rows of each file kind, as the CSV of that kind's import format
 *   (the recipient loads them through the same kinds as any import);
 * - what the pages need and cannot recompute from the audience's rows (`porte`): the académie's
 *   models selon l'IPS, the audience's cells of the académie's families of points (decided under
 *   a false-discovery control over every school), the territories' pooled counts and mean IPS;
 *   for a network, its cell of the networks' family and the reference sets' totals.
 *
 * Pure: writing and reading (with its checks, in French) need no engine.
 */
import Papa from 'papaparse';
import type { GenrePaquet } from '$lib/db/sql/paquet';
import { GENRES_PAQUET } from '$lib/db/sql/paquet';
import {
	cleModele,
	type CatalogueModeles,
	type ModeleIps,
	type ResultatFamille
} from '$lib/indicators';
import type { FamillesPoints } from '$lib/pages/commun/analyse';
import type { LigneTerritoire } from '$lib/pages/circonscription/types';
import type { CouvertureGenerale, TotalCategorie } from '$lib/pages/reseau/types';
import type { AgregatsAnnee, LigneResultat } from '$lib/pages/types';

export const FORMAT_PAQUET = 'pilotage-paquet-de-donnees';
/** Raised when a reader of the previous version could not read a new file correctly. */
export const VERSION_PAQUET = 1;

export type GenreAudience = 'ecole' | 'reseau' | 'circonscription';
const GENRES_AUDIENCE: readonly GenreAudience[] = ['ecole', 'reseau', 'circonscription'];

export interface AudiencePaquet {
	genre: GenreAudience;
	/** The school's UAI, the network's id or the circonscription's code. */
	id: string;
	nom: string;
	/** The UAIs of the schools whose rows it holds (a school's package: its own). */
	ecoles: string[];
}

/** « l’école « … » (UAI) », « le réseau « … » », « la circonscription « … » (code) ». */
export function destinataire(a: Pick<AudiencePaquet, 'genre' | 'id' | 'nom'>): string {
	if (a.genre === 'reseau') return `le réseau « ${a.nom} »`;
	if (a.genre === 'circonscription') return `la circonscription « ${a.nom} » (${a.id})`;
	return `l’école « ${a.nom} » (${a.id})`;
}

export interface EntetePaquet {
	format: typeof FORMAT_PAQUET;
	version: number;
	audience: AudiencePaquet;
	/** Who prepared it, as they wrote it (« Mme Martin, IEN de Beaune »). */
	auteur: string;
	/** ISO date and time of its making. */
	cree_le: string;
	/** The imports it was made from (file name and import date), or the base académie. */
	imports: { nom: string; date: string | null }[];
	/** Made from the fictitious demo académie: the recipient's pages say so. */
	fictives: boolean;
}

export interface SectionPaquet {
	genre: GenrePaquet;
	/** The import the rows came from at the sender's (their `source`). */
	source: string;
	/** The rows, as the CSV of the kind's import format (`;`, header line first). */
	csv: string;
}

/** What the recipient's pages use instead of recomputing over the absent schools. */
export interface PortePaquet {
	/** The school's latest evaluated year, of the aggregates and mean IPS below. */
	annee: string;
	modeles: CatalogueModeles;
	familles: FamillesPoints | null;
	agregats: AgregatsAnnee;
	ips: { academie: number | null; departements: Map<string, number | null> };
	/** A network's package: what its page reads over every network or the whole académie. */
	reseau?: PorteReseau;
	/** A circonscription's package: its comparison with its département and the académie. */
	circonscription?: { territoires: LigneTerritoire[] };
}

export interface PorteReseau {
	/** The networks' family reduced to this network's cells (decided among every network). */
	famille: ResultatFamille | null;
	/** The académie's reference sets' totals of `annee` (masked: see `masquerCategories`). */
	categories: TotalCategorie[];
	/** What the training records cover (file-wide counts, no school named). */
	couverture: CouvertureGenerale;
}

export interface Paquet {
	entete: EntetePaquet;
	sections: SectionPaquet[];
	porte: PortePaquet;
}

// --- In the file: Maps as lists of entries, the families without their index. -----------------

type FamilleJson = Omit<ResultatFamille, 'index'>;
interface PorteJson {
	annee: string;
	modeles: ModeleIps[];
	familles: {
		annee: string;
		fenetre: string[];
		cumul: FamilleJson;
		annee_seule: FamilleJson;
	} | null;
	agregats: {
		academie: LigneResultat[];
		departements: [string, LigneResultat[]][];
		circonscriptions: [string, LigneResultat[]][];
	};
	ips: { academie: number | null; departements: [string, number | null][] };
	reseau?: {
		famille: FamilleJson | null;
		categories: TotalCategorie[];
		couverture: Omit<CouvertureGenerale, 'codes'> & { codes: string[] | null };
	};
	circonscription?: { territoires: LigneTerritoire[] };
}
interface PaquetJson extends EntetePaquet {
	sections: SectionPaquet[];
	porte: PorteJson;
}

const sansIndex = ({ index: _index, ...famille }: ResultatFamille): FamilleJson => famille;

function avecIndex(famille: FamilleJson): ResultatFamille {
	const index = new Map<string, number>();
	famille.resultats.forEach((r, i) => index.set(`${r.uai}|${r.competence_id}`, i));
	return { ...famille, index };
}

/** The rows of a section as the CSV of its kind (`;`, every cell as text). */
export function csvSection(lignes: readonly Record<string, string | null>[]): string {
	return Papa.unparse(lignes as Record<string, unknown>[], { delimiter: ';', newline: '\n' });
}

/** The package as its file's text. Header first: the import page recognises it there. */
export function ecrirePaquet(paquet: Paquet): string {
	const { entete, sections, porte } = paquet;
	const fichier: PaquetJson = {
		format: FORMAT_PAQUET,
		version: entete.version,
		audience: entete.audience,
		auteur: entete.auteur,
		cree_le: entete.cree_le,
		imports: entete.imports,
		fictives: entete.fictives,
		sections,
		porte: {
			annee: porte.annee,
			modeles: [...porte.modeles.values()],
			familles: porte.familles && {
				annee: porte.familles.annee,
				fenetre: porte.familles.fenetre,
				cumul: sansIndex(porte.familles.cumul),
				annee_seule: sansIndex(porte.familles.annee_seule)
			},
			agregats: {
				academie: porte.agregats.academie,
				departements: [...porte.agregats.departements],
				circonscriptions: [...porte.agregats.circonscriptions]
			},
			ips: { academie: porte.ips.academie, departements: [...porte.ips.departements] },
			reseau: porte.reseau && {
				famille: porte.reseau.famille && sansIndex(porte.reseau.famille),
				categories: porte.reseau.categories,
				couverture: {
					...porte.reseau.couverture,
					codes: porte.reseau.couverture.codes && [...porte.reseau.couverture.codes]
				}
			},
			circonscription: porte.circonscription
		}
	};
	return JSON.stringify(fichier);
}

/** The first characters of a package's file (the import page tells it from a CSV there). */
export function estDebutDePaquet(debut: string): boolean {
	return /^\ufeff?\s*\{\s*"format"\s*:\s*"pilotage-paquet-de-donnees"/.test(debut);
}

export type LecturePaquet = { ok: true; paquet: Paquet } | { ok: false; message: string };

const ABIME = 'Ce paquet de données est abîmé ou incomplet';
const RIEN = 'Rien n’a été modifié.';

const estObjet = (x: unknown): x is Record<string, unknown> =>
	typeof x === 'object' && x !== null && !Array.isArray(x);
const estTexte = (x: unknown): x is string => typeof x === 'string';
const estListe = Array.isArray;

/** The columns naming a school in each kind: a school's package names no other school. */
const COLONNES_UAI: Partial<Record<GenrePaquet, string>> = {
	ecoles: 'uai',
	reseaux: 'uai_membre',
	ips_ecoles: 'uai',
	effectifs_ecoles: 'numero_de_l_ecole',
	evaluations_ecoles: 'uai',
	formations: 'uai_ecole',
	eleves: 'uai'
};

/**
 * Reads a package's file: its format, version and audience checked, each section's rows checked
 * to name no other school than its audience, before anything is loaded. Every refusal says why
 * in French and that nothing changed.
 */
export function lirePaquet(texte: string): LecturePaquet {
	let brut: unknown;
	try {
		brut = JSON.parse(texte.replace(/^\ufeff/, ''));
	} catch {
		return { ok: false, message: `${ABIME} (ce n’est pas un fichier JSON complet). ${RIEN}` };
	}
	if (!estObjet(brut) || brut.format !== FORMAT_PAQUET)
		return {
			ok: false,
			message: `Ce fichier n’est pas un paquet de données de Pilotage. ${RIEN}`
		};
	if (typeof brut.version !== 'number' || !Number.isInteger(brut.version) || brut.version < 1)
		return { ok: false, message: `${ABIME} (sa version de format est illisible). ${RIEN}` };
	if (brut.version > VERSION_PAQUET)
		return {
			ok: false,
			message: `Ce paquet a été préparé par une version plus récente de Pilotage (format ${brut.version}, celle-ci lit le format ${VERSION_PAQUET}) : mettez Pilotage à jour pour l’ouvrir. ${RIEN}`
		};
	const a = brut.audience;
	if (!estObjet(a) || !estTexte(a.id) || !estTexte(a.nom) || !estTexte(a.genre))
		return { ok: false, message: `${ABIME} (son destinataire manque). ${RIEN}` };
	if (!GENRES_AUDIENCE.includes(a.genre as GenreAudience))
		return {
			ok: false,
			message: `Ce paquet est destiné à « ${a.nom} » (${a.genre}) : cette version de Pilotage n’ouvre que les paquets d’une école, d’un réseau ou d’une circonscription. ${RIEN}`
		};
	const genre = a.genre as GenreAudience;
	// A school's package of the first files named no members: the school itself.
	const ecoles = a.ecoles === undefined && genre === 'ecole' ? [a.id] : a.ecoles;
	if (
		!estListe(ecoles) ||
		ecoles.length === 0 ||
		!ecoles.every(estTexte) ||
		(genre === 'ecole' && (ecoles.length !== 1 || ecoles[0] !== a.id))
	)
		return { ok: false, message: `${ABIME} (la liste de ses écoles manque). ${RIEN}` };
	const audience: AudiencePaquet = { genre, id: a.id, nom: a.nom, ecoles: [...ecoles] };
	if (!estTexte(brut.auteur) || !estTexte(brut.cree_le) || !estListe(brut.imports))
		return { ok: false, message: `${ABIME} (son auteur ou sa date manque). ${RIEN}` };
	if (!estListe(brut.sections) || !estObjet(brut.porte))
		return { ok: false, message: `${ABIME} (ses données manquent). ${RIEN}` };
	const sections: SectionPaquet[] = [];
	for (const s of brut.sections as unknown[]) {
		if (
			!estObjet(s) ||
			!estTexte(s.csv) ||
			!estTexte(s.source) ||
			!GENRES_PAQUET.includes(s.genre as GenrePaquet)
		)
			return { ok: false, message: `${ABIME} (une de ses parties est illisible). ${RIEN}` };
		const section = { genre: s.genre as GenrePaquet, source: s.source, csv: s.csv };
		const autre = autreEcole(section, audience.ecoles);
		if (autre)
			return {
				ok: false,
				message:
					genre === 'ecole'
						? `Ce paquet est destiné à ${destinataire(audience)} mais contient des données d’une autre école (${autre}) : il ne peut pas être ouvert. ${RIEN}`
						: `Ce paquet est destiné à ${destinataire(audience)} mais contient des données d’une école qui n’en fait pas partie (${autre}) : il ne peut pas être ouvert. ${RIEN}`
			};
		sections.push(section);
	}
	if (!sections.some((s) => s.genre === 'ecoles'))
		return { ok: false, message: `${ABIME} (la fiche de l’école manque). ${RIEN}` };
	const porte = lirePorte(brut.porte as unknown as PorteJson);
	if (!porte) return { ok: false, message: `${ABIME} (ses références manquent). ${RIEN}` };
	const entete: EntetePaquet = {
		format: FORMAT_PAQUET,
		version: brut.version,
		audience,
		auteur: brut.auteur,
		cree_le: brut.cree_le,
		imports: (brut.imports as unknown[]).filter(estObjet).map((i) => ({
			nom: String(i.nom ?? ''),
			date: estTexte(i.date) ? i.date : null
		})),
		fictives: brut.fictives === true
	};
	return { ok: true, paquet: { entete, sections, porte } };
}

/** The first UAI of a section's rows that is not one of the audience's schools, if any. */
function autreEcole(section: SectionPaquet, uais: readonly string[]): string | null {
	const siennes = new Set(uais.map((u) => u.toUpperCase()));
	const colonne = COLONNES_UAI[section.genre];
	if (!colonne) return null;
	const lu = Papa.parse<Record<string, string>>(section.csv, {
		header: true,
		delimiter: ';',
		skipEmptyLines: 'greedy'
	});
	for (const ligne of lu.data) {
		const valeur = (ligne[colonne] ?? '').trim();
		if (valeur && !siennes.has(valeur.toUpperCase())) return valeur;
	}
	return null;
}

function lirePorte(p: PorteJson): PortePaquet | null {
	if (
		!estTexte(p.annee) ||
		!estListe(p.modeles) ||
		!estObjet(p.agregats) ||
		!estListe(p.agregats.academie) ||
		!estListe(p.agregats.departements) ||
		!estListe(p.agregats.circonscriptions) ||
		!estObjet(p.ips) ||
		!estListe(p.ips.departements)
	)
		return null;
	const familles = p.familles;
	if (familles !== null && (!estObjet(familles) || !estObjet(familles.cumul))) return null;
	const c = p.circonscription;
	if (c !== undefined && (!estObjet(c) || !estListe(c.territoires))) return null;
	const r = p.reseau;
	if (
		r !== undefined &&
		(!estObjet(r) ||
			!estListe(r.categories) ||
			!estObjet(r.couverture) ||
			(r.famille !== null && !estObjet(r.famille)))
	)
		return null;
	return {
		annee: p.annee,
		modeles: new Map(
			p.modeles.map((m) => [cleModele(m.annee_scolaire, m.competence_id, m.indicateur), m])
		),
		familles: familles && {
			annee: familles.annee,
			fenetre: familles.fenetre,
			cumul: avecIndex(familles.cumul),
			annee_seule: avecIndex(familles.annee_seule)
		},
		agregats: {
			academie: p.agregats.academie,
			departements: new Map(p.agregats.departements),
			circonscriptions: new Map(p.agregats.circonscriptions)
		},
		ips: { academie: p.ips.academie ?? null, departements: new Map(p.ips.departements) },
		...(r && {
			reseau: {
				famille: r.famille && avecIndex(r.famille),
				categories: r.categories,
				couverture: r.couverture
			}
		}),
		...(c && { circonscription: { territoires: c.territoires } })
	};
}
