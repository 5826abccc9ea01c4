// What each page shows, one folder per page (`ecole/`, `circonscription/`, `reseau/`, `academie/`; `commun/`
// for what they share and for the accueil, académie and données pages), each split by role:
// - `types.ts`: the rows read and the results computed; types only, no runtime import;
// - `lectures.ts`: engine queries and their caches (`$lib/state/memo`), the only modules here that
//   import `$lib/db` or `donnees`;
// - `analyse.ts`: statistics over rows (through `$lib/indicators`), pure, tested without the engine;
// - `vue.ts` (and `textes.ts`): view models and sentences, pure, no `donnees`.
// Imports go one way: types ← analyse ← vue, and lectures → analyse; `$lib/exports` turns view
// models into files; `$lib/state/preparation` calls the readers ahead of the views.
export type * from './types';
