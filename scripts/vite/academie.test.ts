import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { academie } from './academie';

const dossier = mkdtempSync(join(tmpdir(), 'pilotage-plugin-'));
afterAll(() => rmSync(dossier, { recursive: true, force: true }));

/** The virtual module's code, as the build gets it (or the build's error). */
function charger(plugin: ReturnType<typeof academie>): string {
	const id = (plugin.resolveId as (id: string) => string)('virtual:pilotage-academie');
	return (plugin.load as (id: string) => string)(id);
}

describe('le module de l’académie écrit à la construction', () => {
	it('sans PILOTAGE_DONNEES : les fichiers de data/, sans le fichier de vérité de la démo', () => {
		const code = charger(academie(undefined));
		expect(code).toContain(`${resolve('data')}/ecoles.csv?url`);
		expect(code).not.toContain('demo-verite');
		expect(code).toContain('"nature":"demo"');
	});

	it('avec PILOTAGE_DONNEES : chaque fichier du dossier, son genre reconnu et les chiffres', () => {
		copyFileSync('tests/fixtures/ecoles-ok.csv', join(dossier, 'ecoles.csv'));
		const code = charger(academie(dossier, 'Dijon'));
		expect(code).toContain(`${dossier}/ecoles.csv?url`);
		expect(code).toContain(`nature: 'deployee'`);
		expect(code).toContain('"nom":"Dijon"');
		expect(code).toContain('genre: "ecoles"');
		expect(code).toContain('"ecoles":4');
	});

	it('fait échouer la construction, en français, sur un fichier non reconnu', () => {
		// Another folder: each folder's module is written once per process.
		const autre = join(dossier, 'autre');
		mkdirSync(autre);
		copyFileSync('tests/fixtures/ecoles-ok.csv', join(autre, 'ecoles.csv'));
		writeFileSync(join(autre, 'divers.csv'), 'a;b;c\n1;2;3\n');
		expect(() => charger(academie(autre, 'Dijon'))).toThrow(/divers\.csv : fichier non reconnu/);
	});
});
