import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { DIRECTIVES_CSP } from './csp.config.js';

// Another folder than build/ lets the benchmark build beside the tested app (npm run bench).
const dossier = process.env.PILOTAGE_BUILD_DIR ?? 'build';
// …with its own generated files, so the two builds can run at the same time.
const dossierKit =
	dossier === 'build' ? '.svelte-kit' : `.svelte-kit/${dossier.replace(/[^\w-]+/g, '_')}`;

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: {
		runes: ({ filename }) => (filename.split(/[/\\]/).includes('node_modules') ? undefined : true)
	},
	kit: {
		// The app is a single page: every route is rendered in the browser, where DuckDB runs.
		outDir: dossierKit,
		// PILOTAGE_PRECOMPRESSER=0: no .br/.gz copies (minutes of brotli on the engine), for a test build.
		adapter: adapter({
			pages: dossier,
			assets: dossier,
			precompress: process.env.PILOTAGE_PRECOMPRESSER !== '0'
		}),
		// Hash routes (#/ecole/…) work on any static server, with no rewrite rule.
		router: { type: 'hash' },
		// Also sent as an HTTP header (csp.config.js, scripts/entetes.mjs): the worker needs it.
		csp: { mode: 'hash', directives: DIRECTIVES_CSP }
	}
};

export default config;
