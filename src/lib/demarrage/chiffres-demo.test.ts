import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHIFFRES_DEMO } from './chiffres';
import { chiffresAccueilDemo, FICHIER_CHIFFRES_DEMO } from './chiffres-demo-node';

describe('les chiffres de l’accueil précalculés pour l’académie de démonstration', () => {
	it('sont exactement ceux que le moteur calcule sur data/', async () => {
		// The app shows CHIFFRES_DEMO before its engine has started: they must never drift from
		// what the engine computes once it has loaded the same files with the same SQL.
		const calcules = await chiffresAccueilDemo('data');
		expect(CHIFFRES_DEMO).toStrictEqual(calcules.chiffres);
		expect(JSON.parse(readFileSync(FICHIER_CHIFFRES_DEMO, 'utf8'))).toStrictEqual(calcules);
	}, 120_000);
});
