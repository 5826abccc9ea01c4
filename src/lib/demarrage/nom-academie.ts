/**
 * How the header, the footer and the data's labels name the académie: the build's
 * (`PILOTAGE_ACADEMIE`), or Dijon for the demo (its first user, whose look it keeps). Pure: the
 * virtual module of the build is read by `./academie.ts`.
 */

/** « de Dijon », « d’Orléans-Tours » ; « » without a name. */
export function deNom(nom: string | null): string {
	if (!nom) return '';
	return /^[aeiouyhâéèêîôûAEIOUYHÂÉÈÊÎÔÛ]/.test(nom) ? `d’${nom}` : `de ${nom}`;
}

export interface NomsAcademie {
	/** The second line of the logo (« de Dijon »), empty when the build names no académie. */
	logo: string;
	/** « académie de Dijon », or « académie » alone. */
	academie: string;
}

export function nomsAcademie(nom: string | null, deployee: boolean): NomsAcademie {
	const de = deNom(nom || (deployee ? null : 'Dijon'));
	return { logo: de, academie: de ? `académie ${de}` : 'académie' };
}
