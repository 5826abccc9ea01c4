// The app's Content Security Policy, in one place. SvelteKit writes it into index.html as a
// <meta> tag (with the hash of its inline start-up script); a <meta> policy reaches neither the
// DuckDB worker, loaded from its own URL, nor `frame-ancestors`: the same policy must also be an
// HTTP header of every response. `scripts/entetes.mjs` derives the header from the built page,
// hash included, for the servers (build/_headers, nginx, Apache); the e2e test server reads it too.

/** Kit's form (`kit.csp.directives`): keywords without their quotes. */
export const DIRECTIVES_CSP = {
	'default-src': ['self'],
	'script-src': ['self', 'wasm-unsafe-eval'],
	'worker-src': ['self', 'blob:'],
	'connect-src': ['self'],
	'img-src': ['self', 'data:', 'blob:'],
	'font-src': ['self'],
	'style-src': ['self', 'unsafe-inline'],
	'object-src': ['none'],
	'base-uri': ['self'],
	'form-action': ['self']
};

/** Directives a <meta> policy ignores: they exist only as a header. */
export const DIRECTIVES_ENTETE_SEULEMENT = "frame-ancestors 'none'";

/**
 * The policy to send as the `Content-Security-Policy` header, read from the built index.html
 * (what Kit wrote from `DIRECTIVES_CSP`, with the start-up script's hash) plus the header-only
 * directives.
 * @param {string} html
 * @returns {string}
 */
export function politiqueEnTete(html) {
	const meta = /<meta http-equiv="content-security-policy" content="([^"]+)"/i.exec(html);
	if (!meta) throw new Error('index.html ne porte pas de politique de sécurité du contenu.');
	return `${meta[1].replaceAll('&#39;', "'").replaceAll('&quot;', '"')}; ${DIRECTIVES_ENTETE_SEULEMENT}`;
}

/** The other headers every response gets. */
export const AUTRES_ENTETES = {
	'X-Content-Type-Options': 'nosniff',
	'Referrer-Policy': 'no-referrer'
};
