// The objectives of the projet académique on the académie's page (reads, analysis, view model).
export * from './analyse';
export * from './lectures';
export * from './vue';
export type * from './types';
