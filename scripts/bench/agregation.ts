// The bench's national step (issue #19 item 5), opt-in: BANC_AGREGER=100 (millions of pupil
// rows; 7 GB of CSV, about 5 minutes with its generation on 2 cores). `npm run agreger` against
// native DuckDB's raw read_csv of the same file, each in a process of its own, alternated.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { genererEleves } from './generer.ts';
import { journal, REPETITIONS } from './reglages.ts';
import { noter } from './series.ts';
import { mo, ms } from './statistiques.ts';

export const LIGNES_AGREGER = Number(process.env.BANC_AGREGER ?? 0) * 1e6;
/** DuckDB's memory limit for both runs: what bounds the tool's memory, whatever the input. */
export const MEMOIRE_AGREGER = process.env.BANC_AGREGER_MEMOIRE ?? '2GB';

function executer(mode: 'brut' | 'agreger', fichier: string): { ms: number; memoire: number } {
	const r = spawnSync(
		process.execPath,
		['--import', 'tsx', 'scripts/bench/agregation-enfant.ts', mode, fichier, MEMOIRE_AGREGER],
		{ encoding: 'utf8', maxBuffer: 1 << 24 }
	);
	if (r.status !== 0) throw new Error(`agregation ${mode} : ${r.stderr.slice(-2000)}`);
	return JSON.parse(r.stdout.trim().split('\n').at(-1)!);
}

export function mesurerAgregation(dossier: string, fichierEcoles: string): void {
	if (!LIGNES_AGREGER) return;
	const nom = `${LIGNES_AGREGER / 1e6} M`;
	journal(`agrégation native : génération de ${nom} lignes élèves…`);
	const fichier = genererEleves(dossier, fichierEcoles, LIGNES_AGREGER);
	journal(`  ${mo(statSync(fichier).size)}`);
	const tours = Math.max(1, Math.min(REPETITIONS, LIGNES_AGREGER > 20e6 ? 1 : 3));
	for (let i = 0; i < tours; i++) {
		const brut = executer('brut', fichier);
		noter(`agreger.${nom}.brut`, brut.ms);
		noter(`agreger.${nom}.brut.memoire`, brut.memoire);
		const a = executer('agreger', fichier);
		noter(`agreger.${nom}`, a.ms);
		noter(`agreger.${nom}.memoire`, a.memoire);
		journal(
			`  read_csv brut ${ms(brut.ms)} (${mo(brut.memoire)}), agreger ${ms(a.ms)} (${mo(a.memoire)})`
		);
	}
	noter(`agreger.${nom}.octets`, statSync(fichier).size);
}
