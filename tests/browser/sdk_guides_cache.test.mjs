// Guides are fetched in the packed form with the ETag of the cached copy: an
// unchanged list answers 304 and the cached guides run; offline, the cache
// runs; a changed list answers 200 and replaces the cache. A cached JSON copy
// (SDKs before the packed form) is never read as packed bytes, and a damaged
// cached copy is dropped and the list fetched whole.
import { assert, eventually, withBrowser } from './harness.mjs';
import { shownStep } from './guides.mjs';
import { PACKED_GUIDES } from './servers.mjs';

const guides = (title) => ({ guides: [{ schema: 1, id: 'cached-banner', name: 'Cached banner', version: 1, status: 'published',
  trigger: { kind: 'page_load' }, frequency: { kind: 'every_session' },
  steps: [{ id: 'b', kind: 'banner', content: { en: { title, buttons: [{ label: 'OK', action: 'complete' }] } } }] }] });
const CACHE_KEY = 'cairn:guides.pack1';

await withBrowser('browser: sdk guides cache', { guides: guides('First version') }, async (t) => {
  const page = await t.newPage();
  const fetches = [];
  page.on('response', (r) => {
    if (r.url().endsWith('/v1/guides') && r.request().method() === 'GET') {
      const sent = r.request().headers();
      fetches.push({ status: r.status(), sent: sent['if-none-match'] ?? null, accept: sent.accept ?? null, etag: r.headers().etag ?? null });
    }
  });
  // Loads the page and starts Cairn; resolves with the banner's title.
  const start = async (load) => {
    await load();
    await page.evaluate((host) => window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 300 }), t.collector.url);
    return (await eventually(() => shownStep(page), 'the banner shows')).title;
  };
  const cached = () => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? 'null'), CACHE_KEY);

  // A JSON copy left by an older SDK is ignored (no If-None-Match from it) and removed.
  const oldCopy = async () => {
    await page.goto(`${t.app}/pages/sdk-blank.html`);
    await page.evaluate((body) => localStorage.setItem('cairn:guides', JSON.stringify({ etag: '"old"', body })), guides('Old JSON copy'));
  };
  assert(await start(oldCopy) === 'First version', 'first load shows the banner');
  assert(fetches.length === 1 && fetches[0].status === 200 && fetches[0].sent === null && fetches[0].etag,
    `first fetch: ${JSON.stringify(fetches)}`);
  // With the newest packed version the SDK reads, so that a newer collector answers one it reads.
  assert(fetches[0].accept === `${PACKED_GUIDES}; v=2`, `asked for the packed form: ${fetches[0].accept}`);
  assert(await page.evaluate(() => localStorage.getItem('cairn:guides')) === null, 'the JSON copy is gone');
  const etag = fetches[0].etag;
  assert((await cached())?.etag === etag && typeof (await cached()).packed === 'string', `cached: ${JSON.stringify(await cached())}`);

  assert(await start(() => page.reload()) === 'First version', 'the cached guides run after a 304');
  assert(fetches.length === 2 && fetches[1].status === 304 && fetches[1].sent === etag, `revalidated: ${JSON.stringify(fetches[1])}`);

  t.collector.state.offline = true;
  const requests = t.collector.state.guideRequests;
  assert(await start(() => page.reload()) === 'First version', 'offline, the cached guides run');
  assert(t.collector.state.guideRequests === requests, 'the collector was unreachable');
  t.collector.state.offline = false;

  // Cached bytes the core refuses, under the current ETag: the 304 does not
  // run them; the copy is dropped and the list fetched whole.
  const damage = (packed) => async () => {
    await page.reload();
    await page.evaluate(([key, p]) => {
      const entry = JSON.parse(localStorage.getItem(key));
      localStorage.setItem(key, JSON.stringify({ ...entry, packed: p ?? entry.packed.slice(0, -8) }));
    }, [CACHE_KEY, packed]);
  };
  let before = fetches.length;
  assert(await start(damage(null)) === 'First version', 'a truncated cached copy is replaced');
  assert(fetches.length === before + 2 && fetches[before].status === 304 && fetches[before + 1].status === 200
    && fetches[before + 1].sent === null, `refetched after a refused copy: ${JSON.stringify(fetches.slice(before))}`);
  before = fetches.length;
  assert(await start(damage('not base64!')) === 'First version', 'an unreadable cached copy is replaced');
  assert(fetches.length === before + 1 && fetches[before].status === 200 && fetches[before].sent === null,
    `fetched whole: ${JSON.stringify(fetches.slice(before))}`);

  t.collector.state.guides = guides('Second version');
  assert(await start(() => page.reload()) === 'Second version', 'a changed list replaces the cache');
  const last = fetches[fetches.length - 1];
  assert(last.status === 200 && last.sent === etag && last.etag !== etag, `refetched: ${JSON.stringify(last)}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
