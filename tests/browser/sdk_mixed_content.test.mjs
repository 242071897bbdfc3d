// An SDK on an https:// page given an http:// collector: the browser blocks
// every request to it (mixed content), so no event and no guide would get
// through, with only the browser's own message, which names neither the
// option nor the fix. Cairn.init says so once, as a console error naming
// `host` and the fix. A loopback collector (http://127.0.0.1: not mixed
// content, though Chromium's private network rules may still refuse it from
// a public site, with their own message) and an https:// one get no such error.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, DIST, eventually, withBrowser } from './harness.mjs';

const PAGE = 'https://acme.test';
const TYPES = { '.js': 'text/javascript', '.wasm': 'application/wasm' };

await withBrowser('browser: sdk mixed content', {}, async (t) => {
  async function open(host) {
    // Not t.newPage(): the browser's own errors about the blocked requests are expected here.
    const page = await (await t.browser.newContext()).newPage();
    const logged = [];
    page.on('console', (m) => logged.push(`${m.type()}: ${m.text()}`));
    // The https:// page and the SDK files it loads, served by the browser's
    // request interception (no TLS server needed: the page is https all the same).
    await page.route(`${PAGE}/**`, (route) => {
      const path = new URL(route.request().url()).pathname;
      if (path.startsWith('/sdk/')) {
        const file = path.slice('/sdk/'.length);
        return route.fulfill({ body: readFileSync(join(DIST, file)), contentType: TYPES[file.slice(file.lastIndexOf('.'))] });
      }
      return route.fulfill({ contentType: 'text/html', body: `<!doctype html><title>Acme</title><script src="/sdk/cairn.js"></script>
        <script>window.started = Cairn.init({ writeKey: 'cwk_test', host: ${JSON.stringify(host)} }).then(() => 'started', (e) => String(e));
        Cairn.init({ writeKey: 'cwk_test', host: ${JSON.stringify(host)} });</script>` });
    });
    await page.goto(`${PAGE}/`);
    await page.evaluate(() => window.started);
    await page.evaluate(() => { Cairn.track('Checked'); Cairn.flush(); });
    return { page, logged };
  }

  const blocked = await open('http://collector.acme.test:8470');
  const ours = () => blocked.logged.filter((m) => m.includes('cairn:'));
  await eventually(() => ours().length > 0, 'the SDK says the collector is blocked');
  await blocked.page.waitForTimeout(500);
  assert(ours().length === 1, `said once: ${ours().join(' | ')}`);
  const [said] = ours();
  assert(said.startsWith('error: cairn: Cairn.init:') && said.includes('host') && said.includes('https://') && said.includes('mixed content'),
    `a console error naming host, https:// and mixed content: ${said}`);

  for (const host of [t.collector.url, 'https://collector.acme.test']) {
    const fine = await open(host);
    await fine.page.waitForTimeout(300);
    const errors = fine.logged.filter((m) => m.includes('cairn:'));
    assert(errors.length === 0, `${host} on an https page is not called blocked: ${errors.join(' | ')}`);
  }
});
