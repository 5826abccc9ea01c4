/**
 * A network plan's file read back (`$lib/exports/plan.ts` writes it), compared with the plan this
 * browser holds, and merged as the pilot chooses. Pure: the import page and the network page call
 * it, `PlanReseau.remplacer` stores the result. A file that is damaged, made by a newer version of
 * the format, or (when the page knows which network it is on) of another network is refused with
 * a French message, before anything is changed.
 */
import {
	ENTETE_CSV_PLAN,
	FORMAT_PLAN,
	MOTIFS_BESOIN,
	ORIGINES,
	VERSION_FORMAT_PLAN
} from '$lib/exports/plan';
import {
	cellule,
	choixParDefaut,
	colonnesEntete,
	comparerElements,
	fusionnerElements,
	liste,
	lireCsvDocument,
	nombre,
	refus as refuser,
	type Choix,
	type Difference as DifferenceDocument
} from './documents-fichier';
import {
	anneesDuPlan,
	anneeValide,
	MODALITES,
	nouvelId,
	type ActionPlan,
	type BesoinAction,
	type Modalite,
	type PlanFormation
} from './plan.svelte';

export { choixParDefaut, type Choix };
export type { NatureDifference } from './documents-fichier';

export interface FichierPlan {
	reseau_id: string;
	/** The network's name as the file gives it. */
	reseau: string;
	plan: PlanFormation;
	/** Who exported it and when, as the file says (the name may be empty). */
	exporte_par: string;
	exporte_le: string;
}

export type LecturePlan = { ok: true; fichier: FichierPlan } | { ok: false; message: string };

/** True when a CSV's first line is a plan file's header (its `format` and `action_id` columns). */
export function estEnteteDePlan(premiereLigne: string): boolean {
	const entete = colonnesEntete(premiereLigne);
	return entete.includes('format') && entete.includes('action_id') && entete.includes('plan_debut');
}

export function lireFichierPlan(texte: string, reseauAttendu?: string): LecturePlan {
	const refus = (message: string): LecturePlan => refuser(message);
	const lu = lireCsvDocument(texte, {
		format: FORMAT_PLAN,
		version: VERSION_FORMAT_PLAN,
		reconnue: 'action_id',
		colonnes: ENTETE_CSV_PLAN,
		mots: { un: 'un plan de formation', de: 'de plan', ce: 'Ce plan' }
	});
	if (!lu.ok) return lu;
	const { premiere } = lu;
	const reseau_id = cellule(premiere.reseau_id);
	const debut = cellule(premiere.plan_debut);
	if (!reseau_id || !anneeValide(debut)) {
		return refus(
			'Ce fichier de plan est endommagé : le réseau ou la première année du plan est illisible.'
		);
	}
	if (reseauAttendu !== undefined && reseau_id !== reseauAttendu) {
		return refus(
			`Ce fichier est le plan du réseau « ${cellule(premiere.reseau) || reseau_id} » (${reseau_id}), ` +
				`pas celui de ce réseau (${reseauAttendu}) : importez-le depuis la page de son réseau ou la page Importer.`
		);
	}
	const annees = anneesDuPlan(debut);
	const actions: ActionPlan[] = [];
	const ids = new Set<string>();
	for (const [i, l] of lu.lignes.entries()) {
		const ligne = i + 2;
		const endommage = (quoi: string) =>
			refus(`Ce fichier de plan est endommagé (ligne ${ligne}) : ${quoi}.`);
		if (cellule(l.reseau_id) !== reseau_id || cellule(l.plan_debut) !== debut) {
			return endommage('elle appartient à un autre réseau ou à un autre plan que la première');
		}
		const theme = cellule(l.theme);
		let id = cellule(l.action_id);
		if (!theme && !id) continue;
		if (!theme) return endommage('l’action n’a pas de thème');
		// A row a colleague added in a spreadsheet has no id yet: it is a new action.
		if (!id) id = nouvelId();
		if (ids.has(id)) return endommage(`l’action « ${theme} » y figure deux fois`);
		ids.add(id);
		const annee = cellule(l.annee_scolaire);
		if (!annees.includes(annee)) {
			return endommage(
				`l’année « ${annee} » n’est pas une des trois années du plan (${annees.join(', ')})`
			);
		}
		const modalite = cellule(l.modalite);
		if (!MODALITES.includes(modalite as Modalite)) {
			return endommage(
				`la modalité « ${modalite} » n’est pas une de celles de Pilotage (${MODALITES.join(', ')})`
			);
		}
		const heures = nombre(cellule(l.heures));
		if (heures !== null && !(heures >= 0)) {
			return endommage(`le volume horaire « ${cellule(l.heures)} » n’est pas un nombre d’heures`);
		}
		const besoin = lireBesoin(l);
		if (besoin === 'illisible') return endommage('les chiffres du besoin sont illisibles');
		actions.push({
			id,
			annee_scolaire: annee,
			theme,
			competence_id: cellule(l.competence_id) || null,
			objectif_id: cellule(l.objectif_id),
			modalite: modalite as Modalite,
			public: cellule(l.public),
			heures,
			ecoles: liste(cellule(l.ecoles_uai), ','),
			formateurs: cellule(l.formateurs),
			verification: cellule(l.verification),
			origine: cellule(l.origine) === ORIGINES.proposition ? 'proposition' : 'pilote',
			besoin,
			modifie_le: cellule(l.action_modifiee_le),
			modifie_par: cellule(l.action_modifiee_par)
		});
	}
	// The file lists each year's actions in order: the array keeps that order, year by year.
	actions.sort((a, b) => annees.indexOf(a.annee_scolaire) - annees.indexOf(b.annee_scolaire));
	const exporte_le = cellule(premiere.exporte_le);
	return {
		ok: true,
		fichier: {
			reseau_id,
			reseau: cellule(premiere.reseau),
			plan: { annee_debut: debut, actions, cree_le: exporte_le, modifie_le: exporte_le },
			exporte_par: cellule(premiere.exporte_par),
			exporte_le
		}
	};
}

function lireBesoin(l: Record<string, string>): BesoinAction | null | 'illisible' {
	const competence = cellule(l.besoin);
	if (!competence) return null;
	const parts = [
		'besoin_ecart_points',
		'besoin_intervalle_bas',
		'besoin_intervalle_haut',
		'besoin_eleves'
	].map((c) => nombre(cellule(l[c])));
	if (parts.some((x) => Number.isNaN(x))) return 'illisible';
	const [ecart, bas, haut, eleves] = parts;
	// Tenths of a point back to a share, without a binary tail (−8,9 → −0.089).
	const part = (x: number | null) => (x === null ? null : Math.round(x * 10) / 1000);
	return {
		competence,
		motif: cellule(l.besoin_motif) === MOTIFS_BESOIN.reseau ? 'reseau' : 'ecoles',
		ecart: part(ecart),
		bas: part(bas),
		haut: part(haut),
		eleves,
		annees: liste(cellule(l.besoin_annees), ','),
		ecoles: liste(cellule(l.besoin_ecoles_concernees), '|')
	};
}

// ---------------------------------------------------------------------------------------------
// Comparing and merging

export type Difference = DifferenceDocument<ActionPlan>;

export const CHAMPS_PLAN: readonly [keyof ActionPlan, string][] = [
	['annee_scolaire', 'année'],
	['theme', 'thème'],
	['objectif_id', 'objectif'],
	['modalite', 'modalité'],
	['public', 'public'],
	['heures', 'volume horaire'],
	['ecoles', 'écoles'],
	['formateurs', 'formateurs'],
	['verification', 'vérification'],
	['competence_id', 'compétence']
];

/** The differences item by item, in the file's order then this browser's. */
export function comparerPlans(mien: PlanFormation | null, autre: PlanFormation): Difference[] {
	return comparerElements(mien?.actions ?? [], autre.actions, CHAMPS_PLAN);
}

/**
 * The merged plan: this browser's plan and its order, with each difference resolved as chosen.
 * An action taken from the file goes after the action that precedes it in the file, or at the
 * end of its year.
 */
export function fusionnerPlans(
	mien: PlanFormation,
	autre: PlanFormation,
	choix: ReadonlyMap<string, Choix>,
	maintenant: string
): PlanFormation {
	const actions = fusionnerElements(
		mien.actions,
		autre.actions,
		choix,
		CHAMPS_PLAN,
		(a) => a.annee_scolaire
	);
	return { ...mien, actions, modifie_le: maintenant };
}
