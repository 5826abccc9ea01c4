import { requete } from './echappement';

/**
 * The projet académique, one row per objective × indicator mapped to it (an objective without
 * indicator comes once, its indicator null), in the tree's order.
 */
export const projetAcademique = () =>
	requete(
		`SELECT o.id AS objectif_id, o.libelle AS objectif, o.ordre AS ordre_objectif,
		o.motif_sans_indicateur,
		x.id AS axe_id, x.libelle AS axe, x.ordre AS ordre_axe,
		a.id AS ambition_id, a.libelle AS ambition, a.ordre AS ordre_ambition,
		i.indicateur, i.niveau, i.discipline, i.competence_id, i.theme
	FROM projet o
	JOIN projet x ON x.id = o.parent_id
	JOIN projet a ON a.id = x.parent_id
	LEFT JOIN projet_indicateur i ON i.objectif_id = o.id
	WHERE o.niveau = 'objectif'
	ORDER BY a.ordre, a.id, x.ordre, x.id, o.ordre, o.id, i.indicateur, i.niveau, i.discipline,
		i.competence_id, i.theme`
	);

/** The training themes imported (a competence's id with its label, or a free theme). */
export const themesFormation = () =>
	requete(
		`SELECT f.theme, any_value(c.libelle) AS libelle, count(*) AS participations
	FROM formation f LEFT JOIN competence c ON c.competence_id = f.theme
	WHERE f.theme IS NOT NULL
	GROUP BY f.theme ORDER BY f.theme`
	);
