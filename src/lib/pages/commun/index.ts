// What the pages share, and the accueil, académie and données pages (see src/lib/pages/index.ts).
export * from './analyse';
export * from './lectures';
export * from './modeles';
export * from './separer';
export * from './images';
export * from './vue';
export type * from '../types';
