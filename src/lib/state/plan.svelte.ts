/**
 * A network's training plan over three school years, as its pilots write it. It is small JSON
 * kept in the browser's localStorage under a versioned key per network (the DuckDB data are not
 * persistent, the plan must be). When the browser refuses storage, the plan lives in memory for
 * as long as the page, and the page says so.
 */
import { debutAnnee } from '$lib/indicators/annees';

export const MODALITES = [
	'constellation',
	'animation pédagogique',
	'formation réseau',
	'observation croisée',
	'interdegré'
] as const;
export type Modalite = (typeof MODALITES)[number];

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
}

export type BrouillonAction = Omit<ActionPlan, 'id'>;

export interface PlanFormation {
	/** First of the plan's three school years. */
	annee_debut: string;
	/** In the pilots' order; the order within a year is the order of this array. */
	actions: ActionPlan[];
	cree_le: string;
	modifie_le: string;
}

const VERSION_STOCKAGE = 1;

interface Enregistrement {
	version: typeof VERSION_STOCKAGE;
	reseau_id: string;
	courant: string | null;
	plans: PlanFormation[];
}

/** One key per network and format version: a later format reads the older key and migrates. */
export function cleStockage(reseauId: string): string {
	return `pilotage:plan-reseau:v${VERSION_STOCKAGE}:${reseauId}`;
}

export interface Stockage {
	getItem(cle: string): string | null;
	setItem(cle: string, valeur: string): void;
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

/**
 * The browser's localStorage if it can be written to. Reading `localStorage` itself throws when
 * storage is disabled, and Safari's private mode used to throw on the first write.
 */
function stockageNavigateur(): Stockage | null {
	try {
		const s = globalThis.localStorage;
		if (!s) return null;
		const essai = 'pilotage:essai';
		s.setItem(essai, '1');
		s.removeItem(essai);
		return s;
	} catch {
		return null;
	}
}

/**
 * Removes every network's plan (all format versions): « Effacer toutes les données » means the
 * plans built on the imported networks too. Returns how many were removed.
 */
export function effacerPlans(
	stockage: Pick<Storage, 'key' | 'length' | 'removeItem'> | null = navigateurOuRien()
): number {
	if (!stockage) return 0;
	const cles: string[] = [];
	for (let i = 0; i < stockage.length; i++) {
		const cle = stockage.key(i);
		if (cle?.startsWith('pilotage:plan-reseau:')) cles.push(cle);
	}
	for (const cle of cles) stockage.removeItem(cle);
	return cles.length;
}

/** The whole localStorage (stockageNavigateur gives it, typed for the plan's two uses). */
const navigateurOuRien = () => stockageNavigateur() as Storage | null;

const ANNEE = /^(\d{4})-(\d{4})$/;

function anneeValide(x: unknown): x is string {
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
function nouvelId(): string {
	compteur += 1;
	return `a-${Date.now().toString(36)}-${compteur.toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
}

const texte = (x: unknown) => (typeof x === 'string' ? x : '');

/** An action read back from storage, or null when it does not have the expected shape. */
function actionLue(x: unknown): ActionPlan | null {
	if (!x || typeof x !== 'object') return null;
	const a = x as Record<string, unknown>;
	if (typeof a.id !== 'string' || !anneeValide(a.annee_scolaire) || typeof a.theme !== 'string') {
		return null;
	}
	const modalite = MODALITES.includes(a.modalite as Modalite)
		? (a.modalite as Modalite)
		: 'formation réseau';
	const heures = typeof a.heures === 'number' && Number.isFinite(a.heures) ? a.heures : null;
	return {
		id: a.id,
		annee_scolaire: a.annee_scolaire,
		theme: a.theme,
		competence_id: typeof a.competence_id === 'string' ? a.competence_id : null,
		objectif_id: texte(a.objectif_id),
		modalite,
		public: texte(a.public),
		heures,
		ecoles: Array.isArray(a.ecoles)
			? a.ecoles.filter((e): e is string => typeof e === 'string')
			: [],
		formateurs: texte(a.formateurs),
		verification: texte(a.verification),
		origine: a.origine === 'proposition' ? 'proposition' : 'pilote'
	};
}

/**
 * Reads what was stored for a network. Anything that does not have the expected shape is left
 * out (a plan without a valid start year, an action without a theme); unreadable text throws.
 */
export function lireEnregistrement(texteStocke: string | null, reseauId: string): Enregistrement {
	const vide: Enregistrement = {
		version: VERSION_STOCKAGE,
		reseau_id: reseauId,
		courant: null,
		plans: []
	};
	if (texteStocke === null) return vide;
	const brut = JSON.parse(texteStocke) as Record<string, unknown>;
	if (!brut || brut.version !== VERSION_STOCKAGE || brut.reseau_id !== reseauId) return vide;
	const plans: PlanFormation[] = [];
	for (const p of Array.isArray(brut.plans) ? brut.plans : []) {
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
	const courant = plans.some((p) => p.annee_debut === brut.courant)
		? (brut.courant as string)
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
			.map((a) => ({ ...a, ecoles: [...a.ecoles], id: nouvelId() })),
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

/** The plan of one network, held as runes and written to storage after every change. */
export class PlanReseau {
	readonly reseauId: string;
	plans = $state<PlanFormation[]>([]);
	courant = $state<string | null>(null);
	/** False when the browser refuses storage: the plan then lives as long as the page. */
	persistant = $state(true);
	/** A message for the pilot about storage, in French; null when all is well. */
	alerte = $state<string | null>(null);
	#stockage: Stockage | null;
	#maintenant: () => string;

	constructor(
		reseauId: string,
		stockage: Stockage | null = stockageNavigateur(),
		maintenant: () => string = () => new Date().toISOString()
	) {
		this.reseauId = reseauId;
		this.#stockage = stockage;
		this.#maintenant = maintenant;
		if (!stockage) {
			this.persistant = false;
			this.alerte = MESSAGE_STOCKAGE_REFUSE;
			return;
		}
		let lu: Enregistrement;
		try {
			lu = lireEnregistrement(stockage.getItem(cleStockage(reseauId)), reseauId);
		} catch (e) {
			lu = lireEnregistrement(null, reseauId);
			this.alerte = e instanceof SyntaxError ? MESSAGE_PLAN_ILLISIBLE : MESSAGE_STOCKAGE_REFUSE;
			if (!(e instanceof SyntaxError)) this.persistant = false;
		}
		this.plans = lu.plans;
		this.courant = lu.courant;
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

	/** Opens the plan starting with `annee_debut`, creating it empty if needed. */
	demarrer(annee_debut: string): PlanFormation {
		if (!anneeValide(annee_debut)) throw new RangeError(`année scolaire invalide : ${annee_debut}`);
		let plan = this.plans.find((p) => p.annee_debut === annee_debut);
		if (!plan) {
			const maintenant = this.#maintenant();
			this.plans.push({ annee_debut, actions: [], cree_le: maintenant, modifie_le: maintenant });
			this.plans.sort((a, b) => a.annee_debut.localeCompare(b.annee_debut));
			plan = this.plans.find((p) => p.annee_debut === annee_debut)!;
		}
		this.courant = annee_debut;
		this.#enregistrer();
		return plan;
	}

	choisir(annee_debut: string): void {
		if (!this.plans.some((p) => p.annee_debut === annee_debut)) return;
		this.courant = annee_debut;
		this.#enregistrer();
	}

	ajouter(brouillon: BrouillonAction): ActionPlan {
		const plan = this.#planCourant();
		verifierBrouillon(brouillon, anneesDuPlan(plan.annee_debut));
		const action: ActionPlan = { ...brouillon, ecoles: [...brouillon.ecoles], id: nouvelId() };
		plan.actions.push(action);
		this.#modifie(plan);
		return action;
	}

	modifier(id: string, brouillon: BrouillonAction): void {
		const plan = this.#planCourant();
		verifierBrouillon(brouillon, anneesDuPlan(plan.annee_debut));
		const i = plan.actions.findIndex((a) => a.id === id);
		if (i < 0) throw new Error(`action inconnue : ${id}`);
		const avant = plan.actions[i];
		plan.actions.splice(i, 1);
		const action = { ...brouillon, ecoles: [...brouillon.ecoles], id };
		// An action moved to another year goes to the end of that year; otherwise it keeps its place.
		if (avant.annee_scolaire === action.annee_scolaire) plan.actions.splice(i, 0, action);
		else plan.actions.push(action);
		this.#modifie(plan);
	}

	supprimer(id: string): void {
		const plan = this.#planCourant();
		const i = plan.actions.findIndex((a) => a.id === id);
		if (i < 0) return;
		plan.actions.splice(i, 1);
		this.#modifie(plan);
	}

	/** Moves an action one place up (−1) or down (+1) among the actions of its year. */
	deplacer(id: string, sens: -1 | 1): void {
		const plan = this.#planCourant();
		const i = plan.actions.findIndex((a) => a.id === id);
		if (i < 0) return;
		const annee = plan.actions[i].annee_scolaire;
		let j = i + sens;
		while (j >= 0 && j < plan.actions.length && plan.actions[j].annee_scolaire !== annee) j += sens;
		if (j < 0 || j >= plan.actions.length) return;
		const [action] = plan.actions.splice(i, 1);
		plan.actions.splice(j, 0, action);
		this.#modifie(plan);
	}

	/** Creates (or opens, if it exists) the plan for the next school year, from the current one. */
	dupliquer(): PlanFormation {
		const plan = this.#planCourant();
		const copie = dupliquerPlan($state.snapshot(plan) as PlanFormation, this.#maintenant());
		if (!this.plans.some((p) => p.annee_debut === copie.annee_debut)) {
			this.plans.push(copie);
			this.plans.sort((a, b) => a.annee_debut.localeCompare(b.annee_debut));
		}
		this.courant = copie.annee_debut;
		this.#enregistrer();
		return this.plan!;
	}

	#planCourant(): PlanFormation {
		const plan = this.plan;
		if (!plan) throw new Error('Aucun plan ouvert : appelez demarrer() d’abord.');
		return plan;
	}

	#modifie(plan: PlanFormation): void {
		plan.modifie_le = this.#maintenant();
		this.#enregistrer();
	}

	#enregistrer(): void {
		if (!this.#stockage || !this.persistant) return;
		const enregistrement: Enregistrement = {
			version: VERSION_STOCKAGE,
			reseau_id: this.reseauId,
			courant: this.courant,
			plans: $state.snapshot(this.plans) as PlanFormation[]
		};
		try {
			this.#stockage.setItem(cleStockage(this.reseauId), JSON.stringify(enregistrement));
			if (this.alerte === MESSAGE_ECHEC_ENREGISTREMENT) this.alerte = null;
		} catch {
			this.alerte = MESSAGE_ECHEC_ENREGISTREMENT;
		}
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
