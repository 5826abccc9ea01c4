import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';

/** The module the app reads its académie from (src/academie.d.ts). */
const ID = 'virtual:pilotage-academie';

/** Each folder's module, written once per process: the server and client builds share it. */
const modules = new Map<string, string>();

/**
 * The académie the app opens on with no import. By default the fictitious demo of data/; with
 * `PILOTAGE_DONNEES=<dossier>` (and `PILOTAGE_ACADEMIE=<nom>`), that folder's files: each is
 * imported at build time by the app's own importer (scripts/academie/preparer.ts, in Node) and
 * the build fails, in French, on a file not recognised or with a refused row. Either way every
 * file is an asset of the app's origin, fetched at start.
 */
export function academie(
	dossier = process.env.PILOTAGE_DONNEES || undefined,
	nom = process.env.PILOTAGE_ACADEMIE ?? ''
): Plugin {
	const cle = JSON.stringify([dossier, nom]);
	return {
		name: 'pilotage-academie',
		config: () => (dossier ? { server: { fs: { allow: ['data', resolve(dossier)] } } } : undefined),
		resolveId: (id) => (id === ID ? `\0${ID}` : undefined),
		load(id) {
			if (id !== `\0${ID}`) return undefined;
			let code = modules.get(cle);
			if (code === undefined) {
				code = dossier ? moduleDeploye(resolve(dossier), nom) : moduleDemo(resolve('data'));
				modules.set(cle, code);
			}
			return code;
		}
	};
}

const url = (i: number, chemin: string) => `import u${i} from ${JSON.stringify(`${chemin}?url`)};`;

function moduleDemo(dossier: string): string {
	const noms = readdirSync(dossier)
		.filter((f) => f.endsWith('.csv') && f !== 'demo-verite.csv')
		.sort();
	return [
		...noms.map((f, i) => url(i, `${dossier}/${f}`)),
		`export default ${JSON.stringify({
			nature: 'demo',
			nom: null,
			miseAJour: null,
			chiffres: null
		}).slice(
			0,
			-1
		)}, fichiers: [${noms.map((f, i) => `{ nom: ${JSON.stringify(f)}, url: u${i}, genre: null }`).join(', ')}] };`
	].join('\n');
}

function moduleDeploye(dossier: string, nom: string): string {
	const r = spawnSync(
		process.execPath,
		['--import', 'tsx', 'scripts/academie/preparer.ts', dossier, nom],
		{ encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }
	);
	if (r.status !== 0) throw new Error(`PILOTAGE_DONNEES=${dossier}\n${r.stderr || r.error}`);
	const m = JSON.parse(r.stdout) as { fichiers: { nom: string; genre: string }[] };
	const { fichiers, ...reste } = m;
	return [
		...fichiers.map((f, i) => url(i, `${dossier}/${f.nom}`)),
		`export default { nature: 'deployee', ...${JSON.stringify(reste)}, fichiers: [${fichiers
			.map(
				(f, i) => `{ nom: ${JSON.stringify(f.nom)}, url: u${i}, genre: ${JSON.stringify(f.genre)} }`
			)
			.join(', ')}] };`
	].join('\n');
}
