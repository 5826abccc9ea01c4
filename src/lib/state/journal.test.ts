import { describe, expect, it } from 'vitest';
import { journalEnMemoire } from './journal';

const fiche = (id: string, date: string) => ({
	id,
	nom: `${id}.csv`,
	date,
	taille: 3,
	genre: null,
	libelleGenre: null,
	acceptees: 1,
	rejetees: 0,
	remplacees: 0
});

describe('journal des imports (contrat commun, en mémoire)', () => {
	it('garde les octets déposés pendant l’import avec la fiche ajoutée ensuite, dans l’ordre des dates', async () => {
		const j = journalEnMemoire();
		await j.deposer('b', new Blob(['b;1']));
		await j.deposer('a', new Blob(['a;1']));
		await j.ajouter(fiche('b', '2026-11-23T10:00:02Z'));
		await j.ajouter(fiche('a', '2026-11-23T10:00:01Z'));
		const liste = await j.lister();
		expect(liste.map((i) => i.id)).toEqual(['a', 'b']);
		expect(await liste[1].contenu.text()).toBe('b;1');
	});

	it('oublie les octets d’un import refusé ou jamais terminé', async () => {
		const j = journalEnMemoire();
		await j.deposer('refuse', new Blob(['x']));
		await j.oublierContenu('refuse');
		await j.deposer('interrompu', new Blob(['y']));
		await j.deposer('garde', new Blob(['z']));
		await j.ajouter(fiche('garde', '2026-11-23T10:00:00Z'));
		expect((await j.lister()).map((i) => i.id)).toEqual(['garde']);
		await j.nettoyer();
		// The unfinished import's bytes are gone: a late record finds nothing to replay.
		await j.ajouter(fiche('interrompu', '2026-11-23T10:00:01Z'));
		expect((await j.lister()).map((i) => i.id)).toEqual(['garde']);
		await j.supprimer('garde');
		expect(await j.lister()).toEqual([]);
	});

	it('une liste lue pendant l’import d’un autre onglet ne lui retire pas ses octets', async () => {
		const j = journalEnMemoire();
		await j.deposer('ailleurs', new Blob(['en cours']));
		// Another tab opens (or imports a small file) and reads the journal meanwhile.
		expect(await j.lister()).toEqual([]);
		expect(await j.lister()).toEqual([]);
		await j.ajouter(fiche('ailleurs', '2026-11-23T10:00:00Z'));
		const liste = await j.lister();
		expect(liste.map((i) => i.id)).toEqual(['ailleurs']);
		expect(await liste[0].contenu.text()).toBe('en cours');
	});
});
