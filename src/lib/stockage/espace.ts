/**
 * The browser's storage space as the user should hear of it: how much Pilotage uses, how much is
 * left, and what to say when it is full. `navigator.storage` exists only in a secure context: on
 * a plain-HTTP intranet page these answer `null` and the messages say less, never nothing.
 */
export interface Espace {
	/** Bytes used by this origin (Pilotage's imports, mostly). */
	utilise: number;
	/** Bytes this origin may use in all. */
	quota: number;
}

const NBSP = '\u00a0';
const nombre = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « 12,3 Mo », « 850 ko », « 1,2 Go » (decimal units, as file managers show them). */
export function formatOctets(octets: number): string {
	const unites = ['octets', 'ko', 'Mo', 'Go', 'To'];
	let valeur = Math.max(0, octets);
	let u = 0;
	while (valeur >= 1000 && u < unites.length - 1) {
		valeur /= 1000;
		u++;
	}
	const texte = nombre.format(u === 0 ? Math.round(valeur) : valeur);
	return `${texte}${NBSP}${u === 0 && valeur < 2 ? 'octet' : unites[u]}`;
}

/** True for a write refused because the origin's quota is reached (the message may be empty). */
export function estQuotaDepasse(e: unknown): boolean {
	for (let x = e, n = 0; x && typeof x === 'object' && n < 5; n++) {
		if ((x as { name?: unknown }).name === 'QuotaExceededError') return true;
		x = (x as { cause?: unknown }).cause;
	}
	return false;
}

/** « Pilotage occupe 45 Mo sur 50 Mo permis à ce site dans ce navigateur (5 Mo libres). » */
export function phraseEspace(espace: Espace | null): string {
	if (!espace) return '';
	const libre = Math.max(0, espace.quota - espace.utilise);
	return `Pilotage occupe ${formatOctets(espace.utilise)} sur ${formatOctets(espace.quota)} permis à ce site dans ce navigateur (${formatOctets(libre)} libres).`;
}

/**
 * What the import page says when a file could not be kept because the storage is full: what
 * happened, the space used and free when the browser tells it, and what to do.
 */
export function messageQuota(nom: string, taille: number, espace: Espace | null): string {
	const libre = espace ? Math.max(0, espace.quota - espace.utilise) : 0;
	return [
		`L’espace de stockage du navigateur est plein : « ${nom} » (${formatOctets(taille)}) n’a pas pu y être gardé, il n’a donc pas été importé.`,
		!espace
			? 'Ce navigateur n’indique pas l’espace occupé ni l’espace libre sur cette page.'
			: libre > taille
				? // The estimate is the browser's own guess; the refusal is what happened.
					`Pilotage occupe ${formatOctets(espace.utilise)} ; le navigateur annonce ${formatOctets(libre)} libres pour ce site mais a refusé d’en écrire davantage : l’espace réellement disponible est plus petit (disque de l’ordinateur presque plein, ou limite fixée pour ce poste).`
				: phraseEspace(espace),
		'Pour faire de la place : retirez les imports devenus inutiles (plus bas sur cette page), libérez de l’espace sur le disque de l’ordinateur, ou demandez au service informatique d’augmenter l’espace permis au navigateur ; puis importez le fichier de nouveau.'
	].join(' ');
}

/** Any other failure to keep the file: the import is undone the same way. */
export function messageStockage(nom: string, detail: string): string {
	return `« ${nom} » n’a pas pu être gardé dans le navigateur, il n’a donc pas été importé. Réessayez ; si l’échec se répète, signalez-le avec ce détail : ${detail || 'aucun détail donné par le navigateur'}.`;
}

/** The space used and allowed, when the browser says it (secure contexts only). */
export async function estimerEspace(): Promise<Espace | null> {
	try {
		if (typeof navigator === 'undefined' || !navigator.storage?.estimate) return null;
		const { usage, quota } = await navigator.storage.estimate();
		return usage === undefined || quota === undefined ? null : { utilise: usage, quota };
	} catch {
		return null;
	}
}

/**
 * Gives the estimate to `poser` at once, and again while it counts less than the imported files
 * the journal keeps (`gardes`, bytes): Chromium's figure lags the writes of the last seconds
 * (16,5 ko just after the académie's 12 files were kept, 29,6 Mo two seconds later), and the
 * import page said Pilotage used 16,5 ko beside 20,2 Mo of kept files.
 */
export async function suivreEspace(
	gardes: number,
	poser: (espace: Espace | null) => void,
	{
		essais = 5,
		delai = 1000,
		estimer = estimerEspace,
		attendre = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms))
	} = {}
): Promise<void> {
	for (let essai = 1; ; essai++) {
		const espace = await estimer();
		poser(espace);
		if (!espace || espace.utilise >= gardes || essai >= essais) return;
		await attendre(delai);
	}
}

/**
 * Asks the browser not to evict Pilotage's storage when the disk fills up: without it, imported
 * files may be deleted by the browser itself. `null` where the browser does not offer it.
 */
export async function demanderPersistance(): Promise<boolean | null> {
	try {
		if (typeof navigator === 'undefined' || !navigator.storage?.persist) return null;
		if (await navigator.storage.persisted()) return true;
		return await navigator.storage.persist();
	} catch {
		return null;
	}
}
