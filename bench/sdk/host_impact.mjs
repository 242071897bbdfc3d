// Host impact on a 10,000-element page (tests/browser/pages/big.html), in
// headless Chromium, for the SDK in build/wasm/wasm/dist and optionally a peer
// build measured in the same run (an older adapter, for a before/after ratio):
//   - init → first guide shown (the target is row 900's Edit button, located by
//     the core's matcher over every element of the page), and the longest task
//     in that window;
//   - the DOM-change path: the app re-renders row 900 at the top of the list;
//     time until the tooltip is beside the new button, and the longest task;
//   - one Cairn.debug.fingerprint and one Cairn.debug.locate (synchronous calls:
//     each is one task of the caller's);
//   - Cairn.track cost per event.
// Long tasks come from a PerformanceObserver('longtask') (> 50 ms). Medians of
// --runs fresh pages (default 3).
//   node bench/sdk/host_impact.mjs [--sdk DIR] [--peer DIR] [--runs N]
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer, startStubCollector } from '../../tests/browser/servers.mjs';
import { bigPageGuide as guide } from '../../tests/browser/big_page_guide.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const sdks = [['cairn', resolve(option('--sdk', join(root, 'build/wasm/wasm/dist')))]];
if (option('--peer', '')) sdks.push(['peer', resolve(option('--peer', ''))]);
const runs = Math.max(1, Number(option('--runs', '3')) || 3);
for (const [, dir] of sdks) {
  if (!existsSync(join(dir, 'cairn.js'))) {
    console.error(`host_impact: ${dir}/cairn.js missing; run scripts/build-wasm first`);
    process.exit(1);
  }
}

// In the page: resolves with the time until the card sits beside `selector`.
function cardBeside(selector, t0) {
  return new Promise((ok) => {
    const check = () => {
      const card = document.querySelector('cairn-ui')?.shadowRoot?.querySelector('[data-cairn-step]');
      const target = document.querySelector(selector);
      if (card && target) {
        const c = card.getBoundingClientRect(), r = target.getBoundingClientRect();
        const gap = Math.hypot(Math.max(r.left - c.right, c.left - r.right, 0), Math.max(r.top - c.bottom, c.top - r.bottom, 0));
        if (c.width > 0 && gap < 30) return ok(performance.now() - t0);
      }
      requestAnimationFrame(check);
    };
    check();
  });
}

async function measure(browser, appUrl, sdkPrefix, collectorUrl) {
  const page = await browser.newPage();
  await page.addInitScript(() => {
    window.__long = [];
    new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
  });
  await page.route('**/sdk/**', (route) => route.continue({ url: route.request().url().replace('/sdk/', sdkPrefix) }));
  await page.goto(`${appUrl}/pages/big.html`);
  const longestSince = (from, to) => page.evaluate(([a, b]) => Math.max(0, ...window.__long.filter((e) => e.start >= a && e.start < b).map((e) => e.duration)), [from, to]);
  const out = { elements: await page.evaluate(() => document.getElementsByTagName('*').length) };

  const init = await page.evaluate(`(async () => {
    const cardBeside = ${cardBeside.toString()};
    const t0 = performance.now();
    window.Cairn.init({ writeKey: 'bench', host: ${JSON.stringify(collectorUrl)}, flushIntervalMs: 60000 });
    const ms = await cardBeside('[data-testid=edit-900]', t0);
    return { t0, ms };
  })()`);
  out.shown = init.ms;
  out.shownLongest = await longestSince(init.t0, init.t0 + init.ms + 1);

  const relocate = await page.evaluate(`(async () => {
    const cardBeside = ${cardBeside.toString()};
    const t0 = performance.now();
    const row = document.querySelector('[data-testid=edit-900]').parentElement;
    const copy = row.cloneNode(true);
    row.remove();
    document.getElementById('root').prepend(copy);
    const ms = await cardBeside('[data-testid=edit-900]', t0);
    return { t0, ms };
  })()`);
  out.relocate = relocate.ms;
  out.relocateLongest = await longestSince(relocate.t0, relocate.t0 + relocate.ms + 1);

  // Each synchronous debug call in an evaluate of its own: one task each.
  out.fingerprint = await page.evaluate(() => {
    const t = performance.now();
    window.__fp = window.Cairn.debug.fingerprint(document.querySelector('[data-testid=edit-500]'));
    return performance.now() - t;
  });
  const locate = await page.evaluate(() => {
    const t = performance.now();
    const found = window.Cairn.debug.locate(window.__fp);
    return { ms: performance.now() - t, located: found?.getAttribute('data-testid') ?? null };
  });
  out.locate = locate.ms;
  out.located = locate.located;
  out.perEvent = await page.evaluate(() => {
    const n = 1000;
    const t = performance.now();
    for (let i = 0; i < n; i++) window.Cairn.track('Bench Event', { i });
    return (performance.now() - t) / n;
  });
  await page.close();
  return out;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const collector = await startStubCollector({ guides: [guide] });
const mounts = { '/pages/': join(root, 'tests/browser/pages') };
sdks.forEach(([name, dir]) => { mounts[`/sdk-${name}/`] = dir; });
const app = await startStaticServer(mounts);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-gpu', '--disable-quic'] });
try {
  const results = {};
  for (let r = 0; r < runs; r++) {
    // Alternate the order so neither build always runs on a warmer machine.
    const order = r % 2 ? [...sdks].reverse() : sdks;
    for (const [name] of order) (results[name] ??= []).push(await measure(browser, app.url, `/sdk-${name}/`, collector.url));
  }
  const rows = [
    ['init → first guide shown', 'shown', 'ms'], ['  longest task in that window', 'shownLongest', 'ms'],
    ['DOM change → tooltip re-anchored', 'relocate', 'ms'], ['  longest task in that window', 'relocateLongest', 'ms'],
    ['debug.fingerprint (1 call, 1 task)', 'fingerprint', 'ms'], ['debug.locate (1 call, 1 task)', 'locate', 'ms'],
    ['track() per event', 'perEvent', 'ms'],
  ];
  const first = results.cairn[0];
  console.log(`page elements: ${first.elements}; runs: ${runs} (medians); locate found: ${results.cairn.map((x) => x.located).join(', ')}`);
  console.log(['measure'.padEnd(36), 'cairn'.padStart(10), ...(results.peer ? ['peer'.padStart(10), 'cairn/peer'.padStart(11)] : [])].join(''));
  for (const [label, key, unit] of rows) {
    const a = median(results.cairn.map((x) => x[key]));
    const cells = [label.padEnd(36), `${a.toFixed(1)} ${unit}`.padStart(10)];
    if (results.peer) {
      const b = median(results.peer.map((x) => x[key]));
      cells.push(`${b.toFixed(1)} ${unit}`.padStart(10), (b > 0 ? `${(a / b).toFixed(2)}x` : '-').padStart(11));
    }
    console.log(cells.join(''));
  }
  for (const [name, list] of Object.entries(results)) {
    const worst = (key) => Math.max(...list.map((x) => x[key])).toFixed(0);
    console.log(`${name}: longest task, worst of ${runs} runs: init window ${worst('shownLongest')} ms, DOM-change window ${worst('relocateLongest')} ms`);
  }
} finally {
  await browser.close();
  await app.close();
  await collector.close();
}
