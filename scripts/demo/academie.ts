// Structure de l'académie fictive : écoles, collèges et leurs secteurs, réseaux REP/REP+/TER,
// circonscriptions et groupes de proximité. Les communes sont réelles, tout le reste est inventé.

import { estUaiValide } from '../../src/lib/domain/uai.ts';
import { chargerCommunes } from './geographie.ts';
import type { Academie, Reseau } from './entites.ts';
import {
	attribuerIps,
	attribuerUai,
	creerColleges,
	creerEcoles,
	sectoriser
} from './etablissements.ts';
import { reseauxEducationPrioritaire, reseauxTer } from './reseaux.ts';
import { creerCirconscriptions } from './circonscriptions.ts';

export function construireAcademie(): Academie {
	const communes = chargerCommunes();
	const ecoles = creerEcoles(communes);
	attribuerUai(
		ecoles,
		(e) => e.commune.dep,
		'9',
		(e) => [e.commune.code, e.type, e.nom],
		(e, uai) => (e.uai = uai)
	);

	const colleges = creerColleges(communes);
	attribuerUai(
		colleges,
		(c) => c.commune.dep,
		'8',
		(c) => [c.commune.code, c.nom],
		(c, uai) => (c.uai = uai)
	);
	sectoriser(ecoles, colleges);

	const reseaux: Reseau[] = [];
	reseaux.push(...reseauxEducationPrioritaire(colleges, communes));
	attribuerIps(ecoles, colleges);
	reseaux.push(...reseauxTer(colleges));
	for (const c of colleges) {
		reseaux.push({
			id: `SECT-${c.uai}`,
			type: 'secteur',
			libelle: `Secteur du collège ${c.nom.replace(/^Collège /, '')} (${c.commune.nom})`,
			tete: c.uai,
			ecoles: c.ecoles
		});
	}
	reseaux.sort((a, b) => (a.id < b.id ? -1 : 1));

	const circos = creerCirconscriptions(ecoles);
	verifier({ communes, ecoles, colleges, circos, reseaux });
	return { communes, ecoles, colleges, circos, reseaux };
}

function verifier(a: Academie): void {
	const uais = new Set<string>();
	for (const x of [...a.ecoles, ...a.colleges, ...a.circos.map((c) => ({ uai: c.code }))]) {
		if (!estUaiValide(x.uai)) throw new Error(`UAI invalide ${x.uai}`);
		if (uais.has(x.uai)) throw new Error(`UAI en double ${x.uai}`);
		uais.add(x.uai);
	}
	for (const c of a.circos) {
		if (c.ecoles.length < 20 || c.ecoles.length > 60)
			throw new Error(`circonscription ${c.libelle} : ${c.ecoles.length} écoles`);
	}
	const libelles = new Set(a.circos.map((c) => c.libelle));
	if (libelles.size !== a.circos.length) throw new Error('deux circonscriptions de même nom');
	for (const e of a.ecoles) if (!e.circo || !e.college) throw new Error(`école isolée ${e.uai}`);
}
