// Host impact on a 10,000-element page, in headless Chromium:
//   init → first guide shown (the target is row 900's Edit button, located by
//   the core's matcher over every element of the page), one Cairn.debug.locate,
//   Cairn.track cost per event, and the longest main-thread task (target: none > 50 ms).
//   node bench/sdk/host_impact.mjs
import { chromium } from 'playwright-core';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer, startStubCollector } from '../../tests/browser/servers.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const guide = { schema: 1, id: 'edit-tip', name: 'Edit tip', version: 1, status: 'published',
  trigger: { kind: 'page_load', pages: { include: [{ path: '/pages/big.html' }] } }, frequency: { kind: 'every_session' },
  steps: [{ id: 's', kind: 'tooltip', content: { en: { title: 'Edit a row', body: 'Click Edit.' } },
    target: { fingerprint: { version: 1, element: { tag: 'button', text: 'Edit 900', name: 'Edit 900', classes: ['cell', 'c7'],
      attributes: { 'data-testid': 'edit-900' }, role: 'button' } } } }] };

const collector = await startStubCollector({ guides: [guide] });
const app = await startStaticServer({ '/sdk/': join(root, 'build/wasm/wasm/dist'), '/pages/': join(root, 'tests/browser/pages') });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu', '--disable-quic'] });
try {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`${app.url}/pages/big.html`);
  const result = await page.evaluate(async (host) => {
    const elements = document.getElementsByTagName('*').length;
    const t0 = performance.now();
    window.Cairn.init({ writeKey: 'bench', host, flushIntervalMs: 60000 });
    const shown = await new Promise((ok) => {
      const check = () => {
        const card = document.querySelector('cairn-ui')?.shadowRoot?.querySelector('[data-cairn-step]');
        if (card) ok(performance.now() - t0); else requestAnimationFrame(check);
      };
      check();
    });
    const fp = window.Cairn.debug.fingerprint(document.querySelector('[data-testid=edit-500]'));
    const l0 = performance.now();
    const found = window.Cairn.debug.locate(fp);
    const locate = performance.now() - l0;
    const n = 1000;
    const e0 = performance.now();
    for (let i = 0; i < n; i++) window.Cairn.track('Bench Event', { i });
    const perEvent = (performance.now() - e0) / n;
    await new Promise((r) => setTimeout(r, 200));
    return { elements, shown, locate, located: found?.getAttribute('data-testid'), perEvent, longest: Math.max(0, ...window.__long), longTasks: window.__long.length };
  }, collector.url);
  console.log(`page elements:                 ${result.elements}`);
  console.log(`init → first guide shown:      ${result.shown.toFixed(1)} ms`);
  console.log(`locate (debug.locate, 1 call): ${result.locate.toFixed(1)} ms → ${result.located}`);
  console.log(`track() cost per event:        ${(result.perEvent * 1000).toFixed(1)} µs`);
  console.log(`longest task:                  ${result.longest.toFixed(0)} ms (${result.longTasks} tasks > 50 ms; target: none)`);
} finally {
  await browser.close();
  await app.close();
  await collector.close();
}
