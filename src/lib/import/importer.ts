// L'import d'un fichier, de bout en bout :
//   échantillon → encodage, séparateur, en-tête → genre (ou suggestions) → octets confiés au
//   moteur (réencodés en UTF-8 si besoin) → contrôle de toutes les lignes en SQL → rapport →
//   fusion des lignes acceptées dans une seule transaction.
// JavaScript ne voit qu'un échantillon (et l'export de circonscription, petit) : les lignes du
// fichier sont lues, contrôlées et chargées par DuckDB.

import { DbError } from '$lib/db/erreurs';
import * as q from '$lib/db/sql/import';
import type { Cible, ChampPlan, PlanImport } from '$lib/db/sql/import';
import type { Moteur } from '$lib/db/types';
import { COMPETENCES } from '$lib/domain/competences';
import {
	affecter,
	affecterSelon,
	candidats,
	champsRequisManquants,
	colonnesEnDouble,
	messageColonnesEnDouble,
	reconnaitre,
	signatureEntete,
	similarite,
	suggestionsColonnes,
	type Affectation,
	type Correspondance
} from './correspondance';
import { identifierExport, lireExportCirconscription } from './export-circonscription';
import { fusionner } from './fusion';
import { genreParId, type Genre, type IdGenre } from './genres';
import {
	decoderEchantillon,
	examinerOctets,
	MESSAGE_NON_TEXTE,
	reparerEnUtf8,
	sourceDepuisBlob,
	sourceDepuisOctets,
	versBlobUtf8,
	type Encodage,
	type Reparation,
	type SourceOctets
} from './octets';
import { cibleAgregee, construirePlan } from './plan';
import {
	resumer,
	type Avertissement,
	type BilanTable,
	type LigneRefusee,
	type Probleme,
	type RapportImport
} from './rapport';
import {
	avertissementsReparation,
	finsDeLigneMelees,
	lireEchantillon,
	MESSAGE_LIGNE_TROP_LONGUE
} from './reparation';
import {
	choisirSeparateur,
	debutsEnregistrements,
	decouperCsv,
	nombreColonnes,
	SEPARATEURS
} from './sniff';

/** The file to import: its name (shown, and stored as `source`) and its bytes. */
export interface FichierImport {
	readonly nom: string;
	readonly contenu: Blob | Uint8Array;
	/**
	 * Name under which the caller already registered these bytes in the engine (in the browser:
	 * `registerFileHandle`, no copy). Used as is when the file is UTF-8; otherwise the importer
	 * registers a re-encoded copy.
	 */
	readonly nomEnregistre?: string;
}

export interface OptionsImport {
	/** What the `source` column of the loaded rows says (the file name by default). */
	readonly source?: string;
	/** The kind, when the user chose it (after `ambigu`). */
	readonly genre?: IdGenre;
	/** The user's mapping of fields to columns (after `inconnu`). */
	readonly correspondance?: Correspondance;
	/** School year of an export that does not say it (after `a_preciser`). */
	readonly anneeScolaire?: string;
	/**
	 * How to make a Blob readable by `read_csv`; `moteur.enregistrerFichier` (a file handle in the
	 * browser, no copy) by default.
	 */
	readonly enregistrer?: (nom: string, contenu: Blob) => Promise<void>;
	/** Refused lines detailed in the report (all are counted). 10 000 by default. */
	readonly maxRejets?: number;
	/** Bytes read to recognise the file. 128 KiB by default. */
	readonly tailleEchantillon?: number;
	/** Lines given as examples in each warning. 10 by default. */
	readonly exemples?: number;
	/**
	 * Called at each step of a (big) import: reading the sample, re-encoding to UTF-8 (with the
	 * share of bytes done), checking every row in DuckDB, merging into the tables. DuckDB steps
	 * give no fraction.
	 */
	readonly progression?: (p: {
		etape: 'lecture' | 'reencodage' | 'controle' | 'fusion';
		fraction?: number;
	}) => void;
	/**
	 * Awaited inside the merge's transaction, just before COMMIT, with the report as it will be:
	 * the caller's own write (the journal) happens before the rows become visible. If it throws,
	 * the transaction is rolled back (nothing changed) and `importer` throws its error.
	 */
	readonly avantValidation?: (rapport: RapportImport) => Promise<void>;
}

/** An error of `options.avantValidation`: the caller's, thrown back to it after the rollback. */
class RefusAvantValidation extends Error {
	constructor(readonly refus: unknown) {
		super('validation refusée', { cause: refus });
	}
}

type Etape = Parameters<NonNullable<OptionsImport['progression']>>[0];

/** Tells the caller where the import is; a failing callback never stops an import. */
function signaler(ctx: { readonly options: OptionsImport }, etape: Etape): void {
	try {
		ctx.options.progression?.(etape);
	} catch {
		// The UI's business: the import goes on.
	}
}

let compteur = 0;

const LIBELLE_SEPARATEUR: Record<string, string> = {
	';': '« ; »',
	',': '« , »',
	'\t': 'tabulation',
	'|': '« | »'
};

interface Contexte {
	readonly moteur: Moteur;
	readonly fichier: FichierImport;
	readonly options: OptionsImport;
	readonly debut: number;
	readonly aOublier: string[];
}

function rapportVide(fichier: string, debut: number): RapportImport {
	return {
		fichier,
		statut: 'echec',
		genre: null,
		libelleGenre: null,
		message: '',
		lecture: { encodage: null, bom: false, separateur: null, lignesEntete: 0, nbColonnes: 0 },
		entete: [],
		signature: null,
		lues: 0,
		acceptees: 0,
		rejetees: 0,
		ignorees: 0,
		motifIgnorees: null,
		remplacees: 0,
		nouvelles: 0,
		identiques: 0,
		tables: [],
		rejets: [],
		rejetsTronques: false,
		avertissements: [],
		candidats: [],
		suggestions: [],
		colonnesIgnorees: [],
		dureeMs: Math.round(performance.now() - debut)
	};
}

const avec = (
	r: RapportImport,
	ctx: Contexte,
	changements: Partial<RapportImport>
): RapportImport => ({
	...r,
	...changements,
	dureeMs: Math.round(performance.now() - ctx.debut)
});

async function enregistrerBlob(ctx: Contexte, nom: string, blob: Blob): Promise<void> {
	if (ctx.options.enregistrer) await ctx.options.enregistrer(nom, blob);
	else await ctx.moteur.enregistrerFichier(nom, blob);
	ctx.aOublier.push(nom);
}

interface Confie {
	/** Name under which read_csv finds the bytes. */
	readonly nom: string;
	/** The bytes given (UTF-8), for the line numbers. */
	readonly octets: SourceOctets;
	/** What was repaired on the way (line ends, non-UTF-8 lines). */
	readonly reparation?: Reparation;
}

/**
 * Registers the file's bytes as UTF-8 for read_csv; returns the name and the bytes given.
 * `reparer`: line ends made LF and non-UTF-8 lines read as Windows-1252 (see reparerEnUtf8).
 */
async function confierAuMoteur(
	ctx: Contexte,
	source: SourceOctets,
	encodage: Encodage,
	reparer = false
): Promise<Confie> {
	const nom = `pilotage-import-${++compteur}.csv`;
	const { fichier } = ctx;
	if (encodage === 'utf-8' && reparer) {
		const bom = examinerOctets(await source.lire(0, 4), false);
		return confierRepare(ctx, nom, source, bom.texte ? bom.bom : 0);
	}
	if (encodage === 'utf-8') {
		// DuckDB reads UTF-8 with or without BOM: the bytes go as they are, never copied.
		if (fichier.nomEnregistre) return { nom: fichier.nomEnregistre, octets: source };
		if (fichier.contenu instanceof Uint8Array) {
			await ctx.moteur.enregistrerOctets(nom, fichier.contenu);
			ctx.aOublier.push(nom);
		} else await enregistrerBlob(ctx, nom, fichier.contenu);
		return { nom, octets: source };
	}
	const examen = examinerOctets(await source.lire(0, 4), false);
	const bom = examen.texte ? examen.bom : 0;
	signaler(ctx, { etape: 'reencodage', fraction: 0 });
	const blob = await versBlobUtf8(
		source,
		encodage,
		encodage === 'windows-1252' ? 0 : bom,
		undefined,
		(fraction) => signaler(ctx, { etape: 'reencodage', fraction })
	);
	// Re-encoded without BOM; its line ends may still be mixed.
	if (reparer) return confierRepare(ctx, nom, sourceDepuisBlob(blob), 0);
	await enregistrerBlob(ctx, nom, blob);
	return { nom, octets: sourceDepuisBlob(blob) };
}

/** The bytes rewritten by reparerEnUtf8 (streaming), registered for read_csv. */
async function confierRepare(
	ctx: Contexte,
	nom: string,
	source: SourceOctets,
	bom: number
): Promise<Confie> {
	signaler(ctx, { etape: 'reencodage', fraction: 0 });
	const reparation = await reparerEnUtf8(source, bom, undefined, (fraction) =>
		signaler(ctx, { etape: 'reencodage', fraction })
	);
	await enregistrerBlob(ctx, nom, reparation.blob);
	return { nom, octets: sourceDepuisBlob(reparation.blob), reparation };
}

interface ErreurCsv {
	ligne: number;
	type: string;
	texte: string | null;
	n: number;
}

function motifErreurCsv(
	e: ErreurCsv,
	separateur: string,
	attendu: number
): { motif: string; cellules: string[] } {
	const texte = (e.texte ?? '').replace(/\r?\n$/, '');
	const cellules = decouperCsv(texte, separateur).flatMap((r) => r.cellules);
	const sep = LIBELLE_SEPARATEUR[separateur] ?? separateur;
	const lignes = texte.split(/\r\n|\r|\n/).length;
	switch (e.type) {
		case 'MISSING COLUMNS':
			return {
				cellules,
				motif: `ligne incomplète : ${cellules.length} valeur${cellules.length > 1 ? 's' : ''} au lieu de ${attendu} (séparateur ${sep} attendu ; ligne coupée ?)`
			};
		case 'TOO MANY COLUMNS':
			return {
				cellules,
				motif: `trop de valeurs : ${cellules.length} au lieu de ${attendu} (une valeur contient-elle un ${sep} sans guillemets ?)`
			};
		case 'UNQUOTED VALUE':
			return {
				cellules,
				motif:
					lignes > 1
						? `guillemet non fermé : les lignes ${e.ligne} à ${e.ligne + lignes - 1} n’ont pas pu être lues`
						: 'guillemet mal placé : une valeur entre guillemets est suivie d’autres caractères'
			};
		case 'LINE SIZE OVER MAXIMUM':
			return { cellules: [], motif: 'ligne trop longue pour être lue (plus de 2 Mo)' };
		case 'INVALID ENCODING':
		case 'INVALID UNICODE':
			return { cellules, motif: 'caractères illisibles (encodage du fichier)' };
		default:
			return { cellules, motif: `ligne illisible (${e.type.toLowerCase()})` };
	}
}

/**
 * The separator under which one of the first lines is a header Pilotage knows (or the first line
 * that of a circonscription export): the surest sign, used before any counting.
 */
function separateurReconnu(texte: string, complet: boolean): string | undefined {
	for (const s of SEPARATEURS) {
		const lignes = decouperCsv(texte, s, { complet, max: 10 });
		if (
			lignes.length &&
			identifierExport(lignes[0].cellules) &&
			lignes.some((l) => l.cellules.length > 2)
		)
			return s;
		if (lignes.some((l) => l.cellules.length > 1 && reconnaitre(l.cellules).length > 0)) return s;
	}
	return undefined;
}

/** Closest catalogue value for an unknown enum value (competence ids are matched on labels too). */
function suggererValeur(champ: ChampPlan, valeur: string | null): string | null {
	if (!valeur || champ.type !== 'enum') return null;
	const candidats = new Map<string, string>();
	for (const [k, v] of Object.entries(champ.valeurs ?? {})) candidats.set(k, v);
	if (champ.nom === 'competence_id')
		for (const c of COMPETENCES)
			for (const l of [c.libelle, ...c.variantes]) candidats.set(l, c.id);
	let meilleur: string | null = null;
	let score = 0.6;
	for (const [k, v] of candidats) {
		const s = similarite(valeur, k);
		if (s > score) {
			score = s;
			meilleur = v;
		}
	}
	return meilleur;
}

/**
 * Imports one file. Never throws for a bad file: the report says what happened. Throws only if
 * the engine itself is unusable, or with the error of `options.avantValidation` (then nothing
 * was changed either).
 */
export async function importer(
	moteur: Moteur,
	fichier: FichierImport,
	options: OptionsImport = {}
): Promise<RapportImport> {
	const ctx: Contexte = { moteur, fichier, options, debut: performance.now(), aOublier: [] };
	try {
		return await importerDans(ctx);
	} finally {
		for (const nom of ctx.aOublier) await moteur.oublierFichier(nom).catch(() => undefined);
	}
}

async function importerDans(ctx: Contexte): Promise<RapportImport> {
	const { fichier, options } = ctx;
	let r = rapportVide(fichier.nom, ctx.debut);
	const source =
		fichier.contenu instanceof Uint8Array
			? sourceDepuisOctets(fichier.contenu)
			: sourceDepuisBlob(fichier.contenu);
	if (source.taille === 0) return avec(r, ctx, { statut: 'vide', message: 'Le fichier est vide.' });

	// 1. Sample: text or not, encoding, separator, header.
	signaler(ctx, { etape: 'lecture' });
	const lu = await lireEchantillon(source, options.tailleEchantillon ?? 128 * 1024);
	if (lu === 'trop_longue')
		return avec(r, ctx, { statut: 'illisible', message: MESSAGE_LIGNE_TROP_LONGUE });
	const { octets: echantillon, complet } = lu;
	const examen = examinerOctets(echantillon, complet);
	if (!examen.texte)
		return avec(r, ctx, { statut: 'illisible', message: MESSAGE_NON_TEXTE[examen.nature] });
	const texte = decoderEchantillon(echantillon, examen.encodage, examen.bom);
	if (texte.trim() === '')
		return avec(r, ctx, { statut: 'vide', message: 'Le fichier ne contient aucune ligne.' });
	const separateur = separateurReconnu(texte, complet) ?? choisirSeparateur(texte, complet);
	const enregistrements = decouperCsv(texte, separateur, { complet, max: 400 });
	r = avec(r, ctx, {
		lecture: {
			encodage: examen.encodage,
			bom: examen.bom > 0,
			separateur,
			lignesEntete: 1,
			nbColonnes: 0
		}
	});
	if (enregistrements.length === 0)
		return avec(r, ctx, { statut: 'vide', message: 'Le fichier ne contient aucune ligne.' });

	// 2. The circonscription export (several header lines) is rebuilt in the canonical format.
	const exportId = identifierExport(enregistrements[0].cellules);
	if (
		exportId &&
		!options.correspondance &&
		(!options.genre || options.genre === 'export_circonscription')
	)
		return importerExport(ctx, r, source, examen.encodage, examen.bom, separateur);

	// 3. The header line (title lines may precede it) and the kind.
	let iEntete = 0;
	let reconnus = reconnaitre(enregistrements[0].cellules);
	if (!options.genre && !options.correspondance && reconnus.length === 0) {
		for (let i = 1; i < Math.min(10, enregistrements.length); i++) {
			const essai = reconnaitre(enregistrements[i].cellules);
			if (essai.length) {
				iEntete = i;
				reconnus = essai;
				break;
			}
		}
	}
	const entete = enregistrements[iEntete].cellules.map((c) => c.trim());
	const lignesAvant = enregistrements[iEntete].ligne;
	r = avec(r, ctx, {
		entete,
		signature: signatureEntete(entete),
		lecture: { ...r.lecture, lignesEntete: lignesAvant }
	});

	let genre: Genre;
	let affectation: Affectation;
	if (options.correspondance) {
		genre = genreParId(options.correspondance.genre);
		const resultat = affecterSelon(options.correspondance, entete);
		if (resultat.introuvables.length)
			return avec(r, ctx, {
				statut: 'inconnu',
				genre: genre.id,
				libelleGenre: genre.libelle,
				message: `Colonne${resultat.introuvables.length > 1 ? 's' : ''} introuvable${resultat.introuvables.length > 1 ? 's' : ''} dans le fichier : ${resultat.introuvables.map((c) => `« ${c} »`).join(', ')}.`,
				candidats: candidats(entete),
				suggestions: suggestionsColonnes(entete)
			});
		affectation = resultat.affectation;
	} else if (options.genre) {
		genre = genreParId(options.genre);
		affectation = affecter(genre, entete);
	} else {
		if (reconnus.length === 0)
			return avec(r, ctx, {
				statut: 'inconnu',
				message:
					'Pilotage ne reconnaît pas ce fichier à ses en-têtes. Indiquez de quel fichier il s’agit et quelle colonne contient chaque information.',
				candidats: candidats(entete),
				suggestions: suggestionsColonnes(entete)
			});
		const ex = reconnus.filter((x) => x.score === reconnus[0].score);
		if (ex.length > 1)
			return avec(r, ctx, {
				statut: 'ambigu',
				message: `Ce fichier peut être : ${ex.map((x) => x.genre.libelle).join(' ; ')}. Lequel est-ce ?`,
				candidats: candidats(entete).filter((c) => ex.some((x) => x.genre.id === c.genre))
			});
		genre = reconnus[0].genre;
		affectation = reconnus[0].affectation;
	}
	const manquants = champsRequisManquants(genre, affectation);
	r = avec(r, ctx, { genre: genre.id, libelleGenre: genre.libelle });
	if (manquants.length)
		return avec(r, ctx, {
			statut: 'inconnu',
			message: `Colonne${manquants.length > 1 ? 's' : ''} obligatoire${manquants.length > 1 ? 's' : ''} absente${manquants.length > 1 ? 's' : ''} pour « ${genre.libelle} » : ${manquants.join(', ')}.`,
			candidats: candidats(entete),
			suggestions: suggestionsColonnes(entete)
		});
	// A column read twice under one name: which one holds the values cannot be known.
	const doubles = colonnesEnDouble(entete, affectation);
	if (doubles.length)
		return avec(r, ctx, { statut: 'illisible', message: messageColonnesEnDouble(doubles) });

	const donnees = enregistrements.slice(iEntete + 1);
	const nbColonnes = nombreColonnes(entete, donnees);
	const utilisees = new Set([...affectation.values()].filter((i): i is number => i !== null));
	r = avec(r, ctx, {
		lecture: { ...r.lecture, nbColonnes },
		colonnesIgnorees: entete.filter((e, i) => e !== '' && !utilisees.has(i))
	});
	if (donnees.length === 0 && complet)
		return avec(r, ctx, {
			statut: 'vide',
			message: `Fichier reconnu (${genre.libelle}) mais il ne contient que l’en-tête : aucune ligne de données.`
		});

	// 4. The bytes go to the engine; every row is checked there. Mixed line ends (seen in the
	// sample, or DuckDB's reader stopping on them further on) and non-UTF-8 lines in a UTF-8 file
	// (DuckDB's encoding errors) make the file repaired and checked again: never re-read whole in
	// another encoding. UTF-16's line ends are two bytes: not looked for in its sample.
	const { encodage } = examen;
	let reparer = !encodage.startsWith('utf-16') && finsDeLigneMelees(echantillon);
	for (;;) {
		const confie = await confierAuMoteur(ctx, source, encodage, reparer);
		if (confie.reparation)
			r = avec(r, ctx, {
				avertissements: [...r.avertissements, ...avertissementsReparation(confie.reparation)]
			});
		const plan = construirePlan(
			genre,
			affectation,
			entete,
			{ fichier: confie.nom, separateur, lignesAvant, nbColonnes },
			options.source ?? fichier.nom
		);
		const resultat = await verifierEtCharger(ctx, r, genre, plan, confie.octets, !reparer);
		if (resultat === 'reparer') {
			reparer = true;
			continue;
		}
		return resultat;
	}
}

async function importerExport(
	ctx: Contexte,
	r: RapportImport,
	source: SourceOctets,
	encodage: Encodage,
	bom: number,
	separateur: string
): Promise<RapportImport> {
	const genre = genreParId('export_circonscription');
	r = avec(r, ctx, { genre: genre.id, libelleGenre: genre.libelle });
	if (source.taille > 50 * 1024 * 1024)
		return avec(r, ctx, {
			statut: 'illisible',
			message: 'Cet export est trop volumineux (plus de 50 Mo) pour un export de circonscription.'
		});
	const texte = decoderEchantillon(await source.lire(0, source.taille), encodage, bom);
	const lu = lireExportCirconscription(texte, separateur, ctx.options.anneeScolaire);
	if (!lu.ok)
		return avec(r, ctx, {
			statut: lu.manque === 'annee' ? 'a_preciser' : 'inconnu',
			manque: lu.manque === 'annee' ? 'annee' : undefined,
			message: lu.message
		});
	const e = lu.export;
	const nom = `pilotage-import-${++compteur}.csv`;
	await ctx.moteur.enregistrerTexte(nom, e.csv);
	ctx.aOublier.push(nom);
	const entete = e.csv.slice(0, e.csv.indexOf('\n')).split(';');
	const affectation = affecter(genre, entete);
	const plan = construirePlan(
		genre,
		affectation,
		entete,
		{ fichier: nom, separateur: ';', lignesAvant: 1, nbColonnes: entete.length },
		ctx.options.source ?? ctx.fichier.nom,
		entete.indexOf('_ligne')
	);
	r = avec(r, ctx, {
		libelleGenre: `${genre.libelle} — ${e.niveau} ${e.discipline === 'FR' ? 'français' : 'mathématiques'}, ${e.annee}`,
		entete,
		signature: signatureEntete(entete),
		lecture: { ...r.lecture, lignesEntete: e.lignesEntete, nbColonnes: entete.length },
		avertissements: e.avertissements.map((message) => ({ message, lignes: [], nombre: 0 }))
	});
	const resultat = await verifierEtCharger(
		ctx,
		r,
		genre,
		plan,
		sourceDepuisOctets(new TextEncoder().encode(e.csv)),
		false
	);
	if (resultat === 'reparer') throw new Error('réparation impossible : export déjà décodé');
	return avec(resultat, ctx, {
		ignorees: resultat.ignorees + e.lignesTotal.length,
		motifIgnorees: e.lignesTotal.length ? 'lignes de total' : resultat.motifIgnorees
	});
}

const nombre = (x: unknown) => Number(x ?? 0);

/** The rules that gave a reason somewhere in the file (an Arrow list in the counts row). */
function reglesEnCause(comptes: Record<string, unknown>): boolean[] | undefined {
	const r = comptes.regles as Iterable<boolean> | null | undefined;
	return r ? [...r].map(Boolean) : undefined;
}

interface LigneProbleme {
	rang: number;
	ligne_source: number | null;
	colonne: string;
	valeur: string | null;
	motif: string;
	suggestion: string | null;
	ordre: number;
	premier: number | null;
	ligne_premier: number | null;
	cellules: (string | null)[] | null;
	total: number;
}

interface LigneAvertissement {
	colonne: string;
	ordre: number;
	motif: string;
	n: number;
	rangs: number[];
	lignes_source: (number | null)[];
}

/**
 * Runs the SQL checks, builds the report and, for kinds that Pilotage uses, merges the accepted
 * rows into their tables in one transaction.
 */
async function verifierEtCharger(
	ctx: Contexte,
	r: RapportImport,
	genre: Genre,
	plan: PlanImport,
	octets: SourceOctets,
	peutReparer: boolean
): Promise<RapportImport | 'reparer'> {
	const { moteur, options } = ctx;
	const requete = (sql: string) => ({ sql, params: [] });
	const vues: string[] = [];
	const maxRejets = options.maxRejets ?? 10_000;
	const exemples = options.exemples ?? 10;
	// Pupil files: rows counted per class while read, never stored (q.creerAgregat).
	const agregee = cibleAgregee(plan);
	let prepare: q.VerificationPreparee | undefined;
	try {
		signaler(ctx, { etape: 'controle' });
		// Small files: the same checks as prepared statements (q.verificationPreparee).
		if (!agregee && octets.taille <= PETIT_FICHIER && plan.colonneLigne === undefined)
			prepare = await verificationPreparee(ctx, plan);
		try {
			if (agregee) await agreger(ctx, plan, agregee);
			else if (prepare) {
				for (const sql of prepare.executer) await moteur.executer(sql);
			} else await moteur.executer(q.creerVerification(plan));
		} catch (e) {
			if (peutReparer && e instanceof DbError && A_REPARER.test(e.message)) return 'reparer';
			throw e;
		}
		if (!agregee) await moteur.executer(q.creerDoublons(plan));
		const [comptes] = await moteur.lignes<Record<string, number>>(
			requete(
				agregee
					? q.compterAgregat(plan, genre.connus?.tables)
					: q.compterVerification(plan, genre.connus?.tables)
			)
		);
		if (peutReparer && nombre(comptes.erreurs_encodage) > 0) return 'reparer';
		const erreursCsv =
			nombre(comptes.erreurs_csv) > 0
				? await moteur.lignes<ErreurCsv>(requete(q.lireErreursCsv(plan)))
				: [];
		let nDoublons = nombre(comptes.doublons);
		if (agregee && nombre(comptes.cles_repetees) > 0) {
			// A key's hash seen twice: a second reading tells the real duplicates.
			await moteur.executer(q.creerDoublonsAgregat(plan, agregee));
			const [d] = await moteur.lignes<{ n: number }>(requete(q.compterDoublons(plan)));
			nDoublons = nombre(d.n);
		}

		let rejetees = 0;
		let problemes: LigneProbleme[] = [];
		let avertiss: LigneAvertissement[] = [];
		// Clean files (the usual case, and the big ones) skip the whole detail.
		if (nombre(comptes.refusees) + nombre(comptes.averties) + nDoublons > 0) {
			await moteur.executer(
				agregee
					? q.creerRejetsAgregat(plan, nDoublons > 0)
					: q.creerRejets(plan, reglesEnCause(comptes))
			);
			problemes = await moteur.lignes<LigneProbleme>(
				requete(agregee ? q.lireRejetsAgregat(plan, maxRejets) : q.lireRejets(plan, maxRejets))
			);
			rejetees = problemes.length ? nombre(problemes[0].total) : 0;
			if (nombre(comptes.averties) > 0)
				avertiss = await moteur.lignes<LigneAvertissement>(
					requete(q.resumerAvertissements(plan, exemples))
				);
		}

		// Ranks of DuckDB's output → lines of the file (only when something must be shown).
		const rangsUtiles = [
			...problemes.flatMap((p) => [p.rang, p.premier ?? p.rang]),
			...avertiss.flatMap((a) => [...a.rangs])
		];
		const lignes = await correspondanceLignes(
			plan,
			octets,
			erreursCsv,
			nombre(comptes.lues),
			rangsUtiles.length > 0 || erreursCsv.length > 0
		);
		const versLigne = lignes.deRang;

		const brutes = new Map<number, (string | null)[]>();
		for (const p of problemes) brutes.set(nombre(p.rang), [...(p.cellules ?? [])]);
		const parRang = new Map<number, Probleme[]>();
		const lignesSource = new Map<number, number | null>();
		for (const p of problemes) {
			const rang = nombre(p.rang);
			const champ = p.ordre < plan.champs.length ? plan.champs[p.ordre] : undefined;
			let motif = p.motif;
			if (p.premier !== null && p.premier !== undefined) {
				const ligne = p.ligne_premier ?? versLigne(nombre(p.premier));
				motif = `ligne en double : même ${p.colonne} que la ligne ${ligne ?? '?'}`;
			}
			const suggestion = p.suggestion ?? (champ ? suggererValeur(champ, p.valeur) : null);
			const liste = parRang.get(rang) ?? [];
			liste.push({ colonne: p.colonne, valeur: p.valeur, motif, suggestion });
			parRang.set(rang, liste);
			lignesSource.set(rang, p.ligne_source === null ? null : nombre(p.ligne_source));
		}
		const refusRegles: { tri: number; ligne: LigneRefusee }[] = [...parRang.entries()].map(
			([rang, pbs]) => {
				const ligne = lignesSource.get(rang) ?? versLigne(rang);
				return {
					tri: ligne ?? Number.MAX_SAFE_INTEGER,
					ligne: { ligne, problemes: pbs, cellules: brutes.get(rang) ?? [] }
				};
			}
		);
		const refusCsv = erreursCsv.map((e) => {
			const physique = lignes.deLigneDuckdb(nombre(e.ligne));
			const { motif, cellules } = motifErreurCsv(
				{ ...e, ligne: physique },
				plan.lecture.separateur,
				plan.lecture.nbColonnes
			);
			const ligne: LigneRefusee = {
				ligne: physique,
				problemes: [{ colonne: '', valeur: null, motif, suggestion: null }],
				cellules
			};
			return { tri: physique, ligne };
		});
		const rejets = [...refusRegles, ...refusCsv].sort((a, b) => a.tri - b.tri).map((x) => x.ligne);
		const totalRejetees = rejetees + erreursCsv.length;

		const avertissements: Avertissement[] = [...r.avertissements];
		for (const a of avertiss) {
			const lignes = a.rangs
				.map((rang, i) =>
					a.lignes_source[i] !== null && a.lignes_source[i] !== undefined
						? nombre(a.lignes_source[i])
						: versLigne(nombre(rang))
				)
				.filter((l): l is number => l !== null);
			const n = nombre(a.n);
			avertissements.push({
				message: `${a.colonne} : ${a.motif}${n > 1 ? ` (et ${n - 1} autre${n > 2 ? 's' : ''} ligne${n > 2 ? 's' : ''} de ce type)` : ''} ; valeur laissée vide, ligne importée`,
				lignes,
				nombre: n
			});
		}

		const vides = nombre(comptes.vides);
		const horsPerimetre = nombre(comptes.hors_perimetre);
		const motifs: string[] = [];
		if (vides) motifs.push(`${vides} ligne${vides > 1 ? 's' : ''} vide${vides > 1 ? 's' : ''}`);
		if (horsPerimetre && genre.perimetre)
			motifs.push(`${horsPerimetre} : ${genre.perimetre.motif}`);
		const valides = nombre(comptes.valides);
		const acceptees = valides - nDoublons;

		r = avec(r, ctx, {
			lues: nombre(comptes.lues) + erreursCsv.length,
			acceptees,
			rejetees: totalRejetees,
			ignorees: vides + horsPerimetre,
			motifIgnorees: motifs.length ? motifs.join(' ; ') : null,
			rejets,
			rejetsTronques: rejetees > parRang.size,
			avertissements
		});

		if (genre.cibles.length === 0) {
			return avec(r, ctx, {
				statut: 'verifie',
				message: resumer({ ...r, statut: 'verifie', nonUtilise: genre.nonUtilise })
			});
		}

		// Values that should already be known (schools): a warning, never a refusal.
		if (genre.connus && acceptees > 0) {
			const { champ, tables, quoi } = genre.connus;
			const present = plan.champs.find((c) => c.nom === champ)?.colonne != null;
			const sql = agregee
				? q.valeursInconnuesAgregat(plan, agregee, champ, tables, tables[0].cle[0], exemples)
				: q.valeursInconnues(plan, champ, tables, tables[0].cle[0], exemples);
			// Nothing loaded yet (the counts said so): no need to look for unknown values.
			const deja = comptes.connus_deja === undefined ? 1 : nombre(comptes.connus_deja);
			if (present && sql) {
				const [inconnues] =
					deja === 0
						? [{ deja: 0, total: 0, exemples: null }]
						: await moteur.lignes<{
								deja: number;
								total: number;
								exemples: { valeur: string; rang: number; ligne_source: number | null }[] | null;
							}>(requete(sql));
				const total = nombre(inconnues.total);
				const liste = [...(inconnues.exemples ?? [])];
				if (nombre(inconnues.deja) === 0)
					avertissements.push({
						message: `Aucune ${quoi} n’est encore chargée : impossible de vérifier les UAI de ce fichier. Importez d’abord l’annuaire ou la liste des écoles.`,
						lignes: [],
						nombre: 0
					});
				else if (total > 0)
					avertissements.push({
						message: `${total} ${quoi}${total > 1 ? 's' : ''} du fichier ne ${total > 1 ? 'sont' : 'est'} pas encore dans Pilotage (${liste.map((i) => i.valeur).join(', ')}${total > liste.length ? '…' : ''}) : leurs lignes sont importées, mais elles n’apparaîtront qu’une fois l’${quoi} chargée (annuaire ou liste des écoles).`,
						lignes: liste
							.map((i) =>
								i.ligne_source !== null ? nombre(i.ligne_source) : versLigne(nombre(i.rang))
							)
							.filter((l): l is number => l !== null),
						nombre: total
					});
			}
		}

		// 5. The merge: one transaction for the whole file.
		signaler(ctx, { etape: 'fusion' });
		const importe = (bilans: readonly BilanTable[]): RapportImport => {
			const principal = bilans[0];
			const fait = avec(r, ctx, {
				statut: 'importe',
				agregat: agregee?.agregat
					? { lignes: agregee.agregat.lignes, resultats: agregee.agregat.resultats }
					: undefined,
				tables: [...bilans],
				remplacees: principal?.remplacees ?? 0,
				nouvelles: principal?.nouvelles ?? 0,
				identiques: principal?.identiques ?? 0,
				avertissements
			});
			return avec(fait, ctx, { message: resumer(fait) });
		};
		const { avantValidation } = options;
		const bilans = await fusionner(
			moteur,
			plan,
			{ agregee, doublons: nDoublons > 0 },
			vues,
			avantValidation &&
				(async (b) => {
					try {
						await avantValidation(importe(b));
					} catch (e) {
						throw new RefusAvantValidation(e);
					}
				})
		);
		return importe(bilans);
	} catch (e) {
		if (e instanceof RefusAvantValidation) throw e.refus;
		const explication =
			e instanceof DbError ? e.explication : e instanceof Error ? e.message : String(e);
		return avec(r, ctx, {
			statut: 'echec',
			message: `L’import a échoué ; les données déjà chargées n’ont pas changé. ${explication}`
		});
	} finally {
		await moteur.executer(q.supprimerTemporaires(plan, vues)).catch(() => undefined);
		if (prepare) await moteur.executer(prepare.vider).catch(() => undefined);
	}
}

/**
 * DuckDB's errors on bytes that reparerEnUtf8 mends: invalid UTF-8, and its CSV state machine
 * stopping on a line end of another kind (« reached an invalid state »).
 */
const A_REPARER = /unicode|encoding|utf-?8|state machine/i;

/** Files up to this size are checked by a prepared statement (q.verificationPreparee). */
const PETIT_FICHIER = 1024 * 1024;

/** Per engine: each shape of check seen (null), then the name of its prepared statement. */
const PREPAREES = new WeakMap<Moteur, Map<string, string | null>>();
let preparees = 0;

/**
 * The prepared checks of a small file's kind and fields, prepared at the second such file on this
 * engine (a failure leaves nothing in the cache: the next file prepares again).
 */
async function verificationPreparee(
	ctx: Contexte,
	plan: PlanImport
): Promise<q.VerificationPreparee | undefined> {
	const { moteur } = ctx;
	let cache = PREPAREES.get(moteur);
	if (!cache) PREPAREES.set(moteur, (cache = new Map()));
	const { modele } = q.verificationPreparee(plan, 'pilotage_controle');
	const connu = cache.get(modele);
	// Preparing costs several plain checks (≈ 0.5 s): only for a shape of file seen before, as
	// when a user brings one file per year or per circonscription (or the property test).
	if (connu === undefined) {
		cache.set(modele, null);
		return undefined;
	}
	const nom = connu ?? `pilotage_controle_${++preparees}`;
	const v = q.verificationPreparee(plan, nom);
	if (!connu) {
		for (const sql of v.preparer) await moteur.executer(sql);
		cache.set(modele, nom);
	}
	return v;
}

/**
 * Counts an aggregated file's rows per class (q.creerAgregat's table). The fast pass groups on
 * raw cells and checks the groups; when a group with a problem holds several rows, or a
 * duplicate may exist, the file is read again with every rule on every row, which gives each
 * refused line and the duplicates exactly.
 */
async function agreger(ctx: Contexte, plan: PlanImport, cible: Cible): Promise<void> {
	const { moteur } = ctx;
	if (plan.colonneLigne === undefined) {
		await moteur.executer(q.creerAgregatBrut(plan, cible));
		await moteur.executer(q.creerAgregatDepuisBrut(plan, cible));
		const [v] = await moteur.lignes<{ cles_repetees: number; a_revoir: number; injectif: boolean }>(
			{ sql: q.verifierAgregatBrut(plan, cible), params: [] }
		);
		if (nombre(v.cles_repetees) === 0 && nombre(v.a_revoir) === 0 && v.injectif) return;
		await moteur.executer(q.creerAgregat(plan, cible, 'troisieme'));
		return;
	}
	await moteur.executer(q.creerAgregat(plan, cible));
}

interface Lignes {
	/** Line in the file of a row of DuckDB's output, by rank. */
	readonly deRang: (rang: number) => number | null;
	/** Line in the file of a line of DuckDB's rejects table. */
	readonly deLigneDuckdb: (ligne: number) => number;
}

/**
 * Turns DuckDB's ranks and reject lines into lines of the file. Blank lines and multi-line cells
 * make them differ from « rank + header »: the record starts are read from the bytes, checked
 * against DuckDB's count, with « rank + header » as the fallback if they disagree.
 */
async function correspondanceLignes(
	plan: PlanImport,
	octets: SourceOctets,
	erreurs: readonly ErreurCsv[],
	lues: number,
	utile: boolean
): Promise<Lignes> {
	const simple: Lignes = {
		deRang: (rang) => plan.lecture.lignesAvant + 1 + rang,
		deLigneDuckdb: (l) => l
	};
	if (plan.colonneLigne !== undefined || !utile) return simple;
	const { physiques, duckdb } = await debutsEnregistrements(
		octets,
		plan.lecture.separateur,
		plan.lecture.lignesAvant
	);
	const refusees = new Set(erreurs.map((e) => nombre(e.ligne)));
	const parLigneDuckdb = new Map<number, number>();
	const valides: number[] = [];
	for (let i = 0; i < physiques.length; i++) {
		parLigneDuckdb.set(duckdb[i], physiques[i]);
		if (!refusees.has(duckdb[i])) valides.push(physiques[i]);
	}
	if (valides.length !== lues) return simple;
	return {
		deRang: (rang) => valides[rang] ?? null,
		deLigneDuckdb: (l) => parLigneDuckdb.get(l) ?? l
	};
}
