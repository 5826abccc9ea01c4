import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { uaiLettreCle } from '$lib/domain/uai';

/**
 * A pupil-level evaluations file of `lignes` valid rows (one pupil, one competence each), big
 * enough that its import and its copy into the browser's storage take a while.
 */
export function fichierEleves(dossier: string, nom: string, lignes: number): string {
	const uais = ['0219901', '0219902', '0219903', '0219904'].map((d) => `${d}${uaiLettreCle(d)}`);
	const groupes = ['besoin', 'fragile', 'satisfaisant'];
	const texte = ['annee_scolaire;uai;niveau;discipline;competence_id;classe;eleve_id;groupe'];
	for (let i = 0; i < lignes; i++)
		texte.push(
			`2024-2025;${uais[i % uais.length]};CP;FR;CP-FR-SYLLABES;${'ABC'[i % 3]};EL-${i};${groupes[i % 3]}`
		);
	const chemin = join(dossier, nom);
	writeFileSync(chemin, `${texte.join('\n')}\n`);
	return chemin;
}
