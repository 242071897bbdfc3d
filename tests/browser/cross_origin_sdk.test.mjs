// The SDK loaded from the collector by a page on another origin, as vendors
// install it (docs/quickstart.md, section 3): a host page on one loopback port
// loads /sdk/cairn.mjs (a CORS-fetched module script) or /sdk/cairn.js (the
// classic snippet with queued calls) from the real cairn-collector on another
// port, under the Content Security Policy docs/sdk.md gives for that set-up.
// Both must fetch cairn.wasm from the collector, show the published guide and
// deliver their events; the host serves no SDK file at all.
import { chromium } from 'playwright-core';
import { createServer } from 'node:http';
import { ARGS, assert, eventually, runAndExit, TEST_TIMEOUT_MS } from './harness.mjs';
import { startCollector } from './collector_fixture.mjs';
import { shownStep } from './guides.mjs';

const NAME = 'browser: cross-origin SDK';
const TITLE = 'Loaded from the collector';
const GUIDE = {
  schema: 1, name: 'Cross-origin check', trigger: { kind: 'page_load' }, frequency: { kind: 'once' },
  steps: [{ id: 'hello', kind: 'banner', content: { en: { title: TITLE, body: 'cairn.js and cairn.wasm came from another origin.',
    buttons: [{ label: 'Got it', action: 'complete', style: 'primary' }] } } }],
};

// The host app: two pages and their start scripts, nothing under /sdk/.
// `collector()` gives {url, writeKey} once the collector runs (it needs the
// host's origin first, as an allowed origin of the app).
async function startHost(collector) {
  const requests = [];
  const html = (head) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>host</title>${head}</head>`
    + '<body><main><h1>Vendor app</h1><button id="action" type="button">Action</button></main></body></html>';
  const server = createServer((req, res) => {
    requests.push(req.url);
    const { url, writeKey } = collector();
    const options = JSON.stringify({ writeKey, host: url, flushIntervalMs: 300 });
    const pages = {
      '/esm': ['text/html', html('<script type="module" src="/start.mjs"></script>')],
      '/start.mjs': ['text/javascript', `import Cairn from '${url}/sdk/cairn.mjs';\nwindow.Cairn = Cairn;\n`
        + `Cairn.init(${options});\nCairn.identify('esm-user');\nCairn.track('sdk_loaded', { build: 'esm' });\n`],
      // The snippet: calls queued in window.Cairn before cairn.js arrives.
      '/classic': ['text/html', html(`<script src="/queue.js"></script><script src="${url}/sdk/cairn.js"></script>`)],
      '/queue.js': ['text/javascript', `window.Cairn = [['init', ${options}], ['identify', 'classic-user'], `
        + `['track', 'sdk_loaded', { build: 'classic' }]];\n`],
    };
    const page = pages[new URL(req.url, 'http://x').pathname];
    if (!page) { res.writeHead(404).end(); return; }
    // docs/sdk.md's policy for the SDK served by the collector.
    const csp = `script-src 'self' ${url} 'wasm-unsafe-eval'; style-src 'self'; connect-src ${url}`;
    res.writeHead(200, { 'Content-Type': `${page[0]}; charset=utf-8`, 'Content-Security-Policy': csp, 'Cache-Control': 'no-store' });
    res.end(page[1]);
  });
  const url = await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${server.address().port}`)));
  return { url, requests, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }) };
}

// Publishes the draft as it is: If-Match: * (a collector that checks guide
// revisions wants one; an older one ignores it).
async function publish(collector, guideId) {
  const headers = { 'Content-Type': 'application/json', Origin: collector.url };
  const login = await fetch(`${collector.url}/api/login`, { method: 'POST', headers,
    body: JSON.stringify({ email: collector.admin.email, password: collector.admin.password }) });
  const session = { ...headers, Cookie: login.headers.get('set-cookie').split(';')[0],
    'X-Cairn-CSRF': (await login.json()).csrf_token, 'If-Match': '*' };
  const r = await fetch(`${collector.url}/api/apps/${collector.appId}/guides/${guideId}/publish`, { method: 'POST', headers: session, body: '{}' });
  if (!r.ok) throw new Error(`publish: ${r.status} ${await r.text()}`);
}

let collector = null;
let host = null;
let browser = null;
const errors = [];
const timer = setTimeout(() => { console.error(`${NAME}: timed out`); process.exit(2); }, TEST_TIMEOUT_MS);

await runAndExit(NAME, errors, async () => {
  host = await startHost(() => collector);
  collector = await startCollector({ origins: [host.url] });
  const call = await collector.login();
  const { guide } = await call('POST', `/api/apps/${collector.appId}/guides`, GUIDE);
  await publish(collector, guide.id);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS, timeout: 30000 });

  for (const [path, user, file] of [['/esm', 'esm-user', 'cairn.mjs'], ['/classic', 'classic-user', 'cairn.js']]) {
    // A fresh context each: the guide shows once per visitor.
    const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
    const page = await context.newPage();
    page.setDefaultTimeout(10000);
    page.on('pageerror', (e) => errors.push(`${path}: ${e}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${path}: ${m.text()}`); });
    const loaded = [];
    page.on('response', (r) => loaded.push({ url: r.url(), status: r.status() }));
    await page.goto(host.url + path);

    const step = await eventually(() => shownStep(page), `${path}: the published guide shows`);
    assert(step.title === TITLE, `${path}: the guide's banner shows, got ${JSON.stringify(step)}`);
    for (const want of [file, 'cairn.wasm']) {
      const hit = loaded.find((r) => r.url === `${collector.url}/sdk/${want}`);
      assert(hit && hit.status === 200, `${path}: ${want} came from the collector: ${JSON.stringify(loaded)}`);
    }
    await eventually(async () => {
      const { events } = await call('GET', `/api/apps/${collector.appId}/people/${user}/events`);
      return events.some((e) => e.event === 'sdk_loaded');
    }, `${path}: the collector stored the page's sdk_loaded event`);
    assert(errors.length === 0, `${path}: no console errors (CORS, CSP)`);
    await context.close();
  }
  const sdkFromHost = host.requests.filter((u) => u.startsWith('/sdk/'));
  assert(sdkFromHost.length === 0, `the host served no SDK file: ${sdkFromHost}`);
}, async () => {
  clearTimeout(timer);
  await browser?.close().catch(() => {});
  await collector?.stop();
  await host?.close();
});
