// A collector (or a proxy before it) that takes a batch and never answers.
// The recorder gives up on a request after its 30 s send timeout and retries;
// the SDK aborts the request it gave up on, and sends batches without
// keepalive (which Chromium does not end on abort), so hung requests do not
// pile up: each held one of the six connections the browser opens to the
// collector (six hung: every request to it waited), and as keepalive requests
// two hung 28 KiB batches held the 64 KiB allowed in flight, refusing every
// later send and page-hide beacon. On page hide the request in flight is
// aborted too, its events go by beacon, and the beacons of one page hide are
// answered without sending their events again between them. Time runs on the
// page's fake clock (the send timeout in milliseconds of test time).
import { assert, eventually, withBrowser } from './harness.mjs';

await withBrowser('browser: events hung collector', {}, async (t) => {
  const state = t.collector.state;
  const page = await t.newPage();
  await page.clock.install();
  await page.goto(`${t.app}/pages/sdk-blank.html`);
  await page.evaluate((host) => window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 100, guides: false, capturePageviews: false }),
    t.collector.url);
  await eventually(() => page.evaluate(() => window.Cairn.debug.core()), 'core loaded');
  const open = () => state.hung.filter((h) => !h.closed).length;
  const arrived = (name) => state.events.filter((e) => e.event === name).length;

  // Four events of 7,000 characters: one batch of about 28 KiB.
  state.hangNext = 2;
  await page.evaluate(() => { for (let i = 0; i < 4; i++) window.Cairn.track('Big', { i, pad: 'x'.repeat(7000) }); });
  await page.clock.runFor(500);
  await eventually(() => state.hung.length === 1, 'the batch reached the hung collector');
  await page.clock.runFor(30_000);
  await eventually(() => state.hung[0].closed, 'the request the recorder gave up on is aborted');
  // The retry (after a backoff of at most 1 s) hangs too, and is aborted too.
  await page.clock.runFor(1_500);
  await eventually(() => state.hung.length === 2, 'the retry reached the hung collector');
  assert(open() === 1, `one hung request open at a time: ${open()}`);
  await page.clock.runFor(30_000);
  await eventually(() => open() === 0, 'the retry the recorder gave up on is aborted');

  // The collector answers again: the next retry delivers (kept open, the two
  // hung requests would hold 57 KiB and refuse it), each event once.
  for (let i = 0; i < 20 && arrived('Big') < 4; i++) {
    await page.clock.runFor(1_000);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert(arrived('Big') === 4, `the events arrive once the collector answers: ${arrived('Big')} of 4`);

  // Page hide while a request hangs: it is aborted, its events go by beacon
  // with the ten queued (about 70 KiB: two beacons).
  state.hangNext = 1;
  await page.evaluate(() => { for (let i = 0; i < 10; i++) window.Cairn.track('Before Hide', { i, pad: 'y'.repeat(7000) }); });
  await eventually(() => state.hung.length === 3, 'the batch reached the hung collector');
  await page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  await eventually(() => state.hung[2].closed, 'the request in flight at page hide is aborted');
  // A beacon over what the browser allows in flight waits for the next send.
  for (let i = 0; i < 20 && arrived('Before Hide') < 10; i++) {
    await page.clock.runFor(1_000);
    await new Promise((r) => setTimeout(r, 100));
  }
  assert(arrived('Before Hide') === 10, `the events arrive: ${arrived('Before Hide')} of 10`);
  // The beacons' answers came after the page hide's own write of the queue:
  // no delivered event stays stored for the next page to send again.
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.queue')).map((k) => localStorage.getItem(k)).join());
  assert(!stored.includes('Before Hide'), `delivered events stay stored: ${(stored.match(/Before Hide/g) ?? []).length}`);
  await page.clock.runFor(2_000);
  await new Promise((r) => setTimeout(r, 300));
  const ids = state.received.map((e) => e.messageId);
  assert(new Set(ids).size === ids.length, `duplicate deliveries: ${ids.length - new Set(ids).size}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
