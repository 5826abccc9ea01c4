// Les vrais fichiers de l'open data, importés par l'interface comme le ferait un utilisateur :
// tels que téléchargés, puis tels qu'Excel les réenregistre, puis un gros fichier pour la barre de
// progression. Une seule page pour tout le fichier (le moteur ne démarre qu'une fois).

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import iconv from 'iconv-lite';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { genreParId } from '$lib/import/genres';
import { REELS, REFDATA, type AttenduReel } from '../reels';
import {
	attendrePret,
	chiffresImport,
	lancerChromium,
	nouvellePage,
	rapportImport,
	violationsAccessibilite,
	type Journal
} from './navigateur';

const url = inject('urlApplication');
const dossier = mkdtempSync(join(tmpdir(), 'pilotage-import-reel-'));
let navigateur: Browser;
let page: Page;
let journal: Journal;

beforeAll(async () => {
	navigateur = await lancerChromium();
	({ page, journal } = await nouvellePage(navigateur));
	page.on('dialog', (d) => d.accept());
	await page.goto(`${url}#/import`);
	await attendrePret(page);
	// Every text the progress status ever shows, however briefly, with when it changed, and every
	// state of the progress blocks: the imports are too fast to be caught by polling.
	await page.evaluate(() => {
		const w = window as unknown as Sonde;
		w.annonces = [];
		w.blocs = [];
		new MutationObserver(() => {
			for (const s of document.querySelectorAll('.pilotage-progression [role="status"]')) {
				const texte = s.textContent ?? '';
				if (texte && w.annonces.at(-1)?.texte !== texte)
					w.annonces.push({ t: performance.now(), texte });
			}
			for (const b of document.querySelectorAll('.pilotage-progression')) {
				const bloc = {
					texte: b.textContent ?? '',
					etape: b.querySelector('.pilotage-progression__etape')?.textContent ?? '',
					barre: b.querySelectorAll('progress').length,
					valeur: b.querySelector('progress')?.getAttribute('value') ?? null
				};
				const dernier = w.blocs.at(-1);
				if (dernier?.texte !== bloc.texte || dernier.valeur !== bloc.valeur) w.blocs.push(bloc);
			}
		}).observe(document.body, {
			subtree: true,
			childList: true,
			characterData: true,
			attributes: true
		});
	});
});

afterAll(async () => {
	await navigateur?.close();
	rmSync(dossier, { recursive: true, force: true });
});

interface Sonde {
	annonces: { t: number; texte: string }[];
	blocs: { texte: string; etape: string; barre: number; valeur: string | null }[];
}

/** What the probe saw since the last call (and forget it). */
async function vu(): Promise<Sonde> {
	return page.evaluate(() => {
		const w = window as unknown as Sonde;
		return { annonces: w.annonces.splice(0), blocs: w.blocs.splice(0) };
	});
}

/** The figures shown for a file, in the shape of the expectations. */
async function compter(nom: string) {
	const c = await chiffresImport(page, nom);
	// A file only checked says « valides » and « en erreur »; figures at 0 beyond the first three
	// are not shown.
	return {
		lues: c['lignes lues'],
		acceptees: c['acceptées'] ?? c['valides'],
		rejetees: c['refusées'] ?? c['en erreur'],
		ignorees: c['ignorées'] ?? 0
	};
}

const attendus = (a: AttenduReel) => ({
	lues: a.lues,
	acceptees: a.acceptees,
	rejetees: a.rejetees ?? 0,
	ignorees: a.ignorees ?? 0
});

const reel = (fin: string) => REELS.find((a) => a.fichier.endsWith(fin))!;

describe('les douze fichiers réels de l’open data, par l’interface', () => {
	it('reconnaît chacun et en compte les lignes lues, acceptées, refusées', async () => {
		// The first one loads rows, so the demo académie goes once and for all (a file that is only
		// checked would put it back, then the next one would clear it again).
		expect(REELS[0].statut).toBe('importe');
		await page.setInputFiles(
			'#fichiers',
			REELS.map((a) => join(REFDATA, a.fichier))
		);
		for (const a of REELS) {
			const nom = basename(a.fichier);
			expect(await compter(nom), nom).toEqual(attendus(a));
			const rapport = rapportImport(page, nom);
			expect(await rapport.locator('.pilotage-source').first().innerText(), nom).toContain(
				`Type reconnu\u202f: ${genreParId(a.genre).libelle}`
			);
			if (a.statut === 'verifie')
				expect(await rapport.locator('.fr-alert').innerText(), nom).toMatch(/rien n’a été importé/);
		}
		// Files chosen together wait for their turn, and say so, without a moving bar.
		const { annonces: vues, blocs } = await vu();
		expect(vues.some((a) => /En attente/.test(a.texte))).toBe(true);
		const enAttente = blocs.filter((b) => b.etape.startsWith('En attente'));
		expect(enAttente.length).toBeGreaterThan(0);
		expect(enAttente.every((b) => b.barre === 0)).toBe(true);
		expect(await page.locator('.pilotage-demo').count()).toBe(0);
		const historique = page.locator('table.pilotage-historique tbody tr');
		expect(await historique.count()).toBe(REELS.filter((a) => a.statut === 'importe').length);
		expect(await violationsAccessibilite(page)).toEqual([]);
	}, 180_000);
});

// --- Réenregistrés sous Excel (fr-FR, « CSV (séparateur : point-virgule) ») --------------------

/**
 * What Excel makes of an open-data file opened and saved again as CSV on a French Windows:
 * Windows-1252, no BOM, CRLF; numbers with a decimal comma, at most 15 significant digits and no
 * useless « ,0 »; leading zeros lost (département 021 → 21, even UAI 0210154D → 210154D when the
 * column was retyped); long numbers in scientific notation (SIRET); dates as 01/05/1965; and the
 * user moved the columns around (here, reversed).
 */
function commeExcel(texte: string): Buffer {
	const lignes = texte
		.replace(/^\ufeff/, '')
		.replace(/\r?\n$/, '')
		.split(/\r?\n/)
		.map((l) => l.split(';'));
	const cellule = (v: string): string => {
		let m: RegExpMatchArray | null;
		if ((m = v.match(/^(\d{4})-(\d{2})-(\d{2})$/))) return `${m[3]}/${m[2]}/${m[1]}`;
		if (/^0\d{6}[A-Z]$/.test(v)) return v.replace(/^0+/, '');
		if (/^\d{12,}$/.test(v))
			return `${String(Number(`${v[0]}.${v.slice(1)}`.slice(0, 6))).replace('.', ',')}E+${v.length - 1}`;
		if (/^\d+$/.test(v)) return String(Number(v));
		if (/^-?\d+\.\d+$/.test(v)) return String(Number(Number(v).toPrecision(15))).replace('.', ',');
		return v;
	};
	const excel = lignes.map((l, i) => (i === 0 ? l : l.map(cellule)).reverse());
	return iconv.encode(excel.map((l) => l.join(';')).join('\r\n') + '\r\n', 'win1252');
}

const VARIANTES = [
	'fr-en-ips-ecoles-ap2022__v2023__dijon.csv',
	'fr-en-ips_ecoles__2021-2022__dijon.csv',
	'fr-en-annuaire-education__2026__val-de-marne-ecoles.csv',
	'fr-en-annuaire-education__2023__ille-et-vilaine.csv',
	'fr-en-ecoles-effectifs-nb_classes__2022__ille-et-vilaine.csv'
];

describe('les mêmes, réenregistrés sous Excel', () => {
	it('donnent les mêmes lignes acceptées', async () => {
		const chemins = VARIANTES.map((fin) => {
			const chemin = join(dossier, `excel-${fin}`);
			writeFileSync(chemin, commeExcel(readFileSync(join(REFDATA, reel(fin).fichier), 'utf8')));
			return chemin;
		});
		// The transformation did happen (a test that compares a file with itself proves nothing).
		const ips = iconv.decode(readFileSync(chemins[0]), 'win1252');
		expect(ips.split('\r\n')[1]).toMatch(/^114,5;104;public;DIJON;21231;.*;210154D;COTE D'OR;21;/);
		const annuaire = iconv.decode(readFileSync(chemins[2]), 'win1252');
		expect(annuaire).toContain(';01/05/1965;');
		expect(annuaire).toContain(';2,194E+13;');
		expect(readFileSync(chemins[2]).includes(Buffer.from('é', 'latin1'))).toBe(true);

		await page.setInputFiles('#fichiers', chemins);
		for (const fin of VARIANTES) {
			const nom = `excel-${fin}`;
			expect(await compter(nom), nom).toEqual(attendus(reel(fin)));
			expect(
				await rapportImport(page, nom).locator('.pilotage-source').first().innerText(),
				nom
			).toContain('encodage Windows-1252');
		}
	}, 120_000);
});

// --- Un gros fichier : la progression se voit, puis le compte rendu ---------------------------

const COMPETENCES_CE1_MA = [
	'LIRE-NOMBRES',
	'ECRIRE-NOMBRES',
	'LIGNE-GRADUEE',
	'ADDITIONNER',
	'SOUSTRAIRE',
	'CALCUL-MENTAL',
	'PROBLEMES',
	'ASSEMBLAGE'
];

/**
 * A pupil file (format « eleves ») of `n` rows, 8 CE1 maths competences per pupil, saved by Excel
 * (Windows-1252: the teachers' names have accents), so that the import converts it first.
 */
function fichierEleves(chemin: string, n: number) {
	const groupes = ['besoin', 'fragile', 'satisfaisant'];
	const lignes = ['annee_scolaire;uai;niveau;discipline;competence_id;classe;eleve_id;groupe'];
	for (let i = 0; i < n; i++) {
		const e = Math.floor(i / 8);
		lignes.push(
			`2024-2025;0219099B;CE1;MA;CE1-MA-${COMPETENCES_CE1_MA[i % 8]};CE1 Mme Bérénice ${Math.floor(e / 25)};EL-${String(e).padStart(8, '0')};${groupes[(i * 7) % 3]}`
		);
	}
	writeFileSync(chemin, iconv.encode(lignes.join('\r\n') + '\r\n', 'win1252'));
}

const ANNONCE =
	/^(Préparation de l’import|Lecture du fichier|Conversion de l’encodage \(Windows-1252 → UTF-8\)|Contrôle des lignes|Enregistrement)(\s:\s\d+\s%|…)$/;

describe('un gros fichier', () => {
	it('montre l’étape en cours, sa barre, la taille et le temps écoulé, puis le compte rendu', async () => {
		const nom = 'eleves-200000.csv';
		fichierEleves(join(dossier, nom), 200_000);
		await vu();
		await page.setInputFiles('#fichiers', join(dossier, nom));
		expect(await compter(nom)).toEqual({
			lues: 200_000,
			acceptees: 200_000,
			rejetees: 0,
			ignorees: 0
		});
		expect(
			await rapportImport(page, nom).locator('.pilotage-source').first().innerText()
		).toContain('encodage Windows-1252');
		expect(await page.locator('.pilotage-progression').count()).toBe(0);

		const { annonces, blocs: tous } = await vu();
		// A file may wait its turn (the previous test's import, then its copy of the tables kept
		// for the next start, run in the same queue): that wait is shown and announced too.
		const blocs = tous.filter((b) => !b.etape.startsWith('En attente'));
		const vues = annonces.filter((a) => !a.texte.startsWith('En attente'));
		expect(blocs.length).toBeGreaterThan(0);
		for (const b of blocs) {
			expect(b.texte).toContain(nom);
			expect(b.texte).toMatch(/\(\d+(,\d)?\s?Mo\)/);
			expect(b.texte).toMatch(/Temps écoulé\u202f: \d+\s?s/);
			expect(b.barre).toBe(1);
		}
		// The steps follow one another on screen; the conversion has a measured bar, the check in
		// the engine an indeterminate one.
		const etapes = [...new Set(blocs.map((b) => b.etape))];
		const rang = (e: string) => etapes.indexOf(e);
		expect(rang('Conversion de l’encodage (Windows-1252 → UTF-8)')).toBeGreaterThanOrEqual(0);
		expect(rang('Contrôle des lignes…')).toBeGreaterThan(
			rang('Conversion de l’encodage (Windows-1252 → UTF-8)')
		);
		expect(rang('Enregistrement…')).toBeGreaterThan(rang('Contrôle des lignes…'));
		const conversion = blocs.filter((b) => b.etape.startsWith('Conversion'));
		expect(conversion.some((b) => Number(b.valeur) > 0)).toBe(true);
		expect(blocs.filter((b) => b.etape === 'Contrôle des lignes…').every((b) => !b.valeur)).toBe(
			true
		);

		// Announced politely, in French, never more than about four times a second.
		expect(vues.length).toBeGreaterThan(0);
		for (const a of vues) expect(a.texte).toMatch(ANNONCE);
		for (let i = 1; i < vues.length; i++)
			expect(vues[i].t - vues[i - 1].t).toBeGreaterThanOrEqual(200);
	}, 120_000);
});

describe('un fichier abîmé', () => {
	it('explique les refus, sans défaut d’accessibilité, puis tout s’efface', async () => {
		const chemin = join(dossier, 'ips-abime.csv');
		const lignes = readFileSync(join(REFDATA, REELS[1].fichier), 'utf8').split('\r\n');
		lignes[2] = lignes[2].replace('0210206K', '0210206X');
		lignes[3] = lignes[3].replace(/;[\d.]+$/, ';abc');
		writeFileSync(chemin, lignes.join('\r\n'));
		await page.setInputFiles('#fichiers', chemin);
		expect(await compter('ips-abime.csv')).toEqual({
			lues: 905,
			acceptees: 903,
			rejetees: 2,
			ignorees: 0
		});
		const refus = await rapportImport(page, 'ips-abime.csv')
			.locator('table.pilotage-rejets tbody tr')
			.allInnerTexts();
		expect(refus.map((t) => t.split('\t')[0])).toEqual(['3', '4']);
		expect(await violationsAccessibilite(page)).toEqual([]);

		await page.getByRole('button', { name: 'Effacer toutes les données' }).click();
		await page.getByRole('dialog').getByRole('button', { name: 'Tout effacer' }).click();
		await page.locator('.pilotage-demo').waitFor();
		expect(journal.erreursConsole).toEqual([]);
	});
});
