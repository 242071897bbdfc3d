// The SDK set-up the editor's "New app" page shows, used as a vendor would:
// a product on another origin pastes the <head> lines, serves the start
// script as its own file and sends the page's Content-Security-Policy as
// shown (no 'unsafe-inline'). The SDK starts, the product's own calls made
// before cairn.js (async) has loaded are replayed, and the collector stores
// its event, with no policy violation. (The inline `Cairn.init` the page
// used to show was blocked by such a policy: nothing was recorded.)
import { createServer } from 'node:http';
import { assert, eventually, run } from './editor_session.mjs';

// The product: `/` with the pasted lines, /js/start-cairn.js as shown, and
// its own code (app.js) calling Cairn right away.
async function startProduct() {
  const files = {};
  const server = createServer((req, res) => {
    const file = files[new URL(req.url, 'http://x').pathname];
    if (!file) { res.writeHead(404).end(); return; }
    res.writeHead(200, { 'Content-Type': `${file.type}; charset=utf-8`, 'Content-Security-Policy': files.csp, 'Cache-Control': 'no-store' });
    res.end(file.body);
  });
  const url = await new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(`http://127.0.0.1:${server.address().port}`)));
  return { url, files, close: () => new Promise((ok) => { server.closeAllConnections(); server.close(ok); }) };
}

await run('browser: editor new app snippet', {}, async (t) => {
  const { collector } = t;
  const product = await startProduct();
  t.onCleanup(() => product.close());

  const page = await t.newPage();
  await t.logIn(page, collector.admin.email, collector.admin.password);
  await page.goto(`${collector.url}/editor/apps/new`);
  await page.getByLabel('Name', { exact: true }).fill('Acme Snippet');
  await page.getByLabel('Allowed origins').fill(product.url);
  await page.getByRole('button', { name: 'Create app' }).click();
  await page.getByRole('heading', { name: 'Acme Snippet is ready' }).waitFor();
  const shown = async (id) => (await page.locator(`pre#${id}`).textContent()) ?? '';
  const head = await shown('setup-head');
  const start = await shown('setup-start-script');
  const csp = await shown('setup-csp');
  assert(!/<script>/.test(head), `the <head> lines hold no inline script: ${head}`);
  const path = /<script src="([^"]+)"><\/script>/.exec(head)?.[1];
  assert(path === '/js/start-cairn.js', `the start script is a file of the product's: ${head}`);
  assert(csp.includes(collector.url) && !csp.includes('unsafe-inline'), `a policy for this collector: ${csp}`);

  product.files.csp = csp.replace(/\s*\n\s*/g, ' ').trim();
  product.files['/'] = { type: 'text/html', body: '<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>Product</title>\n'
    + `${head}\n<script src="/js/app.js"></script>\n</head><body><h1>Product</h1></body></html>` };
  product.files[path] = { type: 'text/javascript', body: start };
  product.files['/js/app.js'] = { type: 'text/javascript', body: "Cairn.identify('snippet-user');\nCairn.track('Snippet Started');\nCairn.flush();\n" };

  const host = await t.newPage();
  await host.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await host.goto(product.url);
  await eventually(() => host.evaluate(() => !Array.isArray(window.Cairn) && Boolean(window.Cairn?.debug?.core())), 'cairn.js started the SDK', 10000);
  const api = await collector.login();
  const appId = (await api('GET', '/api/apps')).apps.find((a) => a.name === 'Acme Snippet').id;
  await eventually(async () => {
    const { events } = await api('GET', `/api/apps/${appId}/people/snippet-user/events`);
    return events.some((e) => e.event === 'Snippet Started');
  }, 'the collector stored the event the product tracked', 10000);
  const violations = await host.evaluate(() => window.__violations);
  assert(violations.length === 0, `CSP violations: ${violations.join('; ')}`);
});
