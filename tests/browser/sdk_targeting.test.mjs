// Who sees a guide, checked in the browser against what the editor promises
// (docs/editor.md#targeting-where-who-how-often, docs/guide-format.md):
// - traits: a second person identified on the same page is not in the first
//   one's audiences (their traits are not carried over);
// - URL rules: a fragment written as the address bar shows it ("#billing");
// - experiments: the holdout of a tour has not "seen" it for a follow-up
//   guide, and its exposure is recorded for impact;
// - rollouts: each user id keeps the bucket of docs/rules.md#bucketing across
//   reloads and on another device;
// - experiments without consent: no id to assign a variant by, so nothing
//   shows, and the visitor is not held out for good: after consent they are
//   assigned;
// - locales: the user's language, else the fallback.
// Each scenario's guides are limited to a `scenario` trait, so they do not
// meet on the one test page.
import { bucket } from '../../samples/seed/bucket.mjs';
import { assert, eventually, withBrowser } from './harness.mjs';

const banner = (id, audience, extra = {}) => ({ schema: 1, id, name: id, version: 1, status: 'published',
  trigger: { kind: 'page_load' }, frequency: { kind: 'at_most', times: 100 }, audience,
  steps: [{ id: 'only', kind: 'banner', content: { en: { title: id, body: `The ${id} guide.` } } }], ...extra });
const scenario = (name, ...more) => ({ all: [{ attribute: 'scenario', op: 'eq', value: name }, ...more] });

const guides = [
  banner('pro-tip', scenario('traits', { attribute: 'plan', op: 'eq', value: 'pro' })),
  banner('guest-note', scenario('traits', { attribute: 'role', op: 'eq', value: 'guest' })),
  banner('billing-help', scenario('hash'), { trigger: { kind: 'page_load', pages: { include: [{ path: '/pages/*', hash: '#billing' }] } } }),
  banner('hash-marker', scenario('hash')),
  { ...banner('tour', scenario('holdout')), priority: 10,
    experiment: { holdout_percent: 99.99, variants: [{ id: 'a', weight: 1 }] } },
  banner('follow-up', scenario('holdout', { guide: 'tour', history: 'seen' })),
  banner('holdout-marker', scenario('holdout')),
  banner('half', scenario('rollout', { rollout: 50 })),
  banner('rollout-marker', scenario('rollout')),
  { ...banner('ab-test', scenario('consent')), frequency: { kind: 'once' },
    experiment: { holdout_percent: 0, variants: [{ id: 'a', weight: 1 }] } },
  banner('consent-marker', scenario('consent')),
  { ...banner('localized', scenario('locale')), fallback_locale: 'en',
    steps: [{ id: 'only', kind: 'banner', content: { en: { title: 'Hello' }, pt: { title: 'Olá' } } }] },
];

// docs/rules.md#bucketing: the fixed value of its Python reference.
assert(bucket('user-1', 'welcome-tour') === 8640, 'the bucket reference');

await withBrowser('browser: sdk targeting', { guides: { guides } }, async (t) => {
  const drawn = (page) => page.evaluate(() => [...(document.querySelector('cairn-ui')?.shadowRoot?.querySelectorAll('[data-guide]') ?? [])]
    .map((card) => card.getAttribute('data-guide')).sort());
  // Waits for `marker` on screen, then answers every guide drawn with it.
  const drawnWith = async (page, marker) => {
    await eventually(async () => (await drawn(page)).includes(marker), `${marker} shows`);
    await page.waitForTimeout(300);
    return (await drawn(page)).filter((g) => g !== marker);
  };
  const open = async (page, url, { userId, traits, locale, consent = 'granted' } = {}) => {
    await page.goto(url);
    await page.evaluate(({ host, userId, traits, locale, consent }) => {
      window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 200, consent, ...(locale ? { locale } : {}) });
      window.Cairn.identify(userId, traits);
    }, { host: t.collector.url, userId, traits, locale, consent });
  };
  const blank = `${t.app}/pages/sdk-blank.html`;

  // Traits: bob is identified after alice on the same page (a shared device).
  {
    const page = await t.newPage();
    await open(page, blank, { userId: 'alice', traits: { scenario: 'traits', plan: 'pro' } });
    await eventually(async () => (await drawn(page)).join() === 'pro-tip', 'alice, on the pro plan, gets the pro tip');
    await page.evaluate(() => window.Cairn.identify('bob', { scenario: 'traits', role: 'guest' }));
    const others = await drawnWith(page, 'guest-note');
    assert(others.length === 0, `bob is not on alice's plan, yet sees: ${others}`);
    // The same person adding traits keeps the earlier ones.
    await page.evaluate(() => window.Cairn.identify('bob', { plan: 'pro' }));
    await eventually(async () => (await drawn(page)).join() === 'guest-note,pro-tip', 'bob on the pro plan as a guest');
    await page.context().close();
  }

  // URL rules: "#billing" as the author typed it.
  {
    const page = await t.newPage();
    await open(page, `${blank}#billing`, { userId: 'hash-user', traits: { scenario: 'hash' } });
    await eventually(async () => (await drawn(page)).join() === 'billing-help,hash-marker', 'the billing help on #billing');
    await page.context().close();
    const other = await t.newPage();
    await open(other, `${blank}#team`, { userId: 'hash-user-2', traits: { scenario: 'hash' } });
    const others = await drawnWith(other, 'hash-marker');
    assert(others.length === 0, `#team is not #billing, yet shows: ${others}`);
    await other.context().close();
  }

  // Experiments: the tour's holdout, then the follow-up for those who saw the tour.
  {
    const userId = 'held-1';
    assert(bucket(userId, 'tour/experiment') < 9999, 'held-1 is in the 99.99% holdout');
    const page = await t.newPage();
    for (let load = 0; load < 2; load++) {
      await open(page, blank, { userId, traits: { scenario: 'holdout' } });
      const others = await drawnWith(page, 'holdout-marker');
      assert(others.length === 0, `load ${load}: the tour's holdout never saw it, yet sees: ${others}`);
    }
    await page.evaluate(() => window.Cairn.flush());
    await eventually(() => t.collector.state.events.some((e) => e.event === 'cairn_guide_seen' && e.userId === userId &&
      e.properties?.guide_id === 'tour' && e.properties?.variant === 'holdout'), 'the holdout exposure is recorded for impact');
    await page.context().close();
  }

  // Rollouts: the bucket decides, the same on a reload and on another device.
  for (const userId of ['u0', 'u1', 'u2', 'u5']) {
    const expected = bucket(userId, 'half') < 5000;
    for (const device of ['laptop', 'phone']) {
      const page = await t.newPage();
      for (let load = 0; load < 2; load++) {
        await open(page, blank, { userId, traits: { scenario: 'rollout' } });
        const got = (await drawnWith(page, 'rollout-marker')).includes('half');
        assert(got === expected, `${userId} on the ${device}, load ${load}: in the 50% rollout ${got}, bucket says ${expected}`);
      }
      await page.context().close();
    }
  }

  // Experiments before consent: no ids are kept, so no variant; after
  // consent(true) the once-only experiment guide shows on the next page.
  {
    const page = await t.newPage();
    await open(page, blank, { userId: 'c-user', traits: { scenario: 'consent' }, consent: 'pending' });
    const before = await drawnWith(page, 'consent-marker');
    assert(before.length === 0, `no id before consent, yet shown: ${before}`);
    await page.evaluate(() => window.Cairn.consent(true));
    await open(page, blank, { userId: 'c-user', traits: { scenario: 'consent' }, consent: 'pending' });
    const after = await drawnWith(page, 'consent-marker');
    assert(after.join() === 'ab-test', `after consent the experiment shows: ${after}`);
    await page.context().close();
  }

  // Locales: Brazilian Portuguese gets the Portuguese text, German the fallback.
  for (const [locale, title] of [['pt-BR', 'Olá'], ['de-DE', 'Hello']]) {
    const page = await t.newPage();
    await open(page, blank, { userId: `l-${locale}`, traits: { scenario: 'locale' }, locale });
    const shown = await eventually(() => page.evaluate(() =>
      document.querySelector('cairn-ui')?.shadowRoot?.querySelector('[data-guide="localized"] .t')?.textContent), `the guide for ${locale}`);
    assert(shown === title, `${locale}: ${shown}, expected ${title}`);
    await page.context().close();
  }
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
