// Every file Pilotage lets the user download, in one room: `csv.ts` is the one writer (papaparse,
// `;`, BOM, CRLF, formulas escaped) and the one rule for masked figures (`RAISON_MASQUE`); each
// other module turns one page's view model into rows. Modules here may import view models and
// types (`$lib/pages`, `$lib/state/plan.svelte`, `$lib/components/types`), never the engine.
export { ecrireCsv, pourcentage, RAISON_MASQUE, TYPE_CSV, type ValeurCellule } from './csv';
export { COLONNES_EXPORT, csvCirconscription, lignesExport } from './circonscription';
export { csvEcole } from './ecole';
export { csvPlan } from './plan';
export { csvCollege } from './college';
export { csvBilan, csvBilanCirconscription } from './bilan';
export { csvAccompagnement } from './accompagnement';
export { csvProjet, nomFichierProjet } from './projet-ecole';
export { csvProjetAcademique, csvProjetIndicateurs } from './projet';
