// « Mon école », wording of the page's choices.
import type { ReferenceComparaison } from './types';

export const LIBELLES_REFERENCE: Record<ReferenceComparaison, string> = {
	academie: 'Académie',
	circonscription: 'Circonscription',
	departement: 'Département',
	france: 'France'
};
