// Schools and collèges: created per commune, named, sized, given UAIs, sectors and IPS.

import { uaiLettreCle } from '../../src/lib/domain/uai.ts';
import { Alea, borner } from './alea.ts';
import { autourDe, type Commune, type Dep, DEPARTEMENTS, distance } from './geographie.ts';
import type { College, Ecole, TypeEcole } from './entites.ts';
import {
	E,
	type EcoleImposee,
	ECOLES_IMPOSEES,
	K_ECOLES,
	LIEUX,
	M,
	P,
	PATRONYMES,
	PATRONYMES_COLLEGES
} from './parametres.ts';

function nomCommuneAvecDe(nom: string): string {
	if (nom.startsWith('Le ')) return `du ${nom.slice(3)}`;
	if (nom.startsWith('Les ')) return `des ${nom.slice(4)}`;
	if (nom.startsWith('La ')) return `de la ${nom.slice(3)}`;
	if (/^[AEIOUYÉÈÂÎ]/.test(nom)) return `d'${nom}`;
	return `de ${nom}`;
}

const LIBELLE_TYPE: Record<TypeEcole, string> = {
	maternelle: 'École maternelle',
	elementaire: 'École élémentaire',
	primaire: 'École primaire'
};

export function creerEcoles(communes: Commune[]): Ecole[] {
	const ecoles: Ecole[] = [];
	for (const commune of communes) {
		const alea = new Alea('ecoles', commune.code);
		const imposees = ECOLES_IMPOSEES[`${commune.dep}|${commune.nom}`];
		let liste: EcoleImposee[];
		if (imposees) liste = imposees;
		else {
			if (commune.population < 200) continue;
			const attendu = K_ECOLES * Math.pow(commune.population, 0.85);
			const n = Math.floor(attendu) + (alea.bernoulli(attendu % 1) ? 1 : 0);
			liste = typesPourCommune(n, commune, alea);
		}
		const patronymeImpose = (nom: string) =>
			/^École \S+ (de |d')/.test(nom) ? '' : nom.replace(/^École \S+ /, '');
		const pris = new Set(liste.flatMap(([, n]) => (n ? [patronymeImpose(n)] : [])));
		const seule = liste.length === 1;
		liste.forEach(([type, nomImpose], i) => {
			let nom: string;
			let patronyme: string;
			if (nomImpose) {
				nom = nomImpose;
				patronyme = patronymeImpose(nomImpose);
			} else if (seule && commune.rurale && alea.bernoulli(0.65)) {
				nom = `${LIBELLE_TYPE[type]} ${nomCommuneAvecDe(commune.nom)}`;
				patronyme = '';
			} else if (i === 0 && type !== 'maternelle' && alea.bernoulli(0.25)) {
				nom = `${LIBELLE_TYPE[type]} du Centre`;
				patronyme = 'Centre';
			} else {
				const pool = type === 'maternelle' && alea.bernoulli(0.7) ? LIEUX : PATRONYMES;
				let choix = alea.choisir(pool);
				for (let essai = 0; pris.has(choix) && essai < 50; essai++) choix = alea.choisir(pool);
				if (pris.has(choix)) choix = alea.choisir(pool === LIEUX ? PATRONYMES : LIEUX);
				nom = `${LIBELLE_TYPE[type]} ${choix}`;
				patronyme = choix;
			}
			pris.add(patronyme);
			const rayon = 0.003 + 0.0001 * Math.sqrt(commune.population);
			const pos = autourDe(commune, rayon, commune.dep, new Alea('pos-ecole', commune.code, i));
			ecoles.push({
				uai: '',
				nom,
				patronyme,
				type,
				commune,
				lat: pos.lat,
				lon: pos.lon,
				circo: '',
				groupe: '',
				ep: '',
				college: '',
				taille: tailleEcole(type, commune, liste.length, alea),
				ipsBase: 0,
				effetEcole: 0,
				ulis: !commune.rurale && type === 'elementaire' && alea.bernoulli(0.15)
			});
		});
	}
	return ecoles;
}

function typesPourCommune(n: number, commune: Commune, alea: Alea): EcoleImposee[] {
	if (n <= 0) return [];
	if (n === 1) {
		if (!commune.rurale) return [P];
		const u = alea.uniforme();
		// Regroupements pédagogiques dispersés : certains villages n'ont que la maternelle.
		return [u < 0.72 ? P : u < 0.9 ? E : M];
	}
	if (n === 2) return alea.bernoulli(0.85) ? [M, E] : [P, P];
	const m = Math.round(0.45 * n);
	const p = Math.round(0.12 * n);
	return [
		...Array<EcoleImposee>(m).fill(M),
		...Array<EcoleImposee>(n - m - p).fill(E),
		...Array<EcoleImposee>(p).fill(P)
	];
}

function lognormale(alea: Alea, mediane: number, sigma: number): number {
	return mediane * Math.exp(alea.normale(0, sigma));
}

function tailleEcole(type: TypeEcole, commune: Commune, nbDansCommune: number, alea: Alea): number {
	if (commune.rurale) {
		if (nbDansCommune >= 2) return Math.round(alea.entre(9, 22));
		if (commune.population < 500) return Math.round(alea.entre(3, 9));
		if (commune.population < 1000) return Math.round(alea.entre(5, 12));
		return Math.round(alea.entre(8, 18));
	}
	if (type === 'maternelle') return Math.round(borner(lognormale(alea, 28, 0.3), 12, 60));
	if (type === 'primaire') return Math.round(borner(lognormale(alea, 24, 0.3), 10, 55));
	return Math.round(borner(lognormale(alea, 40, 0.35), 18, 90));
}

/** UAI fictives mais valides : préfixe du département puis un chiffre réservé à la démo. */
export function attribuerUai<T>(
	objets: T[],
	dep: (o: T) => Dep,
	chiffre: string,
	cle: (o: T) => string[],
	poser: (o: T, uai: string) => void
): void {
	for (const d of DEPARTEMENTS) {
		const du = objets
			.filter((o) => dep(o) === d)
			.sort((a, b) => {
				const ka = cle(a).join('|');
				const kb = cle(b).join('|');
				return ka < kb ? -1 : ka > kb ? 1 : 0;
			});
		if (du.length > 999) throw new Error(`trop d'objets dans le ${d} pour la plage ${chiffre}`);
		du.forEach((o, i) => {
			const sept = `0${d}${chiffre}${String(i + 1).padStart(3, '0')}`;
			poser(o, sept + uaiLettreCle(sept));
		});
	}
}

function nbColleges(commune: Commune): number {
	if (commune.dep === '21' && commune.nom === 'Chenôve') return 1;
	const p = commune.population;
	if (p >= 40000) return Math.round(p / 15000);
	if (p >= 20000) return 3;
	if (p >= 9000) return 2;
	if (p >= 1800) return 1;
	return 0;
}

export function creerColleges(communes: Commune[]): College[] {
	const colleges: College[] = [];
	// Les bourgs ruraux éloignés de tout collège en ont un aussi (cas fréquent dans la Nièvre).
	const parTaille = [...communes].sort(
		(a, b) => b.population - a.population || (a.code < b.code ? -1 : 1)
	);
	const avecCollege: Commune[] = parTaille.filter((c) => nbColleges(c) > 0);
	for (const c of parTaille) {
		// La Nièvre rurale (Morvan, Bazois) a de tout petits collèges.
		const [popMin, ecart] = c.dep === '58' ? [500, 0.1] : [700, 0.13];
		if (c.population < popMin || nbColleges(c) > 0) continue;
		if (avecCollege.every((x) => x.dep !== c.dep || distance(x, c) > ecart)) avecCollege.push(c);
	}
	const nb = new Map(avecCollege.map((c) => [c.code, Math.max(1, nbColleges(c))]));
	for (const commune of communes) {
		const n = nb.get(commune.code) ?? 0;
		const alea = new Alea('colleges', commune.code);
		const pris = new Set<string>();
		for (let i = 0; i < n; i++) {
			let nom = alea.choisir(PATRONYMES_COLLEGES);
			while (pris.has(nom)) nom = alea.choisir(PATRONYMES_COLLEGES);
			pris.add(nom);
			const rayon = n === 1 ? 0.002 : 0.004 + 0.0001 * Math.sqrt(commune.population);
			const pos = autourDe(commune, rayon, commune.dep, new Alea('pos-college', commune.code, i));
			colleges.push({
				uai: '',
				nom: `Collège ${nom}`,
				commune,
				lat: pos.lat,
				lon: pos.lon,
				ep: '',
				ips: 0,
				ecoles: []
			});
		}
	}
	return colleges;
}

export function sectoriser(ecoles: Ecole[], colleges: College[]): void {
	for (const e of ecoles) {
		let meilleur: College | undefined;
		let dMin = Infinity;
		for (const c of colleges) {
			if (c.commune.dep !== e.commune.dep) continue;
			// Une école d'une commune qui a son collège va à un collège de sa commune.
			const d = distance(e, c) - (c.commune.code === e.commune.code ? 1 : 0);
			if (d < dMin) {
				dMin = d;
				meilleur = c;
			}
		}
		if (!meilleur) throw new Error(`aucun collège pour ${e.nom}`);
		e.college = meilleur.uai;
		meilleur.ecoles.push(e);
	}
	for (const c of colleges) c.ecoles.sort((a, b) => (a.uai < b.uai ? -1 : 1));
}

export function attribuerIps(ecoles: Ecole[], colleges: College[]): void {
	const moyenneCommune = new Map<string, number>();
	for (const e of ecoles) {
		const c = e.commune;
		if (!moyenneCommune.has(c.code)) {
			const a = new Alea('ips-commune', c.code);
			moyenneCommune.set(c.code, c.rurale ? a.normale(101, 4) : a.normale(107, 6));
		}
	}
	for (const e of ecoles) {
		const a = new Alea('ips-ecole', e.uai);
		if (e.ep === 'REP+') e.ipsBase = a.entre(70, 80);
		else if (e.ep === 'REP') e.ipsBase = a.entre(80, 90);
		else {
			const m = moyenneCommune.get(e.commune.code) ?? 104;
			e.ipsBase = borner(a.normale(m, e.commune.rurale ? 4 : 7), 88, 138);
		}
		e.ipsBase = Math.round(e.ipsBase * 10) / 10;
		e.effetEcole = new Alea('effet-ecole', e.uai).normale(0, 0.2);
		// Les écoles d'éducation prioritaire sont grandes et leurs CP-CE1 dédoublés.
		if (e.ep !== '' && e.type !== 'maternelle' && e.taille < 25)
			e.taille = Math.round(new Alea('taille-ep', e.uai).entre(25, 45));
	}
	for (const c of colleges) {
		const poids = c.ecoles.reduce((s, e) => s + e.taille, 0);
		const moy = c.ecoles.reduce((s, e) => s + e.taille * e.ipsBase, 0) / Math.max(1, poids);
		let ips = moy - 1 + new Alea('ips-college', c.uai).normale(0, 2);
		if (c.ep === 'REP+') ips = borner(ips, 72, 82);
		else if (c.ep === 'REP') ips = borner(ips, 82, 92);
		c.ips = Math.round(ips * 10) / 10;
	}
}
