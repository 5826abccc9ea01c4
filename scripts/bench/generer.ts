// The benchmark's input files, deterministic and never committed: the académie's school-level
// files over 5 years (the demo generator, run into the benchmark's folder) and pupil-level
// exports of 1, 5, 15 and 20 million rows over the schools of that académie.
import { spawnSync } from 'node:child_process';
import {
	closeSync,
	existsSync,
	openSync,
	readFileSync,
	readdirSync,
	renameSync,
	writeSync
} from 'node:fs';
import { join } from 'node:path';
import { COMPETENCES } from '../../src/lib/domain/competences.ts';

const ANNEES = ['2020-2021', '2021-2022', '2022-2023', '2023-2024', '2024-2025'];
const NIVEAUX = ['CP', 'CE1', 'CM1'] as const;
const ENTETE = 'annee_scolaire;uai;niveau;discipline;competence_id;classe;eleve_id;groupe\n';
/** Same version → the files already in the folder are reused (they take a minute to write). */
const VERSION = 'v1';

/** The académie's files, as the demo generator writes them; what the user would import. */
export function genererAcademie(dossier: string): string[] {
	const cible = join(dossier, `academie-${VERSION}`);
	if (!existsSync(join(cible, 'ecoles.csv'))) {
		const r = spawnSync('npx', ['tsx', 'scripts/generate-demo.ts', cible], {
			stdio: ['ignore', 'ignore', 'inherit']
		});
		if (r.status !== 0) throw new Error('La génération de l’académie a échoué.');
	}
	// The order a user would follow: who the schools are, then their results.
	const ordre = [
		'circonscriptions.csv',
		'colleges.csv',
		'ecoles.csv',
		'reseaux.csv',
		'ips-ecoles.csv',
		'effectifs-ecoles.csv',
		'evaluations-ecoles.csv',
		'evaluations-colleges.csv',
		'references.csv',
		'formations.csv',
		'projet-academique.csv',
		'projet-indicateurs.csv'
	];
	const presents = new Set(readdirSync(cible));
	return ordre.filter((f) => presents.has(f)).map((f) => join(cible, f));
}

/** Schools that have CP–CM1 pupils, in the académie's order. */
function ecolesElementaires(fichierEcoles: string): string[] {
	const [entete, ...lignes] = readFileSync(fichierEcoles, 'utf8').trim().split('\n');
	const cols = entete.split(';');
	const iUai = cols.indexOf('uai');
	const iType = cols.indexOf('type');
	return lignes
		.map((l) => l.split(';'))
		.filter((c) => c[iType] === 'elementaire' || c[iType] === 'primaire')
		.map((c) => c[iUai]);
}

/**
 * A pupil-level export of exactly `lignes` rows: year by year, school by school, 70 pupils per
 * niveau in three classes, every competence of the niveau, groups drawn by a fixed generator
 * (about 20 % à besoins, 25 % fragiles). Returns the file's path.
 */
export function genererEleves(dossier: string, fichierEcoles: string, lignes: number): string {
	const chemin = join(dossier, `eleves-${lignes / 1e6}M-${VERSION}.csv`);
	if (existsSync(chemin)) return chemin;
	const ecoles = ecolesElementaires(fichierEcoles);
	const comps = Object.fromEntries(
		NIVEAUX.map((n) => [n, COMPETENCES.filter((c) => c.niveau === n)])
	);
	let graine = 20261123;
	const hasard = () => {
		// mulberry32: fast, deterministic, good enough to spread groups.
		graine = (graine + 0x6d2b79f5) | 0;
		let t = Math.imul(graine ^ (graine >>> 15), 1 | graine);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const temporaire = `${chemin}.partiel`;
	const fd = openSync(temporaire, 'w');
	let tampon: string[] = [ENTETE];
	let taille = 0;
	let ecrites = 0;
	let eleve = 0;
	const vider = () => {
		writeSync(fd, tampon.join(''));
		tampon = [];
		taille = 0;
	};
	dehors: for (let tour = 0; ; tour++) {
		for (const annee of ANNEES) {
			for (const uai of ecoles) {
				for (const niveau of NIVEAUX) {
					for (let k = 0; k < 70; k++) {
						eleve++;
						const id = `EL-${tour}${eleve.toString(16).toUpperCase().padStart(8, '0')}`;
						const classe = `${niveau} ${'ABC'[k % 3]}`;
						for (const c of comps[niveau]) {
							const x = hasard();
							const groupe = x < 0.2 ? 'besoin' : x < 0.45 ? 'fragile' : 'satisfaisant';
							const ligne = `${annee};${uai};${niveau};${c.discipline};${c.id};${classe};${id};${groupe}\n`;
							tampon.push(ligne);
							taille += ligne.length;
							if (taille > 1 << 22) vider();
							if (++ecrites === lignes) break dehors;
						}
					}
				}
			}
		}
	}
	vider();
	closeSync(fd);
	renameSync(temporaire, chemin);
	return chemin;
}
