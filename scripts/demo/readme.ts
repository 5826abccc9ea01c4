// data/README.md : ce qu'il faut savoir pour utiliser la démo, écrit à partir des données
// générées (les noms, UAI et chiffres cités sont ceux des fichiers, jamais recopiés à la main).

import { EFFETS_COLLEGES } from './colleges.ts';
import type { Ecole } from './entites.ts';
import { GRAINE } from './alea.ts';
import { dec1 } from './csv.ts';
import { CIRCOS_FORMATION, RENTREES_FORMATION } from './formations.ts';
import type { Demo } from './generer.ts';
import { COMPETENCE_FAIBLE_VITRINE, PENTE_IPS, RENTREES, anneeScolaire } from './modele.ts';
import { COMPETENCES } from '../../src/lib/domain/competences.ts';

const libelle = (id: string) => COMPETENCES.find((c) => c.id === id)?.libelle ?? id;
const taille = (octets: number) =>
	octets >= 1e6 ? `${dec1(octets / 1e6)} Mo` : `${Math.max(1, Math.round(octets / 1e3))} ko`;

export function readme(demo: Omit<Demo, 'fichiers'> & { fichiers: Map<string, string> }): string {
	const { academie: a, vitrine: v, evaluations } = demo;
	const ecole = (uai: string) => a.ecoles.find((e) => e.uai === uai) as Ecole;
	const circo = (e: Ecole) => a.circos.find((c) => c.code === e.circo)?.libelle ?? '';
	const decrire = (e: Ecole) =>
		`${e.nom} (${e.commune.nom}, UAI \`${e.uai}\`, circonscription ${circo(e)})`;

	// Part satisfaisante observée de l'école vitrine et des écoles d'IPS voisin (±5 points).
	const ipsDe = new Map<string, number>();
	for (const e of a.ecoles) ipsDe.set(e.uai, e.ipsBase);
	const lignesVitrine = RENTREES.map((r) => {
		const lv = evaluations.find(
			(l) =>
				l.uai === v.faible.uai && l.rentree === r && l.competence.id === COMPETENCE_FAIBLE_VITRINE
		);
		const voisines = evaluations.filter(
			(l) =>
				l.rentree === r &&
				l.competence.id === COMPETENCE_FAIBLE_VITRINE &&
				l.uai !== v.faible.uai &&
				Math.abs((ipsDe.get(l.uai) ?? 0) - v.faible.ipsBase) <= 5
		);
		const n = voisines.reduce((s, l) => s + l.n, 0);
		const sat = voisines.reduce((s, l) => s + l.satisfaisant, 0);
		return `| ${anneeScolaire(r)} | ${lv?.n ?? '–'} | ${lv ? dec1((100 * lv.satisfaisant) / lv.n) : '–'} % | ${dec1((100 * sat) / n)} % (${n} élèves) |`;
	});

	const nVitrine = evaluations.filter((l) => l.uai === v.faible.uai).map((l) => l.n);
	const nb = (t: string) => a.reseaux.filter((r) => r.type === t);
	const repp = nb('REP+')[0];
	const fichiers = [...demo.fichiers.entries()]
		.filter(([nom]) => nom !== 'README.md')
		.map(
			([nom, contenu]) =>
				`| \`${nom}\` | ${taille(Buffer.byteLength(contenu))} | ${DESCRIPTION(nom)} |`
		);

	const fortes = v.effets.filter((x) => x.points >= 12);
	const diffus = v.effets.filter((x) => Math.abs(x.points) === 8);
	const mat = a.ecoles.filter((e) => e.type === 'maternelle').length;

	return `# Données fictives de démonstration

**Toutes les données de ce dossier sont fictives.** Les communes, départements et l'académie
(Dijon, code \`07\`) sont réels ; les écoles, collèges, UAI, noms, effectifs, IPS, résultats,
enseignants et formations sont inventés. Aucun fichier réel n'a servi à les produire.

## Génération

\`\`\`sh
npm run demo-data            # écrit dans data/
npx tsx scripts/generate-demo.ts /tmp/demo   # ou dans un autre dossier
\`\`\`

Le générateur (\`scripts/generate-demo.ts\` et \`scripts/demo/\`) est déterministe : graine
\`${GRAINE}\`, un flux pseudo-aléatoire (sfc32) par objet nommé, aucune horloge. Deux exécutions
donnent les mêmes octets, ce que vérifie \`scripts/generate-demo.test.ts\`. Fichiers en UTF-8 sans BOM,
séparateur \`;\`, fins de ligne LF, décimales \`.\`.

### L'académie

- ${a.ecoles.length} écoles publiques (${mat} maternelles, sans résultats d'évaluation), ${a.colleges.length} collèges,
  ${a.circos.length} circonscriptions de 20 à 60 écoles, dans les communes réelles des quatre départements
  (Côte-d'Or 021, Nièvre 058, Saône-et-Loire 071, Yonne 089), d'après \`@etalab/decoupage-administratif\`.
  Le nombre d'écoles d'une commune croît avec sa population ; une commune de moins de 2 000 habitants est
  dite rurale (\`rural = 1\`).
- **Coordonnées approximatives** : les villes principales sont placées à quelques kilomètres près, les autres
  communes sont tirées autour de la ville de leur intercommunalité. Elles conviennent pour une carte de
  démonstration, pas pour mesurer des distances.
- UAI valides (lettre de contrôle correcte) mais dans des plages qu'aucun établissement réel n'utilise :
  \`0DD9xxx\` pour les écoles, \`0DD8xxx\` pour les collèges, \`0DD7xxx\` pour les circonscriptions
  (DD = département).
- Chaque collège a son réseau \`secteur\` (ses écoles). ${nb('REP').length} réseaux REP et 1 REP+
  (\`${repp.id}\`, « ${repp.libelle} ») : un collège tête de réseau et 4 à 10 écoles de son secteur.
  ${nb('TER').length} territoires éducatifs ruraux (TER) dans la Nièvre : un collège et les écoles rurales de son secteur.
- IPS : REP+ 70–80, REP 80–90, autres écoles autour de 107 en ville et de 101 en commune rurale, avec une
  légère dérive d'une année sur l'autre. Les maternelles n'ont pas d'IPS ; les écoles de moins de
  15 élèves élémentaires ont \`NS\`.

### Le modèle de résultats

Cinq années scolaires, ${anneeScolaire(RENTREES[0])} à ${anneeScolaire(RENTREES[RENTREES.length - 1])} : CP et CE1 chaque
année, CM1 depuis 2023-2024. Pour chaque école, compétence et année, le nombre d'élèves évalués vient
des effectifs de l'école (moins quelques absents) et

> logit P(satisfaisant) = base(compétence, année) + ${PENTE_IPS} × (IPS − 106) + effet école + bruit annuel + effet conçu

avec un effet école tiré une fois pour toutes (écart type 0,2 sur l'échelle logit, commun à toutes les
compétences), un bruit annuel faible (0,08 pour l'école, 0,05 par compétence) et l'effet conçu (tableau
ci-dessous, défini en points de part satisfaisante et converti en logit autour de la valeur attendue de
l'école). La base reproduit à peu près les parts nationales (CE1 2024 : écrire des syllabes ≈ 86 %,
résoudre des problèmes ≈ 49 % ; CP : phonèmes ≈ 83 %). Le groupe « à besoins » suit le même modèle avec un
seuil décalé (modèle logistique cumulatif) ; les effectifs sont tirés selon une loi multinomiale, si bien
que \`n_besoin + n_fragile + n_satisfaisant = n_eleves\` exactement. Pour les effets conçus d'au moins 10 points,
un tirage qui s'écarte de plus d'un écart type de la valeur visée est refait : l'effet se voit ainsi chaque
année. Les écoles vitrines (faible et fortes) n'ont pas d'effet école aléatoire.

6e chaque année, 4e depuis 2023-2024 : pour chaque collège, domaine (dont un score d'ensemble par discipline) et année, score moyen ≈ 250 + 1,2 × (IPS du collège − 106) + effet
collège (commun à la 6e et à la 4e) + effet conçu, et six groupes de niveau tirés selon la répartition nationale (10/17/22/20/14/17 %) déplacée
d'autant. \`references.csv\` donne la France (valeurs du modèle à IPS 106), l'académie et chaque
département (parts calculées sur les données générées) ; pour la 6e et la 4e, la France seule
(« satisfaisant » = groupes 5 et 6, « besoin » = groupes 1 et 2).

Collèges, fichiers publics au format réel : \`ips-colleges.csv\` (IPS par rentrée, avec les IPS de la
France, de l'académie et du département, comme les publications depuis 2024),
\`effectifs-colleges.csv\` (élèves par niveau), \`valeur-ajoutee-colleges.csv\` (IVAC : brevet, sessions
2021 à 2025 ; taux attendu = 100 × logistique(2 + 0,04 × (IPS − 106)), taux constaté = attendu + effet
propre du collège (écart type 2,5 points) + effet conçu + bruit annuel (2 points), arrondis comme les
publications de la DEPP).

## Les effets à retrouver

\`demo-verite.csv\` liste **tous** les effets conçus (école × compétence, en points) ; toute autre école
n'a pas d'effet conçu (seulement son effet propre, aléatoire).

### Une faiblesse nette à Dijon Est

${decrire(v.faible)}, groupe de proximité « ${v.faible.groupe} » : **−15 points** en CE1 « ${libelle(COMPETENCE_FAIBLE_VITRINE)} »
(\`${COMPETENCE_FAIBLE_VITRINE}\`) chaque année, ${Math.min(...nVitrine)} à ${Math.max(...nVitrine)} élèves évalués par niveau, IPS ≈ ${dec1(v.faible.ipsBase)}.
Ses résultats élève par élève sont dans \`eleves-${v.faible.uai}.csv\` (ils redonnent exactement ses lignes de
\`evaluations-ecoles.csv\`). La circonscription y répond en 2024-2025 par une constellation
« résolution de problèmes » (voir \`formations.csv\`).

| année | élèves de CE1 | part satisfaisante de l'école | écoles d'IPS voisin (±5) |
|---|---|---|---|
${lignesVitrine.join('\n')}

La circonscription Dijon Est compte ${a.circos.find((c) => c.libelle === 'Dijon Est')?.ecoles.length} écoles en quatre groupes de
proximité : Chevigny, Quetigny, Saint-Apollinaire, Dijon Est périurbain.

### Des points forts nets

${fortes.map((x) => `- ${decrire(ecole(x.uai))} : **+${x.points} points** en ${x.niveau} « ${libelle(x.competenceId)} » (\`${x.competenceId}\`).`).join('\n')}

### Une faiblesse partagée par le réseau REP+

${repp.libelle} (\`${repp.id}\`, collège tête \`${repp.tete}\`) : **−10 points** en CP « ${libelle(v.repPlus.competenceId)} »
(\`${v.repPlus.competenceId}\`) dans ${v.repPlus.ecolesTouchees.length} de ses ${v.repPlus.ecolesTouchees.length + v.repPlus.ecolesEpargnees.length} écoles évaluées
(${v.repPlus.ecolesTouchees.map((e) => `\`${e.uai}\``).join(', ')}) ; seule \`${v.repPlus.ecolesEpargnees[0].uai}\` est épargnée. Seules deux écoles
(${v.repPlus.ecolesTouchees
		.slice(0, 2)
		.map((e) => `\`${e.uai}\``)
		.join(
			', '
		)}) ont suivi une formation réseau sur cette compétence (2023-2024) : c'est le besoin de
formation partagé que le plan de réseau doit faire apparaître.

### Des collèges à retrouver

Effets conçus sur les collèges, chaque année (ils ne sont pas dans \`demo-verite.csv\`, qui liste les écoles) :

${EFFETS_COLLEGES.map((x) => `- ${a.colleges.find((c) => c.uai === x.uai)?.nom} (${a.colleges.find((c) => c.uai === x.uai)?.commune.nom}, \`${x.uai}\`) : **${x.points > 0 ? '+' : '−'}${Math.abs(x.points)} points** ${x.cible === 'DNB' ? 'de taux de réussite au brevet (valeur ajoutée)' : `de score en « ${x.cible} »`} — ${x.note}.`).join('\n')}

Le collège Boris Vian est le collège de secteur de l'école Paul Bert : la faiblesse en résolution de
problèmes de ses CE1 se retrouve à l'entrée en 6e.

### Effets modérés (±8 points)

${diffus.length} effets plus modestes, dispersés dans l'académie (dont un à Quetigny, Dijon Est) : voir \`demo-verite.csv\`.
Sur de petits effectifs, la plupart ne doivent **pas** être déclarés significatifs.

## Réseaux

- REP+ : ${repp.libelle} (\`${repp.id}\`).
- REP : ${nb('REP')
		.map((r) => `${r.libelle} (\`${r.id}\`)`)
		.join(', ')}.
- TER : ${nb('TER')
		.map((r) => `${r.libelle} (\`${r.id}\`)`)
		.join(', ')}.

## Formation continue

\`formations.csv\` couvre ${RENTREES_FORMATION.map(anneeScolaire).join(', ')} et **seulement les circonscriptions
${CIRCOS_FORMATION.join(', ')}** (le REP+ est dans celle de Chenôve), comme si leurs IEN avaient versé leurs
listes d'émargement ; ailleurs, l'absence de ligne ne veut pas dire absence de formation. Contenu : animations pédagogiques (18 h par enseignant et par an : 6 h de français,
6 h de mathématiques, 6 h sur un thème libre), constellations (30 h en 5 séances), formation des
directeurs (12 h) et formation réseau du REP+. Enseignants pseudonymisés (\`AG-000123\`), jamais nommés.
\`theme\` porte l'identifiant de la compétence travaillée quand il y en a une.

## Fichiers

| fichier | taille | contenu |
|---|---|---|
${fichiers.join('\n')}

Les formats Pilotage sont décrits dans \`docs/formats.md\`. \`ips-ecoles.csv\` et \`effectifs-ecoles.csv\`
reprennent les en-têtes des fichiers open data réels (respectivement \`fr-en-ips-ecoles-ap2022\` et
\`fr-en-ecoles-effectifs-nb_classes\`).
`;
}

function DESCRIPTION(nom: string): string {
	if (nom.startsWith('eleves-'))
		return "Résultats élève par élève de l'école vitrine (pseudonymisés)";
	const d: Record<string, string> = {
		'ecoles.csv':
			'Écoles : type, commune, circonscription, groupe, éducation prioritaire, rural, coordonnées',
		'circonscriptions.csv': 'Circonscriptions (code = UAI fictive)',
		'colleges.csv': 'Collèges',
		'reseaux.csv': 'Réseaux REP+, REP, TER et secteurs de collège (une ligne par membre)',
		'evaluations-ecoles.csv': 'Évaluations CP, CE1, CM1 par école et compétence (format long)',
		'evaluations-colleges.csv': 'Évaluations de 6e et de 4e par collège et domaine',
		'ips-colleges.csv': 'IPS des collèges par rentrée (format open data réel, publications 2024)',
		'effectifs-colleges.csv': 'Effectifs des collèges par niveau (format open data réel)',
		'valeur-ajoutee-colleges.csv':
			'Valeur ajoutée des collèges au brevet, IVAC (format open data réel)',
		'references.csv': 'Références France, académie, départements',
		'formations.csv': 'Participations aux formations (circonscriptions Dijon Est et Chenôve)',
		'projet-academique.csv': 'Projet académique 2023-2027 : ambitions, axes, objectifs',
		'projet-indicateurs.csv': 'Rattachement des indicateurs aux objectifs',
		'ips-ecoles.csv': 'IPS des écoles par rentrée (format open data réel)',
		'effectifs-ecoles.csv': 'Effectifs et classes par rentrée (format open data réel)',
		'demo-verite.csv': 'Effets conçus (la vérité à retrouver)'
	};
	return d[nom] ?? '';
}
