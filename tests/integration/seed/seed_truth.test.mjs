// The seed-data generator end to end: the real cairn-collector (temp data dir,
// ephemeral port), the sample guides loaded and published as the demo does, a
// small population seeded through POST /v1/batch, then the analytics API
// (funnel, guides with impact, stuck points with the guide step rankings) must
// answer exactly the ground truth the generator computed from its own events.
// The story must hold too (the Create button is the top stuck element, the
// tour beats its holdout, which is not counted as seeing it), and
// a second run with the same seed must be fully deduplicated.
// Usage: node tests/integration/seed/seed_truth.test.mjs [path/to/cairn-collector]
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { adminSession } from '../../../samples/admin_session.mjs';
import { collectorTest } from '../collector_process.mjs';
import { generate } from '../../../samples/seed/generate.mjs';

const ROOT = resolve(import.meta.dirname, '../../..');
const COLLECTOR = resolve(process.argv[2] ?? join(ROOT, 'build/release/collector/cairn-collector'));
const PEOPLE = 300;
const END = '2026-11-20T12:00:00Z';
const NAME = 'integration.seed';

const failures = [];
function check(condition, message) { if (!condition) failures.push(message); }
function equal(actual, expected, what) {
  const a = JSON.stringify(actual), e = JSON.stringify(expected);
  check(a === e, `${what}: API ${a} != truth ${e}`);
}

function compareGuides(answer, truth, guideIds) {
  const byId = new Map(answer.guides.map((g) => [g.guide_id, g]));
  equal([...byId.keys()].sort(), Object.keys(truth.guides).sort(), 'guide ids');
  for (const [id, t] of Object.entries(truth.guides)) {
    const g = byId.get(id);
    if (!g) continue;
    for (const k of ['seen_users', 'seen_events', 'holdout_users', 'completed_users', 'dismissed_users_by_reason', 'target_missing_events']) {
      equal(g[k], t[k], `guide ${id} ${k}`);
    }
    const steps = g.steps.map((s) => ({ step_index: s.step_index, seen_users: s.seen_users, completed_users: s.completed_users,
      dismissed_users: s.dismissed_users, gave_up_users: s.gave_up_users, target_missing_events: s.target_missing_events, target_missing_users: s.target_missing_users }));
    equal(steps, t.steps, `guide ${id} steps`);
    for (const arm of ['exposed', 'holdout']) {
      equal({ users: g.impact[arm].users, converted: g.impact[arm].converted }, t.impact[arm], `guide ${id} impact ${arm}`);
    }
  }
  const tour = byId.get(guideIds.tour.guide_id);
  check(tour && tour.impact.comparable && tour.impact.exposed.rate > tour.impact.holdout.rate,
    `the tour's exposed users convert better than its holdout: ${JSON.stringify(tour?.impact)}`);
  // The holdout only records exposures: it is counted apart, never as seeing the tour.
  check(tour && tour.holdout_users > 0 && tour.seen_users <= tour.steps[0].seen_users,
    `the tour's seen users are those shown its first step, the holdout apart: ${tour?.seen_users} seen, ` +
    `${tour?.steps[0].seen_users} saw step 1, ${tour?.holdout_users} holdout`);
}

// Guide steps: the same rows in the same order, ranked by the rate's lower bound.
function compareStuckSteps(answer, truth) {
  for (const [list, rate] of [['steps_by_drop_off', 'drop_off_rate'], ['steps_by_target_missing', 'target_missing_rate']]) {
    const low = `${rate}_low`;
    const keys = (rows) => rows.map((r) => `${r.guide_id}#${r.step_index}:${r.seen_users}`);
    equal(keys(answer[list]), keys(truth[list]), `stuck ${list} order`);
    const off = answer[list].findIndex((r, i) => Math.abs(r[rate] - truth[list][i]?.[rate]) > 1e-12 || Math.abs(r[low] - truth[list][i]?.[low]) > 1e-12);
    check(off < 0, `stuck ${list} row ${off}: API ${JSON.stringify(answer[list][off])} != truth ${JSON.stringify(truth[list][off])}`);
  }
}

function compareStuck(answer, truth) {
  const sort = (rows, key) => [...rows].sort((a, b) => (a[key] < b[key] ? -1 : 1));
  equal(sort(answer.pages, 'url'), sort(truth.pages, 'url'), 'stuck pages');
  equal(sort(answer.elements, 'selector'), sort(truth.elements, 'selector'), 'stuck elements');
  check(answer.elements[0]?.selector === "button 'Create project'" && answer.elements[0].rage_clicks > 0,
    `the top stuck element is the Create project button with rage clicks: ${JSON.stringify(answer.elements[0])}`);
}

const test = collectorTest(NAME, COLLECTOR);
try {
  const admin = test.cli('create-admin', '--email', 'admin@acme.test');
  const app = test.cli('create-app', '--name', 'Acme Projects', '--origin', 'http://127.0.0.1:8400');
  const url = await test.serve();
  execFileSync(process.execPath, [join(ROOT, 'samples/load-guides.mjs'), '--collector', url, '--app', app.app_id,
    '--email', admin.email, '--password', admin.password], { stdio: ['ignore', 'ignore', 'inherit'] });

  const options = { host: url, writeKey: app.write_key, users: PEOPLE, days: 28, endMs: Date.parse(END), seed: 'test',
    appUrl: 'http://127.0.0.1:8400', truthFile: join(test.dataDir, 'truth.json') };
  const truth = await generate(options, () => {});
  check(truth.ingest.stored === truth.ingest.sent && truth.ingest.sent > PEOPLE * 20, `first run stores every event: ${JSON.stringify(truth.ingest)}`);
  // load-guides imports the samples with their own ids, so the published ids are the samples' ids.
  const sampleIds = new Set(['first-project-tour', 'nps-survey', 'onboarding-checklist', 'project-key-hint', 'reports-banner']);
  check(Object.values(truth.guide_ids).every((g) => sampleIds.has(g.guide_id) && g.guide_version === 1), `guide events use the published ids: ${JSON.stringify(truth.guide_ids)}`);

  const api = await adminSession(url, admin.email, admin.password);
  const analytics = (kind, query) => api('POST', `/api/apps/${app.app_id}/analytics/${kind}`, query);

  const funnel = await analytics('funnel', truth.funnel.query);
  equal(funnel.steps.map((s) => s.entered), truth.funnel.steps.map((s) => s.entered), 'funnel entered per step');
  const entered = truth.funnel.steps.map((s) => s.entered);
  check(entered[0] > 0 && entered[4] < entered[3], `people get stuck between clicking Create and a created project: ${entered}`);

  compareGuides(await analytics('guides', truth.guides.query), truth.guides, truth.guide_ids);
  const stuck = await analytics('stuck', truth.stuck.query);
  compareStuck(stuck, truth.stuck);
  compareStuckSteps(stuck, truth.stuck);

  // Sign-ups come at European/American working hours of the UTC day, also when
  // the seed does not end at midnight (it ends at 12:00 here); the first day,
  // partial, has its share. Hours after `end - days` instead put them at night.
  const hourly = await analytics('trends', { series: [{ event: 'Signed Up' }], interval: 'hour',
    from_ms: truth.from_ms, to_ms: truth.to_ms, utc_offset_minutes: 0 });
  const byHour = new Array(24).fill(0);
  for (const b of hourly.series[0].buckets) byHour[new Date(b.start_ms).getUTCHours()] += b.events;
  const daytime = byHour.slice(8, 20).reduce((a, b) => a + b, 0) / hourly.series[0].events;
  check(daytime > 0.9, `sign-ups between 08:00 and 20:00 UTC: ${(daytime * 100).toFixed(1)}% (per hour: ${byHour})`);
  const firstDay = Math.floor(truth.from_ms / 86400000) * 86400000;
  const daily = await analytics('trends', { series: [{ event: 'Signed Up' }], interval: 'day',
    from_ms: firstDay, to_ms: firstDay + 86400000, utc_offset_minutes: 0 });
  check(daily.series[0].events > 0, `the seed's first (partial) day has sign-ups: ${JSON.stringify(daily.series[0].buckets)}`);

  // Same seed and end: the same messageIds, so nothing is stored twice.
  const again = await generate({ ...options, truthFile: null }, () => {});
  check(again.ingest.stored === 0 && again.ingest.duplicates === truth.ingest.sent,
    `a second run is deduplicated: ${JSON.stringify(again.ingest)}`);
  equal((await analytics('funnel', truth.funnel.query)).steps.map((s) => s.entered), entered, 'funnel after the re-run');

  console.log(`${NAME}: ${truth.ingest.sent} events from ${PEOPLE} people; funnel ${entered.join(' → ')}; ` +
    `${test.seconds()} s`);
} catch (e) {
  failures.push(e.stack ?? String(e));
}
await test.finish(failures);
