// The bilan of a network's plan (issue #16 item 5): for each action on a competence, the gap to
// expected of its schools before and after the action, read together under the false-discovery
// control of `indicators/bilan.ts`. Pure: the page gives the plan, the network's rows and models.
import { comparerFr } from '$lib/domain/texte';
import { comparerLignesAvantApres, conclureBilans, type BilanConclu } from '$lib/indicators/bilan';
import type { CatalogueModeles } from '$lib/indicators/modele-ips';
import { nomsDistincts } from './analyse';
import type { DonneesReseau, EvaluationMembre } from './types';

/** What the bilan reads of a plan's action (the plan's own type lives in `state/`). */
export interface ActionABilan {
	id: string;
	annee_scolaire: string;
	theme: string;
	competence_id: string | null;
	/** UAIs of the schools involved; none: the whole network. */
	ecoles: readonly string[];
}

export interface LigneBilan {
	action: ActionABilan;
	competence_libelle: string;
	niveau: string;
	/** The schools whose pupils are counted (the action's, or the network's), by name. */
	ecoles: string[];
	toutes_ecoles_du_reseau: boolean;
	bilan: BilanConclu;
}

export interface BilanPlan {
	/** Years with evaluations of the network's schools, oldest first. */
	annees_evaluees: string[];
	/** Whether the latest year imported was counted as « after » an action placed later. */
	derniere_comptee_apres: boolean;
	lignes: LigneBilan[];
	/** Actions without a competence: no evaluation can say anything about them. */
	sans_competence: ActionABilan[];
}

/** Every action of a plan on a competence, before against after, read together. */
export function bilanPlan(
	actions: readonly ActionABilan[],
	d: Pick<DonneesReseau, 'membres' | 'evaluations' | 'fiche'>,
	modeles: CatalogueModeles,
	derniereCommeApres = false
): BilanPlan {
	const noms = nomsDistincts(d.membres);
	const membres = new Set(d.membres.map((m) => m.uai));
	const annees_evaluees = [...new Set(d.evaluations.map((e) => e.annee_scolaire))].sort();
	const parCompetence = new Map<string, EvaluationMembre[]>();
	for (const e of d.evaluations) {
		let liste = parCompetence.get(e.competence_id);
		if (!liste) parCompetence.set(e.competence_id, (liste = []));
		liste.push(e);
	}
	const avecCompetence = actions.filter(
		(a) => a.competence_id !== null && parCompetence.has(a.competence_id)
	);
	const preparees = avecCompetence.map((action) => {
		const retenues = action.ecoles.filter((u) => membres.has(u));
		const groupe = new Set(retenues.length ? retenues : membres);
		const lignes = parCompetence.get(action.competence_id!)!.filter((e) => groupe.has(e.uai));
		const exemple = lignes[0] ?? parCompetence.get(action.competence_id!)![0];
		return {
			action,
			competence_libelle: exemple.competence_libelle,
			niveau: exemple.niveau,
			// The schools whose pupils are counted: a maternelle of a « GS et CP » action has none.
			ecoles: [...new Set(lignes.map((l) => l.uai))].map((u) => noms.get(u) ?? u).sort(comparerFr),
			toutes_ecoles_du_reseau: retenues.length === 0,
			comparaison: comparerLignesAvantApres(
				lignes,
				action.annee_scolaire,
				modeles,
				d.fiche.libelle,
				derniereCommeApres
			)
		};
	});
	const conclus = conclureBilans(preparees.map((p) => p.comparaison));
	return {
		annees_evaluees,
		derniere_comptee_apres: derniereCommeApres,
		lignes: preparees.map(({ comparaison: _, ...p }, i) => ({ ...p, bilan: conclus[i] })),
		sans_competence: actions.filter((a) => !avecCompetence.includes(a))
	};
}
