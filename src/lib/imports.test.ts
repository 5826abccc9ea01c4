import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// The rooms of src/lib kept apart (see src/lib/pages/index.ts). No import cycle, type-only and
// dynamic imports included: a cycle is where a module stops having one obvious room. madge finds them too (`npx -y madge --circular`), but it reads
// neither `$lib/…` without help nor the imports of .svelte files; this reads both, in a few ms.

const LIB = resolve('src/lib');
const SPECIFICATEUR =
	/(?:\b(?:import|export)\s[^'"`;]*?\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

function fichiers(dossier: string): string[] {
	return readdirSync(dossier).flatMap((nom) => {
		const chemin = join(dossier, nom);
		if (statSync(chemin).isDirectory()) return fichiers(chemin);
		return /\.(ts|svelte)$/.test(nom) && !/\.test\.ts$/.test(nom) ? [chemin] : [];
	});
}

function resoudre(depuis: string, specificateur: string): string | null {
	const base = specificateur.startsWith('$lib')
		? join(LIB, specificateur.slice('$lib'.length))
		: specificateur.startsWith('.')
			? resolve(dirname(depuis), specificateur)
			: null;
	if (base === null) return null;
	const candidats = [base, `${base}.ts`, `${base}.svelte`, join(base, 'index.ts')];
	return candidats.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

function graphe(racine = LIB): Map<string, string[]> {
	return new Map(
		fichiers(racine).map((f) => {
			const texte = readFileSync(f, 'utf8');
			const cibles = [...texte.matchAll(SPECIFICATEUR)]
				.map((m) => resoudre(f, m[1]))
				.filter((c): c is string => c !== null);
			return [f, [...new Set(cibles)]];
		})
	);
}

/** Every cycle found by a depth-first walk, each as the list of its modules. */
function cycles(arcs: ReadonlyMap<string, readonly string[]>): string[][] {
	const trouves: string[][] = [];
	const etat = new Map<string, 'en_cours' | 'fini'>();
	const pile: string[] = [];
	const visiter = (m: string) => {
		etat.set(m, 'en_cours');
		pile.push(m);
		for (const c of arcs.get(m) ?? []) {
			if (etat.get(c) === 'en_cours') trouves.push(pile.slice(pile.indexOf(c)));
			else if (!etat.has(c)) visiter(c);
		}
		pile.pop();
		etat.set(m, 'fini');
	};
	for (const m of arcs.keys()) if (!etat.has(m)) visiter(m);
	return trouves;
}

describe('imports de src/lib', () => {
	it('reconnaît un cycle, y compris par un import de type ou dynamique', () => {
		const arcs = new Map([
			['a', ['b']],
			['b', ['c']],
			['c', ['a']],
			['d', ['a']]
		]);
		expect(cycles(arcs)).toEqual([['a', 'b', 'c']]);
		const texte = `import type { X } from './x';\nexport { y } from "$lib/y";\nconst z = import('./z');\nimport {\n\ta,\n\tb\n} from '../w';`;
		expect([...texte.matchAll(SPECIFICATEUR)].map((m) => m[1])).toEqual([
			'./x',
			'$lib/y',
			'./z',
			'../w'
		]);
	});

	it('n’ont aucun cycle', () => {
		const arcs = graphe();
		// The reader must see the modules' imports, or the check says nothing.
		const pages = arcs.get(join(LIB, 'pages/circonscription/lectures.ts')) ?? [];
		expect(pages.map((c) => relative(LIB, c))).toContain('state/donnees.svelte.ts');
		const composant = arcs.get(join(LIB, 'components/reseau/TableauMembres.svelte')) ?? [];
		expect(composant.map((c) => relative(LIB, c))).toContain('pages/reseau/index.ts');
		expect(cycles(arcs).map((c) => c.map((m) => relative(LIB, m)).join(' → '))).toEqual([]);
	});

	it('laissent aux seuls modules de lecture des pages le moteur et son état', () => {
		// `db/lignes.ts` turns an Arrow result into rows, for both engines and for the pages that
		// slice a result already read: it neither holds nor calls an engine.
		const moteur = (c: string) =>
			(c.startsWith(join(LIB, 'db')) && c !== join(LIB, 'db/lignes.ts')) ||
			c === join(LIB, 'state/donnees.svelte.ts');
		const fautifs = [...graphe()]
			.filter(([f]) => f.startsWith(join(LIB, 'pages')) || f.startsWith(join(LIB, 'exports')))
			.filter(([f]) => !/\/(lectures|modeles)\.ts$/.test(f) && !f.endsWith('index.ts'))
			.filter(([, cibles]) => cibles.some(moteur))
			.map(([f]) => relative(LIB, f));
		expect(fautifs).toEqual([]);
	});

	it('font des types des pages des modules sans import à l’exécution', () => {
		const types = fichiers(join(LIB, 'pages')).filter((f) => f.endsWith('types.ts'));
		expect(types.length).toBeGreaterThan(3);
		for (const f of types) {
			const imports = readFileSync(f, 'utf8').match(/^(?:import|export) (?!type\b).*$/gm) ?? [];
			expect(
				imports.filter((l) => /\bfrom\b|^import/.test(l)),
				f
			).toEqual([]);
		}
	});
});
