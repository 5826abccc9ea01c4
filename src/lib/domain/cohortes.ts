/**
 * Competences assessed at CP and again at CE1 on the same construct: the cohort view follows a
 * school's CP pupils of year N as CE1 pupils of year N+1 on these pairs only. Pairs whose tasks
 * differ too much (CP « manipuler des syllabes » vs CE1 « écrire des syllabes ») are left out.
 */
export const SUITES_COHORTE: ReadonlyArray<readonly [cp: string, ce1: string]> = [
	['CP-FR-MOTS-ORAL', 'CE1-FR-MOTS-ORAL'],
	['CP-FR-PHRASES-ORAL', 'CE1-FR-PHRASES-ORAL'],
	['CP-MA-LIRE-NOMBRES', 'CE1-MA-LIRE-NOMBRES'],
	['CP-MA-ECRIRE-NOMBRES', 'CE1-MA-ECRIRE-NOMBRES'],
	['CP-MA-LIGNE-NUMERIQUE', 'CE1-MA-LIGNE-GRADUEE'],
	['CP-MA-PROBLEMES', 'CE1-MA-PROBLEMES'],
	['CP-MA-ASSEMBLAGE', 'CE1-MA-ASSEMBLAGE']
];
