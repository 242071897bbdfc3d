// The dashboard's funnel builder, overview and trends against the real
// collector loaded with a data set whose answers are known (TRUTH): the
// numbers on screen equal the API's answer and the ground truth, a drop-off
// lists exactly the users who dropped and opens one to the last events
// ingested for them, CSV exports hold the table's numbers,
// a saved funnel reaches the overview. Screenshots go to build/artifacts/screenshots.
import { assert, assertEqual, dataSet, FUNNEL, RANGE, TRUTH, withDashboard } from './dashboard_fixture.mjs';

await withDashboard('browser: dashboard funnels', async (t) => {
  const { page } = t;
  const query = `${RANGE}&funnel=${encodeURIComponent(JSON.stringify(FUNNEL))}`;

  // The funnel: chart, step table and API agree with the ground truth.
  await page.goto(`${t.collector.url}/dashboard/funnels?${query}`);
  await page.waitForSelector('#funnel-summary');
  const from = await page.evaluate(() => Date.now());
  const api = await t.call('POST', t.appPath('analytics/funnel'), { ...FUNNEL, ...rangeOf(from) });
  assertEqual(api.steps.map((s) => s.entered), TRUTH.funnel.entered, 'API entered');
  const rows = await t.table('Funnel');
  assertEqual(rows.map((r) => Number(r[1].replace(/,/g, ''))), TRUTH.funnel.entered, 'entered on screen');
  assertEqual(rows.map((r) => r[5]), ['100.0%', '60.0%', '30.0%'], 'conversion from first on screen');
  assert((await page.textContent('#funnel-summary')).includes('30.0%'), 'summary shows the overall conversion');
  assertEqual(rows.map((r) => r[6]), ['–', '3.0 min', '30 s'], 'median time to convert on screen');
  await t.shot('dashboard-funnel.png');

  // CSV: raw numbers, the same as the API.
  const csv = await t.csv('Funnel');
  assertEqual(csv[0].slice(0, 2), ['Step', 'Entered'], 'CSV header');
  assertEqual(csv.slice(1).map((r) => Number(r[1])), api.steps.map((s) => s.entered), 'CSV entered');
  // Converted to next / dropped: per transition; the last step has no next one.
  assertEqual(csv.slice(1).map((r) => [r[2], r[3]]), api.steps.map((s, i) => (i < api.steps.length - 1 ? [String(s.converted), String(s.dropped)] : ['', ''])),
    'CSV converted to next and dropped');
  assertEqual(csv.slice(1).map((r) => (r[6] === '' ? null : Number(r[6]))), TRUTH.funnel.median_ms, 'CSV median ms');
  assertEqual(csv.slice(1).map((r) => (r[7] === '' ? null : Number(r[7]))), TRUTH.funnel.p90_ms, 'CSV p90 ms');

  // Drill-down: who dropped after step 1 and after step 2.
  for (const step of [1, 2]) {
    await page.click(`button.drop-off[data-step="${step}"]`);
    await page.waitForSelector(`#dropped-panel >> text=Dropped after step ${step}`);
    await page.waitForFunction(() => document.querySelector('#dropped-panel [aria-busy="false"] table'));
    const users = (await t.table(`Dropped after step ${step}: reached “${labelOf(step)}”, not “${labelOf(step + 1)}”`)).map((r) => r[0]);
    assertEqual(users, TRUTH.funnel.droppedAfter[step], `users dropped after step ${step}`);
    const listed = await t.call('POST', t.appPath('analytics/funnel'), { ...FUNNEL, ...rangeOf(from), dropped: { step, limit: 100 } });
    assertEqual(users, listed.dropped.users, `dropped users vs API (step ${step})`);
  }
  // A dropped user opens, from the keyboard, to their last events: exactly
  // those ingested for them, newest first.
  const dropped = TRUTH.funnel.droppedAfter[2][0];
  const toggle = page.locator('#dropped-panel button.person-toggle', { hasText: dropped });
  assertEqual(await toggle.getAttribute('aria-expanded'), 'false', 'a user row starts closed');
  await toggle.focus();
  await page.keyboard.press('Enter');
  const region = page.locator(`[id="${await toggle.getAttribute('aria-controls')}"]`);
  await region.locator('li.person-event').first().waitFor();
  assertEqual(await toggle.getAttribute('aria-expanded'), 'true', 'the opened row says so');
  const shown = await region.locator('li.person-event').evaluateAll((items) => items.map((li) =>
    [li.querySelector('time').getAttribute('datetime'), li.querySelector('.person-event-name').textContent]));
  const ingested = dataSet(t.guideId).filter((e) => e.userId === dropped)
    .sort((a, b) => b.timestamp.localeCompare(a.timestamp)).slice(0, 10)
    .map((e) => [e.timestamp, e.type === 'page' ? 'Page view' : e.event]);
  assert(ingested.length >= 5, `the data set gives ${dropped} several events`);
  assertEqual(shown, ingested, `last events of ${dropped} on screen`);
  const pageView = await region.locator('li.person-event', { hasText: 'Page view' }).textContent();
  assert(pageView.includes('Projects') && pageView.includes('/projects'), `the page view names its page: ${pageView}`);
  const timeline = await t.call('GET', t.appPath(`people/${encodeURIComponent(dropped)}/events?limit=10`));
  assertEqual(shown.map((s) => s[0]), timeline.events.map((e) => new Date(e.timestamp_ms).toISOString()), 'last events vs API');
  await t.shot('dashboard-funnel-dropped.png');
  await page.keyboard.press('Enter');
  assertEqual(await toggle.getAttribute('aria-expanded'), 'false', 'Enter closes the row again');
  assert(await region.isHidden(), 'the closed row hides its events');
  // A failed request says why and offers a retry that works.
  const failing = page.locator('#dropped-panel button.person-toggle', { hasText: TRUTH.funnel.droppedAfter[2][1] });
  await page.route('**/people/**', (route) => route.fulfill({ status: 500, contentType: 'application/json',
    body: JSON.stringify({ error: { code: 'people_error', message: 'the database is away', problems: [] } }) }));
  await failing.click();
  const failed = page.locator(`[id="${await failing.getAttribute('aria-controls')}"]`);
  await failed.locator('[role="alert"]').waitFor();
  assert((await failed.textContent()).includes('the database is away'), 'the error is shown');
  await page.unroute('**/people/**');
  await failed.locator('button', { hasText: 'Try again' }).click();
  await failed.locator('li.person-event').first().waitFor();
  // "All events of this person" opens their page in the People view.
  await failed.locator('a.person-all-events').click();
  await page.waitForURL(`**/dashboard/people/${TRUTH.funnel.droppedAfter[2][1]}`);
  await page.locator('#person-events-status', { hasText: 'the oldest last' }).waitFor();

  // Breakdown by plan and a comparison range with no data.
  const withBreakdown = { ...FUNNEL, breakdown: { property: 'plan', limit: 5 } };
  const day = (ago) => new Date(Date.now() - ago * 86400000).toISOString().slice(0, 10);
  await page.goto(`${t.collector.url}/dashboard/funnels?${RANGE}&compare_from=${day(20)}&compare_to=${day(14)}&funnel=${encodeURIComponent(JSON.stringify(withBreakdown))}`);
  await page.waitForSelector('#funnel-summary');
  const byPlan = await t.table('Breakdown by plan');
  for (const [plan, counts] of Object.entries(TRUTH.funnel.breakdown)) {
    const row = byPlan.find((r) => r[0] === plan);
    assert(row, `breakdown row ${plan}`);
    assertEqual(row.slice(1, 4).map(Number), counts, `breakdown ${plan}`);
  }
  const compared = await t.table('Funnel');
  assertEqual(compared.map((r) => r[8]), ['0', '0', '0'], 'the comparison range (no data) on screen');
  await t.shot('dashboard-funnel-breakdown.png');

  // Build the same funnel in the form (suggestions from the catalog when the
  // collector has one), save it; the overview shows it with its conversion.
  await page.goto(`${t.collector.url}/dashboard/funnels?${RANGE}`);
  await page.waitForSelector('#run-funnel');
  const hasCatalog = await t.call('GET', t.appPath('catalog')).then(() => true, () => false);
  if (hasCatalog) {
    const suggested = await page.$$eval('#catalog-events option', (o) => o.map((x) => x.value));
    assert(FUNNEL.steps.every((s) => suggested.includes(s.event)), `catalog suggestions: ${suggested}`);
  }
  await page.click('button:text-is("+ Add step")');
  const inputs = page.locator('.funnel-steps .cond-value');
  for (const [i, s] of FUNNEL.steps.entries()) await inputs.nth(i).fill(s.event);
  await page.click('#run-funnel');
  await page.waitForSelector('#funnel-summary >> text=30.0%');
  assert(decodeURIComponent(page.url()).includes('"invite_sent"'), 'the funnel is in the URL');
  await page.fill('#funnel-name', 'Onboarding');
  await page.click('#save-funnel');
  await page.waitForURL(/saved=/);
  await page.click('.dashboard-tabs >> text=Overview');
  await page.waitForSelector('[data-metric="active-users"]');
  assertEqual(await page.textContent('[data-metric="active-users"] .metric-value'), String(TRUTH.activeUsers), 'active users');
  assertEqual(await page.textContent('[data-metric="page-views"] .metric-value'), String(TRUTH.pageViews), 'page views');
  const top = await t.table('Top funnels');
  assertEqual(top.map((r) => [r[0], r[1], r[2]]), [['Onboarding', '10', '30.0%']], 'top funnels');
  await t.shot('dashboard-overview.png');

  // Trends: page views per day, totals equal the API's.
  await page.click('.dashboard-tabs >> text=Trends');
  await page.waitForSelector('.trend-total');
  const totals = await page.textContent('.trend-totals');
  assert(totals.includes(`${TRUTH.activeUsers} users`) && totals.includes(`${TRUTH.pageViews} events`), `trend totals: ${totals}`);
  const days = await t.csv('Distinct users over time');
  assertEqual(days.slice(1).reduce((sum, r) => sum + Number(r[2]), 0), TRUTH.pageViews, 'page views per day sum to the total');
  assertEqual(days.length - 1, 7, 'one row per day of the range');
  await t.shot('dashboard-trends.png');
});

function labelOf(step) {
  return FUNNEL.steps[step - 1]?.event ?? '';
}

// The range "days=7" means in the browser (UTC): the last 7 days including today.
function rangeOf(nowMs) {
  const to = Math.floor(nowMs / 86400000) * 86400000 + 86400000;
  return { from_ms: to - 7 * 86400000, to_ms: to };
}
