// Clipped screenshots of the built app: node /tmp/cap.mjs "#/ecole/0219099B" prefix selector1 selector2 ...
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import sirv from 'sirv';
const srv = createServer(sirv('build', { gzip: true, brotli: true }));
await new Promise((r) => srv.listen(4597, '127.0.0.1', r));
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
p.on('pageerror', (e) => console.log('pageerror', e.message));
const t0 = Date.now();
await p.goto('http://127.0.0.1:4597/' + process.argv[2]);
await p.waitForSelector('body[data-etat="pret"]', { timeout: 60000 });
const [, , , prefixe, attente, ...selecteurs] = process.argv;
await p.waitForSelector(attente, { timeout: 120000, state: 'attached' });
console.log('prêt', Date.now() - t0, 'ms');
await p.waitForTimeout(1500);
let i = 0;
for (const s of selecteurs) {
	const [sel, hauteur] = s.split('@');
	const el = p.locator(sel).first();
	await el.scrollIntoViewIfNeeded();
	await p.waitForTimeout(500);
	const y = await el.evaluate((e) => e.getBoundingClientRect().top + window.scrollY);
	await p.screenshot({ path: `${prefixe}-${i++}.png`, fullPage: true, clip: { x: 0, y: Math.max(0, y - 10), width: 1280, height: Number(hauteur ?? 1100) } });
}
await b.close();
srv.close();
