// The dashboard's guide analytics, stuck points and empty states against the
// real collector with the known data set (TRUTH): guide numbers equal the
// API's and the ground truth, impact vs holdout shows its interval, stuck
// elements are shown by their descriptor and "Open in app" opens the page
// with a view-only editor token, the date picker names the linked range, and
// an app without data shows empty states.
import { assert, assertEqual, RANGE, TRUTH, withDashboard } from './dashboard_fixture.mjs';

await withDashboard('browser: dashboard guides and stuck points', async (t) => {
  const { page } = t;
  const now = await page.evaluate(() => Date.now());
  const to = Math.floor(now / 86400000) * 86400000 + 86400000;
  const range = { from_ms: to - 7 * 86400000, to_ms: to };

  // Guide list: names from the guide list, numbers from the report.
  await page.goto(`${t.collector.url}/dashboard/guides?${RANGE}`);
  const list = await t.table('Guides');
  const api = await t.call('POST', t.appPath('analytics/guides'), range);
  const stats = api.guides.find((g) => g.guide_id === t.guideId);
  assert(stats, 'the API reports the guide');
  const row = list.find((r) => r[0] === TRUTH.guide.name);
  assert(row, `guide row by name: ${JSON.stringify(list)}`);
  assertEqual([Number(row[2]), Number(row[3])], [stats.seen_users, stats.completed_users], 'seen/completed vs API');
  assertEqual(stats.completed_users, TRUTH.guide.completedUsers, 'completed users (truth)');
  // Users 7 and 8 are the holdout: their guide_seen is an exposure, not a view.
  assertEqual([stats.seen_users, stats.holdout_users], [TRUTH.guide.exposed.users, TRUTH.guide.holdout.users], 'seen users exclude the holdout (truth)');
  // The holdout has its own column (some guide has one), explained above the chart.
  assertEqual(Number(row[4]), stats.holdout_users, 'held out vs API');
  assert(row[8].includes('Target missing'), `problem badge: ${row[8]}`);
  const note = await page.locator('#guides-holdout-note').textContent();
  assert(note.includes('"Held out" counts users in the guide\'s A/B experiment holdout'), `holdout note: ${note}`);
  await t.shot('dashboard-guides.png');

  // Guide detail with a goal: reasons, step funnel, impact vs holdout.
  // The "Table" toggle shows the numbers instead of the chart; its guide links open the detail.
  await page.click('section.chart-card:has(h2:text-is("Guides")) button:text-is("Table")');
  await page.click(`table a:text-is("${TRUTH.guide.name}")`);
  await page.waitForSelector('#measure-impact');
  await page.fill('.goal-form .cond-value', 'project_created');
  await page.click('#measure-impact');
  await page.waitForSelector('#impact-verdict');
  const reasons = Object.fromEntries((await t.table('Dismiss reasons')).map((r) => [r[0], Number(r[1])]));
  assertEqual(reasons, { 'Close button': TRUTH.guide.dismissedByReason.close_button, 'Escape key': TRUTH.guide.dismissedByReason.escape_key }, 'dismiss reasons');
  const held = await page.locator('#guide-holdout').textContent();
  assert(held.startsWith(` Held out: ${TRUTH.guide.holdout.users} users in the guide's A/B experiment holdout`), `detail holdout: ${held}`);
  const funnel = (await t.table('Step funnel')).map((r) => Number(r[1]));
  assertEqual(funnel, stats.completion_funnel, 'guide step funnel vs API');
  // Who gave up on each step (users 5 and 6 on the first, user 3 on the second), beside the dismissals.
  const stepCard = page.locator('section.chart-card', { has: page.locator('.card-head >> text="Steps"') });
  const stepHeads = await stepCard.locator('thead th').allTextContents();
  const gaveUpColumn = stepHeads.findIndex((c) => c.trim() === 'Gave up');
  assert(gaveUpColumn > stepHeads.findIndex((c) => c.trim() === 'Dismissed'), `step table columns: ${JSON.stringify(stepHeads)}`);
  const stepRows = await t.table('Steps');
  const gaveUpOnGuidePage = stepRows.map((r) => [Number(r[0]), Number(r[gaveUpColumn])]);
  assertEqual(stats.steps.map((s) => s.gave_up_users), TRUTH.guide.gaveUpByStep, 'gave up per step, API (truth)');
  assertEqual(gaveUpOnGuidePage.map((r) => r[1]), TRUTH.guide.gaveUpByStep, 'gave up per step on the guide page');
  assert((await stepCard.locator('.chart-summary').textContent()).startsWith('Gave up: closed the guide on that step'), 'the guide page says what gave up means');
  const impact = await t.table('Impact vs holdout');
  assertEqual(impact.slice(0, 2).map((r) => [r[0], Number(r[1]), Number(r[2])]),
    [['Saw the guide', TRUTH.guide.exposed.users, TRUTH.guide.exposed.converted], ['Holdout', TRUTH.guide.holdout.users, TRUTH.guide.holdout.converted]], 'impact groups');
  const withGoal = await t.call('POST', t.appPath('analytics/guides'), { ...range, guide_id: t.guideId, goal: { event: 'project_created' } });
  const low = withGoal.guides[0].impact.low;
  assertEqual(impact[2][4], `${(low * 100).toFixed(1)}%`, 'difference interval low vs API');
  const trend = await t.csv('Over time');
  assertEqual(trend.slice(1).reduce((s, r) => s + Number(r[1]), 0), stats.seen_users, 'users who saw it, summed over days');
  await t.shot('dashboard-guide-detail.png');

  // Stuck points: element by descriptor, counts equal the API and the truth.
  await page.click('.dashboard-tabs >> text=Stuck points');
  const elements = await t.table('Elements with rage and dead clicks');
  const stuck = await t.call('POST', t.appPath('analytics/stuck'), range);
  const save = elements.find((r) => r[0].startsWith('button'));
  // Tag, name, role and test id come from the clicks' descriptors; the page from top_path.
  assert(save && save[0].includes('“Save”') && save[1] === 'button' && save[6] === '[data-testid="save-project"]' && save[7] === '/projects/new (100.0%)',
    `element descriptor, role, test id and page: ${JSON.stringify(save)}`);
  const apiSave = stuck.elements.find((e) => e.selector === TRUTH.stuck.element);
  assertEqual(apiSave.element, TRUTH.stuck.summary, 'element summary (descriptor fields that identify it)');
  assertEqual(apiSave.top_path, { path: '/projects/new', url: TRUTH.stuck.page, clicks: 3, share: 1 }, 'element top path');
  assertEqual([Number(save[2]), Number(save[3])], [apiSave.rage_clicks, apiSave.rage_users], 'element rage clicks vs API');
  assertEqual([apiSave.rage_clicks, apiSave.rage_users], [TRUTH.stuck.rageClicks, TRUTH.stuck.rageUsers], 'element rage clicks (truth)');
  const pages = await t.csv('Pages with rage and dead clicks');
  assert(pages.some((r) => r[0] === TRUTH.stuck.page && Number(r[1]) === TRUTH.stuck.rageClicks), `pages CSV: ${JSON.stringify(pages)}`);
  // Guide steps show the 95% lower bound they are ranked by, as the API reports it.
  const dropOff = await t.table('Guide steps users give up on');
  assert(dropOff.length > 0, 'guide steps are listed');
  assertEqual(dropOff.map((r) => r[5]), stuck.steps_by_drop_off.map((s) => `${(s.drop_off_rate_low * 100).toFixed(1)}%`), 'gave-up lower bounds vs API');
  assertEqual(dropOff.map((r) => Number(r[3])), stuck.steps_by_drop_off.map((s) => s.gave_up_users), 'users who gave up vs API');
  // The stuck page and the guide's page agree on who gave up on each of its steps.
  const gaveUpOnStuckPage = dropOff.filter((r) => r[0] === TRUTH.guide.name).map((r) => [Number(r[1]), Number(r[3])]).sort((a, b) => a[0] - b[0]);
  assertEqual(gaveUpOnStuckPage, gaveUpOnGuidePage, 'gave up per step: stuck page vs guide page');
  await t.shot('dashboard-stuck.png');

  // "Open in app": the element's page (top_path, no extra query), with a view token in the fragment.
  const open = page.locator(`button.open-in-app[data-selector="${TRUTH.stuck.element}"]`);
  const [popup] = await Promise.all([page.waitForEvent('popup'), open.click()]);
  await popup.waitForURL(/#cairn-editor=/, { timeout: 10000 });
  assert(popup.url().startsWith(`${TRUTH.stuck.page}#cairn-editor=`), `app window URL: ${popup.url()}`);
  await popup.close();

  // A shared link whose range is no preset (?days=28) names that range in the
  // picker, not the first preset; a preset and a custom range read as such.
  const picked = async (query) => {
    await page.goto(`${t.collector.url}/dashboard/stuck?${query}`);
    await page.waitForSelector('#range');
    return page.$eval('#range', (s) => [s.value, s.selectedOptions[0].textContent]);
  };
  assertEqual(await picked('days=28'), ['28', 'Last 28 days'], 'the picker shows a linked 28-day range');
  assertEqual(await picked('days=14'), ['14', 'Last 14 days'], 'the picker shows a preset');
  assertEqual(await picked('from=2026-11-01&to=2026-11-20'), ['custom', 'Custom…'], 'the picker shows a custom range');
  assertEqual(await picked(RANGE), ['7', 'Last 7 days'], 'back on the test range');

  // An app without data: every view says so instead of drawing empty charts.
  await page.selectOption('#app-switcher', t.emptyAppId);
  await page.waitForSelector('text=No rage or dead clicks in the last 7 days.');
  await page.click('.dashboard-tabs >> text=Overview');
  await page.waitForSelector('text=No page views in this period.');
  assertEqual(await page.textContent('[data-metric="active-users"] .metric-value'), '0', 'empty app: active users');
  await t.shot('dashboard-empty.png');
  await page.click('.dashboard-tabs >> text=Guides');
  await page.waitForSelector('text=No guide was seen');
});
