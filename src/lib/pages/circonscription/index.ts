// « circonscription » page model (see src/lib/pages/index.ts for the roles of the modules).
export * from './analyse';
export * from './lectures';
export * from './textes';
export * from './types';
export * from './vue';
export * from './accompagnement';
export * from './bilan';
