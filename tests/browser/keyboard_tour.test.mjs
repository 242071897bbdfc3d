// The sample tour followed with the keyboard only, through the real session:
// its steps that wait for a click on their target (advance: click_target, no
// Next button) are followed with Tab then Enter. Tab went round the step's
// Close button only; Escape and Close end the guide.
import { assert, eventually, withBrowser } from './harness.mjs';
import { sampleGuide, shownStep } from './guides.mjs';

await withBrowser('browser: keyboard tour', { guides: { guides: [sampleGuide('first-project-tour')] } }, async (t) => {
  const page = await t.newPage();
  await page.addInitScript(() => { window.__cairnTest.flushIntervalMs = 300; });
  await page.goto(`${t.app}/`);
  const focused = () => page.evaluate(() => {
    const host = document.querySelector('cairn-ui');
    const inner = host?.shadowRoot.activeElement;
    if (document.activeElement === host && inner) return `cairn:${inner.getAttribute('data-action') ?? inner.className}`;
    return `page:${document.activeElement?.id || document.activeElement?.textContent.trim() || document.activeElement?.localName}`;
  });
  const onStep = (title) => eventually(async () => (await shownStep(page))?.title === title, `step "${title}"`);
  const press = async (key, want) => {
    await page.keyboard.press(key);
    await eventually(async () => (await focused()) === want, `${key} to ${want}: ${await focused()}`);
  };

  await onStep('Your projects live here');
  await eventually(async () => (await focused()) === 'cairn:x', 'the step takes the focus');
  await press('Tab', 'page:Open projects');
  await page.keyboard.press('Enter');
  await onStep('Create a project');
  await eventually(async () => (await focused()) === 'cairn:x', 'step 2 takes the focus');
  await press('Tab', 'page:new-project');
  await page.keyboard.press('Enter');
  await onStep('The project key');
  await eventually(async () => (await focused()) === 'cairn:next', 'step 3 takes the focus');
  await press('Tab', 'page:project-key');
  await page.keyboard.type('KEY');
  await press('Tab', 'cairn:x');
  await press('Tab', 'cairn:back');
  await press('Tab', 'cairn:next');
  await page.keyboard.press('Enter');
  await onStep('Save it');
  await eventually(async () => (await focused()) === 'cairn:complete', `step 4 takes the focus: ${await focused()}`);
  // Shift+Tab from the step's first control reaches the target too.
  await press('Tab', 'page:save-project');
  await press('Tab', 'cairn:x');
  await press('Shift+Tab', 'page:save-project');
  await page.keyboard.press('Enter');
  await eventually(async () => (await shownStep(page)) === null, 'the tour ends');
  await page.evaluate(() => window.Cairn.flush());
  await eventually(() => t.collector.state.events.some((e) => e.event === 'cairn_guide_completed'), 'completed event arrives');
  assert(!t.collector.state.events.some((e) => e.event === 'cairn_guide_dismissed'), 'not dismissed');
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
