// One end user with the app open in several tabs of one origin (one browser
// profile, one localStorage), docs/sdk.md#several-tabs:
//  - two tabs recording offline and both closed lose nothing: each tab keeps
//    its own queue, and the next tab sends the queues of the gone ones (once);
//    a reload keeps the tab's queue key, a duplicated tab draws its own; the
//    one shared queue of an earlier SDK is taken over too;
//  - a guide completed in one tab goes away in the other, and the other tab's
//    later writes do not bring it back in a tab opened after;
//  - consent(false) in one tab stops recording in the others at once;
//  - a log out (reset) in one tab: the other tab's events are no longer the
//    old user's; an anonymous visitor's reset ends their guides there too,
//    and a write of the other tab racing the reset brings none of them back;
//  - a tour is one tour in all tabs: started in one, it runs in the others;
//    a step taken in one moves the others; dismissed in one, it goes away in
//    the others, and a reload shows the step the user reached.
import { assert, eventually, withBrowser } from './harness.mjs';
import { shownStep } from './guides.mjs';

const welcome = { schema: 1, id: 'welcome', name: 'Welcome', version: 1, status: 'published',
  trigger: { kind: 'page_load' }, frequency: { kind: 'until_completed' },
  steps: [{ id: 'hello', kind: 'banner', content: { en: { title: 'Welcome', body: 'Glad you are here.',
    buttons: [{ label: 'Got it', action: 'complete', style: 'primary' }] } } }] };

const buttons = (...labels) => labels.map((label) => ({ label, action: label === 'Done' ? 'complete' : label.toLowerCase() }));
const tour = { schema: 1, id: 'tour', name: 'Tour', version: 1, status: 'published',
  trigger: { kind: 'manual' }, frequency: { kind: 'until_completed' },
  steps: [['First', 'Next'], ['Second', 'Back', 'Next'], ['Third', 'Done']].map(([title, ...labels], i) =>
    ({ id: `s${i}`, kind: 'modal', content: { en: { title, body: title, buttons: buttons(...labels) } } })) };

// The titles of every card shown, by guide (shownStep sees the first card only).
const shown = (page) => page.evaluate(() => Object.fromEntries([...document.querySelector('cairn-ui')?.shadowRoot?.querySelectorAll('[data-cairn-step]') ?? []]
  .filter((card) => card.getBoundingClientRect().width > 0).map((card) => [card.getAttribute('data-guide'), card.querySelector('.t')?.textContent])));

await withBrowser('browser: sdk tabs', { guides: { guides: [welcome, tour] } }, async (t) => {
  const state = t.collector.state;
  const named = (name) => state.events.filter((e) => e.event === name);
  // A tab of `context` with the SDK running on it.
  const openTab = async (context, { guides = false } = {}) => {
    const page = await context.newPage();
    page.setDefaultTimeout(10000);
    page.on('pageerror', (e) => t.errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) t.errors.push(m.text());
    });
    await page.goto(`${t.app}/pages/sdk-blank.html`);
    await page.evaluate(({ host, guides }) => window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 100, guides }),
      { host: t.collector.url, guides });
    // The keys other tabs wrote, as this tab heard them: its listener runs after
    // the SDK's (added at init), so a key listed here is one the SDK has seen.
    await page.evaluate(() => { window.__otherTabKeys = []; window.addEventListener('storage', (e) => window.__otherTabKeys.push(e.key)); });
    return page;
  };
  // The storage event of another tab's write comes when the browser delivers
  // it, later on a loaded machine: wait for it rather than for a fixed time.
  const heard = (page, key) => eventually(() => page.evaluate((k) => window.__otherTabKeys.includes(k), key), `the tab hears of ${key}`);
  const newProfile = () => t.browser.newContext({ viewport: { width: 1100, height: 720 } });

  // ---- 1. Offline in two tabs, both closed: nothing lost, nothing twice.
  {
    const context = await newProfile();
    const a = await openTab(context);
    const b = await openTab(context);
    await eventually(() => state.events.filter((e) => e.type === 'page').length >= 2, 'both page views arrive online');
    await context.setOffline(true);
    await a.evaluate(() => window.Cairn.track('Offline In A'));
    await b.evaluate(() => window.Cairn.track('Offline In B'));
    await a.evaluate(() => window.Cairn.track('Offline In A Again'));
    // The recorder stores its queue within a second of an event.
    const storedQueues = () => a.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.queue')).map((k) => localStorage.getItem(k)).join());
    await eventually(async () => { const q = await storedQueues(); return q.includes('"Offline In A Again"') && q.includes('"Offline In B"'); },
      'both tabs store their queues');
    await a.close();
    await b.close();
    await context.setOffline(false);
    // The closed tabs sent no beacon (offline: it would be lost), so their
    // events are only in their stored queues. A retry a tab had under way as
    // it closed may still arrive (seen in Chromium under load, a send of the
    // closed tab's own events after close() resolved); the collector drops
    // that copy by messageId. Only the next tab holds both tabs' events: its
    // batches are the ones that carry both.
    const c = await openTab(context);
    for (const name of ['Offline In A', 'Offline In B', 'Offline In A Again']) {
      await eventually(() => named(name).length === 1, `"${name}" recorded offline in a closed tab arrives`);
    }
    await eventually(async () => (await c.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.queue')))).length === 0,
      'no queue left in storage once delivered');
    const both = state.batches.filter((b) => ['Offline In A', 'Offline In B'].every((n) => b.batch.some((e) => e.event === n)));
    const sent = both.flatMap((b) => b.batch).filter((e) => e.event?.startsWith('Offline In')).length;
    assert(sent === 3, `each offline event sent once by the next tab, not ${sent} times`);
    await context.close();
  }

  // ---- 1b. A reload keeps the tab's id and queue key: no orphan, no second copy.
  {
    const context = await newProfile();
    const a = await openTab(context);
    const before = await a.evaluate(() => sessionStorage.getItem('cairn.tab'));
    state.offline = true;
    await a.evaluate(() => window.Cairn.track('Before Reload'));
    await eventually(() => a.evaluate(() => Object.keys(localStorage).some((k) => k.startsWith('cairn.queue') && localStorage.getItem(k).includes('"Before Reload"'))),
      'the queue is stored');
    await a.reload();
    await a.evaluate((host) => window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 100 }), t.collector.url);
    const after = await a.evaluate(() => sessionStorage.getItem('cairn.tab'));
    assert(before && after === before, `the tab's id across a reload: ${before} → ${after}`);
    const keys = await a.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.queue')));
    assert(keys.join() === `cairn.queue.${before}`, `one queue, under the tab's key: ${keys}`);
    state.offline = false;
    await a.evaluate(() => window.Cairn.flush());
    await eventually(() => named('Before Reload').length === 1, 'the event recorded before the reload arrives');
    await context.close();
  }

  // ---- 1c. A duplicated tab (its sessionStorage copied, the tab id with it)
  // draws its own id: two running tabs never share a queue key.
  {
    const context = await newProfile();
    const a = await openTab(context);
    const id = await a.evaluate(() => sessionStorage.getItem('cairn.tab'));
    await context.addInitScript((copied) => sessionStorage.setItem('cairn.tab', copied), id);
    const duplicate = await openTab(context);
    const own = await duplicate.evaluate(() => sessionStorage.getItem('cairn.tab'));
    assert(id && own && own !== id, `the duplicate's id: ${own}, the original's: ${id}`);
    await context.close();
  }

  // ---- 1d. The one shared queue (an earlier SDK, or a browser without Web
  // Locks) is taken over by the next tab, also when the page holds Web Locks
  // of its own (another script's lock is not a Cairn tab).
  {
    const context = await newProfile();
    const noLocks = await context.newPage();
    await noLocks.addInitScript(() => Object.defineProperty(Navigator.prototype, 'locks', { get: () => undefined }));
    await noLocks.goto(`${t.app}/pages/sdk-blank.html`);
    await noLocks.evaluate((host) => window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 100, guides: false }), t.collector.url);
    state.offline = true;
    await noLocks.evaluate(() => window.Cairn.track('In The Shared Queue'));
    await eventually(() => noLocks.evaluate(() => (localStorage.getItem('cairn.queue') ?? '').includes('"In The Shared Queue"')),
      'the shared queue is stored');
    await noLocks.close();
    state.offline = false;
    const next = await context.newPage();
    await next.goto(`${t.app}/pages/sdk-blank.html`);
    await next.evaluate(() => { navigator.locks.request('app', () => new Promise(() => {})); });
    await next.evaluate((host) => window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 100, guides: false }), t.collector.url);
    await eventually(() => named('In The Shared Queue').length === 1, 'the shared queue is taken over beside the page\'s own lock');
    await context.close();
  }

  // ---- 2. A guide completed in one tab.
  {
    const context = await newProfile();
    const a = await openTab(context, { guides: true });
    assert((await eventually(() => shownStep(a), 'tab A shows the welcome banner')).guide === 'welcome', 'welcome in A');
    const b = await openTab(context, { guides: true });
    assert((await eventually(() => shownStep(b), 'tab B shows it too')).guide === 'welcome', 'welcome in B');
    await a.locator('cairn-ui').getByRole('button', { name: 'Got it' }).click();
    await eventually(async () => (await shownStep(a)) === null, 'tab A: completed');
    await eventually(async () => (await shownStep(b)) === null, 'tab B: the banner completed in tab A goes away');
    // Tab B goes on (its session stores its state), then a third tab opens.
    await b.evaluate(() => window.Cairn.track('Opened Settings'));
    await b.waitForTimeout(300);
    // The session's JSON text, stored as a JSON string.
    const stored = await b.evaluate(() => JSON.parse(JSON.parse(localStorage.getItem('cairn:session'))));
    assert(stored.guides?.welcome?.completed === 1, `the completion survives tab B's write: ${JSON.stringify(stored)}`);
    const c = await openTab(context, { guides: true });
    await c.waitForTimeout(1000);
    assert((await shownStep(c)) === null, `a completed guide shows in a new tab: ${JSON.stringify(await shownStep(c))}`);
    const completions = named('cairn_guide_completed').length;
    assert(completions === 1, `one completion recorded, not ${completions}`);
    const seen = named('cairn_guide_seen').length;
    assert(seen === 1, `the banner seen once (tab B resumed tab A's), not ${seen} times`);
    await context.close();
  }

  // ---- 3. consent(false) in one tab.
  {
    const context = await newProfile();
    const a = await openTab(context);
    const b = await openTab(context);
    await b.evaluate(() => { window.Cairn.track('Before Withdrawal'); window.Cairn.flush(); });
    await eventually(() => named('Before Withdrawal').length === 1, 'recording before the withdrawal');
    await a.evaluate(() => window.Cairn.consent(false));
    await heard(b, 'cairn:consent');
    await b.evaluate(() => { window.Cairn.track('After Withdrawal'); window.Cairn.flush(); });
    await b.waitForTimeout(800);
    assert(named('After Withdrawal').length === 0, 'tab B recorded after the user withdrew consent in tab A');
    const keys = await b.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('cairn.')));
    assert(keys.length === 0, `stored for recording after the withdrawal: ${keys}`);
    await context.close();
  }

  // ---- 4. Log out in one tab.
  {
    const context = await newProfile();
    const a = await openTab(context);
    await a.evaluate(() => window.Cairn.identify('user-7'));
    const b = await openTab(context);
    await b.evaluate(() => { window.Cairn.track('Before Logout'); window.Cairn.flush(); });
    await eventually(() => named('Before Logout').length === 1, 'tab B records as user-7');
    assert(named('Before Logout')[0].userId === 'user-7', `tab B: ${JSON.stringify(named('Before Logout')[0]).slice(0, 200)}`);
    await a.evaluate(() => { window.Cairn.reset(); window.Cairn.track('A After Logout'); window.Cairn.flush(); });
    await eventually(() => named('A After Logout').length === 1, 'tab A records after the log out');
    await heard(b, 'cairn.identity');
    await b.evaluate(() => { window.Cairn.track('B After Logout'); window.Cairn.flush(); });
    await eventually(() => named('B After Logout').length === 1, 'tab B records after the log out');
    const [inA, inB] = [named('A After Logout')[0], named('B After Logout')[0]];
    assert(inB.userId === undefined && inB.anonymousId === inA.anonymousId,
      `tab B after the log out in tab A: ${JSON.stringify({ a: [inA.userId, inA.anonymousId], b: [inB.userId, inB.anonymousId] })}`);
    await context.close();
  }

  // ---- 5. One tour across tabs: started in A, it runs in B (open before);
  // a step taken in either moves the other; a reload resumes at the step
  // reached; dismissed in B, it goes away in A.
  {
    const context = await newProfile();
    const a = await openTab(context, { guides: true });
    const b = await openTab(context, { guides: true });
    await eventually(async () => (await shown(b)).welcome, 'tab B is running');
    await a.evaluate(() => window.Cairn.launch('tour'));
    await eventually(async () => (await shown(a)).tour === 'First', 'tab A shows the tour');
    await eventually(async () => (await shown(b)).tour === 'First', 'tab B, open before, runs the tour started in tab A');
    await a.locator('cairn-ui [data-guide="tour"]').getByRole('button', { name: 'Next' }).click();
    await eventually(async () => (await shown(b)).tour === 'Second', 'tab B follows the step taken in tab A');
    await b.locator('cairn-ui [data-guide="tour"]').getByRole('button', { name: 'Next' }).click();
    await eventually(async () => (await shown(a)).tour === 'Third', 'tab A follows the step taken in tab B');
    await a.reload();
    await a.evaluate((host) => window.Cairn.init({ writeKey: 'test-key', host, flushIntervalMs: 100, guides: true }), t.collector.url);
    await eventually(async () => (await shown(a)).tour === 'Third', 'a reload of tab A resumes at the step reached');
    await b.locator('cairn-ui [data-guide="tour"] button.x').click();
    await eventually(async () => !(await shown(a)).tour, 'the tour dismissed in tab B goes away in tab A');
    await a.evaluate(() => window.Cairn.flush());
    await b.evaluate(() => window.Cairn.flush());
    await eventually(() => named('cairn_guide_dismissed').length === 1, 'the dismissal is recorded');
    await a.waitForTimeout(500);
    const seen = named('cairn_step_seen').filter((e) => e.properties?.guide_id === 'tour').map((e) => e.properties.step_index).sort();
    assert(JSON.stringify(seen) === '[0,1,2]', `each tour step seen once: ${JSON.stringify(seen)}`);
    assert(named('cairn_guide_dismissed').length === 1, 'dismissed once');
    await context.close();
  }

  // ---- 6. An anonymous visitor's log out in one tab: the other tab's guide
  // progress is not shown to the next visitor, and its ids are the new ones.
  {
    const context = await newProfile();
    const a = await openTab(context, { guides: true });
    const b = await openTab(context, { guides: true });
    await b.evaluate(() => window.Cairn.launch('tour'));
    await eventually(async () => (await shown(a)).tour === 'First', 'tab A runs the tour launched in tab B');
    const before = await b.evaluate(() => localStorage.getItem('cairn:session'));
    await a.evaluate(() => window.Cairn.reset());
    await eventually(async () => !(await shown(a)).tour, 'tab A: the log out ends the tour');
    await eventually(async () => !(await shown(b)).tour, 'tab B: the next visitor does not see the tour of the one before');
    await a.waitForTimeout(500);
    assert(!(await shown(a)).tour, 'tab A took the tour of the visitor before back from tab B');
    await b.evaluate(() => { window.Cairn.track('B After Anonymous Logout'); window.Cairn.flush(); });
    await a.evaluate(() => { window.Cairn.track('A After Anonymous Logout'); window.Cairn.flush(); });
    await eventually(() => named('B After Anonymous Logout').length === 1 && named('A After Anonymous Logout').length === 1, 'both tabs record');
    const [inA, inB] = [named('A After Anonymous Logout')[0], named('B After Anonymous Logout')[0]];
    assert(inB.anonymousId === inA.anonymousId, `one anonymous id after the log out: ${inA.anonymousId}, ${inB.anonymousId}`);
    await b.waitForTimeout(300);
    const stored = await b.evaluate(() => JSON.parse(JSON.parse(localStorage.getItem('cairn:session'))));
    assert(!stored.guides?.tour && !stored.active?.some((r) => r.guide === 'tour'), `the visitor before's tour is stored: ${JSON.stringify(stored)}`);
    // A write of tab B that raced the reset (its state of the visitor before,
    // stored before it heard of the reset): both visitors are anonymous, the
    // state's anonymous id tells them apart, and tab A merges nothing of it.
    await a.evaluate(() => { window.__otherTabKeys = []; });
    await b.evaluate((s) => localStorage.setItem('cairn:session', s), before);
    await heard(a, 'cairn:session');
    await a.waitForTimeout(300);
    assert(!(await shown(a)).tour, 'tab A took the tour of the visitor before from a write that raced the reset');
    await context.close();
  }
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
