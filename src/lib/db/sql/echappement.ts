import type { Requete, Valeur } from '../types';

/**
 * The single way an identifier reaches SQL. CSV headers are user input: a header such as
 * `a"; DROP TABLE ecole; --` must stay a column name.
 */
export function identifiant(nom: string): string {
	return `"${nom.replaceAll('"', '""')}"`;
}

/**
 * The single way a string literal reaches SQL where a parameter cannot be used (table functions
 * such as `read_csv` take constants only).
 */
export function litteral(valeur: string): string {
	if (valeur.includes('\u0000')) throw new Error(`invalid littéral: ${JSON.stringify(valeur)}`);
	return `'${valeur.replaceAll("'", "''")}'`;
}

export function requete(sql: string, params: readonly Valeur[] = []): Requete {
	return { sql, params };
}
