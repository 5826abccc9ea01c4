// « Mon collège » (`#/college/<uai>`): types, reads, statistics and views.
export * from './analyse';
export * from './lectures';
export * from './types';
export * from './vue';
