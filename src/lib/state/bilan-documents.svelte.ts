/**
 * The school documents a circonscription's bilan reads (`$lib/pages/circonscription/bilan.ts`):
 * each accompaniment's indicateurs de progrès and each projet d'actions item, one element per
 * competence they name. The projets are read through each school's `ProjetEcoleLocal`, so they
 * follow its storage and the other tabs as the school page does.
 */
import type { ElementABilan } from '$lib/pages/circonscription/bilan';
import type { Accompagnement } from './accompagnement.svelte';
import { ProjetEcoleLocal, type ActionProjet } from './projet-ecole.svelte';

/** An accompaniment's indicateurs de progrès on a competence, from its start year. */
export function elementsAccompagnement(a: Accompagnement): ElementABilan[] {
	return a.indicateurs
		.filter((i) => i.competence_id)
		.map((i) => ({
			id: `accompagnement:${a.id}:${i.id}`,
			document: 'accompagnement' as const,
			uai: a.uai,
			texte: i.cible.trim() || 'indicateur de progrès',
			annee_scolaire: a.annee_scolaire,
			competence_id: i.competence_id,
			lien: `#/accompagnement/${a.id}`
		}));
}

/** A projet's actions, one element per competence (kept as `niveau|competence_id`). */
export function elementsProjet(uai: string, actions: readonly ActionProjet[]): ElementABilan[] {
	return actions.flatMap((a) =>
		[...new Set(a.competences.map((c) => c.slice(c.indexOf('|') + 1)).filter(Boolean))].map(
			(competence_id) => ({
				id: `projet:${uai}:${a.id}:${competence_id}`,
				document: 'projet' as const,
				uai,
				texte: a.action,
				annee_scolaire: a.annee_scolaire,
				competence_id,
				lien: `#/ecole/${uai}`
			})
		)
	);
}

/** The projets d'actions of a set of schools, as runes. */
export class ProjetsDesEcoles {
	#projets: ProjetEcoleLocal[];

	constructor(uais: Iterable<string>) {
		this.#projets = [...uais].map((uai) => new ProjetEcoleLocal(uai));
	}

	get pret(): boolean {
		return this.#projets.every((p) => p.pret);
	}

	get elements(): ElementABilan[] {
		return this.#projets.flatMap((p) => elementsProjet(p.uai, p.actions));
	}

	fermer(): void {
		for (const p of this.#projets) p.fermer();
	}
}
