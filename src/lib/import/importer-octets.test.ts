// The importer on difficult bytes (#14): mixed line ends, stray Windows-1252 bytes, long headers.

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { compter, ENTETE, evals, imp, L1, L2, L3, preparerMoteur, vider } from './essais-import';

preparerMoteur();

/** A valid UAI (7 digits and their check letter). */
const uaiValide = (n: number) => {
	const chiffres = String(2100000 + n).padStart(7, '0');
	return `${chiffres}${'ABCDEFGHJKLMNPRSTUVWXYZ'[Number(chiffres) % 23]}`;
};
const ligneEval = (n: number, libelle = 'Résoudre des problèmes') =>
	`2024-2025;${uaiValide(n)};CE1;MA;CE1-MA-PROBLEMES;${libelle};8;2;2;4`;

describe('octets difficiles', () => {
	const LIBELLES_EXACTS =
		"competence_libelle IN ('Résoudre des problèmes', 'Manipuler des phonèmes') AND n_satisfaisant IN (4, 15, 18)";

	it.each([
		['un fichier LF avec une ligne CRLF', `${ENTETE}\n${L1}\r\n${L2}\n${L3}\n`, /1 CRLF.*3 LF/],
		['un fichier CRLF avec une ligne LF', `${ENTETE}\r\n${L1}\r\n${L2}\n${L3}\r\n`, /3 CRLF.*1 LF/],
		['un CR seul dans un fichier LF', `${ENTETE}\n${L1}\r${L2}\n${L3}\n`, /3 LF.*1 CR seul/]
	])(
		'fins de ligne mêlées : %s, toutes les lignes importées et le mélange dit',
		async (_, csv, sortes) => {
			// The mix seen in the sample, and only further on (DuckDB's reader stops on it).
			for (const tailleEchantillon of [undefined, ENTETE.length + 4]) {
				await vider();
				const r = await imp('mele.csv', csv, { tailleEchantillon });
				expect(r.statut, r.message).toBe('importe');
				expect(r).toMatchObject({ acceptees: 3, rejetees: 0 });
				expect(await compter('evaluation', LIBELLES_EXACTS)).toBe(3);
				const a = r.avertissements.find((x) => /Fins de ligne mêlées/.test(x.message));
				expect(a?.message).toMatch(sortes);
			}
		}
	);

	it('fins de ligne mêlées dans un fichier Windows-1252 : lu, réencodé et uniformisé', async () => {
		const csv = `${ENTETE}\r\n${L1}\n${L2.replace('Résoudre des problèmes', 'Résoudre’')}\r\n${L3}\r\n`;
		const r = await imp('mele.csv', new Uint8Array(iconv.encode(csv, 'win1252')));
		expect(r).toMatchObject({
			statut: 'importe',
			acceptees: 3,
			lecture: { encodage: 'windows-1252' }
		});
		expect(await compter('evaluation', "competence_libelle = 'Résoudre’'")).toBe(1);
	});

	it('un fichier UTF-8 de plus de 128 Kio avec un octet Windows-1252 vers la fin : les autres lignes exactes, la ligne nommée', async () => {
		const n = 2000;
		const lignes = Array.from({ length: n }, (_, i) => ligneEval(i));
		const fautive = n - 3;
		const avant = new TextEncoder().encode(`${[ENTETE, ...lignes.slice(0, fautive)].join('\n')}\n`);
		const cp = new Uint8Array(
			iconv.encode(`${ligneEval(fautive, 'Résoudre des problèmes’')}\n`, 'win1252')
		);
		const apres = new TextEncoder().encode(`${lignes.slice(fautive + 1).join('\n')}\n`);
		const octets = new Uint8Array(Buffer.concat([avant, cp, apres]));
		expect(avant.length).toBeGreaterThan(128 * 1024);
		const r = await imp('grand.csv', octets);
		expect(r.statut, r.message).toBe('importe');
		expect(r).toMatchObject({ acceptees: n, rejetees: 0, lecture: { encodage: 'utf-8' } });
		expect(await compter('evaluation', "competence_libelle = 'Résoudre des problèmes'")).toBe(
			n - 1
		);
		expect(await compter('evaluation', "competence_libelle = 'Résoudre des problèmes’'")).toBe(1);
		const ligne = fautive + 2; // header and 1-based
		const a = r.avertissements.find((x) => /hors UTF-8/.test(x.message));
		expect(a).toMatchObject({ lignes: [ligne], nombre: 1 });
		expect(a!.message).toMatch(
			/^Ligne .* : caractères hors UTF-8, lus comme Windows-1252 ; vérifiez-la/
		);
		expect(a!.message.replace(/\D/g, '')).toContain(String(ligne));
	});

	it('refuse un fichier dont une colonne lue est répétée, sans rien charger', async () => {
		const csv = `${ENTETE};uai\n${L1};0219901Y\n${L2};0219902Z\n`;
		const r = await imp('double.csv', csv);
		expect(r.statut).toBe('illisible');
		expect(r.genre).toBe('evaluations_ecoles');
		expect(r.message).toMatch(/répète une colonne .*« uai » 2 fois \(colonnes 2 et 11\)/);
		expect(await compter('evaluation')).toBe(0);
		// The same after the user's mapping.
		const r2 = await imp('double.csv', csv, {
			correspondance: { genre: 'evaluations_ecoles', colonnes: { uai: 'uai' } }
		});
		expect(r2.statut).toBe('illisible');
		expect(await compter('evaluation')).toBe(0);
		// A repeated column that is not read changes nothing.
		const r3 = await imp(
			'double.csv',
			evals(L1, L2)
				.replace(ENTETE, `${ENTETE};note;note`)
				.replace(/\n(2024[^\n]*)/g, '\n$1;a;b')
		);
		expect(r3).toMatchObject({ statut: 'importe', acceptees: 2 });
	});

	it('un fichier de 3 Mo sans retour à la ligne : un message clair, pas « aucune ligne »', async () => {
		const r = await imp('une-ligne.csv', 'a;'.repeat(1_500_000));
		expect(r.statut).toBe('illisible');
		expect(r.message).toMatch(/La première ligne dépasse 2 Mo sans retour à la ligne/);
	});

	it('un en-tête plus long que l’échantillon (mais sous 2 Mo) est lu', async () => {
		const long = `${ENTETE};${'commentaire '.repeat(25_000)}`;
		expect(long.length).toBeGreaterThan(128 * 1024);
		const r = await imp('long.csv', `${long}\n${L1};\n${L2};\n${L3};\n`);
		expect(r.statut, r.message).toBe('importe');
		expect(r).toMatchObject({ acceptees: 3, rejetees: 0 });
	});
});
