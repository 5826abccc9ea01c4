// The académie's page: its map (reads, view model); its results are read in `commun/`.
export * from './lectures';
export * from './vue';
export type * from './types';
