// Les octets du fichier confiés au moteur, en UTF-8 : tels quels, réencodés bloc par bloc, ou
// réparés (fins de ligne mêlées, lignes hors UTF-8 : reparerEnUtf8).

import { enregistrerBlob, nouveauNom, signaler, type Contexte } from './contexte';
import {
	examinerOctets,
	reparerEnUtf8,
	sourceDepuisBlob,
	versBlobUtf8,
	type Encodage,
	type Reparation,
	type SourceOctets
} from './octets';

export interface Confie {
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
export async function confierAuMoteur(
	ctx: Contexte,
	source: SourceOctets,
	encodage: Encodage,
	reparer = false
): Promise<Confie> {
	const nom = nouveauNom();
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
