/** What `nouvelIdentifiant` needs from `crypto` (Web Crypto, or a stand-in in tests). */
export interface SourceAleatoire {
	getRandomValues(tableau: Uint8Array<ArrayBuffer>): Uint8Array<ArrayBuffer>;
	randomUUID?: () => string;
}

/**
 * A random (version 4) UUID. `crypto.randomUUID` exists only in a secure context: an intranet
 * server in plain HTTP on another address than localhost does not give one, so the same UUID is
 * then built from `crypto.getRandomValues`, which every context has.
 */
export function nouvelIdentifiant(source: SourceAleatoire = globalThis.crypto): string {
	if (typeof source.randomUUID === 'function') return source.randomUUID();
	const o = source.getRandomValues(new Uint8Array(16));
	o[6] = (o[6] & 0x0f) | 0x40; // version 4
	o[8] = (o[8] & 0x3f) | 0x80; // RFC 4122 variant
	const h = Array.from(o, (b) => b.toString(16).padStart(2, '0')).join('');
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
