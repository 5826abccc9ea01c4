// The académie's fixed data: imposed schools and groups (Dijon Est, Chenôve), REP towns, names.

import type { Dep } from './geographie.ts';
import type { TypeEcole } from './entites.ts';

export type EcoleImposee = [type: TypeEcole, nom?: string];
export const M: EcoleImposee = ['maternelle'];
export const E: EcoleImposee = ['elementaire'];
export const P: EcoleImposee = ['primaire'];

export const NOM_ECOLE_VITRINE = 'École élémentaire Paul Bert';

export const ECOLES_IMPOSEES: Record<string, EcoleImposee[]> = {
	'21|Chevigny-Saint-Sauveur': [M, M, M, ['elementaire', NOM_ECOLE_VITRINE], E, E, E],
	'21|Quetigny': [M, M, M, E, E, E],
	'21|Saint-Apollinaire': [M, M, E, E, E],
	'21|Ahuy': [P],
	'21|Arc-sur-Tille': [M, E],
	'21|Varois-et-Chaignot': [P],
	'21|Couternon': [P],
	'21|Magny-sur-Tille': [P],
	'21|Neuilly-Crimolois': [
		['primaire', 'École primaire de Neuilly-lès-Dijon'],
		['primaire', 'École primaire de Crimolois']
	],
	'21|Bressey-sur-Tille': [P],
	'21|Remilly-sur-Tille': [P],
	'21|Sennecey-lès-Dijon': [M, E],
	'21|Orgeux': [P],
	'21|Cessey-sur-Tille': [P],
	'21|Fauverney': [P],
	'21|Izier': [P],
	'21|Chenôve': [M, M, M, M, E, E, E, E, E, P]
};

export const GROUPES_DIJON_EST: Record<string, string[]> = {
	Chevigny: ['Chevigny-Saint-Sauveur', 'Sennecey-lès-Dijon', 'Neuilly-Crimolois'],
	Quetigny: ['Quetigny', 'Couternon', 'Varois-et-Chaignot'],
	'Saint-Apollinaire': ['Saint-Apollinaire', 'Ahuy', 'Orgeux'],
	'Dijon Est périurbain': [
		'Arc-sur-Tille',
		'Magny-sur-Tille',
		'Bressey-sur-Tille',
		'Remilly-sur-Tille',
		'Cessey-sur-Tille',
		'Fauverney',
		'Izier'
	]
};

// Circonscription du REP+ : Chenôve et les communes voisines du sud de l'agglomération.
export const COMMUNES_CIRCO_CHENOVE = [
	'Chenôve',
	'Longvic',
	'Marsannay-la-Côte',
	'Perrigny-lès-Dijon',
	'Ouges',
	'Fénay',
	'Gevrey-Chambertin',
	'Couchey',
	'Brochon',
	'Fixin',
	'Noiron-sous-Gevrey',
	'Saulon-la-Chapelle',
	'Saulon-la-Rue',
	'Corcelles-lès-Cîteaux'
];

// Réseaux d'éducation prioritaire : [département, commune, nombre de REP dans la commune].
export const REP: [Dep, string, number][] = [
	['21', 'Dijon', 3],
	['21', 'Talant', 1],
	['21', 'Longvic', 1],
	['58', 'Nevers', 2],
	['58', 'Cosne-Cours-sur-Loire', 1],
	['58', 'Decize', 1],
	['71', 'Chalon-sur-Saône', 2],
	['71', 'Mâcon', 2],
	['71', 'Le Creusot', 1],
	['71', 'Montceau-les-Mines', 1],
	['71', 'Autun', 1],
	['89', 'Auxerre', 2],
	['89', 'Sens', 2],
	['89', 'Joigny', 1],
	['89', 'Tonnerre', 1]
];
export const NB_TER = 12;

export const PATRONYMES = [
	'Jean Jaurès',
	'Jules Ferry',
	'Victor Hugo',
	'Louis Pasteur',
	'Jean Moulin',
	'Paul Bert',
	'Marie Curie',
	'Jacques Prévert',
	'Jean de La Fontaine',
	'Anatole France',
	'Condorcet',
	'Champollion',
	'Alphonse Daudet',
	'Colette',
	'George Sand',
	'Albert Camus',
	'Charles Perrault',
	'Jules Verne',
	'Marcel Pagnol',
	'Antoine de Saint-Exupéry',
	'Louise Michel',
	'Simone Veil',
	'Pierre Larousse',
	'Gustave Eiffel',
	'Henri Vincenot',
	'Lamartine',
	'Romain Rolland',
	'Paul Langevin',
	'Jean Zay',
	'Frédéric Mistral',
	'Joséphine Baker',
	'Olympe de Gouges',
	'Lucie Aubrac',
	'Germaine Tillion',
	'Paul Éluard',
	'Robert Desnos',
	'Nicéphore Niépce',
	'Claude Bernard',
	'Elsa Triolet',
	'Pierre Perret',
	'Françoise Dolto',
	'Jean Macé',
	'Ferdinand Buisson',
	'Pauline Kergomard',
	'Louis Aragon',
	'Arthur Rimbaud'
];
export const LIEUX = [
	'Les Tilleuls',
	'Les Marronniers',
	'Les Acacias',
	'Les Peupliers',
	'Les Lilas',
	'Les Coquelicots',
	'Les Bleuets',
	'Les Tournesols',
	'Le Petit Bois',
	'Les Vignes',
	'Le Parc',
	'Les Grands Champs',
	'La Fontaine',
	'Le Château',
	'Les Érables',
	'Les Cerisiers',
	'Les Hirondelles',
	'Le Moulin',
	'La Colline',
	'Les Prés',
	'Le Clos',
	'Les Charmilles',
	'Les Rives',
	'Les Saules',
	'Le Verger',
	'Les Écureuils'
];
export const PATRONYMES_COLLEGES = [
	'Jean Rostand',
	'Gaston Bachelard',
	'Boris Vian',
	'Pierre Mendès France',
	'Camille Claudel',
	'Paul-Émile Victor',
	'Édouard Herriot',
	'Le Chapitre',
	'Les Lentillères',
	'Roland Dorgelès',
	'Jean-Philippe Rameau',
	'Lazare Carnot',
	'Vauban',
	'Buffon',
	'Jacques Prévert',
	'Albert Camus',
	'Marcel Aymé',
	'Bernard Palissy',
	'Claude Debussy',
	'Alexandre Dumas',
	'Gustave Courbet',
	'Jean Monnet',
	'Saint-Just',
	'Jules Renard'
];

export const K_ECOLES = 0.0033;
