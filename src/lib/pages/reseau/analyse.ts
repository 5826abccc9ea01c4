/**
 * « Mon réseau », statistics: the reference sets without the network's schools, and the network
 * and its schools classified on each competence. They come from `$lib/indicators` only: a school
 * or the network is « en point de vigilance » when the library classifies it so, never from a
 * gap read here. Pure: no engine.
 */
import {
	agregerGroupe,
	assemblerFamille,
	etablirPoints,
	evolutionEcart,
	masquerCellules,
	type CatalogueModeles,
	type PointTeste,
	type ResultatAgregat,
	type ResultatEcart,
	type ResultatFamille
} from '$lib/indicators';
import { cumulAnnees } from '$lib/indicators/bilan';
import { cellulePoint, type FamillesPoints } from '../commun/analyse';
import { classerPriorites, ecartCumule } from '$lib/indicators/priorites';
import { comparerCompetences } from '$lib/domain/competences';
import type {
	AnalyseCompetence,
	AnalyseReseau,
	BesoinPartage,
	CategorieReference,
	DonneesReseau,
	EcoleCompetence,
	EvaluationMembre,
	FormationEcole,
	LigneFormation,
	MembreReseau,
	ReferenceCategorie,
	TotalCategorie
} from './types';
import { comparerFr } from '$lib/domain/texte';

const binaire = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The reference sets of `sql.referencesReseau` from the académie's category totals: the académie
 * as it is, and every other set without the network's own schools (their rows of the year taken
 * out one by one). Same rows, same counts, same order as the query.
 */
export function referencesSansReseau(
	totaux: readonly TotalCategorie[],
	evaluations: readonly EvaluationMembre[],
	membres: readonly MembreReseau[],
	annee: string
): ReferenceCategorie[] {
	const parUai = new Map(membres.map((m) => [m.uai, m]));
	const retraits = new Map<
		string,
		{
			lignes: number;
			uais: Set<string>;
			n: [number, number];
			b: [number, number];
			s: [number, number];
		}
	>();
	const retirer = (categorie: string, l: EvaluationMembre) => {
		const cle = `${categorie}|${l.niveau}|${l.discipline}|${l.competence_id}`;
		let r = retraits.get(cle);
		if (!r)
			retraits.set(cle, (r = { lignes: 0, uais: new Set(), n: [0, 0], b: [0, 0], s: [0, 0] }));
		r.lignes++;
		r.uais.add(l.uai);
		for (const [somme, x] of [
			[r.n, l.n_eleves],
			[r.b, l.n_besoin],
			[r.s, l.n_satisfaisant]
		] as const) {
			if (x === null || x === undefined) continue;
			somme[0] += x;
			somme[1]++;
		}
	};
	for (const l of evaluations) {
		if (l.annee_scolaire !== annee) continue;
		const m = parUai.get(l.uai);
		retirer('hors_reseau', l);
		if (m?.education_prioritaire === 'REP+') retirer('REP+', l);
		if (m?.education_prioritaire === 'REP') retirer('REP', l);
		if (m?.rural) retirer('rurale', l);
	}
	const resultat: ReferenceCategorie[] = [];
	const ajouter = (categorie: CategorieReference, t: TotalCategorie) => {
		const r =
			categorie === 'academie'
				? undefined
				: retraits.get(`${categorie}|${t.niveau}|${t.discipline}|${t.competence_id}`);
		if (t.lignes - (r?.lignes ?? 0) === 0) return;
		// SQL's sum of what is left: null when only nulls are left.
		const reste = (somme: number | null, nombre: number, retrait?: [number, number]) =>
			nombre - (retrait?.[1] ?? 0) === 0 ? null : (somme ?? 0) - (retrait?.[0] ?? 0);
		resultat.push({
			categorie,
			niveau: t.niveau,
			discipline: t.discipline,
			competence_id: t.competence_id,
			nb_ecoles: t.nb_ecoles - (r?.uais.size ?? 0),
			n_eleves: reste(t.n_eleves, t.nb_n_eleves, r?.n)!,
			n_besoin: reste(t.n_besoin, t.nb_n_besoin, r?.b)!,
			n_satisfaisant: reste(t.n_satisfaisant, t.nb_n_satisfaisant, r?.s)!,
			source: t.source
		});
	};
	for (const t of totaux) {
		ajouter(t.categorie, t);
		if (t.categorie === 'academie') ajouter('hors_reseau', t);
	}
	return resultat.sort(
		(a, b) =>
			binaire(a.categorie, b.categorie) ||
			binaire(a.niveau, b.niveau) ||
			binaire(a.discipline, b.discipline) ||
			binaire(a.competence_id, b.competence_id)
	);
}

/**
 * School names as shown in the network's lists: a name shared by two member schools (« École
 * primaire du Centre ») gets its commune, and its UAI if the commune is shared too.
 */
export function nomsDistincts(membres: readonly MembreReseau[]): Map<string, string> {
	const compte = (cle: (m: MembreReseau) => string) => {
		const n = new Map<string, number>();
		for (const m of membres) n.set(cle(m), (n.get(cle(m)) ?? 0) + 1);
		return n;
	};
	const parNom = compte((m) => m.nom);
	const parNomCommune = compte((m) => `${m.nom}|${m.commune}`);
	return new Map(
		membres.map((m) => [
			m.uai,
			(parNom.get(m.nom) ?? 0) < 2
				? m.nom
				: (parNomCommune.get(`${m.nom}|${m.commune}`) ?? 0) < 2
					? `${m.nom} (${m.commune})`
					: `${m.nom} (${m.commune}, ${m.uai})`
		])
	);
}

function trierCompetences<T extends { niveau: string; discipline: string; ordre: number }>(
	liste: T[]
): T[] {
	return liste.sort(comparerCompetences);
}

/** A network's pooled gap as the shape `evolutionEcart` reads (one unit followed over years). */
function commeEcart(a: ResultatAgregat): ResultatEcart {
	return {
		...a,
		uai: a.libelle,
		ips: null,
		ecart_estime: null,
		comparaison_population: null,
		modele: null
	};
}

/**
 * Every network's own figure on every competence of the latest year, its window's years pooled
 * (`cumulerAgregats`; members not evaluated one by one), as steps: one yield per network. Under
 * the same false-discovery control as the schools' cells, but a family of its own (a network's
 * pooled pupils are not a school's cell); key `${reseau_id}|${competence_id}`.
 */
export function* etapesFamilleReseaux(
	reseaux: Iterable<{ reseau_id: string; libelle: string; lignes: readonly EvaluationMembre[] }>,
	modeles: CatalogueModeles,
	annee: string,
	fenetre: readonly string[]
): Generator<void, ResultatFamille> {
	const cellules: ResultatEcart[] = [];
	const annees = [...fenetre].sort().reverse();
	for (const r of reseaux) {
		const parCompetence = new Map<string, EvaluationMembre[]>();
		for (const l of r.lignes) {
			if (!fenetre.includes(l.annee_scolaire)) continue;
			let liste = parCompetence.get(l.competence_id);
			if (!liste) parCompetence.set(l.competence_id, (liste = []));
			liste.push(l);
		}
		for (const lignes of parCompetence.values()) {
			if (!lignes.some((l) => l.annee_scolaire === annee && l.n_eleves > 0)) continue;
			cellules.push({ ...cumulReseau(lignes, modeles, annees, r.libelle), uai: r.reseau_id });
		}
		yield;
	}
	return assemblerFamille(etablirPoints(cellules), { analyse: 'cumul' }, cellules);
}

/**
 * A group's figure on one competence (a network, or the schools of a plan's action), the given
 * years pooled (most recent first).
 */
export const cumulReseau = cumulAnnees;

/** The families a network page reads its statuses from (null: not computed, nothing is a point). */
export interface FamillesReseau {
	ecoles: FamillesPoints | null;
	reseaux: ResultatFamille | null;
}

/** The status of a cell, or of a signal when no family covers it (never a point by default). */
function statutDe(point: PointTeste | null, r: { classement: string }): PointTeste['statut'] {
	if (point) return point.statut;
	if (r.classement === 'point_appui' || r.classement === 'point_vigilance') return 'a_confirmer';
	return r.classement === 'conforme' ? 'rien' : 'insuffisant';
}

/**
 * Classifies the network and each member school on every competence evaluated in the latest
 * year, finds the shared needs and ranks them (`classerPriorites`). A school's status is its cell
 * in the académie's pooled family (the window's three years); the network's own figure is the
 * latest year's, its status from the networks' family. Only established points de vigilance make
 * a school « concernée » or a network « en dessous »: signals are shown apart.
 */
export function analyserReseau(
	d: DonneesReseau,
	modeles: CatalogueModeles,
	familles: FamillesReseau = { ecoles: null, reseaux: null }
): AnalyseReseau {
	if (!d.annee) return { annee: '', fenetre: [], competences: [], priorites: [] };
	const noms = nomsDistincts(d.membres);
	const dansFenetre = new Set(d.fenetre);
	const parCompetence = new Map<string, EvaluationMembre[]>();
	for (const l of d.evaluations) {
		if (!dansFenetre.has(l.annee_scolaire)) continue;
		const cle = `${l.niveau}|${l.competence_id}`;
		let liste = parCompetence.get(cle);
		if (!liste) parCompetence.set(cle, (liste = []));
		liste.push(l);
	}
	const formationsParTheme = new Map<string, LigneFormation[]>();
	for (const f of d.formations) {
		if (f.agregat !== 'ecole_theme' || !f.theme || !f.uai || f.participants === 0) continue;
		let liste = formationsParTheme.get(f.theme);
		if (!liste) formationsParTheme.set(f.theme, (liste = []));
		liste.push(f);
	}
	const familleEcoles = familles.ecoles?.annee === d.annee ? familles.ecoles : null;

	const competences: AnalyseCompetence[] = [];
	for (const [cle, lignes] of parCompetence) {
		if (!lignes.some((l) => l.annee_scolaire === d.annee && l.n_eleves > 0)) continue;
		const options = { libelle: d.fiche.libelle };
		const reseau = agregerGroupe(lignes, modeles, {
			...options,
			annee_scolaire: d.annee,
			regrouper_toujours: true,
			max_annees: d.fenetre.length
		});
		const annees = d.fenetre
			.filter((a) => lignes.some((l) => l.annee_scolaire === a && l.n_eleves > 0))
			.map((a) =>
				a === d.annee
					? reseau
					: agregerGroupe(lignes, modeles, { ...options, annee_scolaire: a, regrouper: false })
			);
		const evolution =
			annees.length >= 2 ? evolutionEcart(commeEcart(annees[0]), commeEcart(annees.at(-1)!)) : null;
		const masquage = masquerCellules(
			reseau.resultats_membres.map((r) => ({ id: r.uai, n: r.n })),
			{ n_total: lignes.reduce((s, l) => s + l.n_eleves, 0) }
		);
		const ecoles: EcoleCompetence[] = reseau.resultats_membres
			.map((membre) => {
				const cellule = familleEcoles
					? cellulePoint(familleEcoles.cumul, membre.uai, membre.competence_id)
					: null;
				return { membre, resultat: cellule?.resultat ?? membre, point: cellule?.point ?? null };
			})
			.map(({ membre, resultat, point }) => ({
				uai: membre.uai,
				nom: noms.get(membre.uai) ?? membre.uai,
				resultat,
				point,
				statut: statutDe(point, resultat),
				masque: masquage.primaires.includes(membre.uai)
					? ('primaire' as const)
					: masquage.secondaires.includes(resultat.uai)
						? ('secondaire' as const)
						: null
			}))
			.sort((a, b) => comparerFr(a.nom, b.nom) || a.uai.localeCompare(b.uai));
		const vigilance = ecoles.filter((e) => e.statut === 'point_vigilance');
		const appui = ecoles.filter((e) => e.statut === 'point_appui');
		const signaux = ecoles.filter((e) => e.statut === 'a_confirmer');
		const premiere = lignes.find((l) => l.annee_scolaire === d.annee)!;
		// The network's own diagnosis: its window pooled, its status in the networks' family.
		const cumul = cumulReseau(lignes, modeles, [...d.fenetre].reverse(), d.fiche.libelle);
		const statutReseau = statutDe(
			familles.reseaux
				? (cellulePoint(familles.reseaux, d.fiche.reseau_id, premiere.competence_id)?.point ?? null)
				: null,
			cumul
		);
		competences.push({
			cle,
			niveau: premiere.niveau,
			discipline: premiere.discipline,
			competence_id: premiere.competence_id,
			libelle: premiere.competence_libelle,
			ordre: premiere.ordre,
			reseau,
			annees,
			evolution,
			ecoles,
			vigilance,
			appui,
			signaux,
			reseau_cumul: cumul,
			statut_reseau: statutReseau,
			motif: statutReseau === 'point_vigilance' ? 'reseau' : vigilance.length >= 2 ? 'ecoles' : null
		});
	}
	trierCompetences(competences);

	const besoins: BesoinPartage[] = competences
		.filter((c) => c.motif !== null)
		.map((c) => {
			// A school is concerned only by an established point de vigilance, even when the need is
			// the network's as a whole (its other schools may be on their curve).
			const concernees = c.vigilance;
			const formations = formationsParTheme.get(c.competence_id) ?? [];
			const formees: FormationEcole[] = [];
			for (const e of concernees) {
				const siennes = formations.filter((f) => f.uai === e.uai);
				if (!siennes.length) continue;
				formees.push({
					uai: e.uai,
					nom: e.nom,
					annees: [...new Set(siennes.map((f) => f.annee_scolaire))].sort(),
					types: [...new Set(siennes.map((f) => f.type ?? ''))].filter(Boolean).sort(),
					participants: siennes.reduce((s, f) => s + f.participants, 0),
					heures: siennes.reduce((s, f) => s + f.heures, 0)
				});
			}
			return {
				cle: c.cle,
				competence: c,
				concernees,
				formees,
				// The established gap: the network's own (its window pooled) when the need is the
				// network's, else the schools' with an established point, pooled over the window.
				ecart:
					c.motif === 'reseau'
						? c.reseau_cumul.ecart
						: ecartCumule(concernees.map((e) => e.resultat)),
				ecoles: concernees.length,
				ecoles_formees: formees.length
			};
		});
	return { annee: d.annee, fenetre: d.fenetre, competences, priorites: classerPriorites(besoins) };
}
