// Circonscriptions: Dijon Est imposed, the others by geographic bisections, and their names.

import { type Commune, DEPARTEMENTS, distance } from './geographie.ts';
import type { Circonscription, Ecole } from './entites.ts';
import { COMMUNES_CIRCO_CHENOVE, GROUPES_DIJON_EST } from './parametres.ts';
import { attribuerUai } from './etablissements.ts';

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

export function creerCirconscriptions(ecoles: Ecole[]): Circonscription[] {
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
