// Shared set-up for every browser test: servers, a headless Debian Chromium
// driven by playwright-core, bounded waits, screenshots, and a teardown that
// always runs. Each test file is one CTest test: `node <file>`; exit code 0
// means passed.
import { chromium } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer, startStubCollector } from './servers.mjs';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// CAIRN_SDK_DIST: test another build of the SDK (its test bundles sit beside it in ../test).
export const DIST = process.env.CAIRN_SDK_DIST ? resolve(process.env.CAIRN_SDK_DIST) : join(ROOT, 'build/wasm/wasm/dist');
export const SHOTS = join(ROOT, 'build/artifacts/screenshots');

// Each test's own time limit, a little under the TIMEOUT of 180 s CTest gives
// every browser test (CMakeLists.txt), so that a test still past it closes its
// browser and servers. A loaded machine (CI on two cores) takes several times a
// quiet one's time; only a hang should fail here, and CTest's limit is the same.
export const TEST_TIMEOUT_MS = 170000;

export const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-gpu', '--disable-quic'];

// Runs `body(ctx)` with servers and a browser, cleaning up whatever happens.
// ctx: { app, collector, browser, newPage(), shot(page, name), guides }
export async function withBrowser(name, { guides = { guides: [] }, headers, timeoutMs = TEST_TIMEOUT_MS } = {}, body) {
  if (!existsSync(join(DIST, 'cairn.js'))) {
    console.error(`${name}: ${DIST}/cairn.js missing; run scripts/build-wasm first`);
    process.exit(1);
  }
  mkdirSync(SHOTS, { recursive: true });
  const collector = await startStubCollector(guides);
  const app = await startStaticServer({ '/sdk/': DIST, '/test/': join(DIST, '../test'), '/pages/': join(ROOT, 'tests/browser/pages'), '/': join(ROOT, 'samples/acme') },
    { headers, spaFallback: { '/': 'index.html' } });
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS, timeout: 30000 });
  const errors = [];
  const ctx = {
    app: app.url, collector, browser, errors,
    async newPage(options = {}) {
      const context = await browser.newContext({ viewport: { width: 1100, height: 720 }, ...options });
      const page = await context.newPage();
      page.setDefaultTimeout(10000);
      page.on('pageerror', (e) => errors.push(String(e)));
      // Network failures are part of some tests (offline periods); script errors are not.
      page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text()); });
      await page.addInitScript(({ host }) => { window.__cairnTest = { host }; }, { host: collector.url });
      return page;
    },
    async shot(page, file) {
      await page.screenshot({ path: join(SHOTS, file) });
    },
  };
  const timer = setTimeout(() => { console.error(`${name}: timed out after ${timeoutMs} ms`); process.exit(2); }, timeoutMs);
  await runAndExit(name, errors, () => body(ctx), async () => {
    clearTimeout(timer);
    await browser.close().catch(() => {});
    await app.close();
    await collector.close();
  });
}

// Runs `run()`, prints "<name>: passed" or the failure with the page errors,
// runs `cleanup()` whatever happened, and exits the process with 0 or 1.
export async function runAndExit(name, errors, run, cleanup) {
  let failed = false;
  try {
    await run();
    console.log(`${name}: passed`);
  } catch (e) {
    failed = true;
    console.error(`${name}: FAILED: ${e && e.stack || e}`);
    if (errors.length) console.error('page errors:\n  ' + errors.join('\n  '));
  } finally {
    await cleanup();
  }
  process.exit(failed ? 1 : 0);
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

// Polls `fn` until it returns a truthy value or `ms` pass.
export async function eventually(fn, message, ms = 8000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out: ${message}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
