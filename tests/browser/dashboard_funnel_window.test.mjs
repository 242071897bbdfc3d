// The funnel form names its field when the conversion window is too long,
// against the real collector: 400 days was sent and refused with the API's
// words, "window ms: must be between 1 and 31622400000"; the form says
// "Converted within: must be at most 366 days." itself, for Show and Save,
// and 366 days is accepted.
import { assert, withDashboard } from './dashboard_fixture.mjs';

await withDashboard('browser: dashboard funnel window', async (t) => {
  const { page, collector } = t;
  await page.goto(`${collector.url}/dashboard/funnels?days=7`);
  const names = page.locator('.funnel-steps input[placeholder="event name"]');
  await names.nth(0).fill('signup_started');
  await names.nth(1).fill('project_created');
  await page.locator('#funnel-window').fill('400');
  await page.locator('#funnel-window-unit').selectOption({ label: 'days' });
  const problems = page.locator('#funnel-problems');
  await page.getByRole('button', { name: 'Show funnel' }).click();
  await problems.filter({ hasText: 'Converted within: must be at most 366 days.' }).waitFor();
  assert(!(await problems.textContent()).includes('31622400000'), `no raw limit in ms: ${await problems.textContent()}`);
  await page.getByPlaceholder('Name, e.g. Onboarding').fill('Too long');
  await page.getByRole('button', { name: 'Save funnel' }).click();
  await problems.filter({ hasText: 'Converted within: must be at most 366 days.' }).waitFor();
  assert((await t.call('GET', `/api/apps/${collector.appId}/funnels`)).funnels.length === 0, 'nothing saved');

  await page.locator('#funnel-window').fill('366');
  await page.getByRole('button', { name: 'Show funnel' }).click();
  await page.locator('.chart-summary').first().filter({ hasText: /^10 users started/ }).waitFor();
  assert(await problems.textContent() === '', `366 days is accepted: ${await problems.textContent()}`);
});
