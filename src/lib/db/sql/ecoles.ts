import { litteral, requete } from './echappement';

// Builders a view sends on every opening inline their value with `litteral()`: a prepared
// statement costs three round trips to the worker instead of one.

/** The school's fixed portrait with its latest IPS and effectifs. */
export const portraitEcole = (uai: string) =>
	requete(
		`SELECT e.*, c.libelle AS circonscription,
		i.ips, i.annee_scolaire AS annee_ips, i.source AS source_ips,
		f.nb_eleves, f.nb_classes, f.annee_scolaire AS annee_effectifs
	FROM ecole e
	LEFT JOIN circonscription c USING (code_circonscription)
	LEFT JOIN (SELECT * FROM ips WHERE uai = ${litteral(uai)} ORDER BY annee_scolaire DESC LIMIT 1) i
		USING (uai)
	LEFT JOIN (SELECT * FROM effectifs WHERE uai = ${litteral(uai)} ORDER BY annee_scolaire DESC LIMIT 1) f
		USING (uai)
	WHERE e.uai = ${litteral(uai)}`
	);

export const reseauxDeEcole = (uai: string) =>
	requete(
		`SELECT r.reseau_id, r.type, r.libelle FROM reseau_membre m JOIN reseau r USING (reseau_id)
	WHERE m.uai = ${litteral(uai)} ORDER BY r.type, r.libelle`
	);

/** Mean IPS of the écoles of a territory for a year (reference beside a school's IPS). */
export const ipsMoyenTerritoires = (annee: string, codeDepartement: string) =>
	requete(
		`SELECT avg(i.ips) FILTER (WHERE e.code_departement = ${litteral(codeDepartement)}) AS departement,
		avg(i.ips) AS academie
	FROM ips i JOIN ecole e USING (uai) WHERE i.annee_scolaire = ${litteral(annee)}`
	);

export const circonscription = (code: string) =>
	requete(
		`SELECT code_circonscription, libelle, code_departement, source FROM circonscription
	WHERE code_circonscription = ${litteral(code)}`
	);

/** Every circonscription's fiche, as `circonscription` gives one. */
export const circonscriptions = () =>
	requete(
		`SELECT code_circonscription, libelle, code_departement, source FROM circonscription
	ORDER BY code_circonscription`
	);
