// Keyboard and screen-reader use of the steps, drawn directly (gallery.html),
// checked with the keyboard and Chromium's accessibility tree (CDP):
// - where the focus goes when a step that holds it goes away (it fell to
//   <body>): back where it came from, else the page's first control; a step
//   the user left keeps the focus where they took it; the next step of the
//   guide takes it when it does not take it itself (and the live region
//   then does not say its title again); Tab goes between a
//   tooltip and its target; Tab leaves a slideout (not modal);
// - the launcher says it opens a dialog and which, an open hotspot beacon
//   names its hint; a checklist is a region (landmark), not a dialog;
// - a one-answer survey is a radio group: one tab stop, arrows, Home, End;
// - <cairn-ui> itself is no unnamed group in the accessibility tree;
// - a step's title is said once (a focused step's live announcement is its
//   position only), the card's "2 / 3" is read in words;
// - two steps shown at once are both announced.
import { assert, eventually, withBrowser } from './harness.mjs';
import { view } from './step_views.mjs';

await withBrowser('browser: accessibility', {}, async (t) => {
  const page = await t.newPage();
  await page.goto(`${t.app}/pages/gallery.html`);
  await page.evaluate(async () => { window.g = await window.CairnGallery.create('/sdk/cairn.wasm'); });
  const cdp = await page.context().newCDPSession(page);
  const show = (kind, extra = {}) => { const { view: v, target } = view(kind, extra); return page.evaluate(([v2, tg]) => window.g.show(v2, tg), [v, target]); };
  const hide = (id) => page.evaluate((i) => window.g.hide(i), id);
  const focused = () => page.evaluate(() => {
    const host = document.querySelector('cairn-ui');
    const inner = host?.shadowRoot.activeElement;
    if (document.activeElement === host && inner) return `cairn:${inner.getAttribute('data-value') ?? inner.getAttribute('data-item') ?? inner.getAttribute('data-cairn-step') ?? inner.textContent}`;
    return `page:${document.activeElement?.id || document.activeElement?.localName}`;
  });
  // fn(host): evaluated in the page with our <cairn-ui>.
  const inShadow = (fn) => page.locator('cairn-ui').evaluate(fn);
  const focusPage = (id) => page.evaluate((i) => document.getElementById(i).focus(), id);
  const focusOurs = (selector) => page.locator(`cairn-ui ${selector}`).focus();
  // The accessibility node (CDP) of `cairn-ui` or of `cairn-ui <selector>`
  // (in our shadow root), with its properties by name.
  const axNode = async (selector) => {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const host = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: 'cairn-ui' });
    const inner = selector.replace(/^cairn-ui\s*/, '');
    let nodeId = host.nodeId;
    if (inner) {
      const { node } = await cdp.send('DOM.describeNode', { nodeId, depth: 1, pierce: true });
      const shadow = await cdp.send('DOM.pushNodesByBackendIdsToFrontend', { backendNodeIds: [node.shadowRoots[0].backendNodeId] });
      ({ nodeId } = await cdp.send('DOM.querySelector', { nodeId: shadow.nodeIds[0], selector: inner }));
    }
    const { nodes } = await cdp.send('Accessibility.getPartialAXTree', { nodeId, fetchRelatives: false });
    const n = nodes[0];
    return { role: n.role?.value, name: n.name?.value, ignored: n.ignored, description: n.description?.value,
      props: Object.fromEntries((n.properties ?? []).map((p) => [p.name, p.value.value])) };
  };

  // Focus return 1: a checklist the user tabbed into, removed (the guide
  // ended): the focus goes back to the page element it came from.
  await show('checklist');
  await page.locator('cairn-ui [data-item="invite"]').waitFor();
  // A checklist is a region (a landmark) named by its title, not a dialog.
  const region = await axNode('cairn-ui [data-cairn-step="checklist"]');
  assert(region.role === 'region' && region.name === 'Get started', `checklist: ${JSON.stringify(region)}`);
  await focusPage('save-project');
  await focusOurs('[data-item="invite"]');
  await hide('g-checklist');
  assert((await focused()) === 'page:save-project', `checklist gone, focus back where it came from: ${await focused()}`);

  // 2: that element is gone too (a route change): the page's first control.
  await show('checklist');
  await page.locator('cairn-ui [data-item="invite"]').waitFor();
  await page.evaluate(() => { const b = document.createElement('button'); b.id = 'temp'; document.body.append(b); b.focus(); });
  await focusOurs('[data-item="invite"]');
  await page.evaluate(() => document.getElementById('temp').remove());
  await hide('g-checklist');
  assert((await focused()) === 'page:project-name', `origin gone, the page's first control: ${await focused()}`);

  // 3: the resource center open with the focus in it, closed by the host
  // (launcher and panel go): back to where the focus came from.
  await show('launcher');
  const launcher = page.locator('cairn-ui [data-cairn-step="launcher-button"]');
  await launcher.waitFor();
  // The launcher says it opens a dialog, and names it while open.
  let a = await launcher.evaluate((b) => [b.getAttribute('aria-haspopup'), b.getAttribute('aria-expanded'), b.getAttribute('aria-controls')]);
  assert(a[0] === 'dialog' && a[1] === 'false' && a[2] === null, `launcher closed: ${a}`);
  await focusPage('project-key');
  await focusOurs('[data-cairn-step="launcher-button"]');
  await page.keyboard.press('Enter');
  await page.locator('cairn-ui .rc').waitFor();
  a = await launcher.evaluate((b) => [b.getAttribute('aria-expanded'), b.getAttribute('aria-controls')]);
  const panelId = await inShadow((h) => h.shadowRoot.querySelector('.rc').id);
  assert(a[0] === 'true' && panelId && a[1] === panelId, `launcher open controls the panel: ${a} / ${panelId}`);
  assert((await focused()).startsWith('cairn:'), `focus in the panel: ${await focused()}`);
  const ax = await axNode('cairn-ui [data-cairn-step="launcher-button"]');
  assert(ax.props.hasPopup === 'dialog' && ax.props.expanded === true, `launcher in the accessibility tree: ${JSON.stringify(ax)}`);
  await page.keyboard.press('Escape');
  assert((await focused()) === 'cairn:launcher-button', `Escape closes the panel onto the launcher: ${await focused()}`);
  a = await launcher.evaluate((b) => [b.getAttribute('aria-expanded'), b.getAttribute('aria-controls')]);
  assert(a[0] === 'false' && a[1] === null, `closed again: ${a}`);
  await page.keyboard.press('Enter');
  await page.locator('cairn-ui .rc').waitFor();
  await hide('g-launcher');
  assert((await focused()) === 'page:project-key', `resource center gone, focus back: ${await focused()}`);

  // 4: a tooltip the user left for the page: its going leaves the focus
  // where the user took it (it was taken back to where it was before).
  await focusPage('project-name');
  await show('tooltip');
  await eventually(async () => (await focused()) === 'cairn:Next', 'tooltip takes the focus');
  await page.click('#project-key');
  await hide('g-tooltip');
  assert((await focused()) === 'page:project-key', `focus the user moved stays: ${await focused()}`);

  // 5: a tour: the tooltip (with the focus) is followed by a banner of the
  // same guide, which does not take the focus itself: it goes into the
  // banner, not to <body>; the banner gone, back to the element before the tour.
  // The focus, going into the banner's region, says its title: the live
  // region says only its place in the guide (it said the title as well).
  const spoken = () => inShadow((h) => h.shadowRoot.querySelector('[aria-live]').textContent);
  await focusPage('project-name');
  await show('tooltip', { guideId: 'g-tour' });
  await eventually(async () => (await focused()) === 'cairn:Next', 'tour step 1 takes the focus');
  await eventually(async () => (await spoken()) === 'Step 2 of 3', `tour step 1 announced: ${await spoken()}`);
  await inShadow((h) => { h.shadowRoot.querySelector('[aria-live]').textContent = ''; });
  await show('banner', { guideId: 'g-tour', stepId: 's2', stepIndex: 2, stepCount: 3 });
  await eventually(async () => (await focused()) === 'cairn:Take a look', `the banner takes the focus: ${await focused()}`);
  await eventually(async () => (await spoken()) !== '', 'the banner announced');
  const tourBanner = await axNode('cairn-ui [data-cairn-step="banner"]');
  assert(tourBanner.role === 'region' && tourBanner.name === 'Reports are here', `the focus is in the banner's region: ${JSON.stringify(tourBanner)}`);
  assert((await spoken()) === 'Step 3 of 3', `a banner the focus goes into says its title once: "${await spoken()}"`);
  await hide('g-tour');
  assert((await focused()) === 'page:project-name', `tour over, focus back before the tour: ${await focused()}`);

  // A tooltip keeps Tab between itself and its target, so a keyboard user
  // can do what it asks (a click_target step has no Next button: Tab went
  // round its Close button only).
  await focusPage('project-name');
  await show('tooltip', { buttons: [] });
  await eventually(async () => (await focused()) === 'cairn:×', 'a tooltip without buttons: Close has the focus');
  const round = [];
  for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) { await page.keyboard.press(key); round.push(await focused()); }
  assert(round.join() === 'page:project-key,cairn:×,page:project-key,cairn:×,page:project-key', `Tab between the tooltip and its target: ${round}`);
  await page.keyboard.type('AB');
  assert((await page.inputValue('#project-key')) === 'AB', 'the target takes the keys');
  await page.evaluate(() => { document.getElementById('project-key').value = ''; });
  await hide('g-tooltip');
  await page.keyboard.press('Tab');
  assert((await focused()) === 'page:save-project', `the tooltip gone, Tab from the target is the page's again: ${await focused()}`);

  // A slideout takes the focus but not Tab: it is not modal, and a keyboard
  // user must reach the page without dismissing the guide.
  await show('slideout');
  await eventually(async () => (await focused()) === 'cairn:Invite', 'the slideout takes the focus');
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Shift+Tab');
  assert((await focused()) === 'page:far-button', `Shift+Tab from the slideout reaches the page: ${await focused()}`);
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  assert(!(await focused()).startsWith('cairn:'), `Tab from its last control leaves it: ${await focused()}`);
  await hide('g-slideout');

  // 6: a hotspot's hint closed: the focus goes to its target.
  await focusPage('project-name');
  await show('hotspot');
  await page.locator('cairn-ui [data-cairn-step="hotspot-beacon"]').click();
  await eventually(async () => (await focused()) === 'cairn:Got it', 'the hint takes the focus');
  // The beacon, open, names its hint.
  const hint = await inShadow((h) => [h.shadowRoot.querySelector('[data-cairn-step="hotspot-beacon"]').getAttribute('aria-controls'), h.shadowRoot.querySelector('[data-cairn-step="hotspot"]').id]);
  assert(hint[0] && hint[0] === hint[1], `the beacon controls its hint: ${hint}`);
  // Tab from the hint reaches the hotspot's target (not the beacon).
  await page.keyboard.press('Tab');
  assert((await focused()) === 'page:save-project', `Tab from the hint: ${await focused()}`);
  await page.keyboard.press('Tab');
  assert((await focused()) === 'cairn:×', `and back into the hint: ${await focused()}`);
  await hide('g-hotspot');
  assert((await focused()) === 'page:save-project', `hint gone, focus on its target: ${await focused()}`);

  // The host element: no unnamed group around our boxes (a popover is one).
  const host = await axNode('cairn-ui');
  assert(host.ignored || host.role === 'none', `<cairn-ui> in the accessibility tree: ${JSON.stringify(host)}`);

  // NPS: a radio group named by the question, one tab stop.
  await show('survey');
  await eventually(async () => (await focused()) === 'cairn:0', 'the first answer has the focus');
  const group = await axNode('cairn-ui .sv');
  assert(group.role === 'radiogroup' && group.name.startsWith('How likely'), `answers: ${JSON.stringify(group)}`);
  const zero = await axNode('cairn-ui [data-value="0"]'), ten = await axNode('cairn-ui [data-value="10"]');
  assert(zero.role === 'radio' && zero.props.checked === 'false' && zero.description === 'Not likely', `answer 0: ${JSON.stringify(zero)}`);
  assert(ten.description === 'Very likely', `answer 10: ${JSON.stringify(ten)}`);
  // Before an answer: Close, the first answer, then out of the card (Submit is disabled).
  const stops = [];
  for (const key of ['Shift+Tab', 'Tab', 'Tab']) { await page.keyboard.press(key); stops.push(await focused()); }
  assert(stops[0] === 'cairn:×' && stops[1] === 'cairn:0' && !stops[2].startsWith('cairn:'), `tab stops before an answer: ${stops}`);
  await focusOurs('[data-value="0"]');
  const checked = () => inShadow((h) => [...h.shadowRoot.querySelectorAll('[role=radio]')].filter((b) => b.getAttribute('aria-checked') === 'true').map((b) => b.dataset.value).join());
  const submitDisabled = () => inShadow((h) => h.shadowRoot.querySelector('button.primary').disabled);
  const keys = [['ArrowRight', '1'], ['ArrowDown', '2'], ['End', '10'], ['ArrowRight', '0'], ['ArrowLeft', '10'], ['ArrowUp', '9'], ['Home', '0'], ['ArrowLeft', '10']];
  for (const [key, want] of keys) {
    await page.keyboard.press(key);
    const [f, c] = [await focused(), await checked()];
    assert(f === `cairn:${want}` && c === want, `${key}: focus ${f}, checked ${c}, want ${want}`);
  }
  assert(!(await submitDisabled()), 'an answer picked, Submit is enabled');
  assert((await shownTitle(page)) !== null, 'arrows do not leave the step');
  // The group's tab stop is the checked answer now; Tab goes on to Submit.
  await page.keyboard.press('Tab');
  assert((await focused()) === 'cairn:Submit', `Tab from the group: ${await focused()}`);
  await page.keyboard.press('Shift+Tab');
  assert((await focused()) === 'cairn:10', `Shift+Tab back onto the checked answer: ${await focused()}`);
  // The mouse still picks.
  await page.locator('cairn-ui [data-value="7"]').click();
  assert((await checked()) === '7', `clicked 7: ${await checked()}`);
  const tabbable = await inShadow((h) => [...h.shadowRoot.querySelectorAll('[role=radio]')].filter((b) => b.tabIndex === 0).map((b) => b.dataset.value).join());
  assert(tabbable === '7', `one tab stop, on the picked answer: ${tabbable}`);
  await page.locator('cairn-ui button.primary').click();
  const answered = await page.evaluate(() => window.g.actions.at(-1));
  assert(answered.kind === 'survey_answer' && answered.answer === 7, `answer: ${JSON.stringify(answered)}`);
  await hide('g-survey');

  // A single choice is a radio group too; several choices stay toggle buttons.
  const options = [{ id: 'a', label: 'Alpha' }, { id: 'b', label: 'Beta' }, { id: 'c', label: 'Gamma' }];
  await show('survey', { survey: { kind: 'choice', options } });
  await eventually(async () => (await focused()) === 'cairn:a', 'the first choice has the focus');
  await page.keyboard.press('ArrowDown');
  assert((await checked()) === 'b', `choice picked by arrow: ${await checked()}`);
  await page.keyboard.press('Tab');
  assert((await focused()) === 'cairn:Submit', `one tab stop for the choices: ${await focused()}`);
  await page.keyboard.press('Enter');
  const chose = await page.evaluate(() => window.g.actions.at(-1));
  assert(chose.answer === 'b', `choice answer: ${JSON.stringify(chose)}`);
  await hide('g-survey');
  await show('survey', { survey: { kind: 'choice', options, multiple: true } });
  await eventually(async () => (await focused()) === 'cairn:a', 'the first choice has the focus');
  const multi = await axNode('cairn-ui [data-value="a"]');
  assert(multi.role === 'button' && multi.props.pressed === 'false', `several choices: ${JSON.stringify(multi)}`);
  await page.keyboard.press('Tab');
  assert((await focused()) === 'cairn:b', `each choice its own tab stop: ${await focused()}`);
  await hide('g-survey');

  // A step's title is said once. One that takes the focus is read out by it
  // (the dialog's name): the live region says only its place in the guide
  // (it said "Step 2 of 3: Project key" as well). One that does not (a
  // banner, a hotspot's beacon) says its title there. The card's "2 / 3"
  // is hidden from screen readers ("2 slash 3"), its words read instead.
  const liveText = () => inShadow((h) => h.shadowRoot.querySelector('[aria-live]').textContent);
  const clearLive = () => page.evaluate(() => { document.querySelector('cairn-ui').shadowRoot.querySelector('[aria-live]').textContent = ''; });
  const announced = async (kind, extra = {}) => {
    await clearLive();
    await show(kind, extra);
    await eventually(async () => (await liveText()) !== '', `${kind} announced`);
    await page.waitForTimeout(100);
    return liveText();
  };
  await focusPage('project-name');
  let said = await announced('tooltip');
  await eventually(async () => (await focused()) === 'cairn:Next', 'the tooltip takes the focus');
  const dialog = await axNode('cairn-ui [data-cairn-step="tooltip"]');
  assert(dialog.role === 'dialog' && dialog.name === 'Project key', `the focused tooltip is named by its title: ${JSON.stringify(dialog)}`);
  assert(said === 'Step 2 of 3', `a focused step's title is not announced again: "${said}"`);
  // The card's text in the accessibility tree (CDP), as a screen reader's
  // virtual cursor reads it: the position in words, no "2 / 3".
  await clearLive();
  const { nodes } = await cdp.send('Accessibility.getFullAXTree');
  const texts = nodes.filter((n) => !n.ignored && n.role?.value === 'StaticText').map((n) => n.name?.value);
  assert(!texts.includes('2 / 3') && texts.includes('Step 2 of 3'), `the progress read in words: ${JSON.stringify(texts)}`);
  await hide('g-tooltip');
  said = await announced('modal');
  assert(said === 'Step 1 of 2', `a modal is read out by its focus: "${said}"`);
  await hide('g-modal');
  // A one-step guide's step that takes the focus has nothing more to say.
  await clearLive();
  await show('slideout');
  await eventually(async () => (await focused()) === 'cairn:Invite', 'the slideout takes the focus');
  await page.waitForTimeout(200);
  assert((await liveText()) === '', `a focused one-step guide is not announced: "${await liveText()}"`);
  await hide('g-slideout');
  said = await announced('banner', { stepIndex: 1, stepCount: 3 });
  assert(said === 'Step 2 of 3: Reports are here', `a banner takes no focus, its title is announced: "${said}"`);
  await hide('g-banner');
  said = await announced('hotspot');
  assert(said === 'Guide: New: project templates', `a hotspot's beacon is announced with its title: "${said}"`);
  await hide('g-hotspot');

  // Two steps shown in one task are both announced (the second replaced the first).
  await page.evaluate(() => { document.querySelector('cairn-ui').shadowRoot.querySelector('[aria-live]').textContent = ''; });
  const { view: b } = view('banner'), { view: c } = view('checklist');
  await page.evaluate(([v1, v2]) => { window.g.show(v1); window.g.show(v2); }, [b, c]);
  await page.waitForTimeout(200);
  const live = await inShadow((h) => h.shadowRoot.querySelector('[aria-live]').textContent);
  assert(live.includes('Reports are here') && live.includes('Get started'), `announced: "${live}"`);

  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});

async function shownTitle(page) {
  return page.evaluate(() => document.querySelector('cairn-ui').shadowRoot.querySelector('[data-cairn-step] .t')?.textContent ?? null);
}
