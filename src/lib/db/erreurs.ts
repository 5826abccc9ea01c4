/**
 * Every failure of the engine reaches the UI as a DbError: the SQL, the engine's own message as
 * `cause`, and a French explanation chosen in one place so components never parse DuckDB text.
 */
export class DbError extends Error {
	readonly sql: string;
	readonly explication: string;

	constructor(sql: string, cause: unknown) {
		const message = cause instanceof Error ? cause.message : String(cause);
		super(message, { cause });
		this.name = 'DbError';
		this.sql = sql;
		this.explication = expliquerErreurDuckDb(message);
	}
}

/** The explanation of an engine out of memory (npm run agreger says its own). */
export const MEMOIRE_INSUFFISANTE =
	'La mémoire du navigateur est insuffisante pour ce volume de données. Fermez d’autres onglets ou importez un fichier plus petit.';

const EXPLICATIONS: ReadonlyArray<[RegExp, string]> = [
	[/out of memory|failed to allocate|memory limit/i, MEMOIRE_INSUFFISANTE],
	[
		/could not convert|conversion error|invalid input syntax/i,
		'Une valeur du fichier n’a pas le type attendu (par exemple du texte dans une colonne de nombres).'
	],
	[
		/no files found|cannot open file|file .* not found/i,
		'Le fichier n’est plus accessible : importez-le de nouveau.'
	],
	[
		/extension|autoload|autoinstall/i,
		'Cette opération demanderait une extension téléchargée depuis Internet, ce que Pilotage interdit : les données restent dans le navigateur.'
	],
	[
		/(sniff|dialect|csv).*error|error when sniffing|csv error/i,
		'Le fichier n’a pas pu être lu comme un CSV : vérifiez le séparateur et l’encodage.'
	],
	[
		/catalog error|does not exist/i,
		'Une table attendue est absente : les données ne sont pas chargées.'
	],
	[
		/lock/i,
		'Les données sont déjà ouvertes dans un autre onglet de Pilotage : fermez-le puis rechargez.'
	]
];

export function expliquerErreurDuckDb(message: string): string {
	for (const [motif, explication] of EXPLICATIONS) {
		if (motif.test(message)) return explication;
	}
	return 'Le moteur de calcul a rencontré une erreur inattendue. Rechargez la page ; si le problème persiste, signalez-le avec le détail technique.';
}

/** Runs `travail` and turns whatever it throws into a DbError carrying `sql`. */
export async function envelopper<T>(sql: string, travail: () => Promise<T> | T): Promise<T> {
	try {
		return await travail();
	} catch (e) {
		throw e instanceof DbError ? e : new DbError(sql, e);
	}
}
