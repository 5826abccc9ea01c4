// npm run bench — Pilotage at académie scale, each figure beside its reference measured in the
// same run and the same page (issue 8). Builds the app with the benchmark's hooks into
// build-banc/, serves it on 127.0.0.1, drives Debian's Chromium, prints one table and writes it
// with the raw figures to bench/results/ (JSON, to compare two runs: BANC_COMPARER=<json>).
//
// Settings (environment): BANC_REPETITIONS (5), BANC_DEMARRAGES (cold starts, at least 9),
// BANC_ECHELLES (1,5,15,20 million pupil rows),
// BANC_DELAI_IMPORT (ms before an import without report counts as failed, 5 min),
// BANC_VUES (actions per view and session, 6), BANC_DOSSIER (generated files, /tmp/pilotage-banc),
// BANC_SANS_BUILD=1 (reuse build-banc/).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ARGUMENTS } from '../../tests/e2e/navigateur.ts';
import { genererAcademie, genererEleves } from './generer.ts';
import { servir } from './serveur.ts';
import { mo, type Resume } from './statistiques.ts';
import {
	BUILD,
	DEMARRAGES,
	debutBanc,
	DOSSIER,
	ECHELLES,
	journal,
	REPETITIONS,
	sessionsPour,
	VUES
} from './reglages.ts';
import { resume, series } from './series.ts';
import { colonne, demarrage, echelle, etaler, type Entites } from './mesures.ts';
import { imprimer } from './impression.ts';
import { mesurerAgregation } from './agregation.ts';

// --- Main -------------------------------------------------------------------------------------

async function principal() {
	if (!process.env.BANC_SANS_BUILD) {
		journal('construction de l’application (build-banc/)…');
		const b = spawnSync('npm', ['run', 'build'], {
			stdio: ['ignore', 'ignore', 'inherit'],
			env: { ...process.env, PILOTAGE_BUILD_DIR: BUILD, VITE_PILOTAGE_BANC: '1' }
		});
		if (b.status !== 0) throw new Error('La construction a échoué.');
	}
	mkdirSync(DOSSIER, { recursive: true });
	journal(`fichiers générés dans ${DOSSIER}…`);
	const academie = genererAcademie(DOSSIER);
	const fichierEcoles = academie.find((f) => f.endsWith('ecoles.csv') && !f.includes('eval'))!;
	const eleves = new Map<number, string>();
	for (const l of ECHELLES) {
		eleves.set(l, genererEleves(DOSSIER, fichierEcoles, l));
		journal(`  ${l / 1e6} M lignes élèves : ${mo(statSync(eleves.get(l)!).size)}`);
	}
	const dossierAcademie = join(fichierEcoles, '..');
	const entites: Entites = {
		// Schools with pupil rows at every scale (the generator starts with them), and others.
		ecoles: etaler(
			colonne(join(dossierAcademie, 'ecoles.csv'), 'uai', (c) =>
				['elementaire', 'primaire'].includes(c.type)
			),
			12
		),
		circonscriptions: etaler(
			colonne(join(dossierAcademie, 'circonscriptions.csv'), 'code_circonscription'),
			6
		),
		reseaux: etaler([...new Set(colonne(join(dossierAcademie, 'reseaux.csv'), 'reseau_id'))], 6)
	};

	// Native DuckDB first, alone on the machine (no browser running yet).
	mesurerAgregation(DOSSIER, fichierEcoles);

	const serveur = await servir(BUILD);
	const gzipSeul = await servir(BUILD, { brotli: false });
	// A local launch, not launchServer + connect: through a connection Playwright counts as
	// remote, setInputFiles first copies the chosen file over the protocol (seconds at 1 M rows,
	// minutes at 20 M), inside the timed import.
	const navigateur = await chromium.launch({
		executablePath: '/usr/bin/chromium',
		args: ARGUMENTS
	});
	try {
		journal('démarrage à froid…');
		await demarrage(navigateur, serveur, gzipSeul);
		for (const l of ECHELLES)
			await echelle(navigateur, serveur, academie, eleves.get(l)!, l, entites);
	} finally {
		await navigateur.close();
		await serveur.fermer();
		await gzipSeul.fermer();
	}

	const precedent = process.env.BANC_COMPARER
		? (JSON.parse(readFileSync(process.env.BANC_COMPARER, 'utf8')).resumes as Record<
				string,
				Resume | null
			>)
		: null;
	const duree = (performance.now() - debutBanc) / 1000;
	const version = spawnSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }).stdout.trim();
	const machine = `${cpus().length} cœurs, ${mo(totalmem())} de mémoire, Node ${process.version}, ${version}`;
	const texte = [
		`## Banc d’essai Pilotage — ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
		`${machine}. Démarrage : ${DEMARRAGES} mesures ; sessions par taille de fichier élèves : ${ECHELLES.map((l) => `${l / 1e6} M : ${sessionsPour(l)}`).join(', ')} (chaque session : profil neuf, import de l’académie puis du fichier élèves, ${VUES} actions par vue jusqu’à 15 M). Durée totale : ${Math.round(duree)} s.`,
		imprimer(precedent)
	].join('\n\n');
	console.log(texte);
	mkdirSync('bench/results', { recursive: true });
	const horodatage = new Date().toISOString().replace(/[:.]/g, '-');
	const json = join('bench/results', `banc-${horodatage}.json`);
	writeFileSync(
		json,
		JSON.stringify(
			{
				date: new Date().toISOString(),
				machine,
				reglages: { REPETITIONS, DEMARRAGES, ECHELLES, VUES },
				dureeS: duree,
				resumes: Object.fromEntries([...series.keys()].map((k) => [k, resume(k)])),
				series: Object.fromEntries(series)
			},
			null,
			1
		)
	);
	writeFileSync(join('bench/results', 'dernier.md'), `${texte}\n`);
	journal(`écrit : ${json} et bench/results/dernier.md`);
}

await principal().catch((e) => {
	console.error(JSON.stringify(String(e?.stack ?? e)));
	process.exit(1);
});
