// « reseau » page model (see src/lib/pages/index.ts for the roles of the modules).
export * from './analyse';
export * from './bilan';
export * from './lectures';
export * from './types';
export * from './vue';
