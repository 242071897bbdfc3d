// A multi-page tooltip tour in the sample app, end to end through the core's
// GuideSession: the first step appears beside the right element, advances on a
// click on it, survives an SPA route change, resumes at the same step after a
// reload, falls back to a centered bubble when its target is missing, and its
// guide events reach the collector once each.
import { assert, eventually, withBrowser } from './harness.mjs';
import { gapTo, sampleGuide, shownStep } from './guides.mjs';

const tour = sampleGuide('first-project-tour');

await withBrowser('browser: guide tour', { guides: { guides: [tour] } }, async (t) => {
  const page = await t.newPage();
  await page.addInitScript(() => { window.__cairnTest.flushIntervalMs = 300; });
  await page.goto(`${t.app}/`);

  // Step 1 on the home page, beside "Open projects".
  let step = await eventually(() => shownStep(page), 'first step shown');
  assert(step.title === 'Your projects live here', `step 1 title: ${step.title}`);
  assert(await gapTo(page, '[data-testid=open-projects]', step.rect) < 30, `step 1 beside its target: ${JSON.stringify(step)}`);
  await t.shot(page, 'tour-1-home.png');

  // Clicking the target advances; the SPA route change keeps the guide going.
  await page.click('[data-testid=open-projects]');
  await eventually(async () => (await shownStep(page))?.title === 'Create a project', 'step 2 after the SPA route change');
  step = await shownStep(page);
  assert(await gapTo(page, '#new-project', step.rect) < 30, `step 2 beside "New project": ${JSON.stringify(step)}`);
  await t.shot(page, 'tour-2-projects.png');

  await page.click('#new-project');
  await eventually(async () => (await shownStep(page))?.title === 'The project key', 'step 3 on the form');

  // Reload: the session resumes at the same step.
  await page.reload();
  await eventually(async () => (await shownStep(page))?.title === 'The project key', 'step 3 again after reload');
  step = await shownStep(page);
  assert(await gapTo(page, '#project-key', step.rect) < 30, `step 3 beside the key field: ${JSON.stringify(step)}`);
  await t.shot(page, 'tour-3-resumed.png');

  // The target of step 4 is removed: after its wait, a centered fallback.
  await page.evaluate(() => document.querySelector('#save-project').remove());
  await page.locator('cairn-ui button[data-action=next]').click();
  step = await eventually(async () => {
    const s = await shownStep(page);
    return s?.title === 'Save it' ? s : null;
  }, 'step 4 shown as a centered fallback', 6000);
  const vw = 1100, vh = 720;
  assert(Math.abs(step.rect.x + step.rect.w / 2 - vw / 2) < 4 && Math.abs(step.rect.y + step.rect.h / 2 - vh / 2) < 4, `centered: ${JSON.stringify(step)}`);
  await t.shot(page, 'tour-4-fallback.png');

  await page.locator('cairn-ui button[data-action=complete]').click();
  await eventually(async () => (await shownStep(page)) === null, 'guide closes when completed');

  await page.evaluate(() => window.Cairn.flush());
  const events = () => t.collector.state.events.filter((e) => e.event?.startsWith('cairn_') && e.event !== 'cairn_click');
  await eventually(() => events().some((e) => e.event === 'cairn_guide_completed'), 'guide_completed arrives');
  const count = (name, extra = () => true) => events().filter((e) => e.event === name && extra(e)).length;
  assert(count('cairn_guide_seen') === 1, `guide_seen once: ${count('cairn_guide_seen')}`);
  for (const i of [0, 1, 2, 3]) assert(count('cairn_step_seen', (e) => e.properties.step_index === i) === 1, `step_seen ${i} once`);
  assert(count('cairn_target_missing') === 1, `target_missing once: ${count('cairn_target_missing')}`);
  assert(count('cairn_guide_completed') === 1, 'guide_completed once');
  // A batch in flight during the reload is also beaconed (at least once); a copy
  // must be the same event again (same messageId, same content), never a second
  // emission, so the collector's messageId dedup absorbs it.
  const first = new Map(t.collector.state.events.map((e) => [e.messageId, JSON.stringify(e)]));
  for (const e of t.collector.state.received) {
    assert(first.get(e.messageId) === JSON.stringify(e), `redelivered event differs: ${e.messageId}`);
  }
  assert(t.errors.length === 0, `page errors: ${t.errors.join('; ')}`);
});
