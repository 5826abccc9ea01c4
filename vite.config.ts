import { availableParallelism } from 'node:os';
import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { academie } from './scripts/vite/academie.ts';
import { documents } from './scripts/vite/documents.ts';

export default defineConfig({
	// documents(): docs/*.md rendered to HTML at build time, for the app's help pages.
	// academie(): the académie the app opens on, data/ or PILOTAGE_DONNEES (README).
	plugins: [documents(), academie(), sveltekit()],
	// duckdb-wasm ships its own workers and wasm: pre-bundling them breaks the ?url imports.
	optimizeDeps: { exclude: ['@duckdb/duckdb-wasm'] },
	server: { fs: { allow: ['data'] } },
	// The demo files are fetched, and the CSP allows fetching from our own origin only: never inline
	// them as data: URLs, however small.
	build: { assetsInlineLimit: (fichier: string) => (fichier.endsWith('.csv') ? false : undefined) },
	test: {
		// Every core (vitest keeps one free by default: on 2 cores, one file at a time). The import's
		// property test is split in slices so that they share the cores.
		maxWorkers: availableParallelism(),
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					testTimeout: 60_000,
					// Engines and the demo académie are built in beforeAll: slower with every core busy.
					hookTimeout: 120_000
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					testTimeout: 60_000,
					hookTimeout: 120_000,
					fileParallelism: false
				}
			}
		]
	}
});
