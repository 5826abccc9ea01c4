// Le plan d'un fichier : les champs d'un genre rattachés aux colonnes d'un en-tête, et les tables
// cibles réduites aux colonnes que le fichier fournit. L'import d'un fichier de l'utilisateur et
// le chargement d'un fichier de confiance (la démo) partent du même plan.

import type { Cible, ChampPlan, LectureCsv, PlanImport } from '$lib/db/sql/import';
import type { Affectation } from './correspondance';
import type { Genre } from './genres';

let plans = 0;

/** Builds the plan of a kind against a file: fields → columns, targets without absent columns. */
export function construirePlan(
	genre: Genre,
	affectation: Affectation,
	entete: readonly string[],
	lecture: LectureCsv,
	source: string,
	colonneLigne?: number
): PlanImport {
	const champs: ChampPlan[] = genre.champs.map((c) => {
		const colonne = affectation.get(c.nom) ?? null;
		return { ...c, colonne, libelle: colonne === null ? c.nom : entete[colonne] || c.nom };
	});
	const present = (nom: string) => champs.find((c) => c.nom === nom)?.colonne != null;
	// A target column whose source fields are all absent from the file is not provided: the rows
	// already loaded keep their value. Key columns are always provided.
	const cibles: Cible[] = genre.cibles.map((cible) => {
		const colonnes = Object.fromEntries(
			Object.entries(cible.colonnes).filter(([nom, s]) => {
				if (cible.table.cle.includes(nom)) return true;
				if ('champ' in s) return present(s.champ);
				if ('derivation' in s) return s.champs.some(present);
				return true;
			})
		);
		return { ...cible, colonnes };
	});
	return {
		lecture,
		champs,
		controles: genre.controles ?? [],
		perimetre: genre.perimetre?.filtre,
		cle: genre.cle,
		cibles,
		colonneLigne,
		source,
		// Unique per engine: two imports never share temporary tables.
		prefixe: `imp${++plans}`
	};
}

/** Pupil files: the one target whose rows are counted per class while read (Cible.agregat). */
export function cibleAgregee(plan: PlanImport): Cible | undefined {
	return plan.cibles.length === 1 && plan.cibles[0].agregat ? plan.cibles[0] : undefined;
}
