/**
 * An accompaniment's file read back (`$lib/exports/accompagnement.ts` writes it) and compared with
 * the one this browser holds. Pure: the import page calls it, `Accompagnements.remplacer` stores
 * what the user chose. A damaged file, or one made by a newer version of the format, is refused
 * with a French message before anything is changed.
 */
import {
	CHAMPS_ACTION,
	CHAMPS_INDICATEUR,
	COLONNES_ACCOMPAGNEMENT_V1,
	FORMAT_ACCOMPAGNEMENT,
	RUBRIQUES,
	VERSION_FORMAT_ACCOMPAGNEMENT
} from '$lib/exports/accompagnement';
import {
	anneeScolaireDe,
	CHAMPS_TEXTE,
	ETATS,
	signatureDe,
	signerSansSignature,
	type Accompagnement,
	type ChampTexte,
	type EtatAccompagnement,
	type IndicateurProgres,
	type LigneAction
} from './accompagnement.svelte';
import { anneeValide } from './plan.svelte';
import {
	celluleBrute,
	colonnesEntete,
	comparerElements,
	fusionnerElements,
	lireCsvDocument,
	refus,
	type Choix,
	type Difference,
	type ElementDocument
} from './documents-fichier';

export interface FichierAccompagnement {
	accompagnement: Accompagnement;
	exporte_par: string;
	exporte_le: string;
}

export type LectureAccompagnement =
	{ ok: true; fichier: FichierAccompagnement } | { ok: false; message: string };

/** True when a CSV's first line is an accompaniment file's header. */
export function estEnteteDAccompagnement(premiereLigne: string): boolean {
	const entete = colonnesEntete(premiereLigne);
	return (
		entete.includes('format') && entete.includes('accompagnement_id') && entete.includes('rubrique')
	);
}

/** A cell as written: free texts keep their own spaces and line breaks. */
const cellule = celluleBrute;

export function lireFichierAccompagnement(texte: string): LectureAccompagnement {
	const lu = lireCsvDocument(texte, {
		format: FORMAT_ACCOMPAGNEMENT,
		version: VERSION_FORMAT_ACCOMPAGNEMENT,
		reconnue: 'accompagnement_id',
		// Format 1 files have no item signatures: their items carry the record's (`signatureDe`).
		colonnes: COLONNES_ACCOMPAGNEMENT_V1,
		mots: { un: 'un accompagnement', de: 'd’accompagnement', ce: 'Cet accompagnement' }
	});
	if (!lu.ok) return lu;
	const { premiere } = lu;
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
		modifie_le: cellule(premiere.modifie_le).trim(),
		signatures: {}
	};
	const champsFiche = new Set<string>(CHAMPS_TEXTE.map(([c]) => c));
	const champsAction = new Set<string>(CHAMPS_ACTION.map(([c]) => c));
	const champsIndicateur = new Set<string>(CHAMPS_INDICATEUR.map(([c]) => c));
	const actions = new Map<string, LigneAction & { ordre: number }>();
	const indicateurs = new Map<string, IndicateurProgres & { ordre: number }>();
	const competences: { competence_id: string; libelle: string; ordre: number }[] = [];
	for (const [i, l] of lu.lignes.entries()) {
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
		const signe = { le: cellule(l.element_modifie_le).trim(), par: cellule(l.element_modifie_par) };
		const signer = (element: string) => {
			if (signe.le) a.signatures[element] = { le: signe.le, par: signe.par.trim() };
		};
		if (rubrique === RUBRIQUES.fiche) {
			if (!champsFiche.has(champ)) return endommage(`le champ « ${champ} » est inconnu`);
			signer(`fiche:${champ}`);
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
			signer(`${rubrique}:${ligneId}`);
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
	signerSansSignature(a);
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
// Comparing and merging, item by item, as the other documents of pilotage

/**
 * An accompaniment seen as the items of a document (`./documents-fichier.ts`): each field of its
 * fiche, each action, each indicateur de progrès, each signed by who changed it last (records and
 * format 1 files, which have no item signatures, sign every item with the record's author and
 * last change): for an item both sides changed, the merge proposes the one changed last.
 */
export interface ElementAccompagnement extends ElementDocument {
	rubrique: 'fiche' | 'action' | 'indicateur';
	/** Its French name: « problématique 1 », « action », « indicateur de progrès ». */
	nom: string;
	/** A fiche field's text. */
	texte?: string;
	quoi?: string;
	qui?: string;
	quand?: string;
	competence_id?: string;
	libelle?: string;
	cible?: string;
}

export const CHAMPS_ELEMENT_ACCOMPAGNEMENT: readonly [keyof ElementAccompagnement, string][] = [
	['texte', 'texte'],
	['quoi', 'quoi'],
	['qui', 'qui'],
	['quand', 'quand'],
	['competence_id', 'compétence'],
	['cible', 'progrès attendu']
];

/** The items of an accompaniment; an empty fiche field is no item (nothing to add or keep). */
export function elementsAccompagnement(a: Accompagnement): ElementAccompagnement[] {
	const signe = (id: string) => {
		const s = signatureDe(a, id);
		return { modifie_le: s.le, modifie_par: s.par };
	};
	return [
		...CHAMPS_TEXTE.filter(([champ]) => a[champ].trim()).map(([champ, nom]) => ({
			id: `fiche:${champ}`,
			rubrique: 'fiche' as const,
			nom,
			texte: a[champ].trim(),
			...signe(`fiche:${champ}`)
		})),
		...a.actions.map((l) => ({
			id: `action:${l.id}`,
			rubrique: 'action' as const,
			nom: 'action',
			quoi: l.quoi,
			qui: l.qui,
			quand: l.quand,
			...signe(`action:${l.id}`)
		})),
		...a.indicateurs.map((l) => ({
			id: `indicateur:${l.id}`,
			rubrique: 'indicateur' as const,
			nom: 'indicateur de progrès',
			competence_id: l.competence_id,
			libelle: l.libelle,
			cible: l.cible,
			...signe(`indicateur:${l.id}`)
		}))
	];
}

/** What an item says, in one line (the comparison shows it beside its name). */
export function resumeElementAccompagnement(x: ElementAccompagnement): string {
	if (x.rubrique === 'fiche') return x.texte ?? '';
	if (x.rubrique === 'action') return [x.quoi, x.qui, x.quand].filter(Boolean).join(' · ');
	return [x.libelle || x.competence_id, x.cible].filter(Boolean).join(' : ');
}

export type DifferenceAccompagnement = Difference<ElementAccompagnement>;

/** What the file changes, item by item; empty when they say the same. */
export function comparerAccompagnements(
	mien: Accompagnement,
	autre: Accompagnement
): DifferenceAccompagnement[] {
	return comparerElements(
		elementsAccompagnement(mien),
		elementsAccompagnement(autre),
		CHAMPS_ELEMENT_ACCOMPAGNEMENT
	);
}

/**
 * This browser's accompaniment with each difference resolved as chosen: its fiche fields, actions
 * and indicateurs rebuilt from the merged items; the competences offered to the indicators, both
 * sides'.
 */
export function fusionnerAccompagnements(
	mien: Accompagnement,
	autre: Accompagnement,
	choix: ReadonlyMap<string, Choix>,
	maintenant: string
): Accompagnement {
	const elements = fusionnerElements(
		elementsAccompagnement(mien),
		elementsAccompagnement(autre),
		choix,
		CHAMPS_ELEMENT_ACCOMPAGNEMENT,
		(x) => x.rubrique
	);
	const fusion: Accompagnement = structuredClone(mien);
	for (const [champ] of CHAMPS_TEXTE) {
		const texte = elements.find((e) => e.id === `fiche:${champ}`)?.texte ?? '';
		if (champ === 'etat') {
			if (ETATS.includes(texte as EtatAccompagnement)) fusion.etat = texte as EtatAccompagnement;
		} else if (champ === 'annee_scolaire') {
			if (anneeValide(texte)) fusion.annee_scolaire = texte;
		} else fusion[champ] = texte;
	}
	const sans = (id: string) => id.slice(id.indexOf(':') + 1);
	fusion.actions = elements
		.filter((e) => e.rubrique === 'action')
		.map((e) => ({ id: sans(e.id), quoi: e.quoi ?? '', qui: e.qui ?? '', quand: e.quand ?? '' }));
	fusion.indicateurs = elements
		.filter((e) => e.rubrique === 'indicateur')
		.map((e) => ({
			id: sans(e.id),
			competence_id: e.competence_id ?? '',
			libelle: e.libelle ?? '',
			cible: e.cible ?? ''
		}));
	const ids = new Set(mien.competences.map((c) => c.competence_id));
	fusion.competences = [
		...mien.competences,
		...autre.competences.filter((c) => !ids.has(c.competence_id))
	].map((c) => ({ ...c }));
	// Each item keeps the signature of the side it was taken from.
	fusion.signatures = Object.fromEntries(
		elements.map((e) => [e.id, { le: e.modifie_le, par: e.modifie_par }])
	);
	fusion.modifie_le = maintenant;
	return fusion;
}
