// Hasard reproductible : chaque tirage vient d'un flux nommé (« ips|0219001A »…) dérivé de la
// graine. Ajouter une école ou un fichier ne décale donc pas les tirages des autres, et le même
// code produit les mêmes octets sur toute machine (pas de Math.random, pas d'horloge).

export const GRAINE = 'pilotage-demo-dijon-v1';

/** cyrb128 : quatre mots de 32 bits bien mélangés à partir d'une chaîne. */
function hacher(cle: string): [number, number, number, number] {
	let h1 = 1779033703;
	let h2 = 3144134277;
	let h3 = 1013904242;
	let h4 = 2773480762;
	for (let i = 0; i < cle.length; i++) {
		const k = cle.charCodeAt(i);
		h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
		h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
		h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
		h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
	}
	h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
	h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
	h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
	h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
	h1 ^= h2 ^ h3 ^ h4;
	h2 ^= h1;
	h3 ^= h1;
	h4 ^= h1;
	return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** Générateur sfc32 (petit, rapide, bonne qualité statistique pour une simulation). */
export class Alea {
	private a: number;
	private b: number;
	private c: number;
	private d: number;

	constructor(...cles: (string | number)[]) {
		[this.a, this.b, this.c, this.d] = hacher(`${GRAINE}|${cles.join('|')}`);
		for (let i = 0; i < 12; i++) this.uniforme();
	}

	/** Dans [0, 1). */
	uniforme(): number {
		this.a >>>= 0;
		this.b >>>= 0;
		this.c >>>= 0;
		this.d >>>= 0;
		let t = (this.a + this.b) | 0;
		this.a = this.b ^ (this.b >>> 9);
		this.b = (this.c + (this.c << 3)) | 0;
		this.c = (this.c << 21) | (this.c >>> 11);
		this.d = (this.d + 1) | 0;
		t = (t + this.d) | 0;
		this.c = (this.c + t) | 0;
		return (t >>> 0) / 4294967296;
	}

	entre(min: number, max: number): number {
		return min + (max - min) * this.uniforme();
	}

	/** Entier dans [min, max], bornes comprises. */
	entier(min: number, max: number): number {
		return min + Math.floor(this.uniforme() * (max - min + 1));
	}

	normale(moyenne = 0, ecartType = 1): number {
		// Box-Muller sans cache : un tirage consomme toujours deux uniformes, ce qui garde
		// les flux alignés quel que soit l'ordre des appels.
		const u = 1 - this.uniforme();
		const v = this.uniforme();
		return moyenne + ecartType * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
	}

	bernoulli(p: number): boolean {
		return this.uniforme() < p;
	}

	/** Effectifs petits (< quelques centaines) : la somme de Bernoulli reste rapide et exacte. */
	binomiale(n: number, p: number): number {
		if (p <= 0) return 0;
		if (p >= 1) return n;
		let k = 0;
		for (let i = 0; i < n; i++) if (this.uniforme() < p) k++;
		return k;
	}

	/** Répartit n en autant de cases que de probabilités (somme exacte = n). */
	multinomiale(n: number, probas: number[]): number[] {
		const res: number[] = [];
		let reste = n;
		let masse = 1;
		for (let i = 0; i < probas.length - 1; i++) {
			const p = masse > 0 ? Math.min(1, Math.max(0, probas[i] / masse)) : 0;
			const k = this.binomiale(reste, p);
			res.push(k);
			reste -= k;
			masse -= probas[i];
		}
		res.push(reste);
		return res;
	}

	choisir<T>(liste: readonly T[]): T {
		return liste[Math.floor(this.uniforme() * liste.length)];
	}

	melanger<T>(liste: readonly T[]): T[] {
		const copie = [...liste];
		for (let i = copie.length - 1; i > 0; i--) {
			const j = Math.floor(this.uniforme() * (i + 1));
			[copie[i], copie[j]] = [copie[j], copie[i]];
		}
		return copie;
	}
}

export const logistique = (x: number): number => 1 / (1 + Math.exp(-x));
export const logit = (p: number): number => Math.log(p / (1 - p));

/** Fonction de répartition de la loi normale (Abramowitz et Stegun 7.1.26, erreur < 1,5e-7). */
export function repartitionNormale(z: number): number {
	const x = Math.abs(z) / Math.SQRT2;
	const t = 1 / (1 + 0.3275911 * x);
	const y =
		1 -
		((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
			t *
			Math.exp(-x * x);
	return z >= 0 ? (1 + y) / 2 : (1 - y) / 2;
}

export const borner = (x: number, min: number, max: number): number =>
	Math.min(max, Math.max(min, x));
