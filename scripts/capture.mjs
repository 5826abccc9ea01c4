// Opens the built app in headless Chromium, prints the page's text and console errors, and saves a
// full-page screenshot: node scripts/capture.mjs "#/ecole/0219099B" /tmp/ecole.png [délai ms]
// (IMPRESSION=1 for the print view, PILOTAGE_URL=… for a dev server, PILOTAGE_BUILD_DIR=… for
// another build than build/; a free port of its own)
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import sirv from 'sirv';
const srv = createServer(
	sirv(process.env.PILOTAGE_BUILD_DIR ?? 'build', { gzip: true, brotli: true })
);
await new Promise((r) => srv.listen(0, '127.0.0.1', r));
const port = /** @type {import('node:net').AddressInfo} */ (srv.address()).port;
const b = await chromium.launch({
	executablePath: '/usr/bin/chromium',
	args: [
		'--headless',
		'--no-sandbox',
		'--disable-gpu',
		'--disable-dev-shm-usage',
		'--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1'
	]
});
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
p.on('console', (m) => console.log('console', m.type(), m.text()));
p.on('pageerror', (e) => console.log('pageerror', e.message));
p.on('requestfailed', (r) => console.log('failed', r.url(), r.failure()?.errorText));
const t0 = Date.now();
await p.goto((process.env.PILOTAGE_URL ?? `http://127.0.0.1:${port}/`) + (process.argv[2] ?? ''));
await p.waitForSelector('body[data-etat="pret"], body[data-etat="erreur"]', { timeout: 60000 });
console.log('etat', await p.getAttribute('body', 'data-etat'), Date.now() - t0, 'ms');
await p.waitForTimeout(Number(process.argv[4] ?? 500));
console.log((await p.locator('main').innerText()).slice(0, 1500));
if (process.env.IMPRESSION) await p.emulateMedia({ media: 'print' });
await p.screenshot({ path: process.argv[3] ?? '/tmp/shot.png', fullPage: true });
await b.close();
srv.close();
