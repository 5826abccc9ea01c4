import { browser } from '$app/environment';
import {
	DbError,
	initialiserSchema,
	moteurNavigateur,
	sql,
	viderEtLiberer,
	viderTables,
	type Moteur
} from '$lib/db';
import { photographier, restaurer } from '$lib/db/garde';
import { ACADEMIE, CHIFFRES_BASE, DEPLOYEE, DONNEES_ACADEMIE } from '$lib/demarrage/academie';
import type { ChiffresAcademie } from '$lib/demarrage/chiffres';
import { creerTravailleurMoteur } from '$lib/demarrage/moteur';
import {
	cleDesImports,
	lireChiffresRetenus,
	oublierChiffres,
	retenirChiffres
} from '$lib/demarrage/retenus';
import type { OptionsImport, RapportImport } from '$lib/import';
import {
	demanderPersistance,
	estimerEspace,
	estQuotaDepasse,
	messageQuota,
	messageStockage,
	suivreEspace,
	type Espace
} from '$lib/stockage/espace';
import { nouvelIdentifiant } from '$lib/stockage/identifiant';
import {
	faireDeLaPlace,
	garderTables,
	lireTablesGardees,
	oublierTablesGardees,
	type TableOctets
} from '$lib/stockage/tables-gardees';
import { SuiteSousVerrou } from '$lib/stockage/suite-verrou';
import { ouvrirVerrou, type Verrou } from '$lib/stockage/verrou';
import { ouvrirJournal, type ImportEnregistre, type Journal } from './journal';
import { effacerAccompagnements } from './accompagnement.svelte';
import { effacerPlans } from './plan.svelte';
import { effacerProjets } from './projet-ecole.svelte';
import type { EntetePaquet, Paquet, PortePaquet } from './paquet-fichier';
import { chargerPaquet } from './paquet-chargement';
import { MESSAGE_IMPORT_SOUS_PAQUET, remplacerParPaquet } from './paquet-ouverture';
import { oublierPaquetOuvert } from './paquet-session';

export type Statut = 'demarrage' | 'pret' | 'erreur';

/**
 * Where the engine's data came from at the last load: the demo académie, the tables kept by the
 * browser after the last change (reloaded in bulk), or a replay of every import of the journal.
 */
export type Chargement = 'demo' | 'garde' | 'journal';

/** A read of the copy of the tables started early, for the imports of key `cle`. */
interface TablesLues {
	cle: string;
	tables: Promise<TableOctets[] | undefined>;
}

/**
 * The home page's figures known before the engine has loaded the data, valid while `version` is
 * still this one (the start-up's data); the engine's own figures replace them as soon as computed.
 */
export interface Apercu {
	chiffres: ChiffresAcademie;
	origine: 'demo' | 'retenus';
	version: number;
}

/**
 * The importer's code (≈ 20 kB compressed) is loaded when first needed: to replay imports at start
 * or to import a file. A first visit, on the demo académie, never downloads it.
 */
const importer: typeof import('$lib/import').importer = async (...args) =>
	(await import('$lib/import')).importer(...args);

/** An import is kept when it brought rows; a file refused whole leaves nothing behind. */
const aCharge = (r: RapportImport) => r.statut === 'importe' && r.acceptees > 0;

/** What the engine holds, as the journal names it: two tabs compare theirs to know they differ. */
const empreinte = (imports: readonly { id: string }[]) => imports.map((i) => i.id).join('|');

/** The tabs of the app tell each other when the journal changed (an import, a removal). */
const CANAL = 'pilotage-journal';

/**
 * A file the journal could not keep: the engine was put back as the journal holds it, and the
 * message says so in French (what happened, the space, what to do).
 */
export class ErreurStockage extends Error {
	override name = 'ErreurStockage';
}

/**
 * The engine and what is loaded in it. One instance for the app: pages await `pret()` and then
 * query; `version` changes whenever the data change so that pages query again.
 *
 * With no import the engine holds the base académie (`demo` true): the fictitious demo, or the
 * real académie the build ships (`DEPLOYEE`). The first import replaces the demo (fictitious and
 * real figures are never mixed) but goes on top of a real académie; « Effacer toutes les données »
 * brings the base back.
 */
class Donnees {
	statut = $state<Statut>('demarrage');
	etape = $state('Démarrage du moteur de calcul…');
	erreur = $state<{ message: string; detail: string } | null>(null);
	demo = $state(true);
	/** The engine holds the fictitious demo académie: the banner and documents say so. */
	readonly fictives = $derived(this.demo && !DEPLOYEE);
	/** False until the journal has said whether the demo or imported data will be loaded. */
	origineConnue = $state(false);
	apercu = $state<Apercu | null>(null);
	version = $state(0);
	imports = $state<ImportEnregistre[]>([]);
	persistant = $state(true);
	/** Space used and allowed for the app's storage, when the browser says it. */
	espace = $state<Espace | null>(null);
	/** Whether the browser promised not to evict the stored imports (`null`: not offered). */
	stockageDurable = $state<boolean | null>(null);
	/** True while this tab's import waits for another tab's to finish. */
	attenteAutreOnglet = $state(false);
	chargement = $state<Chargement | null>(null);
	/** An open « paquet de données »: its rows only in the engine, the journal kept for after. */
	paquet = $state.raw<{ entete: EntetePaquet; porte: PortePaquet } | null>(null);
	#paquetOuvert: Paquet | null = null;
	#pret: Promise<Moteur> | undefined;
	#journal: Promise<Journal> | undefined;
	#verrou: Promise<Verrou> | undefined;
	#canal: BroadcastChannel | undefined;
	#persistanceDemandee = false;
	/** Copies of the tables are written one after another, in the order of the data's states. */
	#ecritureGarde: Promise<void> = Promise.resolve();
	#gardesDemandees = 0;
	/** Imports, removals and rebuilds run one after another, never interleaved. */
	#file: Promise<unknown> = Promise.resolve();
	/** How many of them are queued or running: the views' background preparation waits for 0. */
	travaux = $state(0);

	pret(): Promise<Moteur> {
		this.#pret ??= this.#demarrer();
		return this.#pret;
	}

	journal(): Promise<Journal> {
		this.#journal ??= ouvrirJournal();
		return this.#journal;
	}

	/**
	 * Imports, removals and clearings run while no other tab does one (two tabs writing the journal
	 * at once lost a file); those queued together share one taking of the lock, which cleans the
	 * journal and loads it again if another tab changed it; its release tells the other tabs.
	 */
	#suite = new SuiteSousVerrou(() => (this.#verrou ??= ouvrirVerrou()), {
		ouverture: async () => {
			this.attenteAutreOnglet = false;
			const journal = await this.journal();
			// Only now: no other tab is importing, so bytes without a record are leftovers.
			await journal.nettoyer().catch(() => undefined);
			// Another tab may have changed the journal since this one loaded it.
			await this.#synchroniser(await this.pret(), journal);
		},
		enAttente: () => (this.attenteAutreOnglet = true),
		fermeture: () => {
			this.attenteAutreOnglet = false;
			this.#canal?.postMessage('modifie');
			void this.mesurerEspace();
		}
	});

	/** Queues a job that writes the journal (SuiteSousVerrou). */
	#enFileSousVerrou<T>(travail: () => Promise<T>): Promise<T> {
		this.#suite.annoncer();
		return this.#enFile(() => this.#suite.sous(travail));
	}

	/** Listens to the other tabs: when one changed the journal, this one loads it again. */
	ecouterAutresOnglets(): void {
		if (this.#canal || typeof BroadcastChannel === 'undefined') return;
		this.#canal = new BroadcastChannel(CANAL);
		this.#canal.onmessage = () => {
			this.#enFile(async () => {
				const moteur = await this.pret();
				await this.#synchroniser(moteur, await this.journal());
				void this.mesurerEspace();
			}).catch(() => undefined);
		};
	}

	/** Loads the journal again if it no longer holds what the engine holds. */
	async #synchroniser(moteur: Moteur, journal: Journal): Promise<void> {
		const imports = await journal.lister();
		// An open package stays open: another tab's import waits in the journal until it is left.
		if (this.paquet) return;
		if (empreinte(imports) === empreinte(this.imports) && this.demo === (imports.length === 0))
			return;
		await this.#reconstruire(moteur, journal);
		this.version += 1;
	}

	/** Updates `espace` (the import page shows it), again while the browser's figure lags. */
	async mesurerEspace(): Promise<void> {
		const gardes = this.imports.reduce((somme, i) => somme + i.taille, 0);
		await suivreEspace(gardes, (espace) => (this.espace = espace));
	}

	async #demarrer(): Promise<Moteur> {
		try {
			const ouverture = moteurNavigateur(creerTravailleurMoteur);
			ouverture.catch(() => undefined);
			const journal = await this.journal();
			this.persistant = journal.persistant;
			const imports = await journal.lister();
			this.demo = imports.length === 0;
			this.origineConnue = true;
			// While the engine compiles (≈ 1 s), the demo files and their loader are already on
			// their way.
			const demo = this.demo ? telechargerDemo() : undefined;
			demo?.catch(() => undefined);
			if (this.demo && !DEPLOYEE) chargeurDemo().catch(() => undefined);
			// Imports (and a real académie's files) are loaded by the importer: its code loads while
			// the engine starts, and so does the copy of the tables that may spare the replay.
			if (!this.demo || DEPLOYEE) import('$lib/import').catch(() => undefined);
			const cle = cleDesImports(imports);
			const garde = this.demo ? undefined : { cle, tables: lireTablesGardees(cle) };
			void this.#apercevoir(imports);
			const moteur = await ouverture;
			await initialiserSchema(moteur);
			await this.#reconstruire(moteur, journal, demo, garde);
			this.statut = 'pret';
			this.version += 1;
			// The start-up's data are now in the engine: the early figures stay valid for them.
			if (this.apercu) this.apercu = { ...this.apercu, version: this.version };
			performance.mark('pilotage:pret');
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

	/**
	 * The home figures that can be shown before the engine is ready: the demo's, precomputed from
	 * data/, or the ones the engine computed at an earlier visit on exactly these imports.
	 */
	async #apercevoir(imports: readonly ImportEnregistre[]): Promise<void> {
		const version = this.version;
		const chiffres = this.demo ? CHIFFRES_BASE : await lireChiffresRetenus(cleDesImports(imports));
		// Too late once the engine has computed its own, or if the data changed meanwhile.
		if (!chiffres || this.statut !== 'demarrage' || this.version !== version) return;
		this.apercu = { chiffres, origine: this.demo ? 'demo' : 'retenus', version };
	}

	/**
	 * Loads what the journal holds, or the demo académie when it holds nothing: the tables the
	 * browser kept for exactly these imports when it has them, else every import replayed in order.
	 */
	async #reconstruire(
		moteur: Moteur,
		journal: Journal,
		demo?: Promise<Map<string, Uint8Array>>,
		garde?: TablesLues
	): Promise<void> {
		const imports = await journal.lister();
		const avant = this.imports.length;
		if (this.#paquetOuvert) oublierPaquetOuvert();
		this.paquet = this.#paquetOuvert = null;
		if (imports.length === 0) {
			for (const sql of viderTables()) await moteur.executer(sql);
			this.etape = DEPLOYEE
				? `Chargement des ${DONNEES_ACADEMIE.toLowerCase()}…`
				: 'Chargement de l’académie de démonstration…';
			await chargerDemo(moteur, demo);
			this.demo = true;
			this.chargement = 'demo';
			if (avant > 0) this.#oublierGarde();
		} else {
			this.demo = false;
			if (await this.#restaurerTables(moteur, imports, garde)) this.chargement = 'garde';
			else {
				for (const sql of viderTables()) await moteur.executer(sql);
				// A real académie's files are under the imports, as when they were imported.
				if (DEPLOYEE) await chargerDemo(moteur);
				for (const [i, imp] of imports.entries()) {
					this.etape = `Chargement des données importées (${i + 1}/${imports.length}) : ${imp.nom}…`;
					await importer(moteur, { nom: imp.nom, contenu: imp.contenu }, optionsDe(imp, moteur));
				}
				this.chargement = 'journal';
				this.#planifierGarde(moteur);
			}
		}
		this.imports = imports;
		// Kept for the next start, only from here: nothing else touches the tables meanwhile (start,
		// or a removal in the queue), so the figures are exactly those of a replay of these imports.
		if (imports.length > 0) {
			const [chiffres] = await moteur.lignes<ChiffresAcademie>(sql.chiffresAcademie());
			await retenirChiffres(cleDesImports(imports), chiffres);
		} else if (avant > 0) void oublierChiffres();
	}

	/**
	 * The tables kept for exactly these imports, reloaded in bulk (issue #19: a replay of a 20 M-row
	 * pupil file takes 25 s). False when there are none, or when they are damaged: the engine's
	 * tables are then as before, and the caller replays the journal.
	 */
	async #restaurerTables(
		moteur: Moteur,
		imports: readonly ImportEnregistre[],
		garde?: TablesLues
	): Promise<boolean> {
		this.etape = 'Chargement des données gardées par le navigateur…';
		const cle = cleDesImports(imports);
		// Read while the engine started, if for these same imports.
		const tables = await (garde?.cle === cle ? garde.tables : lireTablesGardees(cle));
		if (!tables) return false;
		try {
			await restaurer(moteur, tables);
			performance.mark('pilotage:tables-gardees');
			return true;
		} catch {
			this.#oublierGarde();
			return false;
		}
	}

	/**
	 * Keeps the engine's tables for the next start, after the queue's current work: then the tables
	 * are exactly those of `this.imports`. Files imported together are copied once, after the last
	 * (a copy asked for is left to a later one). A failure (full disk) costs the next start a replay.
	 */
	#planifierGarde(moteur: Moteur): void {
		const demande = ++this.#gardesDemandees;
		this.#enFile(async () => {
			if (demande !== this.#gardesDemandees) return;
			if (this.demo || this.imports.length === 0 || this.paquet) return;
			const cle = cleDesImports(this.imports);
			const debut = performance.now();
			const tables = await photographier(moteur);
			this.#ecritureGarde = this.#ecritureGarde.then(async () => {
				if (await garderTables(cle, tables))
					performance.measure('pilotage:tables-gardees-ecrites', { start: debut });
				else await oublierTablesGardees();
			});
		}).catch(() => this.#oublierGarde());
	}

	/** Drops the copy of the tables, after the writes already queued. */
	#oublierGarde(): void {
		this.#ecritureGarde = this.#ecritureGarde.then(async () => {
			await oublierTablesGardees();
		});
	}

	#enFile<T>(travail: () => Promise<T>): Promise<T> {
		this.travaux += 1;
		const suite = this.#file.then(travail, travail).finally(() => (this.travaux -= 1));
		this.#file = suite.catch(() => undefined);
		return suite;
	}

	/**
	 * Imports one file. Its accepted rows are kept in the engine and in the journal; a file that
	 * brings nothing changes nothing (and, from the demo, the demo stays). `options.progression`
	 * (the page's progress bar) is handed to the importer as it is.
	 */
	importerFichier(fichier: File, options: OptionsImport = {}): Promise<RapportImport> {
		if (this.paquet) return Promise.reject(new Error(MESSAGE_IMPORT_SOUS_PAQUET));
		return this.#enFileSousVerrou(() => this.#importer(fichier, options));
	}

	async #importer(fichier: File, options: OptionsImport): Promise<RapportImport> {
		{
			const moteur = await this.pret();
			const journal = await this.journal();
			if (!this.#persistanceDemandee) {
				this.#persistanceDemandee = true;
				this.stockageDurable = await demanderPersistance();
			}
			// The demo is emptied before the first import; a real académie stays under it.
			const depuisDemo = this.fictives;
			if (depuisDemo) await viderEtLiberer(moteur);
			// Keeping the file in IndexedDB (to replay it at the next start) is part of saving it:
			// the copy starts now and runs while the engine reads the file.
			const id = nouvelIdentifiant();
			const depot = journal.deposer(id, fichier);
			depot.catch(() => undefined);
			let rapport: RapportImport;
			// The journal is written inside the merge's transaction, just before COMMIT: a file
			// counts only when both hold it, and a refused write (a full quota) rolls the engine
			// back instead of replaying the whole journal.
			let refusJournal: { erreur: unknown } | undefined;
			try {
				rapport = await importer(
					moteur,
					{ nom: fichier.name, contenu: fichier },
					{
						source: fichier.name,
						enregistrer: (nom, blob) => moteur.enregistrerFichier(nom, blob),
						...options,
						avantValidation: async (r) => {
							await options.avantValidation?.(r);
							if (!aCharge(r)) return;
							try {
								// The copy of the tables yields its room to the journal.
								await faireDeLaPlace(depot, () => journal.deposer(id, fichier));
								const enregistrement = {
									id,
									nom: fichier.name,
									date: new Date().toISOString(),
									taille: fichier.size,
									genre: r.genre,
									libelleGenre: r.libelleGenre,
									correspondance: options.correspondance,
									anneeScolaire: options.anneeScolaire,
									acceptees: r.acceptees,
									rejetees: r.rejetees,
									remplacees: r.remplacees
								};
								await faireDeLaPlace(journal.ajouter(enregistrement), () =>
									journal.ajouter(enregistrement)
								);
							} catch (e) {
								refusJournal = { erreur: e };
								throw e;
							}
						}
					}
				);
			} catch (e) {
				await depot.catch(() => undefined);
				await journal.oublierContenu(id).catch(() => undefined);
				if (!refusJournal) throw e;
				// The engine rolled back; the demo's tables, emptied before the import, come back.
				if (depuisDemo) await chargerDemo(moteur);
				this.version += 1;
				const espace = await estimerEspace();
				this.espace = espace;
				const erreur = refusJournal.erreur;
				throw new ErreurStockage(
					estQuotaDepasse(erreur)
						? messageQuota(fichier.name, fichier.size, espace)
						: messageStockage(
								fichier.name,
								erreur instanceof Error ? erreur.message || erreur.name : String(erreur)
							),
					{ cause: erreur }
				);
			}
			if (aCharge(rapport)) {
				if (rapport.signature && options.correspondance) {
					// A convenience for the next file: the import stands without it.
					await journal
						.retenirCorrespondance(rapport.signature, options.correspondance)
						.catch(() => undefined);
				}
				this.demo = false;
				this.imports = await journal.lister();
				this.#planifierGarde(moteur);
			} else {
				await depot.catch(() => undefined);
				await journal.oublierContenu(id).catch(() => undefined);
				if (depuisDemo) await chargerDemo(moteur);
			}
			this.version += 1;
			return rapport;
		}
	}

	/**
	 * Opens a package in place of the data shown (demo, or this browser's imports, which stay in
	 * the journal). A package whose rows do not load leaves the data as they were and says why.
	 */
	ouvrirPaquet(paquet: Paquet): Promise<void> {
		return this.#enFile(async () => {
			const moteur = await this.pret();
			const precedent = this.#paquetOuvert;
			try {
				await remplacerParPaquet(moteur, paquet, importer, async () => {
					if (precedent) await chargerPaquet(moteur, precedent, importer);
					else await this.#reconstruire(moteur, await this.journal());
				});
			} catch (e) {
				this.version += 1;
				throw e;
			}
			this.#paquetOuvert = paquet;
			this.paquet = { entete: paquet.entete, porte: paquet.porte };
			this.demo = false;
			this.version += 1;
		});
	}

	/** Leaves the package: back to this browser's imports, or to the base académie. */
	quitterPaquet(): Promise<void> {
		return this.#enFile(async () => {
			const moteur = await this.pret();
			await this.#reconstruire(moteur, await this.journal());
			this.version += 1;
		});
	}

	/** Removes one import: the others are loaded again, in their order. */
	retirerImport(id: string): Promise<void> {
		return this.#enFileSousVerrou(async () => {
			const moteur = await this.pret();
			const journal = await this.journal();
			await journal.supprimer(id);
			await this.#reconstruire(moteur, journal);
			this.version += 1;
		});
	}

	/** « Effacer toutes les données » : back to the demo académie. */
	effacerTout(): Promise<void> {
		return this.#enFileSousVerrou(async () => {
			const moteur = await this.pret();
			const journal = await this.journal();
			await journal.vider();
			await effacerPlans();
			await effacerAccompagnements();
			await effacerProjets();
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
		ACADEMIE.fichiers.map(async ({ nom, url }) => {
			const reponse = await fetch(url);
			if (!reponse.ok) throw new Error(`Fichier de démonstration absent : ${nom}`);
			return [nom, new Uint8Array(await reponse.arrayBuffer())] as const;
		})
	);
	return new Map(fichiers);
}

/**
 * The demo's loader: each file through its kind's declaration, as an import (`import/demo.ts`),
 * without the importer's diagnostics. Its own small chunk, so that a first visit never downloads
 * the importer itself.
 */
const chargeurDemo = () => import('$lib/import/demo');

async function chargerDemo(
	moteur: Moteur,
	telechargement: Promise<Map<string, Uint8Array>> = telechargerDemo()
): Promise<void> {
	if (DEPLOYEE) return chargerDeployee(moteur, await telechargement);
	const [fichiers, { chargerDemo }] = await Promise.all([telechargement, chargeurDemo()]);
	performance.mark('pilotage:demo-telechargee');
	await chargerDemo(moteur, fichiers, (nom) => performance.mark(`pilotage:demo:${nom}`));
}

/**
 * A real académie's files (PILOTAGE_DONNEES), each imported by the importer as the build did, in
 * the build's order, with the kind it recognised. The build refused any file with a refused row:
 * a file that loads nothing here is a damaged deployment, said as such.
 */
async function chargerDeployee(moteur: Moteur, fichiers: Map<string, Uint8Array>): Promise<void> {
	for (const { nom, genre } of ACADEMIE.fichiers) {
		const r = await importer(
			moteur,
			{ nom, contenu: fichiers.get(nom)! },
			{ source: nom, genre: genre ?? undefined, maxRejets: 1, exemples: 1 }
		);
		if (!aCharge(r)) throw new Error(`Fichier de l’académie illisible : ${nom} (${r.message})`);
	}
}

export const donnees = new Donnees();

// The engine starts as soon as the app's code runs in the browser, before the first page mounts:
// its worker, its wasm (7.7 MB compressed) and the data are then on their way at once.
if (browser) {
	donnees.pret().catch(() => {});
	donnees.ecouterAutresOnglets();
}
