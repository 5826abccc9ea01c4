// npm run agreger -- <fichiers élèves…> --sortie <dossier> [--memoire 4GB] [--fils N]
//
// When an académie's (or the nation's) pupil exports are too big for a browser tab, this turns
// them into the school-level evaluation file Pilotage imports (`evaluations-ecoles.csv`), on
// native DuckDB: the same importer, the same checks and the same SQL as the import page, reading
// each file where it lies in one streaming pass (pupil rows are counted per class, never kept;
// beyond `--memoire` DuckDB spills to a temporary folder, so memory does not grow with the input).
// Refused lines are written beside the result (`rejets-<fichier>.csv`, as the import page offers
// them), with their line numbers and reasons in French.
import { existsSync, mkdirSync, openAsBlob, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MEMOIRE_INSUFFISANTE } from '../src/lib/db/erreurs.ts';
import { initialiserSchema } from '../src/lib/db/schema.ts';
import {
	compterResultatsEcoles,
	copierEnCsv,
	resultatsEcolesDepuisClasses
} from '../src/lib/db/sql/agregation.ts';
import { importer } from '../src/lib/import/importer.ts';
import { csvRejets, type RapportImport } from '../src/lib/import/rapport.ts';
import { ouvrirMoteurNatif } from './agreger/moteur-natif.ts';

const AIDE = `Usage : npm run agreger -- <fichiers élèves…> --sortie <dossier> [--memoire 4GB] [--fils N]

Transforme des exports de résultats par élève (format « Résultats par élève » de Pilotage) en un
fichier de résultats par école (evaluations-ecoles.csv) à importer dans Pilotage, avec les mêmes
contrôles que la page d'import. Les lignes refusées sont écrites dans rejets-<fichier>.csv.`;

const mo = (octets: number) => `${fr.format(Math.round(octets / 2 ** 20))}\u00a0Mo`;
const fr = new Intl.NumberFormat('fr-FR');
const fr1 = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const duree = (ms: number) =>
	ms < 60_000
		? `${fr1.format(ms / 1000)}\u00a0s`
		: `${Math.floor(ms / 60_000)}\u00a0min ${Math.round((ms % 60_000) / 1000)}\u00a0s`;
const pluriel = (n: number, un: string, plusieurs: string) =>
	`${fr.format(n)}\u00a0${n > 1 ? plusieurs : un}`;

const ETAPES = {
	lecture: 'lecture',
	reencodage: 'réencodage en UTF-8',
	controle: 'contrôle des lignes',
	fusion: 'comptage par classe'
} as const;

/** One line of progress on stderr, redrawn in place when it is a terminal. */
function barre(nom: string, etape: string, pourcent: number, debut: number): string {
	const largeur = 24;
	const plein = pourcent >= 0 ? Math.round((pourcent / 100) * largeur) : 0;
	const jauge =
		pourcent >= 0
			? `[${'#'.repeat(plein)}${'-'.repeat(largeur - plein)}] ${pourcent.toFixed(0).padStart(3)} %`
			: '[ en cours… ]';
	return `${jauge} ${nom} — ${etape} — ${duree(performance.now() - debut)}`;
}

export interface ResultatAgregation {
	rapports: RapportImport[];
	sortie: string;
	lignesEcoles: number;
	dureeMs: number;
	/** Peak resident memory of the process (the native engine included), bytes. */
	memoireMax: number;
}

export async function agreger(
	fichiers: readonly string[],
	dossierSortie: string,
	options: { memoire?: string; fils?: number; silencieux?: boolean } = {}
): Promise<ResultatAgregation> {
	const debut = performance.now();
	mkdirSync(dossierSortie, { recursive: true });
	const limiteMemoire = options.memoire ?? '4GB';
	const moteur = await ouvrirMoteurNatif({
		limiteMemoire,
		fils: options.fils
	});
	const ecrire = (texte: string) => {
		if (!options.silencieux) process.stderr.write(texte);
	};
	const rapports: RapportImport[] = [];
	try {
		await initialiserSchema(moteur);
		for (const chemin of fichiers) {
			const nom = basename(chemin);
			const blob = await openAsBlob(chemin);
			moteur.lierChemin(blob, resolve(chemin));
			const debutFichier = performance.now();
			let etape: string = ETAPES.lecture;
			let fraction = -1;
			const tty = process.stderr.isTTY;
			const minuteur = setInterval(
				() => {
					const p = fraction >= 0 ? fraction * 100 : moteur.progression();
					const ligne = barre(nom, etape, p, debutFichier);
					ecrire(tty ? `\r${ligne.padEnd(100)}` : `${ligne}\n`);
				},
				tty ? 250 : 10_000
			);
			let r: RapportImport;
			try {
				r = await importer(
					moteur,
					{ nom, contenu: blob },
					{
						source: nom,
						progression: (p) => {
							etape = ETAPES[p.etape];
							fraction = p.etape === 'reencodage' ? (p.fraction ?? 0) : -1;
						}
					}
				);
			} finally {
				clearInterval(minuteur);
				if (tty) ecrire('\r'.padEnd(101) + '\r');
			}
			// The browser's advice (close tabs) means nothing here: the limit is the tool's own.
			if (r.message.includes(MEMOIRE_INSUFFISANTE))
				r = {
					...r,
					message: r.message.replace(
						MEMOIRE_INSUFFISANTE,
						`La mémoire permise à DuckDB (--memoire ${limiteMemoire}) ne suffit pas, même en débordant sur le disque : relancez avec une limite plus grande (par exemple --memoire 8GB).`
					)
				};
			rapports.push(r);
			if (r.genre !== 'eleves' && (r.statut === 'importe' || r.statut === 'verifie')) {
				ecrire(
					`${nom} : ce n’est pas un fichier de résultats par élève (${r.libelleGenre ?? 'genre inconnu'}) : il n’est pas compté.\n`
				);
				continue;
			}
			ecrire(`${nom} (${mo(statSync(chemin).size)}, ${duree(r.dureeMs)}) : ${r.message}\n`);
			if (r.rejets.length) {
				const fichierRejets = join(dossierSortie, `rejets-${nom.replace(/\.[^.]*$/, '')}.csv`);
				writeFileSync(fichierRejets, csvRejets(r));
				ecrire(
					`  lignes refusées : ${fichierRejets}${r.rejetsTronques ? ` (les ${fr.format(r.rejets.length)} premières)` : ''}\n`
				);
			}
		}
		const sortie = join(dossierSortie, 'evaluations-ecoles.csv');
		await moteur.executer(copierEnCsv(resultatsEcolesDepuisClasses(), resolve(sortie)));
		const [{ n }] = await moteur.lignes<{ n: number }>({
			sql: compterResultatsEcoles(),
			params: []
		});
		return {
			rapports,
			sortie,
			lignesEcoles: Number(n),
			dureeMs: performance.now() - debut,
			memoireMax: process.resourceUsage().maxRSS * 1024
		};
	} finally {
		moteur.fermer();
	}
}

async function principal() {
	const { values, positionals } = parseArgs({
		allowPositionals: true,
		options: {
			sortie: { type: 'string' },
			memoire: { type: 'string' },
			fils: { type: 'string' },
			aide: { type: 'boolean' }
		}
	});
	if (values.aide || positionals.length === 0 || !values.sortie) {
		console.error(AIDE);
		process.exit(values.aide ? 0 : 2);
	}
	const absents = positionals.filter((f) => !existsSync(f));
	if (absents.length) {
		console.error(`Fichier introuvable : ${absents.join(', ')}. Rien n’a été écrit.`);
		process.exit(2);
	}
	const r = await agreger(positionals, values.sortie, {
		memoire: values.memoire,
		fils: values.fils ? Number(values.fils) : undefined
	});
	const lues = r.rapports.reduce((s, x) => s + x.lues, 0);
	const refusees = r.rapports.reduce((s, x) => s + x.rejetees, 0);
	console.error(
		`\n${pluriel(lues, 'ligne élève lue', 'lignes élèves lues')}, ${pluriel(refusees, 'refusée', 'refusées')} ; ${pluriel(r.lignesEcoles, 'résultat d’école écrit', 'résultats d’école écrits')} dans ${r.sortie} en ${duree(r.dureeMs)} (mémoire au plus haut : ${mo(r.memoireMax)}).\nImportez ce fichier dans Pilotage (page « Importer des données »).`
	);
	const echecs = r.rapports.filter((x) => x.statut !== 'importe');
	if (echecs.length) {
		for (const x of echecs) console.error(`${x.fichier} : ${x.message}`);
		process.exit(1);
	}
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('agreger.ts')) {
	principal().catch((e) => {
		console.error(`L’agrégation a échoué : ${e instanceof Error ? e.message : e}`);
		process.exit(1);
	});
}
