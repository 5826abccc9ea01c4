// npm run bench — Pilotage at académie scale, each figure beside its reference measured in the
// same run and the same page (issue 8). Builds the app with the benchmark's hooks into
// build-banc/, serves it on 127.0.0.1, drives Debian's Chromium, prints one table and writes it
// with the raw figures to bench/results/ (JSON, to compare two runs: BANC_COMPARER=<json>).
//
// Settings (environment): BANC_REPETITIONS (5), BANC_ECHELLES (1,5,15,20 million pupil rows),
// BANC_DELAI_IMPORT (ms before an import without report counts as failed, 5 min),
// BANC_VUES (actions per view and session, 6), BANC_DOSSIER (generated files, /tmp/pilotage-banc),
// BANC_SANS_BUILD=1 (reuse build-banc/).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ARGUMENTS } from '../../tests/e2e/navigateur.ts';
import { genererAcademie, genererEleves } from './generer.ts';
import { memoireOnglets, suivreMemoire } from './memoire.ts';
import { servir, type Serveur } from './serveur.ts';
import { etendue, mo, ms, ratio, resumer, tableau, type Resume } from './statistiques.ts';

const REPETITIONS = Number(process.env.BANC_REPETITIONS ?? 5);
/**
 * Sessions at each pupil-file size: 5 up to 1 M, fewer above so that the whole bench stays under
 * 15 minutes on a 2-core machine (a 20 M session alone takes about 2.5 minutes). BANC_REPETITIONS
 * set by hand applies to every size.
 */
const sessionsPour = (lignes: number) =>
	process.env.BANC_REPETITIONS
		? REPETITIONS
		: lignes <= 1e6
			? 5
			: lignes <= 5e6
				? 3
				: lignes <= 15e6
					? 2
					: 1;
const ECHELLES = (process.env.BANC_ECHELLES ?? '1,5,15,20').split(',').map((x) => Number(x) * 1e6);
const VUES = Number(process.env.BANC_VUES ?? 6);
const DOSSIER = process.env.BANC_DOSSIER ?? join(tmpdir(), 'pilotage-banc');
/** An import with no report after this long counts as failed (20 M rows take ≈ 40 s here). */
const DELAI_IMPORT = Number(process.env.BANC_DELAI_IMPORT ?? 5 * 60_000);
const BUILD = 'build-banc';
/** Above this, papaparse is run once only (8–20 s at 5 M; 0 rows without error at 10 M in Chromium). */
const PAPAPARSE_MAX_REPETE = 1e6;
/** Views are timed up to this size (issue 8: « on 15 M pupil rows »). */
const VUES_JUSQUA = 15e6;

const debutBanc = performance.now();
const journal = (texte: string) =>
	process.stderr.write(`[${((performance.now() - debutBanc) / 1000).toFixed(0)} s] ${texte}\n`);

// --- Results ----------------------------------------------------------------------------------

interface Serie {
	valeurs: number[];
	notes: string[];
}
const series = new Map<string, Serie>();
function noter(cle: string, valeur: number, note?: string) {
	const s = series.get(cle) ?? { valeurs: [], notes: [] };
	s.valeurs.push(valeur);
	if (note && !s.notes.includes(note)) s.notes.push(note);
	series.set(cle, s);
}
const resume = (cle: string): Resume | null => resumer(series.get(cle)?.valeurs ?? []);
const notes = (cle: string) => series.get(cle)?.notes ?? [];

// --- Browser ----------------------------------------------------------------------------------

interface Session {
	page: Page;
	fermer(): Promise<void>;
}

async function session(navigateur: Browser): Promise<Session> {
	const contexte = await navigateur.newContext({
		locale: 'fr-FR',
		timezoneId: 'Europe/Paris',
		viewport: { width: 1280, height: 900 }
	});
	// tsx names the functions it compiles with a helper the page does not have.
	await contexte.addInitScript('window.__name = (f) => f;');
	const page = await contexte.newPage();
	page.on('pageerror', (e) => journal(`  erreur de la page : ${e.message}`));
	return {
		page,
		async fermer() {
			await contexte.close();
			// Lets the closed renderer go before the next memory reading.
			await new Promise((ok) => setTimeout(ok, 500));
		}
	};
}

async function attendrePret(page: Page) {
	await page.waitForSelector('body[data-etat="pret"], body[data-etat="erreur"]', {
		timeout: 180_000
	});
	if ((await page.getAttribute('body', 'data-etat')) !== 'pret')
		throw new Error('Le moteur n’a pas démarré.');
}

interface RapportLu {
	fichier: string;
	statut: string;
	chiffres: string[];
	message: string;
}

/** Imports through the page's file input, as a user does; waits for every file's report. */
async function importerParInterface(
	page: Page,
	chemins: string[]
): Promise<{ ms: number; rapports: RapportLu[] }> {
	await allerA(page, '#/import');
	await page.waitForSelector('#fichiers');
	const noms = chemins.map((c) => basename(c));
	const t0 = performance.now();
	await page.setInputFiles('#fichiers', chemins);
	await page
		.waitForFunction(
			(noms) => {
				const titres = [...document.querySelectorAll('h3.fr-alert__title')].map((h) =>
					h.textContent?.trim()
				);
				return noms.every((n) => titres.includes(n));
			},
			noms,
			{ timeout: DELAI_IMPORT, polling: 50 }
		)
		.catch(async (e) => {
			// Say where the page stands, so that a stalled import can be told from a slow one.
			const etat = await page
				.evaluate(() => ({
					moteur: document.body.dataset.etat,
					texte: document.querySelector('main')?.textContent?.replace(/\s+/g, ' ').slice(0, 400)
				}))
				.catch((x) => ({ moteur: 'page perdue', texte: String(x) }));
			journal(`  import sans rapport après ${DELAI_IMPORT / 1000} s : ${JSON.stringify(etat)}`);
			throw e;
		});
	const duree = performance.now() - t0;
	const rapports = await page.evaluate(() =>
		[...document.querySelectorAll('h3.fr-alert__title')].map((h) => {
			const section = h.closest('section')!;
			const alerte = h.closest('.fr-alert')!;
			return {
				fichier: h.textContent?.trim() ?? '',
				statut: [...alerte.classList].find((c) => c.startsWith('fr-alert--')) ?? '',
				message: alerte.querySelector('p')?.textContent?.trim() ?? '',
				chiffres: [...section.querySelectorAll('.pilotage-chiffres li')].map((li) =>
					(li.textContent ?? '').replace(/\s+/g, ' ').trim()
				)
			};
		})
	);
	return { ms: duree, rapports: rapports.filter((r) => noms.includes(r.fichier)) };
}

/** How many times the views' background preparation has finished (src/lib/state/preparation.ts). */
const vuesPreparees = (page: Page) =>
	page.evaluate(() => performance.getEntriesByName('pilotage:vues-preparees').length);

async function attendrePreparation(page: Page, avant: number) {
	await page
		.waitForFunction(
			(avant) => performance.getEntriesByName('pilotage:vues-preparees').length > avant,
			avant,
			{ timeout: 60_000, polling: 100 }
		)
		.catch(() => journal('  (préparation des vues non terminée après 60 s)'));
}

type Reference = 'lectureBrute' | 'papaparse';

const allerA = (page: Page, hash: string) =>
	page.evaluate(
		(hash) =>
			(
				window as unknown as Record<string, Record<string, (h: string) => Promise<void>>>
			).__pilotageBanc.aller(hash),
		hash
	);

/** DuckDB's raw read_csv, or papaparse, on the same file, in the same page (src/lib/banc). */
async function mesurerReference(
	page: Page,
	chemin: string,
	quoi: Reference
): Promise<{ ms: number; lignes: number; erreur?: string }> {
	await page.evaluate(() => {
		if (document.getElementById('banc-fichier')) return;
		const champ = document.createElement('input');
		champ.type = 'file';
		champ.id = 'banc-fichier';
		champ.hidden = true;
		document.body.append(champ);
	});
	await page.setInputFiles('#banc-fichier', chemin);
	return page.evaluate(async (quoi) => {
		const fichier = (document.getElementById('banc-fichier') as HTMLInputElement).files![0];
		const banc = (window as unknown as Record<string, Record<string, (f: File) => unknown>>)
			.__pilotageBanc;
		return banc[quoi](fichier) as Promise<{ ms: number; lignes: number; erreur?: string }>;
	}, quoi);
}

/**
 * Time from a user action to the updated view on screen, measured in the page: the action, then
 * until `selecteur` is in the document, then the next frame painted.
 */
async function chronometrer(
	page: Page,
	action: { hash?: string; select?: string; valeur?: string },
	selecteur: string | null
): Promise<number> {
	return page.evaluate(
		async ({ action, selecteur }) => {
			const image = () => new Promise((ok) => requestAnimationFrame(() => ok(null)));
			// Polls on frames, and on a timer should a frame not come.
			const attente = () => Promise.race([image(), new Promise((ok) => setTimeout(ok, 50))]);
			const t0 = performance.now();
			// Through the router, as a link does (src/lib/banc).
			if (action.hash)
				void (
					window as unknown as Record<string, Record<string, (h: string) => unknown>>
				).__pilotageBanc.aller(action.hash);
			if (action.select) {
				const s = document.querySelector<HTMLSelectElement>(action.select)!;
				s.value = action.valeur!;
				s.dispatchEvent(new Event('change', { bubbles: true }));
			}
			if (selecteur) {
				while (!document.querySelector(selecteur)) {
					if (performance.now() - t0 > 120_000) return NaN;
					await attente();
				}
			}
			await image();
			await image();
			return performance.now() - t0;
		},
		{ action, selecteur }
	);
}

// --- The académie's entities used by the views --------------------------------------------------

function colonne(fichier: string, nom: string, filtre?: (c: Record<string, string>) => boolean) {
	const [entete, ...lignes] = readFileSync(fichier, 'utf8').trim().split('\n');
	const cols = entete.split(';');
	return lignes
		.map((l) => Object.fromEntries(l.split(';').map((v, i) => [cols[i], v])))
		.filter((c) => !filtre || filtre(c))
		.map((c) => c[nom]);
}

/** Every k-th element, so the sample spreads over the académie. */
const sum = (x: number[]) => x.reduce((a, b) => a + b, 0);

const etaler = <T>(liste: T[], n: number) =>
	Array.from({ length: n }, (_, i) => liste[Math.floor((i * liste.length) / n)]);

// --- The steps --------------------------------------------------------------------------------

async function demarrage(navigateur: Browser, serveur: Serveur, gzipSeul: Serveur) {
	// Bytes again from a host that only sends gzip (Chromium asks for brotli here).
	for (let r = 0; r < 2; r++) {
		const s = await session(navigateur);
		gzipSeul.releve();
		await s.page.goto(gzipSeul.url);
		await attendrePret(s.page);
		await s.page.waitForLoadState('networkidle');
		noter('demarrage.octets_gzip', sum(Object.values(gzipSeul.releve())));
		await s.fermer();
	}
	for (let r = 0; r < REPETITIONS; r++) {
		const s = await session(navigateur);
		serveur.releve();
		const t0 = performance.now();
		await s.page.goto(serveur.url, { waitUntil: 'commit' });
		await s.page.waitForSelector('.pilotage-chiffres li', { state: 'visible', timeout: 120_000 });
		noter('demarrage.premier_chiffre', performance.now() - t0);
		await attendrePret(s.page);
		noter('demarrage.moteur_pret', performance.now() - t0);
		// What is still on its way (the rest of the demo) counts in the first load too.
		await s.page.waitForLoadState('networkidle');
		const octets = serveur.releve();
		noter('demarrage.octets', sum(Object.values(octets)));
		for (const [type, n] of Object.entries(octets)) noter(`demarrage.octets${type}`, n);
		await s.fermer();
		journal(`démarrage ${r + 1}/${REPETITIONS}`);
	}
}

interface Entites {
	ecoles: string[];
	circonscriptions: string[];
	reseaux: string[];
}

async function vues(page: Page, echelle: string, e: Entites) {
	for (let k = 0; k < VUES; k++) {
		const uai = e.ecoles[k % e.ecoles.length];
		const t = await chronometrer(
			page,
			{ hash: `#/ecole/${uai}` },
			`[data-vue-prete="ecole:${uai}"]`
		);
		noter(`vue.ecole.${echelle}`, t);
		journal(`  école ${uai} : ${ms(t)}`);
	}
	for (let k = 0; k < VUES; k++) {
		const code = e.circonscriptions[k % e.circonscriptions.length];
		noter(
			`vue.circonscription.${echelle}`,
			await chronometrer(
				page,
				{ hash: `#/circonscription/${code}` },
				`[data-vue-prete="circonscription:${code}"]`
			)
		);
	}
	// Changing niveau and competence on the last circonscription opened.
	for (const [select, cle] of [
		['#filtre-niveau', 'vue.niveau'],
		['#nuage-competence', 'vue.competence']
	]) {
		const valeurs = await page.$$eval(`${select} option`, (o) =>
			o.map((x) => (x as HTMLOptionElement).value)
		);
		for (let k = 0; k < VUES; k++) {
			const valeur = valeurs[(k + 1) % valeurs.length];
			noter(`${cle}.${echelle}`, await chronometrer(page, { select, valeur }, null));
		}
	}
	for (let k = 0; k < VUES; k++) {
		const id = e.reseaux[k % e.reseaux.length];
		noter(
			`vue.reseau.${echelle}`,
			await chronometrer(page, { hash: `#/reseau/${id}` }, `[data-vue-prete="reseau:${id}"]`)
		);
	}
}

const chiffre = (rapport: RapportLu | undefined, libelle: string) => {
	const c = rapport?.chiffres.find((x) => x.endsWith(libelle));
	return c ? Number(c.replace(/\D/g, '')) : NaN;
};

async function echelle(
	navigateur: Browser,
	serveur: Serveur,
	academie: string[],
	eleves: string,
	lignes: number,
	entites: Entites
) {
	const nom = `${lignes / 1e6} M`;
	// Chromium is launched by this process: its renderers are among our descendants.
	const pid = process.pid;
	const sessions = sessionsPour(lignes);
	for (let r = 0; r < sessions; r++) {
		const s = await session(navigateur);
		const { page } = s;
		try {
			await page.goto(serveur.url);
			await attendrePret(page);
			// The académie over 5 years, imported as a user would, then its raw reading.
			// The app prepares the views in the background once the data settle (≈ 2 s): a user
			// takes longer than that to pick the next file, and no timing must include it.
			await attendrePreparation(page, 0);
			const preparees = await vuesPreparees(page);
			const a = await importerParInterface(page, academie);
			noter('import.academie', a.ms);
			journal(`  académie importée : ${ms(a.ms)}`);
			const refusee = a.rapports.find((x) => !x.statut.endsWith('success'));
			if (refusee) noter('import.academie', NaN, `${refusee.fichier} : ${refusee.message}`);
			await attendrePreparation(page, preparees);
			let brut = 0;
			for (const f of academie) brut += (await mesurerReference(page, f, 'lectureBrute')).ms;
			noter('import.academie.brut', brut);
			journal(`  académie, read_csv brut : ${ms(brut)}`);

			const avant = memoireOnglets(pid);
			const suivi = suivreMemoire(pid);
			let importe = false;
			try {
				const p = await importerParInterface(page, [eleves]);
				const rapport = p.rapports[0];
				importe = rapport?.statut.endsWith('success') ?? false;
				const acceptees = chiffre(rapport, 'acceptées');
				if (importe && acceptees === lignes) noter(`import.eleves.${nom}`, p.ms);
				else
					noter(
						`import.eleves.${nom}`,
						NaN,
						`échec : ${rapport?.message ?? 'pas de rapport'} (${acceptees} acceptées)`
					);
			} catch (e) {
				noter(`import.eleves.${nom}`, NaN, `échec : ${String(e).split('\n')[0]}`);
			}
			noter(`memoire.import.${nom}`, suivi.arreter());
			journal(
				`  élèves importés : ${ms(resume(`import.eleves.${nom}`)?.max)} ${notes(`import.eleves.${nom}`).join(' ')}`
			);
			noter(`memoire.avant.${nom}`, avant);
			if (!importe) break;

			await attendrePreparation(page, preparees + 1);
			// The views first: papaparse leaves hundreds of megabytes of objects behind, whose
			// collection would land in the views' timings, a cost of the bench and not of the app.
			// The view's target is set at 15 M pupil rows; 20 M is about fitting in one tab.
			if (lignes <= VUES_JUSQUA) await vues(page, nom, entites);
			const brute = await mesurerReference(page, eleves, 'lectureBrute');
			noter(
				`import.eleves.${nom}.brut`,
				brute.lignes === lignes ? brute.ms : NaN,
				brute.erreur ?? (brute.lignes !== lignes ? `${brute.lignes} lignes lues` : undefined)
			);
			if (lignes <= PAPAPARSE_MAX_REPETE || r === 0) {
				const pp = await mesurerReference(page, eleves, 'papaparse');
				noter(
					`import.eleves.${nom}.papaparse`,
					pp.lignes === lignes ? pp.ms : NaN,
					pp.lignes !== lignes
						? `papaparse : ${pp.lignes} lignes au lieu de ${lignes}${pp.erreur ? ` (${pp.erreur})` : ''}`
						: undefined
				);
			}
			journal(`  références mesurées`);
		} finally {
			await s.fermer();
		}
		journal(`${nom} lignes élèves : session ${r + 1}/${sessions}`);
	}
}

// --- Printing ---------------------------------------------------------------------------------

function imprimer(precedent: Record<string, Resume | null> | null): string {
	const avant = (cle: string) => {
		const p = precedent?.[cle];
		const r = resume(cle);
		return p && r ? ` (avant ${ms(p.mediane)})` : '';
	};
	const sections: string[] = [];
	const cible = (ok: boolean | null) => (ok === null ? '—' : ok ? 'atteinte' : 'manquée');

	const lignesImport: string[][] = [];
	const ajouterImport = (libelle: string, cle: string, seuil: number) => {
		const p = resume(cle);
		const b = resume(`${cle}.brut`);
		const pp = resume(`${cle}.papaparse`);
		const r = p && b ? p.mediane / b.mediane : NaN;
		lignesImport.push([
			libelle,
			etendue(p) + avant(cle),
			etendue(b),
			ratio(r),
			pp ? etendue(pp) : notes(`${cle}.papaparse`).join(' ; ') || '—',
			pp && p ? ratio(p.mediane / pp.mediane) : '—',
			Number.isFinite(r) ? cible(r <= seuil) : cible(false),
			[...notes(cle), ...notes(`${cle}.brut`)].join(' ; ')
		]);
	};
	ajouterImport('Académie, 5 ans (12 fichiers)', 'import.academie', 1.3);
	for (const l of ECHELLES)
		ajouterImport(`Élèves, ${l / 1e6} M lignes`, `import.eleves.${l / 1e6} M`, 1.3);
	sections.push(
		'### Import (Pilotage complet : lecture, décodage, contrôles, enregistrement)\n\n' +
			tableau(
				[
					'Fichier',
					'Pilotage',
					'read_csv brut',
					'Ratio',
					'papaparse → objets',
					'Pilotage / papaparse',
					'Cible ≤ 1,3 ×',
					'Notes'
				],
				lignesImport
			)
	);

	const lignesVues: string[][] = [];
	const ACTIONS: [string, string][] = [
		['vue.ecole', 'Ouvrir une école'],
		['vue.niveau', 'Changer de niveau (carte des écoles)'],
		['vue.competence', 'Changer de compétence (nuage IPS)'],
		['vue.circonscription', 'Ouvrir une circonscription (écoles × compétences)'],
		['vue.reseau', 'Ouvrir les besoins partagés d’un réseau']
	];
	for (const [cle, libelle] of ACTIONS)
		for (const l of ECHELLES.filter((x) => x <= VUES_JUSQUA)) {
			const r = resume(`${cle}.${l / 1e6} M`);
			lignesVues.push([
				libelle,
				`académie 5 ans + ${l / 1e6} M élèves`,
				String(r?.n ?? 0),
				ms(r?.mediane),
				ms(r?.p95),
				ms(r?.max),
				r ? cible(r.p95 <= 100) : '—'
			]);
		}
	sections.push(
		'### Vues (de l’action de l’utilisateur à la vue à jour à l’écran)\n\n' +
			tableau(['Action', 'Données', 'n', 'p50', 'p95', 'max', 'Cible p95 ≤ 100 ms'], lignesVues)
	);

	const f = resume('demarrage.premier_chiffre');
	const m = resume('demarrage.moteur_pret');
	const o = resume('demarrage.octets');
	const g = resume('demarrage.octets_gzip');
	const types = [...series.keys()]
		.filter((k) => k.startsWith('demarrage.octets.'))
		.map((k) => `${k.slice('demarrage.octets'.length)} ${mo(resume(k)?.mediane)}`)
		.join(', ');
	sections.push(
		'### Démarrage à froid (profil neuf, application construite)\n\n' +
			tableau(
				['Mesure', 'Médiane (min–max)', 'Cible'],
				[
					[
						'Premier chiffre à l’écran',
						etendue(f) + avant('demarrage.premier_chiffre'),
						`≤ 1,5 s : ${f ? cible(f.mediane <= 1500) : '—'}`
					],
					['Moteur prêt et données chargées', etendue(m), '—'],
					[
						`Octets transférés (brotli, ce que Chromium demande ; ${types})`,
						etendue(o, mo),
						`≤ 10 Mo : ${o ? cible(o.mediane <= 10e6) : '—'}`
					],
					[
						'Octets transférés depuis un hôte qui ne sert que gzip',
						etendue(g, mo),
						`≤ 10 Mo : ${g ? cible(g.mediane <= 10e6) : '—'}`
					]
				]
			)
	);

	const lignesMemoire: string[][] = [];
	let plusGrand = 0;
	for (const l of ECHELLES) {
		const nom = `${l / 1e6} M`;
		const ok = resume(`import.eleves.${nom}`);
		if (ok) plusGrand = Math.max(plusGrand, l);
		lignesMemoire.push([
			`${nom} lignes élèves`,
			etendue(resume(`memoire.avant.${nom}`), mo),
			etendue(resume(`memoire.import.${nom}`), mo),
			ok
				? `importé (${ok.n}/${sessionsPour(l)})`
				: `échec : ${notes(`import.eleves.${nom}`)[0] ?? '—'}`
		]);
	}
	sections.push(
		'### Mémoire de l’onglet (processus de rendu, page et moteur)\n\n' +
			tableau(['Fichier', 'Avant l’import', 'Pic pendant l’import', 'Résultat'], lignesMemoire) +
			`\n\nPlus grand fichier élèves importé sans échec : ${plusGrand ? `${plusGrand / 1e6} M lignes` : 'aucun'} (cible : 20 M dans un onglet).`
	);
	return sections.join('\n\n');
}

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
		`${machine}. Démarrage : ${REPETITIONS} mesures ; sessions par taille de fichier élèves : ${ECHELLES.map((l) => `${l / 1e6} M : ${sessionsPour(l)}`).join(', ')} (chaque session : profil neuf, import de l’académie puis du fichier élèves, ${VUES} actions par vue jusqu’à 15 M). Durée totale : ${Math.round(duree)} s.`,
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
				reglages: { REPETITIONS, ECHELLES, VUES },
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
