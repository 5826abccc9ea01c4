import { describe, expect, it } from 'vitest';
import {
	estQuotaDepasse,
	formatOctets,
	messageQuota,
	messageStockage,
	suivreEspace,
	type Espace
} from './espace';

const sansEspacesInsecables = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('espace de stockage, en français', () => {
	it('écrit les tailles en unités décimales, nombre et unité insécables', () => {
		expect(formatOctets(0)).toBe('0\u00a0octet');
		expect(formatOctets(512)).toBe('512\u00a0octets');
		expect(formatOctets(12_345_678)).toBe('12,3\u00a0Mo');
		expect(formatOctets(850_000)).toBe('850\u00a0ko');
		expect(sansEspacesInsecables(formatOctets(1_234_000_000_000_000))).toBe('1 234 To');
	});

	it('reconnaît un quota dépassé à son nom, même sans message, y compris en cause', () => {
		const quota = new DOMException('', 'QuotaExceededError');
		expect(estQuotaDepasse(quota)).toBe(true);
		expect(estQuotaDepasse(new Error('écriture', { cause: quota }))).toBe(true);
		expect(estQuotaDepasse(new DOMException('', 'AbortError'))).toBe(false);
		expect(estQuotaDepasse(new Error('QuotaExceededError'))).toBe(false);
		expect(estQuotaDepasse(undefined)).toBe(false);
	});

	it('dit ce qui s’est passé, l’espace occupé et libre, et quoi faire', () => {
		const m = sansEspacesInsecables(
			messageQuota('eleves.csv', 18_400_000, { utilise: 47_500_000, quota: 50_000_000 })
		);
		expect(m).toContain('L’espace de stockage du navigateur est plein');
		expect(m).toContain('« eleves.csv » (18,4 Mo)');
		expect(m).toContain('n’a donc pas été importé');
		expect(m).toContain('Pilotage occupe 47,5 Mo sur 50 Mo');
		expect(m).toContain('(2,5 Mo libres)');
		expect(m).toContain('retirez les imports devenus inutiles');
	});

	it('quand le navigateur annonce assez de place mais refuse d’écrire, ne prétend pas qu’il en reste', () => {
		const m = sansEspacesInsecables(
			messageQuota('eleves.csv', 1_800_000, { utilise: 237_600, quota: 10_700_000_000 })
		);
		expect(m).toContain('Pilotage occupe 237,6 ko ; le navigateur annonce 10,7 Go libres');
		expect(m).toContain('a refusé d’en écrire davantage');
		expect(m).not.toContain('Pilotage occupe 237,6 ko sur');
	});

	it('sans estimation (page non sécurisée), le dit au lieu d’inventer des chiffres', () => {
		const m = messageQuota('a.csv', 10, null);
		expect(m).toContain('n’indique pas l’espace occupé');
		expect(m).not.toMatch(/occupe \d/);
	});

	it('un autre échec d’écriture donne son détail, ou dit qu’il n’y en a pas', () => {
		expect(messageStockage('a.csv', '')).toContain('aucun détail donné par le navigateur');
		expect(messageStockage('a.csv', 'UnknownError')).toContain('ce détail : UnknownError');
	});
});

describe('espace affiché après un import', () => {
	const Mo = 1e6;
	/** The browser's answers in turn (the last one repeats), and what the page was given. */
	function navigateur(reponses: (Espace | null)[]) {
		const poses: (Espace | null)[] = [];
		let attentes = 0;
		const options = {
			estimer: async () => reponses[Math.min(poses.length, reponses.length - 1)],
			attendre: async () => void attentes++
		};
		return { poses, options, attentes: () => attentes };
	}

	it('mesure encore tant que le navigateur compte moins que les fichiers gardés', async () => {
		const n = navigateur([
			{ utilise: 16_500, quota: 4e9 },
			{ utilise: 16_500, quota: 4e9 },
			{ utilise: 29.6 * Mo, quota: 4e9 }
		]);
		await suivreEspace(20.2 * Mo, (e) => n.poses.push(e), n.options);
		expect(n.poses.map((e) => e?.utilise)).toEqual([16_500, 16_500, 29.6 * Mo]);
		expect(n.attentes()).toBe(2);
	});

	it('une mesure suffit quand elle compte déjà les fichiers, ou sans estimation', async () => {
		const juste = navigateur([{ utilise: 21 * Mo, quota: 4e9 }]);
		await suivreEspace(20.2 * Mo, (e) => juste.poses.push(e), juste.options);
		expect(juste.poses).toHaveLength(1);
		const sans = navigateur([null]);
		await suivreEspace(20.2 * Mo, (e) => sans.poses.push(e), sans.options);
		expect(sans.poses).toEqual([null]);
		expect(sans.attentes()).toBe(0);
	});

	it('s’arrête après le nombre d’essais, sur le dernier chiffre du navigateur', async () => {
		const n = navigateur([{ utilise: 16_500, quota: 4e9 }]);
		await suivreEspace(20.2 * Mo, (e) => n.poses.push(e), { ...n.options, essais: 3 });
		expect(n.poses).toHaveLength(3);
		expect(n.attentes()).toBe(2);
	});
});
