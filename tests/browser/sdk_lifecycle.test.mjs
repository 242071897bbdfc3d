// init and shutdown as a host's framework calls them (docs/sdk.md#api): a
// component that mounts, unmounts and mounts again (React's StrictMode) runs
// init, shutdown and init before the core has loaded, and gets one SDK, not
// two recording every page view and click twice; a shutdown while the core or
// the guides load starts nothing and shows nothing; a call made while shut
// down is dropped, and a send failing after it arms no retry; a shutdown leaves the history wrappers other scripts
// added after ours working. A core that cannot load
// warns on the console, without an unhandled rejection for the host's error
// tracker, and a later init tries again; a collector that never answers the
// guides request holds init only so long, then the cached guides run. An
// option init does not know (a typo) warns, naming it.
import { assert, eventually, withBrowser } from './harness.mjs';
import { shownStep } from './guides.mjs';

const hello = { schema: 1, id: 'hello', name: 'Hello', version: 1, status: 'published',
  trigger: { kind: 'page_load' }, frequency: { kind: 'every_session' },
  steps: [{ id: 'hi', kind: 'banner', content: { en: { title: 'Hello', body: 'On every page load.',
    buttons: [{ label: 'OK', action: 'complete', style: 'primary' }] } } }] };

await withBrowser('browser: sdk lifecycle', { guides: { guides: [hello] } }, async (t) => {
  const state = t.collector.state;
  const host = t.collector.url;
  // A page of its own (by its query) so events of the steps before cannot
  // count, with its console and unhandled rejections kept.
  const open = async (step) => {
    const page = await t.newPage();
    const console = [];
    page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') console.push(m.text()); });
    await page.addInitScript(() => {
      window.__rejections = [];
      addEventListener('unhandledrejection', (e) => window.__rejections.push(String(e.reason)));
    });
    await page.goto(`${t.app}/pages/sdk-blank.html?step=${step}`);
    return { page, console, events: () => state.events.filter((e) => e.context?.page?.search === `?step=${step}`) };
  };
  const uiCount = (page) => page.evaluate(() => document.querySelectorAll('cairn-ui').length);

  // Mount, unmount, mount: one SDK runs. Its page view and a click are
  // recorded once each (twice, by two clients, before).
  {
    const { page, console, events } = await open('remount');
    await page.evaluate((h) => {
      const options = { writeKey: 'test-key', host: h, flushIntervalMs: 100 };
      window.Cairn.init(options);
      window.Cairn.shutdown();
      return window.Cairn.init(options);
    }, host);
    await eventually(() => shownStep(page), 'the banner shows');
    await page.click('#new-project');
    await page.evaluate(() => window.Cairn.flush());
    await eventually(() => events().some((e) => e.event === 'cairn_click'), 'the click arrives');
    await page.waitForTimeout(500);
    const kinds = events().filter((e) => e.type === 'page' || e.event === 'cairn_click').map((e) => e.event ?? e.type);
    assert(kinds.join() === 'page,cairn_click', `one page view and one click: ${kinds}`);
    assert(await uiCount(page) === 1, 'one <cairn-ui>');
    assert(console.length === 0, `console: ${console.join(' | ')}`);
    await page.context().close();
  }

  // Unmounted while the core loads: nothing starts.
  {
    const { page, events } = await open('unmounted');
    await page.evaluate((h) => {
      window.__init = window.Cairn.init({ writeKey: 'test-key', host: h, flushIntervalMs: 100 });
      window.Cairn.shutdown();
    }, host);
    assert(await page.evaluate(() => window.__init.then(() => 'resolved')) === 'resolved', 'the shut down init resolves');
    await page.waitForTimeout(800);
    assert(await page.evaluate(() => window.Cairn.debug.core()) === null, 'no core runs after shutdown');
    assert(events().length === 0, `nothing recorded: ${events().map((e) => e.event ?? e.type)}`);
    assert(await uiCount(page) === 0, 'nothing drawn');
    await page.context().close();
  }

  // Calls to a shut down SDK are dropped, not kept for the next init to
  // record (a host that shuts Cairn down for a user who said no).
  {
    const { page, events } = await open('while-off');
    await page.evaluate((h) => window.Cairn.init({ writeKey: 'test-key', host: h, flushIntervalMs: 100 }), host);
    await page.evaluate((h) => {
      window.Cairn.shutdown();
      window.Cairn.track('While Off');
      window.Cairn.init({ writeKey: 'test-key', host: h, flushIntervalMs: 100 });
      window.Cairn.track('Back On');
    }, host);
    await eventually(() => events().some((e) => e.event === 'Back On'), 'the call after init arrives');
    await page.waitForTimeout(300);
    assert(!events().some((e) => e.event === 'While Off'), 'the call made while shut down is not recorded');
    await page.context().close();
  }

  // A batch that fails after shutdown arms no retry: the stopped SDK sends
  // nothing more (its events wait in storage for the next start).
  {
    const { page } = await open('retry');
    let posts = 0;
    // Answered late, so the first failure comes after the shutdown (its
    // retry would follow 1-2 s later).
    await page.route('**/v1/batch', async (r) => {
      posts++;
      await new Promise((ok) => setTimeout(ok, 300));
      await r.fulfill({ status: 500, body: 'down' });
    });
    await page.evaluate((h) => window.Cairn.init({ writeKey: 'test-key', host: h, flushIntervalMs: 60000 }), host);
    await page.evaluate(() => { window.Cairn.flush(); window.Cairn.shutdown(); });
    await eventually(() => posts === 1, 'the flush is sent');
    await page.waitForTimeout(3500);
    assert(posts === 1, `no retry after shutdown: ${posts} posts`);
    await page.context().close();
  }

  // Shut down while the guides are on their way: the page_load guide does not
  // show after it.
  {
    const { page } = await open('guides-late');
    let release;
    const held = new Promise((ok) => { release = ok; });
    await page.route('**/v1/guides', async (route) => { await held; await route.continue(); });
    await page.evaluate((h) => { window.Cairn.init({ writeKey: 'test-key', host: h }); }, host);
    await eventually(() => page.evaluate(() => window.Cairn.debug.core()), 'the core loads');
    await page.evaluate(() => window.Cairn.shutdown());
    release();
    await page.waitForTimeout(800);
    assert(await shownStep(page) === null && await uiCount(page) === 0, 'no guide after shutdown');
    await page.context().close();
  }

  // Shut down after another script wrapped history.pushState around ours
  // (an error tracker's navigation breadcrumbs): its wrapper keeps seeing
  // route changes, and Cairn records none after the shutdown.
  {
    const { page } = await open('wrapped');
    await page.evaluate((h) => window.Cairn.init({ writeKey: 'test-key', host: h, flushIntervalMs: 100 }), host);
    const seen = await page.evaluate(() => {
      const seen = [];
      const inner = history.pushState;
      history.pushState = function (...args) { seen.push(args[2]); return inner.apply(this, args); };
      window.Cairn.shutdown();
      history.pushState({}, '', '?step=wrapped-after');
      return seen;
    });
    assert(seen.join() === '?step=wrapped-after', `the other script's wrapper still runs: ${seen}`);
    await page.waitForTimeout(500);
    const after = state.events.filter((e) => e.context?.page?.search === '?step=wrapped-after');
    assert(after.length === 0, `nothing recorded after shutdown: ${after.map((e) => e.event ?? e.type)}`);
    await page.context().close();
  }

  // A core that cannot load: one console warning naming the file, no
  // unhandled rejection; a host that awaits init still gets the rejection,
  // and a later init tries again.
  {
    const { page, console, events } = await open('no-core');
    await page.evaluate((h) => { window.Cairn.init({ writeKey: 'test-key', host: h, wasmUrl: '/sdk/missing.wasm' }); }, host);
    await eventually(() => console.some((m) => m.startsWith('cairn:')), 'the warning');
    await page.waitForTimeout(200);
    const rejections = await page.evaluate(() => window.__rejections);
    assert(rejections.length === 0, `no unhandled rejection: ${rejections}`);
    const warned = console.filter((m) => m.startsWith('cairn:'));
    assert(warned.length === 1 && warned[0].startsWith('cairn: cannot load the core from /sdk/missing.wasm'), `console: ${warned}`);
    const awaited = await page.evaluate((h) => window.Cairn.init({ writeKey: 'test-key', host: h, wasmUrl: '/sdk/missing.wasm' })
      .then(() => 'resolved', (e) => e.message), host);
    assert(awaited.startsWith('cairn: cannot load the core from /sdk/missing.wasm'), `the awaiting host's rejection: ${awaited}`);
    const again = await page.evaluate((h) => window.Cairn.init({ writeKey: 'test-key', host: h, flushIntervalMs: 100 })
      .then(() => 'resolved', (e) => e.message), host);
    assert(again === 'resolved', `a later init starts: ${again}`);
    await eventually(() => events().some((e) => e.type === 'page'), 'the retried init records its page view');
    await page.context().close();
  }

  // A collector that takes the guides request and never answers: init
  // settles, and the copy the last page load cached runs.
  {
    const { page, console } = await open('hung');
    await page.evaluate((h) => window.Cairn.init({ writeKey: 'test-key', host: h }), host);
    await eventually(() => shownStep(page), 'the banner shows (and its list is cached)');
    await page.route('**/v1/guides', () => {});  // never answered
    await page.reload();
    const started = Date.now();
    const settled = await page.evaluate((h) => Promise.race([
      window.Cairn.init({ writeKey: 'test-key', host: h }).then(() => 'resolved'),
      new Promise((ok) => setTimeout(() => ok('pending'), 20000))]), host);
    assert(settled === 'resolved', `init settles without the collector's answer: ${settled}`);
    assert(Date.now() - started < 15000, `within the guides timeout: ${Date.now() - started} ms`);
    assert((await shownStep(page))?.guide === 'hello', 'the cached guide runs');
    assert(console.length === 0, `console: ${console.join(' | ')}`);
    await page.context().close();
  }

  // An option init does not know (a typo): named on the console.
  {
    const { page, console } = await open('typo');
    await page.evaluate((h) => window.Cairn.init({ writeKey: 'test-key', host: h, capturePageViews: false, batchSize: 5 }), host);
    assert(console.join(' | ') === 'cairn: Cairn.init: unknown option "capturePageViews" | cairn: Cairn.init: unknown option "batchSize"',
      `console: ${console.join(' | ')}`);
    await page.context().close();
  }
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
