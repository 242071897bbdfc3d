// Values the page gives the SDK that the core would refuse as they are: a
// 100-character `lang`, a URL over 8,192 bytes (a long query), a consent
// value in localStorage that a page script replaced by a number. The core
// refuses a bad input whole (docs/architecture.md), so the adapter passes a
// usable value instead (cairn_client.ts) and the core cuts the page's texts
// in events: guides still run, launch still shows one, and events arrive.
import { assert, eventually, withBrowser } from './harness.mjs';
import { sampleGuide, shownStep } from './guides.mjs';

await withBrowser('browser: sdk host values', { guides: { guides: [sampleGuide('nps-survey')] } }, async (t) => {
  const page = await t.newPage();
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(`${t.app}/pages/sdk-blank.html?q=${'x'.repeat(9000)}`);
  await page.evaluate(async (host) => {
    document.documentElement.lang = 'l'.repeat(100);
    localStorage.setItem('cairn:consent', '42');
    await window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 200 });
    window.Cairn.track('Signed up');
    window.Cairn.launch('nps-survey');
  }, t.collector.url);
  const shown = await eventually(() => shownStep(page), 'the launched survey shows', 10000);
  assert(shown.guide === 'nps-survey', `shown: ${JSON.stringify(shown)}`);
  const { events } = t.collector.state;
  await eventually(() => events.some((e) => e.event === 'Signed up'), 'the track event arrives');
  const view = events.find((e) => e.type === 'page');
  // The core cuts page texts to what an event may hold (event_context.h): a
  // whole URL would make every event of the page invalid.
  assert(view && view.properties.url.length === 2048 && view.context.page.url.length === 2048,
    `the page view's URL is cut to 2,048 bytes: ${view?.properties.url.length}`);
  // A route change to another long URL: the session follows it without a problem.
  await page.evaluate(() => history.pushState(null, '', `?r=${'y'.repeat(9000)}`));
  await eventually(() => events.some((e) => e.type === 'page' && e.properties.url.includes('?r=')), 'the route change\'s page view arrives');
  assert(!warnings.some((w) => /problem|refused|rejected|too long|must be/i.test(w)), `no warnings: ${warnings.join('; ')}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
