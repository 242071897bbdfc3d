// localStorage refusing every write (a full quota, storage disabled): setItem
// throws QuotaExceededError. The core's Storage::write in the browser answers
// true whatever happens (the adapter runs the writes after the core's call),
// so the adapter itself must hold to what the core does natively on a refused
// write (sdk/recorder/recorder.cpp, load_if_needed):
//  - the queue of a gone tab, taken over, stays stored: the core removes it
//    right after writing this tab's queue, which here is not stored, so
//    removing it would leave its events in this page's memory only;
//  - the developer hears of it (one console warning), nothing throws, and
//    recording and delivery go on from memory.
import { assert, eventually, withBrowser } from './harness.mjs';

await withBrowser('browser: sdk storage refused', {}, async (t) => {
  const state = t.collector.state;
  const named = (name) => state.events.filter((e) => e.event === name);
  const init = (page) => page.evaluate((host) => window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 100, guides: false }), t.collector.url);
  const queues = (page) => page.evaluate(() => Object.fromEntries(Object.keys(localStorage).filter((k) => k.startsWith('cairn.queue')).map((k) => [k, localStorage.getItem(k)])));

  // A tab records offline and closes: its queue is in storage only.
  const first = await t.newPage();
  await first.goto(`${t.app}/pages/sdk-blank.html`);
  await init(first);
  state.offline = true;
  await first.evaluate(() => window.Cairn.track('Queued In A Gone Tab'));
  await eventually(async () => Object.values(await queues(first)).some((q) => q.includes('"Queued In A Gone Tab"')), 'the first tab stores its queue');
  const gone = await queues(first);
  const context = first.context();
  await first.close();

  // The next tab of the same profile, with localStorage full.
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.on('pageerror', (e) => t.errors.push(String(e)));
  const warnings = [];
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) t.errors.push(m.text());
  });
  await page.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('The quota has been exceeded.', 'QuotaExceededError'); };
  });
  await page.goto(`${t.app}/pages/sdk-blank.html`);
  await init(page);
  await page.evaluate(() => window.Cairn.track('Recorded While Full'));
  await eventually(() => warnings.some((w) => w.includes('localStorage refused a write')), 'a warning that storage refused a write');
  assert(warnings.filter((w) => w.includes('localStorage refused')).length === 1, `warned once: ${warnings}`);
  // Past the recorder's 1 s debounced write of the queue.
  await page.waitForTimeout(1500);
  const kept = await queues(page);
  for (const [key, value] of Object.entries(gone)) {
    assert(kept[key] === value, `the gone tab's queue ${key} removed while this tab could not store its events: ${JSON.stringify(kept)}`);
  }

  // Online again: both events arrive from this page's memory.
  state.offline = false;
  await page.evaluate(() => window.Cairn.flush());
  await eventually(() => named('Recorded While Full').length === 1, 'the event recorded while storage was full arrives');
  await eventually(() => named('Queued In A Gone Tab').length === 1, 'the gone tab\'s event arrives');
  await context.close();
});
