// Seeds a collector with realistic, deterministic behaviour of Acme Projects'
// users (journeys.mjs) through the real ingest API, and writes the ground truth
// (truth.mjs) the analytics API must answer.
//
//   node samples/seed/generate.mjs --host http://127.0.0.1:8470 --write-key cwk_... \
//     [--users 3000] [--days 28] [--end 2026-11-23T12:00:00Z] [--seed acme]
//     [--app-url http://127.0.0.1:8400] [--truth truth.json]
//
// --users people visit the sign-up page over --days days ending at --end
// (default: now). The same seed and end give the same events and messageIds,
// so a second run is deduplicated by the collector. Guide events use the ids
// and versions of the published sample guides (read with the write key from
// GET /v1/guides, matched by name); guides not published there keep the ids
// of samples/guides/*.json.
import { readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { IngestClient } from './ingest_client.mjs';
import { simulatePerson } from './journeys.mjs';
import { Random } from './prng.mjs';
import { TruthAccumulator } from './truth.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DAY = 24 * 3600 * 1000;
// Sample guide file → role in the journeys.
const GUIDE_ROLES = { 'first-project-tour': 'tour', 'project-key-hint': 'hint', 'reports-banner': 'banner',
  'nps-survey': 'nps', 'onboarding-checklist': 'checklist' };

function usage(problem) {
  console.error(`generate.mjs: ${problem}\nusage: node samples/seed/generate.mjs --host URL --write-key KEY ` +
    '[--users N] [--days D] [--end ISO-DATE] [--seed S] [--app-url URL] [--truth FILE]');
  process.exit(2);
}

export function parseArgs(argv) {
  const known = new Set(['host', 'write-key', 'users', 'days', 'end', 'seed', 'app-url', 'truth']);
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!argv[i].startsWith('--') || !known.has(name)) usage(`unknown argument "${argv[i]}"`);
    if (argv[i + 1] === undefined) usage(`--${name} needs a value`);
    args[name] = argv[i + 1];
  }
  if (!args.host || !/^https?:\/\/[^/]+\/?$/.test(args.host)) usage('--host must be an http(s) URL like http://127.0.0.1:8470');
  if (!args['write-key']) usage('--write-key is required');
  const users = Number(args.users ?? 3000);
  if (!Number.isInteger(users) || users < 1 || users > 1000000) usage('--users must be an integer 1-1000000');
  const days = Number(args.days ?? 28);
  if (!Number.isInteger(days) || days < 1 || days > 366) usage('--days must be an integer 1-366');
  const endMs = args.end === undefined ? Date.now() : Date.parse(args.end);
  if (!Number.isFinite(endMs) || endMs < Date.UTC(2000, 0, 1)) usage('--end must be an ISO-8601 date-time after 2000, e.g. 2026-11-23T12:00:00Z');
  return { host: args.host, writeKey: args['write-key'], users, days, endMs, seed: args.seed ?? 'acme',
    appUrl: args['app-url'] ?? 'http://127.0.0.1:8400', truthFile: args.truth ?? null };
}

// {tour: {guide_id, guide_version, experiment?}, ...} from the published guides.
async function resolveGuides(host, writeKey) {
  const url = host.replace(/\/$/, '') + '/v1/guides';
  const response = await fetch(url, { headers: { 'X-Cairn-Write-Key': writeKey } }).catch((e) => {
    throw new Error(`cannot reach the collector at ${url}: ${e.cause?.message ?? e.message}`);
  });
  if (response.status !== 200) throw new Error(`GET /v1/guides: ${response.status} ${(await response.text()).slice(0, 500)}`);
  const published = (await response.json()).guides;
  const guides = {}, missing = [];
  for (const file of readdirSync(join(here, '../guides')).filter((f) => f.endsWith('.json'))) {
    const sample = JSON.parse(readFileSync(join(here, '../guides', file), 'utf8'));
    const role = GUIDE_ROLES[sample.id];
    if (!role) continue;
    const live = published.find((g) => g.name === sample.name);
    if (!live) missing.push(sample.name);
    const g = live ?? sample;
    guides[role] = { guide_id: g.id, guide_version: g.version, experiment: g.experiment };
  }
  if (!guides.tour?.experiment) throw new Error('the first-project tour has no experiment (samples/guides/first-project-tour.json)');
  return { guides, missing };
}

// Sign-up page arrivals over the days: fewer at weekends, a slow growth,
// mostly European/American working hours (UTC). The hour is of the UTC day,
// so the days are calendar days from the one `startMs` falls in to the one
// before `startMs + days`; a time outside [startMs, startMs + days) is drawn
// again (the first and last days are partial).
function arrivals(count, startMs, days, random) {
  const firstMidnight = Math.floor(startMs / DAY) * DAY;
  const endMs = startMs + days * DAY;
  const calendarDays = Math.ceil((endMs - firstMidnight) / DAY);
  const weights = [];
  for (let d = 0; d < calendarDays; d++) {
    const weekday = new Date(firstMidnight + d * DAY).getUTCDay();
    weights.push((weekday === 0 || weekday === 6 ? 0.45 : 1) * (1 + 0.5 * d / calendarDays));
  }
  const total = weights.reduce((a, b) => a + b, 0);
  const out = [];
  while (out.length < count) {
    let r = random.next() * total, day = 0;
    while (day < calendarDays - 1 && r >= weights[day]) r -= weights[day++];
    const hour = Math.min(23.99, Math.max(0, 14 + 3.5 * (random.next() + random.next() + random.next() - 1.5) * 1.4));
    const t = Math.round(firstMidnight + day * DAY + hour * 3600 * 1000);
    if (t >= startMs && t < endMs) out.push(t);
  }
  return out;
}

export async function generate(options, log = console.log) {
  const began = Date.now();
  const { guides, missing } = await resolveGuides(options.host, options.writeKey);
  if (missing.length) log(`seed: not published, using the sample files' ids: ${missing.join(', ')}`);
  const startMs = options.endMs - options.days * DAY;
  const times = arrivals(options.users, startMs, options.days, new Random(`${options.seed}/arrivals`));
  const truth = new TruthAccumulator({ fromMs: startMs, toMs: options.endMs });
  const client = new IngestClient(options.host, options.writeKey);
  for (let i = 0; i < options.users; i++) {
    const events = simulatePerson({ random: new Random(`${options.seed}/person/${i}`), appUrl: options.appUrl,
      arrival: times[i], endMs: options.endMs, guides });
    truth.addPerson(events);
    for (const e of events) await client.add(e.body);
  }
  await client.flush();
  const result = { seed: options.seed, people: options.users, days: options.days, guide_ids: guides, ...truth.result(),
    ingest: { ...client.totals, seconds: (Date.now() - began) / 1000 } };
  if (options.truthFile) {
    // Written only after every event is acknowledged, and atomically: the demo
    // takes the file as "seeded".
    writeFileSync(`${options.truthFile}.tmp`, JSON.stringify(result, null, 1) + '\n');
    renameSync(`${options.truthFile}.tmp`, options.truthFile);
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const options = parseArgs(process.argv.slice(2));
  try {
    const r = await generate(options);
    const funnel = r.funnel.steps.map((s) => s.entered).join(' → ');
    const { exposed, holdout } = r.guides.guides[r.guide_ids.tour.guide_id]?.impact ?? {};
    const rate = (arm) => (arm?.users ? `${(100 * arm.converted / arm.users).toFixed(1)}% of ${arm.users}` : 'none');
    console.log(`seed: ${r.people} people, ${r.ingest.sent} events (${r.ingest.stored} stored, ${r.ingest.duplicates} duplicates) ` +
      `from ${r.from} to ${r.to} in ${r.ingest.seconds.toFixed(1)} s`);
    console.log(`seed: onboarding funnel (signed up → projects → form → clicked create → created): ${funnel}`);
    console.log(`seed: first-project tour: created a project within 7 days: shown ${rate(exposed)}, holdout ${rate(holdout)}`);
    if (options.truthFile) console.log(`seed: ground truth in ${options.truthFile}`);
  } catch (e) {
    console.error(`generate.mjs: ${e.message}`);
    process.exit(1);
  }
}
