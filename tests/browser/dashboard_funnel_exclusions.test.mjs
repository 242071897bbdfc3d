// The funnel form's exclusion picker offers only the pairs of steps the
// funnel has ("between step 1 and 2" for two steps, not up to "19 and 20"),
// and follows the steps as they are added and removed. A pair a removed step
// took away stays chosen, marked, and is named as a problem; it is never
// moved to another pair. Against the real collector: the query sent carries
// the pair chosen.
import { assert, withDashboard } from './dashboard_fixture.mjs';

await withDashboard('browser: dashboard funnel exclusions', async (t) => {
  const { page, collector } = t;
  await page.goto(`${collector.url}/dashboard/funnels?days=7`);
  const names = page.locator('.funnel-steps input[placeholder="event name"]');
  await names.nth(0).fill('signup_started');
  await names.nth(1).fill('project_created');
  await page.getByRole('button', { name: '+ Exclude users who…' }).click();
  const after = page.getByRole('combobox', { name: 'Between step' });
  const offered = () => after.locator('option').allTextContents();
  assert((await offered()).join() === 'between step 1 and 2', `two steps, one pair: ${await offered()}`);

  await page.getByRole('button', { name: '+ Add step' }).click();
  await names.nth(2).fill('invite_sent');
  assert((await offered()).join() === 'between step 1 and 2,between step 2 and 3', `three steps, two pairs: ${await offered()}`);
  await after.selectOption({ label: 'between step 2 and 3' });

  // Step 3 removed: the chosen pair is kept and marked, not moved to 1 and 2.
  await page.getByRole('button', { name: 'Remove Step 3' }).click();
  assert((await offered()).join() === 'between step 1 and 2,between step 2 and 3 (no step 3)', `after removing step 3: ${await offered()}`);
  assert(await after.inputValue() === '2', 'the chosen pair is kept');
  await page.locator('.exclusion input[placeholder="event name"]').fill('support_ticket');
  const problems = page.locator('#funnel-problems');
  await page.getByRole('button', { name: 'Show funnel' }).click();
  await problems.filter({ hasText: 'Exclusion 1: there is no step 3' }).waitFor();

  // Step 3 back: the pair is whole again, and the query excludes between 2 and 3.
  await page.getByRole('button', { name: '+ Add step' }).click();
  await names.nth(2).fill('invite_sent');
  assert((await offered()).join() === 'between step 1 and 2,between step 2 and 3', `step 3 added again: ${await offered()}`);
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/analytics/funnel')),
    page.getByRole('button', { name: 'Show funnel' }).click(),
  ]);
  const sent = JSON.parse(request.postData()).exclusions;
  assert(sent?.length === 1 && sent[0].after_step === 2 && sent[0].event === 'support_ticket', `exclusion sent: ${JSON.stringify(sent)}`);
  assert(await problems.textContent() === '', `no problem left: ${await problems.textContent()}`);
});
