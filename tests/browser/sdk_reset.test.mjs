// Cairn.reset() is a log out for anonymous and identified visitors alike
// (docs/sdk.md#api): the guide on screen goes away and stays away, the next
// visitor starts with a fresh guide history (a page_load guide already
// completed shows again for them) under a new anonymous id, and no user id.
import { assert, eventually, withBrowser } from './harness.mjs';
import { sampleGuide, shownStep } from './guides.mjs';

const welcome = { schema: 1, id: 'welcome', name: 'Welcome', version: 1, status: 'published',
  trigger: { kind: 'page_load' }, frequency: { kind: 'once' },
  steps: [{ id: 'hello', kind: 'banner', content: { en: { title: 'Welcome', body: 'Glad you are here.',
    buttons: [{ label: 'Got it', action: 'complete', style: 'primary' }] } } }] };

await withBrowser('browser: sdk reset', { guides: { guides: [welcome, sampleGuide('nps-survey')] } }, async (t) => {
  const state = t.collector.state;
  const seen = (guide) => state.events.filter((e) => e.event === 'cairn_guide_seen' && e.properties?.guide_id === guide);

  const logOut = async (userId) => {
    const page = await t.newPage();
    await page.goto(`${t.app}/pages/sdk-blank.html`);
    await page.evaluate(({ host, userId }) => {
      window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 200 });
      if (userId) window.Cairn.identify(userId);
    }, { host: t.collector.url, userId });
    const before = seen('welcome').length;
    assert((await eventually(() => shownStep(page), 'the welcome banner shows')).guide === 'welcome', 'welcome first');
    await page.locator('cairn-ui').getByRole('button', { name: 'Got it' }).click();
    await eventually(async () => (await shownStep(page)) === null, 'the banner is completed');
    await page.evaluate(() => window.Cairn.launch('nps-survey'));
    assert((await eventually(() => shownStep(page), 'the survey shows')).guide === 'nps-survey', 'survey launched');
    await eventually(() => seen('welcome').length === before + 1, 'the first welcome is recorded');
    const first = seen('welcome').at(-1);

    await page.evaluate(() => window.Cairn.reset());
    // The session of the visitor before is gone: the survey is not drawn
    // again (a locale or target update used to redraw it), and the fresh
    // history has not seen the once-only welcome banner.
    const after = await eventually(async () => { const s = await shownStep(page); return s?.guide === 'welcome' && s; },
      'the next visitor gets the welcome banner');
    await page.waitForTimeout(400);
    const drawn = await page.evaluate(() => [...document.querySelector('cairn-ui').shadowRoot.querySelectorAll('[data-guide]')]
      .map((card) => card.getAttribute('data-guide')));
    assert(drawn.join() === 'welcome', `only the welcome banner after reset: ${drawn}`);
    assert(after.title === 'Welcome', `shown: ${JSON.stringify(after)}`);
    await page.evaluate(() => window.Cairn.flush());
    await eventually(() => seen('welcome').length === before + 2, 'the second welcome is recorded');
    const second = seen('welcome').at(-1);
    assert(first.userId === (userId ?? undefined), `the first visitor's event: ${JSON.stringify(first).slice(0, 300)}`);
    assert(second.userId === undefined && second.anonymousId && second.anonymousId !== first.anonymousId,
      `after reset: no user id and a new anonymous id: ${first.anonymousId} → ${JSON.stringify(second).slice(0, 300)}`);
    await page.context().close();
  };

  await logOut(null);
  await logOut('user-7');
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
