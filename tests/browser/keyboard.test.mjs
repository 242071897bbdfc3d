// Keyboard-only use: a guide step takes focus, Tab goes round it and its
// target (focus trap), Arrow keys go next/back, Escape dismisses with reason escape_key and
// focus returns to where it was; a checklist item ticked with Enter keeps the
// focus; all through the real session.
import { assert, eventually, withBrowser } from './harness.mjs';
import { sampleGuide, shownStep } from './guides.mjs';

const tour = sampleGuide('first-project-tour');
// Start the tour on the form page so its keyboard-driven step comes first.
tour.trigger.pages = { include: [{ path: '/projects/new' }] };
tour.steps = tour.steps.slice(2);
// A first step cannot go back (the codec refuses it): keep Next only.
tour.steps[0].content.en.buttons = tour.steps[0].content.en.buttons.filter((b) => b.action !== 'back');

// A checklist whose items the user ticks themselves.
const checklist = { schema: 1, id: 'keyboard-checklist', name: 'Checklist', version: 1, status: 'published',
  trigger: { kind: 'manual' }, frequency: { kind: 'every_session' },
  steps: [{ id: 'items', kind: 'checklist', items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
    content: { en: { title: 'Get started', body: 'Three things.', labels: { a: 'First thing', b: 'Second thing', c: 'Third thing' } } } }] };

await withBrowser('browser: keyboard navigation', { guides: { guides: [tour, checklist] } }, async (t) => {
  const page = await t.newPage();
  await page.addInitScript(() => { window.__cairnTest.flushIntervalMs = 300; });
  await page.goto(`${t.app}/projects/new`);
  await eventually(async () => (await shownStep(page))?.title === 'The project key', 'first step shown');

  const focused = () => page.evaluate(() => {
    const host = document.querySelector('cairn-ui');
    const inner = host.shadowRoot.activeElement;
    if (document.activeElement === host && inner) return `cairn:${inner.getAttribute('data-action') ?? inner.className}`;
    return `page:${document.activeElement?.id || document.activeElement?.tagName}`;
  });
  assert((await focused()) === 'cairn:next', `primary button focused: ${await focused()}`);
  // Tab cycles between the step and its target: next → the key field → close → next ...
  const seen = [];
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    seen.push(await focused());
  }
  const cycle = 'page:project-key,cairn:x,cairn:next';
  assert(seen.join() === `${cycle},${cycle}`, `focus went round the step and its target: ${seen.join(', ')}`);
  await page.keyboard.press('Shift+Tab');
  assert((await focused()) === 'cairn:x', `Shift+Tab goes back: ${await focused()}`);
  await t.shot(page, 'keyboard-focus.png');

  // ArrowRight = next: the "Save it" step.
  await page.keyboard.press('ArrowRight');
  await eventually(async () => (await shownStep(page))?.title === 'Save it', 'ArrowRight advanced');
  // ArrowLeft = back (the step has no Back button: nothing happens).
  await page.keyboard.press('ArrowLeft');
  await page.waitForTimeout(300);
  assert((await shownStep(page))?.title === 'Save it', 'ArrowLeft without a Back button does nothing');

  // Escape dismisses; focus returns to the page element focused before.
  await page.evaluate(() => document.querySelector('#project-name').focus());
  await page.evaluate(() => window.Cairn.launch('first-project-tour'));
  await eventually(async () => (await shownStep(page)) !== null, 'relaunched step shown');
  await page.keyboard.press('Escape');
  await eventually(async () => (await shownStep(page)) === null, 'Escape closed the step');
  assert((await focused()) === 'page:project-name', `focus returned: ${await focused()}`);

  // A checklist item ticked with Enter: the checklist is drawn again with it
  // done, the focus stays on it (it fell to <body>), which a screen reader
  // reads as "Second thing (done)", and the checklist is not announced
  // again (the live region said "Guide: Get started" once more).
  await page.evaluate(() => window.Cairn.launch('keyboard-checklist'));
  await page.locator('cairn-ui [data-item="b"]').waitFor();
  await page.locator('cairn-ui [data-item="b"]').focus();
  await page.waitForTimeout(100);
  const live = () => page.evaluate(() => document.querySelector('cairn-ui').shadowRoot.querySelector('[aria-live]').textContent);
  await page.evaluate(() => { document.querySelector('cairn-ui').shadowRoot.querySelector('[aria-live]').textContent = ''; });
  await page.keyboard.press('Enter');
  await eventually(() => page.evaluate(() => document.querySelector('cairn-ui').shadowRoot.querySelector('[data-item="b"]')?.closest('li').className === 'done'), 'the item is ticked');
  await page.waitForTimeout(100);
  const onItem = await page.evaluate(() => document.querySelector('cairn-ui').shadowRoot.activeElement?.getAttribute('aria-label') ?? document.activeElement.localName);
  assert(onItem === 'Second thing (done)', `the focus stays on the ticked item: ${onItem}`);
  assert(await live() === '', `the checklist is not announced again: "${await live()}"`);
  await page.keyboard.press('Tab');
  const next = await page.evaluate(() => document.querySelector('cairn-ui').shadowRoot.activeElement?.dataset.item);
  assert(next === 'c', `Tab goes on to the next item: ${next}`);

  await page.evaluate(() => window.Cairn.flush());
  await eventually(() => t.collector.state.events.some((e) => e.event === 'cairn_guide_dismissed'), 'dismissed event arrives');
  const dismissed = t.collector.state.events.find((e) => e.event === 'cairn_guide_dismissed');
  assert(dismissed.properties.reason === 'escape_key', `reason: ${dismissed.properties.reason}`);

  // The host's Cairn.reset() takes the checklist away with the focus in it:
  // the focus goes back to the field it came from (it fell to <body>). Seen
  // in reset's task: the new user's tour then takes the focus.
  assert((await focused()) === 'cairn:', `still on the checklist: ${await focused()}`);
  const afterReset = await page.evaluate(() => {
    window.Cairn.reset();
    return [!!document.querySelector('cairn-ui').shadowRoot.querySelector('[data-item]'), document.activeElement.id || document.activeElement.localName];
  });
  assert(!afterReset[0] && afterReset[1] === 'project-name', `reset: checklist gone, focus back on the field: ${afterReset}`);
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
