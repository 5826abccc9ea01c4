// The measuring sessions: cold start, then at each pupil-file size imports, views, references.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import {
	detailMemoire,
	memoireAuRepos,
	memoireOnglet,
	memoireOnglets,
	suivreMemoire,
	type Detail
} from './memoire.ts';
import type { Serveur } from './serveur.ts';
import { ms } from './statistiques.ts';
import {
	journal,
	PAPAPARSE_MAX_REPETE,
	DEMARRAGES,
	ECHELLES,
	sessionsPour,
	VUES,
	VUES_JUSQUA
} from './reglages.ts';
import { noter, notes, resume } from './series.ts';
import {
	attendrePreparation,
	attendrePret,
	attendreTablesGardees,
	chronometrer,
	importerParInterface,
	mesurerReference,
	oublierTablesGardees,
	recharger,
	session,
	vuesPreparees,
	type RapportLu
} from './session.ts';

// --- The académie's entities used by the views --------------------------------------------------

export function colonne(
	fichier: string,
	nom: string,
	filtre?: (c: Record<string, string>) => boolean
) {
	const [entete, ...lignes] = readFileSync(fichier, 'utf8').trim().split('\n');
	const cols = entete.split(';');
	return lignes
		.map((l) => Object.fromEntries(l.split(';').map((v, i) => [cols[i], v])))
		.filter((c) => !filtre || filtre(c))
		.map((c) => c[nom]);
}

/** Every k-th element, so the sample spreads over the académie. */
const sum = (x: number[]) => x.reduce((a, b) => a + b, 0);

export const etaler = <T>(liste: T[], n: number) =>
	Array.from({ length: n }, (_, i) => liste[Math.floor((i * liste.length) / n)]);

// --- The steps --------------------------------------------------------------------------------

export async function demarrage(navigateur: Browser, serveur: Serveur, gzipSeul: Serveur) {
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
	for (let r = 0; r < DEMARRAGES; r++) {
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
		journal(`démarrage ${r + 1}/${DEMARRAGES}`);
	}
}

export interface Entites {
	ecoles: string[];
	circonscriptions: string[];
	reseaux: string[];
}

export async function vues(page: Page, echelle: string, e: Entites) {
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

/** The breakdown of `detailMemoire`, one series per part (`memoire.<part>.<moment>.<size>`). */
function noterDetail(moment: string, d: Detail | null) {
	if (!d) return;
	for (const [cle, v] of Object.entries(d))
		if (typeof v === 'number') noter(`memoire.${cle}.${moment}`, v);
	noter(`memoire.duckdbLimite.${moment}`, NaN, d.duckdbLimite);
}

const chiffre = (rapport: RapportLu | undefined, libelle: string) => {
	const c = rapport?.chiffres.find((x) => x.endsWith(libelle));
	return c ? Number(c.replace(/\D/g, '')) : NaN;
};

export async function echelle(
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
		const s = await session(navigateur, { surDisque: true });
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

			noterDetail(`avant.${nom}`, await detailMemoire(page).catch(() => null));
			const avant = memoireOnglets(pid);
			const avantOnglet = memoireOnglet(pid);
			const avantPrive = memoireOnglet(pid, 'prive');
			// Once, the tab with the académie left alone as a user leaves it while picking the next
			// file. That session's pupil import starts from a settled tab: its peak is left out.
			const repos =
				r === 0 && lignes === ECHELLES[0] && sessions > 1 ? await memoireAuRepos(pid) : null;
			if (repos) {
				noter('memoire.onglet.repos', repos.rss);
				noter('memoire.onglet.prive.repos', repos.prive);
				journal(`  onglet au repos après ${ms(repos.ms)} : ${Math.round(repos.rss / 1e6)} Mo`);
			}
			// The académie's raw reading after the tab's readings before the pupil file: its tables
			// grow DuckDB's wasm memory (+36 MB, never given back), which those must not count; and
			// before the pupil file, in the state the académie was imported in (timed after it, with
			// 20 M pupil rows in, it took 675 ms instead of ≈ 440).
			let brut = 0;
			for (const f of academie) brut += (await mesurerReference(page, f, 'lectureBrute')).ms;
			noter('import.academie.brut', brut);
			journal(`  académie, read_csv brut : ${ms(brut)}`);
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
			const pic = suivi.arreter();
			if (!repos) {
				noter(`memoire.import.${nom}`, pic.total);
				noter(`memoire.onglet.import.${nom}`, pic.onglet);
				noter(`memoire.onglet.prive.import.${nom}`, pic.ongletPrive);
			}
			// What holds the memory once the file is in: the wasm heap never shrinks, so its size
			// now is its peak during the import.
			noterDetail(`import.${nom}`, await detailMemoire(page).catch(() => null));
			journal(
				`  élèves importés : ${ms(resume(`import.eleves.${nom}`)?.max)} ${notes(`import.eleves.${nom}`).join(' ')}`
			);
			noter(`memoire.avant.${nom}`, avant);
			noter(`memoire.onglet.avant.${nom}`, avantOnglet);
			noter(`memoire.onglet.prive.avant.${nom}`, avantPrive);
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
			// What the app keeps alive with the académie and the pupil file in: the page's heap after
			// a full collection, once the views and references are timed (only the two reloads
			// follow, and each starts a new document).
			noterDetail(`vivant.${nom}`, await detailMemoire(page, true).catch(() => null));
			noter(`memoire.onglet.vivant.${nom}`, memoireOnglet(pid));
			// The journal's replay is the reference of the restart, not its target: once per size
			// (28 s a session at 15 M; timed in every session, it made the bench pass 15 minutes).
			await redemarrages(page, nom, r === 0);
		} finally {
			await s.fermer();
		}
		journal(`${nom} lignes élèves : session ${r + 1}/${sessions}`);
	}
}

/**
 * Issue #19: a reload with the académie and the pupil file imported, once from the tables the
 * browser kept, then (`rejouer`) from the journal replayed (the copy dropped), in the same page.
 */
async function redemarrages(page: Page, nom: string, rejouer: boolean) {
	const copie = await attendreTablesGardees(page);
	if (!copie) {
		noter(`redemarrage.garde.${nom}`, NaN, 'copie des tables non écrite après 3 min');
		return;
	}
	noter(`garde.octets.${nom}`, copie.octets);
	noter(`garde.ecriture.${nom}`, copie.ecritureMs);
	const garde = await recharger(page);
	noter(
		`redemarrage.garde.${nom}`,
		garde.garde ? garde.ms : NaN,
		garde.garde ? undefined : 'tables gardées non reprises : le journal a été rejoué'
	);
	noter(`redemarrage.moteur.${nom}`, garde.moteurMs);
	journal(
		`  redémarrage, tables gardées : ${ms(garde.ms)} (moteur ouvert à ${ms(garde.moteurMs)})`
	);
	if (!rejouer) return;
	await oublierTablesGardees(page);
	const rejeu = await recharger(page);
	noter(
		`redemarrage.journal.${nom}`,
		rejeu.garde ? NaN : rejeu.ms,
		rejeu.garde ? 'tables gardées reprises malgré leur effacement' : undefined
	);
	journal(`  redémarrage, journal rejoué : ${ms(rejeu.ms)}`);
}
