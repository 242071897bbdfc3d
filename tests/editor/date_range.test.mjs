// editor/src/dashboard/date_range.ts in time zones with daylight saving: the
// day starts the trends API buckets by are the local midnights, 23 or 25
// hours apart around a change (one fixed offset put 00:00–01:00 of every day
// after a change in the day before), ranges end at a local midnight even where
// a change skips one, and exported days are local dates.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadModule } from './bundle.mjs';

const { dayStarts, trendBuckets, rangeFromQuery, lastDays, previousRange, exportedBucketStart } =
  await loadModule('editor/src/dashboard/date_range.ts');

// Runs `body` with the process in time zone `zone` (node re-reads TZ when it is set).
function inZone(zone, body) {
  const before = process.env.TZ;
  process.env.TZ = zone;
  try { body(); } finally { process.env.TZ = before ?? ''; }
}

const range = (from, to) => rangeFromQuery(new URLSearchParams({ from, to }));
const utc = (text) => Date.parse(text);

test('Europe/Berlin: the days around 25 October 2026 start at their local midnights', () => inZone('Europe/Berlin', () => {
  const r = range('2026-10-23', '2026-10-27');
  assert.equal(r.from_ms, utc('2026-10-22T22:00:00Z'));
  assert.equal(r.to_ms, utc('2026-10-27T23:00:00Z'));
  const starts = ['2026-10-22T22:00:00Z', '2026-10-23T22:00:00Z', '2026-10-24T22:00:00Z', '2026-10-25T23:00:00Z', '2026-10-26T23:00:00Z'].map(utc);
  assert.deepEqual(dayStarts(r), starts);
  assert.deepEqual(trendBuckets(r, 'day'), { day_starts_ms: starts });
  // Hours: the offset at the start and the change (01:00 UTC, to +60).
  assert.deepEqual(trendBuckets(r, 'hour'), { utc_offset_minutes: 120,
    utc_offset_changes: [{ at_ms: utc('2026-10-25T01:00:00Z'), utc_offset_minutes: 60 }] });
}));

test('Australia/Lord_Howe: hours follow its half-hour changes, so they start at local hours', () => inZone('Australia/Lord_Howe', () => {
  // 4 October 2026, 02:00 (+10:30) becomes 02:30 (+11): at 15:30 UTC on the 3rd.
  const october = range('2026-10-03', '2026-10-05');
  assert.deepEqual(trendBuckets(october, 'hour'), { utc_offset_minutes: 630,
    utc_offset_changes: [{ at_ms: utc('2026-10-03T15:30:00Z'), utc_offset_minutes: 660 }] });
  // 5 April 2026, 02:00 (+11) becomes 01:30 (+10:30): at 15:00 UTC on the 4th.
  assert.deepEqual(trendBuckets(range('2026-04-04', '2026-04-06'), 'hour'), { utc_offset_minutes: 660,
    utc_offset_changes: [{ at_ms: utc('2026-04-04T15:00:00Z'), utc_offset_minutes: 630 }] });
  // No change in the range: the offset alone.
  assert.deepEqual(trendBuckets(range('2026-11-01', '2026-11-03'), 'hour'), { utc_offset_minutes: 660 });
  assert.deepEqual(trendBuckets(october, 'day').utc_offset_changes, undefined);
}));

test('Asia/Kolkata: +5:30 all year, hours need no change', () => inZone('Asia/Kolkata', () => {
  assert.deepEqual(trendBuckets(range('2026-01-01', '2026-12-31'), 'hour'), { utc_offset_minutes: 330 });
}));

test('America/New_York (1 November) and Australia/Sydney (spring, 4 October)', () => {
  inZone('America/New_York', () => assert.deepEqual(dayStarts(range('2026-10-31', '2026-11-02')),
    ['2026-10-31T04:00:00Z', '2026-11-01T04:00:00Z', '2026-11-02T05:00:00Z'].map(utc)));
  inZone('Australia/Sydney', () => assert.deepEqual(dayStarts(range('2026-10-03', '2026-10-05')),
    ['2026-10-02T14:00:00Z', '2026-10-03T14:00:00Z', '2026-10-04T13:00:00Z'].map(utc)));
});

test('America/Santiago skips midnight on 6 September 2026: the next days still start at 00:00', () => inZone('America/Santiago', () => {
  // 6 September starts at 01:00 (−03); moving that instant a day on kept 01:00.
  assert.deepEqual(dayStarts(range('2026-09-05', '2026-09-07')),
    ['2026-09-05T04:00:00Z', '2026-09-06T04:00:00Z', '2026-09-07T03:00:00Z'].map(utc));
  const lastThree = lastDays(3, utc('2026-09-06T15:00:00Z'));
  assert.equal(lastThree.to_ms, utc('2026-09-07T03:00:00Z'), 'today ends at the next local midnight');
  assert.equal(lastThree.from_ms, utc('2026-09-04T04:00:00Z'));
  assert.equal(previousRange(range('2026-09-07', '2026-09-08')).from_ms, utc('2026-09-05T04:00:00Z'));
}));

test('Pacific/Apia skipped 30 December 2011: no empty day', () => inZone('Pacific/Apia', () => {
  assert.deepEqual(dayStarts(range('2011-12-29', '2011-12-31')), ['2011-12-29T10:00:00Z', '2011-12-30T10:00:00Z'].map(utc));
}));

test('exported bucket starts are local: the date of a day, an hour with its offset', () => inZone('Europe/Berlin', () => {
  assert.equal(exportedBucketStart(utc('2026-10-25T23:00:00Z'), 'day'), '2026-10-26');
  assert.equal(exportedBucketStart(utc('2026-10-25T00:00:00Z'), 'hour'), '2026-10-25T02:00+02:00');
  assert.equal(exportedBucketStart(utc('2026-10-25T01:00:00Z'), 'hour'), '2026-10-25T02:00+01:00');
  inZone('America/St_Johns', () => assert.equal(exportedBucketStart(utc('2026-01-05T03:30:00Z'), 'hour'), '2026-01-05T00:00-03:30'));
}));
