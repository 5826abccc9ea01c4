import { identifiant, litteral } from './echappement';
import { TABLES, type DefinitionTable } from './schema';

/** Cells that open-data files and Excel use for "no value". */
export const VALEURS_MANQUANTES = ['', 'NS', 'ND', '-', 'NA', 'nd', 'ns'] as const;

const nullstr = `[${VALEURS_MANQUANTES.map(litteral).join(', ')}]`;

/** `read_csv` of a `;`-separated file whose every column is read as text, to be cast by us. */
export function lireCsvTexte(fichier: string): string {
	return `read_csv(${litteral(fichier)}, delim=';', header=true, all_varchar=true, quote='"', nullstr=${nullstr}, null_padding=false)`;
}

function colonnesListe(table: DefinitionTable): string {
	return [...table.colonnes.map((c) => identifiant(c.nom)), '"source"'].join(', ');
}

function conversion(nom: string, type: string): string {
	const col = identifiant(nom);
	switch (type) {
		case 'VARCHAR':
			return col;
		case 'BOOLEAN':
			return `CASE WHEN lower(${col}) IN ('1', 'oui', 'true', 'vrai') THEN true WHEN lower(${col}) IN ('0', 'non', 'false', 'faux') THEN false END`;
		case 'DATE':
			return `COALESCE(TRY_CAST(${col} AS DATE), TRY_STRPTIME(${col}, '%d/%m/%Y')::DATE)`;
		default:
			return `CAST(replace(${col}, ',', '.') AS ${type})`;
	}
}

/**
 * Replaces rows of `table` by those of `staging` that share their key, then inserts the others:
 * a newer import of the same school/year/competence wins, and re-importing a file changes nothing.
 */
export function remplacerDepuis(table: DefinitionTable, staging: string): string[] {
	const cle = table.cle.map(identifiant);
	const egal = cle.map((c) => `t.${c} IS NOT DISTINCT FROM s.${c}`).join(' AND ');
	return [
		`DELETE FROM ${identifiant(table.nom)} AS t WHERE EXISTS (SELECT 1 FROM ${identifiant(staging)} AS s WHERE ${egal})`,
		`INSERT INTO ${identifiant(table.nom)} (${colonnesListe(table)}) SELECT ${colonnesListe(table)} FROM ${identifiant(staging)}`
	];
}

/**
 * Loads a file in one of Pilotage's own formats (docs/formats.md), whose headers are the table's
 * column names, into a staging table typed like the target.
 */
export function stagingCanonique(table: DefinitionTable, fichier: string, source: string): string {
	const selection = table.colonnes.map(
		(c) => `${conversion(c.nom, c.type)} AS ${identifiant(c.nom)}`
	);
	return `CREATE OR REPLACE TEMP TABLE ${identifiant(`staging_${table.nom}`)} AS SELECT ${selection.join(', ')}, ${litteral(source)} AS "source" FROM ${lireCsvTexte(fichier)}`;
}

/** IPS des écoles as published (field-name header style), `NS` read as missing. */
export function stagingIpsOpenData(fichier: string, source: string): string {
	return `CREATE OR REPLACE TEMP TABLE "staging_ips" AS SELECT rentree_scolaire AS annee_scolaire, upper(trim(uai)) AS uai, TRY_CAST(replace(ips, ',', '.') AS DOUBLE) AS ips, TRY_CAST(TRY_CAST(replace(effectifs, ',', '.') AS DOUBLE) AS INTEGER) AS effectifs, ${litteral(source)} AS "source" FROM ${lireCsvTexte(fichier)}`;
}

/** Effectifs et nombre de classes des écoles as published (label headers, one rentrée year). */
export function stagingEffectifsOpenData(fichier: string, source: string): string {
	const n = (label: string) => `TRY_CAST(${identifiant(label)} AS INTEGER)`;
	return `CREATE OR REPLACE TEMP TABLE "staging_effectifs" AS SELECT
		${identifiant('Rentrée scolaire')} || '-' || (TRY_CAST(${identifiant('Rentrée scolaire')} AS INTEGER) + 1) AS annee_scolaire,
		upper(trim(${identifiant("Numéro de l'école")})) AS uai,
		${n('Nombre total de classes')} AS nb_classes,
		${n("Nombre total d'élèves")} AS nb_eleves,
		${n("Nombre d'élèves en pré-élémentaire hors ULIS")} AS nb_preelementaire,
		${n("Nombre d'élèves en élémentaire hors ULIS")} AS nb_elementaire,
		${n("Nombre d'élèves en ULIS")} AS nb_ulis,
		${n("Nombre d'élèves en CP hors ULIS")} AS nb_cp,
		${n("Nombre d'élèves en CE1 hors ULIS")} AS nb_ce1,
		${n("Nombre d'élèves en CE2 hors ULIS")} AS nb_ce2,
		${n("Nombre d'élèves en CM1 hors ULIS")} AS nb_cm1,
		${n("Nombre d'élèves en CM2 hors ULIS")} AS nb_cm2,
		${litteral(source)} AS "source"
	FROM ${lireCsvTexte(fichier)}`;
}

/** Network composition: one row per member gives both `reseau` and `reseau_membre`. */
export function stagingReseaux(fichier: string, source: string): string[] {
	return [
		`CREATE OR REPLACE TEMP TABLE "staging_reseaux_brut" AS SELECT * FROM ${lireCsvTexte(fichier)}`,
		`CREATE OR REPLACE TEMP TABLE "staging_reseau" AS SELECT reseau_id, any_value(type) AS type, any_value(libelle) AS libelle, any_value(uai_tete) AS uai_tete, ${litteral(source)} AS "source" FROM "staging_reseaux_brut" GROUP BY reseau_id`,
		`CREATE OR REPLACE TEMP TABLE "staging_reseau_membre" AS SELECT DISTINCT reseau_id, uai_membre AS uai, ${litteral(source)} AS "source" FROM "staging_reseaux_brut"`
	];
}

export const stagingDe = (table: DefinitionTable) => `staging_${table.nom}`;

export function supprimerStaging(table: DefinitionTable): string {
	return `DROP TABLE IF EXISTS ${identifiant(stagingDe(table))}`;
}

/** Empties every table of imported data (the competence catalogue stays). */
export function viderTables(): string[] {
	return Object.values(TABLES)
		.filter((t) => t.nom !== 'competence')
		.map((t) => `DELETE FROM ${identifiant(t.nom)}`);
}

export { TABLES };
