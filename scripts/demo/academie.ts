// Structure de l'académie fictive : écoles, collèges et leurs secteurs, réseaux REP/REP+/TER,
// circonscriptions et groupes de proximité. Les communes sont réelles, tout le reste est inventé.

import { estUaiValide, uaiLettreCle } from '../../src/lib/domain/uai.ts';
import { Alea, borner } from './alea.ts';
import { slug } from './csv.ts';
import {
	DEPARTEMENTS,
	autourDe,
	chargerCommunes,
	distance,
	type Commune,
	type Dep
} from './geographie.ts';

export type TypeEcole = 'maternelle' | 'elementaire' | 'primaire';
export type EducationPrioritaire = '' | 'REP' | 'REP+';

export interface Ecole {
	uai: string;
	nom: string;
	/** Patronyme au sens du fichier des effectifs (vide pour « École primaire de X »). */
	patronyme: string;
	type: TypeEcole;
	commune: Commune;
	lat: number;
	lon: number;
	circo: string;
	groupe: string;
	ep: EducationPrioritaire;
	college: string;
	/** Élèves par niveau, en moyenne : fixe l'échelle des effectifs de l'école. */
	taille: number;
	/** IPS de la rentrée 2022, avant la petite dérive annuelle. */
	ipsBase: number;
	/** Effet propre de l'école sur l'échelle logit, commun à toutes les compétences. */
	effetEcole: number;
	ulis: boolean;
}

export interface College {
	uai: string;
	nom: string;
	commune: Commune;
	lat: number;
	lon: number;
	ep: EducationPrioritaire;
	ips: number;
	ecoles: Ecole[];
}

export interface Circonscription {
	code: string;
	libelle: string;
	dep: Dep;
	ecoles: Ecole[];
}

export type TypeReseau = 'REP+' | 'REP' | 'TER' | 'secteur';

export interface Reseau {
	id: string;
	type: TypeReseau;
	libelle: string;
	tete: string;
	/** Écoles membres (le collège tête est ajouté à l'écriture). */
	ecoles: Ecole[];
}

export interface Academie {
	communes: Commune[];
	ecoles: Ecole[];
	colleges: College[];
	circos: Circonscription[];
	reseaux: Reseau[];
}

// --- Écoles imposées : la circonscription vitrine Dijon Est et le REP+ de Chenôve ---

type EcoleImposee = [type: TypeEcole, nom?: string];
const M: EcoleImposee = ['maternelle'];
const E: EcoleImposee = ['elementaire'];
const P: EcoleImposee = ['primaire'];

export const NOM_ECOLE_VITRINE = 'École élémentaire Paul Bert';

const ECOLES_IMPOSEES: Record<string, EcoleImposee[]> = {
	'21|Chevigny-Saint-Sauveur': [M, M, M, ['elementaire', NOM_ECOLE_VITRINE], E, E, E],
	'21|Quetigny': [M, M, M, E, E, E],
	'21|Saint-Apollinaire': [M, M, E, E, E],
	'21|Ahuy': [P],
	'21|Arc-sur-Tille': [M, E],
	'21|Varois-et-Chaignot': [P],
	'21|Couternon': [P],
	'21|Magny-sur-Tille': [P],
	'21|Neuilly-Crimolois': [
		['primaire', 'École primaire de Neuilly-lès-Dijon'],
		['primaire', 'École primaire de Crimolois']
	],
	'21|Bressey-sur-Tille': [P],
	'21|Remilly-sur-Tille': [P],
	'21|Sennecey-lès-Dijon': [M, E],
	'21|Orgeux': [P],
	'21|Cessey-sur-Tille': [P],
	'21|Fauverney': [P],
	'21|Izier': [P],
	'21|Chenôve': [M, M, M, M, E, E, E, E, E, P]
};

export const GROUPES_DIJON_EST: Record<string, string[]> = {
	Chevigny: ['Chevigny-Saint-Sauveur', 'Sennecey-lès-Dijon', 'Neuilly-Crimolois'],
	Quetigny: ['Quetigny', 'Couternon', 'Varois-et-Chaignot'],
	'Saint-Apollinaire': ['Saint-Apollinaire', 'Ahuy', 'Orgeux'],
	'Dijon Est périurbain': [
		'Arc-sur-Tille',
		'Magny-sur-Tille',
		'Bressey-sur-Tille',
		'Remilly-sur-Tille',
		'Cessey-sur-Tille',
		'Fauverney',
		'Izier'
	]
};

// Circonscription du REP+ : Chenôve et les communes voisines du sud de l'agglomération.
const COMMUNES_CIRCO_CHENOVE = [
	'Chenôve',
	'Longvic',
	'Marsannay-la-Côte',
	'Perrigny-lès-Dijon',
	'Ouges',
	'Fénay',
	'Gevrey-Chambertin',
	'Couchey',
	'Brochon',
	'Fixin',
	'Noiron-sous-Gevrey',
	'Saulon-la-Chapelle',
	'Saulon-la-Rue',
	'Corcelles-lès-Cîteaux'
];

// Réseaux d'éducation prioritaire : [département, commune, nombre de REP dans la commune].
const REP: [Dep, string, number][] = [
	['21', 'Dijon', 3],
	['21', 'Talant', 1],
	['21', 'Longvic', 1],
	['58', 'Nevers', 2],
	['58', 'Cosne-Cours-sur-Loire', 1],
	['58', 'Decize', 1],
	['71', 'Chalon-sur-Saône', 2],
	['71', 'Mâcon', 2],
	['71', 'Le Creusot', 1],
	['71', 'Montceau-les-Mines', 1],
	['71', 'Autun', 1],
	['89', 'Auxerre', 2],
	['89', 'Sens', 2],
	['89', 'Joigny', 1],
	['89', 'Tonnerre', 1]
];
const NB_TER = 12;

const PATRONYMES = [
	'Jean Jaurès',
	'Jules Ferry',
	'Victor Hugo',
	'Louis Pasteur',
	'Jean Moulin',
	'Paul Bert',
	'Marie Curie',
	'Jacques Prévert',
	'Jean de La Fontaine',
	'Anatole France',
	'Condorcet',
	'Champollion',
	'Alphonse Daudet',
	'Colette',
	'George Sand',
	'Albert Camus',
	'Charles Perrault',
	'Jules Verne',
	'Marcel Pagnol',
	'Antoine de Saint-Exupéry',
	'Louise Michel',
	'Simone Veil',
	'Pierre Larousse',
	'Gustave Eiffel',
	'Henri Vincenot',
	'Lamartine',
	'Romain Rolland',
	'Paul Langevin',
	'Jean Zay',
	'Frédéric Mistral',
	'Joséphine Baker',
	'Olympe de Gouges',
	'Lucie Aubrac',
	'Germaine Tillion',
	'Paul Éluard',
	'Robert Desnos',
	'Nicéphore Niépce',
	'Claude Bernard',
	'Elsa Triolet',
	'Pierre Perret',
	'Françoise Dolto',
	'Jean Macé',
	'Ferdinand Buisson',
	'Pauline Kergomard',
	'Louis Aragon',
	'Arthur Rimbaud'
];
const LIEUX = [
	'Les Tilleuls',
	'Les Marronniers',
	'Les Acacias',
	'Les Peupliers',
	'Les Lilas',
	'Les Coquelicots',
	'Les Bleuets',
	'Les Tournesols',
	'Le Petit Bois',
	'Les Vignes',
	'Le Parc',
	'Les Grands Champs',
	'La Fontaine',
	'Le Château',
	'Les Érables',
	'Les Cerisiers',
	'Les Hirondelles',
	'Le Moulin',
	'La Colline',
	'Les Prés',
	'Le Clos',
	'Les Charmilles',
	'Les Rives',
	'Les Saules',
	'Le Verger',
	'Les Écureuils'
];
const PATRONYMES_COLLEGES = [
	'Jean Rostand',
	'Gaston Bachelard',
	'Boris Vian',
	'Pierre Mendès France',
	'Camille Claudel',
	'Paul-Émile Victor',
	'Édouard Herriot',
	'Le Chapitre',
	'Les Lentillères',
	'Roland Dorgelès',
	'Jean-Philippe Rameau',
	'Lazare Carnot',
	'Vauban',
	'Buffon',
	'Jacques Prévert',
	'Albert Camus',
	'Marcel Aymé',
	'Bernard Palissy',
	'Claude Debussy',
	'Alexandre Dumas',
	'Gustave Courbet',
	'Jean Monnet',
	'Saint-Just',
	'Jules Renard'
];

const K_ECOLES = 0.0033;

// --- Construction ---

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

function creerEcoles(communes: Commune[]): Ecole[] {
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
function attribuerUai<T>(
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

function creerColleges(communes: Commune[]): College[] {
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

function sectoriser(ecoles: Ecole[], colleges: College[]): void {
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

function reseauxEducationPrioritaire(colleges: College[], communes: Commune[]): Reseau[] {
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

function reseauxTer(colleges: College[]): Reseau[] {
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

function attribuerIps(ecoles: Ecole[], colleges: College[]): void {
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

// --- Circonscriptions : Dijon Est imposée, les autres par bissections géographiques ---

interface Bloc {
	lat: number;
	lon: number;
	ecoles: Ecole[];
}

/** Coupe récursivement le long de l'axe le plus étendu, en parts d'effectif à peu près égal. */
function partitionner(blocs: Bloc[], parts: number): Bloc[][] {
	if (parts <= 1 || blocs.length <= 1) return [blocs];
	const lats = blocs.map((b) => b.lat);
	const lons = blocs.map((b) => b.lon);
	const etendueLat = Math.max(...lats) - Math.min(...lats);
	const etendueLon = (Math.max(...lons) - Math.min(...lons)) * 0.68;
	const axe = etendueLat >= etendueLon ? 'lat' : 'lon';
	const tries = [...blocs].sort(
		(a, b) => a[axe] - b[axe] || (a.ecoles[0].uai < b.ecoles[0].uai ? -1 : 1)
	);
	const total = tries.reduce((s, b) => s + b.ecoles.length, 0);
	const gauche = Math.floor(parts / 2);
	const cible = (total * gauche) / parts;
	let cumul = 0;
	let coupe = 1;
	let ecart = Infinity;
	for (let i = 0; i < tries.length - 1; i++) {
		cumul += tries[i].ecoles.length;
		if (Math.abs(cumul - cible) < ecart) {
			ecart = Math.abs(cumul - cible);
			coupe = i + 1;
		}
	}
	return [
		...partitionner(tries.slice(0, coupe), gauche),
		...partitionner(tries.slice(coupe), parts - gauche)
	];
}

function blocsDe(ecoles: Ecole[], seuilVille: number): Bloc[] {
	const parCommune = new Map<string, Ecole[]>();
	for (const e of ecoles) {
		const l = parCommune.get(e.commune.code);
		if (l) l.push(e);
		else parCommune.set(e.commune.code, [e]);
	}
	const blocs: Bloc[] = [];
	for (const liste of parCommune.values()) {
		if (liste.length >= seuilVille) for (const e of liste) blocs.push({ ...e, ecoles: [e] });
		else blocs.push({ lat: liste[0].commune.lat, lon: liste[0].commune.lon, ecoles: liste });
	}
	return blocs.sort((a, b) => (a.ecoles[0].uai < b.ecoles[0].uai ? -1 : 1));
}

/** Commune qui a le plus d'écoles dans l'ensemble (à égalité, la plus peuplée). */
function communePrincipale(ecoles: Ecole[]): Commune {
	const compte = new Map<string, { c: Commune; n: number }>();
	for (const e of ecoles) {
		const x = compte.get(e.commune.code) ?? { c: e.commune, n: 0 };
		x.n++;
		compte.set(e.commune.code, x);
	}
	return [...compte.values()].sort(
		(a, b) => b.n - a.n || b.c.population - a.c.population || (a.c.code < b.c.code ? -1 : 1)
	)[0].c;
}

const STYLE_DIRECTION = new Set(['Dijon', 'Chalon-sur-Saône', 'Mâcon']);

const BOUSSOLE = ['Est', 'Nord-Est', 'Nord', 'Nord-Ouest', 'Ouest', 'Sud-Ouest', 'Sud', 'Sud-Est'];

/**
 * Nomme les parts d'après leur commune principale ; les homonymes sont distingués par un
 * numéro ou, pour les grandes villes, par un point cardinal (`Dijon Nord`, `Dijon Centre`).
 */
function nommer(parts: Ecole[][], styleDirection: boolean, dejaPris: Set<string>): string[] {
	const principales = parts.map(communePrincipale);
	const noms = principales.map((c) => c.nom);
	const parNom = new Map<string, number[]>();
	noms.forEach((n, i) => parNom.set(n, [...(parNom.get(n) ?? []), i]));
	const centre = (i: number) => ({
		lat: parts[i].reduce((s, e) => s + e.lat, 0) / parts[i].length,
		lon: parts[i].reduce((s, e) => s + e.lon, 0) / parts[i].length
	});
	for (const [nom, indices] of parNom) {
		if (indices.length === 1 && !dejaPris.has(nom)) continue;
		const ordre = [...indices].sort((a, b) => centre(b).lat - centre(a).lat);
		if (!styleDirection || !STYLE_DIRECTION.has(nom)) {
			ordre.forEach((i, k) => (noms[i] = `${nom} ${k + 1}`));
			continue;
		}
		const ville = principales[ordre[0]];
		const auCentre =
			ordre.length >= 4
				? [...ordre].sort((a, b) => distance(centre(a), ville) - distance(centre(b), ville))[0]
				: -1;
		const utilises = new Set(dejaPris);
		for (const i of ordre) {
			const candidats: string[] = [];
			if (i === auCentre) candidats.push('Centre');
			else if (ordre.length <= 3)
				candidats.push(
					(ordre.length === 2 ? ['Nord', 'Sud'] : ['Nord', 'Centre', 'Sud'])[ordre.indexOf(i)]
				);
			else {
				const c = centre(i);
				const angle = Math.atan2(c.lat - ville.lat, (c.lon - ville.lon) * 0.68);
				const secteur = (n: number) => ((Math.round(angle / ((2 * Math.PI) / n)) % n) + n) % n;
				candidats.push(['Est', 'Nord', 'Ouest', 'Sud'][secteur(4)], BOUSSOLE[secteur(8)]);
			}
			let candidat = candidats.map((d) => `${nom} ${d}`).find((n) => !utilises.has(n));
			for (let k = 2; candidat === undefined; k++) {
				const essai = `${nom} ${candidats[0]} ${k}`;
				if (!utilises.has(essai)) candidat = essai;
			}
			utilises.add(candidat);
			noms[i] = candidat;
		}
	}
	return noms;
}

function creerCirconscriptions(ecoles: Ecole[]): Circonscription[] {
	const circos: Circonscription[] = [];
	const groupeDijonEst = new Map<string, string>();
	for (const [groupe, noms] of Object.entries(GROUPES_DIJON_EST))
		for (const n of noms) groupeDijonEst.set(n, groupe);

	for (const dep of DEPARTEMENTS) {
		let restantes = ecoles.filter((e) => e.commune.dep === dep);
		const imposees: [string, Ecole[]][] = [];
		if (dep === '21') {
			const dijonEst = restantes.filter((e) => groupeDijonEst.has(e.commune.nom));
			for (const e of dijonEst) e.groupe = groupeDijonEst.get(e.commune.nom) ?? '';
			circos.push({ code: '', libelle: 'Dijon Est', dep, ecoles: dijonEst });
			const chenove = restantes.filter((e) => COMMUNES_CIRCO_CHENOVE.includes(e.commune.nom));
			imposees.push(['Chenôve', chenove]);
			restantes = restantes.filter(
				(e) => !groupeDijonEst.has(e.commune.nom) && !COMMUNES_CIRCO_CHENOVE.includes(e.commune.nom)
			);
		}
		const parts = partitionner(blocsDe(restantes, 20), Math.round(restantes.length / 42)).map((p) =>
			p.flatMap((b) => b.ecoles)
		);
		const noms = nommer(
			parts,
			true,
			new Set([...circos.map((c) => c.libelle), ...imposees.map((x) => x[0])])
		);
		for (const [libelle, liste] of imposees) {
			parts.push(liste);
			noms.push(libelle);
		}
		parts.forEach((p, i) => {
			const groupes = partitionner(blocsDe(p, 6), p.length >= 45 ? 4 : p.length >= 30 ? 3 : 2).map(
				(g) => g.flatMap((b) => b.ecoles)
			);
			const nomsGroupes = nommer(groupes, false, new Set());
			groupes.forEach((g, k) => {
				for (const e of g) e.groupe = nomsGroupes[k];
			});
			circos.push({ code: '', libelle: noms[i], dep, ecoles: p });
		});
	}
	attribuerUai(
		circos,
		(c) => c.dep,
		'7',
		(c) => [c.libelle],
		(c, uai) => (c.code = uai)
	);
	for (const c of circos) {
		c.ecoles.sort((a, b) => (a.uai < b.uai ? -1 : 1));
		for (const e of c.ecoles) e.circo = c.code;
	}
	return circos.sort((a, b) => (a.code < b.code ? -1 : 1));
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
