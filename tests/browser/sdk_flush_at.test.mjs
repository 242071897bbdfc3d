// Cairn.init's flushAt: a batch goes out as soon as flushAt events wait, not at
// the flush timer, and values outside 1..100 (or not integers) make init
// reject with a message naming the option, leaving the SDK free to start.
import { assert, eventually, withBrowser } from './harness.mjs';

await withBrowser('browser: sdk flushAt', {}, async (t) => {
  const page = await t.newPage();
  await page.goto(`${t.app}/pages/sdk-blank.html`);
  const host = t.collector.url;

  const refusals = await page.evaluate(async (host) => {
    const out = [];
    for (const flushAt of [0, 101, 2.5, '20', Number.NaN]) {
      out.push(await window.Cairn.init({ writeKey: 'test-key', host, flushAt }).then(() => 'started', (e) => e.message));
    }
    return out;
  }, host);
  for (const message of refusals) {
    assert(/^Cairn\.init: flushAt must be an integer from 1 to 100, not /.test(message), `bad flushAt refused: ${message}`);
  }
  assert(refusals[3].endsWith('not "20"'), `the refused value is quoted: ${refusals[3]}`);

  // A timer far beyond the test: only the count can send these.
  await page.evaluate((host) => window.Cairn.init({ writeKey: 'test-key', host, flushAt: 3, flushIntervalMs: 60000,
    capturePageviews: false, autocapture: false, guides: false }), host);
  await page.evaluate(() => { window.Cairn.track('First'); window.Cairn.track('Second'); });
  await page.waitForTimeout(800);
  assert(t.collector.state.batches.length === 0, `two of three events wait: ${JSON.stringify(t.collector.state.batches).slice(0, 300)}`);
  const sentAt = Date.now();
  await page.evaluate(() => window.Cairn.track('Third'));
  await eventually(() => t.collector.state.batches.length === 1, 'the third event sends the batch', 5000);
  const names = t.collector.state.batches[0].batch.map((e) => e.event);
  assert(JSON.stringify(names) === '["First","Second","Third"]', `one batch of the three events: ${names}`);
  assert(Date.now() - sentAt < 5000, 'sent by count, long before the 60 s timer');

  await page.evaluate(() => window.Cairn.track('Fourth'));
  await page.waitForTimeout(500);
  assert(t.collector.state.batches.length === 1, 'a fourth event waits for two more');
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
