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
 * The pages an open package can show honestly: its audience's page (the school's, the network's
 * or the circonscription's), its schools' pages, and the pages that compute nothing (import,
 * help, about the data, legal). Every other page would compute the académie's, a territory's or
 * a network's figures over the package's few schools.
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
	const { genre, id, ecoles } = entete.audience;
	if (route === '/ecole/[uai]') return params.uai !== undefined && ecoles.includes(params.uai);
	if (route === '/reseau/[code]') return genre === 'reseau' && params.code === id;
	if (route === '/circonscription/[code]') return genre === 'circonscription' && params.code === id;
	return false;
}

/** The audience's own page, where the package's reading starts. */
export function pageDeLAudience(entete: EntetePaquet): string {
	const { genre, id } = entete.audience;
	return `#/${genre}/${id}`;
}
