// The Overview's links open the other views on the period it shows, against
// the real collector: without a range in its URL the overview shows the last
// 7 days, the funnel and guide views default to 30, and its links carried no
// range, so "Top funnels: 4 started" opened a funnel of 7 started. Here 4
// people start the saved funnel 2 days ago and 3 more 12 days ago.
import { assert, withDashboard } from './dashboard_fixture.mjs';

const DAY = 86400000;
const FUNNEL = { steps: [{ event: 'signup_started' }, { event: 'project_created' }], window_ms: DAY, order: 'ordered', count: 'unique_users' };

async function load(collector, call) {
  const now = Date.now();
  const batch = [];
  const add = (user, daysAgo, event, minutes = 0, properties = {}) => batch.push({ type: 'track', event, userId: user,
    messageId: `links-${batch.length}`, timestamp: new Date(now - daysAgo * DAY + minutes * 60000).toISOString(), properties });
  for (let k = 0; k < 7; k++) {
    const daysAgo = k < 4 ? 2 : 12;
    add(`u${k}`, daysAgo, 'signup_started');
    if (k % 2 === 0) add(`u${k}`, daysAgo, 'project_created', 5);
  }
  // A stuck point, for the overview's "All stuck points" link.
  add('u1', 2, 'cairn_rage_click', 1, { click_count: 3, selector: "button 'Save'", url: 'http://127.0.0.1:9/projects/new' });
  const r = await fetch(`${collector.url}/v1/batch`, { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Cairn-Write-Key': collector.writeKey }, body: JSON.stringify({ batch }) });
  if (!r.ok) throw new Error(`POST /v1/batch: ${r.status} ${await r.text()}`);
  await call('POST', `/api/apps/${collector.appId}/funnels`, { name: 'Sign-up to project', query: FUNNEL, compare: null });
  return {};
}

await withDashboard('browser: dashboard overview links', async (t) => {
  const { page, collector } = t;
  await page.goto(`${collector.url}/dashboard/`);
  await t.table('Top stuck points');
  const top = await t.table('Top funnels');
  assert(top.length === 1 && top[0][0] === 'Sign-up to project' && top[0][1] === '4', `the overview's 7 days: 4 started: ${JSON.stringify(top)}`);
  await page.getByRole('link', { name: 'Sign-up to project' }).click();
  const summary = page.locator('.chart-summary').first();
  await summary.waitFor();
  const text = await summary.textContent();
  assert(/^4 users started/.test(text), `the funnel opened from the overview shows the same 4 people: "${text}"`);
  assert(await page.locator('#range-select, select[aria-label="Date range"], .range-picker select').first().inputValue() === '7',
    'the date picker says 7 days');
  await t.shot('dashboard-overview-link.png');

  await page.goBack();
  // The cards load one by one: wait for both that link out before reading the links
  // (reading after the first one only raced the second on a loaded CI machine).
  await t.table('Top stuck points');
  await t.table('Top funnels');
  await page.getByRole('link', { name: 'Sign-up to project' }).waitFor();
  // Every link of the overview into another view names its period.
  const links = await page.locator('.chart-card a[href^="/dashboard/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert(links.length >= 2 && links.every((href) => new URL(href, collector.url).searchParams.get('days') === '7'),
    `the overview's links carry its 7 days: ${JSON.stringify(links)}`);
}, { load });
