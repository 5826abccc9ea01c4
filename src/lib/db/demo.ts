import type { FormatFichier } from './chargement';

export const SOURCE_DEMO = 'Académie de démonstration (données fictives)';

/** The demo académie's files in `data/` and the format each is written in. */
export function formatFichierDemo(nom: string): FormatFichier | undefined {
	if (/^eleves-.*\.csv$/.test(nom)) return 'eleves';
	return (
		{
			'ecoles.csv': 'ecoles',
			'circonscriptions.csv': 'circonscriptions',
			'colleges.csv': 'colleges',
			'reseaux.csv': 'reseaux',
			'ips-ecoles.csv': 'ips_open_data',
			'effectifs-ecoles.csv': 'effectifs_open_data',
			'evaluations-ecoles.csv': 'evaluations_ecoles',
			'evaluations-colleges.csv': 'evaluations_colleges',
			'references.csv': 'references',
			'formations.csv': 'formations',
			'projet-academique.csv': 'projet_academique',
			'projet-indicateurs.csv': 'projet_indicateurs'
		} as const satisfies Record<string, FormatFichier>
	)[nom];
}
