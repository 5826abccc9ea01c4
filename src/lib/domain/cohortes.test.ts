import { describe, expect, it } from 'vitest';
import { SUITES_COHORTE } from './cohortes';
import { competenceParId } from './competences';

describe('suites de cohorte CP → CE1', () => {
	it('relie des compétences du catalogue, de CP à CE1, dans la même discipline', () => {
		for (const [cp, ce1] of SUITES_COHORTE) {
			const a = competenceParId(cp);
			const b = competenceParId(ce1);
			expect(a?.niveau, cp).toBe('CP');
			expect(b?.niveau, ce1).toBe('CE1');
			expect(a?.discipline).toBe(b?.discipline);
		}
	});
});
