// The bilan of a circonscription (issue #16): every accompaniment and every school projet
// d'actions item linked to a competence, the school's gap to expected before and after it, read
// together under the false-discovery control of `indicators/bilan.ts` — as a network plan's bilan
// (`pages/reseau/bilan.ts`). Pure: the page gives the items, the circonscription's rows and models.
import { comparerFr } from '$lib/domain/texte';
import { comparerLignesAvantApres, conclureBilans, type BilanConclu } from '$lib/indicators/bilan';
import type { CatalogueModeles } from '$lib/indicators/modele-ips';
import type { DonneesCirconscription, LigneCirconscription } from './types';

/**
 * What the bilan reads of a school document's item linked to one competence (the documents' own
 * types live in `state/`): an accompaniment's indicateur de progrès, or one competence of an
 * action of the school's projet d'actions.
 */
export interface ElementABilan {
	/** Unique on the page: the document's, the item's and the competence's ids. */
	id: string;
	document: 'accompagnement' | 'projet';
	uai: string;
	/** What the item says: the progress looked for, or the projet's action. */
	texte: string;
	/** The school year it starts: its September evaluation is « before », later ones « after ». */
	annee_scolaire: string;
	competence_id: string;
	/** Where the document is read (`#/accompagnement/…`, `#/ecole/…`). */
	lien: string;
}

export interface LigneBilanCirconscription {
	element: ElementABilan;
	ecole: string;
	competence_libelle: string;
	niveau: string;
	bilan: BilanConclu;
}

export interface BilanCirconscription {
	/** Years with evaluations of the circonscription's schools, oldest first. */
	annees_evaluees: string[];
	/** Whether the latest year imported was counted as « after » an item placed later. */
	derniere_comptee_apres: boolean;
	/** By school, then competence, then year. */
	lignes: LigneBilanCirconscription[];
	/** Items whose school has no evaluation of their competence: nothing to compare. */
	sans_evaluation: ElementABilan[];
}

export const LIBELLES_DOCUMENT: Record<ElementABilan['document'], string> = {
	accompagnement: 'accompagnement',
	projet: 'projet d’actions de l’école'
};

/** A school's name, with its commune when another school of the circonscription has the same. */
function nomsEcoles(ecoles: DonneesCirconscription['ecoles']): Map<string, string> {
	const compte = new Map<string, number>();
	for (const e of ecoles) compte.set(e.nom, (compte.get(e.nom) ?? 0) + 1);
	return new Map(
		ecoles.map((e) => [e.uai, (compte.get(e.nom) ?? 0) > 1 ? `${e.nom} (${e.commune})` : e.nom])
	);
}

/** Every item on a competence, its school before against after, read together. */
export function bilanCirconscription(
	elements: readonly ElementABilan[],
	d: Pick<DonneesCirconscription, 'ecoles' | 'lignes' | 'fiche'>,
	modeles: CatalogueModeles,
	derniereCommeApres = false
): BilanCirconscription {
	const noms = nomsEcoles(d.ecoles);
	const parCle = new Map<string, LigneCirconscription[]>();
	for (const l of d.lignes) {
		const cle = `${l.uai}|${l.competence_id}`;
		let liste = parCle.get(cle);
		if (!liste) parCle.set(cle, (liste = []));
		liste.push(l);
	}
	const lisibles = elements.filter((e) => parCle.has(`${e.uai}|${e.competence_id}`));
	const preparees = lisibles.map((element) => {
		const lignes = parCle.get(`${element.uai}|${element.competence_id}`)!;
		const ecole = noms.get(element.uai) ?? element.uai;
		return {
			element,
			ecole,
			competence_libelle: lignes[0].competence_libelle,
			niveau: lignes[0].niveau,
			ordre: lignes[0].ordre,
			comparaison: comparerLignesAvantApres(
				lignes,
				element.annee_scolaire,
				modeles,
				ecole,
				derniereCommeApres
			)
		};
	});
	preparees.sort(
		(a, b) =>
			comparerFr(a.ecole, b.ecole) ||
			a.ordre - b.ordre ||
			a.element.annee_scolaire.localeCompare(b.element.annee_scolaire)
	);
	const conclus = conclureBilans(preparees.map((p) => p.comparaison));
	return {
		annees_evaluees: [...new Set(d.lignes.map((l) => l.annee_scolaire))].sort(),
		derniere_comptee_apres: derniereCommeApres,
		lignes: preparees.map(({ comparaison: _, ordre: __, ...p }, i) => ({
			...p,
			bilan: conclus[i]
		})),
		sans_evaluation: elements.filter((e) => !lisibles.includes(e))
	};
}
