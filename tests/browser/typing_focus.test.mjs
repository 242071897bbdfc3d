// A step that appears while the user types in a field of the page (shown on
// a timer, after a page event) does not take the focus: the keys went on
// to our card, and a Space pressed its button. It is announced with its
// title instead, and F6 goes into it and back out. A modal waits for a
// pause in the typing, then takes the focus as modals do. A step shown
// while the focus merely sits in a field (no key pressed there) still takes
// it. Drawn directly (gallery.html), typed with the keyboard.
import { assert, eventually, withBrowser } from './harness.mjs';
import { view } from './step_views.mjs';

const TEXT = 'hello world, typed on';
// Through the real session: a slideout that starts 600 ms after the form page loads.
const invite = { schema: 1, id: 'typing-invite', name: 'Invite', version: 1, status: 'published',
  trigger: { kind: 'page_load', pages: { include: [{ path: '/projects/new' }] }, delay_ms: 600 }, frequency: { kind: 'every_session' },
  steps: [{ id: 'invite', kind: 'slideout', content: { en: { title: 'Invite your team', body: 'Projects ship faster together.',
    buttons: [{ label: 'Invite', action: 'next' }] } } }] };

await withBrowser('browser: typing keeps the focus', { guides: { guides: [invite] } }, async (t) => {
  const app = await t.newPage();
  await app.goto(`${t.app}/projects/new`);
  await app.focus('#project-name');
  const appState = () => app.evaluate(() => {
    const host = document.querySelector('cairn-ui');
    return { value: document.getElementById('project-name').value, focus: document.activeElement?.id,
      shown: !!host?.shadowRoot.querySelector('[data-cairn-step="slideout"]'), inner: host?.shadowRoot.activeElement?.textContent ?? null };
  });
  // Typing on until the slideout is up (however long the SDK takes to load), then a few words more.
  let typed = '';
  for (let i = 0; i < 400 && !(await appState()).shown; i++) {
    const c = TEXT[i % TEXT.length];
    await app.keyboard.type(c);
    typed += c;
    await app.waitForTimeout(40);
  }
  await app.keyboard.type(TEXT, { delay: 40 });
  typed += TEXT;
  let a = await appState();
  assert(a.shown && a.value === typed && a.focus === 'project-name', `the delayed slideout left the typing alone: ${JSON.stringify(a)}`);
  await app.keyboard.press('F6');
  a = await appState();
  assert(a.inner === 'Invite', `F6 goes into the slideout: ${JSON.stringify(a)}`);
  await app.close();

  const page = await t.newPage();
  await page.goto(`${t.app}/pages/gallery.html`);
  await page.evaluate(async () => { window.g = await window.CairnGallery.create('/sdk/cairn.wasm'); });
  const focused = () => page.evaluate(() => {
    const host = document.querySelector('cairn-ui');
    const inner = host?.shadowRoot.activeElement;
    if (document.activeElement === host && inner) return `cairn:${inner.textContent}`;
    return `page:${document.activeElement?.id || document.activeElement?.localName}`;
  });
  const live = () => page.locator('cairn-ui').evaluate((h) => h.shadowRoot.querySelector('[aria-live]').textContent);
  const shown = (kind) => page.locator('cairn-ui').evaluate((h, k) => !!h.shadowRoot.querySelector(`[data-cairn-step="${k}"]`), kind);
  // Types TEXT into #project-name; `kind`'s step is shown 150 ms in.
  const typeWhileShown = async (kind, extra = {}) => {
    const { view: v, target } = view(kind, extra);
    await page.fill('#project-name', '');
    await page.focus('#project-name');
    await page.keyboard.type(TEXT[0]);
    await page.evaluate(([v2, tg]) => setTimeout(() => window.g.show(v2, tg), 150), [v, target]);
    await page.keyboard.type(TEXT.slice(1), { delay: 40 });
    return v.guideId;
  };

  for (const [kind, said, control] of [['slideout', 'Guide: Invite your team', 'Invite'], ['tooltip', 'Step 2 of 3: Project key', 'Next'],
    ['survey', 'Guide: How likely are you to recommend Acme to a colleague?', '0']]) {
    const id = await typeWhileShown(kind);
    assert(await shown(kind), `${kind} shown`);
    const value = await page.inputValue('#project-name');
    assert(value === TEXT, `${kind}: every key went to the field: "${value}"`);
    assert((await focused()) === 'page:project-name', `${kind}: the focus stays in the field: ${await focused()}`);
    assert((await live()) === said, `${kind}: announced with its title: "${await live()}"`);
    const actions = await page.evaluate(() => window.g.actions.length);
    assert(actions === 0, `${kind}: nothing pressed in the step: ${actions}`);
    // F6 goes into the step, and back to the field.
    await page.keyboard.press('F6');
    assert((await focused()) === `cairn:${control}`, `${kind}: F6 goes into it: ${await focused()}`);
    await page.keyboard.press('F6');
    assert((await focused()) === 'page:project-name', `${kind}: F6 again goes back: ${await focused()}`);
    await page.evaluate((i) => window.g.hide(i), id);
  }

  // A modal waits until the typing pauses, then takes the focus.
  const id = await typeWhileShown('modal');
  assert(!(await shown('modal')), 'the modal waits while the user types');
  assert((await page.inputValue('#project-name')) === TEXT, 'every key went to the field');
  await eventually(async () => (await focused()) === 'cairn:Start tour', 'after a pause the modal opens with the focus', 5000);
  await page.evaluate((i) => window.g.hide(i), id);

  // The focus in a field the user has not typed in: the step takes it.
  await page.focus('#project-key');
  const { view: slide } = view('slideout');
  await page.evaluate((v) => window.g.show(v), slide);
  await eventually(async () => (await focused()) === 'cairn:Invite', 'a step shown while nobody types takes the focus');
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
