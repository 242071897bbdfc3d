// The impact form's "Within (days)" against the real collector: a value out
// of range (0, -1, 400) used to be clamped silently (to 7, 1 and 366 days) and
// measured as if entered. Now the form names the problem, like the funnel's
// window ("Within: must be at most 366 days."), and runs no goal query, from
// the field or from a link carrying goal_days; 366 days is measured as such.
import { assert, withDashboard } from './dashboard_fixture.mjs';

const DAY_MS = 86400000;

await withDashboard('browser: dashboard impact days', async (t) => {
  const { page, collector, guideId } = t;
  const windows = [];  // goal_window_ms of every guide query with a goal
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().endsWith('/analytics/guides')) {
      const body = JSON.parse(r.postData() ?? '{}');
      if (body.goal) windows.push(body.goal_window_ms);
    }
  });
  await page.goto(`${collector.url}/dashboard/guides/${guideId}?days=30`);
  await page.waitForSelector('#measure-impact');
  await page.fill('.goal-form .cond-value', 'project_created');
  const error = page.locator('#goal-error');
  for (const [days, words] of [['400', 'Within: must be at most 366 days.'], ['0', 'Within: must be at least 1 day.'],
    ['-1', 'Within: must be at least 1 day.'], ['2.5', 'Within: must be a whole number of days.']]) {
    await page.fill('#goal-days', days);
    await page.click('#measure-impact');
    await error.filter({ hasText: words }).waitFor();
    assert(await page.inputValue('#goal-days') === days, `the field keeps what was typed: ${days}`);
  }
  await page.waitForTimeout(300);
  assert(windows.length === 0, `no goal query ran with a value out of range: ${windows}`);

  // A link with a window out of range: the problem shows, nothing is measured.
  const goal = encodeURIComponent(JSON.stringify({ event: 'project_created' }));
  await page.goto(`${collector.url}/dashboard/guides/${guideId}?days=30&goal=${goal}&goal_days=400`);
  await error.filter({ hasText: 'Within: must be at most 366 days.' }).waitFor();
  assert(await page.inputValue('#goal-days') === '400', 'the link\'s value is shown, not a clamped one');
  await page.locator('section.chart-card:has(h2:text-is("Steps")) table').waitFor({ state: 'attached' });
  assert(windows.length === 0, `the link ran no goal query: ${windows}`);

  await page.fill('#goal-days', '366');
  await page.click('#measure-impact');
  await page.waitForSelector('#impact-verdict');
  assert(await error.textContent() === '', `366 days is accepted: ${await error.textContent()}`);
  assert(windows.length === 1 && windows[0] === 366 * DAY_MS, `measured over 366 days: ${windows}`);
});
