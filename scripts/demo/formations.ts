// Participation à la formation continue (pseudonymisée) sur deux circonscriptions de Côte-d'Or :
// l'académie entière dépasserait 10 Mo. Une ligne par agent et par session (les animations de
// 6 h sont une session hybride : 3 h sur place, 3 h à distance).

import type { Academie, Ecole } from './entites.ts';
import { Alea } from './alea.ts';
import type { Cellule } from './csv.ts';
import type { Effectifs } from './resultats.ts';
import {
	COMPETENCE_FAIBLE_REPP,
	COMPETENCE_FAIBLE_VITRINE,
	anneeScolaire,
	type Vitrine
} from './modele.ts';

export const RENTREES_FORMATION = [2022, 2023, 2024] as const;
/**
 * Périmètre de l'export : les deux circonscriptions vitrines (Dijon Est, et Chenôve avec le REP+),
 * comme si leurs IEN avaient versé leurs listes d'émargement.
 */
export const CIRCOS_FORMATION = ['Dijon Est', 'Chenôve'];

export const ENTETE_FORMATIONS = [
	'annee_scolaire',
	'identifiant_dispositif',
	'libelle_dispositif',
	'identifiant_module',
	'libelle_module',
	'type',
	'discipline',
	'theme',
	'date',
	'duree_h',
	'modalite',
	'agent_id',
	'uai_ecole',
	'presence'
];

type Cycle = 1 | 2 | 3;

interface Enseignant {
	agent: string;
	ecole: Ecole;
	cycle: Cycle;
	directeur: boolean;
}

// Thèmes proposés en animation selon le cycle : une compétence du catalogue si possible.
const THEMES_FR: Record<Cycle, [string, string][]> = {
	1: [['Langage oral au cycle 1', 'Langage oral en maternelle']],
	2: [
		['CP-FR-PHONEMES', 'Conscience phonologique au CP'],
		['CE1-FR-FLUENCE', 'Fluence : lire à voix haute au CE1'],
		['CE1-FR-TEXTE-SEUL', 'Comprendre un texte lu seul'],
		['CP-FR-TEXTES-ORAL', "Comprendre des textes à l'oral"]
	],
	3: [
		['CM1-FR-ORTHOGRAPHE', "Enseigner l'orthographe au cycle 3"],
		['CM1-FR-LEXIQUE', 'Construire le lexique'],
		['CM1-FR-FLUENCE', 'Fluence au cycle 3']
	]
};
const THEMES_MA: Record<Cycle, [string, string][]> = {
	1: [['Construire le nombre au cycle 1', 'Construire le nombre en maternelle']],
	2: [
		['CP-MA-LIGNE-NUMERIQUE', 'La ligne numérique au CP'],
		['CE1-MA-CALCUL-MENTAL', 'Calcul mental au cycle 2'],
		['CE1-MA-LIGNE-GRADUEE', 'Placer des nombres sur une ligne graduée'],
		['CE1-MA-PROBLEMES', 'Résoudre des problèmes au cycle 2']
	],
	3: [
		['CM1-MA-PROBLEMES', 'Résoudre des problèmes au cycle 3'],
		['CM1-MA-CALCULER', 'Calcul en ligne et calcul mental'],
		['CM1-MA-NOMBRES', 'Fractions et nombres décimaux']
	]
};
const THEMES_LIBRES = [
	'Laïcité et valeurs de la République',
	'École inclusive',
	'Numérique éducatif',
	'Éducation physique et sportive',
	'Climat scolaire et harcèlement',
	'Éducation au développement durable'
];

/** Mercredis de l'année scolaire (les animations ont lieu le mercredi). */
function mercredis(rentree: number): string[] {
	const res: string[] = [];
	const debut = Date.UTC(rentree, 8, 1);
	const fin = Date.UTC(rentree + 1, 5, 15);
	for (let t = debut; t <= fin; t += 86400000) {
		const d = new Date(t);
		if (d.getUTCDay() !== 3) continue;
		const m = d.getUTCMonth();
		// ni vacances d'été ni fin décembre (approximation suffisante pour une démo)
		if (m === 11 && d.getUTCDate() > 18) continue;
		res.push(d.toISOString().slice(0, 10));
	}
	return res;
}

function equipes(
	a: Academie,
	effectifs: Map<string, Map<number, Effectifs>>
): Map<number, Enseignant[]> {
	const parAnnee = new Map<number, Enseignant[]>(RENTREES_FORMATION.map((r) => [r, []]));
	let compteur = 0;
	const nouvelAgent = () => `AG-${String(++compteur).padStart(6, '0')}`;
	const perimetre = new Set(
		a.circos.filter((c) => CIRCOS_FORMATION.includes(c.libelle)).map((c) => c.code)
	);
	const ecoles = a.ecoles
		.filter((e) => perimetre.has(e.circo))
		.sort((x, y) => (x.uai < y.uai ? -1 : 1));
	for (const e of ecoles) {
		const alea = new Alea('equipe', e.uai);
		const postes = Math.max(1, effectifs.get(e.uai)?.get(2022)?.classes ?? 1);
		const titulaires = Array.from({ length: postes }, () => nouvelAgent());
		for (const r of RENTREES_FORMATION) {
			if (r > 2022)
				for (let i = 0; i < postes; i++) if (alea.bernoulli(0.12)) titulaires[i] = nouvelAgent();
			titulaires.forEach((agent, i) => {
				const cycle: Cycle =
					e.type === 'maternelle'
						? 1
						: e.type === 'primaire' && i < Math.round(postes / 3)
							? 1
							: i % 5 < 2 && postes > 2
								? 3
								: 2;
				parAnnee.get(r)?.push({ agent, ecole: e, cycle, directeur: i === 0 });
			});
		}
	}
	return parAnnee;
}

export function tirerFormations(
	a: Academie,
	effectifs: Map<string, Map<number, Effectifs>>,
	vitrine: Vitrine
): Cellule[][] {
	const lignes: Cellule[][] = [];
	const parAnnee = equipes(a, effectifs);
	const circos = a.circos.filter((c) => CIRCOS_FORMATION.includes(c.libelle));
	if (circos.length !== CIRCOS_FORMATION.length)
		throw new Error('circonscription de formation absente');
	const repp = a.reseaux.find((r) => r.id === 'REPP-CHENOVE');
	const formeesRepp = new Set(vitrine.repPlus.ecolesTouchees.slice(0, 2).map((e) => e.uai));

	for (const r of RENTREES_FORMATION) {
		const annee = anneeScolaire(r);
		const dates = mercredis(r);
		const enseignants = parAnnee.get(r) ?? [];
		const presence = (alea: Alea) => (alea.bernoulli(0.04) ? 0 : 1);
		const ajouter = (
			alea: Alea,
			dispositif: [string, string],
			module: [string, string],
			type: string,
			discipline: string,
			theme: string,
			date: string,
			duree: number,
			modalite: string,
			ens: Enseignant
		) =>
			lignes.push([
				annee,
				dispositif[0],
				dispositif[1],
				module[0],
				module[1],
				type,
				discipline,
				theme,
				date,
				duree,
				modalite,
				ens.agent,
				ens.ecole.uai,
				presence(alea)
			]);

		for (const circo of circos) {
			const alea = new Alea('formations', circo.code, r);
			const dansCirco = enseignants.filter((x) => x.ecole.circo === circo.code);
			const dispositifAp: [string, string] = [
				`AP-${circo.code}-${r}`,
				`Animations pédagogiques ${circo.libelle} ${annee}`
			];
			// Une offre par cycle et par discipline, choisie chaque année par l'IEN.
			const offre = (themes: Record<Cycle, [string, string][]>, cycle: Cycle) => {
				const liste = themes[cycle].filter(
					([id]) => !(circo.libelle === 'Dijon Est' && id === COMPETENCE_FAIBLE_VITRINE && r < 2024)
				);
				return liste[(alea.entier(0, 99) + r) % liste.length];
			};
			const offres = ([1, 2, 3] as Cycle[]).map((cy) => ({
				cycle: cy,
				fr: offre(THEMES_FR, cy),
				ma: offre(THEMES_MA, cy),
				libre: alea.choisir(THEMES_LIBRES),
				dates: [alea.choisir(dates), alea.choisir(dates), alea.choisir(dates)].sort()
			}));
			for (const ens of dansCirco) {
				const o = offres[ens.cycle - 1];
				const a2 = new Alea('ap', ens.agent, r);
				const modules: [string, string, string, string][] = [
					['FR', o.fr[0], o.fr[1], 'hybride'],
					['MA', o.ma[0], o.ma[1], 'hybride'],
					['', o.libre, o.libre, 'distanciel']
				];
				modules.forEach(([disc, theme, libelle, modalite], k) => {
					ajouter(
						a2,
						dispositifAp,
						[`${dispositifAp[0]}-C${ens.cycle}${disc || 'LIB'}`, libelle],
						'animation pédagogique',
						disc,
						theme,
						o.dates[k],
						6,
						modalite,
						ens
					);
				});
			}

			// Constellations : une en français, une en mathématiques, 6 à 9 enseignants du même
			// cycle dans 2 à 4 écoles d'un groupe de proximité.
			for (const disc of ['FR', 'MA'] as const) {
				let membres: Enseignant[];
				let theme: [string, string];
				const vitrineCirco = circo.libelle === 'Dijon Est' && disc === 'MA' && r === 2024;
				if (vitrineCirco) {
					// Réponse de la circonscription à la faiblesse repérée : constellation
					// « problèmes » avec les CE1 de l'école vitrine.
					theme = [COMPETENCE_FAIBLE_VITRINE, 'Résoudre des problèmes au CE1'];
					const groupe = vitrine.faible.groupe;
					membres = dansCirco
						.filter((x) => x.cycle === 2 && x.ecole.groupe === groupe)
						.sort(
							(x, y) =>
								(x.ecole === vitrine.faible ? -1 : 0) - (y.ecole === vitrine.faible ? -1 : 0) ||
								(x.agent < y.agent ? -1 : 1)
						)
						.slice(0, 8);
				} else {
					const cycle: Cycle = alea.bernoulli(0.6) ? 2 : 3;
					theme = (disc === 'FR' ? THEMES_FR : THEMES_MA)[cycle][
						alea.entier(0, (disc === 'FR' ? THEMES_FR : THEMES_MA)[cycle].length - 1)
					];
					const groupes = [...new Set(circo.ecoles.map((e) => e.groupe))].sort();
					const groupe = alea.choisir(groupes);
					const candidats = dansCirco.filter((x) => x.cycle === cycle && x.ecole.groupe === groupe);
					membres = alea.melanger(candidats).slice(0, alea.entier(6, 9));
				}
				if (membres.length < 4) continue;
				const id = `CONST-${circo.code}-${r}-${disc}`;
				const dispositif: [string, string] = [
					id,
					`Constellation ${disc === 'FR' ? 'français' : 'mathématiques'} ${circo.libelle} ${annee}`
				];
				const jours = alea.melanger(dates).slice(0, 5).sort();
				jours.forEach((date, k) => {
					const enClasse = k === 2 || k === 4;
					for (const ens of membres)
						ajouter(
							new Alea('const', ens.agent, r, k),
							dispositif,
							[`${id}-S${k + 1}`, enClasse ? `${theme[1]} : observation en classe` : theme[1]],
							'constellation',
							disc,
							theme[0],
							date,
							6,
							'présentiel',
							ens
						);
				});
			}

			// Formation des directeurs : 6 h de webinaires départementaux, 6 h en circonscription.
			const directeurs = dansCirco.filter((x) => x.directeur);
			const themeDir =
				r === 2022
					? "Piloter le projet d'école"
					: r === 2023
						? 'Analyser les évaluations nationales'
						: "Conduire l'auto-évaluation de l'école";
			const webinaires = [alea.choisir(dates), alea.choisir(dates)].sort();
			const cafes = [alea.choisir(dates), alea.choisir(dates)].sort();
			for (const ens of directeurs) {
				const a3 = new Alea('dir', ens.agent, r);
				webinaires.forEach((date, k) =>
					ajouter(
						a3,
						[`DIR-021-${r}`, `Formation des directeurs Côte-d'Or ${annee}`],
						[`DIR-021-${r}-W${k + 1}`, `Webinaire départemental : ${themeDir}`],
						'formation directeurs',
						'',
						themeDir,
						date,
						3,
						'distanciel',
						ens
					)
				);
				cafes.forEach((date, k) =>
					ajouter(
						a3,
						[`DIR-${circo.code}-${r}`, `Directeurs ${circo.libelle} ${annee}`],
						[`DIR-${circo.code}-${r}-C${k + 1}`, 'Café directeurs : échanges entre pairs'],
						'formation directeurs',
						'',
						themeDir,
						date,
						3,
						'présentiel',
						ens
					)
				);
			}
		}

		// Formation réseau du REP+ : la compétence faible du réseau n'a été travaillée que par
		// deux écoles (en 2023-2024) ; les autres thèmes concernent tout le réseau.
		if (repp) {
			const themes: Record<number, [string, string, string]> = {
				2022: ['CE1-FR-FLUENCE', 'FR', 'Fluence : lire à voix haute au CE1'],
				2023: [COMPETENCE_FAIBLE_REPP, 'FR', "Comprendre des phrases à l'oral au CP"],
				2024: ['CE1-MA-PROBLEMES', 'MA', 'Résoudre des problèmes au cycle 2']
			};
			const [theme, disc, libelle] = themes[r];
			const uais = new Set(repp.ecoles.map((e) => e.uai));
			const publics = enseignants.filter(
				(x) =>
					uais.has(x.ecole.uai) &&
					x.cycle === 2 &&
					(theme !== COMPETENCE_FAIBLE_REPP || formeesRepp.has(x.ecole.uai))
			);
			const alea = new Alea('reseau-repp', r);
			const jours = alea.melanger(dates).slice(0, 3).sort();
			const id = `RES-REPP-CHENOVE-${r}`;
			jours.forEach((date, k) => {
				for (const ens of publics)
					ajouter(
						new Alea('res', ens.agent, r, k),
						[id, `Formation réseau REP+ Chenôve ${annee}`],
						[`${id}-S${k + 1}`, libelle],
						'formation réseau',
						disc,
						theme,
						date,
						6,
						'présentiel',
						ens
					);
			});
		}
	}
	return lignes;
}
