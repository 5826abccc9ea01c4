// The HTTP headers the built app must be served with, written beside it for the usual servers:
// build/_headers (Netlify, Cloudflare Pages, static-web-server…), build/entetes-nginx.conf (to
// `include` in nginx's location block) and build/.htaccess (Apache). The policy comes from the
// built index.html, so each build's start-up script hash is in it (csp.config.js).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AUTRES_ENTETES, politiqueEnTete } from '../csp.config.js';

const dossier = process.argv[2] ?? process.env.PILOTAGE_BUILD_DIR ?? 'build';
const entetes = {
	'Content-Security-Policy': politiqueEnTete(readFileSync(join(dossier, 'index.html'), 'utf8')),
	...AUTRES_ENTETES
};
const lignes = Object.entries(entetes);

writeFileSync(
	join(dossier, '_headers'),
	['/*', ...lignes.map(([nom, valeur]) => `  ${nom}: ${valeur}`), ''].join('\n')
);
writeFileSync(
	join(dossier, 'entetes-nginx.conf'),
	[
		'# Généré par scripts/entetes.mjs à chaque construction : à inclure dans le bloc location.',
		...lignes.map(([nom, valeur]) => `add_header ${nom} "${valeur}" always;`),
		''
	].join('\n')
);
writeFileSync(
	join(dossier, '.htaccess'),
	[
		'# Généré par scripts/entetes.mjs à chaque construction (Apache, AllowOverride FileInfo).',
		'<IfModule mod_headers.c>',
		...lignes.map(([nom, valeur]) => `  Header always set ${nom} "${valeur}"`),
		'</IfModule>',
		'AddType application/wasm .wasm',
		''
	].join('\n')
);
console.log('En-têtes HTTP écrits : _headers, entetes-nginx.conf, .htaccess.');
