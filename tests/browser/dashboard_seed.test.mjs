// The dashboard on realistic data: the sample guides published, 340 people of
// Acme Projects over 14 days seeded through the real ingest API by
// samples/seed/generate.mjs, whose ground truth (computed from the generated
// events) the numbers on screen must equal: the onboarding funnel, the stuck
// pages and elements (CSV exports), the guides' reach, and the first-project
// tour's impact against its holdout group. Its screenshots illustrate docs/dashboard.md.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { generate } from '../../samples/seed/generate.mjs';
import { assert, assertEqual, DAY, withDashboard } from './dashboard_fixture.mjs';
import { DIST, eventually, ROOT } from './harness.mjs';
import { startSampleApp } from './sample_app.mjs';

if (!existsSync(join(DIST, 'cairn.js'))) {
  console.error(`browser: dashboard on seeded data: ${DIST}/cairn.js missing; run scripts/build-wasm first`);
  process.exit(1);
}

const END_MS = Math.floor(Date.now() / DAY) * DAY;  // today 00:00 UTC: the range is whole days
const DAYS = 14;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);
const RANGE = `from=${isoDay(END_MS - DAYS * DAY)}&to=${isoDay(END_MS - DAY)}`;

// The sample app with the SDK on its own origin ("Open in app" opens it).
let collectorInfo = null;
const app = await startSampleApp(() => collectorInfo);

async function loadSeed(collector) {
  collectorInfo = collector;
  execFileSync(process.execPath, [join(ROOT, 'samples/load-guides.mjs'), '--collector', collector.url, '--app', collector.appId,
    '--email', collector.admin.email, '--password', collector.admin.password], { stdio: 'ignore' });
  const truth = await generate({ host: collector.url, writeKey: collector.writeKey, users: 340, days: DAYS, endMs: END_MS,
    seed: 'dashboard', appUrl: app.url, truthFile: null }, () => {});
  return { truth };
}

await withDashboard('browser: dashboard on seeded data', async (t) => {
  const { page, truth } = t;

  // The onboarding funnel (5 steps, 7-day window): screen = truth = API.
  const funnel = { steps: truth.funnel.query.steps, window_ms: truth.funnel.query.window_ms, order: 'ordered', count: 'unique_users' };
  await page.goto(`${t.collector.url}/dashboard/funnels?${RANGE}&funnel=${encodeURIComponent(JSON.stringify(funnel))}`);
  await page.waitForSelector('#funnel-summary');
  const onScreen = (await t.table('Funnel')).map((r) => Number(r[1].replace(/,/g, '')));
  assertEqual(onScreen, truth.funnel.steps.map((s) => s.entered), 'onboarding funnel on screen vs truth');
  const api = await t.call('POST', t.appPath('analytics/funnel'), truth.funnel.query);
  assertEqual(onScreen, api.steps.map((s) => s.entered), 'onboarding funnel on screen vs API');
  // The biggest drop-off, page 2 of its users: the same as the API's second page.
  const dropped = api.steps.slice(0, -1).map((s, i) => ({ step: i + 1, n: s.dropped })).sort((a, b) => b.n - a.n)[0];
  assert(dropped.n > 50, `a drop-off with more than one page of users (${dropped.n})`);
  await page.click(`button.drop-off[data-step="${dropped.step}"]`);
  await page.waitForSelector('#dropped-panel button:text-is("Next ›"):not([disabled])');
  await page.click('#dropped-panel button:text-is("Next ›")');
  await page.waitForSelector('#dropped-panel .chart-summary >> text=showing 51–');
  const secondPage = await page.$$eval('#dropped-panel tbody th', (cells) => cells.map((c) => c.textContent.trim()));
  const apiPage = await t.call('POST', t.appPath('analytics/funnel'), { ...truth.funnel.query, dropped: { step: dropped.step, offset: 50, limit: 50 } });
  assertEqual(secondPage, apiPage.dropped.users, `users dropped after step ${dropped.step}, page 2`);
  await page.fill('#funnel-name', 'Onboarding');
  await page.click('#save-funnel');
  await page.waitForURL(/saved=/);
  await t.shot('dashboard-seed-funnel.png');

  // Stuck points: every exported row equals the truth for its page/element.
  await page.goto(`${t.collector.url}/dashboard/stuck?${RANGE}`);
  for (const [title, list, key] of [['Pages with rage and dead clicks', truth.stuck.pages, 'url'], ['Elements with rage and dead clicks', truth.stuck.elements, 'selector']]) {
    const csv = await t.csv(title);
    const header = csv[0];
    const col = (name) => header.indexOf(name);
    assert(csv.length > 1, `${title}: rows exported`);
    for (const row of csv.slice(1)) {
      const expected = list.find((x) => x[key] === row[0]);
      assert(expected, `${title}: ${row[0]} is in the truth`);
      assertEqual([row[col('Rage clicks')], row[col('Rage users')], row[col('Dead clicks')], row[col('Dead users')]].map(Number),
        [expected.rage_clicks, expected.rage_users, expected.dead_clicks, expected.dead_users], `${title}: ${row[0]}`);
    }
    assertEqual(csv.length - 1, Math.min(20, list.length), `${title}: the top 20 rows`);
  }
  await t.shot('dashboard-seed-stuck.png');

  // "Open in app" on the most rage-clicked element: the sample app opens on
  // that element's page in editor mode (view token) and outlines it.
  const top = truth.stuck.elements[0].selector;
  const open = page.locator(`button.open-in-app[data-selector="${top}"]`);
  await open.hover();
  await page.waitForTimeout(300);
  const [appWindow] = await Promise.all([page.waitForEvent('popup'), open.click()]);
  const found = () => appWindow.evaluate(() => Array.from(document.querySelector('cairn-ui')?.shadowRoot?.querySelectorAll('.eo.found') ?? [])
    .filter((o) => !o.hidden).length);
  await eventually(async () => (await found().catch(() => 0)) === 1, `the app outlines ${top}`, 20000);
  const pageOfClicks = truth.stuck.pages[0].url;
  assertEqual(new URL(appWindow.url()).pathname, new URL(pageOfClicks).pathname, 'the app opened on the page of the clicks');
  await appWindow.screenshot({ path: join(ROOT, 'build/artifacts/screenshots/dashboard-seed-open-in-app.png') });
  await appWindow.close();

  // Guides: reach per guide; the tour's impact vs holdout.
  await page.goto(`${t.collector.url}/dashboard/guides?${RANGE}`);
  const guides = await t.csv('Guides');
  for (const [id, g] of Object.entries(truth.guides.guides)) {
    const row = guides.find((r) => r[1] === id);
    assert(row, `guide ${id} listed`);
    assertEqual([Number(row[2]), Number(row[3])], [g.seen_users, g.completed_users], `guide ${id} seen/completed`);
  }
  await t.shot('dashboard-seed-guides.png');
  const tour = truth.guide_ids.tour.guide_id;
  const goal = encodeURIComponent(JSON.stringify(truth.guides.query.goal));
  await page.goto(`${t.collector.url}/dashboard/guides/${tour}?${RANGE}&goal=${goal}&goal_days=${truth.guides.query.goal_window_ms / DAY}`);
  await page.waitForSelector('#impact-verdict');
  const impact = await t.table('Impact vs holdout');
  const expected = truth.guides.guides[tour].impact;
  assertEqual(impact.slice(0, 2).map((r) => [Number(r[1].replace(/,/g, '')), Number(r[2].replace(/,/g, ''))]),
    [[expected.exposed.users, expected.exposed.converted], [expected.holdout.users, expected.holdout.converted]], 'tour impact vs truth');
  await t.shot('dashboard-seed-guide-detail.png');

  await page.goto(`${t.collector.url}/dashboard/?${RANGE}`);
  await page.waitForSelector('section.chart-card:has(h2:text-is("Top funnels")) table');
  await t.shot('dashboard-seed-overview.png');
  await page.goto(`${t.collector.url}/dashboard/trends?${RANGE}&series=${encodeURIComponent(JSON.stringify([{ event: '$page' }, { event: 'Signed Up' }, { event: 'Project Created' }]))}`);
  await page.waitForSelector('.trend-total');
  await t.shot('dashboard-seed-trends.png');
}, { load: loadSeed, origins: [app.url] });  // exits the process, which closes the app server
