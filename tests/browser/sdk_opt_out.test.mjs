// A user's opt-out holds (docs/sdk.md#privacy): Cairn.consent(false) on a
// page started without consent: 'pending' (an "opt out of analytics"
// switch in the host's settings) stops recording on the later page loads
// too, with nothing stored for recording, until Cairn.consent(true), which
// is remembered as well. Before, the stored answer was read only with
// consent: 'pending', and the next page load recorded again.
import { assert, eventually, withBrowser } from './harness.mjs';

await withBrowser('browser: sdk opt out', {}, async (t) => {
  const state = t.collector.state;
  const page = await t.newPage();
  const names = () => state.events.filter((e) => e.context?.page?.search === '?opt-out').map((e) => e.event ?? e.type);
  const load = async () => {
    await page.goto(`${t.app}/pages/sdk-blank.html?opt-out`);
    await page.evaluate((host) => window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 100 }), t.collector.url);
  };
  const recorderKeys = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.')));

  await load();
  await eventually(() => names().includes('page'), 'recording before the opt-out');
  await page.evaluate(() => window.Cairn.consent(false));

  // The next page loads: nothing recorded, nothing stored for recording.
  for (let i = 0; i < 2; i++) {
    await load();
    await page.evaluate(() => { window.Cairn.identify('user-9'); window.Cairn.track('Opted Out'); window.Cairn.flush(); });
    await page.waitForTimeout(600);
    assert(names().join() === 'page', `nothing recorded after the opt-out (load ${i + 1}): ${names()}`);
    assert((await recorderKeys()).length === 0, `stored after the opt-out: ${await recorderKeys()}`);
  }

  // Opting in again records at once and on the next page load.
  await page.evaluate(() => { window.Cairn.consent(true); window.Cairn.track('Opted In'); window.Cairn.flush(); });
  await eventually(() => names().includes('Opted In'), 'recording after consent(true)');
  await load();
  await page.evaluate(() => { window.Cairn.track('Next Load'); window.Cairn.flush(); });
  await eventually(() => names().includes('Next Load'), 'consent(true) is remembered');
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
