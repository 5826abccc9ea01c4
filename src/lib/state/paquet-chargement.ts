/**
 * A package's rows: read from the sender's engine (`lireSections`), loaded into the recipient's
 * (`chargerPaquet`), each section through its file kind as any import (same checks, same
 * tables). A section that does not load whole, or schools loaded other than exactly the
 * audience's, and the package is refused in French.
 */
import { sql, type Moteur } from '$lib/db';
import { GENRES_PAQUET } from '$lib/db/sql/paquet';
import type { importer as Importer } from '$lib/import';
import { csvSection, destinataire, type Paquet, type SectionPaquet } from './paquet-fichier';

export async function chargerPaquet(
	moteur: Moteur,
	paquet: Paquet,
	importer: typeof Importer
): Promise<void> {
	const { audience } = paquet.entete;
	const sections = [...paquet.sections].sort(
		(a, b) => GENRES_PAQUET.indexOf(a.genre) - GENRES_PAQUET.indexOf(b.genre)
	);
	for (const section of sections) {
		const rapport = await importer(
			moteur,
			{ nom: `${section.genre}.csv`, contenu: new TextEncoder().encode(section.csv) },
			{ source: section.source, genre: section.genre, maxRejets: 1, exemples: 1 }
		);
		if (rapport.statut !== 'importe' || rapport.acceptees === 0 || rapport.rejetees > 0)
			throw new Error(
				`Ce paquet de données est abîmé : sa partie « ${rapport.libelleGenre ?? section.genre} » ne se charge pas (${rapport.message}). Rien n’a été modifié.`
			);
	}
	// Exactly the audience's schools: none missing (a page would read an empty school), none more
	// (a school outside the network or circonscription would be read as one of its own).
	const chargees = (await moteur.lignes<{ uai: string }>(sql.uaisEcolesChargees())).map(
		(e) => e.uai
	);
	const attendues = new Set(audience.ecoles);
	const autre = chargees.find((u) => !attendues.has(u));
	if (autre !== undefined)
		throw new Error(
			`Ce paquet est destiné à ${destinataire(audience)} mais contient l’école ${autre}, qui n’en fait pas partie : il ne peut pas être ouvert. Rien n’a été modifié.`
		);
	if (chargees.length !== attendues.size)
		throw new Error(
			audience.genre === 'ecole'
				? `Ce paquet est destiné à ${destinataire(audience)} mais ne contient pas sa seule fiche : il ne peut pas être ouvert. Rien n’a été modifié.`
				: `Ce paquet est destiné à ${destinataire(audience)} mais ne contient pas la fiche de chacune de ses écoles : il ne peut pas être ouvert. Rien n’a été modifié.`
		);
}

/** The sections of a school's rows: one per file kind and import they came from. */
export const lireSectionsEcole = (m: Moteur, uai: string) => lireSections(m, [uai]);

/** The sections of some schools' rows (an audience's): one per file kind and import. */
export async function lireSections(m: Moteur, uais: readonly string[]): Promise<SectionPaquet[]> {
	const sections: SectionPaquet[] = [];
	for (const genre of GENRES_PAQUET) {
		const lignes = await m.lignes<Record<string, string | null>>(sql.lignesPaquet(genre, uais));
		const parSource = new Map<string, Record<string, string | null>[]>();
		for (const { source, ...ligne } of lignes) {
			let rangees = parSource.get(source ?? '');
			if (!rangees) parSource.set(source ?? '', (rangees = []));
			rangees.push(ligne);
		}
		for (const [source, rangees] of parSource)
			sections.push({ genre, source, csv: csvSection(rangees) });
	}
	return sections;
}
