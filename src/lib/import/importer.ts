// L'import d'un fichier, de bout en bout :
//   échantillon → encodage, séparateur, en-tête → genre (ou suggestions) → octets confiés au
//   moteur (réencodés en UTF-8 si besoin) → contrôle de toutes les lignes en SQL → rapport →
//   fusion des lignes acceptées dans une seule transaction.
// JavaScript ne voit qu'un échantillon (et l'export de circonscription, petit) : les lignes du
// fichier sont lues, contrôlées et chargées par DuckDB.

import { DbError } from '$lib/db/erreurs';
import * as q from '$lib/db/sql/import';
import type { Cible, PlanImport } from '$lib/db/sql/import';
import type { Moteur } from '$lib/db/types';
import { confierAuMoteur } from './confier';
import {
	avec,
	nouveauNom,
	rapportVide,
	RefusAvantValidation,
	signaler,
	type Contexte,
	type FichierImport,
	type OptionsImport
} from './contexte';
import { controler, lireProblemes, type Comptes, type ProblemesLus } from './controle';
import {
	affecter,
	affecterSelon,
	candidats,
	champsRequisManquants,
	colonnesEnDouble,
	messageColonnesEnDouble,
	reconnaitre,
	signatureEntete,
	suggestionsColonnes,
	type Affectation
} from './correspondance';
import { identifierExport, lireExportCirconscription } from './export-circonscription';
import { fusionner } from './fusion';
import { genreParId, type Genre } from './genres';
import {
	decoderEchantillon,
	examinerOctets,
	MESSAGE_NON_TEXTE,
	sourceDepuisBlob,
	sourceDepuisOctets,
	type Encodage,
	type SourceOctets
} from './octets';
import { cibleAgregee, construirePlan } from './plan';
import { resumer, type Avertissement, type BilanTable, type RapportImport } from './rapport';
import {
	avertissementsDesRegles,
	correspondanceLignes,
	lignesRefusees,
	nombre,
	type Lignes
} from './refus';
import {
	avertissementsReparation,
	finsDeLigneMelees,
	lireEchantillon,
	MESSAGE_LIGNE_TROP_LONGUE
} from './reparation';
import { choisirSeparateur, decouperCsv, nombreColonnes, SEPARATEURS } from './sniff';

export type { FichierImport, OptionsImport } from './contexte';

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
	const nom = nouveauNom();
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

/**
 * Runs the SQL checks, builds the report and, for kinds that Pilotage uses, merges the accepted
 * rows into their tables in one transaction. Steps: control every row (controle.ts), read the
 * problems, turn ranks into lines and build the refused lines and warnings (refus.ts), look for
 * unknown schools, merge.
 */
async function verifierEtCharger(
	ctx: Contexte,
	r: RapportImport,
	genre: Genre,
	plan: PlanImport,
	octets: SourceOctets,
	peutReparer: boolean
): Promise<RapportImport | 'reparer'> {
	const { moteur } = ctx;
	const vues: string[] = [];
	// Pupil files: rows counted per class while read, never stored (q.creerAgregat).
	const agregee = cibleAgregee(plan);
	let prepare: q.VerificationPreparee | undefined;
	try {
		signaler(ctx, { etape: 'controle' });
		const controle = await controler(ctx, genre, plan, agregee, octets.taille, peutReparer);
		if (controle === 'reparer') return 'reparer';
		prepare = controle.prepare;
		const { comptes } = controle;
		const lus = await lireProblemes(ctx, plan, agregee, comptes);

		// Ranks of DuckDB's output → lines of the file (only when something must be shown).
		const rangsUtiles = [
			...lus.problemes.flatMap((p) => [p.rang, p.premier ?? p.rang]),
			...lus.avertissements.flatMap((a) => [...a.rangs])
		];
		const lignes = await correspondanceLignes(
			plan,
			octets,
			lus.erreursCsv,
			nombre(comptes.lues),
			rangsUtiles.length > 0 || lus.erreursCsv.length > 0
		);
		const refus = lignesRefusees(plan, lus.problemes, lus.erreursCsv, lignes);
		const avertissements: Avertissement[] = [
			...r.avertissements,
			...avertissementsDesRegles(lus.avertissements, lignes.deRang)
		];
		r = avec(r, ctx, {
			...comptesDuRapport(genre, comptes, lus),
			rejets: refus.rejets,
			rejetsTronques: lus.rejetees > refus.rangs,
			avertissements
		});

		if (genre.cibles.length === 0)
			return avec(r, ctx, {
				statut: 'verifie',
				message: resumer({ ...r, statut: 'verifie', nonUtilise: genre.nonUtilise })
			});

		// Values that should already be known (schools): a warning, never a refusal.
		const inconnues = await avertirInconnues(ctx, genre, plan, agregee, comptes, r, lignes);
		if (inconnues) avertissements.push(inconnues);

		// 5. The merge: one transaction for the whole file.
		signaler(ctx, { etape: 'fusion' });
		return await fusionnerEtConclure(ctx, r, plan, agregee, lus.doublons, avertissements, vues);
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

/** The counts of the report, from the engine's counts and the problems read. */
function comptesDuRapport(
	genre: Genre,
	comptes: Comptes,
	lus: ProblemesLus
): Partial<RapportImport> {
	const vides = nombre(comptes.vides);
	const horsPerimetre = nombre(comptes.hors_perimetre);
	const motifs: string[] = [];
	if (vides) motifs.push(`${vides} ligne${vides > 1 ? 's' : ''} vide${vides > 1 ? 's' : ''}`);
	if (horsPerimetre && genre.perimetre) motifs.push(`${horsPerimetre} : ${genre.perimetre.motif}`);
	return {
		lues: nombre(comptes.lues) + lus.erreursCsv.length,
		acceptees: nombre(comptes.valides) - lus.doublons,
		rejetees: lus.rejetees + lus.erreursCsv.length,
		ignorees: vides + horsPerimetre,
		motifIgnorees: motifs.length ? motifs.join(' ; ') : null
	};
}

/**
 * The warning on values that should already be known (schools not loaded yet), or none. Only
 * when rows were accepted and the tables hold something (the counts said so).
 */
async function avertirInconnues(
	ctx: Contexte,
	genre: Genre,
	plan: PlanImport,
	agregee: Cible | undefined,
	comptes: Comptes,
	r: RapportImport,
	lignes: Lignes
): Promise<Avertissement | undefined> {
	if (!genre.connus || r.acceptees === 0) return undefined;
	const { champ, tables, quoi } = genre.connus;
	const exemples = ctx.options.exemples ?? 10;
	const present = plan.champs.find((c) => c.nom === champ)?.colonne != null;
	const sql = agregee
		? q.valeursInconnuesAgregat(plan, agregee, champ, tables, tables[0].cle[0], exemples)
		: q.valeursInconnues(plan, champ, tables, tables[0].cle[0], exemples);
	if (!present || !sql) return undefined;
	// Nothing loaded yet (the counts said so): no need to look for unknown values.
	const deja = comptes.connus_deja === undefined ? 1 : nombre(comptes.connus_deja);
	const [inconnues] =
		deja === 0
			? [{ deja: 0, total: 0, exemples: null }]
			: await ctx.moteur.lignes<{
					deja: number;
					total: number;
					exemples: { valeur: string; rang: number; ligne_source: number | null }[] | null;
				}>({ sql, params: [] });
	const total = nombre(inconnues.total);
	const liste = [...(inconnues.exemples ?? [])];
	if (nombre(inconnues.deja) === 0)
		return {
			message: `Aucune ${quoi} n’est encore chargée : impossible de vérifier les UAI de ce fichier. Importez d’abord l’annuaire ou la liste des écoles.`,
			lignes: [],
			nombre: 0
		};
	if (total === 0) return undefined;
	return {
		message: `${total} ${quoi}${total > 1 ? 's' : ''} du fichier ne ${total > 1 ? 'sont' : 'est'} pas encore dans Pilotage (${liste.map((i) => i.valeur).join(', ')}${total > liste.length ? '…' : ''}) : leurs lignes sont importées, mais elles n’apparaîtront qu’une fois l’${quoi} chargée (annuaire ou liste des écoles).`,
		lignes: liste
			.map((i) =>
				i.ligne_source !== null ? nombre(i.ligne_source) : lignes.deRang(nombre(i.rang))
			)
			.filter((l): l is number => l !== null),
		nombre: total
	};
}

/**
 * The merge, one transaction, and the final report. `options.avantValidation` sees that report
 * just before COMMIT; its error is thrown back to the caller after the rollback.
 */
async function fusionnerEtConclure(
	ctx: Contexte,
	r: RapportImport,
	plan: PlanImport,
	agregee: Cible | undefined,
	doublons: number,
	avertissements: readonly Avertissement[],
	vues: string[]
): Promise<RapportImport> {
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
			avertissements: [...avertissements]
		});
		return avec(fait, ctx, { message: resumer(fait) });
	};
	const { avantValidation } = ctx.options;
	const bilans = await fusionner(
		ctx.moteur,
		plan,
		{ agregee, doublons: doublons > 0 },
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
}
