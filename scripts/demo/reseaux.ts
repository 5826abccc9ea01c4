// The priority-education networks (REP, REP+) around their collèges, and the TER networks.

import { borner } from './alea.ts';
import { slug } from './csv.ts';
import { type Commune, type Dep, distance } from './geographie.ts';
import type { College, Ecole, Reseau } from './entites.ts';
import { NB_TER, REP } from './parametres.ts';

export function reseauxEducationPrioritaire(colleges: College[], communes: Commune[]): Reseau[] {
	const reseaux: Reseau[] = [];
	const membres = (c: College): Ecole[] => {
		// D'abord les écoles de la commune du collège, puis les plus proches du secteur.
		const ordre = (e: Ecole) => distance(e, c) + (e.commune.code === c.commune.code ? 0 : 10);
		const proches = [...c.ecoles].sort((a, b) => ordre(a) - ordre(b) || (a.uai < b.uai ? -1 : 1));
		const dansCommune = proches.filter((e) => e.commune.code === c.commune.code).length;
		const choisies = proches.slice(0, borner(dansCommune, 4, 10));
		if (choisies.length < 4) throw new Error(`secteur trop petit pour un REP : ${c.nom}`);
		return choisies.sort((a, b) => (a.uai < b.uai ? -1 : 1));
	};
	const collegesDe = (dep: Dep, nom: string): College[] => {
		const commune = communes.find((c) => c.dep === dep && c.nom === nom);
		if (!commune) throw new Error(`commune inconnue : ${nom}`);
		// Les collèges de la commune qui ont le plus d'écoles en secteur portent les REP.
		const n = (c: College) => c.ecoles.filter((e) => e.commune.code === commune.code).length;
		return colleges
			.filter((c) => c.commune.code === commune.code)
			.sort((a, b) => n(b) - n(a) || (a.uai < b.uai ? -1 : 1));
	};

	const [chenove] = collegesDe('21', 'Chenôve');
	chenove.ep = 'REP+';
	const ecolesRepp = membres(chenove);
	for (const e of ecolesRepp) e.ep = 'REP+';
	reseaux.push({
		id: 'REPP-CHENOVE',
		type: 'REP+',
		libelle: 'REP+ Chenôve',
		tete: chenove.uai,
		ecoles: ecolesRepp
	});

	for (const [dep, nom, nb] of REP) {
		const candidats = collegesDe(dep, nom);
		if (candidats.length < nb) throw new Error(`pas assez de collèges à ${nom}`);
		for (let i = 0; i < nb; i++) {
			const c = candidats[i];
			c.ep = 'REP';
			const ecolesRep = membres(c);
			for (const e of ecolesRep) e.ep = 'REP';
			const suffixe = nb > 1 ? ` ${i + 1}` : '';
			reseaux.push({
				id: `REP-${slug(nom)}${nb > 1 ? `-${i + 1}` : ''}`,
				type: 'REP',
				libelle: `REP ${nom}${suffixe}`,
				tete: c.uai,
				ecoles: ecolesRep
			});
		}
	}
	return reseaux;
}

export function reseauxTer(colleges: College[]): Reseau[] {
	// Territoires ruraux : ni l'agglomération de Nevers ni les villes moyennes.
	const nevers = colleges.find((c) => c.commune.nom === 'Nevers')?.commune;
	if (!nevers) throw new Error('Nevers introuvable');
	const candidats = colleges
		.filter(
			(c) =>
				c.commune.dep === '58' &&
				c.ep === '' &&
				c.commune.population < 5000 &&
				distance(c, nevers) > 0.12
		)
		.map((c) => ({ c, rurales: c.ecoles.filter((e) => e.commune.rurale) }))
		.filter((x) => x.rurales.length >= 2)
		.sort((a, b) => b.rurales.length - a.rurales.length || (a.c.uai < b.c.uai ? -1 : 1))
		.slice(0, NB_TER);
	if (candidats.length < NB_TER) throw new Error(`seulement ${candidats.length} TER possibles`);
	return candidats.map(({ c, rurales }) => ({
		id: `TER-${slug(c.commune.nom)}`,
		type: 'TER' as const,
		libelle: `TER ${c.commune.nom}`,
		tete: c.uai,
		ecoles: rurales
	}));
}
