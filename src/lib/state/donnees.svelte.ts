import {
	chargerFichier,
	DbError,
	formatFichierDemo,
	initialiserSchema,
	moteurNavigateur,
	SOURCE_DEMO,
	type Moteur
} from '$lib/db';

export type Statut = 'demarrage' | 'pret' | 'erreur';

// The demo académie is part of the build: Vite emits each file of data/ as an asset of our origin.
const FICHIERS_DEMO = import.meta.glob(['/data/*.csv', '!/data/demo-verite.csv'], {
	query: '?url',
	import: 'default',
	eager: true
}) as Record<string, string>;

/**
 * The engine and what is loaded in it. One instance for the app: pages await `pret()` and then
 * query; `version` changes whenever the data change so that pages query again.
 */
class Donnees {
	statut = $state<Statut>('demarrage');
	etape = $state('Démarrage du moteur de calcul…');
	erreur = $state<{ message: string; detail: string } | null>(null);
	demo = $state(true);
	version = $state(0);
	#pret: Promise<Moteur> | undefined;

	pret(): Promise<Moteur> {
		this.#pret ??= this.#demarrer();
		return this.#pret;
	}

	async #demarrer(): Promise<Moteur> {
		try {
			const moteur = await moteurNavigateur();
			this.etape = 'Chargement de l’académie de démonstration…';
			await initialiserSchema(moteur);
			await chargerDemo(moteur);
			this.statut = 'pret';
			this.version += 1;
			return moteur;
		} catch (e) {
			this.statut = 'erreur';
			this.erreur = {
				message:
					e instanceof DbError
						? e.explication
						: 'Le moteur de calcul n’a pas pu démarrer dans ce navigateur.',
				detail: e instanceof Error ? e.message : String(e)
			};
			throw e;
		}
	}
}

async function chargerDemo(moteur: Moteur): Promise<void> {
	await Promise.all(
		Object.entries(FICHIERS_DEMO).map(async ([chemin, url]) => {
			const nom = chemin.split('/').pop()!;
			const reponse = await fetch(url);
			if (!reponse.ok) throw new Error(`Fichier de démonstration absent : ${nom}`);
			await moteur.enregistrerOctets(nom, new Uint8Array(await reponse.arrayBuffer()));
		})
	);
	for (const chemin of Object.keys(FICHIERS_DEMO).sort()) {
		const nom = chemin.split('/').pop()!;
		const format = formatFichierDemo(nom);
		if (format) await chargerFichier(moteur, nom, format, SOURCE_DEMO);
		await moteur.oublierFichier(nom);
	}
}

export const donnees = new Donnees();
