// Les données d'une académie réelle, livrées avec l'application construite (PILOTAGE_DONNEES) :
// chaque fichier du dossier est reconnu à ses en-têtes et importé en entier, comme un import de
// l'utilisateur, dans un moteur Node. Un fichier non reconnu, refusé ou dont une ligne est
// refusée arrête la construction : l'application ne part jamais avec une académie incomplète.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ouvrirMoteurNode } from '$lib/db/node';
import { initialiserSchema } from '$lib/db/schema';
import { chiffresAcademie } from '$lib/db/sql/accueil';
import type { Moteur } from '$lib/db/types';
import type { ChiffresAcademie } from '$lib/demarrage/chiffres';
import type { IdGenre } from './genres';
import { importer } from './importer';
import type { RapportImport } from './rapport';

/** One file of the académie, as the browser loads it again (its kind, its place in the order). */
export interface FichierAcademie {
	readonly nom: string;
	readonly genre: IdGenre;
	readonly acceptees: number;
}

/** What the build ships beside the files: enough to load them and to say what they are. */
export interface ManifesteAcademie {
	/** « Dijon » (PILOTAGE_ACADEMIE), or null. */
	readonly nom: string | null;
	/** YYYY-MM-DD: the date of the newest file (its modification time). */
	readonly miseAJour: string;
	/** In the order the browser loads them (by name). */
	readonly fichiers: readonly FichierAcademie[];
	/** The home page's figures, computed on these files with the browser's SQL. */
	readonly chiffres: ChiffresAcademie;
}

/** Why the académie cannot be built: one French line per file at fault. */
export class ErreurDonneesAcademie extends Error {
	override name = 'ErreurDonneesAcademie';
	constructor(readonly problemes: readonly string[]) {
		super(
			`Les données de l’académie ne peuvent pas être livrées avec l’application :\n${problemes
				.map((p) => `  - ${p}`)
				.join('\n')}`
		);
	}
}

/** The files of `dossier` that are data: hidden files and notes (*.md, *.txt) are left out. */
export function fichiersDuDossier(dossier: string): string[] {
	return readdirSync(dossier)
		.filter((f) => !f.startsWith('.') && !/\.(md|txt)$/i.test(f))
		.filter((f) => statSync(join(dossier, f)).isFile())
		.sort();
}

/** Why a file that did not load rows cannot be shipped, in French. */
export function motifRefus(r: RapportImport): string | null {
	if (r.statut === 'importe' && r.rejetees === 0 && r.acceptees > 0) return null;
	const nom = r.fichier;
	switch (r.statut) {
		case 'inconnu':
			return `${nom} : fichier non reconnu, ses en-têtes ne sont ceux d’aucun fichier que Pilotage lit (${r.entete.slice(0, 6).join(', ')}${r.entete.length > 6 ? '…' : ''}).`;
		case 'ambigu':
			return `${nom} : fichier ambigu, ses en-têtes conviennent à plusieurs genres (${r.candidats.map((c) => c.libelle).join(', ')}).`;
		case 'a_preciser':
			return `${nom} : l’année scolaire de cet export n’est pas dite dans le fichier.`;
		case 'verifie':
			return `${nom} : fichier reconnu (${r.libelleGenre}) mais Pilotage n’en charge aucune donnée.`;
		case 'importe': {
			if (r.acceptees === 0) return `${nom} : aucune ligne chargée. ${r.message}`;
			const premier = r.rejets[0];
			const detail = premier?.problemes[0]
				? ` ; première : ligne ${premier.ligne ?? '?'}, colonne ${premier.problemes[0].colonne}, « ${premier.problemes[0].valeur ?? ''} » : ${premier.problemes[0].motif}`
				: '';
			return `${nom} : ${r.rejetees} ligne${r.rejetees > 1 ? 's' : ''} refusée${r.rejetees > 1 ? 's' : ''} (${r.libelleGenre})${detail}.`;
		}
		default:
			return `${nom} : ${r.message}`;
	}
}

/**
 * Imports every file of `dossier` (by name) into `moteur` with the importer of the app, and says
 * what the build ships. Throws `ErreurDonneesAcademie` naming every file at fault. Node only.
 */
export async function preparerAcademie(
	dossier: string,
	nom: string | null = null,
	moteur?: Moteur
): Promise<ManifesteAcademie> {
	let noms: string[];
	try {
		noms = fichiersDuDossier(dossier);
	} catch {
		throw new ErreurDonneesAcademie([`le dossier ${dossier} n’existe pas ou ne se lit pas.`]);
	}
	if (noms.length === 0)
		throw new ErreurDonneesAcademie([
			`le dossier ${dossier} ne contient aucun fichier de données.`
		]);
	if (!moteur) {
		moteur = await ouvrirMoteurNode();
		await initialiserSchema(moteur);
	}
	const problemes: string[] = [];
	const fichiers: FichierAcademie[] = [];
	let plusRecent = 0;
	for (const f of noms) {
		const chemin = join(dossier, f);
		plusRecent = Math.max(plusRecent, statSync(chemin).mtimeMs);
		const r = await importer(
			moteur,
			{ nom: f, contenu: new Uint8Array(readFileSync(chemin)) },
			{ source: f, maxRejets: 5, exemples: 1 }
		);
		const motif = motifRefus(r);
		if (motif || !r.genre) problemes.push(motif ?? `${f} : genre inconnu.`);
		else fichiers.push({ nom: f, genre: r.genre, acceptees: r.acceptees });
	}
	if (problemes.length) throw new ErreurDonneesAcademie(problemes);
	const [chiffres] = await moteur.lignes<ChiffresAcademie>(chiffresAcademie());
	return {
		nom,
		miseAJour: new Date(plusRecent).toISOString().slice(0, 10),
		fichiers,
		chiffres: { ...chiffres }
	};
}
