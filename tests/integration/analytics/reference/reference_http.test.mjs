// The analytics API against an independent reading of docs/analytics.md
// (analytics_model.mjs): small random data sets built to hit the edges (equal
// timestamps, windows exactly at their limit, out-of-order arrival in random
// batches, repeated steps, identify links with chains, second links and links
// back, unicode and missing/null/number/string property values, a day
// boundary with time zones, and days a zone made 23 or 25 hours long) are
// ingested over POST /v1/batch into the real cairn-collector; every funnel,
// trend, guide and stuck answer must equal the model's, field by field.
// Queries also run between the batches, so answers after each acknowledged
// batch (catch-ups, new property columns, dropped caches) are checked too.
// Fixed seeds: the same run every time.
// Usage: node tests/integration/analytics/reference/reference_http.test.mjs [path/to/cairn-collector] [datasets]
import { join, resolve } from 'node:path';
import { collectorTest } from '../../collector_process.mjs';
import * as model from './analytics_model.mjs';

const ROOT = resolve(import.meta.dirname, '../../../..');
const COLLECTOR = resolve(process.argv[2] ?? join(ROOT, 'build/release/collector/cairn-collector'));
const DATASETS = Number(process.argv[3] ?? 100);
const FUNNELS_PER_DATASET = 16;
const NAME = 'integration.analytics.reference';

function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s / 4294967296; };
}
// 10 ms before midnight UTC: day buckets split the data in some time zones.
const T0 = Date.parse('2026-03-07T23:59:59.990Z');
const NAMES = ['A', 'B', 'C', 'D'];
const VALUES = ['pro', 'free', 3, 3.5, '3', true, false, null, undefined, 'ü✓😀', '', 'Pro', 1e21, 'a"b\\c', { o: 1 }, [1]];
const GUIDE_EVENTS = ['cairn_guide_seen', 'cairn_step_seen', 'cairn_step_completed', 'cairn_guide_dismissed',
  'cairn_target_missing', 'cairn_guide_completed', 'cairn_rage_click', 'cairn_dead_click'];

function dataset(r) {
  const pick = (a) => a[Math.floor(r() * a.length)];
  const users = Array.from({ length: 1 + Math.floor(r() * 5) }, (_, i) => 'u' + i + pick(['', 'é', '😀', ' x']));
  const anons = Array.from({ length: 1 + Math.floor(r() * 4) }, (_, i) => 'anon' + i);
  const span = pick([10, 20, 50, 3 * 3600e3]);
  const events = [];
  const n = Math.floor(r() * 40);
  for (let i = 0; i < n; i++) {
    const who = r() < 0.3 ? { anonymousId: pick(anons) } : { userId: pick(users), ...(r() < 0.3 ? { anonymousId: pick(anons) } : {}) };
    const x = r();
    let e;
    if (x < 0.08) {
      e = { type: 'identify', userId: pick([...users, ...anons]), anonymousId: pick([...anons, ...users]) };
    } else if (x < 0.12) {
      e = { type: 'page', ...who, properties: { plan: pick(VALUES) } };
    } else if (x < 0.3) {
      const kind = pick(GUIDE_EVENTS);
      const props = {};
      if (kind === 'cairn_rage_click' || kind === 'cairn_dead_click') {
        if (kind === 'cairn_rage_click') props.click_count = 2 + Math.floor(r() * 3);
        if (r() < 0.8) props.url = pick(['https://x.io/a', 'https://x.io/a?q=1', 'https://y.io/b#f', 'https://x.io/']);
        if (r() < 0.8) props.selector = pick(['button.save', 'a.link', 'div ü']);
      } else {
        props.guide_id = pick(['g1', 'g2', 'gü']);
        if (kind !== 'cairn_guide_completed' && !(kind === 'cairn_guide_seen' && r() < 0.3)) props.step_index = Math.floor(r() * 3);
        if (kind === 'cairn_guide_dismissed') props.reason = pick(['close_button', 'escape_key', 'target_missing', 'superseded']);
        if (r() < 0.6) props.variant = pick(['control', 'holdout', 'b']);
        if (r() < 0.5 && props.step_index !== undefined) props.step_id = 's' + props.step_index;
      }
      e = { type: 'track', event: kind, ...who, properties: props };
    } else {
      const props = {};
      const v = pick(VALUES);
      if (v !== undefined) props.plan = v;
      if (r() < 0.3) props.seats = pick([1, 2, 5, '5']);
      e = { type: 'track', event: pick(NAMES), ...who, properties: props };
    }
    e.timestamp = new Date(T0 + Math.floor(r() * span)).toISOString();
    e.messageId = `m${i}-${Math.floor(r() * 1e9)}`;
    events.push(e);
  }
  return { events, span };
}

function randomFilter(r, pick) {
  const op = pick(['eq', 'neq', 'in', 'contains']);
  const value = pick(['pro', 'free', 3, '3', true, 'ü✓😀', '', 3.5, 1e21]);
  if (op === 'in') return { property: pick(['plan', 'seats']), op, values: [value, pick(['free', 5, '5'])] };
  if (op === 'contains') return { property: 'plan', op, value: pick(['r', 'ü', 'P', '']) };
  return { property: pick(['plan', 'seats']), op, value };
}

function funnelQuery(r, span) {
  const pick = (a) => a[Math.floor(r() * a.length)];
  const n = 2 + Math.floor(r() * 3);
  const q = { steps: Array.from({ length: n }, () => ({ event: pick([...NAMES, '$page', 'cairn_step_seen']),
    ...(r() < 0.25 ? { filters: [randomFilter(r, pick)] } : {}) })) };
  q.window_ms = pick([1, 2, 5, 10, 20, 1000, 86400000]);
  q.order = pick(['ordered', 'strict', 'any']);
  if (r() < 0.3) q.count = 'totals';
  if (q.order !== 'any' && r() < 0.4) {
    q.exclusions = [{ event: pick(NAMES), after_step: 1 + Math.floor(r() * (n - 1)), ...(r() < 0.3 ? { filters: [randomFilter(r, pick)] } : {}) }];
  }
  if (r() < 0.3) {
    q.from_ms = T0 + Math.floor((r() * span) / 2);
    if (r() < 0.7) q.to_ms = q.from_ms + 1 + Math.floor(r() * span);
  }
  if (r() < 0.4) q.breakdown = { property: pick(['plan', 'seats']), limit: pick([1, 2, 10]) };
  if (q.count !== 'totals' && r() < 0.4) q.dropped = { step: 1 + Math.floor(r() * (n - 1)), offset: pick([0, 0, 1]), limit: pick([1, 100]) };
  return q;
}

// Field-by-field comparison; rates and intervals to 1e-9.
function differences(api, want, path = '', out = []) {
  if (typeof api === 'number' && typeof want === 'number') {
    if (Math.abs(api - want) > 1e-9 * Math.max(1, Math.abs(want))) out.push(`${path}: API ${api}, model ${want}`);
  } else if (api === null || want === null || typeof api !== 'object' || typeof want !== 'object') {
    if (api !== want) out.push(`${path}: API ${JSON.stringify(api)}, model ${JSON.stringify(want)}`);
  } else if (Array.isArray(api) !== Array.isArray(want)) {
    out.push(`${path}: API ${JSON.stringify(api)}, model ${JSON.stringify(want)}`);
  } else {
    for (const k of new Set([...Object.keys(api), ...Object.keys(want)])) {
      if (k !== 'data_version') differences(api[k], want[k], `${path}/${k}`, out);
    }
  }
  return out;
}

const failures = [];
const test = collectorTest(NAME, COLLECTOR);
const tally = { datasets: 0, events: 0, queries: 0, identify: 0, converted: 0, partial: 0, times: 0, exclusions: 0, breakdowns: 0, other: 0, dropped: 0, guides: 0, impact: 0, stuck: 0, zoneDays: 0 };
try {
  const admin = test.cli('create-admin', '--email', 'admin@acme.test');
  const base = await test.serve();
  let cookie = '', csrf = '';
  const call = async (method, path, body) => {
    const response = await fetch(base + path, { method, body: body === undefined ? undefined : JSON.stringify(body),
      headers: { 'Content-Type': 'application/json', Origin: base, Cookie: cookie, 'X-Cairn-CSRF': csrf } });
    const setCookie = response.headers.get('set-cookie');
    if (setCookie) cookie = setCookie.split(';')[0];
    const text = await response.text();
    return { status: response.status, text, json: text ? JSON.parse(text) : null };
  };
  csrf = (await call('POST', '/api/login', { email: admin.email, password: admin.password })).json.csrf_token;

  for (let seed = 1; seed <= DATASETS; seed++) {
    const r = rng(seed * 7919);
    const { events, span } = dataset(r);
    const app = (await call('POST', '/api/apps', { name: `reference ${seed}` })).json.app;
    const key = (await call('POST', `/api/apps/${app.id}/keys`)).json.key.key;
    const check = async (kind, query, sent) => {
      const parsed = sent.map((e) => ({ type: e.type, event: e.event, userId: e.userId, anonymousId: e.anonymousId,
        time: Date.parse(e.timestamp), props: e.properties ?? {} }));
      const want = model[kind === 'funnel' ? 'funnel' : kind](parsed, query);
      const api = await call('POST', `/api/apps/${app.id}/analytics/${kind}`, query);
      tally.queries++;
      const diffs = api.status === 200 ? differences(api.json, want) : [`status ${api.status}: ${api.text.slice(0, 300)}`];
      if (diffs.length) {
        failures.push(`seed ${seed}, ${sent.length} events, ${kind} ${JSON.stringify(query)}:\n    ${diffs.slice(0, 5).join('\n    ')}`);
      }
      return api.json;
    };
    // Random batches: arrival order differs from time order; queries in between.
    const sent = [];
    const rest = [...events];
    while (rest.length) {
      const batch = rest.splice(0, 1 + Math.floor(r() * rest.length));
      const answer = await fetch(`${base}/v1/batch`, { method: 'POST', body: JSON.stringify({ batch }),
        headers: { 'Content-Type': 'application/json', 'X-Cairn-Write-Key': key } });
      const stored = (await answer.json()).stored;
      if (answer.status !== 200 || stored !== batch.length) throw new Error(`seed ${seed}: ingest answered ${answer.status}, stored ${stored} of ${batch.length}`);
      sent.push(...batch);
      if (rest.length) await check('funnel', funnelQuery(r, span), sent);
    }
    tally.datasets++;
    tally.events += sent.length;
    tally.identify += sent.filter((e) => e.type === 'identify').length;
    for (let i = 0; i < FUNNELS_PER_DATASET; i++) {
      const q = funnelQuery(r, span);
      const got = await check('funnel', q, sent);
      if (!got?.steps) continue;
      const s = got.steps;
      if (s[1].entered > 0) tally.converted++;
      if (s[0].entered > s[1].entered) tally.partial++;
      if (s.some((x) => x.median_ms_to_convert > 0)) tally.times++;
      if (q.exclusions && s[0].entered > 0) tally.exclusions++;
      if ((got.breakdown ?? []).length > 1) tally.breakdowns++;
      if ((got.breakdown ?? []).some((b) => b.other)) tally.other++;
      if (got.dropped?.total > 0) tally.dropped++;
    }
    const from = T0 - Math.floor(r() * 7200e3), to = T0 + span + Math.floor(r() * 7200e3);
    const trendSeries = [{ event: 'A' }, { event: '$page', filters: [{ property: 'plan', op: 'eq', value: 3 }] }];
    await check('trends', { series: trendSeries,
      interval: r() < 0.5 ? 'hour' : 'day', from_ms: from, to_ms: to, utc_offset_minutes: [0, 60, -330, 840][Math.floor(r() * 4)] }, sent);
    // A time zone's own days: a local midnight among the events, after a day
    // a daylight-saving change made 23 or 25 hours long (or a plain 24).
    // (Its own random numbers: the queries after it stay those of before.)
    const zone = rng(seed * 104729), pickDay = (a) => a[Math.floor(zone() * a.length)];
    const midnight = T0 + pickDay([10, 11, 5, 3600e3, 5400e3 + 7, span + 7200e3]);
    const starts = [midnight - pickDay([23, 24, 25]) * 3600e3, ...(midnight > from && midnight < to ? [midnight] : [])];
    const days = await check('trends', { series: trendSeries, interval: 'day', from_ms: from, to_ms: to, day_starts_ms: starts }, sent);
    if (days?.series.some((x) => x.buckets.filter((b) => b.events > 0).length === 2)) tally.zoneDays++;
    // Hours across a zone's offset change (a half-hour one, as Lord Howe's, or
    // a whole hour): inside the range, to another offset. Its own numbers too.
    const change = rng(seed * 130363), pickChange = (a) => a[Math.floor(change() * a.length)];
    const before = pickChange([630, 660, 60, 330]);
    const after = pickChange([630, 660, 120, 0].filter((o) => o !== before));
    const at = from + 1 + Math.floor(change() * (to - from - 2));
    await check('trends', { series: trendSeries, interval: 'hour', from_ms: from, to_ms: to, utc_offset_minutes: before,
      utc_offset_changes: [{ at_ms: at, utc_offset_minutes: after }] }, sent);
    const guides = await check('guides', {}, sent);
    if (guides?.guides.some((g) => g.steps.some((st) => st.seen_users > 0))) tally.guides++;
    const impact = await check('guides', { goal: { event: 'A' }, goal_window_ms: [1, 5, 1000][Math.floor(r() * 3)] }, sent);
    if (impact?.guides.some((g) => g.impact.comparable)) tally.impact++;
    await check('guides', { guide_id: 'g1', from_ms: T0 + 2, to_ms: T0 + 15 }, sent);
    const stuck = await check('stuck', {}, sent);
    if (stuck?.elements.length > 1) tally.stuck++;
    await check('stuck', { from_ms: T0 + 3, to_ms: T0 + 30, limit: 2 }, sent);
  }
  // A generator that stops producing the interesting cases must fail, not pass quietly.
  const least = { identify: DATASETS, converted: 2 * DATASETS, partial: 6 * DATASETS, times: DATASETS, exclusions: DATASETS,
    breakdowns: DATASETS, other: DATASETS / 3, dropped: DATASETS, guides: DATASETS / 5, impact: DATASETS / 6, stuck: DATASETS / 10,
    zoneDays: DATASETS / 10 };
  for (const [what, n] of Object.entries(least)) {
    if (tally[what] < n) failures.push(`the data sets exercised "${what}" only ${tally[what]} times (at least ${n} expected)`);
  }
  console.log(`${NAME}: ${tally.datasets} data sets, ${tally.events} events, ${tally.queries} answers equal to the model; ` +
    `${JSON.stringify(tally)}; ${test.seconds()} s`);
} catch (e) {
  failures.push(e.stack ?? String(e));
}
await test.finish(failures);
