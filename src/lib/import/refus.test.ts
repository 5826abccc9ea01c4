// Ranks of DuckDB's output and lines of its rejects table, turned into lines of the file, on a
// file of more records than a JavaScript Map holds (16 777 216): one entry per record stopped
// the import of a 20 M-row file with a single refused line (« Map maximum size exceeded »).

import { describe, expect, it } from 'vitest';
import type { PlanImport } from '$lib/db/sql/import';
import type { SourceOctets } from './octets';
import { correspondanceLignes } from './refus';

/** A file of `n` one-cell records after a header, made block by block (never held whole). */
function fichier(n: number, ligneVideApres: number): SourceOctets {
	// Header `h\n`, then `x\n` per record; one blank line (`\n`) after record `ligneVideApres`.
	const avant = 2 + 2 * ligneVideApres;
	const taille = 2 + 2 * n + 1;
	const octet = (p: number) => {
		if (p < 2) return p === 0 ? 0x68 : 0x0a;
		if (p < avant) return (p - 2) % 2 === 0 ? 0x78 : 0x0a;
		if (p === avant) return 0x0a;
		return (p - avant - 1) % 2 === 0 ? 0x78 : 0x0a;
	};
	return {
		taille,
		async lire(debut, fin) {
			const b = new Uint8Array(Math.min(fin, taille) - debut);
			for (let i = 0; i < b.length; i++) b[i] = octet(debut + i);
			return b;
		}
	};
}

const plan = { lecture: { separateur: ';', lignesAvant: 1 } } as unknown as PlanImport;

describe('correspondanceLignes', () => {
	it('passe 17 millions d’enregistrements dont un refusé par read_csv', async () => {
		const n = 17_000_000;
		// Record 10 000 000 (0-based) is the first after the blank line: physical line 10 000 003.
		const source = fichier(n, 10_000_000);
		// read_csv refused the record DuckDB counts at line 12 (the 11th record).
		const erreurs = [{ ligne: 12, type: 'TOO MANY COLUMNS', texte: null, n: 1 }];
		const l = await correspondanceLignes(plan, source, erreurs, n - 1, true);
		expect(l.deLigneDuckdb(12)).toBe(12);
		expect(l.deRang(0)).toBe(2);
		expect(l.deRang(9)).toBe(11);
		// Rank 10 skips the refused record.
		expect(l.deRang(10)).toBe(13);
		expect(l.deRang(9_999_998)).toBe(10_000_001);
		expect(l.deRang(9_999_999)).toBe(10_000_003);
		expect(l.deRang(n - 2)).toBe(n + 2);
		expect(l.deRang(n - 1)).toBeNull();
	}, 60_000);
});
