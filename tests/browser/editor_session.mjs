// Set-up shared by the editor's browser tests: the real collector (temp data
// dir, admin, one app) serving the built editor, a headless Chromium at
// 1280×800, a log-in helper, screenshots for docs/editor.md, and a teardown
// that always runs. `run(name, options, body)` exits 0 when `body` passed.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startCollector } from './collector_fixture.mjs';
import { SHOTS, TEST_TIMEOUT_MS } from './harness.mjs';
export { assert, eventually } from './harness.mjs';

const ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--no-first-run', '--disable-gpu', '--disable-quic'];

// options: { origins, accounts, before(): extra servers {close()}, timeoutMs }
export async function run(name, { origins = [], accounts = [], timeoutMs = TEST_TIMEOUT_MS } = {}, body) {
  mkdirSync(SHOTS, { recursive: true });
  const timer = setTimeout(() => { console.error(`${name}: timed out after ${timeoutMs} ms`); process.exit(2); }, timeoutMs);
  const cleanups = [];
  const errors = [];
  let failed = false;
  try {
    const collector = await startCollector({ origins, accounts });
    cleanups.push(() => collector.stop());
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS, timeout: 30000 });
    cleanups.push(() => browser.close());
    const t = {
      collector, browser, errors,
      onCleanup(fn) { cleanups.push(fn); },
      async newPage(options = {}) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, ...options });
        const page = await context.newPage();
        page.setDefaultTimeout(8000);
        page.on('pageerror', (e) => errors.push(`${page.url()}: ${e}`));
        page.on('console', (m) => { if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(`${page.url()}: ${m.text()}`); });
        return page;
      },
      // Logs in through the editor's form; resolves on the guide list.
      async logIn(page, email, password) {
        await page.goto(`${collector.url}/editor/`);
        await page.getByLabel('Email').fill(email);
        await page.getByLabel('Password').fill(password);
        await page.getByRole('button', { name: 'Log in' }).click();
        // exact: the login page's own heading ("Cairn Guides") also contains "Guides".
        await page.getByRole('heading', { name: 'Guides', exact: true }).waitFor();
      },
      // Screenshots for docs/editor.md show the top of the page unless told otherwise.
      async shot(page, file, { top = true } = {}) {
        // Toasts of earlier steps would cover the view.
        await page.evaluate((scroll) => {
          if (scroll) window.scrollTo(0, 0);
          document.querySelectorAll('.notice').forEach((n) => n.remove());
        }, top);
        await page.screenshot({ path: join(SHOTS, file) });
      },
      // GET /v1/guides as the SDK does.
      async servedGuides() {
        const r = await fetch(`${collector.url}/v1/guides`, { headers: { 'X-Cairn-Write-Key': collector.writeKey } });
        if (!r.ok) throw new Error(`/v1/guides: ${r.status} ${await r.text()}`);
        return (await r.json()).guides;
      },
    };
    await body(t);
    if (errors.length) throw new Error(`page errors:\n  ${errors.join('\n  ')}`);
    console.log(`${name}: passed`);
  } catch (e) {
    failed = true;
    console.error(`${name}: FAILED: ${e && e.stack || e}`);
  } finally {
    clearTimeout(timer);
    for (const cleanup of cleanups.reverse()) await Promise.resolve().then(cleanup).catch(() => {});
  }
  process.exit(failed ? 1 : 0);
}

// Waits for the autosave indicator to read "Saved".
export async function saved(page) {
  await page.locator('#save-state[data-state="saved"]').waitFor({ timeout: 8000 });
}

// Signs in as the admin and creates a modal guide named `name` through the
// New guide dialog; resolves once its editor is open.
export async function newModalGuide(t, page, name) {
  await t.logIn(page, t.collector.admin.email, t.collector.admin.password);
  await page.getByRole('button', { name: 'New guide' }).click();
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Modal').check();
  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByLabel('Guide name', { exact: true }).waitFor();
}
