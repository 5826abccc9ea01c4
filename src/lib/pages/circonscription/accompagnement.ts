import { formatPoints } from '$lib/format';
import { anneesResultat, libelleCompetence } from './textes';
import type { AnalyseCirconscription, Cellule, EcoleCirconscription } from './types';
import { cleCellule } from './analyse';

/** One competence of the school's diagnosis, worded for the accompaniment's record. */
export interface ElementDiagnostic {
	competence_id: string;
	libelle: string;
	/** Gap, pupils and years, e.g. « −9,1 points par rapport à l’attendu, 58 élèves, cumul … ». */
	detail: string;
}

/**
 * What an accompaniment starts from (pure): the school's established points d'appui and de
 * vigilance, its signals (an interval that excludes 0 without being established: never a point),
 * and the competences it is evaluated on, for the indicateurs de progrès.
 */
export interface ElementsDiagnostic {
	uai: string;
	ecole: string;
	commune: string;
	circonscription: string;
	appuis: ElementDiagnostic[];
	vigilances: ElementDiagnostic[];
	signaux: (ElementDiagnostic & { sens: 'au-dessus' | 'en dessous' })[];
	competences: { competence_id: string; libelle: string }[];
}

function element(c: Cellule, libelle: string): ElementDiagnostic {
	const r = c.resultat;
	const ecart =
		r.ecart === null ? 'écart non calculé' : `${formatPoints(r.ecart)} par rapport à l’attendu`;
	return {
		competence_id: c.competence_id,
		libelle,
		detail: `${ecart}, ${r.n} élèves, ${anneesResultat(r)}`
	};
}

export function elementsDiagnostic(
	analyse: AnalyseCirconscription,
	ecole: EcoleCirconscription,
	circonscription: string
): ElementsDiagnostic {
	const e: ElementsDiagnostic = {
		uai: ecole.uai,
		ecole: ecole.nom,
		commune: ecole.commune,
		circonscription,
		appuis: [],
		vigilances: [],
		signaux: [],
		competences: []
	};
	for (const competence of analyse.competences) {
		const c = analyse.cellules.get(cleCellule(ecole.uai, competence.competence_id));
		if (!c) continue;
		const libelle = libelleCompetence(competence);
		e.competences.push({ competence_id: competence.competence_id, libelle });
		if (c.etat === 'point_appui') e.appuis.push(element(c, libelle));
		if (c.etat === 'point_vigilance') e.vigilances.push(element(c, libelle));
		if (c.etat === 'a_confirmer') {
			const sens = (c.resultat.ecart ?? 0) > 0 ? 'au-dessus' : 'en dessous';
			e.signaux.push({ ...element(c, libelle), sens });
		}
	}
	return e;
}
