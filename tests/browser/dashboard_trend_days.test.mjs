// Per-day counts in a time zone with daylight saving, against the real
// collector: a browser in Europe/Berlin looks at Fri 23 – Thu 29 October 2026,
// whose Sunday is 25 hours long (03:00 CEST becomes 02:00 CET). The dashboard
// sent one UTC offset (+120, Berlin's on the Friday), so every day after the
// change began at 23:00: Monday's 00:30 visits counted on a second "Oct 25"
// row and the range grew an eighth day. Now it sends the local midnights
// (day_starts_ms) and each row is one local day, in the Trends view, the
// Overview's active users per day and their CSV files (local dates).
import { assert, assertEqual, withDashboard } from './dashboard_fixture.mjs';

const RANGE = 'from=2026-10-23&to=2026-10-29';
const DAYS = ['Oct 23', 'Oct 24', 'Oct 25', 'Oct 26', 'Oct 27', 'Oct 28', 'Oct 29'];
const ISO_DAYS = DAYS.map((d) => `2026-10-${d.slice(4)}`);
// [user, UTC instant], with the local time in Berlin
const VISITS = [
  ['u1', '2026-10-24T10:00:00Z'],  // Sat 12:00 CEST
  ['u2', '2026-10-24T22:30:00Z'],  // Sun 00:30 CEST
  ['u3', '2026-10-25T22:30:00Z'],  // Sun 23:30 CET
  ['u4', '2026-10-25T23:30:00Z'],  // Mon 00:30 CET: Monday's, not Sunday's
  ['u5', '2026-10-25T23:45:00Z'],  // Mon 00:45 CET
  ['u4', '2026-10-26T11:00:00Z'],  // Mon 12:00 CET
  ['u6', '2026-10-26T23:10:00Z'],  // Tue 00:10 CET
];
const USERS = [0, 1, 2, 2, 1, 0, 0];
const VIEWS = [0, 1, 2, 3, 1, 0, 0];

async function load(collector) {
  const batch = VISITS.map(([userId, timestamp], i) => ({ type: 'page', userId, timestamp, messageId: `dst-${i}`,
    properties: { url: 'http://127.0.0.1:9/reports', path: '/reports' } }));
  const r = await fetch(`${collector.url}/v1/batch`, { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Cairn-Write-Key': collector.writeKey }, body: JSON.stringify({ batch }) });
  if (!r.ok) throw new Error(`POST /v1/batch: ${r.status} ${await r.text()}`);
  return {};
}

await withDashboard('browser: dashboard trend days', async (t) => {
  const { page, collector } = t;
  const sent = [];
  page.on('request', (r) => { if (r.url().endsWith('/analytics/trends')) sent.push(JSON.parse(r.postData() ?? '{}')); });
  assertEqual(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), 'Europe/Berlin', 'the browser time zone');

  await page.goto(`${collector.url}/dashboard/trends?${RANGE}&measure=events`);
  const rows = await t.table('Events over time');
  assertEqual(rows.map((r) => r[0]), DAYS, 'one row per local day');
  assertEqual(rows.map((r) => [Number(r[1]), Number(r[2])]), DAYS.map((_, i) => [USERS[i], VIEWS[i]]), 'users and page views per day');
  const csv = await t.csv('Events over time');
  assertEqual(csv.slice(1).map((r) => r[0]), ISO_DAYS, 'the CSV has the local dates');
  await t.shot('dashboard-trend-days-berlin.png');
  const days = sent.find((q) => q.interval === 'day')?.day_starts_ms;
  assert(days?.length === 7 && days[3] - days[2] === 25 * 3600000, `the 25-hour Sunday is sent: ${JSON.stringify(days)}`);

  await page.goto(`${collector.url}/dashboard/?${RANGE}`);
  const overview = await t.table('Active users per day');
  assertEqual(overview.map((r) => [r[0], Number(r[1]), Number(r[2])]), DAYS.map((d, i) => [d, USERS[i], VIEWS[i]]), 'overview: active users per day');
  assertEqual(await page.textContent('[data-metric="active-users"] .metric-value'), '6', 'overview: active users over the week');
}, { load, timezoneId: 'Europe/Berlin' });
