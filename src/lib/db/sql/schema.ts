import { identifiant, litteral } from './echappement';

/** DuckDB column types Pilotage uses. */
export type TypeSql = 'VARCHAR' | 'INTEGER' | 'DOUBLE' | 'BOOLEAN' | 'DATE';

export interface Colonne {
	readonly nom: string;
	readonly type: TypeSql;
}

export interface DefinitionTable {
	readonly nom: string;
	readonly colonnes: readonly Colonne[];
	/** Columns that identify a row: a newer import of the same key replaces the older row. */
	readonly cle: readonly string[];
}

const v = (nom: string): Colonne => ({ nom, type: 'VARCHAR' });
const i = (nom: string): Colonne => ({ nom, type: 'INTEGER' });
const d = (nom: string): Colonne => ({ nom, type: 'DOUBLE' });

/**
 * The data model (docs/modele-de-donnees.md). Every table also has `source` (which import or the
 * demo a row came from), so every figure can say where it comes from.
 */
export const TABLES = {
	circonscription: {
		nom: 'circonscription',
		colonnes: [v('code_circonscription'), v('libelle'), v('code_departement')],
		cle: ['code_circonscription']
	},
	ecole: {
		nom: 'ecole',
		colonnes: [
			v('uai'),
			v('nom'),
			v('type'),
			v('secteur'),
			v('code_commune'),
			v('commune'),
			v('code_departement'),
			v('code_circonscription'),
			v('groupe_proximite'),
			v('education_prioritaire'),
			{ nom: 'rural', type: 'BOOLEAN' },
			d('latitude'),
			d('longitude')
		],
		cle: ['uai']
	},
	college: {
		nom: 'college',
		colonnes: [
			v('uai'),
			v('nom'),
			v('code_commune'),
			v('commune'),
			v('code_departement'),
			v('education_prioritaire')
		],
		cle: ['uai']
	},
	reseau: {
		nom: 'reseau',
		colonnes: [v('reseau_id'), v('type'), v('libelle'), v('uai_tete')],
		cle: ['reseau_id']
	},
	reseau_membre: {
		nom: 'reseau_membre',
		colonnes: [v('reseau_id'), v('uai')],
		cle: ['reseau_id', 'uai']
	},
	ips: {
		nom: 'ips',
		colonnes: [v('annee_scolaire'), v('uai'), d('ips'), i('effectifs')],
		cle: ['annee_scolaire', 'uai']
	},
	/** IPS of a collège by year, with the published references when the release has them. */
	ips_college: {
		nom: 'ips_college',
		colonnes: [
			v('annee_scolaire'),
			v('uai'),
			v('secteur'),
			d('ips'),
			d('ecart_type_ips'),
			i('effectifs'),
			d('ips_france'),
			d('ips_academie'),
			d('ips_departement')
		],
		cle: ['annee_scolaire', 'uai']
	},
	effectifs_college: {
		nom: 'effectifs_college',
		colonnes: [
			v('annee_scolaire'),
			v('uai'),
			i('nb_eleves'),
			i('nb_segpa'),
			i('nb_ulis'),
			i('nb_6e'),
			i('nb_5e'),
			i('nb_4e'),
			i('nb_3e')
		],
		cle: ['annee_scolaire', 'uai']
	},
	/**
	 * The DEPP's value added of a collège at the brevet (IVAC), by session (2023 = 2022-2023):
	 * the success rate observed and its value added (observed − expected given the pupils), as
	 * published; the expected rate is their difference.
	 */
	valeur_ajoutee_college: {
		nom: 'valeur_ajoutee_college',
		colonnes: [
			v('annee_scolaire'),
			v('uai'),
			i('nb_candidats'),
			d('taux_reussite'),
			d('va_taux_reussite'),
			d('note_ecrit'),
			d('va_note_ecrit'),
			d('taux_acces_6e_3e')
		],
		cle: ['annee_scolaire', 'uai']
	},
	effectifs: {
		nom: 'effectifs',
		colonnes: [
			v('annee_scolaire'),
			v('uai'),
			i('nb_classes'),
			i('nb_eleves'),
			i('nb_preelementaire'),
			i('nb_elementaire'),
			i('nb_ulis'),
			i('nb_cp'),
			i('nb_ce1'),
			i('nb_ce2'),
			i('nb_cm1'),
			i('nb_cm2')
		],
		cle: ['annee_scolaire', 'uai']
	},
	evaluation: {
		nom: 'evaluation',
		colonnes: [
			v('annee_scolaire'),
			v('uai'),
			v('niveau'),
			v('discipline'),
			v('competence_id'),
			v('competence_libelle'),
			i('n_eleves'),
			i('n_besoin'),
			i('n_fragile'),
			i('n_satisfaisant')
		],
		cle: ['annee_scolaire', 'uai', 'niveau', 'competence_id']
	},
	evaluation_college: {
		nom: 'evaluation_college',
		colonnes: [
			v('annee_scolaire'),
			v('uai'),
			v('niveau'),
			v('discipline'),
			v('domaine_id'),
			v('domaine_libelle'),
			i('n_eleves'),
			d('score_moyen'),
			i('groupe_1'),
			i('groupe_2'),
			i('groupe_3'),
			i('groupe_4'),
			i('groupe_5'),
			i('groupe_6')
		],
		cle: ['annee_scolaire', 'uai', 'niveau', 'domaine_id']
	},
	reference: {
		nom: 'reference',
		colonnes: [
			v('annee_scolaire'),
			v('territoire'),
			v('code_territoire'),
			v('niveau'),
			v('discipline'),
			v('competence_id'),
			d('part_satisfaisant'),
			d('part_besoin')
		],
		cle: ['annee_scolaire', 'territoire', 'code_territoire', 'niveau', 'competence_id']
	},
	formation: {
		nom: 'formation',
		colonnes: [
			v('annee_scolaire'),
			v('identifiant_dispositif'),
			v('libelle_dispositif'),
			v('identifiant_module'),
			v('libelle_module'),
			v('type'),
			v('discipline'),
			v('theme'),
			{ nom: 'date', type: 'DATE' },
			d('duree_h'),
			v('modalite'),
			v('agent_id'),
			v('uai_ecole'),
			i('presence')
		],
		cle: ['identifiant_module', 'date', 'agent_id']
	},
	projet: {
		nom: 'projet',
		colonnes: [
			v('id'),
			v('niveau'),
			v('parent_id'),
			i('ordre'),
			v('libelle'),
			v('motif_sans_indicateur')
		],
		cle: ['id']
	},
	projet_indicateur: {
		nom: 'projet_indicateur',
		colonnes: [
			v('objectif_id'),
			v('indicateur'),
			v('niveau'),
			v('discipline'),
			v('competence_id'),
			v('theme')
		],
		cle: ['objectif_id', 'indicateur', 'niveau', 'discipline', 'competence_id', 'theme']
	},
	competence: {
		nom: 'competence',
		colonnes: [v('competence_id'), v('niveau'), v('discipline'), v('libelle'), i('ordre')],
		cle: ['competence_id']
	},
	/**
	 * Class results computed from a school's pupil-level export (`eleves-<uai>.csv`): one row per
	 * class × competence. Pupil rows are aggregated while the file is read and never stored: an
	 * académie-wide file of 20 M pupil rows would not fit twice in a tab's wasm memory, and the
	 * class view is their only reader. A newer import replaces a class's results, competence by
	 * competence.
	 */
	classe_resultat: {
		nom: 'classe_resultat',
		colonnes: [
			v('annee_scolaire'),
			v('uai'),
			v('classe'),
			v('niveau'),
			v('discipline'),
			v('competence_id'),
			i('n_eleves'),
			i('n_besoin'),
			i('n_fragile'),
			i('n_satisfaisant')
		],
		cle: ['annee_scolaire', 'uai', 'classe', 'competence_id']
	}
} as const satisfies Record<string, DefinitionTable>;

export type NomTable = keyof typeof TABLES;

export function creerTable(table: DefinitionTable): string {
	const colonnes = table.colonnes.map((c) => `${identifiant(c.nom)} ${c.type}`);
	return `CREATE TABLE IF NOT EXISTS ${identifiant(table.nom)} (${[...colonnes, '"source" VARCHAR'].join(', ')})`;
}

/** DDL of the whole model, one statement per table. */
export function creerSchema(): string[] {
	return [
		...Object.values(TABLES).map(creerTable),
		// Readers written before pupil rows were aggregated at import (the data inventory in
		// accueil.ts) still name `eleve_resultat`: a view keeps them working until they name
		// `classe_resultat`. Not in TABLES: nothing is ever written to it.
		'CREATE OR REPLACE VIEW "eleve_resultat" AS SELECT * FROM "classe_resultat"'
	];
}

/** A competence of the catalogue as the `competence` table holds it. */
export interface CompetenceCatalogue {
	readonly id: string;
	readonly niveau: string;
	readonly discipline: string;
	readonly libelle: string;
	readonly ordre: number;
}

/** The competence catalogue replaced by `competences` (src/lib/domain's, at start). */
export function remplirCatalogue(competences: readonly CompetenceCatalogue[]): string[] {
	const valeurs = competences.map(
		(c) =>
			`(${[c.id, c.niveau, c.discipline, c.libelle].map(litteral).join(', ')}, ${c.ordre}, 'catalogue')`
	);
	return ['DELETE FROM competence', `INSERT INTO competence VALUES ${valeurs.join(', ')}`];
}

/** Empties every table of imported data (the competence catalogue stays). */
export function viderTables(): string[] {
	return Object.values(TABLES)
		.filter((t) => t.nom !== 'competence')
		.map((t) => `DELETE FROM ${identifiant(t.nom)}`);
}

/**
 * Frees the blocks of the rows just deleted (viderTables). In memory, DuckDB keeps a deleted row
 * group until a checkpoint: the next import's rows were allocated beside the demo's, and the wasm
 * memory, which never shrinks, kept both (docs/banc.md, « Changé (session 10) »). Cheap once the
 * tables are empty (it also compresses what remains: ≈ 0.3 s on the full demo, hence not after
 * every import). Never inside a transaction: DuckDB refuses it there.
 */
export const LIBERER_SUPPRIMEES = 'CHECKPOINT';

/** The tables of imported data, whose rows a replay of the journal rebuilds (not the catalogue). */
export const TABLES_DONNEES: readonly NomTable[] = (Object.keys(TABLES) as NomTable[]).filter(
	(nom) => nom !== 'competence'
);

/**
 * Every row of one table of the model, in its columns' order (kept at the end of a change), or
 * those whose `rowid` lies in [debut, fin).
 */
export function lireTable(nom: NomTable, lot?: { debut: number; fin: number }): string {
	const rows = lot ? ` WHERE rowid >= ${lot.debut} AND rowid < ${lot.fin}` : '';
	return `SELECT * FROM ${identifiant(TABLES[nom].nom)}${rows}`;
}

/** One table's row count (`n`) and its last `rowid` (`dernier`, -1 when empty). */
export function bornesTable(nom: NomTable): string {
	return `SELECT count(*)::INTEGER AS n, coalesce(max(rowid), -1)::DOUBLE AS dernier
	FROM ${identifiant(TABLES[nom].nom)}`;
}

/** The number of rows of one table of the model, as `n`. */
export function compterTable(nom: NomTable): string {
	return `SELECT count(*)::INTEGER AS n FROM ${identifiant(TABLES[nom].nom)}`;
}
