import construite from 'virtual:pilotage-academie';
import { CHIFFRES_DEMO, type ChiffresAcademie } from './chiffres';
import { deNom, nomsAcademie } from './nom-academie';

/**
 * The académie the app opens on with no import, chosen at build time (scripts/vite/academie.ts):
 * the fictitious demo of data/, or a rectorat's own files (`PILOTAGE_DONNEES`).
 */
export const ACADEMIE = construite;

/** True when the build ships a real académie's files instead of the demo. */
export const DEPLOYEE = construite.nature === 'deployee';

/** The base académie's home figures, known before the engine has started. */
export const CHIFFRES_BASE: ChiffresAcademie = construite.chiffres ?? CHIFFRES_DEMO;

/** How the header and the footer name the académie (« de Dijon » under the logo). */
export const NOMS_ACADEMIE = nomsAcademie(construite.nom, DEPLOYEE);

const dateLongue = (iso: string) =>
	new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(iso));

/** « Données de l’académie de Dijon » */
export const DONNEES_ACADEMIE = `Données de l’académie${construite.nom ? ` ${deNom(construite.nom)}` : ''}`;

/** « mises à jour le 4 décembre 2026 » : the newest file's date, as the build found it. */
export const MISE_A_JOUR = construite.miseAJour
	? `mises à jour le ${dateLongue(construite.miseAJour)}`
	: '';

/**
 * What a document or a page says of the data it shows: the demo's, the deployed académie's, or
 * imported files (`base`: no import, the engine holds the base académie).
 */
export function libelleDonnees(base: boolean): string {
	if (!DEPLOYEE) return base ? 'données fictives de démonstration' : 'données importées';
	const academie = DONNEES_ACADEMIE.charAt(0).toLowerCase() + DONNEES_ACADEMIE.slice(1);
	return base ? `${academie} (${MISE_A_JOUR})` : `${academie} et données importées`;
}
