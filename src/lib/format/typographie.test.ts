import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';
import { FAUTE_TYPOGRAPHIQUE, guillemets, typographier } from './typographie';

describe('typographie française', () => {
	it('met une espace fine insécable avant ; : ! ? et dans les guillemets', () => {
		expect(typographier('Où sont les données ? Ici : « partout » ; voilà !')).toBe(
			'Où sont les données\u202f? Ici\u202f: «\u202fpartout\u202f»\u202f; voilà\u202f!'
		);
		expect(guillemets('conforme')).toBe('«\u202fconforme\u202f»');
	});
	it('met une espace insécable avant % et laisse les deux-points sans espace', () => {
		expect(typographier('47 % des élèves, à 12:30, sur https://exemple.fr')).toBe(
			'47\u00a0% des élèves, à 12:30, sur https://exemple.fr'
		);
	});
});

/** Every .svelte file under src/. */
function fichiersSvelte(dossier: string): string[] {
	return readdirSync(dossier, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? fichiersSvelte(join(dossier, e.name))
			: e.name.endsWith('.svelte')
				? [join(dossier, e.name)]
				: []
	);
}

/**
 * The French text of a component: its template's text and static attribute values, and the string
 * literals and template-literal parts of its expressions and script. Code itself (operators such
 * as `a ? b : c`, identifiers) is never a string, so it is never read; CSS is not walked.
 */
function textes(source: string): string[] {
	const trouves: string[] = [];
	const visiter = (noeud: unknown, cle?: string): void => {
		if (!noeud || typeof noeud !== 'object') return;
		if (Array.isArray(noeud)) return noeud.forEach((n) => visiter(n));
		const n = noeud as Record<string, unknown>;
		if (cle === 'css') return;
		if (n.type === 'Text' && typeof n.data === 'string') trouves.push(n.data);
		if (n.type === 'Literal' && typeof n.value === 'string') trouves.push(n.value);
		if (n.type === 'TemplateElement') trouves.push((n.value as { cooked: string }).cooked);
		for (const [k, v] of Object.entries(n)) if (k !== 'parent') visiter(v, k);
	};
	visiter(parse(source, { modern: true }));
	return trouves;
}

describe('textes des composants', () => {
	it('n’ont ni espace sécable avant ; : ! ? % ou dans « », ni « ne est »', () => {
		const racine = join(import.meta.dirname, '..', '..');
		const fautes: string[] = [];
		for (const fichier of fichiersSvelte(racine)) {
			for (const texte of textes(readFileSync(fichier, 'utf8'))) {
				const m = FAUTE_TYPOGRAPHIQUE.exec(texte);
				if (m) {
					const extrait = texte.slice(Math.max(0, m.index - 30), m.index + 10);
					fautes.push(`${relative(racine, fichier)} : …${extrait.replace(/\s+/g, ' ')}…`);
				}
			}
		}
		// node scripts/typographier.mjs corrects them (then prettier).
		expect(fautes, `${fautes.length} fautes`).toEqual([]);
	});
});
