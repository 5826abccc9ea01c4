/** Année scolaire arithmetic on the `2024-2025` form used by every Pilotage format. */

const FORMAT = /^(\d{4})-(\d{4})$/;

export function debutAnnee(annee: string): number {
	const m = FORMAT.exec(annee);
	if (!m || Number(m[2]) !== Number(m[1]) + 1) {
		throw new RangeError(`année scolaire invalide : « ${annee} » (attendu : 2024-2025)`);
	}
	return Number(m[1]);
}

export function decalerAnnee(annee: string, decalage: number): string {
	const debut = debutAnnee(annee) + decalage;
	return `${debut}-${debut + 1}`;
}

/** « 2022-2023 à 2024-2025 » or the single year: the label of pooled figures. */
export function libelleAnnees(annees: readonly string[]): string {
	const triees = [...annees].sort();
	return triees.length === 1 ? triees[0] : `${triees[0]} à ${triees[triees.length - 1]}`;
}
