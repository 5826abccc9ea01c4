// The drawing of the map as an escaped SVG string, with the schools placed for the pointer.

import { Delaunay } from 'd3';
import type { ContoursTerritoires } from './contours';
import { modaliteur, modalitesDe, SANS_VALEUR, texteValeur } from './modalites';
import { etendue, projeter, type Etendue } from './projection';
import { n, symbole } from './symboles';
import type { EcoleCarte, IndicateurCarte, Modalite, NiveauTerritoire } from './types';

/** The outline of every mark: #161616 on white is 18:1, above WCAG's 3:1 for graphics. */
const CONTOUR_POINT = '#161616';

const echapper = (texte: string) =>
	texte
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		.replace(/>/g, '&gt;')
		.replace(/"/g, '&quot;')
		.replace(/'/g, '&#39;');

export interface EcolePlacee {
	ecole: EcoleCarte;
	/** In the drawing's units (its viewBox). */
	x: number;
	y: number;
	modalite: Modalite;
	/** « École X, commune — IPS : 95,2 — … », as the tooltip and the table's link title say. */
	titre: string;
}

export interface OptionsCarteEcoles {
	titre: string;
	indicateur: IndicateurCarte;
	/** Other indicators whose values each school's title also gives. */
	autres?: readonly IndicateurCarte[];
	/** Outlines computed once from every school (`contoursTerritoires`), whatever is shown. */
	contours?: ContoursTerritoires;
	/** The territory zoomed on, outlined in blue. */
	territoire?: { niveau: string; code: string } | null;
	/** The school to point at (focused in the table), ringed. */
	selection?: string | null;
	largeur?: number;
	/** For the downloaded file: the title, the legend and this source written inside the SVG. */
	autonome?: { source: string } | null;
}

export interface DessinCarteEcoles {
	readonly svg: string;
	readonly largeur: number;
	readonly hauteur: number;
	readonly description: string;
	readonly placees: readonly EcolePlacee[];
	readonly sansCoordonnees: readonly EcoleCarte[];
	/** The legend with the count of schools shown in each modality (empty ones left out). */
	readonly legende: readonly { modalite: Modalite; nombre: number }[];
	/** The school of `options.selection`, if placed. */
	readonly selection: EcolePlacee | undefined;
	/** The school drawn nearest to (x, y) if within reach of a pointer, in drawing units. */
	ecoleA(x: number, y: number): EcolePlacee | undefined;
}

let numeroCarte = 0;

const TRAITS: Record<NiveauTerritoire['trait'], string> = {
	fort: 'stroke="#3a3a3a" stroke-width="2"',
	fin: 'stroke="#7b7b7b" stroke-width="0.75"',
	tirets: 'stroke="#000091" stroke-width="1.25" stroke-dasharray="5 3"'
};

/**
 * The schools given, fitted to the drawing (zooming on a territory is giving its schools), in
 * the modality of `indicateur`, over the outlines of `contours`.
 */
export function dessinerCarteEcoles(
	ecoles: readonly EcoleCarte[],
	options: OptionsCarteEcoles
): DessinCarteEcoles {
	const largeur = options.largeur ?? 760;
	const indicateur = options.indicateur;
	const autres = (options.autres ?? []).filter((a) => a.cle !== indicateur.cle);
	const modaliteDe = modaliteur(indicateur);

	const positions: { ecole: EcoleCarte; km: [number, number] }[] = [];
	const sansCoordonnees: EcoleCarte[] = [];
	for (const ecole of ecoles) {
		const km = projeter(ecole);
		if (km) positions.push({ ecole, km });
		else sansCoordonnees.push(ecole);
	}

	// The fit: the schools' extent (at least 2 km wide) in the drawing, less a margin; with
	// outlines, the territory zoomed on or the outlines' reach around the schools is kept in view.
	let [x0, y0, x1, y1]: Etendue = positions.length
		? etendue(positions.map((p) => p.km))
		: [0, 0, 1, 1];
	const contours = options.contours;
	const choisi = options.territoire
		? contours?.contours.find(
				(c) => c.niveau === options.territoire!.niveau && c.code === options.territoire!.code
			)
		: undefined;
	const anneaux = contours?.contours.flatMap((c) => c.anneaux.flat()) ?? [];
	if (choisi) [x0, y0, x1, y1] = etendue(choisi.anneaux.flat(), [x0, y0, x1, y1]);
	// The outlines drawn, not their 10 km reach: a network a few kilometres wide would otherwise
	// sit small in the middle of a 25 km frame.
	else if (anneaux.length && positions.length)
		[x0, y0, x1, y1] = etendue(anneaux, [x0, y0, x1, y1]);
	else if (contours && positions.length) {
		x0 -= contours.rayon;
		y0 -= contours.rayon;
		x1 += contours.rayon;
		y1 += contours.rayon;
	}
	const cx = (x0 + x1) / 2;
	const cy = (y0 + y1) / 2;
	const dx = Math.max(x1 - x0, 2);
	const dy = Math.max(y1 - y0, 2);
	// Marks are larger where schools are fewer, within 2.5 to 7 px.
	const r = Math.max(2.5, Math.min(7, (largeur / Math.sqrt(Math.max(1, positions.length))) * 0.12));
	const marge = Math.ceil(r * 1.6) + 6;
	let k = (largeur - 2 * marge) / dx;
	let hauteurCarte = Math.round(dy * k + 2 * marge);
	const [hMin, hMax] = [Math.round(largeur * 0.5), Math.round(Math.max(largeur * 1.2, 360))];
	if (hauteurCarte > hMax) {
		hauteurCarte = hMax;
		k = (hauteurCarte - 2 * marge) / dy;
	} else if (hauteurCarte < hMin) hauteurCarte = hMin;

	const autonome = options.autonome ?? null;
	// Unique in the page, where several maps may sit.
	const cadre = `cadre-carte-${++numeroCarte}`;
	const hautCarte = autonome ? 44 : 0;
	const versDessin = ([x, y]: readonly [number, number]): [number, number] => [
		k * (x - cx) + largeur / 2,
		k * (y - cy) + hautCarte + hauteurCarte / 2
	];

	const placees: EcolePlacee[] = positions.map(({ ecole, km }) => {
		const [x, y] = versDessin(km);
		const modalite = modaliteDe(ecole.uai);
		const valeurs = [indicateur, ...autres].map(
			(i) => `${i.libelle} : ${texteValeur(i, ecole.uai)}`
		);
		return {
			ecole,
			x,
			y,
			modalite,
			titre: [`${ecole.nom}, ${ecole.commune}`, ...valeurs].join(' — ')
		};
	});

	// Outlines: one path per level, rings out of view left out.
	const morceaux: string[] = [];
	const vue = [
		-largeur * 0.1,
		hautCarte - hauteurCarte * 0.1,
		largeur * 1.1,
		hautCarte + hauteurCarte * 1.1
	];
	const anneauVisible = (anneau: readonly [number, number][]) => {
		const [a, b, c, d] = etendue(anneau);
		return c >= vue[0] && a <= vue[2] && d >= vue[1] && b <= vue[3];
	};
	const tracer = (anneaux: readonly [number, number][][]) =>
		anneaux
			.map((a) => a.map(versDessin))
			.filter(anneauVisible)
			.map((a) => a.map(([x, y], i) => `${i ? 'L' : 'M'}${n(x)} ${n(y)}`).join('') + 'z')
			.join('');
	const niveauxTraces: string[] = [];
	if (contours) {
		morceaux.push(`<g clip-path="url(#${cadre})" fill="none" stroke-linejoin="round">`);
		// The finest levels first: the départements' thick line lies over the circonscriptions'.
		for (const niveau of [...contours.niveaux].reverse()) {
			const d = contours.contours
				.filter((c) => c.niveau === niveau.cle)
				.map((c) => tracer(c.anneaux))
				.join('');
			if (!d) continue;
			niveauxTraces.unshift(niveau.libelle.toLowerCase());
			morceaux.push(
				`<path class="contours" data-niveau="${echapper(niveau.cle)}" ${TRAITS[niveau.trait]} d="${d}"/>`
			);
		}
		if (choisi)
			morceaux.push(
				`<path class="contour-choisi" stroke="#000091" stroke-width="3" d="${tracer(choisi.anneaux)}"/>`
			);
		morceaux.push('</g>');
	}

	// Points: one path per modality, drawn last-to-first so the legend's first lie on top.
	const modalites = [...modalitesDe(indicateur), SANS_VALEUR];
	const compte = new Map<string, number>();
	for (const p of placees) compte.set(p.modalite.cle, (compte.get(p.modalite.cle) ?? 0) + 1);
	for (const m of [...modalites].reverse()) {
		const d = placees
			.filter((p) => p.modalite.cle === m.cle)
			.map((p) => symbole(m.symbole, p.x, p.y, r))
			.join('');
		if (d)
			morceaux.push(
				`<path class="ecoles" data-modalite="${echapper(m.cle)}" fill="${m.couleur}" stroke="${CONTOUR_POINT}" stroke-width="0.75" d="${d}"/>`
			);
	}
	const choisie = placees.find((p) => p.ecole.uai === options.selection);
	if (choisie)
		morceaux.push(
			`<circle class="selection" cx="${n(choisie.x)}" cy="${n(choisie.y)}" r="${n(r + 5)}" fill="none" stroke="#ffffff" stroke-width="5"/>` +
				`<circle cx="${n(choisie.x)}" cy="${n(choisie.y)}" r="${n(r + 5)}" fill="none" stroke="#000091" stroke-width="2.5"/>`
		);

	// Over the points, with a white halo: under them a label in a dense town was hidden.
	// Labels of the coarsest level that shows at least two territories here (≤ 30 of them).
	if (contours) {
		for (const niveau of contours.niveaux.slice(0, 2)) {
			const visibles = contours.contours
				.filter((c) => c.niveau === niveau.cle)
				.map((c) => ({ c, p: versDessin(c.centre) }))
				.filter(
					({ p }) =>
						p[0] > 40 &&
						p[0] < largeur - 40 &&
						p[1] > hautCarte + 12 &&
						p[1] < hautCarte + hauteurCarte - 12
				);
			if (visibles.length < 2 || visibles.length > 30) continue;
			for (const { c, p } of visibles)
				morceaux.push(
					`<text class="etiquette" x="${n(p[0])}" y="${n(p[1])}" text-anchor="middle" font-size="12" font-weight="bold" fill="#161616" stroke="#ffffff" stroke-width="3" paint-order="stroke">${echapper(c.libelle)}</text>`
				);
			break;
		}
	}

	const legende = modalites
		.map((modalite) => ({ modalite, nombre: compte.get(modalite.cle) ?? 0 }))
		.filter((l) => l.nombre > 0);
	const description =
		`${placees.length} école${placees.length > 1 ? 's' : ''} placée${placees.length > 1 ? 's' : ''} selon leurs coordonnées` +
		(sansCoordonnees.length
			? ` (${sansCoordonnees.length} sans coordonnées, non placée${sansCoordonnees.length > 1 ? 's' : ''})`
			: '') +
		`, selon « ${indicateur.libelle} » : ` +
		legende.map((l) => `${l.nombre} ${l.modalite.libelle}`).join(', ') +
		'.' +
		(niveauxTraces.length
			? ` Contours approchés (${niveauxTraces.join(', ')}) tracés à partir de la position des écoles.`
			: '') +
		' Le tableau qui suit donne chaque école.';

	// The downloaded file: title above, legend and source below, on white.
	let hauteur = hautCarte + hauteurCarte;
	const avant: string[] = [];
	const apres: string[] = [];
	if (autonome) {
		avant.push(
			`<rect width="100%" height="100%" fill="#ffffff"/>`,
			`<text x="12" y="28" font-size="16" font-weight="bold" fill="#161616">${echapper(options.titre)}</text>`
		);
		let x = 12;
		let y = hauteur + 20;
		apres.push(
			`<text x="12" y="${n(y)}" font-weight="bold" fill="#161616">${echapper(indicateur.libelle)}</text>`
		);
		y += 20;
		for (const { modalite, nombre } of legende) {
			const texte = `${modalite.libelle} (${nombre})`;
			const w = 24 + texte.length * 6.2;
			if (x + w > largeur - 12 && x > 12) {
				x = 12;
				y += 20;
			}
			apres.push(
				`<path fill="${modalite.couleur}" stroke="${CONTOUR_POINT}" stroke-width="0.75" d="${symbole(modalite.symbole, x + 6, y - 4, 5)}"/>`,
				`<text x="${n(x + 16)}" y="${n(y)}" fill="#161616">${echapper(texte)}</text>`
			);
			x += w;
		}
		y += 22;
		apres.push(
			`<text x="12" y="${n(y)}" font-size="10" fill="#3a3a3a">${echapper(
				`Contours approchés d’après la position des écoles. Source : ${autonome.source}`
			)}</text>`
		);
		hauteur = Math.ceil(y + 12);
	}

	const svg =
		`<svg xmlns="http://www.w3.org/2000/svg" role="img" width="${largeur}" height="${hauteur}" viewBox="0 0 ${largeur} ${hauteur}"` +
		` aria-label="${echapper(options.titre)}" aria-description="${echapper(description)}"` +
		` font-family="Marianne, Arial, sans-serif" font-size="11">` +
		// A <title> would show the browser's own tooltip over the whole map: the file only has one.
		(autonome ? `<title>${echapper(options.titre)}</title>` : '') +
		`<desc>${echapper(description)}</desc>` +
		`<defs><clipPath id="${cadre}"><rect x="0" y="${hautCarte}" width="${largeur}" height="${hauteurCarte}"/></clipPath></defs>` +
		avant.join('') +
		morceaux.join('') +
		apres.join('') +
		`</svg>`;

	const index = Delaunay.from(
		placees,
		(p) => p.x,
		(p) => p.y
	);
	return {
		svg,
		largeur,
		hauteur,
		description,
		placees,
		sansCoordonnees,
		legende,
		selection: choisie,
		ecoleA(x, y) {
			if (!placees.length) return undefined;
			const p = placees[index.find(x, y)];
			return Math.hypot(p.x - x, p.y - y) <= Math.max(r + 3, 8) ? p : undefined;
		}
	};
}
