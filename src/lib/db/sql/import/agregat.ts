// L'import agrégé (fichiers élèves) : les lignes sont comptées par classe pendant la lecture,
// jamais gardées.
//
// A pupil file of an académie holds tens of millions of rows, and the class view is their only
// reader: its rows are counted per class while DuckDB reads the file, and only the counts are
// kept. One pass, no table of all the rows:
//
//   read_csv → row_number (streaming) → the rules of the fields checked row by row (the pupil's
//   id) → GROUP BY raw cells of the class key (a row with a problem: the row itself), each group
//   with the hashes of its valid rows' duplicate key
//
// A valid row falls into its class's group; a row with a problem is its own group (its rank,
// raw cells and reasons are the key), so the few bad rows come out with everything the report
// needs. The grouped fields' rules then run on the groups (few). The hashes of all groups are
// compared once: a hash seen twice makes a row-by-row reading of the file (creerAgregat, its
// second grouping set keeping the repeated hashes), then a third (creerDoublonsAgregat) finds
// the exact duplicates, which are refused and taken back out of their class's counts. Memory:
// the class groups (few), the bad rows (few) and one 64-bit hash per valid row (a grouping set
// that spills to disk instead of lists, on native DuckDB: see Passe).

import { identifiant as id, litteral as lit } from '../echappement';
import type { DefinitionTable } from '../schema';
import { col, motifChamp, motifControle, norme, valeurChamp } from './champs';
import { egaliteCle, memesValeurs } from './fusion';
import { cellulesBrutes, lignesNumerotees, lignesSansRang, niveaux, type Lecture } from './lecture';
import { tablesTemporaires, type Cible, type PlanImport } from './plan';
import { colonnesDoublon, partiesProblemes, refusees } from './rejets';
import { exprSource, gravitesDe, indexDe, v } from './regles';
import { comptesLecture, exemplesInconnus, valeursConnues } from './verification';

/**
 * The engine the fast pass runs on. `onglet` (DuckDB-wasm, one thread): the duplicate key's
 * hashes kept in each class group's list, compared once after the pass (one hash table a row
 * instead of two: the faster); each row numbered, so that a row with a problem is reported
 * without reading the file again. `natif` (`npm run agreger`, whose memory must not grow with the
 * file): the hashes seen twice kept by a second grouping set, which DuckDB spills to disk beyond
 * its memory limit (100 M rows under 2 GB were refused with the lists); and no numbering, a
 * window that ran the whole pass on one thread (15 M rows: 11.2 s numbered, 6.2 s not, on 2
 * threads): a row with a problem then makes the file read again row by row (`a_revoir`), with
 * its numbers.
 */
export type Passe = 'onglet' | 'natif';

/** Fields a class result is grouped on: those its columns come from, and those it counts on. */
export function champsAgreges(plan: PlanImport, cible: Cible): number[] {
	const index = indexDe(plan);
	const noms = new Set<string>();
	for (const s of Object.values(cible.colonnes)) {
		if ('champ' in s) noms.add(s.champ);
		if ('derivation' in s) s.champs.forEach((c) => noms.add(c));
	}
	for (const c of Object.values(cible.agregat?.comptes ?? {})) if (c.champ) noms.add(c.champ);
	return [...noms].map((n) => index.get(n)!).filter((k) => k !== undefined);
}

/**
 * Fields checked on the distinct values of their cells rather than on every row: those the
 * class results are grouped on, and those the controls and the scope read. The others (the
 * pupil's id) are checked row by row.
 */
function champsDeGroupe(plan: PlanImport, cible: Cible): Set<number> {
	const index = indexDe(plan);
	const ks = new Set(champsAgreges(plan, cible));
	const noms = [
		...plan.controles.flatMap((c) =>
			c.type === 'somme'
				? [...c.termes, c.total]
				: c.type === 'prefixe'
					? [c.champ, ...c.parties]
					: c.termes
		),
		...(plan.perimetre?.champs ?? [])
	];
	for (const n of noms) if (index.has(n)) ks.add(index.get(n)!);
	return new Set([...ks].filter((k) => plan.champs[k].colonne !== null));
}

/** The plan with some fields made absent (their rules then say nothing). */
function sansChamps(plan: PlanImport, absents: (k: number) => boolean): PlanImport {
	return {
		...plan,
		champs: plan.champs.map((c, k) => (absents(k) ? { ...c, colonne: null, requis: false } : c))
	};
}

/**
 * The fast pass over an aggregated file (pupil files), in two small steps instead of the rules
 * on every row. First, one streaming pass groups the rows on the raw cells of the grouped fields
 * (a class, a competence, a group: a few thousand distinct values for millions of rows), checks
 * the other fields (the pupil's id) row by row, keeps the rows where those fail as their own
 * groups, and keeps in each group the hashes of its valid rows' duplicate key (`hs`: raw cells
 * of grouped fields, checked value of the others). A second grouping set over those hashes (as
 * creerAgregat has) made every row go through two hash tables: at 1 M rows in Chromium the pass
 * took 1 100–1 490 ms, 910–970 ms with the lists, and comparing the hashes apart 170 ms.
 */
export function creerAgregatBrut(plan: PlanImport, cible: Cible, passe: Passe = 'onglet'): string {
	const t = tablesTemporaires(plan.prefixe);
	const groupes = champsDeGroupe(plan, cible);
	const ligne = { ...plan, controles: [], perimetre: undefined };
	const parLigne = new Set(plan.champs.map((_, k) => k).filter((k) => !groupes.has(k)));
	const colonnes = [...new Set([...groupes].map((k) => plan.champs[k].colonne!))]
		.sort((a, b) => a - b)
		.map(col);
	const brutes = cellulesBrutes(plan);
	const motifs = plan.champs.map((_, k) => (parLigne.has(k) ? motifChamp(k) : 'NULL'));
	const normes = plan.champs.map((_, k) => (parLigne.has(k) ? norme(k) : 'NULL'));
	const index = indexDe(plan);
	// The duplicate key of a valid row, hashed (raw cells of the grouped fields, checked values of
	// the others): kept in its group's list, compared across groups by verifierAgregatBrut.
	const cle = plan.cle.map((c) => {
		const k = index.get(c)!;
		return groupes.has(k) ? col(plan.champs[k].colonne!) : valeurChamp(k);
	});
	const detail = 'NOT vide AND (NOT sans_rejet OR averti)';
	const hr = cle.length
		? `CASE WHEN NOT vide AND sans_rejet THEN hash(${cle.join(', ')}) END`
		: 'NULL::UBIGINT';
	const selection = [
		...colonnes,
		'vide AS vide_ligne',
		'NOT vide AND NOT sans_rejet AS refus_ligne',
		`CASE WHEN ${detail} THEN rang END AS rang_p`,
		`CASE WHEN ${detail} THEN {
			'cellules': [${brutes.join(', ')}]::VARCHAR[],
			'motifs': [${motifs.join(', ')}]::VARCHAR[],
			'normes': [${normes.join(', ')}]::VARCHAR[]
		} END AS detail_p`,
		`${hr} AS ${passe === 'onglet' ? 'hr' : 'h'}`,
		'rang'
	];
	const groupe = [...colonnes, 'vide_ligne', 'refus_ligne', 'rang_p', 'detail_p'];
	const lignes = passe === 'onglet' ? lignesNumerotees(plan) : lignesSansRang(plan);
	const source = niveaux(ligne, lignes, '*', undefined, parLigne);
	if (passe === 'natif') return groupesEtDoublons(t.brut, groupe, selection, source);
	return `CREATE OR REPLACE TEMP TABLE ${id(t.brut)} AS
	SELECT ${groupe.join(', ')}, count(*) AS n, min(rang) AS premier,
		list(hr) FILTER (WHERE hr IS NOT NULL) AS hs
	FROM (
		SELECT ${selection.join(',\n\t\t\t')}
		FROM (${source})
	)
	GROUP BY ${groupe.join(', ')}`;
}

/**
 * The grouping of the row-by-row pass (creerAgregat): a group per value of `groupe` (each row
 * with a problem is its own), and the duplicate-key hashes `h` seen more than once (`doublon`).
 */
function groupesEtDoublons(
	table: string,
	groupe: readonly string[],
	selection: readonly string[],
	source: string
): string {
	return `CREATE OR REPLACE TEMP TABLE ${id(table)} AS
	SELECT ${groupe.join(', ')}, h,
		GROUPING(h) = 0 AS doublon, count(*) AS n, min(rang) AS premier
	FROM (
		SELECT ${selection.join(',\n\t\t\t')}
		FROM (${source})
	)
	GROUP BY GROUPING SETS ((${groupe.join(', ')}), (h))
	HAVING GROUPING(h) = 1 OR (h IS NOT NULL AND count(*) > 1)`;
}

/**
 * Second step of the fast pass: the rules of the grouped fields and the controls run on the
 * groups (small), the row-by-row reasons are merged in, and the result has the shape of
 * creerAgregat's table. Also `a_revoir`: a group with a problem that holds several rows (their
 * lines are not known), which makes the caller read the file again row by row (creerAgregat).
 */
export function creerAgregatDepuisBrut(
	plan: PlanImport,
	cible: Cible,
	passe: Passe = 'onglet'
): string {
	const t = tablesTemporaires(plan.prefixe);
	const groupes = champsDeGroupe(plan, cible);
	const ks = champsAgreges(plan, cible);
	const groupe = sansChamps(plan, (k) => !groupes.has(k));
	const presentes = new Set([...groupes].map((k) => plan.champs[k].colonne!));
	const hors = passe === 'onglet' ? 'hs' : 'h, doublon';
	const filtre = passe === 'onglet' ? '' : ' WHERE NOT doublon';
	const source = `(SELECT * EXCLUDE (${hors}), ${Array.from(
		{ length: plan.lecture.nbColonnes },
		(_, i) => i
	)
		.filter((i) => !presentes.has(i))
		.map((i) => `NULL::VARCHAR AS ${col(i)}`)
		.concat(['NULL::VARCHAR AS "_rien"'])
		.join(', ')} FROM ${id(t.brut)}${filtre})`;
	const motifs = [
		...plan.champs.map((_, k) => motifChamp(k)),
		...plan.controles.map((_, j) => motifControle(j))
	].map((m, i) => `coalesce(struct_extract(detail_p, 'motifs')[${i + 1}], ${m})`);
	const normes = plan.champs.map(
		(_, k) => `coalesce(struct_extract(detail_p, 'normes')[${k + 1}], ${norme(k)})`
	);
	const ok = `sans_rejet AND NOT refus_ligne`;
	const colonnes = [
		`CASE
			WHEN vide_ligne THEN 'vide'
			WHEN NOT dans_perimetre THEN 'hors'
			WHEN ${ok} THEN 'ok'
			ELSE 'refus'
		END AS etat`,
		...ks.map(
			(k) => `CASE WHEN dans_perimetre AND ${ok} THEN ${valeurChamp(k)} END AS ${valeurChamp(k)}`
		),
		`CASE WHEN dans_perimetre THEN rang_p END AS rang_p`,
		`CASE WHEN dans_perimetre AND rang_p IS NOT NULL THEN {
			'cellules': struct_extract(detail_p, 'cellules'),
			'motifs': [${motifs.join(', ')}]::VARCHAR[],
			'normes': [${normes.join(', ')}]::VARCHAR[],
			'ligne_source': NULL::BIGINT
		} END AS detail`,
		'NULL::UBIGINT AS h',
		'false AS doublon',
		'n',
		'premier',
		// A row with a problem but no rank (several alike, or not numbered: Passe).
		`dans_perimetre AND rang_p IS NULL
			AND (NOT sans_rejet OR averti OR detail_p IS NOT NULL) AS a_revoir`,
		// For the check that grouping on raw cells found every duplicate (verifierAgregatBrut).
		...plan.cle.flatMap((c) => {
			const k = indexDe(plan).get(c)!;
			const siValide = (x: string) => `CASE WHEN dans_perimetre AND ${ok} THEN ${x} END`;
			return groupes.has(k)
				? [
						`${siValide(col(plan.champs[k].colonne!))} AS ${id(`brut_${k}`)}`,
						`${siValide(valeurChamp(k))} AS ${id(`cle_${k}`)}`
					]
				: [];
		})
	];
	return `CREATE OR REPLACE TEMP TABLE ${id(t.agregat)} AS
	SELECT ${colonnes.join(',\n\t\t')}
	FROM (${niveaux(groupe, source, '*', 'vide_ligne')})`;
}

/**
 * Whether the fast pass's result stands: no group with a problem over several rows, no
 * repeated duplicate-key hash, and the grouped fields of the duplicate key normalised one to
 * one (two spellings of one school would hide a duplicate from the raw-cell hash).
 */
export function verifierAgregatBrut(
	plan: PlanImport,
	cible: Cible,
	passe: Passe = 'onglet'
): string {
	const t = tablesTemporaires(plan.prefixe);
	const groupes = champsDeGroupe(plan, cible);
	const index = indexDe(plan);
	const ks = plan.cle.map((c) => index.get(c)!).filter((k) => groupes.has(k));
	const bruts = ks.map((k) => id(`brut_${k}`));
	const cles = ks.map((k) => id(`cle_${k}`));
	const injectif = ks.length
		? `(
			SELECT count(DISTINCT [${bruts.join(', ')}]::VARCHAR[])
				= count(DISTINCT [${cles.join(', ')}]::VARCHAR[])
			FROM ${id(t.agregat)} WHERE etat = 'ok'
		)`
		: 'true';
	// A duplicate key's hash seen twice in the file. The tab's pass: one set of a hash per valid
	// row, built here from the groups' lists rather than as a second grouping set of the pass,
	// which made every row go through two hash tables; the native pass kept that grouping set
	// (Passe). A 64-bit hash of one key meeting another's makes a false alarm: the exact reading
	// that follows then finds no duplicate.
	const repetees =
		passe === 'onglet'
			? `SELECT count(*) - count(DISTINCT h) FROM (SELECT unnest(hs) AS h FROM ${id(t.brut)})`
			: `SELECT count(*) FROM ${id(t.brut)} WHERE doublon`;
	return `SELECT
		(${repetees}) AS cles_repetees,
		(SELECT count(*) FROM ${id(t.agregat)} WHERE a_revoir) AS a_revoir,
		${injectif} AS injectif`;
}

/**
 * The one pass over an aggregated file (see above). Columns: `etat` (`ok`, `refus`, `vide`,
 * `hors`), the grouped typed values `v_k` (valid rows), `rang_p` and `detail` (raw cells,
 * reasons, normalised values: rows with a problem or a warning), `n` and `premier` (first rank),
 * and, for the rows of the second grouping set (`doublon`), the repeated hash `h`.
 */
export function creerAgregat(
	plan: PlanImport,
	cible: Cible,
	lecture: Lecture = 'premiere'
): string {
	const t = tablesTemporaires(plan.prefixe);
	const index = indexDe(plan);
	const ks = champsAgreges(plan, cible);
	const brutes = cellulesBrutes(plan);
	const motifs = gravitesDe(plan).map((x) => x.m);
	const normes = plan.champs.map((_, k) => norme(k));
	const ok = 'dans_perimetre AND sans_rejet';
	const detail = 'dans_perimetre AND (NOT sans_rejet OR averti)';
	const cle = plan.cle.map((c) => v(index, c));
	const h = cle.length ? `CASE WHEN ${ok} THEN hash(${cle.join(', ')}) END` : 'NULL::UBIGINT';
	const colonnes = [
		`CASE
			WHEN vide THEN 'vide'
			WHEN NOT dans_perimetre THEN 'hors'
			WHEN sans_rejet THEN 'ok'
			ELSE 'refus'
		END AS etat`,
		...ks.map((k) => `CASE WHEN ${ok} THEN ${valeurChamp(k)} END AS ${valeurChamp(k)}`),
		`CASE WHEN ${detail} THEN rang END AS rang_p`,
		`CASE WHEN ${detail} THEN {
			'cellules': [${brutes.join(', ')}]::VARCHAR[],
			'motifs': [${motifs.join(', ')}]::VARCHAR[],
			'normes': [${normes.join(', ')}]::VARCHAR[],
			'ligne_source': ligne_source
		} END AS detail`,
		`${h} AS h`,
		'rang'
	];
	const groupe = ['etat', ...ks.map(valeurChamp), 'rang_p', 'detail'];
	const source = niveaux(plan, lignesNumerotees(plan, lecture), '*');
	return groupesEtDoublons(t.agregat, groupe, colonnes, source);
}

/** Counts of an aggregated file, as compterVerification gives them (one round trip). */
export function compterAgregat(plan: PlanImport, connues: readonly DefinitionTable[] = []): string {
	const t = tablesTemporaires(plan.prefixe);
	const somme = (condition: string) => `coalesce(sum(n) FILTER (WHERE ${condition}), 0)`;
	return `SELECT
		${somme('NOT doublon')} AS lues,
		${somme(`etat = 'vide'`)} AS vides,
		${somme(`etat = 'hors'`)} AS hors_perimetre,
		${somme(`etat = 'ok'`)} AS valides,
		${somme(`etat = 'refus'`)} AS refusees,
		count(*) FILTER (WHERE etat = 'ok' AND rang_p IS NOT NULL) AS averties,
		count(*) FILTER (WHERE doublon) AS cles_repetees,
		${comptesLecture(plan, connues)}
	FROM ${id(t.agregat)}`;
}

/**
 * The second look, only when a key's hash was seen twice: the file is read again, the valid
 * rows with a repeated hash compared on the key itself. Each later row with the key of an
 * earlier one is a duplicate: its rank, raw cells, grouped values and the first row's rank.
 */
export function creerDoublonsAgregat(plan: PlanImport, cible: Cible): string {
	const t = tablesTemporaires(plan.prefixe);
	const index = indexDe(plan);
	const cle = plan.cle.map((c) => v(index, c));
	const valeurs = [...new Set([...cle, ...champsAgreges(plan, cible).map(valeurChamp)])];
	const brutes = cellulesBrutes(plan);
	const egal = cle.map((c) => `s.${c} IS NOT DISTINCT FROM p.${c}`).join(' AND ');
	return `CREATE OR REPLACE TEMP TABLE ${id(t.doublon)} AS
	WITH
		s AS (
			SELECT rang, ligne_source, [${brutes.join(', ')}]::VARCHAR[] AS cellules,
				${valeurs.join(', ')}
			FROM (${niveaux(plan, lignesNumerotees(plan, 'deuxieme'), '*')})
			WHERE dans_perimetre AND sans_rejet
				AND hash(${cle.join(', ')}) IN (SELECT h FROM ${id(t.agregat)} WHERE doublon)
		),
		p AS (
			SELECT ${cle.join(', ')}, min(rang) AS premier FROM s
			GROUP BY ALL HAVING count(*) > 1
		)
	SELECT s.*, p.premier,
		(SELECT q.ligne_source FROM s AS q WHERE q.rang = p.premier) AS ligne_premier
	FROM s JOIN p ON ${egal}
	WHERE s.rang > p.premier`;
}

/** Rejects of an aggregated file, with each row's cells (lireRejetsAgregat reads them). */
export function creerRejetsAgregat(plan: PlanImport, avecDoublons: boolean): string {
	const t = tablesTemporaires(plan.prefixe);
	const mauvais = `(
		SELECT rang_p AS rang,
			struct_extract(detail, 'ligne_source') AS ligne_source,
			struct_extract(detail, 'cellules') AS cellules,
			struct_extract(detail, 'motifs') AS motifs,
			struct_extract(detail, 'normes') AS normes
		FROM ${id(t.agregat)} WHERE rang_p IS NOT NULL
	)`;
	const parties = partiesProblemes(
		plan,
		mauvais,
		(i) => `cellules[${i + 1}]`,
		', cellules, NULL::BIGINT AS ligne_premier'
	);
	if (avecDoublons)
		parties.push(
			`SELECT rang, ligne_source, ${colonnesDoublon(plan)},
				premier, 1000000 AS ordre, cellules, ligne_premier
			FROM ${id(t.doublon)}`
		);
	return `CREATE OR REPLACE TEMP TABLE ${id(t.rejet)} AS
	${parties.join('\n\tUNION ALL ')}`;
}

/** As lireRejets, for an aggregated file (the cells are in the rejects table). */
export function lireRejetsAgregat(plan: PlanImport, limite: number): string {
	const rejet = tablesTemporaires(plan.prefixe).rejet;
	const { total, premiers } = refusees(rejet, limite);
	return `SELECT rang, ligne_source, colonne, valeur, motif, suggestion, ordre, premier,
		ligne_premier, cellules, ${total} AS total
	FROM ${id(rejet)}
	WHERE gravite = 'rejet' AND rang IN (${premiers})
	ORDER BY rang, ordre`;
}

/**
 * As valeursInconnues, for an aggregated file; undefined when the field is not grouped on (its
 * values were not kept).
 */
export function valeursInconnuesAgregat(
	plan: PlanImport,
	cible: Cible,
	champ: string,
	tables: readonly DefinitionTable[],
	colonne: string,
	limite: number
): string | undefined {
	const k = indexDe(plan).get(champ);
	if (k === undefined || !champsAgreges(plan, cible).includes(k)) return undefined;
	const t = tablesTemporaires(plan.prefixe);
	const x = valeurChamp(k);
	// Grouped first (a few thousand class groups, a few hundred schools), then compared.
	const inconnues = `SELECT * FROM (
			SELECT ${x} AS valeur, min(premier) AS rang
			FROM ${id(t.agregat)}
			WHERE etat = 'ok' AND ${x} IS NOT NULL
			GROUP BY ${x}
		)
		WHERE valeur NOT IN (${valeursConnues(tables, colonne)})`;
	return exemplesInconnus(inconnues, tables, 'NULL::INTEGER', limite);
}

/**
 * The table's rows from the counts: valid rows per group, less the duplicates found by the
 * second look. A small table (one row per class × competence), compared and merged cheaply.
 */
function stagingAgregat(plan: PlanImport, cible: Cible, avecDoublons: boolean): string {
	const t = tablesTemporaires(plan.prefixe);
	const index = indexDe(plan);
	const comptes = cible.agregat?.comptes ?? {};
	const vs = champsAgreges(plan, cible).map(valeurChamp).join(', ');
	const doublons = avecDoublons
		? `\n\t\tUNION ALL SELECT ${vs}, -1 AS n FROM ${id(t.doublon)}`
		: '';
	const lignes = `SELECT ${vs}, n FROM ${id(t.agregat)} WHERE etat = 'ok'${doublons}`;
	const selection = cible.table.colonnes.map((c) => {
		const compte = comptes[c.nom];
		if (compte) {
			const filtre = compte.champ
				? ` FILTER (WHERE ${v(index, compte.champ)} = ${lit(compte.valeur ?? '')})`
				: '';
			return `CAST(coalesce(sum(n)${filtre}, 0) AS ${c.type}) AS ${id(c.nom)}`;
		}
		if (!(c.nom in cible.colonnes)) return `CAST(NULL AS ${c.type}) AS ${id(c.nom)}`;
		return `CAST(${exprSource(cible.colonnes[c.nom], index)} AS ${c.type}) AS ${id(c.nom)}`;
	});
	const groupe = cible.table.colonnes
		.filter((c) => !comptes[c.nom] && c.nom in cible.colonnes)
		.map((c) => exprSource(cible.colonnes[c.nom], index));
	return `SELECT ${selection.join(',\n\t\t')},
		${lit(plan.source)} AS "source"
	FROM (${lignes})
	GROUP BY ${groupe.join(', ')}
	HAVING sum(n) > 0`;
}

/**
 * The table's rows from the counts (see stagingAgregat) against the table, in one join: for
 * each new row, the rowid of the row of the same key already there (`ancien`), whether its
 * values are the same (`identique`) and whether its source is too (`inchange`: nothing to
 * write).
 */
export function comparerAgregat(plan: PlanImport, cible: Cible, avecDoublons: boolean): string {
	const t = tablesTemporaires(plan.prefixe);
	const valeurs = cible.table.colonnes.map((c) => c.nom);
	return `CREATE OR REPLACE TEMP TABLE ${id(t.comparaison)} AS
	SELECT s.*,
		e.rowid AS ancien,
		e.rowid IS NOT NULL AND ${memesValeurs(valeurs)} AS identique,
		e.rowid IS NOT NULL AND ${memesValeurs([...valeurs, 'source'])} AS inchange
	FROM (${stagingAgregat(plan, cible, avecDoublons)}) AS s
		LEFT JOIN ${id(cible.table.nom)} AS e ON ${egaliteCle(cible.table, 'e', 's')}`;
}

/** Staged rows, of which already there (same key), of which identical. */
export function bilanAgregat(plan: PlanImport): string {
	const t = tablesTemporaires(plan.prefixe);
	return `SELECT
		count(*) AS lignes,
		count(ancien) AS existantes,
		count(*) FILTER (WHERE identique) AS identiques,
		count(*) FILTER (WHERE NOT inchange) AS a_ecrire
	FROM ${id(t.comparaison)}`;
}

/**
 * The merge of a compared aggregated file: rows already there with the same key and other
 * values (or another source) are deleted, staged rows not already there identically are
 * inserted. Re-importing the same file writes nothing.
 */
export function fusionnerAgregat(plan: PlanImport, cible: Cible): [string, string] {
	const t = tablesTemporaires(plan.prefixe);
	const tb = id(cible.table.nom);
	const liste = [...cible.table.colonnes.map((c) => c.nom), 'source'].map(id).join(', ');
	return [
		`DELETE FROM ${tb} WHERE rowid IN (
			SELECT ancien FROM ${id(t.comparaison)} WHERE ancien IS NOT NULL AND NOT inchange
		)`,
		`INSERT INTO ${tb} (${liste}) SELECT ${liste} FROM ${id(t.comparaison)} WHERE NOT inchange`
	];
}
