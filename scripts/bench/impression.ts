// The report: the tables of imports, views, cold start and memory, each figure beside its target.
import { etendue, mo, ms, ratio, tableau, type Resume } from './statistiques.ts';
import { ECHELLES, sessionsPour, VUES_JUSQUA } from './reglages.ts';
import { notes, resume, series } from './series.ts';
import { LIGNES_AGREGER, MEMOIRE_AGREGER } from './agregation.ts';

export function imprimer(precedent: Record<string, Resume | null> | null): string {
	const avant = (cle: string) => {
		const p = precedent?.[cle];
		const r = resume(cle);
		return p && r ? ` (avant ${ms(p.mediane)})` : '';
	};
	const sections: string[] = [];
	const cible = (ok: boolean | null) => (ok === null ? '—' : ok ? 'atteinte' : 'manquée');

	const lignesImport: string[][] = [];
	const ajouterImport = (libelle: string, cle: string, seuil: number) => {
		const p = resume(cle);
		const b = resume(`${cle}.brut`);
		const pp = resume(`${cle}.papaparse`);
		const r = p && b ? p.mediane / b.mediane : NaN;
		lignesImport.push([
			libelle,
			etendue(p) + avant(cle),
			etendue(b),
			ratio(r),
			pp ? etendue(pp) : notes(`${cle}.papaparse`).join(' ; ') || '—',
			pp && p ? ratio(p.mediane / pp.mediane) : '—',
			Number.isFinite(r) ? cible(r <= seuil) : cible(false),
			[...notes(cle), ...notes(`${cle}.brut`)].join(' ; ')
		]);
	};
	ajouterImport('Académie, 5 ans (12 fichiers)', 'import.academie', 1.3);
	for (const l of ECHELLES)
		ajouterImport(`Élèves, ${l / 1e6} M lignes`, `import.eleves.${l / 1e6} M`, 1.3);
	sections.push(
		'### Import (Pilotage complet : lecture, décodage, contrôles, enregistrement)\n\n' +
			tableau(
				[
					'Fichier',
					'Pilotage',
					'read_csv brut',
					'Ratio',
					'papaparse → objets',
					'Pilotage / papaparse',
					'Cible ≤ 1,3 ×',
					'Notes'
				],
				lignesImport
			)
	);

	if (LIGNES_AGREGER) {
		const nom = `${LIGNES_AGREGER / 1e6} M`;
		const a = resume(`agreger.${nom}`);
		const b = resume(`agreger.${nom}.brut`);
		const r = a && b ? a.mediane / b.mediane : NaN;
		const debit = a ? LIGNES_AGREGER / (a.mediane / 1000) : NaN;
		sections.push(
			`### Agrégation nationale sur DuckDB natif (\`npm run agreger\`, limite mémoire de DuckDB ${MEMOIRE_AGREGER})\n\n` +
				tableau(
					[
						'Fichier élèves',
						'agreger',
						'read_csv brut natif',
						'Ratio',
						'Cible ≤ 1,5 ×',
						'Débit',
						'Mémoire au plus haut (agreger / brut)'
					],
					[
						[
							`${nom} lignes (${mo(resume(`agreger.${nom}.octets`)?.mediane)})`,
							etendue(a),
							etendue(b),
							ratio(r),
							Number.isFinite(r) ? cible(r <= 1.5) : cible(false),
							Number.isFinite(debit)
								? `${new Intl.NumberFormat('fr-FR').format(Math.round(debit / 1000))} k lignes/s`
								: '—',
							`${etendue(resume(`agreger.${nom}.memoire`), mo)} / ${etendue(resume(`agreger.${nom}.brut.memoire`), mo)}`
						]
					]
				)
		);
	}

	const lignesVues: string[][] = [];
	const ACTIONS: [string, string][] = [
		['vue.ecole', 'Ouvrir une école'],
		['vue.niveau', 'Changer de niveau (carte des écoles)'],
		['vue.competence', 'Changer de compétence (nuage IPS)'],
		['vue.circonscription', 'Ouvrir une circonscription (écoles × compétences)'],
		['vue.reseau', 'Ouvrir les besoins partagés d’un réseau']
	];
	for (const [cle, libelle] of ACTIONS)
		for (const l of ECHELLES.filter((x) => x <= VUES_JUSQUA)) {
			const r = resume(`${cle}.${l / 1e6} M`);
			lignesVues.push([
				libelle,
				`académie 5 ans + ${l / 1e6} M élèves`,
				String(r?.n ?? 0),
				ms(r?.mediane),
				ms(r?.p95),
				ms(r?.max),
				r ? cible(r.p95 <= 100) : '—'
			]);
		}
	sections.push(
		'### Vues (de l’action de l’utilisateur à la vue à jour à l’écran)\n\n' +
			tableau(['Action', 'Données', 'n', 'p50', 'p95', 'max', 'Cible p95 ≤ 100 ms'], lignesVues)
	);

	const f = resume('demarrage.premier_chiffre');
	const m = resume('demarrage.moteur_pret');
	const o = resume('demarrage.octets');
	const g = resume('demarrage.octets_gzip');
	const types = [...series.keys()]
		.filter((k) => k.startsWith('demarrage.octets.'))
		.map((k) => `${k.slice('demarrage.octets'.length)} ${mo(resume(k)?.mediane)}`)
		.join(', ');
	sections.push(
		'### Démarrage à froid (profil neuf, application construite)\n\n' +
			tableau(
				['Mesure', 'Médiane (min–max)', 'Cible'],
				[
					[
						'Premier chiffre à l’écran',
						etendue(f) + avant('demarrage.premier_chiffre'),
						`≤ 1,5 s : ${f ? cible(f.mediane <= 1500) : '—'}`
					],
					['Moteur prêt et données chargées', etendue(m), '—'],
					[
						`Octets transférés (brotli, ce que Chromium demande ; ${types})`,
						etendue(o, mo),
						`≤ 10 Mo : ${o ? cible(o.mediane <= 10e6) : '—'}`
					],
					[
						'Octets transférés depuis un hôte qui ne sert que gzip',
						etendue(g, mo),
						`≤ 10 Mo : ${g ? cible(g.mediane <= 10e6) : '—'}`
					]
				]
			)
	);

	const lignesRedemarrage: string[][] = [];
	let plusGrandRedemarrage = 0;
	for (const l of ECHELLES) {
		const nom = `${l / 1e6} M`;
		const g = resume(`redemarrage.garde.${nom}`);
		const j = resume(`redemarrage.journal.${nom}`);
		if (g) plusGrandRedemarrage = Math.max(plusGrandRedemarrage, l);
		lignesRedemarrage.push([
			`Académie 5 ans + ${nom} lignes élèves`,
			`${etendue(g)}${avant(`redemarrage.garde.${nom}`)}, dont moteur ouvert : ${etendue(resume(`redemarrage.moteur.${nom}`))}`,
			etendue(j) + avant(`redemarrage.journal.${nom}`),
			g && j ? ratio(g.mediane / j.mediane) : '—',
			g ? cible(g.mediane <= 3000) : cible(false),
			`${etendue(resume(`garde.octets.${nom}`), mo)}, ${etendue(resume(`garde.ecriture.${nom}`))}`,
			[...notes(`redemarrage.garde.${nom}`), ...notes(`redemarrage.journal.${nom}`)].join(' ; ')
		]);
	}
	sections.push(
		'### Redémarrage avec données importées (rechargement de la page → moteur prêt, données chargées)\n\n' +
			tableau(
				[
					'Données',
					'Tables gardées',
					'Journal rejoué',
					'Gardées / rejoué',
					'Cible ≤ 3 s',
					'Copie : taille, écriture (arrière-plan)',
					'Notes'
				],
				lignesRedemarrage
			) +
			`\n\nPlus grand fichier élèves mesuré au redémarrage : ${plusGrandRedemarrage ? `${plusGrandRedemarrage / 1e6} M lignes` : 'aucun'}${plusGrandRedemarrage < 20e6 ? ' (la cible est fixée à 20 M lignes : cette exécution ne les a pas mesurées, voir BANC_ECHELLES)' : ''}.`
	);

	const lignesMemoire: string[][] = [];
	let plusGrand = 0;
	for (const l of ECHELLES) {
		const nom = `${l / 1e6} M`;
		const ok = resume(`import.eleves.${nom}`);
		if (ok) plusGrand = Math.max(plusGrand, l);
		const avantOnglet = resume(`memoire.onglet.avant.${nom}`);
		lignesMemoire.push([
			`${nom} lignes élèves`,
			etendue(resume(`memoire.avant.${nom}`), mo),
			etendue(resume(`memoire.import.${nom}`), mo),
			etendue(avantOnglet, mo),
			etendue(resume(`memoire.onglet.import.${nom}`), mo),
			etendue(resume(`memoire.onglet.prive.avant.${nom}`), mo),
			etendue(resume(`memoire.onglet.prive.import.${nom}`), mo),
			avantOnglet ? cible(avantOnglet.mediane <= 600e6) : '—',
			ok
				? `importé (${ok.n}/${sessionsPour(l)})`
				: `échec : ${notes(`import.eleves.${nom}`)[0] ?? '—'}`
		]);
	}
	sections.push(
		'### Mémoire de l’onglet (processus de rendu, page et moteur)\n\n' +
			tableau(
				[
					'Fichier',
					'Tous les processus de rendu, avant l’import',
					'… pic pendant l’import',
					'Onglet seul, avant l’import',
					'… pic pendant l’import',
					'Onglet seul, empreinte privée, avant',
					'… pic',
					'Cible ≤ 600 Mo avant (résident)',
					'Résultat'
				],
				lignesMemoire
			) +
			`\n\nPlus grand fichier élèves importé sans échec : ${plusGrand ? `${plusGrand / 1e6} M lignes` : 'aucun'} (cible : 20 M dans un onglet). « Tous les processus de rendu » compte aussi l’interface du navigateur sans tête et le processus de rendu que Chromium garde prêt ; « onglet seul » est le processus de la page et de son worker DuckDB ; son « empreinte privée » (\`RssAnon\` + \`VmSwap\`, ce que le gestionnaire de tâches de Chromium affiche) en retire le code de Chromium et les polices, partagés par tous ses processus (≈ 130 Mo).${auRepos()}` +
			'\n\n' +
			detailMemoire()
	);
	return sections.join('\n\n');
}

/** The tab with the académie, left alone before the pupil file (measured once, first session). */
function auRepos(): string {
	const cible = (ok: boolean) => (ok ? 'atteinte' : 'manquée');
	const rss = resume('memoire.onglet.repos');
	const prive = resume('memoire.onglet.prive.repos');
	if (!rss || !prive) return '';
	return `\n\nLe même onglet, l’académie importée, laissé sans activité avant le fichier élèves (comme pendant le choix du fichier suivant ; relevé chaque seconde pendant au moins 25 s puis jusqu’à dix relevés à 5 Mo près, sans ramassage forcé, une mesure) : **${mo(rss.mediane)} résidents, ${mo(prive.mediane)} d’empreinte privée** (cible ≤ 600 Mo : ${cible(rss.mediane <= 600e6)} en mémoire résidente, ${cible(prive.mediane <= 600e6)} en empreinte privée). Juste après l’activité, V8 garde sa jeune génération à pleine taille et des objets pas encore ramassés : Chromium les rend de lui-même après une dizaine de secondes sans activité.`;
}

/** Issue #19 item 3: what holds the tab's memory, before the pupil file and once it is in. */
function detailMemoire(): string {
	const PARTIES: [string, string][] = [
		['tasPage', 'Tas JS de la page (utilisé)'],
		['tasPageAlloue', 'Tas JS de la page (alloué par V8)'],
		['tamponsPage', 'Tampons de la page hors tas (ArrayBuffer, chaînes externes)'],
		['tasWorker', 'Tas JS du worker DuckDB (utilisé)'],
		['wasm', 'Mémoire wasm de DuckDB (ne rétrécit jamais)'],
		['duckdb', 'Dont comptée par DuckDB (`duckdb_memory()`)']
	];
	const lignes: string[][] = [];
	for (const l of ECHELLES) {
		const nom = `${l / 1e6} M`;
		for (const [cle, libelle] of PARTIES)
			lignes.push([
				libelle,
				`${nom} lignes élèves`,
				etendue(resume(`memoire.${cle}.avant.${nom}`), mo),
				etendue(resume(`memoire.${cle}.import.${nom}`), mo),
				etendue(resume(`memoire.${cle}.vivant.${nom}`), mo)
			]);
		lignes.push([
			'Onglet seul (processus de rendu, résident)',
			`${nom} lignes élèves`,
			etendue(resume(`memoire.onglet.avant.${nom}`), mo),
			etendue(resume(`memoire.onglet.import.${nom}`), mo) + ' (pic)',
			etendue(resume(`memoire.onglet.vivant.${nom}`), mo)
		]);
		const limite = notes(`memoire.duckdbLimite.avant.${nom}`)[0];
		if (limite)
			lignes.push([
				'Limite de DuckDB (`memory_limit`)',
				`${nom} lignes élèves`,
				limite,
				notes(`memoire.duckdbLimite.import.${nom}`)[0] ?? '—',
				notes(`memoire.duckdbLimite.vivant.${nom}`)[0] ?? '—'
			]);
	}
	return (
		'Ce qui tient la mémoire de l’onglet (DevTools : `Runtime.getHeapUsage` de la page et du worker ; taille de la mémoire wasm lue dans le worker ; `duckdb_memory()`) :\n\n' +
		tableau(
			[
				'Partie',
				'Données',
				'Avant l’import élèves',
				'Après l’import élèves',
				'Fin de session, après un ramassage complet du tas de la page'
			],
			lignes
		)
	);
}
