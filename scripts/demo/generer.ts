// Assemble tous les fichiers de l'académie de démonstration (nom → contenu). Rien n'est écrit
// ici : le script en ligne de commande et les tests partagent ainsi la même génération.

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { construireAcademie } from './academie.ts';
import type { Academie } from './entites.ts';
import { Alea } from './alea.ts';
import { fichierCsv, comparer, dec1, majusculesSansAccents, type Cellule } from './csv.ts';
import { ENTETE_FORMATIONS, tirerFormations } from './formations.ts';
import { NOM_DEPARTEMENT, type Dep } from './geographie.ts';
import { anneeScolaire, concevoirVitrine, IPS_NATIONAL, RENTREES, type Vitrine } from './modele.ts';
import { ENTETE_INDICATEURS, ENTETE_PROJET, lignesIndicateurs, lignesProjet } from './projet.ts';
import { readme } from './readme.ts';
import { effectifsCollege, ipsCollege, referencesFranceCollege, tirerIvac } from './colleges.ts';
import {
	calculerReferences,
	tirerEffectifs,
	tirerEleves,
	tirerEvaluations,
	probasGroupes,
	tirerEvaluations4e,
	tirerEvaluations6e,
	tirerIps,
	type Effectifs,
	type LigneEvaluation
} from './resultats.ts';

export interface Demo {
	fichiers: Map<string, string>;
	academie: Academie;
	vitrine: Vitrine;
	evaluations: LigneEvaluation[];
}

const RANG_NIVEAU: Record<string, number> = { CP: 0, CE1: 1, CE2: 2, CM1: 3, CM2: 4 };

// Libellés tels qu'ils apparaissent dans les fichiers open data réels.
const DEPARTEMENT_IPS: Record<Dep, string> = {
	'21': "COTE D'OR",
	'58': 'NIEVRE',
	'71': 'SAONE-ET-LOIRE',
	'89': 'YONNE'
};
const enClairOpenData = (s: string) => majusculesSansAccents(s).replace(/['’-]/g, ' ');

export const ENTETE_EFFECTIFS = [
	'Rentrée scolaire',
	'Région académique',
	'Académie',
	'Département',
	'Commune',
	"Numéro de l'école",
	'Dénomination principale',
	'Patronyme',
	'Secteur',
	'REP',
	'REP +',
	'Nombre total de classes',
	"Nombre total d'élèves",
	"Nombre d'élèves en pré-élémentaire hors ULIS",
	"Nombre d'élèves en élémentaire hors ULIS",
	"Nombre d'élèves en ULIS",
	"Nombre d'élèves en CP hors ULIS",
	"Nombre d'élèves en CE1 hors ULIS",
	"Nombre d'élèves en CE2 hors ULIS",
	"Nombre d'élèves en CM1 hors ULIS",
	"Nombre d'élèves en CM2 hors ULIS",
	'tri',
	'Code Postal'
];

export const ENTETE_IPS = [
	'rentree_scolaire',
	'academie',
	'code_du_departement',
	'departement',
	'uai',
	'nom_de_l_etablissment',
	'code_insee_de_la_commune',
	'nom_de_la_commune',
	'secteur',
	'effectifs',
	'ips'
];

const trier = (lignes: Cellule[][], cle: (l: Cellule[]) => Cellule[] = (l) => l) =>
	lignes.sort((a, b) => comparer(cle(a), cle(b)));

export function genererDemo(): Demo {
	const academie = construireAcademie();
	const vitrine = concevoirVitrine(academie);
	const { ecoles, colleges, circos, reseaux } = academie;
	const fichiers = new Map<string, string>();

	const effectifs = new Map<string, Map<number, Effectifs>>();
	const ips = new Map<string, Map<number, number>>();
	for (const e of ecoles) {
		effectifs.set(e.uai, tirerEffectifs(e, e === vitrine.faible ? 44 : 0));
		ips.set(e.uai, tirerIps(e));
	}

	// --- Structure ---
	fichiers.set(
		'ecoles.csv',
		fichierCsv(
			[
				'uai',
				'nom',
				'type',
				'secteur',
				'code_commune',
				'commune',
				'code_departement',
				'code_circonscription',
				'groupe_proximite',
				'education_prioritaire',
				'rural',
				'latitude',
				'longitude'
			],
			trier(
				ecoles.map((e) => [
					e.uai,
					e.nom,
					e.type,
					'public',
					e.commune.code,
					e.commune.nom,
					e.commune.codeDep,
					e.circo,
					e.groupe,
					e.ep,
					e.commune.rurale ? 1 : 0,
					e.lat.toFixed(5),
					e.lon.toFixed(5)
				])
			)
		)
	);
	fichiers.set(
		'circonscriptions.csv',
		fichierCsv(
			['code_circonscription', 'libelle', 'code_departement'],
			trier(circos.map((c) => [c.code, c.libelle, `0${c.dep}`]))
		)
	);
	fichiers.set(
		'colleges.csv',
		fichierCsv(
			['uai', 'nom', 'code_commune', 'commune', 'code_departement', 'education_prioritaire'],
			trier(
				colleges.map((c) => [c.uai, c.nom, c.commune.code, c.commune.nom, c.commune.codeDep, c.ep])
			)
		)
	);
	fichiers.set(
		'reseaux.csv',
		fichierCsv(
			['reseau_id', 'type', 'libelle', 'uai_tete', 'uai_membre'],
			trier(
				reseaux.flatMap((r) => [
					[r.id, r.type, r.libelle, r.tete, r.tete],
					...r.ecoles.map((e) => [r.id, r.type, r.libelle, r.tete, e.uai])
				])
			)
		)
	);

	// --- Fichiers publics, au format réel ---
	const lignesIps: Cellule[][] = [];
	for (const e of ecoles) {
		if (e.type === 'maternelle') continue;
		for (const r of RENTREES) {
			const eff = effectifs.get(e.uai)?.get(r);
			if (!eff) continue;
			const elem = Object.values(eff.niveaux).reduce((s, x) => s + x, 0) + eff.ulis;
			const valeur = ips.get(e.uai)?.get(r) ?? e.ipsBase;
			// Très petites écoles : l'IPS n'est pas publié (secret statistique).
			lignesIps.push([
				anneeScolaire(r),
				'DIJON',
				e.commune.codeDep,
				DEPARTEMENT_IPS[e.commune.dep],
				e.uai,
				enClairOpenData(e.nom),
				e.commune.code,
				enClairOpenData(e.commune.nom),
				'public',
				`${elem}.0`,
				elem < 15 ? 'NS' : dec1(valeur)
			]);
		}
	}
	fichiers.set('ips-ecoles.csv', fichierCsv(ENTETE_IPS, trier(lignesIps)));

	const lignesEffectifs: Cellule[][] = [];
	for (const e of ecoles) {
		for (const r of RENTREES) {
			const eff = effectifs.get(e.uai)?.get(r);
			if (!eff) continue;
			const n = eff.niveaux;
			const elem = n.CP + n.CE1 + n.CE2 + n.CM1 + n.CM2;
			const dep = majusculesSansAccents(NOM_DEPARTEMENT[e.commune.dep]);
			const commune = majusculesSansAccents(e.commune.nom);
			lignesEffectifs.push([
				r,
				'BOURGOGNE-FRANCHE-COMTE',
				'DIJON',
				dep,
				commune,
				e.uai,
				`ECOLE ${majusculesSansAccents(e.type === 'elementaire' ? 'élémentaire' : e.type)} PUBLIQUE`,
				enClairOpenData(e.patronyme),
				'PUBLIC',
				e.ep === 'REP' ? 1 : 0,
				e.ep === 'REP+' ? 1 : 0,
				eff.classes,
				eff.pre + elem + eff.ulis,
				eff.pre,
				elem,
				eff.ulis,
				n.CP,
				n.CE1,
				n.CE2,
				n.CM1,
				n.CM2,
				`27-BOURGOGNE-FRANCHE-COMTE-DIJON-${dep}-${commune}-${e.uai}`,
				e.commune.codePostal
			]);
		}
	}
	fichiers.set('effectifs-ecoles.csv', fichierCsv(ENTETE_EFFECTIFS, trier(lignesEffectifs)));

	// --- Évaluations ---
	const evaluations: LigneEvaluation[] = [];
	for (const e of ecoles) {
		evaluations.push(
			...tirerEvaluations(
				e,
				effectifs.get(e.uai) ?? new Map(),
				ips.get(e.uai) ?? new Map(),
				vitrine.effets
			)
		);
	}
	// By school, competence, then year: the same labels and counts come back line after line,
	// which packs the file 7 % tighter for the first load (1,19 Mo gzip instead of 1,28).
	const cleEval = (l: LigneEvaluation): Cellule[] => [
		l.uai,
		RANG_NIVEAU[l.competence.niveau],
		l.competence.discipline,
		l.competence.ordre,
		l.rentree
	];
	evaluations.sort((a, b) => comparer(cleEval(a), cleEval(b)));
	fichiers.set(
		'evaluations-ecoles.csv',
		fichierCsv(
			[
				'annee_scolaire',
				'uai',
				'niveau',
				'discipline',
				'competence_id',
				'competence_libelle',
				'n_eleves',
				'n_besoin',
				'n_fragile',
				'n_satisfaisant'
			],
			evaluations.map((l) => [
				anneeScolaire(l.rentree),
				l.uai,
				l.competence.niveau,
				l.competence.discipline,
				l.competence.id,
				l.competence.libelle,
				l.n,
				l.besoin,
				l.fragile,
				l.satisfaisant
			])
		)
	);

	const eleves = tirerEleves(
		vitrine.faible,
		evaluations.filter((l) => l.uai === vitrine.faible.uai)
	);
	fichiers.set(
		`eleves-${vitrine.faible.uai}.csv`,
		fichierCsv(
			[
				'annee_scolaire',
				'uai',
				'niveau',
				'discipline',
				'competence_id',
				'classe',
				'eleve_id',
				'groupe'
			],
			eleves
				.map((l) => ({
					cle: [l.rentree, RANG_NIVEAU[l.niveau], l.discipline, l.ordre, l.classe, l.eleve],
					ligne: [
						anneeScolaire(l.rentree),
						vitrine.faible.uai,
						l.niveau,
						l.discipline,
						l.competenceId,
						l.classe,
						l.eleve,
						l.groupe
					]
				}))
				.sort((a, b) => comparer(a.cle, b.cle))
				.map((x) => x.ligne)
		)
	);

	const lignes6e = colleges.flatMap((c) => tirerEvaluations6e(c, effectifs));
	const lignesCollege = [...lignes6e, ...colleges.flatMap((c) => tirerEvaluations4e(c, lignes6e))];
	fichiers.set(
		'evaluations-colleges.csv',
		fichierCsv(
			[
				'annee_scolaire',
				'uai',
				'niveau',
				'discipline',
				'domaine_id',
				'domaine_libelle',
				'n_eleves',
				'score_moyen',
				'groupe_1',
				'groupe_2',
				'groupe_3',
				'groupe_4',
				'groupe_5',
				'groupe_6'
			],
			trier(
				lignesCollege.map((l) => [
					anneeScolaire(l.rentree),
					l.uai,
					l.niveau,
					l.discipline,
					l.domaineId,
					l.domaineLibelle,
					l.n,
					dec1(l.score),
					...l.groupes
				]),
				(l) => [l[0], l[1], l[2], l[3], l[4]]
			)
		)
	);
	ecrireFichiersColleges(fichiers, academie, lignes6e);

	fichiers.set(
		'references.csv',
		fichierCsv(
			[
				'annee_scolaire',
				'territoire',
				'code_territoire',
				'niveau',
				'discipline',
				'competence_id',
				'part_satisfaisant',
				'part_besoin'
			],
			calculerReferences(academie, evaluations)
				.map((r) => ({
					cle: [
						r.rentree,
						r.territoire === 'FRANCE' ? 0 : r.territoire === 'ACADEMIE' ? 1 : 2,
						r.code,
						RANG_NIVEAU[r.competence.niveau],
						r.competence.discipline,
						r.competence.ordre
					],
					ligne: [
						anneeScolaire(r.rentree),
						r.territoire,
						r.code,
						r.competence.niveau,
						r.competence.discipline,
						r.competence.id,
						dec1(r.satisfaisant),
						dec1(r.besoin)
					]
				}))
				.sort((a, b) => comparer(a.cle, b.cle))
				.map((x) => x.ligne)
				// 6e and 4e: « satisfaisant » holds groups 5–6, « besoin » groups 1–2 (docs/formats.md).
				.concat(
					referencesFranceCollege(probasGroupes).map((r) => [
						r.annee,
						'FRANCE',
						'',
						r.niveau,
						r.discipline,
						r.domaineId,
						dec1(r.aise),
						dec1(r.besoin)
					])
				)
		)
	);

	// --- Formation, projet, vérité ---
	fichiers.set(
		'formations.csv',
		fichierCsv(
			ENTETE_FORMATIONS,
			trier(tirerFormations(academie, effectifs, vitrine), (l) => [l[0], l[1], l[3], l[8], l[11]])
		)
	);
	fichiers.set('projet-academique.csv', fichierCsv(ENTETE_PROJET, lignesProjet()));
	fichiers.set('projet-indicateurs.csv', fichierCsv(ENTETE_INDICATEURS, lignesIndicateurs()));
	fichiers.set(
		'demo-verite.csv',
		fichierCsv(
			['uai', 'niveau', 'discipline', 'competence_id', 'effet_points', 'note'],
			vitrine.effets.map((x) => [x.uai, x.niveau, x.discipline, x.competenceId, x.points, x.note])
		)
	);

	fichiers.set('README.md', readme({ fichiers, academie, vitrine, evaluations }));
	const tries = new Map([...fichiers.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)));
	return { fichiers: tries, academie, vitrine, evaluations };
}

export function ecrireDemo(dossier: string): Demo {
	const demo = genererDemo();
	mkdirSync(dossier, { recursive: true });
	for (const [nom, contenu] of demo.fichiers) writeFileSync(join(dossier, nom), contenu, 'utf8');
	return demo;
}

// Libellés des fichiers réels (IPS des collèges publié depuis 2024, IVAC, effectifs des collèges).
const ENTETE_IPS_COLLEGES = [
	'Rentrée scolaire',
	'Académie',
	'Code du département',
	'Département',
	'UAI',
	"Nom de l'établissment",
	'Code INSEE de la commune',
	'Nom de la commune',
	'Secteur',
	'Effectifs',
	'IPS',
	"Ecart-type de l'IPS",
	'IPS national',
	'IPS académique',
	'IPS départemental'
];
const ENTETE_IVAC = [
	'Session',
	'UAI',
	"Nom de l'établissement",
	'Commune',
	'Département',
	'Académie',
	'Secteur',
	'Nb candidats - G',
	'Taux de réussite - G',
	'VA du taux de réussite - G',
	"Note à l'écrit - G",
	'VA de la note - G',
	"Taux d'accès 6ème-3ème"
];
const ENTETE_EFFECTIFS_COLLEGES = [
	'Rentrée scolaire',
	'Académie',
	'Département',
	'Commune',
	'Numéro du collège',
	'Dénomination principale',
	'Patronyme',
	'Secteur',
	'REP',
	'REP +',
	"Nombre d'élèves total (nombre d'élèves dans les formations du 1er cycle du 2nd degré et non du nombre total d'élèves inscrits dans l'établissement, les DIMA et les dispositifs-relais sont exclus)",
	"Nombre d'élèves total Segpa",
	"Nombre d'élèves total ULIS",
	'Nombre total de 6èmes',
	'Nombre total de 5èmes',
	'Nombre total de 4èmes',
	'Nombre total de 3èmes'
];

/** The collèges' public files, in their real layouts (the language columns left out). */
function ecrireFichiersColleges(
	fichiers: Map<string, string>,
	academie: Academie,
	lignes6e: readonly { uai: string; rentree: number; n: number }[]
): void {
	const sixiemes = (uai: string, rentree: number) =>
		lignes6e.find((l) => l.uai === uai && l.rentree === rentree)?.n ?? 40;
	const lignesIps: Cellule[][] = [];
	const lignesEffectifs: Cellule[][] = [];
	for (const r of RENTREES) {
		const parCollege = academie.colleges.map((c) => ({
			c,
			ips: ipsCollege(c, r),
			eff: effectifsCollege(c, r, sixiemes(c.uai, r))
		}));
		const moyenne = (xs: typeof parCollege) =>
			xs.reduce((s, x) => s + x.ips * x.eff.total, 0) / xs.reduce((s, x) => s + x.eff.total, 0);
		const ipsAcademie = moyenne(parCollege);
		for (const { c, ips, eff } of parCollege) {
			const dep = c.commune.dep;
			lignesIps.push([
				anneeScolaire(r),
				'DIJON',
				c.commune.codeDep,
				DEPARTEMENT_IPS[dep],
				c.uai,
				enClairOpenData(c.nom),
				c.commune.code,
				enClairOpenData(c.commune.nom),
				'public',
				`${eff.total}.0`,
				dec1(ips),
				dec1(28 + new Alea('ips-college-et', c.uai).normale(0, 2)),
				dec1(IPS_NATIONAL),
				dec1(ipsAcademie),
				dec1(moyenne(parCollege.filter((x) => x.c.commune.dep === dep)))
			]);
			lignesEffectifs.push([
				r,
				'DIJON',
				majusculesSansAccents(NOM_DEPARTEMENT[dep]),
				majusculesSansAccents(c.commune.nom),
				c.uai,
				'COLLEGE',
				enClairOpenData(c.nom.replace(/^Collège /, '')),
				'PUBLIC',
				c.ep === 'REP' ? 1 : 0,
				c.ep === 'REP+' ? 1 : 0,
				eff.total,
				eff.segpa,
				eff.ulis,
				...eff.niveaux
			]);
		}
	}
	fichiers.set('ips-colleges.csv', fichierCsv(ENTETE_IPS_COLLEGES, trier(lignesIps)));
	fichiers.set(
		'effectifs-colleges.csv',
		fichierCsv(ENTETE_EFFECTIFS_COLLEGES, trier(lignesEffectifs))
	);
	const lignesIvac: Cellule[][] = academie.colleges.flatMap((c) =>
		tirerIvac(c, (r) => sixiemes(c.uai, r)).map((v) => [
			v.session,
			c.uai,
			enClairOpenData(c.nom),
			enClairOpenData(c.commune.nom),
			majusculesSansAccents(NOM_DEPARTEMENT[c.commune.dep]),
			'DIJON',
			'PU',
			v.candidats,
			dec1(v.taux),
			dec1(v.va),
			dec1(v.note),
			dec1(v.vaNote),
			dec1(v.acces)
		])
	);
	fichiers.set('valeur-ajoutee-colleges.csv', fichierCsv(ENTETE_IVAC, trier(lignesIvac)));
}
