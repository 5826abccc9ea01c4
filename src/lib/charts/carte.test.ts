import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
	contoursTerritoires,
	dansTerritoire,
	dessinerCarteEcoles,
	LAMBERT_93,
	MODALITES_EP,
	MODALITES_LECTURE,
	modalitesDe,
	projeter,
	symbole,
	type EcoleCarte,
	type IndicateurCarte,
	type NiveauTerritoire,
	type Symbole
} from './carte';

/** The demo académie's schools, as the map reads them. */
function ecolesDemo(): (EcoleCarte & { ep: string; rural: string })[] {
	const [entete, ...lignes] = readFileSync('data/ecoles.csv', 'utf8').trim().split('\n');
	const colonnes = entete.split(';');
	return lignes.map((ligne) => {
		const v = Object.fromEntries(ligne.split(';').map((x, i) => [colonnes[i], x]));
		return {
			uai: v.uai,
			nom: v.nom,
			commune: v.commune,
			latitude: v.latitude ? Number(v.latitude) : null,
			longitude: v.longitude ? Number(v.longitude) : null,
			territoires: { departement: v.code_departement, circonscription: v.code_circonscription },
			ep: v.education_prioritaire,
			rural: v.rural
		};
	});
}

const ECOLES = ecolesDemo();
const AVEC_COORDONNEES = ECOLES.filter((e) => e.latitude !== null && e.longitude !== null);
const DEPARTEMENTS = ['021', '058', '071', '089'];
const CIRCONSCRIPTIONS = [...new Set(ECOLES.map((e) => e.territoires.circonscription as string))];
const NIVEAUX: NiveauTerritoire[] = [
	{
		cle: 'departement',
		libelle: 'Départements',
		trait: 'fort',
		unites: DEPARTEMENTS.map((code) => ({ code, libelle: `Département ${code}` }))
	},
	{
		cle: 'circonscription',
		libelle: 'Circonscriptions',
		trait: 'fin',
		unites: CIRCONSCRIPTIONS.map((code) => ({ code, libelle: code }))
	}
];
const EP: IndicateurCarte = {
	nature: 'categoriel',
	cle: 'ep',
	libelle: 'Éducation prioritaire',
	modalites: MODALITES_EP,
	valeurs: new Map(ECOLES.map((e) => [e.uai, e.ep || 'hors_ep']))
};
const CONTOURS = contoursTerritoires(ECOLES, NIVEAUX);

/** How many school marks a drawing holds: each is one closed subpath (one `M`). */
const marquesDessinees = (svg: string) =>
	[...svg.matchAll(/<path class="ecoles"[^>]* d="([^"]*)"/g)]
		.map((m) => (m[1].match(/M/g) ?? []).length)
		.reduce((a, b) => a + b, 0);

const placee = (dessin: ReturnType<typeof dessinerCarteEcoles>, commune: string) =>
	dessin.placees.find((p) => p.ecole.commune === commune)!;

describe('projection et cadrage', () => {
	const dessin = dessinerCarteEcoles(ECOLES, { titre: 'Écoles', indicateur: EP, largeur: 760 });

	it('place chaque école de la démo qui a des coordonnées, à l’intérieur du dessin', () => {
		expect(AVEC_COORDONNEES.length).toBeGreaterThan(1500);
		expect(dessin.placees).toHaveLength(AVEC_COORDONNEES.length);
		expect(marquesDessinees(dessin.svg)).toBe(AVEC_COORDONNEES.length);
		for (const p of dessin.placees) {
			expect(p.x).toBeGreaterThan(0);
			expect(p.x).toBeLessThan(dessin.largeur);
			expect(p.y).toBeGreaterThan(0);
			expect(p.y).toBeLessThan(dessin.hauteur);
		}
		// The fit uses the width: the extreme schools are near both edges.
		const xs = dessin.placees.map((p) => p.x);
		expect(Math.min(...xs)).toBeLessThan(20);
		expect(Math.max(...xs)).toBeGreaterThan(740);
	});

	it('met Dijon à l’est de Nevers, Auxerre au nord de Mâcon, le nord en haut', () => {
		expect(placee(dessin, 'Dijon').x).toBeGreaterThan(placee(dessin, 'Nevers').x + 200);
		expect(placee(dessin, 'Auxerre').y).toBeLessThan(placee(dessin, 'Mâcon').y - 200);
		// Along the central meridian (3° E) north is exactly up; at 5° E within 2°.
		for (const lon of [3, 5]) {
			const [a, b] = [
				projeter({ latitude: 47, longitude: lon })!,
				projeter({ latitude: 48, longitude: lon })!
			];
			expect(b[1]).toBeLessThan(a[1]);
			const ecart = (Math.atan2(Math.abs(b[0] - a[0]), a[1] - b[1]) * 180) / Math.PI;
			expect(ecart).toBeLessThan(lon === 3 ? 1e-9 : 2);
		}
	});

	it('est la projection conique conforme de Lambert-93 ajustée par d3 (fitExtent) aux écoles', () => {
		const xs = dessin.placees.map((p) => p.x);
		const ys = dessin.placees.map((p) => p.y);
		const cadre: [[number, number], [number, number]] = [
			[Math.min(...xs), Math.min(...ys)],
			[Math.max(...xs), Math.max(...ys)]
		];
		const projection = LAMBERT_93().fitExtent(cadre, {
			type: 'MultiPoint',
			coordinates: AVEC_COORDONNEES.map((e) => [e.longitude!, e.latitude!])
		});
		for (const p of dessin.placees.slice(0, 200)) {
			const [x, y] = projection([p.ecole.longitude!, p.ecole.latitude!])!;
			expect(Math.abs(x - p.x)).toBeLessThan(0.01);
			expect(Math.abs(y - p.y)).toBeLessThan(0.01);
		}
		// Kilometres: Dijon–Nevers is ≈ 170 km as the crow flies.
		const [d, nv] = [
			projeter({ latitude: 47.32, longitude: 5.04 })!,
			projeter({ latitude: 46.99, longitude: 3.16 })!
		];
		expect(Math.hypot(d[0] - nv[0], d[1] - nv[1])).toBeGreaterThan(145);
		expect(Math.hypot(d[0] - nv[0], d[1] - nv[1])).toBeLessThan(150);
	});

	it('zoome sur un département : ses seules écoles, à plus grande échelle', () => {
		const cote = ECOLES.filter((e) => e.territoires.departement === '021');
		const zoom = dessinerCarteEcoles(cote, { titre: 'Côte-d’Or', indicateur: EP, largeur: 760 });
		expect(zoom.placees).toHaveLength(cote.length);
		expect(marquesDessinees(zoom.svg)).toBe(cote.length);
		for (const p of zoom.placees) {
			expect(p.x).toBeGreaterThan(0);
			expect(p.x).toBeLessThan(zoom.largeur);
			expect(p.y).toBeGreaterThan(0);
			expect(p.y).toBeLessThan(zoom.hauteur);
		}
		const distance = (d: typeof zoom) =>
			Math.hypot(
				placee(d, 'Dijon').x - placee(d, 'Beaune').x,
				placee(d, 'Dijon').y - placee(d, 'Beaune').y
			);
		expect(distance(zoom)).toBeGreaterThan(1.5 * distance(dessin));
	});

	it('liste sans les placer les écoles sans coordonnées, et les compte dans la description', () => {
		const sans = { ...ECOLES[0], uai: '0000000X', latitude: null, longitude: null };
		const d = dessinerCarteEcoles([...ECOLES.slice(0, 10), sans], { titre: 't', indicateur: EP });
		expect(d.placees).toHaveLength(10);
		expect(d.sansCoordonnees.map((e) => e.uai)).toEqual(['0000000X']);
		expect(d.description).toContain('1 sans coordonnées, non placée');
	});

	it('trouve l’école sous le pointeur, et aucune loin de toute école', () => {
		const dijon = placee(dessin, 'Nevers');
		expect(dessin.ecoleA(dijon.x + 1, dijon.y - 1)?.ecole.commune).toBe('Nevers');
		expect(dessin.ecoleA(-50, -50)).toBeUndefined();
	});
});

describe('contours des territoires tirés de la position des écoles', () => {
	it('donne un contour par département de la démo, qui contient chacune de ses écoles et aucune autre', () => {
		const departements = CONTOURS.contours.filter((c) => c.niveau === 'departement');
		expect(departements.map((c) => c.code).sort()).toEqual(DEPARTEMENTS);
		for (const e of AVEC_COORDONNEES) {
			const p = projeter(e)!;
			const contenants = departements.filter((c) => dansTerritoire(c, p)).map((c) => c.code);
			expect(contenants).toEqual([e.territoires.departement]);
		}
	});

	it('enferme chaque école dans le contour de sa circonscription', () => {
		const parCode = new Map(
			CONTOURS.contours.filter((c) => c.niveau === 'circonscription').map((c) => [c.code, c])
		);
		expect(parCode.size).toBe(CIRCONSCRIPTIONS.length);
		for (const e of AVEC_COORDONNEES)
			expect(
				dansTerritoire(parCode.get(e.territoires.circonscription as string)!, projeter(e)!)
			).toBe(true);
	});

	it('ne s’étend pas au-delà du rayon autour des écoles', () => {
		const nievre = CONTOURS.contours.find((c) => c.code === '058')!;
		const ecoles = AVEC_COORDONNEES.filter((e) => e.territoires.departement === '058').map((e) =>
			projeter(e)!
		);
		for (const anneau of nievre.anneaux)
			for (const s of anneau) {
				const plusProche = Math.min(...ecoles.map((p) => Math.hypot(p[0] - s[0], p[1] - s[1])));
				expect(plusProche).toBeLessThanOrEqual(CONTOURS.rayon + 1e-6);
			}
		// A point 30 km west of the westernmost Nièvre school is outside every territory.
		const ouest = ecoles.reduce((a, b) => (b[0] < a[0] ? b : a));
		expect(CONTOURS.contours.some((c) => dansTerritoire(c, [ouest[0] - 30, ouest[1]]))).toBe(false);
	});

	it('compte un réseau dont des écoles sont aussi dans d’autres réseaux', () => {
		const ecoles: EcoleCarte[] = ECOLES.slice(0, 40).map((e, i) => ({
			...e,
			territoires: { reseau: i < 10 ? ['R1', 'R2'] : i < 20 ? ['R1'] : [] }
		}));
		const c = contoursTerritoires(ecoles, [
			{
				cle: 'reseau',
				libelle: 'Réseaux',
				trait: 'tirets',
				unites: [
					{ code: 'R1', libelle: 'R1' },
					{ code: 'R2', libelle: 'R2' },
					{ code: 'R3', libelle: 'sans école' }
				]
			}
		]);
		expect(c.contours.map((x) => [x.code, x.nbEcoles])).toEqual([
			['R1', 20],
			['R2', 10]
		]);
		for (const e of ecoles.slice(0, 20))
			expect(dansTerritoire(c.contours[0], projeter(e)!)).toBe(true);
	});

	it('trace les contours dans le dessin, et le territoire choisi en bleu', () => {
		const d = dessinerCarteEcoles(ECOLES, {
			titre: 't',
			indicateur: EP,
			contours: CONTOURS,
			territoire: { niveau: 'departement', code: '058' }
		});
		expect(d.svg).toMatch(/<path class="contours" data-niveau="departement"[^>]* d="M/);
		expect(d.svg).toMatch(/<path class="contours" data-niveau="circonscription"[^>]* d="M/);
		expect(d.svg).toMatch(/<path class="contour-choisi" stroke="#000091"[^>]* d="M/);
		expect(d.description).toContain('Contours approchés (départements, circonscriptions)');
	});
});

describe('indicateurs', () => {
	it('compte les écoles de chaque modalité, les non renseignées à part', () => {
		const valeurs = new Map(
			ECOLES.slice(0, 30).map((e, i) => [e.uai, MODALITES_LECTURE[i % 5].cle])
		);
		const d = dessinerCarteEcoles(ECOLES.slice(0, 40), {
			titre: 't',
			indicateur: {
				nature: 'categoriel',
				cle: 'l',
				libelle: 'Lecture CE1',
				modalites: MODALITES_LECTURE,
				valeurs
			}
		});
		expect(d.legende.map((l) => [l.modalite.libelle, l.nombre])).toEqual([
			['point de vigilance', 6],
			['point d’appui', 6],
			['signal à confirmer', 6],
			['rien d’établi', 6],
			['effectif insuffisant', 6],
			['non renseigné', 10]
		]);
		for (const { modalite, nombre } of d.legende) {
			const m = new RegExp(`data-modalite="${modalite.cle}"[^>]* d="([^"]*)"`).exec(d.svg)!;
			expect(m[1].match(/M/g)).toHaveLength(nombre);
		}
	});

	it('découpe une valeur continue en classes de clarté décroissante, légendées en français', () => {
		const ips: IndicateurCarte = {
			nature: 'continu',
			cle: 'ips',
			libelle: 'IPS',
			valeurs: new Map(ECOLES.map((e, i) => [e.uai, 80 + (i % 50)]))
		};
		const modalites = modalitesDe(ips);
		expect(modalites).toHaveLength(5);
		// 1 519 values from 80 to 129: the first quintile is 89.
		expect(modalites[0].libelle).toBe('moins de 89,0');
		expect(modalites[4].libelle).toMatch(/^1\d\d,\d ou plus$/);
		const clarte = (hex: string) => {
			const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
			return 0.2126 * r + 0.7152 * g + 0.0722 * b;
		};
		const rgb = modalites.map((m) => {
			const [r, g, b] = m.couleur.match(/\d+/g)!.map(Number);
			return `#${[r, g, b].map((x) => x.toString(16).padStart(2, '0')).join('')}`;
		});
		for (let i = 1; i < rgb.length; i++) expect(clarte(rgb[i])).toBeLessThan(clarte(rgb[i - 1]));
		const d = dessinerCarteEcoles(ECOLES.slice(0, 3), {
			titre: 't',
			indicateur: ips,
			autres: [EP]
		});
		expect(d.placees[0].titre).toBe(
			`${ECOLES[0].nom}, ${ECOLES[0].commune} — IPS : 80,0 — Éducation prioritaire : hors éducation prioritaire`
		);
	});

	it('donne à chaque symbole un seul tracé fermé', () => {
		const formes: Symbole[] = [
			'cercle',
			'carre',
			'triangle',
			'triangle_bas',
			'losange',
			'croix',
			'petit_cercle'
		];
		for (const f of formes) {
			const d = symbole(f, 10, 10, 4);
			expect(d.match(/M/g)).toHaveLength(1);
			expect(d.endsWith('z')).toBe(true);
		}
	});
});

describe('texte venu des données', () => {
	const piege = '<script>alert("x")</script>';
	const ecoles: EcoleCarte[] = ECOLES.map((e, i) =>
		i ? e : { ...e, nom: `École ${piege}`, commune: 'Dijon & « Nord »' }
	);
	const niveaux: NiveauTerritoire[] = [
		{
			...NIVEAUX[0],
			unites: NIVEAUX[0].unites.map((u) =>
				u.code === '021' ? { ...u, libelle: `Côte ${piege}` } : u
			)
		}
	];
	const d = dessinerCarteEcoles(ecoles, {
		titre: `Carte ${piege}`,
		indicateur: { ...EP, libelle: `EP <img src=x onerror=alert(1)>` },
		contours: contoursTerritoires(ecoles, niveaux),
		autonome: { source: `fichier ${piege}` }
	});

	it('échappe chaque texte : aucune balise venue des données dans le SVG', () => {
		expect(d.svg).not.toContain('<script');
		expect(d.svg).not.toContain('<img');
		expect(d.svg).toContain('Côte &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
		expect(d.svg).toContain('aria-label="Carte &lt;script&gt;');
		expect(d.svg).toContain('EP &lt;img src=x onerror=alert(1)&gt;');
	});

	it('garde le nom tel quel dans le titre de l’école, qui est posé comme texte', () => {
		expect(d.placees[0].titre).toContain(`École ${piege}, Dijon & « Nord »`);
	});
});

/** Tags of an XML text, checked for balance: the file opens in any SVG reader. */
function baliseBienFormee(xml: string): boolean {
	const pile: string[] = [];
	for (const m of xml.matchAll(/<(\/?)([a-zA-Z][\w:-]*)([^>]*?)(\/?)>/g)) {
		const [, fermante, nom, attributs, auto] = m;
		if ((attributs.match(/"/g) ?? []).length % 2) return false;
		if (fermante) {
			if (pile.pop() !== nom) return false;
		} else if (!auto) pile.push(nom);
	}
	return pile.length === 0 && !/&(?!amp;|lt;|gt;|quot;|#39;)/.test(xml);
}

describe('fichier SVG téléchargé', () => {
	const d = dessinerCarteEcoles(ECOLES, {
		titre: 'Écoles de l’académie selon l’éducation prioritaire',
		indicateur: EP,
		contours: CONTOURS,
		autonome: { source: 'démo, ecoles.csv' }
	});

	it('se suffit à lui-même : espace de noms, fond blanc, titre, légende chiffrée, source', () => {
		expect(d.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
		expect(baliseBienFormee(d.svg)).toBe(true);
		expect(d.svg).toContain('<rect width="100%" height="100%" fill="#ffffff"/>');
		expect(d.svg).toContain('<title>Écoles de l’académie selon l’éducation prioritaire</title>');
		const nb = (cle: string) => ECOLES.filter((e) => (e.ep || 'hors_ep') === cle).length;
		expect(d.svg).toContain(`>REP+ (${nb('REP+')})</text>`);
		expect(d.svg).toContain(`>REP (${nb('REP')})</text>`);
		expect(d.svg).toContain(`>hors éducation prioritaire (${nb('hors_ep')})</text>`);
		expect(d.svg).toContain('Source : démo, ecoles.csv');
		// Styles are attributes, not a stylesheet of the page: the file looks the same elsewhere.
		expect(d.svg).not.toContain('class="fr-');
		expect(d.svg).toMatch(
			/<path class="ecoles" data-modalite="REP\+" fill="#6a1b9a" stroke="#161616"/
		);
		expect(marquesDessinees(d.svg)).toBe(AVEC_COORDONNEES.length);
	});

	it('place la légende sous la carte, dans le cadre du fichier', () => {
		const ys = [...d.svg.matchAll(/<text x="[\d.]+" y="([\d.]+)"/g)].map((m) => Number(m[1]));
		expect(Math.max(...ys)).toBeLessThan(d.hauteur);
		expect(Math.max(...d.placees.map((p) => p.y))).toBeLessThan(Math.max(...ys));
	});
});
