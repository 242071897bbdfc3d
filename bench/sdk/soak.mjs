// A SaaS end user's working day, compressed: the SDK in build/wasm/wasm/dist
// runs in one page of a single-page app (bench/sdk/soak/) for --iterations
// route changes. Each iteration: a new URL (pushState), the list re-rendered
// with fresh elements, a click on a row's button, a tracked event; every few
// iterations a real mouse press, rage clicks and a dead click, a tooltip
// guide on a re-rendered row shown, advanced to its modal step and completed,
// a hotspot opened and dismissed, the tab hidden and shown; for stretches the
// network is gone. After --warmup iterations it samples, every --every
// iterations, after a forced GC (CDP): the JS heap, wasm linear memory, DOM
// nodes and listeners (Memory.getDOMCounters, detached nodes included), nodes
// in our shadow root, listeners on window/document, observing
// Mutation/Resize/IntersectionObservers and pending timers and animation
// frames (counted by wrappers an init script puts in the page: CDP's
// queryObjects crashed this page), our localStorage bytes. It prints each
// sample and the growth per 1,000 iterations (least squares over the
// samples); anything that keeps growing is a leak (bench/sdk/RESULTS.md, "Soak").
//   node bench/sdk/soak.mjs [--sdk DIR] [--iterations N] [--warmup N] [--every N] [--storage]
// Needs CAIRN_GUIDE_PACK (the stub collector packs the guides with it).
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startStaticServer, startStubCollector } from '../../tests/browser/servers.mjs';
import { ARGS } from '../../tests/browser/harness.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const sdk = resolve(option('--sdk', join(root, 'build/wasm/wasm/dist')));
const iterations = Number(option('--iterations', '4000'));
const warmup = Number(option('--warmup', '500'));
const every = Number(option('--every', '500'));
if (!existsSync(join(sdk, 'cairn.js'))) {
  console.error(`soak: ${sdk}/cairn.js missing; run scripts/build-wasm first`);
  process.exit(1);
}

const row = (i) => ({ fingerprint: { version: 1, element: { tag: 'button', text: `Edit ${i}`, name: `Edit ${i}`, classes: ['edit'],
  attributes: { 'data-testid': `edit-${i}` }, role: 'button' } } });
const guides = { guides: [
  { schema: 1, id: 'row-tip', name: 'Row tip', version: 1, status: 'published', trigger: { kind: 'manual' }, frequency: { kind: 'every_session' },
    steps: [
      { id: 'a', kind: 'tooltip', target: row(7), missing_target: { wait_ms: 5000, then: 'centered' },
        content: { en: { title: 'Edit', body: 'Edit a row.', buttons: [{ label: 'Next', action: 'next' }] } } },
      { id: 'b', kind: 'modal', content: { en: { title: 'Done', body: 'That is all.', buttons: [{ label: 'Done', action: 'complete' }] } } }] },
  { schema: 1, id: 'hint', name: 'Hint', version: 1, status: 'published', trigger: { kind: 'manual' }, frequency: { kind: 'every_session' },
    steps: [{ id: 'h', kind: 'hotspot', target: row(3), content: { en: { title: 'Hint', body: 'A hint.' } } }] },
] };

// Live timers and animation frames of the page (the SDK's and the app's).
function countTimers() {
  const live = new Set();
  const wrap = (set, clear) => {
    const s = window[set], c = window[clear];
    window[set] = function (fn, ...rest) {
      const id = s.call(this, typeof fn === 'function' ? (...a) => { if (set !== 'setInterval') live.delete(set + id); return fn(...a); } : fn, ...rest);
      live.add(set + id);
      return id;
    };
    window[clear] = function (id) { live.delete(set + id); return c.call(this, id); };
  };
  wrap('setTimeout', 'clearTimeout');
  wrap('setInterval', 'clearInterval');
  wrap('requestAnimationFrame', 'cancelAnimationFrame');
  window.__liveTimers = () => live.size;
  // Observers that observe something (observe() called, disconnect() not since).
  const observing = {};
  for (const ctor of ['MutationObserver', 'ResizeObserver', 'IntersectionObserver']) {
    const refs = observing[ctor] = new Map();
    const proto = window[ctor].prototype, observe = proto.observe, disconnect = proto.disconnect;
    proto.observe = function (...a) { if (!this.__ref) refs.set(this.__ref = new WeakRef(this), true); return observe.apply(this, a); };
    proto.disconnect = function () { if (this.__ref) { refs.delete(this.__ref); this.__ref = null; } return disconnect.call(this); };
  }
  window.__liveObservers = () => Object.fromEntries(Object.entries(observing).map(([k, refs]) =>
    [k, [...refs.keys()].filter((r) => r.deref()).length]));
  // The core's linear memory, caught as it is instantiated.
  window.__wasmMemories = [];
  for (const name of ['instantiate', 'instantiateStreaming']) {
    const original = WebAssembly[name];
    WebAssembly[name] = async (...a) => {
      const out = await original.apply(WebAssembly, a);
      const memory = (out.instance ?? out).exports?.memory;
      if (memory) window.__wasmMemories.push(memory);
      return out;
    };
  }
  // The tab hidden and shown: a visibilitychange the page can read.
  let visibility = 'visible';
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => visibility });
  window.__setVisibility = (v) => { visibility = v; document.dispatchEvent(new Event('visibilitychange')); };
}

// One iteration in the page: what the user and the app do.
async function step(i) {
  const shadow = () => document.querySelector('cairn-ui')?.shadowRoot;
  const press = (sel) => shadow()?.querySelector(sel)?.click();
  history.pushState({}, '', `/projects/${i}?tab=${i % 3}`);
  window.soakRender(`Project ${i}`);
  document.querySelector(`[data-testid="edit-${i % 40}"]`).click();
  window.Cairn.track('project_viewed', { index: i, tab: i % 3 });
  const phase = i % 20;
  if (phase === 0) window.Cairn.launch('row-tip');
  if (phase === 6) press('[data-cairn-step="tooltip"] .f button');
  if (phase === 10) press('dialog button:not(.x)') ?? press('[data-cairn-step="modal"] .f button');
  if (phase === 12) window.Cairn.launch('hint');
  if (phase === 13) press('[data-cairn-step="hotspot-beacon"]');
  if (phase === 15) press('[data-cairn-step] .x');
  if (i % 7 === 0) for (let k = 0; k < 4; k++) document.getElementById('dead').click();
  if (i % 50 === 0) { window.__setVisibility('hidden'); window.__setVisibility('visible'); }
  await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
}

async function sample(cdp, page) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  const dom = await cdp.send('Memory.getDOMCounters');
  const inPage = await cdp.send('Runtime.evaluate', { includeCommandLineAPI: true, returnByValue: true, expression: `({
    shadowNodes: document.querySelector('cairn-ui')?.shadowRoot?.querySelectorAll('*').length ?? 0,
    windowListeners: Object.values(getEventListeners(window)).reduce((s, l) => s + l.length, 0),
    documentListeners: Object.values(getEventListeners(document)).reduce((s, l) => s + l.length, 0),
    timers: window.__liveTimers(),
    ...window.__liveObservers(),
    wasmBytes: window.__wasmMemories.reduce((s, m) => s + m.buffer.byteLength, 0),
    storageBytes: Object.keys(localStorage).filter((k) => k.startsWith('cairn')).reduce((s, k) => s + k.length + localStorage.getItem(k).length, 0),
  })` });
  return { jsHeap: heap.usedSize, domNodes: dom.nodes, jsEventListeners: dom.jsEventListeners, documents: dom.documents, ...inPage.result.value };
}

// Least-squares slope of `key` over the samples, per 1,000 iterations.
function growthPer1000(samples, key) {
  const n = samples.length;
  const mx = samples.reduce((s, x) => s + x.iteration, 0) / n;
  const my = samples.reduce((s, x) => s + x[key], 0) / n;
  const num = samples.reduce((s, x) => s + (x.iteration - mx) * (x[key] - my), 0);
  const den = samples.reduce((s, x) => s + (x.iteration - mx) ** 2, 0);
  return den ? (1000 * num) / den : 0;
}

const collector = await startStubCollector(guides);
const app = await startStaticServer({ '/sdk/': sdk, '/': join(root, 'bench/sdk/soak') }, { spaFallback: { '/': 'index.html' } });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ARGS, timeout: 30000 });
const guard = setTimeout(() => { console.error('soak: timed out'); process.exit(2); }, 30 * 60 * 1000);
try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 720 } });
  const page = await context.newPage();
  page.on('crash', () => console.error('soak: the page crashed'));
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(countTimers);
  await page.goto(`${app.url}/projects`);
  await page.evaluate((host) => window.Cairn.init({ writeKey: 'soak-key', host, flushIntervalMs: 1000 }), collector.url);
  const cdp = await context.newCDPSession(page);
  const samples = [];
  const started = Date.now();
  for (let i = 1; i <= iterations; i++) {
    // The network gone for 60 iterations of every 400, ending 30 before
    // any sample (a multiple of 100): the queue it built is sent by then.
    const offline = i % 400 >= 310 && i % 400 < 370;
    if (offline !== collector.state.offline) {
      collector.state.offline = offline;
      await context.setOffline(offline);
    }
    await page.evaluate(step, i);
    // A real press now and then (pointerdown, then click: the press's description).
    if (i % 5 === 0) await page.click(`[data-testid="edit-${(i * 7) % 40}"]`);
    if (i >= warmup && (i - warmup) % every === 0) {
      const s = { iteration: i, ...(await sample(cdp, page)) };
      samples.push(s);
      console.log(JSON.stringify(s));
    }
  }
  const keys = Object.keys(samples[0]).filter((k) => k !== 'iteration');
  console.log(`\nsoak: ${iterations} iterations in ${((Date.now() - started) / 1000).toFixed(0)} s, ${collector.state.events.length} events received, ${errors.length} page errors`);
  console.log('| measure | first sample | last sample | growth per 1,000 iterations |\n|---|---:|---:|---:|');
  for (const k of keys) console.log(`| ${k} | ${samples[0][k]} | ${samples.at(-1)[k]} | ${growthPer1000(samples, k).toFixed(1)} |`);
  // --storage: what our localStorage keys hold at the end (what grew).
  if (args.includes('--storage')) console.log(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn'))
    .map((k) => `${k}: ${localStorage.getItem(k).length} chars: ${localStorage.getItem(k).slice(0, 1500)}`).join('\n')));
  if (errors.length) console.log('page errors:\n  ' + errors.slice(0, 5).join('\n  '));
} finally {
  clearTimeout(guard);
  await browser.close().catch(() => {});
  await app.close();
  await collector.close();
}
