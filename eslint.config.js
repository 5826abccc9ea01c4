import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		}
	},
	{
		rules: {
			// Anything that came from a file must never reach the DOM as HTML.
			'svelte/no-at-html-tags': 'error',
			// Links are hash routes (#/ecole/…): kit's resolve() does not produce them (sveltejs/kit#14785).
			'svelte/no-navigation-without-resolve': 'off',
			// Maps built and consumed inside one $derived are not state: SvelteMap would only cost.
			'svelte/prefer-svelte-reactivity': 'off',
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
		}
	},
	{
		// French typography: the templates' text holds narrow no-break spaces (U+202F) before ; : ? !
		// and no-break spaces (U+00A0) before %, on purpose (src/lib/format/typographie.test.ts).
		files: ['**/*.svelte'],
		rules: { 'no-irregular-whitespace': 'off' }
	},
	{ ignores: ['build/', 'build-*/', '.svelte-kit/', 'node_modules/', 'data/', 'static/'] }
);
