import { COLONNES_INDICATEURS_PROJET, COLONNES_PROJET } from '$lib/domain/projet';
import type { AmbitionArbre } from '$lib/pages/projet/types';
import { ecrireCsv } from './csv';

/**
 * The projet académique as its two files (`docs/formats.md`), read back by the import page:
 * `projet-academique.csv` (the tree) and `projet-indicateurs.csv` (objective ↔ indicator).
 */
export function csvProjetAcademique(arbre: readonly AmbitionArbre[]): string {
	return ecrireCsv(
		COLONNES_PROJET,
		arbre.flatMap((a, i) => [
			[a.id, 'ambition', '', i + 1, a.libelle, ''],
			...a.axes.flatMap((x, j) => [
				[x.id, 'axe', a.id, j + 1, x.libelle, ''],
				...x.objectifs.map((o, k) => [o.id, 'objectif', x.id, k + 1, o.libelle, o.motif ?? ''])
			])
		])
	);
}

export function csvProjetIndicateurs(arbre: readonly AmbitionArbre[]): string {
	return ecrireCsv(
		COLONNES_INDICATEURS_PROJET,
		arbre.flatMap((a) =>
			a.axes.flatMap((x) =>
				x.objectifs.flatMap((o) =>
					o.indicateurs.map((i) => [
						o.id,
						i.indicateur,
						i.niveau,
						i.discipline,
						i.competence_id,
						i.theme
					])
				)
			)
		)
	);
}
