// The projet académique (`#/projet` and « Au regard du projet académique » on every page).
export * from './analyse';
export * from './lectures';
export * from './types';
export * from './vue';
export * from './edition';
