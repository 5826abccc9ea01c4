/**
 * The demo académie (data/, fictitious) documents the effects it contains in demo-verite.csv.
 * Pilotage must find the marked ones, never read an effect backwards, and leave most schools
 * without a designed effect alone. The files are `;`-separated without quotes (docs/formats.md),
 * so a plain split reads them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { agregerGroupe } from './agregats';
import { evaluerEcole, type ResultatEcart } from './ecart';
import { ajusterModelesIps, type CatalogueModeles } from './modele-ips';
import type { LigneEvaluation } from './types';

const DOSSIER = fileURLToPath(new URL('../../../data/', import.meta.url));
const FICHIERS = ['evaluations-ecoles.csv', 'ips-ecoles.csv', 'demo-verite.csv', 'reseaux.csv'];
const disponibles = FICHIERS.every((f) => existsSync(DOSSIER + f));
if (!disponibles) {
	console.warn(
		`demo.test.ts ignoré : ${FICHIERS.filter((f) => !existsSync(DOSSIER + f)).join(', ')} ` +
			`absent(s) de ${DOSSIER} (npm run demo-data les génère).`
	);
}

function lire(fichier: string): Record<string, string>[] {
	const [entete, ...lignes] = readFileSync(DOSSIER + fichier, 'utf8')
		.replace(/^\uFEFF/, '')
		.split(/\r?\n/)
		.filter((l) => l.length > 0);
	const colonnes = entete.split(';');
	return lignes.map((ligne) => {
		const cellules = ligne.split(';');
		return Object.fromEntries(colonnes.map((c, i) => [c, cellules[i] ?? '']));
	});
}

const ANNEES = ['2020-2021', '2021-2022', '2022-2023', '2023-2024', '2024-2025'];

describe.skipIf(!disponibles)('académie de démonstration', () => {
	let lignes: LigneEvaluation[];
	let modeles: CatalogueModeles;
	let verite: { uai: string; competence_id: string; effet: number; note: string }[];
	const parEcole = new Map<string, LigneEvaluation[]>();

	/** One result per year present, each against its own year's model. */
	function parAnnee(uai: string, competence: string): ResultatEcart[] {
		const liste = parEcole.get(`${uai}|${competence}`) ?? [];
		return ANNEES.filter((a) => liste.some((l) => l.annee_scolaire === a && l.n_eleves > 0)).map(
			(a) => evaluerEcole(liste, modeles, { annee_scolaire: a, regrouper: false })
		);
	}

	beforeAll(() => {
		const ips = new Map<string, number | null>();
		for (const r of lire('ips-ecoles.csv')) {
			const valeur = Number(r.ips.replace(',', '.'));
			ips.set(
				`${r.rentree_scolaire}|${r.uai}`,
				r.ips === '' || r.ips === 'NS' || !Number.isFinite(valeur) ? null : valeur
			);
		}
		lignes = lire('evaluations-ecoles.csv').map((r) => ({
			uai: r.uai,
			annee_scolaire: r.annee_scolaire,
			niveau: r.niveau,
			discipline: r.discipline,
			competence_id: r.competence_id,
			n_eleves: Number(r.n_eleves),
			n_besoin: Number(r.n_besoin),
			n_fragile: Number(r.n_fragile),
			n_satisfaisant: Number(r.n_satisfaisant),
			ips: ips.get(`${r.annee_scolaire}|${r.uai}`) ?? null
		}));
		for (const l of lignes) {
			const cle = `${l.uai}|${l.competence_id}`;
			let liste = parEcole.get(cle);
			if (!liste) parEcole.set(cle, (liste = []));
			liste.push(l);
		}
		modeles = ajusterModelesIps(lignes, { reference: 'académie de démonstration' });
		verite = lire('demo-verite.csv').map((r) => ({
			uai: r.uai,
			competence_id: r.competence_id,
			effet: Number(r.effet_points) / 100,
			note: r.note
		}));
	});

	it('fits every year × competence', () => {
		for (const modele of modeles.values()) {
			expect(modele.statut).toBe('ajuste');
			if (modele.statut === 'ajuste') expect(modele.converge).toBe(true);
		}
	});

	it('finds the marked strong and weak schools, year after year and over five years, never backwards', () => {
		const marques = verite.filter((v) => Math.abs(v.effet) >= 0.12);
		expect(marques.length).toBeGreaterThanOrEqual(5);
		let trouvesTotal = 0;
		let anneesTotal = 0;
		for (const v of marques) {
			const resultats = parAnnee(v.uai, v.competence_id);
			const attendu = v.effet > 0 ? 'point_appui' : 'point_vigilance';
			const contraire = v.effet > 0 ? 'point_vigilance' : 'point_appui';
			const trouves = resultats.filter((r) => r.classement === attendu).length;
			const cinqAns = evaluerEcole(parEcole.get(`${v.uai}|${v.competence_id}`)!, modeles, {
				max_annees: 5,
				regrouper_toujours: true
			});
			const detail =
				`${v.uai} ${v.competence_id} (${v.note}) : ` +
				resultats
					.map((r) => `${r.annee_scolaire} ${r.classement} ${Math.round((r.ecart ?? NaN) * 100)}`)
					.join(', ') +
				` ; cinq ans : ${cinqAns.classement} ${Math.round((cinqAns.ecart ?? NaN) * 100)}`;
			expect(resultats.length, detail).toBe(ANNEES.length);
			// Every year, the observed gap is the designed effect plus the luck of that cohort, which
			// can hide it some years (« conforme »), but never turn it around.
			expect(trouves, detail).toBeGreaterThanOrEqual(2);
			expect(
				resultats.some((r) => r.classement === contraire),
				detail
			).toBe(false);
			expect(cinqAns.pooled_years, detail).toHaveLength(5);
			expect(cinqAns.classement, detail).toBe(attendu);
			trouvesTotal += trouves;
			anneesTotal += resultats.length;
		}
		expect(trouvesTotal / anneesTotal).toBeGreaterThan(0.6);
	});

	it('finds the REP+ network’s shared weakness, which its schools are each too small to show', () => {
		const reseau = lire('reseaux.csv').filter((r) => r.reseau_id === 'REPP-CHENOVE');
		const membres = new Set(reseau.map((r) => r.uai_membre));
		const faiblesse = verite.filter((v) => v.note.startsWith('REP+'));
		expect(faiblesse.length).toBeGreaterThan(0);
		const competence = faiblesse[0].competence_id;
		const lignesReseau = lignes.filter((l) => membres.has(l.uai) && l.competence_id === competence);
		const groupes = ANNEES.map((a) =>
			agregerGroupe(lignesReseau, modeles, { libelle: 'REP+ Chenôve', annee_scolaire: a })
		);
		const detail = groupes
			.map((g) => `${g.annee_scolaire} ${g.classement} ${Math.round((g.ecart ?? NaN) * 100)}`)
			.join(', ');
		expect(
			groupes.filter((g) => g.classement === 'point_vigilance').length,
			detail
		).toBeGreaterThan(ANNEES.length / 2);
		expect(
			groupes.some((g) => g.classement === 'point_appui'),
			detail
		).toBe(false);
	});

	it('never reads a moderate effect backwards, and does not call most of them', () => {
		const moderes = verite.filter((v) => Math.abs(v.effet) < 0.12 && !v.note.startsWith('REP+'));
		let total = 0;
		let signales = 0;
		for (const v of moderes) {
			for (const r of parAnnee(v.uai, v.competence_id)) {
				if (r.classement === 'non_classe') continue;
				total++;
				if (r.classement === 'conforme') continue;
				signales++;
				expect(r.classement, `${v.uai} ${v.competence_id} ${r.annee_scolaire}`).toBe(
					v.effet > 0 ? 'point_appui' : 'point_vigilance'
				);
			}
		}
		expect(total).toBeGreaterThan(20);
		expect(signales / total).toBeLessThan(0.5);
	});

	it('leaves the schools without a designed effect mostly alone, and classifies nothing under 10 pupils', () => {
		const concus = new Set(verite.map((v) => `${v.uai}|${v.competence_id}`));
		let classes = 0;
		let signales = 0;
		for (const [cle, liste] of parEcole) {
			if (concus.has(cle)) continue;
			for (const ligne of liste) {
				if (ligne.annee_scolaire !== '2024-2025') continue;
				const r = evaluerEcole(liste, modeles, {
					annee_scolaire: ligne.annee_scolaire,
					regrouper: false
				});
				if (ligne.n_eleves < 10) {
					expect(r.classement).toBe('non_classe');
					expect(r.observe.masque).toBe(true);
					continue;
				}
				if (r.classement === 'non_classe') continue;
				classes++;
				if (r.classement !== 'conforme') signales++;
			}
		}
		// These schools still have their own random effect (README: « effet propre, aléatoire »),
		// real but small: a few are flagged, most are not.
		expect(classes).toBeGreaterThan(5000);
		expect(signales / classes).toBeLessThan(0.1);
	});
});
