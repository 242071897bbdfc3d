// Every step kind draws, in the top layer, with its ARIA role, and is saved as
// a screenshot (build/artifacts/screenshots/step-<kind>.png) for review. Also
// checks: a tooltip anchors beside its target with the arrow on the right side,
// scrolls a far target into view, author links with javascript: stay inert, RTL.
import { assert, eventually, withBrowser } from './harness.mjs';
import { VIEWS, view } from './step_views.mjs';

await withBrowser('browser: step kinds', {}, async (t) => {
  const page = await t.newPage();
  await page.goto(`${t.app}/pages/gallery.html`);
  await page.evaluate(async () => { window.g = await window.CairnGallery.create('/sdk/cairn.wasm'); });

  for (const kind of Object.keys(VIEWS)) {
    const { view: v, target } = view(kind);
    await page.evaluate(([v2, tg]) => window.g.show(v2, tg), [v, target]);
    const box = page.locator(`cairn-ui [data-cairn-step="${kind}"], cairn-ui [data-cairn-step="${kind}-beacon"], cairn-ui [data-cairn-step="${kind}-button"]`).first();
    await box.waitFor({ state: 'visible', timeout: 5000 });
    if (kind === 'hotspot') await page.locator('cairn-ui [data-cairn-step="hotspot-beacon"]').click();
    if (kind === 'launcher') await page.locator('cairn-ui [data-cairn-step="launcher-button"]').click();
    await page.waitForTimeout(250);
    await t.shot(page, `step-${kind}.png`);
    // Whatever is at the centre of our box is ours (top layer beats the page).
    const ours = await page.evaluate((k) => {
      const host = document.querySelector('cairn-ui');
      const el = host.shadowRoot.querySelector(`[data-cairn-step="${k}"]`) ?? host.shadowRoot.querySelector(`[data-cairn-step^="${k}"]`);
      const r = el.getBoundingClientRect();
      return { hit: document.elementFromPoint(r.x + r.width / 2, r.y + Math.min(r.height / 2, 20)) === host, w: r.width, h: r.height, top: host.matches(':popover-open') };
    }, kind);
    assert(ours.hit && ours.w > 20 && ours.h > 20 && ours.top, `${kind}: visible and on top: ${JSON.stringify(ours)}`);
    await page.evaluate((id) => window.g.hide(id), v.guideId);
  }

  // Tooltip geometry: below the key field, arrow on top edge pointing at it.
  const { view: tip, target } = view('tooltip');
  await page.evaluate(([v2, tg]) => window.g.show(v2, tg), [tip, target]);
  // A step is added and placed in a task after show().
  await page.locator('cairn-ui [data-cairn-step="tooltip"]').waitFor();
  const geo = await page.evaluate(() => {
    const root = document.querySelector('cairn-ui').shadowRoot;
    const card = root.querySelector('[data-cairn-step="tooltip"]');
    const arrow = card.querySelector('.ar').getBoundingClientRect();
    const c = card.getBoundingClientRect();
    const tgt = document.querySelector('#project-key').getBoundingClientRect();
    const link = card.querySelector('a');
    return { cardTop: c.top, targetBottom: tgt.bottom, arrowX: arrow.x + arrow.width / 2, targetX: tgt.x + tgt.width / 2,
      side: card.className, role: card.getAttribute('role'), labelled: !!card.getAttribute('aria-labelledby'), href: link.getAttribute('href') };
  });
  assert(geo.cardTop >= geo.targetBottom && geo.cardTop - geo.targetBottom < 40, `tooltip below target: ${JSON.stringify(geo)}`);
  assert(Math.abs(geo.arrowX - geo.targetX) < 4, `arrow points at target centre: ${JSON.stringify(geo)}`);
  assert(geo.side.includes('s-bottom') && geo.role === 'dialog' && geo.labelled, `aria + side: ${JSON.stringify(geo)}`);
  assert(geo.href === null, 'javascript: link has no href');
  await page.evaluate(() => window.g.hide('g-tooltip'));

  // A target below the fold is scrolled into view before the tooltip is placed.
  await page.evaluate(([v2]) => window.g.show({ ...v2, title: 'Far away' }, '#far-button'), [tip]);
  await eventually(() => page.evaluate(() => {
    const r = document.querySelector('#far-button').getBoundingClientRect();
    return r.top >= 0 && r.bottom <= innerHeight;
  }), 'far target scrolled into view');
  await t.shot(page, 'step-tooltip-scrolled.png');
  await page.evaluate(() => window.g.hide('g-tooltip'));

  // RTL: the close button sits on the left, text flows right to left.
  await page.evaluate(() => { document.documentElement.dir = 'rtl'; window.scrollTo(0, 0); });
  await page.evaluate(([v2]) => window.g.show({ ...v2, dir: 'rtl', title: 'مفتاح المشروع' }, '#project-key'), [tip]);
  await page.locator('cairn-ui [data-cairn-step="tooltip"]').waitFor();
  const rtl = await page.evaluate(() => {
    const card = document.querySelector('cairn-ui').shadowRoot.querySelector('[data-cairn-step="tooltip"]');
    const x = card.querySelector('.x').getBoundingClientRect();
    const c = card.getBoundingClientRect();
    return { closeOnLeft: x.left - c.left < c.right - x.right, dir: getComputedStyle(card).direction };
  });
  assert(rtl.closeOnLeft && rtl.dir === 'rtl', `rtl layout: ${JSON.stringify(rtl)}`);
  await t.shot(page, 'step-tooltip-rtl.png');
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
