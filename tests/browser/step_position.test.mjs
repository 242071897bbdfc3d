// Every card of a longer guide shows its place in it ("2 / 3", hidden from
// screen readers, which read "Step 2 of 3" in the guide's words instead), as
// tooltips, modals, banners and slideouts did: surveys and checklists showed
// none. A one-step guide's card shows none. Drawn directly (gallery.html).
import { assert, withBrowser } from './harness.mjs';
import { view } from './step_views.mjs';

await withBrowser('browser: step position', {}, async (t) => {
  const page = await t.newPage();
  await page.goto(`${t.app}/pages/gallery.html`);
  await page.evaluate(async () => { window.g = await window.CairnGallery.create('/sdk/cairn.wasm'); });
  const position = (kind) => page.locator('cairn-ui').evaluate((h, k) => {
    const box = h.shadowRoot.querySelector(`[data-cairn-step="${k}"]`);
    const p = box.querySelector('.p');
    return { shown: p && p.getBoundingClientRect().width > 0 ? p.textContent : null, hidden: p?.getAttribute('aria-hidden') ?? null,
      words: box.querySelector('.f .vh')?.textContent ?? null };
  }, kind);
  const words = { step_of: 'Schritt {n} von {total}' };
  for (const [kind, target] of [['survey', null], ['survey', '#project-key'], ['checklist', null]]) {
    const v = view(kind, { stepIndex: 1, stepCount: 3, words }).view;
    await page.evaluate(([v2, tg]) => window.g.show(v2, tg), [v, target]);
    await page.locator(`cairn-ui [data-cairn-step="${kind}"]`).waitFor();
    const p = await position(kind);
    assert(p.shown === '2 / 3' && p.hidden === 'true' && p.words === 'Schritt 2 von 3', `${kind} (target ${target}) in a 3-step guide: ${JSON.stringify(p)}`);
    await page.evaluate((id) => window.g.hide(id), v.guideId);
    await page.evaluate(([v2, tg]) => window.g.show(v2, tg), [view(kind).view, target]);
    await page.locator(`cairn-ui [data-cairn-step="${kind}"]`).waitFor();
    const one = await position(kind);
    assert(one.shown === null && one.words === null, `${kind} of a one-step guide: ${JSON.stringify(one)}`);
    await page.evaluate((id) => window.g.hide(id), v.guideId);
  }
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
