import { randomFillSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nouvelIdentifiant } from './identifiant';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('identifiant d’un import', () => {
	it('sans randomUUID (page non sécurisée), donne un UUID v4 tiré de getRandomValues', () => {
		const sansUuid = {
			getRandomValues: (t: Uint8Array<ArrayBuffer>) => randomFillSync(t)
		};
		const ids = Array.from({ length: 1000 }, () => nouvelIdentifiant(sansUuid));
		for (const id of ids) expect(id).toMatch(UUID_V4);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('garde les octets tirés : deux tirages différents, deux identifiants différents', () => {
		let n = 0;
		const suite = {
			getRandomValues: (t: Uint8Array<ArrayBuffer>) => t.fill(n++)
		};
		expect(nouvelIdentifiant(suite)).toBe('00000000-0000-4000-8000-000000000000');
		expect(nouvelIdentifiant(suite)).toBe('01010101-0101-4101-8101-010101010101');
	});

	it('prend randomUUID quand le contexte l’offre', () => {
		const source = {
			getRandomValues: (t: Uint8Array<ArrayBuffer>) => t,
			randomUUID: () => 'uuid-du-navigateur'
		};
		expect(nouvelIdentifiant(source)).toBe('uuid-du-navigateur');
	});
});
