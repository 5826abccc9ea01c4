// Un fichier de confiance (l'académie de démonstration, écrite par Pilotage) : ses lignes typées
// par les règles de son genre (niveaux 0 à 2), sans motifs, doublons ni rangs.

import { identifiant as id } from '../echappement';
import { valeurChamp } from './champs';
import { champsAgreges } from './agregat';
import { lireCsv, ligneVide, valeursTypees } from './lecture';
import { tablesTemporaires, type Cible, type PlanImport } from './plan';
import { exprPerimetre, indexDe } from './regles';

/** The trusted file's rows typed by the kind's rules (`ok`: not empty and in scope). */
const typees = (plan: PlanImport) =>
	valeursTypees(
		lireCsv(plan, 'confiance'),
		'*',
		plan.champs.map((c, k) => ({ c, k })),
		true
	);

/**
 * A trusted file (the demo académie, generated with the app): its rows typed by the kind's rules
 * (levels 0 to 2 of `niveaux`), without reasons, duplicates or ranks; `ok` is « not empty and in
 * scope ». A relation for creerStaging's `typees`: each target stages its rows straight from
 * the file, in one materialisation, as the demo's own loader did before it used the kinds.
 */
export function lignesConfiance(plan: PlanImport): string {
	return `(SELECT ${plan.champs.map((_, k) => valeurChamp(k)).join(', ')},
		NOT ${ligneVide(plan)} AND ${exprPerimetre(plan, indexDe(plan))} AS ok
	FROM (${typees(plan)}))`;
}

/**
 * A trusted aggregated file (the demo's pupil file): its rows typed by the kind's rules and
 * counted per group of the grouped fields, in the shape of creerAgregat's table as far as
 * comparerAgregat reads it (`etat`, `v_k`, `n`).
 */
export function creerAgregatConfiance(plan: PlanImport, cible: Cible): string {
	const t = tablesTemporaires(plan.prefixe);
	const ks = champsAgreges(plan, cible);
	return `CREATE OR REPLACE TEMP TABLE ${id(t.agregat)} AS
	SELECT 'ok' AS etat, ${ks.map(valeurChamp).join(', ')}, count(*) AS n
	FROM (${typees(plan)})
	WHERE NOT ${ligneVide(plan)} AND ${exprPerimetre(plan, indexDe(plan))}
	GROUP BY ALL`;
}
