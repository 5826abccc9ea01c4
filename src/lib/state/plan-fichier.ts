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
	anneesDuPlan,
	anneeValide,
	MODALITES,
	nouvelId,
	type ActionPlan,
	type BesoinAction,
	type Modalite,
	type PlanFormation
} from './plan.svelte';
import { celluleBrute, colonnesEntete, lireCsvExporte, motifErreurCsv } from './fichier-csv';

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

const RIEN = ' Rien n’a été modifié.';

/** True when a CSV's first line is a plan file's header (its `format` and `action_id` columns). */
export function estEnteteDePlan(premiereLigne: string): boolean {
	const entete = colonnesEntete(premiereLigne);
	return entete.includes('format') && entete.includes('action_id') && entete.includes('plan_debut');
}

/** Undoes the writer's formula guard: a cell it wrote as `'=…` reads back as `=…`. */
const cellule = (x: string | undefined) => celluleBrute(x).trim();

/** A number the writer wrote with a decimal comma (or a spreadsheet re-saved with a point). */
function nombre(x: string): number | null {
	if (!x) return null;
	const n = Number(x.replace(/\s/g, '').replace(',', '.'));
	return Number.isFinite(n) ? n : Number.NaN;
}

const liste = (x: string, separateur: string) =>
	x
		.split(separateur)
		.map((e) => e.trim())
		.filter(Boolean);

/**
 * Reads a plan file. `reseauAttendu`, when given, is the network the page is on: a file of another
 * network is refused. Every refusal says what is wrong, where, and that nothing changed.
 */
export function lireFichierPlan(texte: string, reseauAttendu?: string): LecturePlan {
	const refus = (message: string): LecturePlan => ({ ok: false, message: message + RIEN });
	const lu = lireCsvExporte(texte);
	const colonnes = lu.meta.fields ?? [];
	if (!colonnes.includes('format') || !colonnes.includes('action_id')) {
		return refus('Ce fichier n’est pas un plan de formation exporté par Pilotage.');
	}
	const erreur = lu.errors[0];
	if (erreur) return refus(`Ce fichier de plan est endommagé${motifErreurCsv(erreur)}.`);
	const premiere = lu.data[0];
	if (!premiere) return refus('Ce fichier de plan ne contient aucune ligne : il est incomplet.');
	if (cellule(premiere.format) !== FORMAT_PLAN) {
		return refus('Ce fichier n’est pas un plan de formation exporté par Pilotage.');
	}
	const version = Number(cellule(premiere.version_format));
	if (!Number.isInteger(version) || version < 1) {
		return refus('Ce fichier de plan est endommagé : sa version de format est illisible.');
	}
	if (version > VERSION_FORMAT_PLAN) {
		return refus(
			`Ce plan a été enregistré par une version plus récente de Pilotage (format ${version}, ` +
				`celle-ci lit le format ${VERSION_FORMAT_PLAN}) : mettez Pilotage à jour pour l’importer.`
		);
	}
	const manquantes = ENTETE_CSV_PLAN.filter((c) => !colonnes.includes(c));
	if (manquantes.length) {
		return refus(
			`Ce fichier de plan est endommagé : ${manquantes.length > 1 ? 'les colonnes' : 'la colonne'} ` +
				`${manquantes.map((c) => `« ${c} »`).join(', ')} ${manquantes.length > 1 ? 'manquent' : 'manque'}.`
		);
	}
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
	for (const [i, l] of lu.data.entries()) {
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

export type NatureDifference = 'ajoutee' | 'modifiee' | 'retiree';

export interface Difference {
	id: string;
	/** Seen from this browser: « ajoutée » is in the file only, « retirée » in this browser only. */
	nature: NatureDifference;
	mienne: ActionPlan | null;
	autre: ActionPlan | null;
	/** The fields that differ, in French (modified actions only). */
	champs: string[];
}

const CHAMPS: readonly [keyof ActionPlan, string][] = [
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

function champsDifferents(a: ActionPlan, b: ActionPlan): string[] {
	return CHAMPS.filter(([cle]) => {
		const x = a[cle];
		const y = b[cle];
		if (Array.isArray(x) && Array.isArray(y)) return [...x].sort().join() !== [...y].sort().join();
		return (x ?? null) !== (y ?? null);
	}).map(([, libelle]) => libelle);
}

/** The differences item by item, in the file's order then this browser's. */
export function comparerPlans(mien: PlanFormation | null, autre: PlanFormation): Difference[] {
	const miennes = new Map((mien?.actions ?? []).map((a) => [a.id, a]));
	const autres = new Map(autre.actions.map((a) => [a.id, a]));
	const differences: Difference[] = [];
	for (const a of autre.actions) {
		const m = miennes.get(a.id);
		if (!m) differences.push({ id: a.id, nature: 'ajoutee', mienne: null, autre: a, champs: [] });
		else {
			const champs = champsDifferents(m, a);
			if (champs.length)
				differences.push({ id: a.id, nature: 'modifiee', mienne: m, autre: a, champs });
		}
	}
	for (const m of mien?.actions ?? []) {
		if (!autres.has(m.id)) {
			differences.push({ id: m.id, nature: 'retiree', mienne: m, autre: null, champs: [] });
		}
	}
	return differences;
}

export type Choix = 'mienne' | 'autre';

/**
 * What a merge proposes before the pilot decides: take what the file adds, keep what only this
 * browser has (the file cannot tell a removal from an action it never had), and for an action
 * both changed, the version written last.
 */
export function choixParDefaut(d: Difference): Choix {
	if (d.nature === 'ajoutee') return 'autre';
	if (d.nature === 'retiree') return 'mienne';
	return (d.autre?.modifie_le ?? '') > (d.mienne?.modifie_le ?? '') ? 'autre' : 'mienne';
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
	const differences = comparerPlans(mien, autre);
	const prend = (d: Difference) => (choix.get(d.id) ?? choixParDefaut(d)) === 'autre';
	let actions = mien.actions.map((a) => structuredClone(a));
	for (const d of differences) {
		if (!prend(d)) continue;
		if (d.nature === 'retiree') actions = actions.filter((a) => a.id !== d.id);
		if (d.nature === 'modifiee') {
			actions = actions.map((a) => (a.id === d.id ? structuredClone(d.autre!) : a));
		}
	}
	for (const d of differences) {
		if (d.nature !== 'ajoutee' || !prend(d)) continue;
		const action = structuredClone(d.autre!);
		const rang = autre.actions.findIndex((a) => a.id === d.id);
		const precedente = autre.actions
			.slice(0, rang)
			.reverse()
			.find(
				(a) => a.annee_scolaire === action.annee_scolaire && actions.some((x) => x.id === a.id)
			);
		const apres = precedente ? actions.findIndex((x) => x.id === precedente.id) + 1 : -1;
		if (apres > 0) actions.splice(apres, 0, action);
		else {
			const derniere = actions.findLastIndex((x) => x.annee_scolaire === action.annee_scolaire);
			const premiereSuivante = actions.findIndex((x) => x.annee_scolaire > action.annee_scolaire);
			actions.splice(
				derniere >= 0 ? derniere + 1 : premiereSuivante >= 0 ? premiereSuivante : actions.length,
				0,
				action
			);
		}
	}
	return { ...mien, actions, modifie_le: maintenant };
}
