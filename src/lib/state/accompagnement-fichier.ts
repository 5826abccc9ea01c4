/**
 * An accompaniment's file read back (`$lib/exports/accompagnement.ts` writes it) and compared with
 * the one this browser holds. Pure: the import page calls it, `Accompagnements.remplacer` stores
 * what the user chose. A damaged file, or one made by a newer version of the format, is refused
 * with a French message before anything is changed.
 */
import {
	CHAMPS_ACTION,
	CHAMPS_INDICATEUR,
	ENTETE_CSV_ACCOMPAGNEMENT,
	FORMAT_ACCOMPAGNEMENT,
	RUBRIQUES,
	VERSION_FORMAT_ACCOMPAGNEMENT
} from '$lib/exports/accompagnement';
import {
	anneeScolaireDe,
	CHAMPS_TEXTE,
	ETATS,
	type Accompagnement,
	type ChampTexte,
	type EtatAccompagnement,
	type IndicateurProgres,
	type LigneAction
} from './accompagnement.svelte';
import { anneeValide } from './plan.svelte';
import { celluleBrute, colonnesEntete, lireCsvExporte, motifErreurCsv } from './fichier-csv';

export interface FichierAccompagnement {
	accompagnement: Accompagnement;
	exporte_par: string;
	exporte_le: string;
}

export type LectureAccompagnement =
	{ ok: true; fichier: FichierAccompagnement } | { ok: false; message: string };

const RIEN = ' Rien n’a été modifié.';

/** True when a CSV's first line is an accompaniment file's header. */
export function estEnteteDAccompagnement(premiereLigne: string): boolean {
	const entete = colonnesEntete(premiereLigne);
	return (
		entete.includes('format') && entete.includes('accompagnement_id') && entete.includes('rubrique')
	);
}

const cellule = celluleBrute;

export function lireFichierAccompagnement(texte: string): LectureAccompagnement {
	const refus = (message: string): LectureAccompagnement => ({
		ok: false,
		message: message + RIEN
	});
	const lu = lireCsvExporte(texte);
	const colonnes = lu.meta.fields ?? [];
	if (!colonnes.includes('format') || !colonnes.includes('accompagnement_id')) {
		return refus('Ce fichier n’est pas un accompagnement exporté par Pilotage.');
	}
	const erreur = lu.errors[0];
	if (erreur) return refus(`Ce fichier d’accompagnement est endommagé${motifErreurCsv(erreur)}.`);
	const premiere = lu.data[0];
	if (!premiere)
		return refus('Ce fichier d’accompagnement ne contient aucune ligne : il est incomplet.');
	if (cellule(premiere.format).trim() !== FORMAT_ACCOMPAGNEMENT) {
		return refus('Ce fichier n’est pas un accompagnement exporté par Pilotage.');
	}
	const version = Number(cellule(premiere.version_format).trim());
	if (!Number.isInteger(version) || version < 1) {
		return refus('Ce fichier d’accompagnement est endommagé : sa version de format est illisible.');
	}
	if (version > VERSION_FORMAT_ACCOMPAGNEMENT) {
		return refus(
			`Cet accompagnement a été enregistré par une version plus récente de Pilotage (format ${version}, ` +
				`celle-ci lit le format ${VERSION_FORMAT_ACCOMPAGNEMENT}) : mettez Pilotage à jour pour l’importer.`
		);
	}
	const manquantes = ENTETE_CSV_ACCOMPAGNEMENT.filter((c) => !colonnes.includes(c));
	if (manquantes.length) {
		return refus(
			`Ce fichier d’accompagnement est endommagé : ${manquantes.length > 1 ? 'les colonnes' : 'la colonne'} ` +
				`${manquantes.map((c) => `« ${c} »`).join(', ')} ${manquantes.length > 1 ? 'manquent' : 'manque'}.`
		);
	}
	const id = cellule(premiere.accompagnement_id).trim();
	const uai = cellule(premiere.uai).trim().toUpperCase();
	if (!id || !/^\d{7}[A-Z]$/.test(uai)) {
		return refus(
			'Ce fichier d’accompagnement est endommagé : son identifiant ou l’UAI de l’école est illisible.'
		);
	}
	const a: Accompagnement = {
		id,
		uai,
		ecole: cellule(premiere.ecole).trim(),
		commune: cellule(premiere.commune).trim(),
		circonscription: cellule(premiere.circonscription).trim(),
		origine: '',
		diagnostic: '',
		signaux: '',
		problematique_1: '',
		problematique_2: '',
		contrat_duree: '',
		contrat_roles: '',
		contrat_evaluation: '',
		recommandations: '',
		etat: 'en préparation',
		auteur: '',
		annee_scolaire: anneeScolaireDe(cellule(premiere.cree_le).trim()),
		actions: [],
		indicateurs: [],
		competences: [],
		cree_le: cellule(premiere.cree_le).trim(),
		modifie_le: cellule(premiere.modifie_le).trim()
	};
	const champsFiche = new Set<string>(CHAMPS_TEXTE.map(([c]) => c));
	const champsAction = new Set<string>(CHAMPS_ACTION.map(([c]) => c));
	const champsIndicateur = new Set<string>(CHAMPS_INDICATEUR.map(([c]) => c));
	const actions = new Map<string, LigneAction & { ordre: number }>();
	const indicateurs = new Map<string, IndicateurProgres & { ordre: number }>();
	const competences: { competence_id: string; libelle: string; ordre: number }[] = [];
	for (const [i, l] of lu.data.entries()) {
		const endommage = (quoi: string) =>
			refus(`Ce fichier d’accompagnement est endommagé (ligne ${i + 2}) : ${quoi}.`);
		if (cellule(l.accompagnement_id).trim() !== id) {
			return endommage('elle appartient à un autre accompagnement que la première');
		}
		const rubrique = cellule(l.rubrique).trim();
		const champ = cellule(l.champ).trim();
		const valeur = cellule(l.valeur);
		const ligneId = cellule(l.ligne_id).trim();
		const ordre = Number(cellule(l.ordre).trim()) || 0;
		if (rubrique === RUBRIQUES.fiche) {
			if (!champsFiche.has(champ)) return endommage(`le champ « ${champ} » est inconnu`);
			if (champ === 'etat') {
				if (!ETATS.includes(valeur.trim() as EtatAccompagnement)) {
					return endommage(
						`l’état « ${valeur} » n’est pas un de ceux de Pilotage (${ETATS.join(', ')})`
					);
				}
				a.etat = valeur.trim() as EtatAccompagnement;
			} else if (champ === 'annee_scolaire') {
				// Files written before the start year existed keep the year they were opened.
				if (anneeValide(valeur.trim())) a.annee_scolaire = valeur.trim();
			} else a[champ as Exclude<ChampTexte, 'etat' | 'annee_scolaire'>] = valeur;
		} else if (rubrique === RUBRIQUES.action || rubrique === RUBRIQUES.indicateur) {
			if (!ligneId) return endommage('la ligne n’a pas d’identifiant');
			if (rubrique === RUBRIQUES.action) {
				if (!champsAction.has(champ)) return endommage(`le champ « ${champ} » est inconnu`);
				const x = actions.get(ligneId) ?? { id: ligneId, quoi: '', qui: '', quand: '', ordre };
				x[champ as 'quoi' | 'qui' | 'quand'] = valeur;
				actions.set(ligneId, x);
			} else {
				if (!champsIndicateur.has(champ)) return endommage(`le champ « ${champ} » est inconnu`);
				const x = indicateurs.get(ligneId) ?? {
					id: ligneId,
					competence_id: '',
					libelle: '',
					cible: '',
					ordre
				};
				x[champ as 'competence_id' | 'libelle' | 'cible'] = valeur;
				indicateurs.set(ligneId, x);
			}
		} else if (rubrique === RUBRIQUES.competence) {
			if (!ligneId) return endommage('la compétence n’a pas d’identifiant');
			competences.push({ competence_id: ligneId, libelle: valeur, ordre });
		} else return endommage(`la rubrique « ${rubrique} » est inconnue`);
	}
	const sansOrdre = <T extends { ordre: number }>(xs: Iterable<T>) =>
		[...xs].sort((x, y) => x.ordre - y.ordre).map(({ ordre: _, ...reste }) => reste);
	a.actions = sansOrdre(actions.values());
	a.indicateurs = sansOrdre(indicateurs.values());
	a.competences = sansOrdre(competences);
	return {
		ok: true,
		fichier: {
			accompagnement: a,
			exporte_par: cellule(premiere.exporte_par).trim(),
			exporte_le: cellule(premiere.exporte_le).trim()
		}
	};
}

// ---------------------------------------------------------------------------------------------
// Comparing

export interface DifferenceAccompagnement {
	/** Seen from this browser: « ajoutée » is in the file only, « retirée » in this browser only. */
	nature: 'ajoutee' | 'modifiee' | 'retiree';
	/** « origine de la demande », « action », « indicateur de progrès ». */
	quoi: string;
	mienne: string;
	autre: string;
}

const texteAction = (l: LigneAction) => [l.quoi, l.qui, l.quand].filter(Boolean).join(' · ');
const texteIndicateur = (l: IndicateurProgres) =>
	[l.libelle || l.competence_id, l.cible].filter(Boolean).join(' : ');

function comparerLignes<T extends { id: string }>(
	quoi: string,
	miennes: readonly T[],
	autres: readonly T[],
	texte: (l: T) => string
): DifferenceAccompagnement[] {
	const parId = new Map(miennes.map((l) => [l.id, l]));
	const ids = new Set(autres.map((l) => l.id));
	const d: DifferenceAccompagnement[] = [];
	for (const l of autres) {
		const m = parId.get(l.id);
		if (!m) d.push({ nature: 'ajoutee', quoi, mienne: '', autre: texte(l) });
		else if (texte(m) !== texte(l) || JSON.stringify(m) !== JSON.stringify(l)) {
			d.push({ nature: 'modifiee', quoi, mienne: texte(m), autre: texte(l) });
		}
	}
	for (const m of miennes) {
		if (!ids.has(m.id)) d.push({ nature: 'retiree', quoi, mienne: texte(m), autre: '' });
	}
	return d;
}

/** What the file changes, field by field then row by row; empty when they say the same. */
export function comparerAccompagnements(
	mien: Accompagnement,
	autre: Accompagnement
): DifferenceAccompagnement[] {
	const d: DifferenceAccompagnement[] = [];
	for (const [champ, libelle] of CHAMPS_TEXTE) {
		const x = mien[champ].trim();
		const y = autre[champ].trim();
		if (x === y) continue;
		d.push({
			nature: !x ? 'ajoutee' : !y ? 'retiree' : 'modifiee',
			quoi: libelle,
			mienne: x,
			autre: y
		});
	}
	d.push(...comparerLignes('action', mien.actions, autre.actions, texteAction));
	d.push(
		...comparerLignes('indicateur de progrès', mien.indicateurs, autre.indicateurs, texteIndicateur)
	);
	return d;
}
