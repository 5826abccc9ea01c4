// The importer on damaged inputs: refusals with their line and reason, unknown headers, rejects.

import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { OptionsImport } from './importer';
import { csvRejets, type RapportImport } from './rapport';
import {
	compter,
	ENTETE,
	evals,
	FIXTURES,
	imp,
	instantane,
	L1,
	L2,
	L3,
	lignesRefusees,
	lire,
	preparerMoteur,
	texte
} from './essais-import';

preparerMoteur();

const IPS_ENTETE =
	'rentree_scolaire;academie;code_du_departement;departement;uai;nom_de_l_etablissment;code_insee_de_la_commune;nom_de_la_commune;secteur;effectifs;ips';
const ips = (valeur: string) =>
	`${IPS_ENTETE}\n2022-2023;DIJON;021;COTE D'OR;0219901Y;ECOLE;21231;DIJON;public;104.0;${valeur}\n`;

interface Cas {
	nom: string;
	entree: string | Uint8Array;
	options?: OptionsImport;
	attendu: {
		statut: RapportImport['statut'];
		acceptees?: number;
		rejetees?: number;
		/** Line (as in the file) of the refused row and a pattern of its reason. */
		ligne?: number;
		motif?: RegExp;
		suggestion?: string;
		message?: RegExp;
	};
}

const PDF = texte('%PDF-1.7\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n');
const XLSX = new Uint8Array([
	0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00
]);
const BINAIRE = new Uint8Array(Array.from({ length: 600 }, (_, i) => (i * 37 + 11) % 256));

const CAS: Cas[] = [
	{
		nom: 'lettre de contrôle fausse',
		entree: evals(L1, L2.replace('0219902Z', '0219902A')),
		attendu: {
			statut: 'importe',
			acceptees: 1,
			rejetees: 1,
			ligne: 3,
			motif: /lettre de contrôle fausse/,
			suggestion: '0219902Z'
		}
	},
	{
		nom: 'UAI de 7 caractères sans lettre',
		entree: evals(L1, L2.replace('0219902Z', '0219902')),
		attendu: { statut: 'importe', acceptees: 1, rejetees: 1, ligne: 3, motif: /UAI mal formée/ }
	},
	{
		nom: 'UAI sans son zéro de tête (acceptée)',
		entree: evals(L1, L2.replace('0219902Z', '219902Z')),
		attendu: { statut: 'importe', acceptees: 2, rejetees: 0 }
	},
	{
		nom: 'groupes dont la somme n’est pas n_eleves',
		entree: evals(L1, L2.replace(';8;2;2;4', ';8;2;2;5')),
		attendu: {
			statut: 'importe',
			acceptees: 1,
			rejetees: 1,
			ligne: 3,
			motif: /= 9, différent de n_eleves = 8/
		}
	},
	{
		nom: 'effectif négatif',
		entree: evals(L1, L2.replace(';8;2;2;4', ';8;-2;6;4')),
		attendu: { statut: 'importe', rejetees: 1, ligne: 3, motif: /valeur négative/ }
	},
	{
		nom: 'effectif décimal',
		entree: evals(L1, L2.replace(';8;2;2;4', ';8;2,4;2;4')),
		attendu: { statut: 'importe', rejetees: 1, ligne: 3, motif: /entier/, suggestion: '2' }
	},
	{
		nom: 'pourcentage 120',
		entree:
			'annee_scolaire;territoire;code_territoire;niveau;discipline;competence_id;part_satisfaisant;part_besoin\n2024-2025;FRANCE;;CE1;MA;CE1-MA-PROBLEMES;120;3\n2024-2025;ACADEMIE;07;CE1;MA;CE1-MA-PROBLEMES;48,6 %;12\n',
		attendu: {
			statut: 'importe',
			acceptees: 1,
			rejetees: 1,
			ligne: 2,
			motif: /supérieure au maximum 100/
		}
	},
	{
		nom: 'IPS « abc »',
		entree: ips('abc'),
		attendu: { statut: 'importe', acceptees: 0, rejetees: 1, ligne: 2, motif: /nombre est attendu/ }
	},
	{
		nom: 'IPS hors de 40–200',
		entree: ips('250.3'),
		attendu: { statut: 'importe', rejetees: 1, ligne: 2, motif: /maximum 200/ }
	},
	{
		nom: 'IPS « NS » (manquant, accepté)',
		entree: ips('NS'),
		attendu: { statut: 'importe', acceptees: 1, rejetees: 0 }
	},
	{
		nom: 'année « 2024/25 »',
		entree: evals(L1.replace('2024-2025', '2024/25'), L2),
		attendu: {
			statut: 'importe',
			rejetees: 1,
			ligne: 2,
			motif: /2024-2025/,
			suggestion: '2024-2025'
		}
	},
	{
		nom: 'année qui ne se suit pas « 2024-2026 »',
		entree: evals(L1, L2.replace('2024-2025', '2024-2026')),
		attendu: { statut: 'importe', rejetees: 1, ligne: 3, motif: /format 2024-2025/ }
	},
	{
		nom: 'ligne en double',
		entree: evals(L1, L2, L3, L2),
		attendu: {
			statut: 'importe',
			acceptees: 3,
			rejetees: 1,
			ligne: 5,
			motif: /en double .*ligne 3/
		}
	},
	{
		nom: 'compétence d’une autre discipline',
		entree: evals(L1, L2.replace(';MA;CE1-MA-PROBLEMES', ';FR;CE1-MA-PROBLEMES')),
		attendu: {
			statut: 'importe',
			rejetees: 1,
			ligne: 3,
			motif: /n'est pas une compétence de CE1 FR/
		}
	},
	{
		nom: 'compétence inconnue du catalogue',
		entree: evals(L1, L2.replace('CE1-MA-PROBLEMES;', 'CE1-MA-PROBLEMS;')),
		attendu: {
			statut: 'importe',
			rejetees: 1,
			ligne: 3,
			motif: /inconnue/,
			suggestion: 'CE1-MA-PROBLEMES'
		}
	},
	{
		nom: 'niveau inconnu « CE3 »',
		entree: evals(L1, L2.replace(';CE1;MA;', ';CE3;MA;')),
		attendu: { statut: 'importe', rejetees: 1, ligne: 3, motif: /valeurs possibles CP, CE1/ }
	},
	{
		nom: 'n_eleves vide',
		entree: evals(L1, L2.replace(';8;2;2;4', ';;2;2;4')),
		attendu: { statut: 'importe', rejetees: 1, ligne: 3, motif: /valeur manquante/ }
	},
	{ nom: 'fichier vide', entree: new Uint8Array(0), attendu: { statut: 'vide', message: /vide/ } },
	{ nom: 'fichier de blancs', entree: '\n\r\n  \n', attendu: { statut: 'vide' } },
	{
		nom: 'en-tête seul',
		entree: `${ENTETE}\r\n`,
		attendu: { statut: 'vide', message: /que l’en-tête/ }
	},
	{
		nom: 'en-tête inconnu',
		entree: 'Code établissement;Indice social;Année\n0219901Y;103,2;2024\n',
		attendu: { statut: 'inconnu', message: /ne reconnaît pas/ }
	},
	{
		nom: 'colonne obligatoire absente (n_fragile)',
		entree: evals(L1).replace(';n_fragile', '').replace(';12;18', ';18'),
		attendu: { statut: 'inconnu' }
	},
	{
		nom: 'séparateurs mélangés (une ligne en virgules)',
		entree: evals(L1, L2.replaceAll(';', ','), L3),
		attendu: {
			statut: 'importe',
			acceptees: 2,
			rejetees: 1,
			ligne: 3,
			motif: /incomplète : 1 valeur au lieu de 10/
		}
	},
	{
		nom: 'dernière ligne tronquée',
		entree: `${ENTETE}\n${L1}\n${L2}\n2024-2025;0219904B;CP;FR;CP-FR-PHO`,
		attendu: { statut: 'importe', acceptees: 2, rejetees: 1, ligne: 4, motif: /incomplète/ }
	},
	{
		nom: 'une valeur en trop sur une ligne',
		entree: evals(L1, `${L2};oups`, L3),
		attendu: {
			statut: 'importe',
			acceptees: 2,
			rejetees: 1,
			ligne: 3,
			motif: /trop de valeurs : 11 au lieu de 10/
		}
	},
	{
		nom: 'colonnes en plus dans l’en-tête (ignorées)',
		entree: evals(L1, L2)
			.replace(ENTETE, `${ENTETE};commentaire;=1+1`)
			.replace(/\n(2024[^\n]*)/g, '\n$1;rien;'),
		attendu: { statut: 'importe', acceptees: 2, rejetees: 0 }
	},
	{
		nom: 'valeur entre guillemets contenant « ; »',
		entree: evals(L1.replace('Résoudre des problèmes', '"Résoudre ; des ""problèmes"""'), L2),
		attendu: { statut: 'importe', acceptees: 2, rejetees: 0 }
	},
	{
		nom: 'guillemet jamais fermé au milieu',
		entree: evals(L1, L2.replace('Résoudre', '"Résoudre'), L3),
		attendu: {
			statut: 'importe',
			acceptees: 1,
			rejetees: 1,
			ligne: 3,
			motif: /guillemet non fermé : les lignes 3 à 4/
		}
	},
	{
		nom: 'BOM et CRLF',
		entree: `\ufeff${[ENTETE, L1, L2, L3].join('\r\n')}\r\n`,
		attendu: { statut: 'importe', acceptees: 3, rejetees: 0 }
	},
	{
		nom: 'fins de ligne CR seules (ancien Mac)',
		entree: `${[ENTETE, L1, L2, L3.replace('0219904B', '0219904A')].join('\r')}\r`,
		attendu: { statut: 'importe', acceptees: 2, rejetees: 1, ligne: 4, motif: /lettre de contrôle/ }
	},
	{
		nom: 'ligne vide au milieu (ignorée, numéros de ligne justes)',
		entree: `${ENTETE}\n${L1}\n\n${L2}\n${L3.replace('0219904B', '0219904A')}\n`,
		attendu: { statut: 'importe', acceptees: 2, rejetees: 1, ligne: 5, motif: /lettre de contrôle/ }
	},
	{
		nom: 'une ligne de titre avant l’en-tête',
		entree: `Export Pilotage du 3 septembre\n${evals(L1, L2.replace('0219902Z', '0219902A'))}`,
		attendu: { statut: 'importe', acceptees: 1, rejetees: 1, ligne: 4, motif: /lettre de contrôle/ }
	},
	{
		nom: 'tabulations',
		entree: evals(L1, L2).replaceAll(';', '\t'),
		attendu: { statut: 'importe', acceptees: 2 }
	},
	{
		nom: 'titre, virgules et « ; » dans les valeurs',
		entree: `Résultats (export)\n${evals(
			L1.replace('Résoudre des problèmes', 'a;b'),
			L2.replace('Résoudre des problèmes', ';')
		)
			.replaceAll(';', ',')
			.replace(',a,b,', ',a;b,')
			.replace('PROBLEMES,,,8', 'PROBLEMES,;,8')}`,
		attendu: { statut: 'importe', acceptees: 2, rejetees: 0 }
	},
	{
		nom: 'virgules et décimales entre guillemets',
		entree: `${IPS_ENTETE.replaceAll(';', ',')}\n2022-2023,DIJON,021,COTE D'OR,0219901Y,"ECOLE, PRIMAIRE",21231,DIJON,public,"104,0","114,5"\n`,
		attendu: { statut: 'importe', acceptees: 1 }
	},
	{
		nom: 'UTF-16 avec BOM (« Texte Unicode » d’Excel)',
		entree: new Uint8Array([
			0xff,
			0xfe,
			...iconv.encode(evals(L1, L2).replaceAll(';', '\t'), 'utf16le')
		]),
		attendu: { statut: 'importe', acceptees: 2 }
	},
	{
		nom: 'injection de formule dans une cellule (gardée comme texte)',
		entree: evals(
			L1.replace('Résoudre des problèmes', '"=HYPERLINK(""http://x"";""clic"")"'),
			L2.replace('0219902Z', '0219902A').replace('Résoudre des problèmes', '@SUM(1+1)')
		),
		attendu: { statut: 'importe', acceptees: 1, rejetees: 1, ligne: 3 }
	},
	{ nom: 'un PDF', entree: PDF, attendu: { statut: 'illisible', message: /PDF/ } },
	{
		nom: 'un classeur xlsx',
		entree: XLSX,
		attendu: { statut: 'illisible', message: /Enregistrer sous/ }
	},
	{ nom: 'des octets quelconques', entree: BINAIRE, attendu: { statut: 'illisible' } },
	{
		nom: 'export de circonscription sans année',
		entree: readFileSync(`${FIXTURES}/export-circonscription-ce1ma-pourcentages.csv`, 'utf8'),
		attendu: { statut: 'a_preciser', message: /année scolaire/ }
	},
	{
		nom: 'Windows-1252 seulement après l’échantillon',
		entree: new Uint8Array(
			iconv.encode(evals(L1, L2, L3.replace('Manipuler des phonèmes', 'Phonèmes’')), 'win1252')
		),
		options: { tailleEchantillon: 200 },
		attendu: { statut: 'importe', acceptees: 3 }
	}
];

describe('entrées abîmées', () => {
	it(`couvre au moins 25 cas (${CAS.length})`, () => expect(CAS.length).toBeGreaterThanOrEqual(25));

	it.each(CAS)('$nom', async ({ entree, options, attendu }) => {
		const r = await imp('cas.csv', entree, options);
		expect(r.statut, r.message).toBe(attendu.statut);
		if (attendu.acceptees !== undefined) expect(r.acceptees).toBe(attendu.acceptees);
		if (attendu.rejetees !== undefined) expect(r.rejetees).toBe(attendu.rejetees);
		if (attendu.message) expect(r.message).toMatch(attendu.message);
		if (attendu.ligne !== undefined) {
			const rejet = r.rejets.find((x) => x.ligne === attendu.ligne);
			expect(rejet, JSON.stringify(r.rejets)).toBeDefined();
			if (attendu.motif)
				expect(rejet!.problemes.map((p) => p.motif).join(' | ')).toMatch(attendu.motif);
			if (attendu.suggestion)
				expect(rejet!.problemes.map((p) => p.suggestion)).toContain(attendu.suggestion);
		}
		// Whatever happened, the report is consistent and nothing was half-loaded.
		expect(r.rejets.length).toBeLessThanOrEqual(r.rejetees);
		if (r.statut === 'importe')
			expect(
				(await compter('evaluation')) + (await compter('ips')) + (await compter('reference'))
			).toBe(r.acceptees);
		else expect(await compter('evaluation')).toBe(0);
	});

	it('propose des noms de champs pour un en-tête inconnu et accepte une correspondance', async () => {
		const fichier =
			'Code UAI;Rentree;Indice IPS;Effectif\n0219901Y;2024-2025;103,2;45\n0219902Z;2024-2025;NS;12\n';
		const r = await imp('inconnu.csv', fichier);
		expect(r.statut).toBe('inconnu');
		expect(r.signature).toMatch(/^v1-4-/);
		const ipsCandidat = r.candidats.find((c) => c.genre === 'ips_ecoles');
		expect(ipsCandidat).toBeDefined();
		const s = r.suggestions.find((x) => x.colonne === 'Effectif');
		expect(s?.proches.map((p) => p.champ)).toContain('effectifs');
		const ok = await imp('inconnu.csv', fichier, {
			correspondance: {
				genre: 'ips_ecoles',
				colonnes: {
					uai: 'Code UAI',
					annee_scolaire: 'Rentree',
					ips: 'Indice IPS',
					effectifs: 'Effectif'
				}
			}
		});
		expect(ok.statut).toBe('importe');
		expect(await instantane('ips')).toEqual([
			{ annee_scolaire: '2024-2025', uai: '0219901Y', ips: 103.2, effectifs: 45 },
			{ annee_scolaire: '2024-2025', uai: '0219902Z', ips: null, effectifs: 12 }
		]);
		const faux = await imp('inconnu.csv', fichier, {
			correspondance: { genre: 'ips_ecoles', colonnes: { uai: 'UAI de l’école' } }
		});
		expect(faux.statut).toBe('inconnu');
		expect(faux.message).toMatch(/UAI de l’école/);
	});

	it('écrit les lignes refusées dans un CSV pour Excel, formules neutralisées', async () => {
		const r = await imp(
			'casse.csv',
			evals(
				L1,
				L2.replace('0219902Z', '0219902A').replace(
					'Résoudre des problèmes',
					'"=HYPERLINK(""http://x"";""clic"")"'
				)
			)
		);
		const csv = csvRejets(r);
		expect(csv.startsWith('\ufeff')).toBe(true);
		const lignes = csv.slice(1).split('\r\n');
		expect(lignes[0]).toBe(`${ENTETE};ligne;colonne;valeur;motif;suggestion`);
		expect(lignes[1]).toContain(`"'=HYPERLINK(""http://x"";""clic"")"`);
		expect(lignes[1]).toMatch(
			/;3;uai;0219902A;lettre de contrôle fausse : 0219902Z attendu;0219902Z$/
		);
		expect(lignes[2]).toBe('');
	});

	it('lit le fichier d’évaluations cassé ligne par ligne', async () => {
		const r = await imp('casse.csv', lire(`${FIXTURES}/evaluations-ecoles-casse.csv`));
		expect(r.acceptees).toBe(2);
		expect(lignesRefusees(r)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11]);
		expect(r.rejetees).toBe(10 - 1);
	});
	it('donne les cellules brutes des lignes refusées d’un gros fichier, dans l’ordre du fichier', async () => {
		// Over 1 MB of empty rows: checked by creerVerification, not by the prepared statement.
		const L3x = L3.replace('21;2;4;15', '21;2;4;x');
		const fichier = evals(
			L3x,
			L1,
			L2.replace('0219902Z', '0219902A'),
			';;;;;;;;;\n'.repeat(110_000).slice(0, -1),
			L2,
			L1
		);
		expect(fichier.length).toBeGreaterThan(1024 * 1024);
		const r = await imp('gros.csv', fichier);
		expect(r.statut, r.message).toBe('importe');
		expect(r.acceptees).toBe(2);
		const fin = 110_000 + 5;
		expect(r.rejets.map((x) => [x.ligne, x.cellules])).toEqual([
			[2, L3x.split(';')],
			[4, L2.replace('0219902Z', '0219902A').split(';')],
			[fin + 1, L1.split(';')]
		]);
		const csv = csvRejets(r).slice(1).split('\r\n');
		expect(csv[1].startsWith(`${L3x};2;`)).toBe(true);
		expect(csv[3].startsWith(`${L1};${fin + 1};`)).toBe(true);
	});
});
