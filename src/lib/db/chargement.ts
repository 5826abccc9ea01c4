import { COMPETENCES } from '$lib/domain/competences';
import { litteral } from './sql/echappement';
import { stagingClassesDepuisEleves } from './sql/import';
import {
	remplacerDepuis,
	stagingCanonique,
	stagingEffectifsOpenData,
	stagingIpsOpenData,
	stagingReseaux,
	supprimerStaging
} from './sql/chargement';
import { creerSchema, TABLES, type DefinitionTable } from './sql/schema';
import type { Moteur } from './types';

/** The file formats Pilotage can load directly (docs/formats.md, and two open-data files). */
export type FormatFichier =
	| 'ecoles'
	| 'circonscriptions'
	| 'colleges'
	| 'reseaux'
	| 'ips_open_data'
	| 'effectifs_open_data'
	| 'evaluations_ecoles'
	| 'evaluations_colleges'
	| 'references'
	| 'formations'
	| 'projet_academique'
	| 'projet_indicateurs'
	| 'eleves';

const CANONIQUE: Partial<Record<FormatFichier, DefinitionTable>> = {
	ecoles: TABLES.ecole,
	circonscriptions: TABLES.circonscription,
	colleges: TABLES.college,
	evaluations_ecoles: TABLES.evaluation,
	evaluations_colleges: TABLES.evaluation_college,
	references: TABLES.reference,
	formations: TABLES.formation,
	projet_academique: TABLES.projet,
	projet_indicateurs: TABLES.projet_indicateur
};

/** Creates every table and fills the competence catalogue from `src/lib/domain`. */
export async function initialiserSchema(moteur: Moteur): Promise<void> {
	for (const ddl of creerSchema()) await moteur.executer(ddl);
	const valeurs = COMPETENCES.map(
		(c) =>
			`(${[c.id, c.niveau, c.discipline, c.libelle].map(litteral).join(', ')}, ${c.ordre}, 'catalogue')`
	);
	await moteur.executer('DELETE FROM competence');
	await moteur.executer(`INSERT INTO competence VALUES ${valeurs.join(', ')}`);
}

function etapes(format: FormatFichier, fichier: string, source: string) {
	const canonique = CANONIQUE[format];
	if (canonique)
		return { staging: [stagingCanonique(canonique, fichier, source)], cibles: [canonique] };
	switch (format) {
		case 'ips_open_data':
			return { staging: [stagingIpsOpenData(fichier, source)], cibles: [TABLES.ips] };
		case 'effectifs_open_data':
			return { staging: [stagingEffectifsOpenData(fichier, source)], cibles: [TABLES.effectifs] };
		case 'eleves':
			// Pupil rows are stored as class results, as the importer does (schema.ts).
			return {
				staging: [stagingClassesDepuisEleves(fichier, source)],
				cibles: [TABLES.classe_resultat]
			};
		case 'reseaux':
			return {
				staging: stagingReseaux(fichier, source),
				cibles: [TABLES.reseau, TABLES.reseau_membre]
			};
		default:
			throw new Error(`invalid format: ${format}`);
	}
}

/**
 * Loads one registered file into its table(s) in a single transaction: a failure leaves every
 * earlier import as it was. Returns the number of rows the file brought.
 */
export async function chargerFichier(
	moteur: Moteur,
	fichier: string,
	format: FormatFichier,
	source: string
): Promise<number> {
	const { staging, cibles } = etapes(format, fichier, source);
	await moteur.executer('BEGIN TRANSACTION');
	try {
		for (const sql of staging) await moteur.executer(sql);
		const [{ n }] = await moteur.lignes<{ n: number }>({
			sql: `SELECT count(*) AS n FROM "staging_${cibles[cibles.length - 1].nom}"`,
			params: []
		});
		for (const cible of cibles) {
			for (const sql of remplacerDepuis(cible, `staging_${cible.nom}`)) await moteur.executer(sql);
		}
		await moteur.executer('COMMIT');
		return n;
	} catch (e) {
		await moteur.executer('ROLLBACK');
		throw e;
	} finally {
		for (const cible of cibles) await moteur.executer(supprimerStaging(cible));
	}
}
