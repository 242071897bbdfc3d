// The start script of docs/quickstart.md#with-script-tags-from-the-collector,
// run as printed there (the same queue as docs/sdk.md's), with cairn.js
// loaded `async` after it: the host's calls made before cairn.js runs are
// replayed in order, a reference to the queue taken early forwards to the
// SDK later, a second cairn.js (a tag manager adding it again) leaves the
// running SDK in place, and when cairn.js cannot load at all (the collector
// down, a blocker) the host's calls neither throw nor break the page.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { assert, eventually, ROOT, withBrowser } from './harness.mjs';

// The ```js block of `doc` that defines the queue.
function startScript(doc) {
  const blocks = [...readFileSync(join(ROOT, 'docs', doc), 'utf8').matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
  const script = blocks.find((b) => b.includes('if (!window.Cairn)'));
  assert(script, `${doc}: no start script with the queue`);
  return script;
}
const queueOf = (script) => script.slice(script.indexOf('if (!window.Cairn)'), script.indexOf('\n}\n') + 3);

const quickstart = startScript('quickstart.md');
assert(queueOf(quickstart) === queueOf(startScript('sdk.md')), 'quickstart.md and sdk.md print the same queue');

await withBrowser('browser: sdk snippet queue', {}, async (t) => {
  const state = t.collector.state;
  // pages/snippet-queue.html: the start script, cairn.js async, then the
  // host's code (pages/snippet-queue-app.js).
  const open = async (search, cairnJs) => {
    const page = await t.newPage();
    const console = [];
    page.on('console', (m) => { if (m.type() === 'warning' || m.type() === 'error') console.push(m.text()); });
    const script = quickstart.replace("'cwk_...'", "'test-key'").replace("'https://cairn.example.com'", JSON.stringify(t.collector.url));
    await page.route(`${t.app}/js/start-cairn.js`, (r) => r.fulfill({ contentType: 'text/javascript', body: script }));
    await page.route(`${t.app}/sdk/cairn.js`, cairnJs);
    await page.goto(`${t.app}/pages/snippet-queue.html${search}`);
    return { page, console };
  };

  // cairn.js arrives late: everything called before is replayed in order.
  const late = await open('?late', async (r) => { await new Promise((ok) => setTimeout(ok, 400)); await r.continue(); });
  assert(await late.page.evaluate(() => window.queuedBefore) === 3, 'three calls queued before cairn.js ran');
  await eventually(() => late.page.evaluate(() => !Array.isArray(window.Cairn) && window.Cairn.debug.core()), 'cairn.js replaced the queue');
  await late.page.evaluate(() => window.early.track('Late'));  // the early reference forwards
  await late.page.click('#save');
  const names = () => state.events.filter((e) => e.context?.page?.search === '?late').map((e) => e.event ?? e.type);
  await eventually(() => names().includes('Saved'), 'the events arrive');
  assert(names().join() === 'page,identify,Early,Late,cairn_click,Saved', `in call order: ${names()}`);
  // The page view is init's own, recorded before the calls that follow it.
  assert(state.events.filter((e) => e.context?.page?.search === '?late' && e.type !== 'page').every((e) => e.userId === 'user-42'),
    'identified from the queued identify on');
  assert(late.console.length === 0, `console: ${late.console.join(' | ')}`);
  // A tag manager adds cairn.js a second time: the running SDK keeps
  // window.Cairn (replaced by a copy never started, it lost every call after).
  await late.page.addScriptTag({ url: '/sdk/cairn.js' });
  await late.page.evaluate(() => { window.Cairn.track('After Twice'); window.Cairn.flush(); });
  await eventually(() => names().includes('After Twice'), 'a call after the second cairn.js arrives');
  assert(late.console.join(' | ') === 'cairn: cairn.js was loaded twice; the first copy runs', `console: ${late.console.join(' | ')}`);
  await late.page.context().close();

  // cairn.js never loads: the host's calls run on without an error.
  const blocked = await open('?blocked', (r) => r.abort());
  await blocked.page.click('#save');
  await blocked.page.waitForTimeout(200);
  const queued = await blocked.page.evaluate(() => window.Cairn.map((call) => call[0]).join());
  assert(queued === 'init,identify,track,track,flush', `the calls wait in the queue: ${queued}`);
  assert(blocked.console.every((m) => m.startsWith('Failed to load resource')), `console: ${blocked.console.join(' | ')}`);
  await blocked.page.context().close();
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
