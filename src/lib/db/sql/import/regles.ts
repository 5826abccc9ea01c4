// Les règles qui lisent plusieurs champs d'une ligne, compilées en SQL sur les valeurs typées
// (`v_k`) : contrôles entre champs, dérivations (valeurs calculées que des tables reçoivent),
// filtres nommés (périmètre d'un genre, table qui reçoit une ligne).

import { litteral as lit } from '../echappement';
import { motifChamp, motifControle, valeurChamp } from './champs';
import type { Controle, Filtre, Gravite, NomDerivation, PlanImport, SourceColonne } from './plan';

/** Field name → its index in the plan. */
export type Index = ReadonlyMap<string, number>;

export const indexDe = (plan: PlanImport): Index => new Map(plan.champs.map((c, k) => [c.nom, k]));

/** The typed value of a field named by a rule. */
export function v(index: Index, champ: string): string {
	const k = index.get(champ);
	if (k === undefined) throw new Error(`champ inconnu dans une règle : ${champ}`);
	return valeurChamp(k);
}

/** Field whose column a control's message points at. */
export function champDuControle(ctl: Controle): string {
	switch (ctl.type) {
		case 'somme':
			return ctl.total;
		case 'prefixe':
			return ctl.champ;
		default:
			return ctl.termes[0];
	}
}

export function exprControle(ctl: Controle, index: Index): string {
	const tous = (champs: readonly string[]) =>
		champs.map((c) => `${v(index, c)} IS NOT NULL`).join(' AND ');
	const somme = (champs: readonly string[]) => `(${champs.map((c) => v(index, c)).join(' + ')})`;
	const fr = (x: string) => `replace(CAST(${x} AS VARCHAR), '.', ',')`;
	switch (ctl.type) {
		case 'somme':
			return `CASE
				WHEN ${tous([...ctl.termes, ctl.total])}
					AND ${somme(ctl.termes)} <> ${v(index, ctl.total)}
				THEN ${lit(`${ctl.termes.join(' + ')} = `)} || ${fr(somme(ctl.termes))}
					|| ${lit(`, différent de ${ctl.total} = `)} || ${fr(v(index, ctl.total))}
			END`;
		case 'somme_max':
			return `CASE
				WHEN ${tous(ctl.termes)} AND ${somme(ctl.termes)} > ${ctl.max}
				THEN ${lit(`${ctl.termes.join(' + ')} = `)} || ${fr(`round(${somme(ctl.termes)}, 1)`)}
					|| ${lit(`, plus que ${ctl.max}`)}
			END`;
		case 'somme_proche':
			return `CASE
				WHEN ${tous(ctl.termes)}
					AND abs(${somme(ctl.termes)} - ${ctl.cible}) > ${ctl.tolerance}
				THEN ${lit(`${ctl.termes.join(' + ')} = `)} || ${fr(`round(${somme(ctl.termes)}, 1)`)}
					|| ${lit(` au lieu de ${ctl.cible}`)}
			END`;
		case 'prefixe': {
			const champ = v(index, ctl.champ);
			const prefixe = ctl.parties.map((p) => v(index, p)).join(` || '-' || `);
			const parties = ctl.parties.map((p) => v(index, p)).join(` || ' ' || `);
			return `CASE
				WHEN ${tous([ctl.champ, ...ctl.parties])}
					AND NOT starts_with(${champ}, ${prefixe} || '-')
				THEN ${champ} || ' n''est pas une compétence de ' || ${parties}
			END`;
		}
	}
}

export function exprDerivation(
	nom: NomDerivation,
	champs: readonly string[],
	index: Index
): string {
	const a = champs.map((c) => v(index, c));
	switch (nom) {
		case 'type_ecole': {
			// (ecole_maternelle, ecole_elementaire, code_nature): the flags first, the nature otherwise;
			// or (code_nature) alone.
			const [mat, elem, nature] = a.length === 1 ? ['NULL', 'NULL', a[0]] : a;
			return `CASE
				WHEN ${mat} = 1 AND ${elem} = 1 THEN 'primaire'
				WHEN ${mat} = 1 THEN 'maternelle'
				WHEN ${elem} = 1 THEN 'elementaire'
				WHEN ${nature} BETWEEN 100 AND 149 THEN 'maternelle'
				WHEN ${nature} BETWEEN 150 AND 199 THEN 'elementaire'
			END`;
		}
		case 'libelle_circonscription':
			return `NULLIF(trim(regexp_replace(
				${a[0]},
				'^circonscription d.inspection du 1er degr. (de la |de l.|du |des |de |d.)?',
				'',
				'i'
			)), '')`;
		case 'reseau_bassin_id':
			// (code_bassin_formation, libelle_bassin_formation)
			return `'BASSIN-' || COALESCE(
				${a[0]},
				upper(regexp_replace(strip_accents(${a[1]}), '[^A-Za-z0-9]+', '-', 'g'))
			)`;
		case 'territoire_region':
			return `CASE
				WHEN upper(${a[0]}) IN ('NATIONAL', 'FRANCE') THEN 'FRANCE'
				ELSE 'REGION_ACADEMIQUE'
			END`;
		case 'code_region':
			// (libelle, code): no code for France.
			return `CASE
				WHEN upper(${a[0]}) IN ('NATIONAL', 'FRANCE') THEN NULL
				ELSE ${a[1]}
			END`;
		case 'domaine_6e_ensemble':
			// (discipline) → 6E-FR-ENSEMBLE: the whole-discipline score of the 6e evaluation.
			return `'6E-' || ${a[0]} || '-ENSEMBLE'`;
	}
}

export function exprFiltre(f: Filtre, index: Index): string {
	const a = f.champs.map((c) => v(index, c));
	switch (f.nom) {
		case 'est_ecole':
			// (code_nature, type_etablissement)
			return `(${a[0]} BETWEEN 100 AND 199
				OR (${a[0]} IS NULL AND lower(strip_accents(${a[1]})) = 'ecole'))`;
		case 'est_college':
			return `(${a[0]} IN (340, 350, 352)
				OR (${a[0]} IS NULL AND lower(strip_accents(${a[1]})) = 'college'))`;
		case 'ecole_ou_college':
			return `(${exprFiltre({ nom: 'est_ecole', champs: f.champs }, index)}
				OR ${exprFiltre({ nom: 'est_college', champs: f.champs }, index)})`;
		case 'non_vide':
			return `(${a.map((x) => `${x} IS NOT NULL`).join(' AND ')})`;
		case 'egal':
			return `(${a[0]} IS NOT DISTINCT FROM ${lit(f.valeur ?? '')})`;
		case 'reseau_bassin':
			// (code_academie, libelle_bassin_formation): in the académie de Dijon (07), the bassin
			// de formation of a school is its réseau (« Réseau Dijon 3 »).
			return `(${a[1]} IS NOT NULL
				AND (lpad(${a[0]}, 2, '0') = '07' OR lower(strip_accents(${a[1]})) LIKE 'reseau%'))`;
	}
}

export function exprSource(s: SourceColonne, index: Index): string {
	if ('champ' in s) return v(index, s.champ);
	if ('constante' in s) {
		const c = s.constante;
		if (c === null) return 'NULL';
		if (typeof c === 'number') return String(c);
		if (typeof c === 'boolean') return c ? 'true' : 'false';
		return lit(c);
	}
	return exprDerivation(s.derivation, s.champs, index);
}

/** Each rule's reason column and its gravity: the fields', then the controls'. */
export function gravitesDe(plan: PlanImport): { m: string; g: Gravite }[] {
	return [
		...plan.champs.map((c, k) => ({ m: motifChamp(k), g: c.gravite ?? 'rejet' })),
		...plan.controles.map((ctl, j) => ({ m: motifControle(j), g: ctl.gravite ?? 'rejet' }))
	];
}

/** Whether a row is in the kind's scope (every row when the kind has none). */
export const exprPerimetre = (plan: PlanImport, index: Index) =>
	plan.perimetre ? `COALESCE(${exprFiltre(plan.perimetre, index)}, false)` : 'true';
