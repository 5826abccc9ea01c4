// Gives the text of every Svelte component its French no-break spaces, where
// src/lib/format/typographie.test.ts finds a slip: node scripts/typographier.mjs
// Only template text, static attribute values and string literals are touched (never code), the
// same places the test reads; then run prettier on the files it names.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'svelte/compiler';

const FINE = '\u202f';
const INSECABLE = '\u00a0';
const corriger = (texte) =>
	texte
		.replace(/[ \t\r\n\u00a0]+([;:!?])/g, `${FINE}$1`)
		.replace(/«[ \t\r\n\u00a0]+/g, `«${FINE}`)
		.replace(/[ \t\r\n\u00a0]+»/g, `${FINE}»`)
		.replace(/[ \t\r\n]+%/g, `${INSECABLE}%`)
		.replace(/\bne est\b/g, 'n’est');

const fichiers = (dossier) =>
	readdirSync(dossier, { withFileTypes: true }).flatMap((e) =>
		e.isDirectory()
			? fichiers(join(dossier, e.name))
			: e.name.endsWith('.svelte')
				? [join(dossier, e.name)]
				: []
	);

for (const fichier of fichiers('src')) {
	const source = readFileSync(fichier, 'utf8');
	const places = new Map();
	const visiter = (noeud, cle) => {
		if (!noeud || typeof noeud !== 'object' || cle === 'css') return;
		if (Array.isArray(noeud)) return noeud.forEach((n) => visiter(n));
		const texte =
			noeud.type === 'Text' ||
			noeud.type === 'TemplateElement' ||
			(noeud.type === 'Literal' && typeof noeud.value === 'string');
		if (texte) places.set(`${noeud.start}:${noeud.end}`, [noeud.start, noeud.end]);
		for (const [k, v] of Object.entries(noeud)) if (k !== 'parent') visiter(v, k);
	};
	visiter(parse(source, { modern: true }));
	let resultat = source;
	// From the end, so that earlier offsets stay right.
	for (const [debut, fin] of [...places.values()].sort((a, b) => b[0] - a[0])) {
		resultat =
			resultat.slice(0, debut) + corriger(resultat.slice(debut, fin)) + resultat.slice(fin);
	}
	if (resultat !== source) {
		writeFileSync(fichier, resultat);
		console.log(fichier);
	}
}
