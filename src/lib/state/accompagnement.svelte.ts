/**
 * The IEN's accompaniments of school teams (the académie's note on accompagnement collectif): one
 * record per accompaniment, opened from « Où accompagner » on the circonscription page, with its
 * diagnostic (established points and, kept apart, signals), problématiques, contract, actions,
 * indicateurs de progrès and recommandations. Kept with the data in IndexedDB
 * (`$lib/stockage/documents`, one document for all of them), written in one transaction after
 * every change and announced to the other tabs, which read it again — as network plans are
 * (`./plan.svelte.ts`). It travels as a CSV file (`$lib/exports/accompagnement.ts`, read back by
 * `./accompagnement-fichier.ts`).
 */
import type { ElementsDiagnostic } from '$lib/pages/circonscription/accompagnement';
import {
	canalDocuments,
	type CanalDocuments,
	type MagasinDocuments
} from '$lib/stockage/documents';
import { DocumentLocal } from './document-local.svelte';
import { anneeValide, magasinDesPlans } from './plan.svelte';

export const ETATS = ['en préparation', 'en cours', 'terminé'] as const;
export type EtatAccompagnement = (typeof ETATS)[number];

/** Who asked for the accompaniment. */
export const ORIGINES_DEMANDE = [
	'IEN',
	'équipe enseignante',
	'conseil des maîtres',
	'directeur ou directrice',
	'conseiller pédagogique'
] as const;

/** The record's free texts, in the order of the form, with their French names. */
export const CHAMPS_TEXTE = [
	['origine', 'origine de la demande'],
	['diagnostic', 'diagnostic : points établis'],
	['signaux', 'diagnostic : signaux à confirmer'],
	['problematique_1', 'problématique 1'],
	['problematique_2', 'problématique 2'],
	['contrat_duree', 'contrat : durée'],
	['contrat_roles', 'contrat : rôles'],
	['contrat_evaluation', 'contrat : évaluation'],
	['recommandations', 'recommandations'],
	['etat', 'état'],
	['auteur', 'auteur'],
	['annee_scolaire', 'année scolaire de début']
] as const;
export type ChampTexte = (typeof CHAMPS_TEXTE)[number][0];

export interface LigneAction {
	id: string;
	quoi: string;
	qui: string;
	quand: string;
}

export interface IndicateurProgres {
	id: string;
	competence_id: string;
	/** The competence's label when the indicator was chosen (the file shows it). */
	libelle: string;
	/** The progress looked for, in the team's words. */
	cible: string;
}

/** Who last changed an item of an accompaniment, and when (ISO). */
export interface Signature {
	le: string;
	par: string;
}

export interface Accompagnement {
	id: string;
	uai: string;
	ecole: string;
	commune: string;
	circonscription: string;
	origine: string;
	diagnostic: string;
	signaux: string;
	problematique_1: string;
	problematique_2: string;
	contrat_duree: string;
	contrat_roles: string;
	contrat_evaluation: string;
	recommandations: string;
	etat: EtatAccompagnement;
	auteur: string;
	/**
	 * The school year the accompaniment starts (« 2025-2026 »): its bilan counts that year's
	 * September evaluation as before, later ones as after.
	 */
	annee_scolaire: string;
	actions: LigneAction[];
	indicateurs: IndicateurProgres[];
	/** The school's evaluated competences when it was opened: the indicators' choices. */
	competences: { competence_id: string; libelle: string }[];
	cree_le: string;
	modifie_le: string;
	/**
	 * Item id (`fiche:<champ>`, `action:<id>`, `indicateur:<id>`) → who changed it last: a
	 * colleague's version is compared item by item, each with its own author and date. Records
	 * kept before items were signed have none: their items carry the record's (`signatureDe`).
	 */
	signatures: Record<string, Signature>;
}

export const CLE_ACCOMPAGNEMENTS = 'accompagnements';
export const VERSION_STOCKAGE_ACCOMPAGNEMENTS = 1;

export const MESSAGE_STOCKAGE_REFUSE_ACCOMPAGNEMENT =
	'Ce navigateur refuse l’enregistrement local (stockage désactivé ou navigation privée) : ' +
	'l’accompagnement n’est conservé que tant que cette page reste ouverte. Exportez-le en CSV ' +
	'pour le garder.';
export const MESSAGE_ECHEC_ACCOMPAGNEMENT =
	'La dernière modification n’a pas pu être enregistrée dans ce navigateur (espace plein ou ' +
	'refusé) : elle est gardée tant que cette page reste ouverte. Exportez l’accompagnement en CSV ' +
	'pour ne pas la perdre.';

/**
 * The diagnostic's two texts, pre-filled from the school's diagnosis: its established points in
 * one, its signals in the other, never worded as points.
 */
export function diagnosticPreRempli(e: ElementsDiagnostic): {
	diagnostic: string;
	signaux: string;
} {
	const liste = (xs: { libelle: string; detail: string }[]) =>
		xs.map((x) => `- ${x.libelle} (${x.detail})`).join('\n');
	const parties: string[] = [];
	if (e.appuis.length) parties.push(`Points d’appui établis :\n${liste(e.appuis)}`);
	if (e.vigilances.length) parties.push(`Points de vigilance établis :\n${liste(e.vigilances)}`);
	if (!parties.length) parties.push('Aucun point d’appui ni de vigilance établi.');
	const signaux = e.signaux.length
		? 'Signaux à confirmer avec les évaluations de classe (ce ne sont pas des points : ils peuvent ' +
			`être dus au hasard) :\n${e.signaux.map((s) => `- ${s.libelle}, ${s.sens} de l’attendu (${s.detail})`).join('\n')}`
		: '';
	return { diagnostic: parties.join('\n\n'), signaux };
}

/** What each item of an accompaniment says, under the id its files and merges give it. */
export function contenusAccompagnement(a: Accompagnement): Map<string, string> {
	const m = new Map<string, string>();
	for (const [champ] of CHAMPS_TEXTE) if (a[champ].trim()) m.set(`fiche:${champ}`, a[champ].trim());
	for (const l of a.actions) m.set(`action:${l.id}`, JSON.stringify([l.quoi, l.qui, l.quand]));
	for (const l of a.indicateurs)
		m.set(`indicateur:${l.id}`, JSON.stringify([l.competence_id, l.libelle, l.cible]));
	return m;
}

/** Signs the items of `a` that differ from `avant` (or are new), and forgets removed ones. */
export function signerChangements(
	avant: ReadonlyMap<string, string>,
	a: Accompagnement,
	signature: Signature
): void {
	const contenus = contenusAccompagnement(a);
	for (const [id, contenu] of contenus)
		if (avant.get(id) !== contenu) a.signatures[id] = { ...signature };
	for (const id of Object.keys(a.signatures)) if (!contenus.has(id)) delete a.signatures[id];
}

/**
 * One signature per item: an unsigned item gets the record's author and last change (what records
 * and files written before items were signed, format 1, can say of it); an empty field, no item,
 * none.
 */
export function signerSansSignature(a: Accompagnement): void {
	const contenus = contenusAccompagnement(a);
	for (const id of contenus.keys()) a.signatures[id] ??= { le: a.modifie_le, par: a.auteur };
	for (const id of Object.keys(a.signatures)) if (!contenus.has(id)) delete a.signatures[id];
}

/** Who changed item `id` last: its own signature, else the record's author and last change. */
export function signatureDe(a: Accompagnement, id: string): Signature {
	return a.signatures[id] ?? { le: a.modifie_le, par: a.auteur };
}

/** The school year of a date (it starts in September): « 2026-2027 » for 2026-12-05. */
export function anneeScolaireDe(iso: string): string {
	const d = new Date(iso);
	const y = Number.isNaN(d.getTime()) ? new Date().getFullYear() : d.getFullYear();
	const debut = Number.isNaN(d.getTime()) || d.getMonth() >= 8 ? y : y - 1;
	return `${debut}-${debut + 1}`;
}

let compteur = 0;
export function nouvelIdLigne(): string {
	compteur += 1;
	return `l-${Date.now().toString(36)}-${compteur.toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

export function nouvelAccompagnement(
	e: ElementsDiagnostic,
	auteur: string,
	maintenant: string,
	id = `${e.uai}-${Date.now().toString(36)}`
): Accompagnement {
	const a: Accompagnement = {
		id,
		uai: e.uai,
		ecole: e.ecole,
		commune: e.commune,
		circonscription: e.circonscription,
		origine: 'IEN',
		...diagnosticPreRempli(e),
		problematique_1: '',
		problematique_2: '',
		contrat_duree: '',
		contrat_roles: '',
		contrat_evaluation: '',
		recommandations: '',
		etat: 'en préparation',
		auteur,
		annee_scolaire: anneeScolaireDe(maintenant),
		actions: [],
		indicateurs: [],
		competences: e.competences.map((c) => ({ ...c })),
		cree_le: maintenant,
		modifie_le: maintenant,
		signatures: {}
	};
	signerChangements(new Map(), a, { le: maintenant, par: auteur });
	return a;
}

const texte = (x: unknown) => (typeof x === 'string' ? x : '');
const objets = (x: unknown) =>
	(Array.isArray(x) ? x : []).filter(
		(o): o is Record<string, unknown> => !!o && typeof o === 'object'
	);

/** An accompaniment read back from storage, or null when it does not have the expected shape. */
export function accompagnementLu(x: unknown): Accompagnement | null {
	if (!x || typeof x !== 'object') return null;
	const a = x as Record<string, unknown>;
	if (typeof a.id !== 'string' || !a.id || typeof a.uai !== 'string' || !a.uai) return null;
	const lu: Accompagnement = {
		id: a.id,
		uai: a.uai,
		ecole: texte(a.ecole),
		commune: texte(a.commune),
		circonscription: texte(a.circonscription),
		origine: texte(a.origine),
		diagnostic: texte(a.diagnostic),
		signaux: texte(a.signaux),
		problematique_1: texte(a.problematique_1),
		problematique_2: texte(a.problematique_2),
		contrat_duree: texte(a.contrat_duree),
		contrat_roles: texte(a.contrat_roles),
		contrat_evaluation: texte(a.contrat_evaluation),
		recommandations: texte(a.recommandations),
		etat: ETATS.includes(a.etat as EtatAccompagnement)
			? (a.etat as EtatAccompagnement)
			: 'en préparation',
		auteur: texte(a.auteur),
		// Records kept before the start year existed start the year they were opened.
		annee_scolaire: anneeValide(a.annee_scolaire)
			? a.annee_scolaire
			: anneeScolaireDe(texte(a.cree_le)),
		actions: objets(a.actions)
			.filter((l) => typeof l.id === 'string')
			.map((l) => ({
				id: l.id as string,
				quoi: texte(l.quoi),
				qui: texte(l.qui),
				quand: texte(l.quand)
			})),
		indicateurs: objets(a.indicateurs)
			.filter((l) => typeof l.id === 'string')
			.map((l) => ({
				id: l.id as string,
				competence_id: texte(l.competence_id),
				libelle: texte(l.libelle),
				cible: texte(l.cible)
			})),
		competences: objets(a.competences)
			.filter((c) => typeof c.competence_id === 'string')
			.map((c) => ({ competence_id: c.competence_id as string, libelle: texte(c.libelle) })),
		cree_le: texte(a.cree_le),
		modifie_le: texte(a.modifie_le),
		signatures: signaturesLues(a.signatures)
	};
	signerSansSignature(lu);
	return lu;
}

function signaturesLues(x: unknown): Record<string, Signature> {
	if (!x || typeof x !== 'object') return {};
	return Object.fromEntries(
		Object.entries(x as Record<string, unknown>).flatMap(([id, v]) => {
			const s = v as Record<string, unknown> | null;
			return s && typeof s.le === 'string' && typeof s.par === 'string'
				? [[id, { le: s.le, par: s.par }]]
				: [];
		})
	);
}

export interface EnregistrementAccompagnements {
	version: number;
	accompagnements: Accompagnement[];
}

/** The stored document read back; a newer or damaged one gives an empty list (left untouched). */
export function lireAccompagnements(brut: unknown): EnregistrementAccompagnements {
	const vide = { version: VERSION_STOCKAGE_ACCOMPAGNEMENTS, accompagnements: [] };
	if (!brut || typeof brut !== 'object') return vide;
	const b = brut as Record<string, unknown>;
	if (typeof b.version !== 'number' || b.version > VERSION_STOCKAGE_ACCOMPAGNEMENTS) return vide;
	const vus = new Set<string>();
	const accompagnements = (Array.isArray(b.accompagnements) ? b.accompagnements : [])
		.map(accompagnementLu)
		.filter((a): a is Accompagnement => !!a && !vus.has(a.id) && !!vus.add(a.id));
	return { version: VERSION_STOCKAGE_ACCOMPAGNEMENTS, accompagnements };
}

let canalPartage: CanalDocuments | null = null;
function canal(): CanalDocuments {
	return (canalPartage ??= canalDocuments());
}

/** Removes every accompaniment (« Effacer toutes les données »). */
export async function effacerAccompagnements(
	magasin: Promise<MagasinDocuments> = magasinDesPlans()
): Promise<number> {
	let n = 0;
	try {
		n = await (await magasin).effacer(CLE_ACCOMPAGNEMENTS);
	} catch {
		// Nothing stored, nothing to remove.
	}
	canal().annoncer(CLE_ACCOMPAGNEMENTS);
	return n;
}

/** Every accompaniment of this browser, held as runes and written to storage after every change. */
export class Accompagnements extends DocumentLocal {
	liste = $state<Accompagnement[]>([]);
	readonly charge: Promise<void>;

	constructor(
		magasin: Promise<MagasinDocuments> = magasinDesPlans(),
		maintenant: () => string = () => new Date().toISOString(),
		c: CanalDocuments = canal()
	) {
		super(magasin, maintenant, c, {
			refus: MESSAGE_STOCKAGE_REFUSE_ACCOMPAGNEMENT,
			echec: MESSAGE_ECHEC_ACCOMPAGNEMENT
		});
		this.charge = this.#relire();
		this.ecouter([CLE_ACCOMPAGNEMENTS], () => void this.#relire());
	}

	#relire(): Promise<void> {
		return this.relireDocument(CLE_ACCOMPAGNEMENTS, (brut) => {
			this.liste = lireAccompagnements(brut).accompagnements;
		});
	}

	get(id: string): Accompagnement | undefined {
		return this.liste.find((a) => a.id === id);
	}

	/** Those of a circonscription's schools, newest first. */
	desEcoles(uais: ReadonlySet<string>): Accompagnement[] {
		return this.liste
			.filter((a) => uais.has(a.uai))
			.sort((a, b) => b.cree_le.localeCompare(a.cree_le));
	}

	/** Applies a change here at once, then to the stored list in one transaction. */
	#changer(changement: (liste: Accompagnement[]) => void): Promise<void> {
		changement(this.liste);
		return this.ecrireDocument(
			CLE_ACCOMPAGNEMENTS,
			(avant) => {
				const e = lireAccompagnements(avant);
				changement(e.accompagnements);
				return e;
			},
			(stocke) => {
				this.liste = stocke.accompagnements;
			}
		);
	}

	/** Opens a new accompaniment of a school, its diagnostic pre-filled; returns it. */
	ouvrir(e: ElementsDiagnostic): Accompagnement {
		const a = nouvelAccompagnement(e, this.auteur, this.maintenant());
		void this.#changer((liste) => {
			if (!liste.some((x) => x.id === a.id)) liste.push(structuredClone(a));
		});
		return a;
	}

	/**
	 * Changes the accompaniment `id` (here and in storage), dates the change, and signs each item
	 * it changed with this browser's name (or, unnamed, the accompaniment's author).
	 */
	modifier(id: string, f: (a: Accompagnement) => void): Promise<void> {
		const le = this.maintenant();
		return this.#changer((liste) => {
			const a = liste.find((x) => x.id === id);
			if (!a) return;
			const avant = contenusAccompagnement(a);
			f(a);
			a.modifie_le = le;
			signerChangements(avant, a, { le, par: this.auteur || a.auteur });
		});
	}

	/** Puts `a` in place of the accompaniment with its id (or adds it): the user's choice on import. */
	remplacer(a: Accompagnement): Promise<void> {
		const copie = structuredClone($state.snapshot(a) as Accompagnement);
		return this.#changer((liste) => {
			const i = liste.findIndex((x) => x.id === copie.id);
			if (i >= 0) liste.splice(i, 1, structuredClone(copie));
			else liste.push(structuredClone(copie));
		});
	}

	supprimer(id: string): Promise<void> {
		return this.#changer((liste) => {
			const i = liste.findIndex((x) => x.id === id);
			if (i >= 0) liste.splice(i, 1);
		});
	}
}
