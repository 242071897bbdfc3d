// The dashboard and the editor on a phone (390 px wide), against the real
// collector with the known data set: no page is wider than the screen (the
// top bar, the dashboard's two-column cards, the funnel form and the guide
// list's table made the page scroll sideways, 577–680 px), a wide table
// scrolls in its own box instead. Also, at any width: a breakdown with one
// value names it (a single series had no legend, so the chart did not say
// which value it was), and no page asks for /favicon.ico (a 404 in the
// console of every page load).
import { APP_ORIGIN, assert, withDashboard } from './dashboard_fixture.mjs';

const WIDTH = 390;

await withDashboard('browser: narrow screens', async (t) => {
  const { page, collector } = t;

  // The breakdown of a property that step 1 never has: one series, "(no value)".
  await page.goto(`${collector.url}/dashboard/funnels?days=7`);
  const names = page.locator('.funnel-steps input[placeholder="event name"]');
  await names.nth(0).fill('signup_started');
  await names.nth(1).fill('project_created');
  await page.locator('#funnel-breakdown').fill('browser');
  await page.getByRole('button', { name: 'Show funnel' }).click();
  const breakdown = page.locator('section.chart-card', { has: page.locator('.card-head >> text="Breakdown by browser"') });
  await breakdown.locator('svg').waitFor();
  const legend = await breakdown.locator('svg .chart-legend').allTextContents();
  assert(legend.join('|') === '(no value)', `the one breakdown value is named: ${JSON.stringify(legend)}`);
  await t.shot('dashboard-breakdown-one-value.png');

  await page.setViewportSize({ width: WIDTH, height: 800 });
  const overflow = () => page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    // What sticks out, outside the boxes that scroll on purpose.
    wide: [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > innerWidth + 1 && !e.closest('.table-scroll, .table-box, .chart-box'))
      .map((e) => `${e.tagName.toLowerCase()}${e.className ? '.' + String(e.className).split(' ')[0] : ''} "${e.textContent.trim().slice(0, 24)}"`).slice(0, 5),
  }));
  const fits = async (what) => {
    const o = await overflow();
    assert(o.width <= WIDTH && o.wide.length === 0, `${what} fits ${WIDTH} px: page ${o.width} px wide, sticking out: ${o.wide.join(', ')}`);
  };
  for (const [path, heading] of [['', 'Overview'], ['funnels', 'Funnels'], ['guides', 'Guide analytics'], ['stuck', 'Where users get stuck'],
    ['trends', 'Trends'], ['people', 'People']]) {
    await page.goto(`${collector.url}/dashboard/${path}?days=7`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^${heading}`) }).waitFor();
    await page.waitForFunction(() => !document.querySelector('[aria-busy="true"], .loading'));
    await fits(`dashboard /${path}`);
    if (path === '') await t.shot('dashboard-overview-390.png');
  }

  // The editor (same session): the guide list, one guide's steps and targeting.
  await page.goto(`${collector.url}/editor/`);
  await page.getByRole('heading', { name: 'Guides', exact: true }).waitFor();
  await page.locator('tbody tr').first().waitFor();
  await fits('the guide list');
  const table = await page.locator('.table-scroll').first().evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
  assert(table.scroll > table.client, `the list's table scrolls in its own box: ${JSON.stringify(table)}`);
  await t.shot('editor-guide-list-390.png');
  await page.locator('tbody tr a').first().click();
  await page.getByLabel('Guide name', { exact: true }).waitFor();
  await fits('a guide\'s steps');
  await page.getByRole('tab', { name: 'Targeting' }).click();
  await page.getByLabel('Start when').waitFor();
  await fits('a guide\'s targeting');
  await page.getByRole('tab', { name: 'History' }).click();
  await page.getByRole('heading', { name: 'Published versions' }).waitFor();
  await fits('a guide\'s history');
  await page.goto(`${collector.url}/editor/settings`);
  await page.getByRole('heading', { name: 'Accounts' }).waitFor();
  await fits('App settings');

  // A browser asks an origin for /favicon.ico once, at its first page: a fresh
  // one opens both apps. That request is no page request: only its console error shows it.
  const fresh = await t.context.browser().newContext();
  try {
    const asked = [];
    const first = await fresh.newPage();
    first.on('console', (m) => { if (m.type() === 'error' && / 404 /.test(m.text())) asked.push(m.location().url); });
    for (const app of ['editor', 'dashboard']) {
      await first.goto(`${collector.url}/${app}/`);
      await first.getByLabel('Password').waitFor();
      await first.waitForTimeout(500);
    }
    assert(asked.length === 0, `no page load logs a 404 (the favicon): ${asked.join(', ')}`);
  } finally {
    await fresh.close();
  }
}, { origins: [APP_ORIGIN] });
