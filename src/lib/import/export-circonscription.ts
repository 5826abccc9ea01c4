// L'export « circonscription » de l'application nationale de restitution des évaluations
// (fichiers du genre CIRCO_ecoles_CPFR.csv) : plusieurs lignes d'en-tête, un bloc de colonnes par
// compétence. Forme (telle que la décrivent les outils publics qui les lisent) :
//   ligne 1        « Evaluation cpfr » : niveau et discipline ;
//   une ligne      le titre de chaque compétence dans la première colonne de son bloc ;
//   une ligne (≤10) « Groupe à besoins / Groupe fragile / Groupe satisfaisant » au-dessus des colonnes ;
//   la suivante    `%` ou « répondants » : pourcentage ou nombre d'élèves ;
//   puis           une ligne par école (UAI, nom, effectifs et/ou pourcentages), des totaux parfois.
// Ce module ne contrôle rien : il remet le fichier (petit) au format long canonique, avec le
// numéro de ligne d'origine, et ce sont les règles SQL du genre `evaluations_ecoles` qui jugent.

import { competenceIdDepuisLibelle, type Discipline, type Niveau } from '$lib/domain/competences';
import { decouperCsv, type Enregistrement } from './sniff';

const IDENTIFIANT = /evaluation[\s_-]*(cp|ce1|ce2|cm1|cm2)[\s_-]*(fr|ma)/i;

/** Niveau and discipline when the first line is that of an export (« Evaluation cpfr »). */
export function identifierExport(
	premiereLigne: readonly string[]
): { niveau: Niveau; discipline: Discipline } | undefined {
	for (const cellule of premiereLigne) {
		const m = IDENTIFIANT.exec(cellule.normalize('NFD').replace(/[\u0300-\u036f]/g, ''));
		if (m)
			return { niveau: m[1].toUpperCase() as Niveau, discipline: m[2].toUpperCase() as Discipline };
	}
	return undefined;
}

type Groupe = 'besoin' | 'fragile' | 'satisfaisant';

interface Bloc {
	readonly titre: string;
	readonly competenceId: string | undefined;
	readonly effectifs: Partial<Record<Groupe, number>>;
	readonly pourcentages: Partial<Record<Groupe, number>>;
	readonly repondants: number | undefined;
	readonly debut: number;
	readonly fin: number;
}

export interface ExportLu {
	readonly niveau: Niveau;
	readonly discipline: Discipline;
	readonly annee: string;
	readonly blocs: readonly Bloc[];
	/** The canonical long format (docs/formats.md) plus `_ligne`, the line in the original file. */
	readonly csv: string;
	readonly lignesEcoles: number;
	readonly lignesTotal: readonly number[];
	readonly avertissements: readonly string[];
	/** Physical lines before the first school row. */
	readonly lignesEntete: number;
}

export type ResultatExport =
	| { readonly ok: true; readonly export: ExportLu }
	| { readonly ok: false; readonly manque: 'annee' | 'forme'; readonly message: string };

export const COLONNES_CANONIQUES = [
	'annee_scolaire',
	'uai',
	'niveau',
	'discipline',
	'competence_id',
	'competence_libelle',
	'n_eleves',
	'n_besoin',
	'n_fragile',
	'n_satisfaisant',
	'_ligne'
] as const;

const sansAccent = (s: string) =>
	s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase();

function groupeDe(texte: string): Groupe | 'repondants' | undefined {
	const t = sansAccent(texte);
	if (/besoin/.test(t)) return 'besoin';
	if (/fragile/.test(t)) return 'fragile';
	if (/satisfaisant/.test(t)) return 'satisfaisant';
	if (/repondant|effectif total|^total$|^n$/.test(t)) return 'repondants';
	return undefined;
}

/** The school year written in the first lines (« 2024-2025 », « rentrée 2024 »), if any. */
export function anneeDansEntete(lignes: readonly Enregistrement[]): string | undefined {
	for (const l of lignes.slice(0, 10)) {
		for (const c of l.cellules) {
			const m = /(20\d\d)\s*[-/]\s*(20\d\d)/.exec(c);
			if (m && Number(m[2]) === Number(m[1]) + 1) return `${m[1]}-${m[2]}`;
			const r = /(?:rentr[ée]e|septembre)\D{0,12}(20\d\d)/i.exec(c);
			if (r) return `${r[1]}-${Number(r[1]) + 1}`;
		}
	}
	return undefined;
}

const estTotal = (l: Enregistrement) =>
	/total|ensemble|moyenne|circonscription|departement|académie|academie/i.test(
		`${l.cellules[0] ?? ''} ${l.cellules[1] ?? ''}`
	) && !/^\s*\d{6,7}[A-Za-z]\s*$/.test(l.cellules[0] ?? '');

function nombre(texte: string | undefined): number | undefined {
	if (texte === undefined) return undefined;
	const t = texte.replace(/[\s\u00a0\u202f%]/g, '').replace(',', '.');
	if (t === '' || !/^[+-]?\d+(\.\d+)?$/.test(t)) return undefined;
	return Number(t);
}

function ecrireCellule(v: string): string {
	return /[;"\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
}

/**
 * Reads an export and rebuilds it in the canonical long format. Values are copied as written
 * (the SQL rules check them); only counts missing from the file are rebuilt from a percentage
 * and the number of respondents, and the report says so.
 */
export function lireExportCirconscription(
	texte: string,
	separateur: string,
	anneeScolaire?: string
): ResultatExport {
	const lignes = decouperCsv(texte, separateur);
	const id = lignes.length ? identifierExport(lignes[0].cellules) : undefined;
	if (!id)
		return {
			ok: false,
			manque: 'forme',
			message: 'La première ligne n’identifie pas l’évaluation (« Evaluation cpfr »).'
		};
	const annee = anneeScolaire ?? anneeDansEntete(lignes);
	if (!annee)
		return {
			ok: false,
			manque: 'annee',
			message:
				'Le fichier ne dit pas de quelle année scolaire il s’agit : indiquez-la (par exemple 2024-2025).'
		};
	const iGroupes = lignes.findIndex(
		(l, i) => i > 0 && i < 10 && l.cellules.some((c) => /satisfaisant/i.test(c))
	);
	if (iGroupes < 0)
		return {
			ok: false,
			manque: 'forme',
			message:
				'Aucune des dix premières lignes ne porte les groupes (« Groupe à besoins », « Groupe fragile », « Groupe satisfaisant »).'
		};
	let iMarques = -1;
	for (let i = iGroupes + 1; i <= iGroupes + 3 && i < lignes.length; i++) {
		if (lignes[i].cellules.some((c) => c.includes('%') || /r[ée]pondant/i.test(c))) {
			iMarques = i;
			break;
		}
	}
	// The competence titles: the header line above the groups where most titles are known.
	let iTitres = -1;
	let meilleur = -1;
	for (let i = 1; i < iGroupes; i++) {
		const cellules = lignes[i].cellules.slice(2).filter((c) => c.trim() !== '');
		const connus = cellules.filter((c) =>
			competenceIdDepuisLibelle(id.niveau, id.discipline, c.trim())
		).length;
		const score = connus * 1000 + cellules.length;
		if (cellules.length > 0 && score > meilleur) {
			meilleur = score;
			iTitres = i;
		}
	}
	if (iTitres < 0)
		return {
			ok: false,
			manque: 'forme',
			message: 'Aucune ligne d’en-tête ne donne les titres des compétences.'
		};

	const titres = lignes[iTitres].cellules;
	const groupes = lignes[iGroupes].cellules;
	const marques = iMarques >= 0 ? lignes[iMarques].cellules : [];
	const largeur = Math.max(...lignes.slice(0, iGroupes + 4).map((l) => l.cellules.length));
	const debuts = titres
		.map((t, i) => ({ t: t.trim(), i }))
		.filter((x) => x.i >= 2 && x.t !== '' && !/^(comp[ée]tences?|exercices?)$/i.test(x.t));
	const blocs: Bloc[] = debuts.map((d, k) => {
		const fin = k + 1 < debuts.length ? debuts[k + 1].i : largeur;
		const effectifs: Partial<Record<Groupe, number>> = {};
		const pourcentages: Partial<Record<Groupe, number>> = {};
		let repondants: number | undefined;
		let courant: ReturnType<typeof groupeDe>;
		for (let c = d.i; c < fin; c++) {
			const g = (groupes[c] ?? '').trim();
			if (g !== '') courant = groupeDe(g);
			const marque = sansAccent((marques[c] ?? '').trim());
			if (/repondant/.test(marque) || courant === 'repondants') {
				if (repondants === undefined) repondants = c;
				continue;
			}
			if (!courant) continue;
			if (marque.includes('%')) pourcentages[courant] ??= c;
			else effectifs[courant] ??= c;
		}
		return {
			titre: d.t,
			competenceId: competenceIdDepuisLibelle(id.niveau, id.discipline, d.t),
			effectifs,
			pourcentages,
			repondants,
			debut: d.i,
			fin
		};
	});
	if (blocs.length === 0)
		return { ok: false, manque: 'forme', message: 'Aucun bloc de compétence n’a été trouvé.' };

	const avertissements: string[] = [];
	const sortie: string[] = [COLONNES_CANONIQUES.join(';')];
	const lignesTotal: number[] = [];
	let lignesEcoles = 0;
	let reconstitues = 0;
	const debutDonnees = Math.max(iGroupes, iMarques) + 1;
	for (const l of lignes.slice(debutDonnees)) {
		if (l.cellules.every((c) => c.trim() === '')) continue;
		if (estTotal(l)) {
			lignesTotal.push(l.ligne);
			continue;
		}
		lignesEcoles++;
		for (const b of blocs) {
			const cellules = l.cellules.slice(b.debut, b.fin);
			if (cellules.every((c) => c.trim() === '')) continue;
			const brut = (c: number | undefined) => (c === undefined ? '' : (l.cellules[c] ?? '').trim());
			const n = brut(b.repondants);
			const compte = (g: Groupe): string => {
				const direct = brut(b.effectifs[g]);
				if (b.effectifs[g] !== undefined) return direct;
				const p = nombre(brut(b.pourcentages[g]));
				const total = nombre(n);
				if (p !== undefined && total !== undefined) {
					reconstitues++;
					return String(Math.round((p * total) / 100));
				}
				return brut(b.pourcentages[g]);
			};
			const besoin = compte('besoin');
			const fragile = compte('fragile');
			const satisfaisant = compte('satisfaisant');
			const somme = [besoin, fragile, satisfaisant].map(nombre);
			const nEleves =
				n !== ''
					? n
					: somme.every((x) => x !== undefined)
						? String(somme.reduce((a, x) => a! + x!, 0))
						: '';
			sortie.push(
				[
					annee,
					(l.cellules[0] ?? '').trim(),
					id.niveau,
					id.discipline,
					b.competenceId ?? b.titre,
					b.titre,
					nEleves,
					besoin,
					fragile,
					satisfaisant,
					String(l.ligne)
				]
					.map(ecrireCellule)
					.join(';')
			);
		}
	}
	const inconnus = blocs.filter((b) => !b.competenceId).map((b) => `« ${b.titre} »`);
	if (inconnus.length)
		avertissements.push(
			`Compétence${inconnus.length > 1 ? 's' : ''} absente${inconnus.length > 1 ? 's' : ''} du catalogue : ${inconnus.join(', ')} ; ses lignes sont refusées.`
		);
	if (reconstitues)
		avertissements.push(
			`${reconstitues} effectifs de groupe ont été reconstitués à partir du pourcentage et du nombre de répondants (arrondis à l’élève).`
		);
	if (lignesTotal.length)
		avertissements.push(
			`${lignesTotal.length} ligne${lignesTotal.length > 1 ? 's' : ''} de total ignorée${lignesTotal.length > 1 ? 's' : ''} (ligne${lignesTotal.length > 1 ? 's' : ''} ${lignesTotal.join(', ')}) : Pilotage recalcule les totaux.`
		);
	return {
		ok: true,
		export: {
			niveau: id.niveau,
			discipline: id.discipline,
			annee,
			blocs,
			csv: `${sortie.join('\n')}\n`,
			lignesEcoles,
			lignesTotal,
			avertissements,
			lignesEntete: lignes[debutDonnees - 1]?.ligne ?? 0
		}
	};
}
