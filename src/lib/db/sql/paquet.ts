import { litteral, requete } from './echappement';

/**
 * A package of data for one school (« paquet de données »): each file kind it carries, read back
 * from the engine's tables in the columns of that kind's import format (docs/formats.md), so that
 * the recipient loads it through the same kinds as any import. Every value is text as a CSV holds
 * it; `source` says which import each row came from (one section per kind and source).
 */
export type GenrePaquet =
	| 'circonscriptions'
	| 'ecoles'
	| 'colleges'
	| 'reseaux'
	| 'ips_ecoles'
	| 'effectifs_ecoles'
	| 'evaluations_ecoles'
	| 'references'
	| 'formations'
	| 'projet_academique'
	| 'projet_indicateurs'
	| 'eleves';

/** The kinds in the order they load: a school before the rows that name it. */
export const GENRES_PAQUET: readonly GenrePaquet[] = [
	'circonscriptions',
	'ecoles',
	'colleges',
	'reseaux',
	'ips_ecoles',
	'effectifs_ecoles',
	'evaluations_ecoles',
	'references',
	'formations',
	'projet_academique',
	'projet_indicateurs',
	'eleves'
];

const texte = (colonne: string, entete = colonne.replace(/^\w+\./, '')) =>
	`CAST(${colonne} AS VARCHAR) AS ${entete}`;
const textes = (...colonnes: string[]) => colonnes.map((c) => texte(c)).join(', ');

/** The rows of one kind that the school `uai` may see, as its import format names them. */
export const lignesPaquetEcole = (genre: GenrePaquet, uai: string) => lignesPaquet(genre, [uai]);

/**
 * The rows of one kind that an audience of schools (one school, a network's or a
 * circonscription's members) may see: theirs, and what every school sees (references, projet).
 */
export function lignesPaquet(genre: GenrePaquet, uais: readonly string[]) {
	// `IN (…)` of the audience's UAIs (never empty: an empty audience selects nothing).
	const dans = uais.length ? `IN (${uais.map(litteral).join(', ')})` : 'IN (NULL)';
	switch (genre) {
		case 'circonscriptions':
			return requete(
				`SELECT DISTINCT ${textes('c.code_circonscription', 'c.libelle', 'c.code_departement')}, c.source
				FROM circonscription c JOIN ecole e ON e.code_circonscription = c.code_circonscription
				WHERE e.uai ${dans} ORDER BY c.code_circonscription`
			);
		case 'ecoles':
			return requete(
				`SELECT ${textes('uai', 'nom', 'type', 'secteur', 'code_commune', 'commune', 'code_departement', 'code_circonscription', 'groupe_proximite', 'education_prioritaire')},
					CASE WHEN rural THEN '1' WHEN NOT rural THEN '0' END AS rural,
					${textes('latitude', 'longitude')}, source
				FROM ecole WHERE uai ${dans} ORDER BY uai`
			);
		case 'colleges':
			// The collèges at the head of the schools' networks (a secteur's, named on its pages).
			return requete(
				`SELECT DISTINCT ${textes('c.uai', 'c.nom', 'c.code_commune', 'c.commune', 'c.code_departement', 'c.education_prioritaire')}, c.source
				FROM college c JOIN reseau r ON r.uai_tete = c.uai
				JOIN reseau_membre m ON m.reseau_id = r.reseau_id
				WHERE m.uai ${dans} ORDER BY c.uai`
			);
		case 'reseaux':
			// The audience's own memberships only: the other members of their networks stay out.
			return requete(
				`SELECT ${textes('r.reseau_id', 'r.type', 'r.libelle', 'r.uai_tete')},
					${texte('m.uai', 'uai_membre')}, r.source
				FROM reseau r JOIN reseau_membre m ON m.reseau_id = r.reseau_id
				WHERE m.uai ${dans} ORDER BY r.reseau_id, m.uai`
			);
		case 'ips_ecoles':
			return requete(
				`SELECT ${texte('annee_scolaire', 'rentree_scolaire')}, ${textes('uai', 'ips', 'effectifs')}, source
				FROM ips WHERE uai ${dans} ORDER BY uai, annee_scolaire`
			);
		case 'effectifs_ecoles':
			return requete(
				`SELECT substr(annee_scolaire, 1, 4) AS rentree_scolaire,
					${texte('uai', 'numero_de_l_ecole')},
					${texte('nb_classes', 'nombre_total_de_classes')},
					${texte('nb_eleves', 'nombre_total_d_eleves')},
					${texte('nb_preelementaire', 'nombre_d_eleves_en_pre_elementaire_hors_ulis')},
					${texte('nb_elementaire', 'nombre_d_eleves_en_elementaire_hors_ulis')},
					${texte('nb_ulis', 'nombre_d_eleves_en_ulis')},
					${['cp', 'ce1', 'ce2', 'cm1', 'cm2'].map((n) => texte(`nb_${n}`, `nombre_d_eleves_en_${n}_hors_ulis`)).join(', ')},
					source
				FROM effectifs WHERE uai ${dans} ORDER BY uai, annee_scolaire`
			);
		case 'evaluations_ecoles':
			return requete(
				`SELECT ${textes('annee_scolaire', 'uai', 'niveau', 'discipline', 'competence_id', 'competence_libelle', 'n_eleves', 'n_besoin', 'n_fragile', 'n_satisfaisant')}, source
				FROM evaluation WHERE uai ${dans}
				ORDER BY uai, annee_scolaire, niveau, discipline, competence_id`
			);
		case 'references':
			// Published figures of France, the académie and the départements: every school sees them.
			return requete(
				`SELECT ${textes('annee_scolaire', 'territoire', 'code_territoire', 'niveau', 'discipline', 'competence_id', 'part_satisfaisant', 'part_besoin')}, source
				FROM reference ORDER BY ALL`
			);
		case 'formations':
			return requete(
				`SELECT ${textes('annee_scolaire', 'identifiant_dispositif', 'libelle_dispositif', 'identifiant_module', 'libelle_module', 'type', 'discipline', 'theme')},
					strftime(date, '%Y-%m-%d') AS date,
					${textes('duree_h', 'modalite', 'agent_id', 'uai_ecole', 'presence')}, source
				FROM formation WHERE uai_ecole ${dans} ORDER BY ALL`
			);
		case 'projet_academique':
			return requete(
				`SELECT ${textes('id', 'niveau', 'parent_id', 'ordre', 'libelle', 'motif_sans_indicateur')}, source
				FROM projet ORDER BY ALL`
			);
		case 'eleves':
			// The school's class results (its own, from its pupil file), unrolled into the rows of
			// the pupil format that the import counts back per class: one row per pupil counted,
			// numbered within its school and class (the file's pupil identifiers were never kept).
			return requete(
				`SELECT annee_scolaire, uai, niveau, discipline, competence_id, classe,
					'eleve-' || uai || '-' || coalesce(classe, '') || '-' || (i + 1) AS eleve_id,
					CASE WHEN i < n_besoin THEN 'besoin' WHEN i < n_besoin + n_fragile THEN 'fragile'
						ELSE 'satisfaisant' END AS groupe, source
				FROM (SELECT *, unnest(range(n_eleves)) AS i FROM classe_resultat WHERE uai ${dans})
				ORDER BY uai, annee_scolaire, classe, competence_id, i`
			);
		case 'projet_indicateurs':
			return requete(
				`SELECT ${textes('objectif_id', 'indicateur', 'niveau', 'discipline', 'competence_id', 'theme')}, source
				FROM projet_indicateur ORDER BY ALL`
			);
	}
}

/** The UAIs of the schools loaded (a school package's recipient checks it holds its school only). */
export const uaisEcolesChargees = () => requete('SELECT uai FROM ecole ORDER BY uai');
