// Per-hour counts in a zone whose daylight-saving change is half an hour,
// against the real collector: a browser in Australia/Lord_Howe looks at
// Sunday 4 October 2026, when 02:00 (+10:30) becomes 02:30 (+11). The
// dashboard sent only the offset at the range's start (+630), so every hour
// after the change began at half past (03:10 counted in "02:30"–"03:30").
// Now it sends the change (utc_offset_changes): the half hour 02:30–03:00 is
// a row of its own and the hours after it start at 03:00, 04:00, … again.
import { assert, assertEqual, withDashboard } from './dashboard_fixture.mjs';

const RANGE = 'from=2026-10-04&to=2026-10-04';
// [user, UTC instant], with the local time in Lord Howe
const VISITS = [
  ['u1', '2026-10-03T15:29:00Z'],  // 01:59 (+10:30)
  ['u2', '2026-10-03T15:40:00Z'],  // 02:40 (+11)
  ['u3', '2026-10-03T16:10:00Z'],  // 03:10 (+11): the 03:00 hour's
];

async function load(collector) {
  const batch = VISITS.map(([userId, timestamp], i) => ({ type: 'page', userId, timestamp, messageId: `lhw-${i}`,
    properties: { url: 'http://127.0.0.1:9/reports', path: '/reports' } }));
  const r = await fetch(`${collector.url}/v1/batch`, { method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Cairn-Write-Key': collector.writeKey }, body: JSON.stringify({ batch }) });
  if (!r.ok) throw new Error(`POST /v1/batch: ${r.status} ${await r.text()}`);
  return {};
}

await withDashboard('browser: dashboard trend hours', async (t) => {
  const { page, collector } = t;
  const sent = [];
  page.on('request', (r) => { if (r.url().endsWith('/analytics/trends')) sent.push(JSON.parse(r.postData() ?? '{}')); });
  assertEqual(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone), 'Australia/Lord_Howe', 'the browser time zone');

  await page.goto(`${collector.url}/dashboard/trends?${RANGE}&interval=hour&measure=events`);
  await t.table('Events over time');
  const csv = (await t.csv('Events over time')).slice(1);
  const hours = csv.map((r) => r[0]);
  // 00:00 and 01:00 at +10:30, the half hour from 02:30, then 03:00 … 23:00 at +11.
  assertEqual(hours.slice(0, 4), ['2026-10-04T00:00+10:30', '2026-10-04T01:00+10:30', '2026-10-04T02:30+11:00', '2026-10-04T03:00+11:00'],
    'the first hours of the day');
  assertEqual(hours.length, 24, 'rows of the 23.5-hour day');
  assert(hours.filter((h) => !h.includes(':00+')).length === 1, `only the change's half hour starts off the hour: ${JSON.stringify(hours)}`);
  assertEqual(csv.slice(0, 5).map((r) => Number(r[2])), [0, 1, 1, 1, 0], 'page views at 01:59, 02:40 and 03:10 in their hours');
  const query = sent.find((q) => q.interval === 'hour');
  assertEqual([query?.utc_offset_minutes, query?.utc_offset_changes], [630, [{ at_ms: Date.parse('2026-10-03T15:30:00Z'), utc_offset_minutes: 660 }]],
    'the offset at the start and the change are sent');
}, { load, timezoneId: 'Australia/Lord_Howe' });
