/**
 * A school package's rows: read from the sender's engine (`lireSectionsEcole`), loaded into the
 * recipient's (`chargerPaquet`), each section through its file kind as any import (same checks,
 * same tables). A section that does not load whole, or rows of another school than the
 * audience's, and the package is refused in French.
 */
import { sql, type Moteur } from '$lib/db';
import { GENRES_PAQUET } from '$lib/db/sql/paquet';
import type { importer as Importer } from '$lib/import';
import { csvSection, type Paquet, type SectionPaquet } from './paquet-fichier';

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
	const ecoles = await moteur.lignes<{ uai: string }>(sql.uaisEcolesChargees());
	if (ecoles.length !== 1 || ecoles[0].uai !== audience.id)
		throw new Error(
			`Ce paquet est destiné à l’école « ${audience.nom} » (${audience.id}) mais ne contient pas sa seule fiche : il ne peut pas être ouvert. Rien n’a été modifié.`
		);
}

/** The sections of a school's rows: one per file kind and import they came from. */
export async function lireSectionsEcole(m: Moteur, uai: string): Promise<SectionPaquet[]> {
	const sections: SectionPaquet[] = [];
	for (const genre of GENRES_PAQUET) {
		const lignes = await m.lignes<Record<string, string | null>>(sql.lignesPaquetEcole(genre, uai));
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
