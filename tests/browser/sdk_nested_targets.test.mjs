// A guide whose steps target an element inside an open shadow root and one
// inside a same-origin iframe: the fingerprints Cairn.debug.fingerprint takes
// there locate the same elements, and each tooltip is drawn beside its target
// (in top-page coordinates).
import { assert, eventually, withBrowser } from './harness.mjs';
import { shownStep } from './guides.mjs';

const tip = (id, fingerprint, title, buttons) => ({ id, kind: 'tooltip', target: { fingerprint },
  content: { en: { title, body: 'Inside a nested document.', buttons } }, placement: { side: 'bottom' } });

// The target's box in the top page's viewport, and its distance to the card.
async function gap(page, which, card) {
  return page.evaluate(([which, c]) => {
    let r;
    if (which === 'shadow') {
      r = document.querySelector('#card').shadowRoot.querySelector('#shadow-action').getBoundingClientRect();
    } else {
      const frame = document.querySelector('#frame');
      const outer = frame.getBoundingClientRect();
      const inner = frame.contentDocument.querySelector('#frame-action').getBoundingClientRect();
      r = { left: outer.left + frame.clientLeft + inner.left, top: outer.top + frame.clientTop + inner.top,
        right: outer.left + frame.clientLeft + inner.right, bottom: outer.top + frame.clientTop + inner.bottom };
    }
    const dx = Math.max(r.left - (c.x + c.w), c.x - r.right, 0);
    const dy = Math.max(r.top - (c.y + c.h), c.y - r.bottom, 0);
    return Math.hypot(dx, dy);
  }, [which, card]);
}

await withBrowser('browser: sdk nested targets', {}, async (t) => {
  const page = await t.newPage();
  await page.goto(`${t.app}/pages/sdk-nested.html`);
  await eventually(() => page.evaluate(() => window.Cairn.debug.core()), 'core loaded');
  const prints = await page.evaluate(() => ({
    shadow: window.Cairn.debug.fingerprint(document.querySelector('#card').shadowRoot.querySelector('#shadow-action')),
    frame: window.Cairn.debug.fingerprint(document.querySelector('#frame').contentDocument.querySelector('#frame-action')),
  }));
  assert(prints.shadow && prints.frame, `fingerprints taken: ${JSON.stringify(prints).slice(0, 300)}`);
  const found = await page.evaluate((p) => [window.Cairn.debug.locate(p.shadow)?.id, window.Cairn.debug.locate(p.frame)?.id], prints);
  assert(found.join() === 'shadow-action,frame-action', `located: ${found}`);

  t.collector.state.guides = { guides: [{ schema: 1, id: 'nested-tour', name: 'Nested tour', version: 1, status: 'published',
    trigger: { kind: 'page_load' }, frequency: { kind: 'every_session' },
    steps: [tip('in-shadow', prints.shadow, 'In the card', [{ label: 'Next', action: 'next' }]),
      tip('in-frame', prints.frame, 'In the panel', [{ label: 'Done', action: 'complete' }])] }] };
  await page.reload();
  let step = await eventually(async () => { const s = await shownStep(page); return s?.title === 'In the card' ? s : null; },
    'the shadow-root step shows');
  assert(await gap(page, 'shadow', step.rect) < 30, `beside the button in the shadow root: ${JSON.stringify(step)}`);
  await page.locator('cairn-ui button[data-action=next]').click();
  step = await eventually(async () => { const s = await shownStep(page); return s?.title === 'In the panel' ? s : null; },
    'the iframe step shows');
  assert(await gap(page, 'frame', step.rect) < 30, `beside the button in the iframe: ${JSON.stringify(step)}`);
  await page.evaluate(() => window.Cairn.flush());
  await eventually(() => t.collector.state.events.some((e) => e.event === 'cairn_step_seen' && e.properties.step_index === 1),
    'the second step_seen arrives');
  const missing = t.collector.state.events.filter((e) => e.event === 'cairn_target_missing');
  assert(missing.length === 0, `no target reported missing: ${JSON.stringify(missing).slice(0, 300)}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
