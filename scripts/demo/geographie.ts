// Communes réelles (découpage administratif Etalab) et coordonnées approchées.
// Le paquet ne donne pas de coordonnées : les villes principales sont placées à la main
// (valeurs arrondies au centième), les autres communes autour de la ville de leur EPCI ou du
// chef-lieu de leur arrondissement, par un tirage reproductible. La carte est donc plausible
// mais fausse à quelques kilomètres près : c'est voulu et dit dans data/README.md.

import { createRequire } from 'node:module';
import { Alea, borner } from './alea.ts';

export const DEPARTEMENTS = ['21', '58', '71', '89'] as const;
export type Dep = (typeof DEPARTEMENTS)[number];

export const NOM_DEPARTEMENT: Record<Dep, string> = {
	'21': "Côte-d'Or",
	'58': 'Nièvre',
	'71': 'Saône-et-Loire',
	'89': 'Yonne'
};

export interface Commune {
	code: string;
	nom: string;
	dep: Dep;
	codeDep: string;
	population: number;
	arrondissement: string;
	epci: string;
	codePostal: string;
	lat: number;
	lon: number;
	/** Moins de 2 000 habitants (convention de la démo, voir README). */
	rurale: boolean;
}

interface CommuneBrute {
	code: string;
	nom: string;
	departement: string;
	arrondissement?: string;
	type: string;
	population?: number;
	codesPostaux?: string[];
}
interface EpciBrut {
	code: string;
	membres: { code: string }[];
}
interface ArrondissementBrut {
	code: string;
	chefLieu: string;
}

// Emprise approximative de chaque département : les points tirés y sont ramenés.
const EMPRISE: Record<Dep, [latMin: number, latMax: number, lonMin: number, lonMax: number]> = {
	'21': [46.92, 48.02, 4.1, 5.5],
	'58': [46.67, 47.58, 2.87, 4.2],
	'71': [46.17, 47.15, 3.65, 5.45],
	'89': [47.33, 48.39, 2.87, 4.33]
};

// Coordonnées approchées (WGS84, au centième) des villes qui structurent la carte.
const ANCRES: Record<string, [number, number]> = {
	'21|Dijon': [47.32, 5.04],
	'21|Beaune': [47.02, 4.84],
	'21|Montbard': [47.62, 4.34],
	'21|Chenôve': [47.29, 5.0],
	'21|Talant': [47.34, 5.0],
	'21|Longvic': [47.29, 5.06],
	'21|Quetigny': [47.31, 5.11],
	'21|Chevigny-Saint-Sauveur': [47.3, 5.13],
	'21|Saint-Apollinaire': [47.33, 5.08],
	'21|Fontaine-lès-Dijon': [47.34, 5.02],
	'21|Marsannay-la-Côte': [47.27, 4.99],
	'21|Auxonne': [47.19, 5.39],
	'21|Genlis': [47.24, 5.22],
	'21|Is-sur-Tille': [47.52, 5.11],
	'21|Nuits-Saint-Georges': [47.14, 4.95],
	'21|Semur-en-Auxois': [47.49, 4.33],
	'21|Châtillon-sur-Seine': [47.86, 4.57],
	'21|Arnay-le-Duc': [47.13, 4.49],
	'21|Seurre': [47.0, 5.15],
	'21|Saulieu': [47.28, 4.23],
	'21|Ahuy': [47.37, 5.02],
	'21|Gevrey-Chambertin': [47.23, 4.97],
	'21|Perrigny-lès-Dijon': [47.27, 5.01],
	'21|Ouges': [47.26, 5.07],
	'21|Fénay': [47.23, 5.06],
	'21|Arc-sur-Tille': [47.34, 5.19],
	'21|Varois-et-Chaignot': [47.35, 5.13],
	'21|Couternon': [47.33, 5.15],
	'21|Magny-sur-Tille': [47.28, 5.18],
	'21|Neuilly-Crimolois': [47.28, 5.12],
	'21|Bressey-sur-Tille': [47.31, 5.18],
	'21|Remilly-sur-Tille': [47.32, 5.22],
	'21|Sennecey-lès-Dijon': [47.29, 5.1],
	'21|Orgeux': [47.36, 5.15],
	'21|Cessey-sur-Tille': [47.3, 5.21],
	'21|Fauverney': [47.26, 5.15],
	'21|Izier': [47.28, 5.2],
	'58|Nevers': [46.99, 3.16],
	'58|Cosne-Cours-sur-Loire': [47.41, 2.93],
	'58|Clamecy': [47.46, 3.52],
	'58|Château-Chinon (Ville)': [47.06, 3.93],
	'58|Decize': [46.83, 3.46],
	'58|La Charité-sur-Loire': [47.18, 3.02],
	'58|Varennes-Vauzelles': [47.02, 3.14],
	'58|Fourchambault': [47.02, 3.09],
	'58|Imphy': [46.92, 3.26],
	'58|Corbigny': [47.26, 3.68],
	'58|Luzy': [46.79, 3.97],
	'58|Saint-Pierre-le-Moûtier': [46.79, 3.12],
	'58|Prémery': [47.17, 3.33],
	'58|Lormes': [47.29, 3.82],
	'71|Mâcon': [46.31, 4.83],
	'71|Chalon-sur-Saône': [46.78, 4.85],
	'71|Le Creusot': [46.8, 4.42],
	'71|Montceau-les-Mines': [46.67, 4.37],
	'71|Autun': [46.95, 4.3],
	'71|Charolles': [46.43, 4.28],
	'71|Louhans-Châteaurenaud': [46.63, 5.22],
	'71|Paray-le-Monial': [46.45, 4.12],
	'71|Digoin': [46.48, 3.98],
	'71|Tournus': [46.56, 4.91],
	'71|Gueugnon': [46.6, 4.06],
	'71|Cluny': [46.43, 4.66],
	'71|Chagny': [46.91, 4.75],
	'71|Bourbon-Lancy': [46.62, 3.77],
	'89|Auxerre': [47.8, 3.57],
	'89|Sens': [48.2, 3.28],
	'89|Avallon': [47.49, 3.91],
	'89|Joigny': [47.98, 3.4],
	'89|Tonnerre': [47.86, 3.97],
	'89|Migennes': [47.97, 3.52],
	'89|Saint-Florentin': [48.0, 3.73],
	'89|Villeneuve-sur-Yonne': [48.08, 3.3],
	'89|Chablis': [47.81, 3.8],
	'89|Toucy': [47.74, 3.3],
	'89|Saint-Fargeau': [47.64, 3.07]
};

const COS_LAT = Math.cos((47 * Math.PI) / 180);

/** Distance en degrés « corrigés » (la longitude ramenée à l'échelle de la latitude). */
export function distance(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
	const dy = a.lat - b.lat;
	const dx = (a.lon - b.lon) * COS_LAT;
	return Math.sqrt(dx * dx + dy * dy);
}

/** Décale un point d'un rayon tiré (en degrés de latitude), dans l'emprise du département. */
export function autourDe(
	centre: { lat: number; lon: number },
	rayon: number,
	dep: Dep,
	alea: Alea
): { lat: number; lon: number } {
	const r = rayon * Math.sqrt(alea.uniforme());
	const angle = 2 * Math.PI * alea.uniforme();
	const [latMin, latMax, lonMin, lonMax] = EMPRISE[dep];
	return {
		lat: arrondi5(borner(centre.lat + r * Math.sin(angle), latMin, latMax)),
		lon: arrondi5(borner(centre.lon + (r * Math.cos(angle)) / COS_LAT, lonMin, lonMax))
	};
}

export const arrondi5 = (x: number): number => Math.round(x * 1e5) / 1e5;

export function chargerCommunes(): Commune[] {
	const require = createRequire(import.meta.url);
	const communes = require('@etalab/decoupage-administratif/data/communes.json') as CommuneBrute[];
	const epcis = require('@etalab/decoupage-administratif/data/epci.json') as EpciBrut[];
	const arrondissements =
		require('@etalab/decoupage-administratif/data/arrondissements.json') as ArrondissementBrut[];

	const epciDe = new Map<string, string>();
	for (const e of epcis) for (const m of e.membres) epciDe.set(m.code, e.code);
	const chefLieu = new Map(arrondissements.map((a) => [a.code, a.chefLieu]));

	const brutes = communes
		.filter(
			(c) =>
				c.type === 'commune-actuelle' && (DEPARTEMENTS as readonly string[]).includes(c.departement)
		)
		.sort((a, b) => (a.code < b.code ? -1 : 1));

	const resultat: Commune[] = brutes.map((c) => {
		const dep = c.departement as Dep;
		return {
			code: c.code,
			nom: c.nom,
			dep,
			codeDep: `0${dep}`,
			population: c.population ?? 0,
			arrondissement: c.arrondissement ?? `${dep}0`,
			epci: epciDe.get(c.code) ?? `sans-epci-${c.code}`,
			codePostal: c.codesPostaux?.[0] ?? `${dep}000`,
			lat: 0,
			lon: 0,
			rurale: (c.population ?? 0) < 2000
		};
	});

	const parCle = new Map(resultat.map((c) => [`${c.dep}|${c.nom}`, c]));
	const parCode = new Map(resultat.map((c) => [c.code, c]));
	for (const [cle, [lat, lon]] of Object.entries(ANCRES)) {
		const c = parCle.get(cle);
		if (c === undefined) throw new Error(`commune d'ancrage inconnue : ${cle}`);
		c.lat = lat;
		c.lon = lon;
	}
	const estAncre = (c: Commune) => c.lat !== 0;

	// Centre de chaque EPCI (dans un département) : sa plus grande ville placée à la main,
	// sinon un point tiré autour du chef-lieu d'arrondissement de sa commune la plus peuplée.
	const groupes = new Map<string, Commune[]>();
	for (const c of resultat) {
		const cle = `${c.dep}|${c.epci}`;
		const g = groupes.get(cle);
		if (g) g.push(c);
		else groupes.set(cle, [c]);
	}
	for (const [cle, membres] of [...groupes.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
		const parPopulation = [...membres].sort((a, b) => b.population - a.population || cmp(a, b));
		const ancre = parPopulation.find(estAncre);
		const rayon = 0.018 * Math.sqrt(membres.length) + 0.02;
		let centre: { lat: number; lon: number };
		if (ancre) centre = ancre;
		else {
			const principale = parPopulation[0];
			const cl = parCode.get(chefLieu.get(principale.arrondissement) ?? '');
			const base = cl && estAncre(cl) ? cl : centreDepartement(principale.dep);
			centre = autourDe(base, 0.38, principale.dep, new Alea('epci', cle));
			centre = { lat: centre.lat, lon: centre.lon };
		}
		for (const c of membres) {
			if (estAncre(c)) continue;
			const p = autourDe(centre, rayon, c.dep, new Alea('commune', c.code));
			c.lat = p.lat;
			c.lon = p.lon;
		}
	}
	return resultat;
}

function centreDepartement(dep: Dep): { lat: number; lon: number } {
	const [latMin, latMax, lonMin, lonMax] = EMPRISE[dep];
	return { lat: (latMin + latMax) / 2, lon: (lonMin + lonMax) / 2 };
}

const cmp = (a: Commune, b: Commune) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
