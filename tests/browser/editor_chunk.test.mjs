// The editor chunk (cairn-editor.js, docs/editor-bridge.md "Loading") from the
// SDK's side, with the stub collector: a page without an editor token never
// fetches it; a tab with a token loads it under the strict CSP of
// strict_csp.test.mjs and enters editor mode (the collector's verify answer is
// played by the test), from cairn.js and from cairn.mjs; when the chunk cannot load, the tab runs normally: one
// console warning, no editor mode, and the inputs held while it loaded (the
// page view, a track call) reach the collector.
import { assert, eventually, withBrowser } from './harness.mjs';

const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; connect-src 'self' http://127.0.0.1:*; img-src 'self' data:";
const badge = (page) => page.evaluate(() => document.querySelector('cairn-ui')?.shadowRoot?.querySelector('.eb')?.textContent ?? null);

await withBrowser('browser: editor chunk', { headers: (path) => (path.startsWith('/sdk/') ? {} : { 'Content-Security-Policy': CSP }) }, async (t) => {
  const chunkRequests = [];
  const open = async (url, { grant = null, blockChunk = false } = {}) => {
    const page = await t.newPage();
    const warnings = [];
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
    page.on('request', (r) => { if (r.url().includes('/sdk/cairn-editor.')) chunkRequests.push(page); });
    await page.addInitScript(() => {
      window.__violations = [];
      document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
    });
    // A slow failure, so the test can call the SDK while the chunk "loads".
    if (blockChunk) await page.route('**/sdk/cairn-editor.js', (route) => setTimeout(() => route.abort(), 800));
    if (grant) {
      await page.route('**/v1/editor/verify', (route) => route.fulfill({ status: 200, contentType: 'application/json',
        headers: { 'Access-Control-Allow-Origin': '*' }, body: JSON.stringify(grant) }));
    }
    await page.goto(url);
    await eventually(() => page.evaluate(() => window.Cairn?.debug.core() ?? null), 'core loaded');
    return { page, warnings };
  };

  // No token: no chunk.
  const normal = await open(`${t.app}/projects`);
  await normal.page.waitForTimeout(300);
  assert(!chunkRequests.includes(normal.page), 'a page without an editor token never requests the editor chunk');

  // A token the collector grants: the chunk loads under the strict CSP and runs editor mode.
  const grant = { app_id: 'app', account: { id: 'a1', email: 'author@acme.test' }, purpose: 'view',
    editor_origin: t.app, expires_at_ms: Date.now() + 600000 };
  const editor = await open(`${t.app}/projects#cairn-editor=good-token`, { grant });
  await eventually(async () => (await badge(editor.page))?.includes('author@acme.test'), 'editor badge under the strict CSP');
  assert(chunkRequests.includes(editor.page), 'the editor tab fetched the chunk');
  assert(!editor.page.url().includes('cairn-editor'), `the fragment is gone: ${editor.page.url()}`);
  const violations = await editor.page.evaluate(() => window.__violations);
  assert(violations.length === 0, `CSP violations: ${violations.join('; ')}`);

  // The ES module build imports cairn-editor.mjs from beside cairn.mjs.
  const esm = await open(`${t.app}/pages/esm.html#cairn-editor=good-token`, { grant });
  await eventually(async () => (await badge(esm.page))?.includes('author@acme.test'), 'editor badge from cairn.mjs');
  assert(chunkRequests.includes(esm.page), 'the ES module tab imported the chunk');
  assert((await esm.page.evaluate(() => window.__violations)).length === 0, 'no CSP violation for the ES module chunk');

  // The chunk cannot load: one warning, normal mode, held inputs replayed.
  const before = t.collector.state.events.length;
  const broken = await open(`${t.app}/projects#cairn-editor=some-token`, { blockChunk: true });
  await broken.page.evaluate(() => window.Cairn.track('while_chunk_loads'));
  const chunkWarnings = () => broken.warnings.filter((w) => w.startsWith('cairn: editor mode unavailable'));
  await eventually(() => chunkWarnings().length > 0, 'the warning about the chunk');
  await broken.page.evaluate(() => window.Cairn.track('after_failed_chunk'));
  const arrived = () => t.collector.state.events.slice(before).map((e) => e.event ?? `$${e.type}`);
  await eventually(async () => {
    await broken.page.evaluate(() => window.Cairn.flush());
    return ['$page', 'while_chunk_loads', 'after_failed_chunk'].every((n) => arrived().includes(n));
  }, `the input held while the chunk loaded and later events arrive: ${arrived()}`);
  assert(await badge(broken.page) === null, 'no editor mode without the chunk');
  assert(chunkWarnings().length === 1, `one warning about the chunk: ${JSON.stringify(broken.warnings)}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
