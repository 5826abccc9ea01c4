// Écriture CSV des formats Pilotage : `;`, UTF-8 sans BOM, LF, décimales `.`, sans guillemets.
// Aucune valeur générée ne contient `;` ni saut de ligne : on le vérifie plutôt que de citer,
// pour que les fichiers ressemblent aux exports réels (jamais cités).

export type Cellule = string | number;

export function fichierCsv(entete: readonly string[], lignes: readonly Cellule[][]): string {
	const sortie: string[] = [entete.join(';')];
	for (const ligne of lignes) {
		if (ligne.length !== entete.length)
			throw new Error(
				`ligne de ${ligne.length} cellules pour ${entete.length} colonnes : ${ligne}`
			);
		const cellules = ligne.map((c) => {
			const s = typeof c === 'number' ? nombre(c) : c;
			if (/[;\r\n"]/.test(s)) throw new Error(`cellule invalide : « ${s} »`);
			return s;
		});
		sortie.push(cellules.join(';'));
	}
	return sortie.join('\n') + '\n';
}

function nombre(n: number): string {
	if (!Number.isFinite(n)) throw new Error(`nombre invalide : ${n}`);
	return String(n);
}

export const dec1 = (x: number): string => (Math.round(x * 10) / 10).toFixed(1);

/** Comparaison stable, indépendante de la locale (tri par octets UTF-16). */
export function comparer(a: readonly Cellule[], b: readonly Cellule[]): number {
	for (let i = 0; i < Math.min(a.length, b.length); i++) {
		const x = a[i];
		const y = b[i];
		if (x === y) continue;
		if (typeof x === 'number' && typeof y === 'number') return x - y;
		return String(x) < String(y) ? -1 : 1;
	}
	return a.length - b.length;
}

/** Majuscules sans accents, comme dans les fichiers open data (« ECOLE ELEMENTAIRE JEAN JAURES »). */
export function majusculesSansAccents(s: string): string {
	return s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/œ/g, 'oe')
		.replace(/Œ/g, 'OE')
		.toUpperCase();
}

export function slug(s: string): string {
	return majusculesSansAccents(s)
		.replace(/[^A-Z0-9]+/g, '-')
		.replace(/^-|-$/g, '');
}
