import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { attendrePret, lancerChromium, nouvellePage } from './navigateur';

const url = inject('urlApplication');
let navigateur: Browser;
/** Another origin on the same machine (another port): what a leak would reach. */
let ailleurs: Server;
let urlAilleurs: string;
const recues: string[] = [];

beforeAll(async () => {
	navigateur = await lancerChromium();
	ailleurs = createServer((req, res) => {
		recues.push(req.url ?? '');
		// Any origin may read it: only the app's own policy can stop the worker.
		res.writeHead(200, { 'Access-Control-Allow-Origin': '*', 'Content-Type': 'text/csv' });
		res.end('a;b\n1;2\n');
	});
	await new Promise<void>((ok) => ailleurs.listen(0, '127.0.0.1', ok));
	urlAilleurs = `http://127.0.0.1:${(ailleurs.address() as AddressInfo).port}/x.csv`;
});
afterAll(async () => {
	await navigateur?.close();
	await new Promise((ok) => ailleurs?.close(ok));
});

/** Reads a URL from inside a worker, with fetch and with the synchronous XHR DuckDB's files use. */
async function lireDepuis(worker: Worker, cible: string) {
	return worker.evaluate(async (u) => {
		const violations: string[] = [];
		self.addEventListener('securitypolicyviolation', (e) =>
			violations.push(`${e.violatedDirective} ${e.blockedURI}`)
		);
		let parFetch: string;
		try {
			parFetch = `lu : ${await (await fetch(u)).text()}`;
		} catch (e) {
			parFetch = `refusé : ${e}`;
		}
		let parXhr: string;
		try {
			const xhr = new XMLHttpRequest();
			xhr.open('GET', u, false);
			xhr.send();
			parXhr = `lu : ${xhr.responseText}`;
		} catch (e) {
			parXhr = `refusé : ${e}`;
		}
		await new Promise((ok) => setTimeout(ok, 100));
		return { parFetch, parXhr, violations };
	}, cible);
}

describe('Politique de sécurité du contenu en en-tête HTTP', () => {
	it('le worker de DuckDB ne peut joindre aucune autre origine, la page ne peut être encadrée', async () => {
		const { page } = await nouvellePage(navigateur);
		const reponse = await page.goto(`${url}#/`);
		const politique = (await reponse!.allHeaders())['content-security-policy'];
		expect(politique).toContain("connect-src 'self'");
		expect(politique).toContain("frame-ancestors 'none'");
		await attendrePret(page);

		const worker = page.workers().find((w) => w.url().includes('duckdb-browser-eh.worker'));
		expect(worker, 'le worker du moteur').toBeDefined();
		// The worker's script came with the same policy (a <meta> tag cannot reach it).
		const script = await page.request.get(worker!.url());
		expect(script.headers()['content-security-policy']).toBe(politique);

		// Its own origin stays reachable: the engine loads its wasm from there.
		const ici = await lireDepuis(worker!, `${url}favicon.svg`);
		expect(ici.parFetch).toMatch(/^lu : <svg/);

		const la = await lireDepuis(worker!, urlAilleurs);
		expect(la.parFetch).toMatch(/^refusé/);
		expect(la.parXhr).toMatch(/^refusé/);
		expect(la.violations.some((v) => v.startsWith('connect-src'))).toBe(true);
		expect(recues).toEqual([]);
	});
});
