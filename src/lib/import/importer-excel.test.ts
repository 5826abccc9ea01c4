// The importer on the same real files re-saved by Excel: the same rows come out.

import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { OptionsImport } from './importer';
import { compter, imp, instantane, preparerMoteur, vider } from './essais-import';
import { REFDATA } from '../../../tests/reels';

preparerMoteur();

const IPS = `${REFDATA}/ips/fr-en-ips-ecoles-ap2022__v2023__dijon.csv`;
const ANNUAIRE = `${REFDATA}/annuaire/fr-en-annuaire-education__2026__val-de-marne-ecoles.csv`;

function tableau(t: string): string[][] {
	return t
		.replace(/^\ufeff/, '')
		.replace(/\r?\n$/, '')
		.split(/\r?\n/)
		.map((l) => l.split(';'));
}
const ecrire = (t: string[][], fin = '\r\n') => t.map((l) => l.join(';')).join(fin) + fin;
const colonne = (t: string[][], nom: string) => t[0].indexOf(nom);
function transformer(t: string[][], nom: string, f: (v: string) => string): string[][] {
	const i = colonne(t, nom);
	return t.map((l, k) => (k === 0 ? l : l.map((v, j) => (j === i ? f(v) : v))));
}
const virgule = (v: string) => v.replace('.', ',');
const sansZero = (v: string) => v.replace(/^0+(?=\d)/, '');

describe('les fichiers réels réenregistrés sous Excel donnent les mêmes lignes', () => {
	async function memeResultat(
		table: string,
		original: string | Uint8Array,
		variante: string | Uint8Array,
		options: OptionsImport = {}
	) {
		const a = await imp('original.csv', original);
		expect(a.statut).toBe('importe');
		const attendu = await instantane(table);
		await vider();
		const b = await imp('excel.csv', variante, options);
		expect(b.statut, b.message).toBe('importe');
		expect(b.acceptees).toBe(a.acceptees);
		expect(b.rejetees).toBe(0);
		expect(await instantane(table)).toEqual(attendu);
		return b;
	}

	it('Windows-1252, avec ’ œ € dans les noms', async () => {
		let t = tableau(readFileSync(ANNUAIRE, 'utf8'));
		t = transformer(t, 'Nom_etablissement', (v) => `${v} – l’Œuvre œcuménique à 5 €`);
		const utf8 = ecrire(t);
		const cp1252 = new Uint8Array(iconv.encode(utf8, 'win1252'));
		const r = await memeResultat('ecole', utf8, cp1252);
		expect(r.lecture.encodage).toBe('windows-1252');
		expect(await compter('ecole', "nom LIKE '%l’Œuvre œcuménique à 5 €'")).toBe(613);
	});

	it('décimales avec une virgule (IPS, effectifs, coordonnées)', async () => {
		const ips = tableau(readFileSync(IPS, 'utf8'));
		await memeResultat(
			'ips',
			ecrire(ips),
			ecrire(transformer(transformer(ips, 'ips', virgule), 'effectifs', virgule))
		);
		await vider();
		let a = tableau(readFileSync(ANNUAIRE, 'utf8'));
		const original = ecrire(a);
		a = transformer(transformer(a, 'latitude', virgule), 'longitude', virgule);
		a = transformer(a, 'SIREN_SIRET', (v) => (v ? `${v.slice(0, 1)},${v.slice(1, 6)}E+13` : v));
		await memeResultat('ecole', original, ecrire(a));
	});

	it('zéros de tête perdus : département 21, UAI 210154D', async () => {
		const ips = tableau(readFileSync(IPS, 'utf8'));
		const excel = transformer(transformer(ips, 'code_du_departement', sansZero), 'uai', sansZero);
		expect(excel[1][colonne(excel, 'uai')]).toBe('210154D');
		await memeResultat('ips', ecrire(ips), ecrire(excel));
		await vider();
		const a = tableau(readFileSync(ANNUAIRE, 'utf8'));
		const b = transformer(
			transformer(
				transformer(a, 'Code_departement', sansZero),
				'Identifiant_de_l_etablissement',
				sansZero
			),
			'Code_academie',
			sansZero
		);
		await memeResultat('ecole', ecrire(a), ecrire(b));
	});

	it('dates au format 03/09/2024', async () => {
		const a = tableau(readFileSync(ANNUAIRE, 'utf8'));
		const fr = (v: string) => v.replace(/^(\d{4})-(\d{2})-(\d{2})$/, '$3/$2/$1');
		const b = transformer(transformer(a, 'date_ouverture', fr), 'date_maj_ligne', fr);
		expect(b[1][colonne(b, 'date_ouverture')]).toBe('01/05/1965');
		await memeResultat('ecole', ecrire(a), ecrire(b));
		await vider();
		const formations = `annee_scolaire;identifiant_dispositif;libelle_dispositif;identifiant_module;libelle_module;type;discipline;theme;date;duree_h;modalite;agent_id;uai_ecole;presence
2024-2025;AP-1;Animations;AP-1-M1;Le nombre;animation pédagogique;MA;CE1-MA-PROBLEMES;2024-10-09;3;présentiel;AG-1;0219901Y;1
2024-2025;AP-1;Animations;AP-1-M1;Le nombre;animation pédagogique;MA;CE1-MA-PROBLEMES;2024-10-09;3;présentiel;AG-2;0219902Z;0
`;
		await memeResultat(
			'formation',
			formations,
			formations.replaceAll('2024-10-09', '09/10/2024').replaceAll(';3;', ';3,0;')
		);
	});

	it('colonnes dans un autre ordre', async () => {
		const ips = tableau(readFileSync(IPS, 'utf8'));
		const renverse = ips.map((l) => [...l].reverse());
		await memeResultat('ips', ecrire(ips), ecrire(renverse));
	});

	it('tout à la fois : Windows-1252, virgules, zéros perdus, CRLF, colonnes déplacées', async () => {
		const ips = tableau(readFileSync(IPS, 'utf8'));
		let excel = transformer(transformer(ips, 'ips', virgule), 'effectifs', virgule);
		excel = transformer(transformer(excel, 'uai', sansZero), 'code_du_departement', sansZero);
		excel = transformer(excel, 'nom_de_l_etablissment', (v) => `${v} d’Œ`);
		excel = excel.map((l) => [l[4], ...l.slice(0, 4), ...l.slice(5)]);
		await memeResultat(
			'ips',
			ecrire(ips, '\n'),
			new Uint8Array(iconv.encode(ecrire(excel), 'win1252'))
		);
	});
});
