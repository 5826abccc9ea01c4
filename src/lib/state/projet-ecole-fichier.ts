/**
 * A school's projet file read back (`$lib/exports/projet-ecole.ts` writes it), compared with the
 * projet this browser holds, and merged as the team chooses (`./documents-fichier.ts` does what
 * every document of pilotage shares). A damaged file, one of a newer version of the format or,
 * when a school is expected, of another school is refused in French before anything changes.
 */
import { ENTETE_CSV_PROJET, FORMAT_PROJET, VERSION_FORMAT_PROJET } from '$lib/exports/projet-ecole';
import {
	cellule,
	colonnesEntete,
	comparerElements,
	fusionnerElements,
	liste,
	lireCsvDocument,
	refus,
	type Choix,
	type Difference
} from './documents-fichier';
import { anneeValide, nouvelId } from './plan.svelte';
import { PERIODES, type ActionProjet, type Periode, type ProjetEcole } from './projet-ecole.svelte';

export interface FichierProjet {
	uai: string;
	/** The school's name as the file gives it. */
	ecole: string;
	projet: ProjetEcole;
	exporte_par: string;
	exporte_le: string;
}

export type LectureProjet = { ok: true; fichier: FichierProjet } | { ok: false; message: string };

/** True when a CSV's first line is a school projet file's header. */
export function estEnteteDeProjet(premiereLigne: string): boolean {
	const entete = colonnesEntete(premiereLigne);
	return entete.includes('format') && entete.includes('projet_action_id');
}

/**
 * Reads a school's projet file. `uaiAttendu`, when given, is the school the page is on: a file of
 * another school is refused.
 */
export function lireFichierProjet(texte: string, uaiAttendu?: string): LectureProjet {
	const lu = lireCsvDocument(texte, {
		format: FORMAT_PROJET,
		version: VERSION_FORMAT_PROJET,
		reconnue: 'projet_action_id',
		colonnes: ENTETE_CSV_PROJET,
		mots: { un: 'un projet d’école', de: 'de projet d’école', ce: 'Ce projet d’école' }
	});
	if (!lu.ok) return lu;
	const { premiere } = lu;
	const uai = cellule(premiere.uai);
	if (!/^\d{7}[A-Z]$/.test(uai)) {
		return refus('Ce fichier de projet d’école est endommagé : l’UAI de l’école est illisible.');
	}
	if (uaiAttendu !== undefined && uai !== uaiAttendu) {
		return refus(
			`Ce fichier est le projet de l’école « ${cellule(premiere.ecole) || uai} » (${uai}), ` +
				`pas celui de cette école (${uaiAttendu}).`
		);
	}
	const actions: ActionProjet[] = [];
	const ids = new Set<string>();
	for (const [i, l] of lu.lignes.entries()) {
		const endommage = (quoi: string) =>
			refus(`Ce fichier de projet d’école est endommagé (ligne ${i + 2}) : ${quoi}.`);
		if (cellule(l.uai) !== uai) return endommage('elle appartient à une autre école');
		const action = cellule(l.action);
		let id = cellule(l.projet_action_id);
		if (!action && !id) continue;
		if (!action) return endommage('l’action n’est pas décrite');
		// A row added in a spreadsheet has no id yet: it is a new action.
		if (!id) id = nouvelId();
		if (ids.has(id)) return endommage(`l’action « ${action} » y figure deux fois`);
		ids.add(id);
		const annee = cellule(l.annee_scolaire);
		if (!anneeValide(annee)) {
			return endommage(`l’année scolaire « ${annee} » est illisible (attendue : 2025-2026)`);
		}
		const periode = cellule(l.periode) || PERIODES[0];
		if (!PERIODES.includes(periode as Periode)) {
			return endommage(
				`la période « ${periode} » n’est pas une de celles de Pilotage (${PERIODES.join(', ')})`
			);
		}
		actions.push({
			id,
			competences: liste(cellule(l.competences_id), ','),
			objectif_id: cellule(l.objectif_id),
			action,
			annee_scolaire: annee,
			periode: periode as Periode,
			verification: cellule(l.verification),
			cree_le: cellule(l.action_creee_le),
			modifie_le: cellule(l.action_modifiee_le),
			modifie_par: cellule(l.action_modifiee_par)
		});
	}
	const exporte_le = cellule(premiere.exporte_le);
	return {
		ok: true,
		fichier: {
			uai,
			ecole: cellule(premiere.ecole),
			projet: { uai, actions, cree_le: exporte_le, modifie_le: exporte_le },
			exporte_par: cellule(premiere.exporte_par),
			exporte_le
		}
	};
}

export type DifferenceProjet = Difference<ActionProjet>;

export const CHAMPS_PROJET: readonly [keyof ActionProjet, string][] = [
	['action', 'action'],
	['competences', 'compétences'],
	['objectif_id', 'objectif'],
	['annee_scolaire', 'année'],
	['periode', 'période'],
	['verification', 'vérification']
];

export function comparerProjets(mien: ProjetEcole | null, autre: ProjetEcole): DifferenceProjet[] {
	return comparerElements(mien?.actions ?? [], autre.actions, CHAMPS_PROJET);
}

export function fusionnerProjets(
	mien: ProjetEcole,
	autre: ProjetEcole,
	choix: ReadonlyMap<string, Choix>,
	maintenant: string
): ProjetEcole {
	return {
		...mien,
		actions: fusionnerElements(mien.actions, autre.actions, choix, CHAMPS_PROJET),
		modifie_le: maintenant
	};
}
