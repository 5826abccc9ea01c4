/**
 * A network's training plan over three school years, as its pilots write it. It is small JSON
 * kept with the data in the browser's IndexedDB (`$lib/stockage/documents`, one document per
 * network), written in one transaction after every change so that two tabs never lose each
 * other's edits, and announced to the other tabs, which read it again. Plans that earlier versions
 * kept in localStorage are moved there once. When the browser refuses storage, the plan lives in
 * memory for as long as the page, and the page says so. It travels as a CSV file
 * (`$lib/exports/plan.ts`, read back by `./plan-fichier.ts`).
 */
import { debutAnnee } from '$lib/indicators/annees';
import type { BesoinAction } from '$lib/pages/reseau/types';
import {
	canalDocuments,
	ouvrirMagasinDocuments,
	type CanalDocuments,
	type MagasinDocuments
} from '$lib/stockage/documents';
import { DocumentLocal } from './document-local.svelte';

export const MODALITES = [
	'constellation',
	'animation pédagogique',
	'formation réseau',
	'observation croisée',
	'interdegré'
] as const;
export type Modalite = (typeof MODALITES)[number];

export type { BesoinAction };

export interface ActionPlan {
	id: string;
	annee_scolaire: string;
	theme: string;
	/** The competence the action works on, when it comes from a shared need. */
	competence_id: string | null;
	/** Objective of the projet académique (`projet.id`, e.g. A1.X1.O1). */
	objectif_id: string;
	modalite: Modalite;
	public: string;
	heures: number | null;
	/** UAIs of the schools involved. */
	ecoles: string[];
	formateurs: string;
	/** How success will be checked (usually next September's evaluation). */
	verification: string;
	origine: 'proposition' | 'pilote';
	besoin: BesoinAction | null;
	/** When and by whom the action was last written (the pilot's name, as they typed it). */
	modifie_le: string;
	modifie_par: string;
}

export type BrouillonAction = Omit<ActionPlan, 'id' | 'modifie_le' | 'modifie_par'>;

export interface PlanFormation {
	/** First of the plan's three school years. */
	annee_debut: string;
	/** In the pilots' order; the order within a year is the order of this array. */
	actions: ActionPlan[];
	cree_le: string;
	modifie_le: string;
}

/** Version 1: localStorage (until the plans travelled); 2: IndexedDB, actions signed. */
export const VERSION_STOCKAGE = 2;

export interface Enregistrement {
	version: number;
	reseau_id: string;
	courant: string | null;
	plans: PlanFormation[];
}

/** The key earlier versions used in localStorage, one per network. */
export function cleStockageLocal(reseauId: string): string {
	return `pilotage:plan-reseau:v1:${reseauId}`;
}

/** The network's document in IndexedDB. */
export function cleDocument(reseauId: string): string {
	return `plan-reseau:${reseauId}`;
}

export const MESSAGE_STOCKAGE_REFUSE =
	'Ce navigateur refuse l’enregistrement local (stockage désactivé ou navigation privée) : le plan ' +
	'n’est conservé que tant que cette page reste ouverte. Exportez-le en CSV pour le garder.';
export const MESSAGE_ECHEC_ENREGISTREMENT =
	'La dernière modification n’a pas pu être enregistrée dans ce navigateur (espace plein ou ' +
	'refusé) : elle est gardée tant que cette page reste ouverte. Exportez le plan en CSV pour ne ' +
	'pas la perdre.';
export const MESSAGE_PLAN_ILLISIBLE =
	'Le plan enregistré dans ce navigateur pour ce réseau était illisible : il n’a pas été repris.';

/** localStorage if it can be read (reading `localStorage` itself throws when storage is off). */
function localStorageOuRien(): Storage | null {
	try {
		return globalThis.localStorage ?? null;
	} catch {
		return null;
	}
}

/**
 * Moves the plans earlier versions kept in localStorage into the documents, once: a plan already
 * in IndexedDB (another tab moved it) is kept; the old key is removed only once the new copy is
 * written, and an unreadable one is left where it is. Returns the networks moved.
 */
export async function migrerPlansLocaux(
	magasin: MagasinDocuments,
	stockage: Pick<Storage, 'key' | 'length' | 'getItem' | 'removeItem'> | null
): Promise<string[]> {
	if (!stockage || !magasin.persistant) return [];
	const prefixe = 'pilotage:plan-reseau:v1:';
	const cles: string[] = [];
	for (let i = 0; i < stockage.length; i++) {
		const cle = stockage.key(i);
		if (cle?.startsWith(prefixe)) cles.push(cle);
	}
	const deplaces: string[] = [];
	for (const cle of cles) {
		const reseauId = cle.slice(prefixe.length);
		let lu: Enregistrement;
		try {
			lu = lireEnregistrement(JSON.parse(stockage.getItem(cle) ?? 'null'), reseauId);
		} catch {
			continue;
		}
		await magasin.modifier(cleDocument(reseauId), (avant) => avant ?? lu);
		stockage.removeItem(cle);
		deplaces.push(reseauId);
	}
	return deplaces;
}

let magasinPartage: Promise<MagasinDocuments> | null = null;

/** The page's one store of documents, opened (and the old plans moved) on first use. */
export function magasinDesPlans(): Promise<MagasinDocuments> {
	magasinPartage ??= ouvrirMagasinDocuments().then(async (m) => {
		await migrerPlansLocaux(m, localStorageOuRien()).catch(() => undefined);
		return m;
	});
	return magasinPartage;
}

let canalPartage: CanalDocuments | null = null;
function canalDesPlans(): CanalDocuments {
	return (canalPartage ??= canalDocuments());
}

/**
 * Removes every network's plan (and the old localStorage copies): « Effacer toutes les données »
 * means the plans built on the imported networks too. Returns how many were removed.
 */
export async function effacerPlans(
	magasin: Promise<MagasinDocuments> = magasinDesPlans(),
	stockage = localStorageOuRien()
): Promise<number> {
	let n = 0;
	try {
		n = await (await magasin).effacer('plan-reseau:');
	} catch {
		// Nothing stored, nothing to remove.
	}
	if (stockage) {
		const cles: string[] = [];
		for (let i = 0; i < stockage.length; i++) {
			const cle = stockage.key(i);
			if (cle?.startsWith('pilotage:plan-reseau:')) cles.push(cle);
		}
		for (const cle of cles) stockage.removeItem(cle);
	}
	canalDesPlans().annoncer('plan-reseau:*');
	return n;
}

const ANNEE = /^(\d{4})-(\d{4})$/;

export function anneeValide(x: unknown): x is string {
	if (typeof x !== 'string') return false;
	const m = ANNEE.exec(x);
	return !!m && Number(m[2]) === Number(m[1]) + 1;
}

/** The three school years of a plan starting with `debut`. */
export function anneesDuPlan(debut: string): string[] {
	const d = debutAnnee(debut);
	return [0, 1, 2].map((i) => `${d + i}-${d + i + 1}`);
}

/** A new plan starts the school year after the latest evaluations. */
export function anneeDebutPlan(anneeEvaluations: string, aujourdhui = new Date()): string {
	const d = anneeEvaluations
		? debutAnnee(anneeEvaluations) + 1
		: aujourdhui.getFullYear() - (aujourdhui.getMonth() < 8 ? 1 : 0);
	return `${d}-${d + 1}`;
}

let compteur = 0;
export function nouvelId(): string {
	compteur += 1;
	return `a-${Date.now().toString(36)}-${compteur.toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

const texte = (x: unknown) => (typeof x === 'string' ? x : '');
const nombreOuRien = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? x : null);

function besoinLu(x: unknown): BesoinAction | null {
	if (!x || typeof x !== 'object') return null;
	const b = x as Record<string, unknown>;
	if (typeof b.competence !== 'string' || !b.competence) return null;
	const liste = (v: unknown) =>
		Array.isArray(v) ? v.filter((e): e is string => typeof e === 'string') : [];
	return {
		competence: b.competence,
		motif: b.motif === 'reseau' ? 'reseau' : 'ecoles',
		ecart: nombreOuRien(b.ecart),
		bas: nombreOuRien(b.bas),
		haut: nombreOuRien(b.haut),
		eleves: nombreOuRien(b.eleves),
		annees: liste(b.annees),
		ecoles: liste(b.ecoles)
	};
}

/** An action read back from storage, or null when it does not have the expected shape. */
export function actionLue(x: unknown): ActionPlan | null {
	if (!x || typeof x !== 'object') return null;
	const a = x as Record<string, unknown>;
	if (typeof a.id !== 'string' || !anneeValide(a.annee_scolaire) || typeof a.theme !== 'string') {
		return null;
	}
	const modalite = MODALITES.includes(a.modalite as Modalite)
		? (a.modalite as Modalite)
		: 'formation réseau';
	return {
		id: a.id,
		annee_scolaire: a.annee_scolaire,
		theme: a.theme,
		competence_id: typeof a.competence_id === 'string' && a.competence_id ? a.competence_id : null,
		objectif_id: texte(a.objectif_id),
		modalite,
		public: texte(a.public),
		heures: nombreOuRien(a.heures),
		ecoles: Array.isArray(a.ecoles)
			? a.ecoles.filter((e): e is string => typeof e === 'string')
			: [],
		formateurs: texte(a.formateurs),
		verification: texte(a.verification),
		origine: a.origine === 'proposition' ? 'proposition' : 'pilote',
		besoin: besoinLu(a.besoin),
		modifie_le: texte(a.modifie_le),
		modifie_par: texte(a.modifie_par)
	};
}

/**
 * Reads what was stored for a network (a parsed value: localStorage's JSON or IndexedDB's
 * document). Anything that does not have the expected shape is left out (a plan without a valid
 * start year, an action without a theme).
 */
export function lireEnregistrement(brut: unknown, reseauId: string): Enregistrement {
	const vide: Enregistrement = {
		version: VERSION_STOCKAGE,
		reseau_id: reseauId,
		courant: null,
		plans: []
	};
	if (!brut || typeof brut !== 'object') return vide;
	const b = brut as Record<string, unknown>;
	if (typeof b.version !== 'number' || b.version > VERSION_STOCKAGE || b.reseau_id !== reseauId) {
		return vide;
	}
	const plans: PlanFormation[] = [];
	for (const p of Array.isArray(b.plans) ? b.plans : []) {
		if (!p || typeof p !== 'object' || !anneeValide(p.annee_debut)) continue;
		if (plans.some((q) => q.annee_debut === p.annee_debut)) continue;
		const annees = anneesDuPlan(p.annee_debut);
		plans.push({
			annee_debut: p.annee_debut,
			actions: (Array.isArray(p.actions) ? p.actions : [])
				.map(actionLue)
				.filter(
					(a: ActionPlan | null): a is ActionPlan => !!a && annees.includes(a.annee_scolaire)
				),
			cree_le: texte(p.cree_le),
			modifie_le: texte(p.modifie_le)
		});
	}
	plans.sort((a, b) => a.annee_debut.localeCompare(b.annee_debut));
	const courant = plans.some((p) => p.annee_debut === b.courant)
		? (b.courant as string)
		: (plans.at(-1)?.annee_debut ?? null);
	return { ...vide, courant, plans };
}

/**
 * The plan for the next school year, from this one: the actions of its second and third years
 * are kept (with new ids), those of its first year — the year that ends — are not, and its new
 * third year starts empty.
 */
export function dupliquerPlan(plan: PlanFormation, maintenant: string): PlanFormation {
	const debut = anneesDuPlan(plan.annee_debut)[1];
	const annees = anneesDuPlan(debut);
	return {
		annee_debut: debut,
		actions: plan.actions
			.filter((a) => annees.includes(a.annee_scolaire))
			.map((a) => ({ ...structuredClone(a), id: nouvelId() })),
		cree_le: maintenant,
		modifie_le: maintenant
	};
}

function verifierBrouillon(b: BrouillonAction, annees: readonly string[]): void {
	if (!annees.includes(b.annee_scolaire)) {
		throw new RangeError(`année hors du plan : ${b.annee_scolaire} (plan ${annees.join(', ')})`);
	}
	if (!b.theme.trim()) throw new Error('Une action a besoin d’un thème.');
	if (!MODALITES.includes(b.modalite)) throw new RangeError(`invalid modalité: ${b.modalite}`);
	if (b.heures !== null && !(Number.isFinite(b.heures) && b.heures >= 0)) {
		throw new RangeError(`invalid heures: ${b.heures}`);
	}
}

/** A change to a network's record: applied to this tab's copy, then to the stored one. */
type Changement = (e: Enregistrement) => void;

function planDe(e: Enregistrement, annee_debut: string): PlanFormation | undefined {
	return e.plans.find((p) => p.annee_debut === annee_debut);
}

function ajouterPlan(e: Enregistrement, plan: PlanFormation): void {
	e.plans.push(plan);
	e.plans.sort((a, b) => a.annee_debut.localeCompare(b.annee_debut));
}

/** The plan of one network, held as runes and written to storage after every change. */
export class PlanReseau extends DocumentLocal {
	readonly reseauId: string;
	plans = $state<PlanFormation[]>([]);
	courant = $state<string | null>(null);
	/** Resolves once the stored plan has been read. */
	readonly charge: Promise<void>;

	constructor(
		reseauId: string,
		magasin: Promise<MagasinDocuments> = magasinDesPlans(),
		maintenant: () => string = () => new Date().toISOString(),
		canal: CanalDocuments = canalDesPlans()
	) {
		super(magasin, maintenant, canal, {
			refus: MESSAGE_STOCKAGE_REFUSE,
			echec: MESSAGE_ECHEC_ENREGISTREMENT
		});
		this.reseauId = reseauId;
		this.charge = this.#relire(true);
		this.ecouter([cleDocument(reseauId), 'plan-reseau:*'], () => void this.#relire(false));
	}

	#relire(premiere: boolean): Promise<void> {
		return this.relireDocument(cleDocument(this.reseauId), (brut) =>
			this.#adopter(lireEnregistrement(brut, this.reseauId), !premiere)
		);
	}

	/** Takes the stored record; another tab's choice of plan does not change the one shown here. */
	#adopter(e: Enregistrement, garderCourant: boolean): void {
		const courant = garderCourant ? this.courant : e.courant;
		this.plans = e.plans;
		this.courant = e.plans.some((p) => p.annee_debut === courant)
			? courant
			: (e.plans.at(-1)?.annee_debut ?? null);
	}

	get plan(): PlanFormation | null {
		return this.plans.find((p) => p.annee_debut === this.courant) ?? null;
	}

	get annees(): string[] {
		return this.plan ? anneesDuPlan(this.plan.annee_debut) : [];
	}

	actionsDe(annee: string): ActionPlan[] {
		return this.plan?.actions.filter((a) => a.annee_scolaire === annee) ?? [];
	}

	/** Applies a change here at once, then to the stored record in one transaction. */
	#changer(changement: Changement): Promise<void> {
		const ici: Enregistrement = {
			version: VERSION_STOCKAGE,
			reseau_id: this.reseauId,
			courant: this.courant,
			plans: this.plans
		};
		changement(ici);
		// A change may put new arrays in place (a plan replaced after a comparison), not only edit them.
		this.plans = ici.plans;
		this.courant = ici.courant;
		return this.ecrireDocument(
			cleDocument(this.reseauId),
			(avant) => {
				const e = lireEnregistrement(avant, this.reseauId);
				changement(e);
				return e;
			},
			(stocke) => this.#adopter(stocke, true)
		);
	}

	/** Opens the plan starting with `annee_debut`, creating it empty if needed. */
	demarrer(annee_debut: string): PlanFormation {
		if (!anneeValide(annee_debut)) throw new RangeError(`année scolaire invalide : ${annee_debut}`);
		const maintenant = this.maintenant();
		void this.#changer((e) => {
			if (!planDe(e, annee_debut)) {
				ajouterPlan(e, { annee_debut, actions: [], cree_le: maintenant, modifie_le: maintenant });
			}
			e.courant = annee_debut;
		});
		return this.plan!;
	}

	choisir(annee_debut: string): void {
		if (!this.plans.some((p) => p.annee_debut === annee_debut)) return;
		this.courant = annee_debut;
	}

	#signer(brouillon: BrouillonAction, id: string): ActionPlan {
		const b = $state.snapshot(brouillon) as BrouillonAction;
		return { ...structuredClone(b), id, modifie_le: this.maintenant(), modifie_par: this.auteur };
	}

	ajouter(brouillon: BrouillonAction): ActionPlan {
		const debut = this.#planCourant().annee_debut;
		verifierBrouillon(brouillon, anneesDuPlan(debut));
		const action = this.#signer(brouillon, nouvelId());
		void this.#changer((e) => {
			const plan = planDe(e, debut);
			if (!plan) return;
			plan.actions.push(structuredClone(action));
			plan.modifie_le = action.modifie_le;
		});
		return action;
	}

	/** Changes the action `id` of the plan shown, here and in storage. */
	#changerAction(id: string, f: (plan: PlanFormation, i: number) => void, le: string): void {
		const debut = this.#planCourant().annee_debut;
		void this.#changer((e) => {
			const plan = planDe(e, debut);
			const i = plan?.actions.findIndex((a) => a.id === id) ?? -1;
			if (!plan || i < 0) return;
			f(plan, i);
			plan.modifie_le = le;
		});
	}

	modifier(id: string, brouillon: BrouillonAction): void {
		verifierBrouillon(brouillon, this.annees);
		if (!this.plan!.actions.some((a) => a.id === id)) throw new Error(`action inconnue : ${id}`);
		const action = this.#signer(brouillon, id);
		this.#changerAction(
			id,
			(plan, i) => {
				const avant = plan.actions[i];
				plan.actions.splice(i, 1);
				// An action moved to another year goes to the end of that year; otherwise it keeps its place.
				if (avant.annee_scolaire === action.annee_scolaire) {
					plan.actions.splice(i, 0, structuredClone(action));
				} else plan.actions.push(structuredClone(action));
			},
			action.modifie_le
		);
	}

	supprimer(id: string): void {
		this.#changerAction(id, (plan, i) => plan.actions.splice(i, 1), this.maintenant());
	}

	/** Moves an action one place up (−1) or down (+1) among the actions of its year. */
	deplacer(id: string, sens: -1 | 1): void {
		this.#changerAction(
			id,
			(plan, i) => {
				const annee = plan.actions[i].annee_scolaire;
				let j = i + sens;
				while (j >= 0 && j < plan.actions.length && plan.actions[j].annee_scolaire !== annee) {
					j += sens;
				}
				if (j < 0 || j >= plan.actions.length) return;
				const [action] = plan.actions.splice(i, 1);
				plan.actions.splice(j, 0, action);
			},
			this.maintenant()
		);
	}

	/** Creates (or opens, if it exists) the plan for the next school year, from the current one. */
	dupliquer(): PlanFormation {
		const copie = dupliquerPlan(
			$state.snapshot(this.#planCourant()) as PlanFormation,
			this.maintenant()
		);
		void this.#changer((e) => {
			if (!planDe(e, copie.annee_debut)) ajouterPlan(e, structuredClone(copie));
			e.courant = copie.annee_debut;
		});
		return this.plan!;
	}

	/**
	 * Puts `plan` in place of this network's plan for the same years (or adds it): what the pilot
	 * chose after comparing their plan with a colleague's file.
	 */
	remplacer(plan: PlanFormation): Promise<void> {
		const copie = structuredClone($state.snapshot(plan) as PlanFormation);
		return this.#changer((e) => {
			e.plans = e.plans.filter((p) => p.annee_debut !== copie.annee_debut);
			ajouterPlan(e, structuredClone(copie));
			e.courant = copie.annee_debut;
		});
	}

	#planCourant(): PlanFormation {
		const plan = this.plan;
		if (!plan) throw new Error('Aucun plan ouvert : appelez demarrer() d’abord.');
		return plan;
	}
}

// ---------------------------------------------------------------------------------------------
// The plan as rows (its CSV: src/lib/exports/plan.ts; the printable document)

export interface ContextePlan {
	reseau_id: string;
	libelle: string;
	/** UAI → school name. */
	ecoles: ReadonlyMap<string, string>;
	/** Objective id → label. */
	objectifs: ReadonlyMap<string, string>;
}

/** The plan's actions, year by year in the pilots' order, as rows (CSV and printable document). */
export function lignesPlan(plan: PlanFormation, contexte: ContextePlan) {
	return anneesDuPlan(plan.annee_debut).flatMap((annee) =>
		plan.actions
			.filter((a) => a.annee_scolaire === annee)
			.map((a, i) => ({
				action: a,
				ordre: i + 1,
				objectif: contexte.objectifs.get(a.objectif_id) ?? '',
				ecoles: a.ecoles.map((uai) => contexte.ecoles.get(uai) ?? uai)
			}))
	);
}
