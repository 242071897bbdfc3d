// A modal step on a hostile page (`* { all: unset }`, a fixed overlay at
// z-index 2147483647), drawn in our top-layer host without showModal()
// (wasm/src/ui/modal_shield.ts): it is on top of everything, the page behind
// takes no pointer, the focus stays inside (Tab, and a page script's focus()),
// the page is out of the accessibility tree while it is open and back after,
// Escape dismisses with reason escape_key and the focus returns. With a modal
// <dialog> of the page's own open, it falls back to showModal() and stays usable.
// Also: steps that are not dialogs (slide-outs) give the focus back where it
// was before the first of them, not to the step that replaced it; and what
// the app adds to and removes from <body> under a modal is neither kept
// alive nor given back a state older than the app's own.
import { assert, eventually, withBrowser } from './harness.mjs';
import { shownStep } from './guides.mjs';

const content = (title, buttons) => ({ en: { title, body: 'A modal step.', buttons } });
const guide = {
  schema: 1, id: 'hostile-modal', name: 'Modal on a hostile page', version: 1, status: 'published',
  trigger: { kind: 'manual' }, frequency: { kind: 'every_session' },
  steps: [
    { id: 'one', kind: 'modal', content: content('First', [{ label: 'Next', action: 'next' }]) },
    { id: 'two', kind: 'modal', content: content('Second', [{ label: 'Back', action: 'back' }, { label: 'Done', action: 'complete' }]) },
  ],
};

const slideouts = { ...guide, id: 'hostile-slideouts', name: 'Slide-outs',
  steps: guide.steps.map((step) => ({ ...step, kind: 'slideout' })) };

await withBrowser('browser: modal step', { guides: { guides: [guide, slideouts] } }, async (t) => {
  const page = await t.newPage();
  await page.goto(`${t.app}/pages/hostile.html`);
  await page.evaluate(() => {
    window.__pageClicks = 0;
    document.querySelector('#target').addEventListener('click', () => window.__pageClicks++);
    document.querySelector('#target').focus();
  });
  await page.evaluate(() => window.Cairn.launch('hostile-modal'));
  await eventually(async () => (await shownStep(page))?.title === 'First', 'modal shown');

  const focused = () => page.evaluate(() => {
    const host = document.querySelector('cairn-ui');
    const inner = host.shadowRoot.activeElement;
    if (document.activeElement === host && inner) return `cairn:${inner.getAttribute('data-action') ?? inner.className}`;
    return `page:${document.activeElement?.id || document.activeElement?.tagName}`;
  });
  await eventually(async () => (await focused()) === 'cairn:next', 'primary button focused');
  const state = () => page.evaluate(() => {
    const host = document.querySelector('cairn-ui');
    const dialog = host.shadowRoot.querySelector('dialog');
    const centre = (r) => [r.x + r.width / 2, r.y + r.height / 2];
    const d = dialog?.getBoundingClientRect(), tg = document.querySelector('#target').getBoundingClientRect();
    return { open: !!dialog?.open, modal: !!dialog?.matches(':modal'), ariaModal: dialog?.getAttribute('aria-modal'),
      onDialog: !!d && document.elementFromPoint(...centre(d)) === host, onTarget: document.elementFromPoint(...centre(tg)) === host,
      top: host.matches(':popover-open'), bodyHidden: [...document.body.children].map((c) => c.getAttribute('aria-hidden')).join(),
      headHidden: document.head.getAttribute('aria-hidden'), liveHidden: host.shadowRoot.querySelector('[aria-live]').getAttribute('aria-hidden') };
  });
  const shown = await state();
  assert(shown.open && !shown.modal && shown.ariaModal === 'true', `open in our top-layer host, not showModal(): ${JSON.stringify(shown)}`);
  assert(shown.top && shown.onDialog && shown.onTarget, `on top of the z-index 2147483647 overlay, page covered: ${JSON.stringify(shown)}`);
  assert(shown.bodyHidden === 'true,true' && shown.headHidden === null && shown.liveHidden === null,
    `page hidden from assistive technology, our live region not: ${JSON.stringify(shown)}`);
  await t.shot(page, 'modal-hostile.png');

  // The pointer: a real click where the page's button is reaches the backdrop.
  const box = await page.evaluate(() => {
    const r = document.querySelector('#target').getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  });
  await page.mouse.click(box.x, box.y);
  await page.waitForTimeout(100);
  assert(await page.evaluate(() => window.__pageClicks) === 0, 'the page behind took no click');
  assert((await focused()) === 'cairn:next', `pressing the backdrop kept the focus: ${await focused()}`);

  // The keyboard: Tab and Shift+Tab cycle inside; a page script's focus() is undone.
  const seen = new Set();
  for (let i = 0; i < 5; i++) {
    await page.keyboard.press(i % 2 ? 'Shift+Tab' : 'Tab');
    seen.add(await focused());
  }
  assert([...seen].every((f) => f.startsWith('cairn:')) && seen.size === 2, `focus stayed in the modal: ${[...seen].join(', ')}`);
  await page.evaluate(() => document.querySelector('#target').focus());
  await eventually(async () => (await focused()).startsWith('cairn:'), 'focus taken by the page is brought back');

  // Screen readers read the accessibility tree: the page's button is not in it, our dialog is.
  const cdp = await page.context().newCDPSession(page);
  const axNamed = async (name) => (await cdp.send('Accessibility.getFullAXTree')).nodes
    .filter((n) => !n.ignored && n.name?.value === name).map((n) => n.role?.value);
  assert((await axNamed('Deep target')).length === 0, `page button hidden from assistive technology: ${await axNamed('Deep target')}`);
  assert((await axNamed('First')).includes('dialog'), `our dialog is exposed: ${await axNamed('First')}`);
  // A box of ours shown beside the modal meanwhile (another guide's step) is hidden too.
  await page.evaluate(() => {
    const late = document.createElement('div');
    late.id = 'late-box';
    late.textContent = 'Late box';
    document.querySelector('cairn-ui').shadowRoot.querySelector('dialog').parentNode.appendChild(late);
  });
  await eventually(() => page.evaluate(() =>
    document.querySelector('cairn-ui').shadowRoot.querySelector('#late-box').getAttribute('aria-hidden') === 'true'),
  'a box of ours added while the modal is open is hidden from assistive technology');

  // The next step replaces the modal: still modal, the page still hidden.
  await page.keyboard.press('Enter');
  await eventually(async () => (await shownStep(page))?.title === 'Second', 'second step shown');
  await eventually(async () => (await focused()).startsWith('cairn:'), 'second step focused');
  assert((await state()).bodyHidden === 'true,true', 'page still hidden while the second modal is open');

  // Escape dismisses; the page is back for assistive technology; the focus returns.
  await page.evaluate(() => document.querySelector('#target').focus());
  await eventually(async () => (await focused()).startsWith('cairn:'), 'focus brought back before Escape');
  await page.keyboard.press('Escape');
  await eventually(async () => (await shownStep(page)) === null, 'Escape closed the modal');
  const closed = await state();
  assert(closed.bodyHidden === ',' && !closed.onTarget, `page visible and clickable again: ${JSON.stringify(closed)}`);
  assert((await focused()) === 'page:target', `focus returned to where it was before the first step: ${await focused()}`);
  assert((await axNamed('Deep target')).includes('button'), 'page button back in the accessibility tree');
  assert(await page.evaluate(() => {
    const late = document.querySelector('cairn-ui').shadowRoot.querySelector('#late-box');
    return !late || late.getAttribute('aria-hidden') === null;
  }), 'the late box is exposed again after the modal closed');
  await page.mouse.click(box.x, box.y);
  await eventually(() => page.evaluate(() => window.__pageClicks === 1), 'the page takes clicks again');
  await page.evaluate(() => window.Cairn.flush());
  await eventually(() => t.collector.state.events.some((e) => e.event === 'cairn_guide_dismissed'), 'dismissed event arrives');
  const dismissed = t.collector.state.events.find((e) => e.event === 'cairn_guide_dismissed');
  assert(dismissed.properties.reason === 'escape_key', `reason: ${dismissed.properties.reason}`);

  // A page with its own modal dialog open: ours is a modal dialog too (else
  // the page's would make our host inert), on top and usable.
  await page.evaluate(() => {
    const own = document.body.appendChild(document.createElement('dialog'));
    own.textContent = 'The page\u2019s own modal';
    own.showModal();
  });
  await page.evaluate(() => window.Cairn.launch('hostile-modal'));
  await eventually(async () => (await shownStep(page))?.title === 'First', 'modal shown over the page\u2019s modal dialog');
  const over = await state();
  assert(over.open && over.modal && over.onDialog, `showModal() over the page's modal dialog: ${JSON.stringify(over)}`);
  await page.locator('cairn-ui button[data-action=next]').click();
  await eventually(async () => (await shownStep(page))?.title === 'Second', 'its button works');
  await page.locator('cairn-ui button[data-action=complete]').click();
  await eventually(async () => (await shownStep(page)) === null, 'completed');

  // Slide-outs: the second replaces the first while the focus is in it.
  await page.evaluate(() => { document.querySelector('body > dialog').close(); document.querySelector('#target').focus(); });
  await page.evaluate(() => window.Cairn.launch('hostile-slideouts'));
  await eventually(async () => (await focused()) === 'cairn:next', 'first slide-out focused');
  await page.keyboard.press('Enter');
  await eventually(async () => (await shownStep(page))?.title === 'Second', 'second slide-out shown');
  await eventually(async () => (await focused()).startsWith('cairn:'), 'second slide-out focused');
  await page.keyboard.press('Escape');
  await eventually(async () => (await shownStep(page)) === null, 'Escape closed the slide-out');
  assert((await focused()) === 'page:target', `focus back where it was before the first slide-out: ${await focused()}`);

  // The app's own elements come and go while a modal is open: toasts added
  // to <body> and removed again are not kept alive (the shield held every one
  // until the modal closed), and an element the app takes out, marks
  // aria-hidden itself and puts back keeps the app's state after the modal
  // (the shield "restored" it to what it was before the modal).
  await page.evaluate(() => window.Cairn.launch('hostile-modal'));
  await eventually(async () => (await focused()) === 'cairn:next', 'modal shown again');
  await page.evaluate(() => { const d = document.body.appendChild(document.createElement('nav')); d.id = 'drawer'; d.textContent = 'Drawer'; });
  await eventually(() => page.evaluate(() => document.querySelector('#drawer').getAttribute('aria-hidden') === 'true'), 'the drawer added meanwhile is hidden');
  await page.evaluate(() => { window.drawer = document.querySelector('#drawer'); window.drawer.remove(); });
  const nodes = async () => {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    return (await cdp.send('Memory.getDOMCounters')).nodes;
  };
  const toasts = (n) => page.evaluate(async (count) => {
    for (let i = 0; i < count; i++) {
      const toast = document.body.appendChild(document.createElement('div'));
      toast.innerHTML = '<span>Saved</span>'.repeat(20);
      await new Promise((r) => setTimeout(r, 0));
      toast.remove();
      await new Promise((r) => setTimeout(r, 0));
    }
  }, n);
  await toasts(20);
  const before = await nodes();
  await toasts(200);
  const after = await nodes();
  // Each toast is 41 nodes: 200 of them kept are ~8,200.
  assert(after - before < 500, `DOM nodes after 200 toasts came and went under the modal: ${before} → ${after}`);
  await page.evaluate(() => new Promise((r) => {
    window.drawer.setAttribute('aria-hidden', 'true');
    document.body.appendChild(window.drawer);
    setTimeout(r, 50);
  }));
  await page.keyboard.press('Escape');
  await eventually(async () => (await shownStep(page)) === null, 'Escape closed the modal');
  const drawer = await page.evaluate(() => document.querySelector('#drawer').getAttribute('aria-hidden'));
  assert(drawer === 'true', `the drawer the app hid itself stays hidden after the modal: ${drawer}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
