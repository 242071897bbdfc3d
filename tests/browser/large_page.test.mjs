// The locator on a 9,000-element page (pages/big.html), through the packed
// candidate list and the sliced scan: a guide appears beside the right one of
// 1,000 look-alike "Edit" buttons; when the app re-renders that row elsewhere,
// the DOM-change path locates it again and the tooltip follows; when the row
// is deleted, the step hides instead of pointing at a neighbour, and comes
// back with the row. Cairn.debug.locate finds an element from its fingerprint
// and answers null once it is gone. Timings are a benchmark
// (bench/sdk/host_impact.mjs), not asserted here.
import { assert, eventually, withBrowser } from './harness.mjs';
import { gapTo, shownStep } from './guides.mjs';
import { bigPageGuide as guide } from './big_page_guide.mjs';

await withBrowser('browser: large page', { guides: { guides: [guide] } }, async (t) => {
  const page = await t.newPage();
  await page.goto(`${t.app}/pages/big.html`);
  await page.evaluate(() => window.Cairn.init({ writeKey: 'test-key', host: window.__cairnTest.host, flushIntervalMs: 60000 }));

  let step = await eventually(() => shownStep(page), 'tooltip shown on the big page', 15000);
  assert(step.title === 'Edit a row', `title: ${step.title}`);
  assert(await gapTo(page, '[data-testid=edit-900]', step.rect) < 30, `beside Edit 900: ${JSON.stringify(step)}`);

  // A framework re-render: row 900 is replaced by a fresh copy at the top.
  await page.evaluate(() => {
    const row = document.querySelector('[data-testid=edit-900]').parentElement;
    const copy = row.cloneNode(true);
    row.remove();
    document.getElementById('root').prepend(copy);
  });
  step = await eventually(async () => {
    const s = await shownStep(page);
    return s && await gapTo(page, '[data-testid=edit-900]', s.rect) < 30 ? s : null;
  }, 'tooltip follows the re-rendered row', 15000);

  // The row is deleted: the step hides (it must not anchor to row 899 or 901)...
  await page.evaluate(() => { window.__row = document.querySelector('[data-testid=edit-900]').parentElement; window.__row.remove(); });
  await eventually(async () => (await shownStep(page)) === null, 'step hidden while its target is gone', 15000);
  // ...and comes back with it.
  await page.evaluate(() => document.getElementById('root').append(window.__row));
  await eventually(async () => {
    const s = await shownStep(page);
    return s && await gapTo(page, '[data-testid=edit-900]', s.rect) < 30;
  }, 'tooltip back beside the restored row', 15000);

  // The debug hooks: fingerprint → locate finds the same element among 9,000,
  // and null once it is deleted.
  const found = await page.evaluate(() => {
    const el = document.querySelector('[data-testid=edit-500]');
    window.__fp = window.Cairn.debug.fingerprint(el);
    return window.Cairn.debug.locate(window.__fp) === el;
  });
  assert(found, 'debug.locate finds Edit 500 from its fingerprint');
  const afterDelete = await page.evaluate(() => {
    document.querySelector('[data-testid=edit-500]').parentElement.remove();
    return window.Cairn.debug.locate(window.__fp);
  });
  assert(afterDelete === null, 'debug.locate answers null when the element is deleted');
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
