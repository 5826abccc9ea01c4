import { describe, expect, it } from 'vitest';
import { csvRejets, resumer } from './rapport';

describe('CSV des lignes refusées', () => {
	it('garde les colonnes d’origine et ajoute ligne;colonne;valeur;motif;suggestion', () => {
		const csv = csvRejets({
			entete: ['uai', 'nom'],
			rejets: [
				{
					ligne: 3,
					cellules: ['0219901Z', '=cmd|x'],
					problemes: [
						{
							colonne: 'uai',
							valeur: '0219901Z',
							motif: 'lettre de contrôle fausse',
							suggestion: '0219901Y'
						},
						{ colonne: 'nom', valeur: null, motif: 'valeur; manquante', suggestion: null }
					]
				},
				{
					ligne: 9,
					cellules: ['a', 'b', 'en trop'],
					problemes: [{ colonne: '', valeur: null, motif: 'trop de valeurs', suggestion: null }]
				}
			]
		});
		expect(csv).toBe(
			'\ufeffuai;nom;colonne_3;ligne;colonne;valeur;motif;suggestion\r\n' +
				`0219901Z;"'=cmd|x";;3;uai | nom;"0219901Z | ";"lettre de contrôle fausse | valeur; manquante";"0219901Y | "\r\n` +
				'a;b;en trop;9;;;trop de valeurs;\r\n'
		);
	});
});

describe('phrase de compte rendu', () => {
	const base = {
		libelleGenre: 'IPS des écoles',
		acceptees: 905,
		rejetees: 0,
		ignorees: 0,
		remplacees: 0,
		identiques: 0
	};
	it('dit ce qui a été importé, remplacé, refusé', () => {
		expect(resumer({ ...base, statut: 'importe' })).toBe('IPS des écoles : 905 lignes importées.');
		expect(
			resumer({
				...base,
				statut: 'importe',
				acceptees: 1,
				remplacees: 2,
				rejetees: 1,
				identiques: 3
			})
		).toBe(
			'IPS des écoles : 1 ligne importée (2 lignes remplacées par une version plus récente, 3 lignes déjà présentes à l’identique, 1 ligne refusée).'
		);
	});
	it('dit qu’un genre connu mais non utilisé a seulement été vérifié', () => {
		expect(
			resumer({ ...base, statut: 'verifie', rejetees: 8, nonUtilise: 'Rien n’a été importé.' })
		).toBe(
			'Fichier reconnu : IPS des écoles. Rien n’a été importé. 905 lignes valides, 8 lignes en erreur.'
		);
	});
});
