// A tooltip on a row of a list the app re-renders all day (fresh elements
// each time, as a framework re-rendering a list without reuse does): the
// tooltip follows each new row, and the rows it pointed at before are not kept
// alive. The target tracker's handle map held every element it had ever found,
// so each re-render leaked the old row (bench/sdk/RESULTS.md, "Soak"): the
// page's DOM node count after a forced GC grew with every re-render.
// Each re-render shows the step again for its new element: that left the
// user's focus where it was (it jumped into the tooltip, in the middle of
// typing in the page) and a hotspot's opened hint open (it closed).
import { assert, eventually, withBrowser } from './harness.mjs';

const guide = { schema: 1, id: 'row-tip', name: 'Row tip', version: 1, status: 'published',
  trigger: { kind: 'manual' }, frequency: { kind: 'every_session' },
  steps: [{ id: 's', kind: 'tooltip', missing_target: { wait_ms: 60000, then: 'centered' },
    content: { en: { title: 'Edit', body: 'Edit this row.' } },
    target: { fingerprint: { version: 1, element: { tag: 'button', text: 'Edit 7', name: 'Edit 7', classes: ['edit'],
      attributes: { 'data-testid': 'edit-7' }, role: 'button' } } } }] };

const RENDERS = 120;

const hint = { schema: 1, id: 'hint', name: 'Hint', version: 1, status: 'published',
  trigger: { kind: 'manual' }, frequency: { kind: 'every_session' },
  steps: [{ id: 'h', kind: 'hotspot', content: { en: { title: 'Hint', body: 'About this row.' } }, target: guide.steps[0].target }] };

await withBrowser('browser: sdk re-rendered target', { guides: { guides: [guide, hint] } }, async (t) => {
  {
    const page = await t.newPage();
    await page.goto(`${t.app}/pages/sdk-blank.html`);
    await page.evaluate(() => {
      document.body.appendChild(document.createElement('input')).id = 'search';
      const list = document.body.appendChild(document.createElement('ul'));
      // Row 7 moves one place down on each render, so the tooltip must follow it.
      window.render = (n) => list.replaceChildren(...Array.from({ length: 12 }, (_, k) => {
        const i = (k + n) % 12;
        const li = document.createElement('li');
        li.innerHTML = `<span><b>Project</b> <i>${i}</i> <em>owner</em></span> <button type="button" class="edit" data-testid="edit-${i}">Edit ${i}</button>`;
        return li;
      }));
      window.render(0);
    });
    await page.evaluate((host) => window.Cairn.init({ writeKey: 'test-key', host }), t.collector.url);
    await page.evaluate(() => window.Cairn.launch('row-tip'));
    // The tooltip's highlight around the current row 7's button.
    const beside = () => page.evaluate(() => {
      const highlight = document.querySelector('cairn-ui')?.shadowRoot?.querySelector('.hl');
      const target = document.querySelector('[data-testid="edit-7"]');
      if (!highlight || !target) return false;
      const h = highlight.getBoundingClientRect(), r = target.getBoundingClientRect();
      return Math.abs(h.top + 4 - r.top) < 1 && Math.abs(h.left + 4 - r.left) < 1;
    });
    await eventually(beside, 'the tooltip shows beside row 7');
    const cdp = await page.context().newCDPSession(page);
    const nodes = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Memory.getDOMCounters')).nodes;
    };
    let before = 0;
    for (let n = 1; n <= RENDERS; n++) {
      await page.evaluate((k) => window.render(k), n);
      await eventually(beside, `the tooltip follows row 7 after render ${n}`);
      if (n === 20) before = await nodes();
    }
    const after = await nodes();
    // Each leaked row is 11 nodes: 100 renders kept ~1,100 of them.
    assert(after - before < 200, `DOM nodes after ${RENDERS - 20} more re-renders: ${before} → ${after}`);

    // The user types in the page; the list re-renders: the focus stays there.
    await page.focus('#search');
    await page.evaluate(() => window.render(1000));
    await eventually(beside, 'the tooltip follows row 7 again');
    await page.waitForTimeout(100);
    const focused = await page.evaluate(() => document.activeElement?.id || document.activeElement?.localName);
    assert(focused === 'search', `the focus stays in the page's field, not ${focused}`);
    // Focus in the tooltip stays in it.
    await page.evaluate(() => document.querySelector('cairn-ui').shadowRoot.querySelector('.x').focus());
    await page.evaluate(() => window.render(1001));
    await eventually(beside, 'the tooltip follows row 7 once more');
    await eventually(() => page.evaluate(() => document.activeElement?.localName === 'cairn-ui'), 'the focus stays in the tooltip');
    await page.context().close();
  }

  // A hotspot's hint the user opened stays open when its row is re-rendered.
  {
    const page = await t.newPage();
    await page.goto(`${t.app}/pages/sdk-blank.html`);
    await page.evaluate(() => {
      const list = document.body.appendChild(document.createElement('ul'));
      window.render = (n) => list.replaceChildren(...Array.from({ length: 12 }, (_, k) => {
        const i = (k + n) % 12;
        const li = document.createElement('li');
        li.innerHTML = `<button type="button" class="edit" data-testid="edit-${i}">Edit ${i}</button>`;
        return li;
      }));
      window.render(0);
    });
    await page.evaluate((host) => window.Cairn.init({ writeKey: 'test-key', host }), t.collector.url);
    await page.evaluate(() => window.Cairn.launch('hint'));
    await page.click('[data-cairn-step="hotspot-beacon"]');
    const open = () => page.evaluate(() => !!document.querySelector('cairn-ui').shadowRoot.querySelector('[data-cairn-step="hotspot"]'));
    await eventually(open, 'the hint opens');
    const beaconAt = () => page.evaluate(() => Math.round(document.querySelector('cairn-ui').shadowRoot.querySelector('[data-cairn-step="hotspot-beacon"]').getBoundingClientRect().top));
    const first = await beaconAt();
    await page.evaluate(() => window.render(3));
    await eventually(async () => (await beaconAt()) !== first, 'the beacon follows row 7');
    await page.waitForTimeout(200);
    assert(await open(), 'the opened hint stays open after its row is re-rendered');
  }
});
