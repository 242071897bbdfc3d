// Escape on an onboarding checklist minimises it (to its title and progress
// bar), as it closes the resource center: it never dismisses the guide (it
// did, for good, on a reflex key). The title is the button that minimises
// and opens it again (aria-expanded); the Close button still dismisses.
// Drawn directly (gallery.html), checked through the actions the UI reports.
import { assert, eventually, withBrowser } from './harness.mjs';
import { view } from './step_views.mjs';

await withBrowser('browser: checklist minimise', {}, async (t) => {
  const page = await t.newPage();
  await page.goto(`${t.app}/pages/gallery.html`);
  await page.evaluate(async () => { window.g = await window.CairnGallery.create('/sdk/cairn.wasm'); });
  const show = (extra = {}) => page.evaluate((v) => window.g.show(v), view('checklist', extra).view);
  const actions = () => page.evaluate(() => window.g.actions.map((a) => `${a.kind}:${a.reason ?? a.item_id ?? ''}`).join());
  const state = () => page.locator('cairn-ui').evaluate((h) => {
    const box = h.shadowRoot.querySelector('[data-cairn-step="checklist"]');
    const toggle = box?.querySelector('.t button');
    const a = h.shadowRoot.activeElement;
    return box && { min: box.classList.contains('min'), expanded: toggle?.getAttribute('aria-expanded'),
      listShown: box.querySelector('ul').getBoundingClientRect().height > 0, barShown: box.querySelector('.bar').getBoundingClientRect().height > 0,
      focus: document.activeElement === h ? (a === toggle ? 'toggle' : a?.getAttribute('data-item') ?? a?.className) : 'page' };
  });

  await show();
  await page.locator('cairn-ui [data-item="invite"]').focus();
  const opened = await state();
  assert(opened.listShown && !opened.min, `open checklist: ${JSON.stringify(opened)}`);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(100);
  assert((await actions()) === '', `Escape does not end the guide: ${await actions()}`);
  let s = await state();
  assert(s && s.min && s.expanded === 'false' && !s.listShown && s.barShown && s.focus === 'toggle', `Escape minimises it, the focus on its title: ${JSON.stringify(s)}`);
  await page.keyboard.press('Escape');
  await page.waitForTimeout(100);
  assert((await actions()) === '', `Escape does not end the guide: ${await actions()}`);
  assert((await state())?.min, 'still there, minimised');
  // Redrawn (an item ticked elsewhere), it stays minimised.
  await show({ items: view('checklist').view.items.map((i) => ({ ...i, done: true })) });
  await eventually(async () => (await state())?.focus === 'toggle', 'the title keeps the focus across a redraw');
  assert((await state()).min, 'minimised across a redraw');
  await page.keyboard.press('Enter');
  s = await state();
  assert(s.expanded === 'true' && !s.min && s.listShown && s.focus === 'toggle', `Enter on the title opens it again: ${JSON.stringify(s)}`);
  await page.locator('cairn-ui .t button').click();
  assert((await state()).min, 'a click on the title minimises it');
  // The explicit way out stays: the Close button dismisses.
  await page.locator('cairn-ui button.x').click();
  await eventually(async () => (await actions()) === 'dismiss:close_button', `Close dismisses: ${await actions()}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
