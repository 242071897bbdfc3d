// The step list's problem markers follow a step moved with the keyboard,
// against the real collector: a tooltip step without its element has a
// problem (⚠ 1). Moved with Alt+↑ the focus stays in the list, and the list
// skipped its redraw after the save while it had the focus, so the marker
// stayed on the step that took the tooltip's place, for good, while the
// problem list above named the right step.
import { assert, eventually, newModalGuide, run, saved } from './editor_session.mjs';

await run('browser: editor step markers', {}, async (t) => {
  const page = await t.newPage();
  await newModalGuide(t, page, 'Markers');
  await page.getByLabel('New step kind').selectOption('tooltip');
  await page.getByRole('button', { name: 'Add step' }).click();
  await saved(page);

  const markers = () => page.locator('.step-list .step-select').evaluateAll((buttons) =>
    buttons.map((b) => `${b.querySelector('.step-number').textContent} ${b.textContent.includes('tooltip') ? 'tooltip' : 'modal'}${b.querySelector('.problem-count') ? ' ⚠' : ''}`));
  await eventually(async () => JSON.stringify(await markers()) === JSON.stringify(['1. modal', '2. tooltip ⚠']), 'the tooltip step is marked');

  await page.locator('#step-select-1').focus();
  await page.keyboard.press('Alt+ArrowUp');
  await saved(page);
  await page.locator('.problem-list li', { hasText: 'Step 1 (tooltip)' }).waitFor();
  await eventually(async () => JSON.stringify(await markers()) === JSON.stringify(['1. tooltip ⚠', '2. modal']),
    'after the save the marker is on the moved tooltip step, not on the modal');
  const focused = await page.evaluate(() => document.activeElement?.id);
  assert(focused === 'step-select-0', `the focus stays on the moved step: ${focused}`);
  // Once more, down again.
  await page.keyboard.press('Alt+ArrowDown');
  await saved(page);
  await page.locator('.problem-list li', { hasText: 'Step 2 (tooltip)' }).waitFor();
  await eventually(async () => JSON.stringify(await markers()) === JSON.stringify(['1. modal', '2. tooltip ⚠']),
    'moved back, the marker follows again');
});
