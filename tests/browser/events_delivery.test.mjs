// Events reach the collector exactly once each: page views, track calls and
// autocaptured clicks, with unique messageIds; and after an offline period
// that spans a page reload, the queued events arrive once the collector is
// reachable again, without duplicates; a page hidden while the browser is
// offline sends no beacon (it would be lost) but keeps its events, back
// online the backoff ends at once, but a collector's Retry-After (an HTTP date
// too) holds. Input values never leave the page.
import { assert, eventually, withBrowser } from './harness.mjs';

await withBrowser('browser: events delivery', {}, async (t) => {
  const page = await t.newPage();
  await page.addInitScript(() => { window.__cairnTest.flushIntervalMs = 300; });
  await page.goto(`${t.app}/projects/new`);
  await eventually(() => page.evaluate(() => window.Cairn.debug.core()), 'core loaded');
  const names = () => t.collector.state.events.map((e) => e.event ?? `$${e.type}`);

  await page.evaluate(() => { for (let i = 1; i <= 3; i++) window.Cairn.track(`Online ${i}`, { i }); });
  await page.fill('#project-name', 'secret project name');
  await page.click('#save-project');
  await eventually(() => ['Online 1', 'Online 2', 'Online 3', '$page'].every((n) => names().includes(n)), 'online events arrive');
  await eventually(() => names().includes('cairn_click'), 'autocaptured click arrives');
  const click = t.collector.state.events.find((e) => e.event === 'cairn_click');
  assert(!JSON.stringify(t.collector.state.events).includes('secret project name'), 'no input value was sent');
  assert(click.properties && (click.properties.tag === 'button' || JSON.stringify(click.properties).includes('button')), `click describes the element: ${JSON.stringify(click).slice(0, 300)}`);
  const first = t.collector.state.events[0];
  assert(first.messageId && first.anonymousId && first.timestamp && first.context, `event shape: ${JSON.stringify(first).slice(0, 300)}`);

  // Offline: the collector drops connections; events queue up and persist.
  t.collector.state.offline = true;
  await page.evaluate(() => { for (let i = 1; i <= 5; i++) window.Cairn.track(`Offline ${i}`, { i }); });
  await page.waitForTimeout(1500);
  assert(!names().some((n) => n.startsWith('Offline')), 'nothing arrives while offline');
  await page.reload();
  await eventually(() => page.evaluate(() => window.Cairn.debug.core()), 'core loaded after reload');
  await page.waitForTimeout(500);
  t.collector.state.offline = false;
  // The restored queue retries with backoff; nudge with a flush as a host may.
  await eventually(async () => {
    await page.evaluate(() => window.Cairn.flush());
    return [1, 2, 3, 4, 5].every((i) => names().includes(`Offline ${i}`));
  }, 'offline events arrive after reconnecting', 30000);
  await page.waitForTimeout(1000);

  // Offline across the reload, so nothing was in flight when the page went away:
  // not even a redelivery the collector would drop.
  const ids = t.collector.state.received.map((e) => e.messageId);
  assert(new Set(ids).size === ids.length, `duplicate messageIds: ${ids.length - new Set(ids).size}`);
  for (const n of ['Online 1', 'Online 2', 'Online 3', 'Offline 1', 'Offline 5']) {
    assert(names().filter((x) => x === n).length === 1, `${n} arrived ${names().filter((x) => x === n).length} times`);
  }

  // The browser offline (each send fails at once): the backoff grows with
  // each failure. Back online, the event goes at once instead of at the end
  // of the backoff, which after a fourth failure is at least 4 s.
  const failed = [];
  page.on('requestfailed', (r) => { if (r.url().endsWith('/v1/batch')) failed.push(r); });
  await page.context().setOffline(true);
  // Hidden while offline, before any send failed: no beacon (a browser queues
  // it offline too, says it did, and the request fails unseen); the event
  // stays stored for later.
  const beacons = await page.evaluate(() => {
    window.Cairn.track('Hidden Offline');
    const send = navigator.sendBeacon;
    let calls = 0;
    navigator.sendBeacon = (...args) => { calls++; return send.apply(navigator, args); };
    window.dispatchEvent(new Event('pagehide'));
    navigator.sendBeacon = send;
    return calls;
  });
  assert(beacons === 0, `no beacon while offline: ${beacons}`);
  const stored = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.queue')).map((k) => localStorage.getItem(k)).join());
  assert(stored.includes('"Hidden Offline"'), 'the event hidden offline stays stored');
  await page.evaluate(() => window.Cairn.track('Offline again'));
  await eventually(() => failed.length >= 4, 'four sends failed offline', 20000);
  await page.context().setOffline(false);
  await eventually(() => ['Hidden Offline', 'Offline again'].every((n) => names().includes(n)),
    'the events arrive at once when the browser is back online', 2500);
  for (const n of ['Hidden Offline', 'Offline again']) assert(names().filter((x) => x === n).length === 1, `${n} arrived once`);

  // The collector asks to wait (503 with Retry-After as an HTTP date, as a
  // proxy may send it): the wait holds, the browser coming back online or not.
  t.collector.state.refuseNext = { status: 503, headers: { 'Retry-After': new Date(Date.now() + 5000).toUTCString() } };
  await page.evaluate(() => window.Cairn.track('After 503'));
  await eventually(() => t.collector.state.refused.length === 1, 'the collector refused the batch');
  await page.context().setOffline(true);
  await page.context().setOffline(false);
  await page.waitForTimeout(2500);
  assert(!names().includes('After 503'), 'the event waits out the Retry-After, online or not');
  await eventually(() => names().includes('After 503'), 'the event arrives after the Retry-After', 10000);
  assert(Date.now() - t.collector.state.refused[0] >= 3000, 'not before the Retry-After date');
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
