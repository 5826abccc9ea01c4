import {
	chargerFichier,
	DbError,
	formatFichierDemo,
	initialiserSchema,
	moteurNavigateur,
	SOURCE_DEMO,
	viderTables,
	type Moteur
} from '$lib/db';
import { importer, type OptionsImport, type RapportImport } from '$lib/import';
import { ouvrirJournal, type ImportEnregistre, type Journal } from './journal';

export type Statut = 'demarrage' | 'pret' | 'erreur';

// The demo académie is part of the build: Vite emits each file of data/ as an asset of our origin.
const FICHIERS_DEMO = import.meta.glob(['/data/*.csv', '!/data/demo-verite.csv'], {
	query: '?url',
	import: 'default',
	eager: true
}) as Record<string, string>;

/** An import is kept when it brought rows; a file refused whole leaves nothing behind. */
const aCharge = (r: RapportImport) => r.statut === 'importe' && r.acceptees > 0;

/**
 * The engine and what is loaded in it. One instance for the app: pages await `pret()` and then
 * query; `version` changes whenever the data change so that pages query again.
 *
 * With no import the engine holds the demo académie. The first import replaces it (fictitious
 * and real figures are never mixed); « Effacer toutes les données » brings it back.
 */
class Donnees {
	statut = $state<Statut>('demarrage');
	etape = $state('Démarrage du moteur de calcul…');
	erreur = $state<{ message: string; detail: string } | null>(null);
	demo = $state(true);
	version = $state(0);
	imports = $state<ImportEnregistre[]>([]);
	persistant = $state(true);
	#pret: Promise<Moteur> | undefined;
	#journal: Promise<Journal> | undefined;
	/** Imports, removals and rebuilds run one after another, never interleaved. */
	#file: Promise<unknown> = Promise.resolve();

	pret(): Promise<Moteur> {
		this.#pret ??= this.#demarrer();
		return this.#pret;
	}

	journal(): Promise<Journal> {
		this.#journal ??= ouvrirJournal();
		return this.#journal;
	}

	async #demarrer(): Promise<Moteur> {
		try {
			const ouverture = moteurNavigateur();
			const journal = await this.journal();
			this.persistant = journal.persistant;
			// While the engine compiles (≈ 1 s), the demo files are already on their way.
			const demo = (await journal.lister()).length === 0 ? telechargerDemo() : undefined;
			demo?.catch(() => undefined);
			const moteur = await ouverture;
			await initialiserSchema(moteur);
			await this.#reconstruire(moteur, journal, demo);
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

	/** Loads what the journal holds, in order, or the demo académie when it holds nothing. */
	async #reconstruire(
		moteur: Moteur,
		journal: Journal,
		demo?: Promise<Map<string, Uint8Array>>
	): Promise<void> {
		const imports = await journal.lister();
		for (const sql of viderTables()) await moteur.executer(sql);
		if (imports.length === 0) {
			this.etape = 'Chargement de l’académie de démonstration…';
			await chargerDemo(moteur, demo);
			this.demo = true;
		} else {
			this.demo = false;
			for (const [i, imp] of imports.entries()) {
				this.etape = `Chargement des données importées (${i + 1}/${imports.length}) : ${imp.nom}…`;
				await importer(moteur, { nom: imp.nom, contenu: imp.contenu }, optionsDe(imp, moteur));
			}
		}
		this.imports = imports;
	}

	#enFile<T>(travail: () => Promise<T>): Promise<T> {
		const suite = this.#file.then(travail, travail);
		this.#file = suite.catch(() => undefined);
		return suite;
	}

	/**
	 * Imports one file. Its accepted rows are kept in the engine and in the journal; a file that
	 * brings nothing changes nothing (and, from the demo, the demo stays).
	 */
	importerFichier(fichier: File, options: OptionsImport = {}): Promise<RapportImport> {
		return this.#enFile(async () => {
			const moteur = await this.pret();
			const journal = await this.journal();
			const depuisDemo = this.demo;
			if (depuisDemo) for (const sql of viderTables()) await moteur.executer(sql);
			const rapport = await importer(
				moteur,
				{ nom: fichier.name, contenu: fichier },
				{
					source: fichier.name,
					enregistrer: (nom, blob) => moteur.enregistrerFichier(nom, blob),
					...options
				}
			);
			if (aCharge(rapport)) {
				await journal.ajouter({
					id: crypto.randomUUID(),
					nom: fichier.name,
					date: new Date().toISOString(),
					taille: fichier.size,
					contenu: fichier,
					genre: rapport.genre,
					libelleGenre: rapport.libelleGenre,
					correspondance: options.correspondance,
					anneeScolaire: options.anneeScolaire,
					acceptees: rapport.acceptees,
					rejetees: rapport.rejetees,
					remplacees: rapport.remplacees
				});
				if (rapport.signature && options.correspondance) {
					await journal.retenirCorrespondance(rapport.signature, options.correspondance);
				}
				this.demo = false;
				this.imports = await journal.lister();
			} else if (depuisDemo) {
				await chargerDemo(moteur);
			}
			this.version += 1;
			return rapport;
		});
	}

	/** Removes one import: the others are loaded again, in their order. */
	retirerImport(id: string): Promise<void> {
		return this.#enFile(async () => {
			const moteur = await this.pret();
			const journal = await this.journal();
			await journal.supprimer(id);
			await this.#reconstruire(moteur, journal);
			this.version += 1;
		});
	}

	/** « Effacer toutes les données » : back to the demo académie. */
	effacerTout(): Promise<void> {
		return this.#enFile(async () => {
			const moteur = await this.pret();
			const journal = await this.journal();
			await journal.vider();
			await this.#reconstruire(moteur, journal);
			this.version += 1;
		});
	}
}

function optionsDe(imp: ImportEnregistre, moteur: Moteur): OptionsImport {
	return {
		source: imp.nom,
		genre: imp.genre ?? undefined,
		correspondance: imp.correspondance,
		anneeScolaire: imp.anneeScolaire,
		enregistrer: (nom, blob) => moteur.enregistrerFichier(nom, blob)
	};
}

async function telechargerDemo(): Promise<Map<string, Uint8Array>> {
	const fichiers = await Promise.all(
		Object.entries(FICHIERS_DEMO).map(async ([chemin, url]) => {
			const nom = chemin.split('/').pop()!;
			const reponse = await fetch(url);
			if (!reponse.ok) throw new Error(`Fichier de démonstration absent : ${nom}`);
			return [nom, new Uint8Array(await reponse.arrayBuffer())] as const;
		})
	);
	return new Map(fichiers);
}

async function chargerDemo(
	moteur: Moteur,
	telechargement: Promise<Map<string, Uint8Array>> = telechargerDemo()
): Promise<void> {
	const fichiers = await telechargement;
	for (const nom of [...fichiers.keys()].sort()) {
		const format = formatFichierDemo(nom);
		if (!format) continue;
		await moteur.enregistrerOctets(nom, fichiers.get(nom)!);
		await chargerFichier(moteur, nom, format, SOURCE_DEMO);
		await moteur.oublierFichier(nom);
	}
}

export const donnees = new Donnees();
