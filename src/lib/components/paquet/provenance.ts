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
