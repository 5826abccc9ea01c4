/**
 * npm run calibration — prints, per size band, how often Pilotage flags a school that has no
 * effect and how often it finds a school that has one, beside the fixed ±7-point band rule of
 * home-made tools. Seeded: the same figures on every run. Options: --academies=N --graine=N.
 */
import {
	simulerCalibration,
	type LigneCalibration,
	type MesureRegle,
	type ResultatCalibration,
	type Taux
} from '../src/lib/indicators/calibration';

function option(nom: string): number | undefined {
	const arg = process.argv.find((a) => a.startsWith(`--${nom}=`));
	return arg ? Number(arg.split('=')[1]) : undefined;
}

function pct(t: Taux): string {
	return Number.isNaN(t.taux) ? '—' : `${(t.taux * 100).toFixed(1)} %`;
}

function tableau(
	resultat: ResultatCalibration,
	mesure: (ligne: LigneCalibration) => MesureRegle
): string {
	const effets = resultat.parametres.effets.map((e) => String(Math.round(e * 100)));
	const entetes = [
		'Effectif',
		'Écoles sans effet',
		'Fausses alertes',
		...effets.map((e) => `Détection ±${e} pts`),
		'Écoles avec effet',
		'Contresens'
	];
	const lignes = resultat.lignes.map((ligne) => {
		const m = mesure(ligne);
		const totalEffet = effets.reduce((s, e) => s + m.detection[e].total, 0);
		const contresens = effets.reduce((s, e) => s + m.contresens[e].signales, 0);
		return [
			ligne.bande.libelle,
			String(m.fausses_alertes.total),
			pct(m.fausses_alertes),
			...effets.map((e) => pct(m.detection[e])),
			String(totalEffet),
			pct({ signales: contresens, total: totalEffet, taux: contresens / totalEffet })
		];
	});
	const largeurs = entetes.map((e, j) => Math.max(e.length, ...lignes.map((l) => l[j].length)));
	const format = (cellules: string[]) =>
		'| ' +
		cellules
			.map((c, j) => (j === 0 ? c.padEnd(largeurs[j]) : c.padStart(largeurs[j])))
			.join(' | ') +
		' |';
	const separation =
		'|' +
		largeurs.map((l, j) => (j === 0 ? '-'.repeat(l + 2) : '-'.repeat(l + 1) + ':')).join('|') +
		'|';
	return [format(entetes), separation, ...lignes.map(format)].join('\n');
}

const debut = performance.now();
const resultat = simulerCalibration({
	nb_academies: option('academies'),
	graine: option('graine')
});
const duree = (performance.now() - debut) / 1000;
const p = resultat.parametres;
const effets = p.effets.map((e) => `±${Math.round(e * 100)}`).join(', ');

console.log('Calibration de Pilotage : académies simulées dont la vérité est connue\n');
console.log(
	`${p.nb_academies} académies × ${p.nb_ecoles} écoles (graine ${p.graine}), de ${p.n_min} à ${p.n_max} élèves par école ; ` +
		`${resultat.nb_ecoles_sans_effet} écoles sans effet, ${resultat.nb_ecoles_avec_effet} avec un effet de ${effets} points.`
);
console.log(
	`Niveau de confiance ${Math.round(p.confiance * 100)} %. Cible : fausses alertes ≤ 5 % dans chaque tranche d’effectif.\n`
);
console.log(
	'Règle de Pilotage : écart à l’attendu selon l’IPS, intervalle exact excluant 0 ; rien sous 10 élèves.\n'
);
console.log(tableau(resultat, (l) => l.pilotage));
console.log(
	`\nRègle de la bande fixe ±${Math.round(p.bande_fixe * 100)} points (droite des moindres carrés sur les pourcentages, sans tenir compte de n).\n`
);
console.log(tableau(resultat, (l) => l.bande_fixe));
console.log(
	'\nLecture : « fausses alertes » = écoles dont la vraie part est exactement l’attendu, signalées point d’appui ou de vigilance ;' +
		'\n« détection » = écoles à effet connu signalées du bon côté ; « contresens » = signalées du mauvais côté.' +
		'\nSous 10 élèves, Pilotage ne classe rien (résultat masqué) : ces écoles comptent comme non signalées.'
);
console.log('\nPour information, deux règles écartées (voir docs/methodologie.md) :');
console.log(
	'\na) intervalle de Wilson de la part excluant l’attendu : ≈ 5 % de fausses alertes en moyenne, sans garantie (jusqu’à 8 % selon n et p).\n'
);
console.log(tableau(resultat, (l) => l.alternatives.wilson));
console.log(
	'\nb) intervalle bayésien empirique (rétréci vers l’attendu) excluant 0 : très prudent, mais manque la plupart des effets réels sous 30 élèves.\n'
);
console.log(tableau(resultat, (l) => l.alternatives.retrecissement));

const respecte = resultat.lignes.every((l) => l.pilotage.fausses_alertes.taux <= 0.05);
console.log(
	`\nCible ${respecte ? 'atteinte' : 'NON ATTEINTE'} pour la règle de Pilotage.` +
		(resultat.nb_ajustements_non_convergents
			? ` ${resultat.nb_ajustements_non_convergents} ajustement(s) du modèle non convergent(s).`
			: ' Tous les ajustements du modèle ont convergé.') +
		` Durée : ${duree.toFixed(1)} s.`
);
if (!respecte) process.exitCode = 1;
