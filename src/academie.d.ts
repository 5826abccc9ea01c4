// The académie the app opens on with no import: written at build time by scripts/vite/academie.ts.
declare module 'virtual:pilotage-academie' {
	const academie: {
		/** 'demo': the fictitious académie of data/; 'deployee': PILOTAGE_DONNEES's files. */
		nature: 'demo' | 'deployee';
		/** PILOTAGE_ACADEMIE (« Dijon »), or null. */
		nom: string | null;
		/** YYYY-MM-DD, the newest file's modification date (deployed only). */
		miseAJour: string | null;
		/** Home figures computed at build time (deployed only; the demo's are in demarrage/). */
		chiffres: import('$lib/demarrage/chiffres').ChiffresAcademie | null;
		/** In load order; `genre`: the kind recognised at build time (deployed only). */
		fichiers: { nom: string; url: string; genre: import('$lib/import/genres').IdGenre | null }[];
	};
	export default academie;
}
