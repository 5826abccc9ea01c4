// The sentence that says where an open package comes from (banner, import page).
import type { EntetePaquet } from '$lib/state/paquet-fichier';

const date = (iso: string) =>
	new Date(iso).toLocaleString('fr-FR', { dateStyle: 'long', timeStyle: 'short' });

export function phraseProvenancePaquet(entete: EntetePaquet): string {
	const imports = entete.imports.map((i) => i.nom).join(', ') || 'données non précisées';
	return [
		`Préparé par ${entete.auteur || 'un auteur non précisé'} le ${date(entete.cree_le)}`,
		`à partir de : ${imports}`,
		entete.fictives && !/fictives/.test(imports) ? '(données fictives)' : '',
		'— il n’est gardé que dans cet onglet ; vos propres données reviennent quand vous le quittez.'
	]
		.filter(Boolean)
		.join(' ');
}

/**
 * The pages an open package can show honestly: its school's own page, and the pages that compute
 * nothing (import, help, about the data, legal). Every other page would compute the académie's,
 * a circonscription's or a network's figures over this one school.
 */
const PAGES_SANS_CALCUL = new Set([
	'/import',
	'/aide',
	'/donnees',
	'/accessibilite',
	'/mentions-legales',
	'/donnees-personnelles'
]);

export function pageLisibleDansLePaquet(
	route: string,
	params: Partial<Record<string, string>>,
	entete: EntetePaquet
): boolean {
	if (PAGES_SANS_CALCUL.has(route)) return true;
	return route === '/ecole/[uai]' && params.uai === entete.audience.id;
}
