// Guides are fetched with the ETag of the cached copy: an unchanged list
// answers 304 and the cached guides run; offline, the cache runs; a changed
// list answers 200 and replaces the cache.
import { assert, eventually, withBrowser } from './harness.mjs';
import { shownStep } from './guides.mjs';

const guides = (title) => ({ guides: [{ schema: 1, id: 'cached-banner', name: 'Cached banner', version: 1, status: 'published',
  trigger: { kind: 'page_load' }, frequency: { kind: 'every_session' },
  steps: [{ id: 'b', kind: 'banner', content: { en: { title, buttons: [{ label: 'OK', action: 'complete' }] } } }] }] });

await withBrowser('browser: sdk guides cache', { guides: guides('First version') }, async (t) => {
  const page = await t.newPage();
  const fetches = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/v1/guides') && r.request().method() === 'GET') {
      fetches.push({ status: r.status(), sent: r.request().headers()['if-none-match'] ?? null, etag: r.headers().etag ?? null });
    }
  });
  // Loads the page and starts Cairn; resolves with the banner's title.
  const start = async (load) => {
    await load();
    await page.evaluate((host) => window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 300 }), t.collector.url);
    return (await eventually(() => shownStep(page), 'the banner shows')).title;
  };

  assert(await start(() => page.goto(`${t.app}/pages/sdk-blank.html`)) === 'First version', 'first load shows the banner');
  assert(fetches.length === 1 && fetches[0].status === 200 && fetches[0].sent === null && fetches[0].etag,
    `first fetch: ${JSON.stringify(fetches)}`);
  const etag = fetches[0].etag;

  assert(await start(() => page.reload()) === 'First version', 'the cached guides run after a 304');
  assert(fetches.length === 2 && fetches[1].status === 304 && fetches[1].sent === etag, `revalidated: ${JSON.stringify(fetches[1])}`);

  t.collector.state.offline = true;
  const requests = t.collector.state.guideRequests;
  assert(await start(() => page.reload()) === 'First version', 'offline, the cached guides run');
  assert(t.collector.state.guideRequests === requests, 'the collector was unreachable');
  t.collector.state.offline = false;

  t.collector.state.guides = guides('Second version');
  assert(await start(() => page.reload()) === 'Second version', 'a changed list replaces the cache');
  const last = fetches[fetches.length - 1];
  assert(last.status === 200 && last.sent === etag && last.etag !== etag, `refetched: ${JSON.stringify(last)}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
