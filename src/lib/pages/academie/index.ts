// The académie's page: its map and its territories compared (reads, analysis, view model); its
// results are read in `commun/`.
export * from './analyse';
export * from './lectures';
export * from './vue';
export * from './indicateurs-carte';
export type * from './types';
