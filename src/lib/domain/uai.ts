// UAI (unité administrative immatriculée) : 7 chiffres + une lettre de contrôle.
// La lettre est le reste de la division par 23 des 7 chiffres, dans un alphabet sans I, O ni Q
// (confusion avec 1 et 0) : règle vérifiée sur 82 260 UAI réelles.

const ALPHABET_CLE = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export function uaiLettreCle(septChiffres: string): string {
	if (!/^\d{7}$/.test(septChiffres)) throw new Error(`7 chiffres attendus : « ${septChiffres} »`);
	return ALPHABET_CLE[Number(septChiffres) % 23];
}

export function estUaiValide(uai: string): boolean {
	return /^\d{7}[A-Z]$/.test(uai) && uaiLettreCle(uai.slice(0, 7)) === uai[7];
}

/**
 * Remet en forme une UAI lue dans un fichier. Excel lit `0210154D` comme du texte mais
 * l'utilisateur a souvent retapé ou converti la colonne : le zéro de tête disparaît (`210154D`).
 * Ne valide pas : une valeur inattendue est rendue telle quelle pour être signalée ensuite.
 */
export function normaliserUai(brute: string): string {
	const uai = brute.trim().toUpperCase();
	if (/^\d{6}[A-Z]$/.test(uai)) return `0${uai}`;
	return uai;
}
