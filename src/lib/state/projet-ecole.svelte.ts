/**
 * A school's projet d'actions: the « pistes d'action » its team writes at the end of the
 * diagnostic partagé. Like a network's plan (`./plan.svelte.ts`), it is small JSON kept in the
 * browser's IndexedDB (`$lib/stockage/documents`, one document per school), written in one
 * transaction after every change, announced to the other tabs, and travels as a CSV file
 * (`$lib/exports/projet-ecole.ts`, read back by `./projet-ecole-fichier.ts`).
 */
import type { MagasinDocuments, CanalDocuments } from '$lib/stockage/documents';
import { canalDocuments } from '$lib/stockage/documents';
import { debutAnnee } from '$lib/indicators/annees';
import { DocumentLocal } from './document-local.svelte';
import {
	anneeDebutPlan,
	anneesDuPlan,
	anneeValide,
	magasinDesPlans,
	nouvelId
} from './plan.svelte';

/** When in the school year: the whole year or one of its five periods. */
export const PERIODES = [
	'toute l’année',
	'période 1',
	'période 2',
	'période 3',
	'période 4',
	'période 5'
] as const;
export type Periode = (typeof PERIODES)[number];

export interface ActionProjet {
	id: string;
	/** The competences it works on, as the school's result rows key them (`niveau|competence_id`). */
	competences: string[];
	/** Objective of the projet académique it serves (`projet.objectif_id`), or empty. */
	objectif_id: string;
	/** What the team does. */
	action: string;
	annee_scolaire: string;
	periode: Periode;
	/** How success will be checked (e.g. next September's evaluation on those competences). */
	verification: string;
	cree_le: string;
	/** When and by whom the action was last written (the name as they typed it). */
	modifie_le: string;
	modifie_par: string;
}

export type BrouillonProjet = Pick<
	ActionProjet,
	'competences' | 'objectif_id' | 'action' | 'annee_scolaire' | 'periode' | 'verification'
>;

export interface ProjetEcole {
	uai: string;
	actions: ActionProjet[];
	cree_le: string;
	modifie_le: string;
}

export const VERSION_STOCKAGE_PROJET = 1;

/**
 * The school years an action of the projet may be placed in: those already under way since the
 * first evaluated year (a projet d'école runs for several years, and an action begun then has
 * evaluations before it for its bilan), then the three years to come, the first of which is
 * proposed for a new action.
 */
export function anneesDuProjet(
	anneesEvaluees: readonly string[],
	derniere: string
): { annees: string[]; proposee: string } {
	const proposee = anneeDebutPlan(derniere);
	const valides = anneesEvaluees.filter(anneeValide);
	const premiere = valides.length ? Math.min(...valides.map(debutAnnee)) : debutAnnee(proposee);
	const engagees: string[] = [];
	for (let d = premiere + 1; d < debutAnnee(proposee); d++) engagees.push(`${d}-${d + 1}`);
	return { annees: [...engagees, ...anneesDuPlan(proposee)], proposee };
}

export function cleProjet(uai: string): string {
	return `projet-ecole:${uai}`;
}

export const MESSAGE_PROJET_NON_GARDE =
	'Ce navigateur refuse l’enregistrement local (stockage désactivé, navigation privée ou espace ' +
	'plein) : les pistes d’action ne sont gardées que tant que cette page reste ouverte. ' +
	'Exportez-les en CSV pour les garder.';

const texte = (x: unknown) => (typeof x === 'string' ? x : '');

export function actionProjetLue(x: unknown): ActionProjet | null {
	if (!x || typeof x !== 'object') return null;
	const a = x as Record<string, unknown>;
	if (typeof a.id !== 'string' || typeof a.action !== 'string' || !a.action.trim()) return null;
	if (!anneeValide(a.annee_scolaire)) return null;
	return {
		id: a.id,
		competences: Array.isArray(a.competences)
			? a.competences.filter((c): c is string => typeof c === 'string')
			: [],
		objectif_id: texte(a.objectif_id),
		action: a.action,
		annee_scolaire: a.annee_scolaire,
		periode: PERIODES.includes(a.periode as Periode) ? (a.periode as Periode) : PERIODES[0],
		verification: texte(a.verification),
		cree_le: texte(a.cree_le),
		modifie_le: texte(a.modifie_le),
		modifie_par: texte(a.modifie_par)
	};
}

/** What was stored for a school; anything without the expected shape is left out. */
export function lireProjetStocke(brut: unknown, uai: string): ProjetEcole | null {
	if (!brut || typeof brut !== 'object') return null;
	const b = brut as Record<string, unknown>;
	if (b.version !== VERSION_STOCKAGE_PROJET || b.uai !== uai) return null;
	return {
		uai,
		actions: (Array.isArray(b.actions) ? b.actions : [])
			.map(actionProjetLue)
			.filter((a): a is ActionProjet => a !== null),
		cree_le: texte(b.cree_le),
		modifie_le: texte(b.modifie_le)
	};
}

export function verifierBrouillonProjet(b: BrouillonProjet): void {
	if (!b.action.trim()) throw new Error('Une action a besoin d’une description.');
	if (!anneeValide(b.annee_scolaire)) {
		throw new RangeError(`année scolaire invalide : ${b.annee_scolaire}`);
	}
	if (!PERIODES.includes(b.periode)) throw new RangeError(`période invalide : ${b.periode}`);
}

/** Removes every school's projet: « Effacer toutes les données ». */
export async function effacerProjets(
	magasin: Promise<MagasinDocuments> = magasinDesPlans(),
	canal: CanalDocuments = canalDesProjets()
): Promise<number> {
	let n = 0;
	try {
		n = await (await magasin).effacer('projet-ecole:');
	} catch {
		// Nothing stored, nothing to remove.
	}
	canal.annoncer('projet-ecole:*');
	return n;
}

let canalPartage: CanalDocuments | null = null;
function canalDesProjets(): CanalDocuments {
	return (canalPartage ??= canalDocuments());
}

/** One school's projet, held as runes and written to storage after every change. */
export class ProjetEcoleLocal extends DocumentLocal {
	readonly uai: string;
	projet = $state<ProjetEcole | null>(null);
	readonly charge: Promise<void>;

	constructor(
		uai: string,
		magasin: Promise<MagasinDocuments> = magasinDesPlans(),
		maintenant: () => string = () => new Date().toISOString(),
		canal: CanalDocuments = canalDesProjets()
	) {
		super(magasin, maintenant, canal, {
			refus: MESSAGE_PROJET_NON_GARDE,
			echec: MESSAGE_PROJET_NON_GARDE
		});
		this.uai = uai;
		this.charge = this.#relire();
		this.ecouter([cleProjet(uai), 'projet-ecole:*'], () => void this.#relire());
	}

	get actions(): ActionProjet[] {
		return this.projet?.actions ?? [];
	}

	#relire(): Promise<void> {
		return this.relireDocument(cleProjet(this.uai), (brut) => {
			this.projet = lireProjetStocke(brut, this.uai);
		});
	}

	/** Applies a change here at once, then to the stored projet in one transaction. */
	#changer(changement: (p: ProjetEcole) => void): Promise<void> {
		const maintenant = this.maintenant();
		const applique = (p: ProjetEcole | null): ProjetEcole => {
			const q = p ?? { uai: this.uai, actions: [], cree_le: maintenant, modifie_le: maintenant };
			changement(q);
			q.modifie_le = maintenant;
			return q;
		};
		this.projet = applique(this.projet ? ($state.snapshot(this.projet) as ProjetEcole) : null);
		return this.ecrireDocument(
			cleProjet(this.uai),
			(avant) => ({
				version: VERSION_STOCKAGE_PROJET,
				...applique(lireProjetStocke(avant, this.uai))
			}),
			(stocke) => {
				this.projet = lireProjetStocke(stocke, this.uai);
			}
		);
	}

	#signer(b: BrouillonProjet, id: string, cree_le: string): ActionProjet {
		const brouillon = structuredClone($state.snapshot(b) as BrouillonProjet);
		return {
			...brouillon,
			action: brouillon.action.trim(),
			id,
			cree_le,
			modifie_le: this.maintenant(),
			modifie_par: this.auteur
		};
	}

	ajouter(brouillon: BrouillonProjet): ActionProjet {
		verifierBrouillonProjet(brouillon);
		const action = this.#signer(brouillon, nouvelId(), this.maintenant());
		void this.#changer((p) => void p.actions.push(structuredClone(action)));
		return action;
	}

	modifier(id: string, brouillon: BrouillonProjet): void {
		verifierBrouillonProjet(brouillon);
		const avant = this.actions.find((a) => a.id === id);
		if (!avant) throw new Error(`action inconnue : ${id}`);
		const action = this.#signer(brouillon, id, avant.cree_le);
		void this.#changer((p) => {
			const i = p.actions.findIndex((a) => a.id === id);
			if (i >= 0) p.actions[i] = structuredClone(action);
		});
	}

	supprimer(id: string): void {
		void this.#changer((p) => {
			p.actions = p.actions.filter((a) => a.id !== id);
		});
	}

	/** Puts `projet` in place of this school's: what the user chose after a comparison. */
	remplacer(projet: ProjetEcole): Promise<void> {
		const copie = structuredClone($state.snapshot(projet) as ProjetEcole);
		return this.#changer((p) => {
			p.actions = structuredClone(copie.actions);
		});
	}
}
