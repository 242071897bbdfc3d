// The ground truth of a seeded data set, computed from the generated events
// themselves (never from the behaviour model's intentions), with the semantics
// of docs/analytics.md: the onboarding funnel (ordered, unique users), the
// stuck points (rage/dead clicks by page and element, guide steps ranked by
// drop-off and by missing targets), and per guide the seen (shown: holdout
// exposures apart)/completed/dismissed users, step stats and the impact of
// exposure on creating a project (holdout vs exposed). It also holds the
// analytics queries whose answers must equal it
// (tests/integration/seed/seed_truth.test.mjs).
const DAY = 24 * 3600 * 1000;

export const FUNNEL_WINDOW_MS = 7 * DAY;
export const GOAL = { event: 'Project Created' };
export const GOAL_WINDOW_MS = 7 * DAY;
export const ONBOARDING_FUNNEL = [
  { event: 'Signed Up' },
  { event: '$page', filters: [{ property: 'path', op: 'eq', value: '/projects' }] },
  { event: '$page', filters: [{ property: 'path', op: 'eq', value: '/projects/new' }] },
  { event: 'cairn_click', filters: [{ property: 'id', op: 'eq', value: 'save-project' }] },
  { event: 'Project Created' },
];

// The dismissal reasons that mean the user closed the guide themselves
// (kGaveUpReasons in collector/analytics/guide_report.h).
const GAVE_UP_REASONS = new Set(['close_button', 'escape_key', 'outside_click', 'skip_button']);
const GUIDE_EVENTS = new Set(['cairn_guide_seen', 'cairn_step_seen', 'cairn_step_completed', 'cairn_guide_dismissed',
  'cairn_target_missing', 'cairn_guide_completed']);

// analytics_name(): the event of a track, `$page` etc. for the other types.
function analyticsName(e) {
  return e.type === 'track' ? e.event : `$${e.type}`;
}

function matches(condition, e) {
  if (analyticsName(e) !== condition.event) return false;
  return (condition.filters ?? []).every((f) => f.op === 'eq' && e.properties?.[f.property] === f.value);
}

// Level of one user's time-ordered events in an ordered funnel: the longest
// path within the window over every start. The steps here never share an
// event, so from a fixed start the earliest next match is the best choice.
function funnelLevel(events, steps, windowMs) {
  let best = 0;
  for (let s = 0; s < events.length && best < steps.length; s++) {
    if (!matches(steps[0], events[s].body)) continue;
    const start = events[s].time;
    let level = 1;
    for (let i = s + 1; i < events.length && level < steps.length; i++) {
      if (events[i].time - start > windowMs) break;
      if (matches(steps[level], events[i].body)) level += 1;
    }
    best = Math.max(best, level);
  }
  return best;
}

function inc(map, key, by = 1) { map.set(key, (map.get(key) ?? 0) + by); }

// What analytics keeps of a click's `target` descriptor (docs/analytics.md,
// "Stuck points"): identity fields and test ids, each cut to 256 UTF-8 bytes.
const SUMMARY_FIELDS = ['tag', 'id', 'role', 'name', 'text', 'label'];
const TEST_IDS = ['data-testid', 'data-test', 'data-test-id', 'data-cy', 'data-qa', 'data-id', 'data-action', 'data-cairn-id'];
function clip256(text) {
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= 256) return text;
  let end = 256;
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end -= 1;
  return new TextDecoder().decode(bytes.slice(0, end));
}
function elementSummary(target) {
  if (!target || typeof target !== 'object' || Array.isArray(target)) return null;
  const out = {};
  for (const f of SUMMARY_FIELDS) if (typeof target[f] === 'string' && target[f]) out[f] = clip256(target[f]);
  if (!out.tag) return null;
  const ids = {};
  for (const a of TEST_IDS) if (typeof target.attributes?.[a] === 'string' && target.attributes[a]) ids[a] = clip256(target.attributes[a]);
  if (Object.keys(ids).length) out.attributes = ids;
  return JSON.stringify(out);
}
function urlPath(url) {
  let rest = url;
  const scheme = rest.indexOf('://');
  if (scheme >= 0) {
    const at = rest.slice(scheme + 3).search(/[/?#]/);
    rest = at < 0 ? '' : rest.slice(scheme + 3 + at);
  }
  const cut = rest.search(/[?#]/);
  if (cut >= 0) rest = rest.slice(0, cut);
  return rest || '/';
}
// The key with the highest count; ties go to the smaller key.
function mostCounted(map) {
  let best = null;
  for (const [key, n] of map) if (!best || n > best[1] || (n === best[1] && key < best[0])) best = [key, n];
  return best;
}
function addTo(map, key, user) {
  if (!map.has(key)) map.set(key, new Set());
  map.get(key).add(user);
}

// The 95% Wilson score interval's lower bound of x in n (n > 0), as the
// stuck report ranks guide steps by it (docs/analytics.md, "Stuck points").
const Z95 = 1.959963984540054;
export function wilsonLow(x, n) {
  const p = x / n, z2 = Z95 * Z95;
  const d = 1 + z2 / n;
  return Math.max(0, (p + z2 / (2 * n)) / d - (Z95 / d) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)));
}

// Guide steps ranked as the stuck report does: by the rate's lower bound, then
// the rate, then more users who saw the step; ties keep guide id, step order.
function rankSteps(guides, rate, x) {
  const rows = [];
  for (const [id, g] of Object.entries(guides)) {
    for (const s of g.steps) {
      if (!s.seen_users) continue;
      const count = x(s, id);
      rows.push({ guide_id: id, step_index: s.step_index, seen_users: s.seen_users, [rate]: count / s.seen_users,
        [`${rate}_low`]: wilsonLow(Math.min(count, s.seen_users), s.seen_users) });
    }
  }
  const low = `${rate}_low`;
  return rows.sort((a, b) => b[low] - a[low] || b[rate] - a[rate] || b.seen_users - a.seen_users);
}

export class TruthAccumulator {
  constructor({ fromMs, toMs }) {
    this.fromMs = fromMs;
    this.toMs = toMs;
    this.events = 0;
    this.users = 0;
    this.levels = new Array(ONBOARDING_FUNNEL.length + 1).fill(0);
    this.hotspots = { url: new Map(), selector: new Map() };
    this.guides = new Map();
  }

  // One person's events ({time, body}, time-ordered). Analytics merges
  // identities (docs/analytics.md, "Identity merge"): an identify carrying
  // both ids links the anonymousId to the userId (the first link wins), and
  // every event of a linked anonymousId, before or after the link, is the
  // userId's. A person who never signs up stays their anonymousId.
  addPerson(events) {
    const links = new Map();
    for (const { body } of events) {
      if (body.type === 'identify' && body.userId && body.anonymousId && !links.has(body.anonymousId)) links.set(body.anonymousId, body.userId);
    }
    const byUser = new Map();
    for (const e of events) {
      const user = e.body.userId || links.get(e.body.anonymousId) || e.body.anonymousId;
      if (!byUser.has(user)) byUser.set(user, []);
      byUser.get(user).push(e);
    }
    for (const [user, all] of byUser) {
      const inRange = all.filter((e) => e.time >= this.fromMs && e.time < this.toMs);
      this.events += inRange.length;
      if (inRange.length) this.users += 1;
      this.levels[funnelLevel(inRange, ONBOARDING_FUNNEL, FUNNEL_WINDOW_MS)] += 1;
      this.addClicks(user, inRange);
      this.addGuides(user, inRange, all);
    }
  }

  addClicks(user, events) {
    for (const { body } of events) {
      const kind = body.event === 'cairn_rage_click' ? 'rage' : body.event === 'cairn_dead_click' ? 'dead' : null;
      if (!kind) continue;
      for (const key of ['url', 'selector']) {
        const value = body.properties[key];
        if (typeof value !== 'string') continue;
        if (!this.hotspots[key].has(value)) this.hotspots[key].set(value, { rage: 0, dead: 0, rageUsers: new Set(), deadUsers: new Set() });
        const h = this.hotspots[key].get(value);
        h[kind] += 1;
        h[`${kind}Users`].add(user);
        if (key !== 'selector') continue;
        if (typeof body.properties.url === 'string') inc(h.urls ??= new Map(), body.properties.url);
        const summary = elementSummary(body.properties.target);
        if (summary) inc(h.targets ??= new Map(), summary);
      }
    }
  }

  guide(id) {
    if (!this.guides.has(id)) {
      this.guides.set(id, { seen: new Set(), seenEvents: 0, holdout: new Set(), completed: new Set(), dismissed: new Map(),
        missingEvents: 0, steps: new Map(), exposure: new Map() });
    }
    return this.guides.get(id);
  }

  addGuides(user, events, allEvents) {
    const goalTimes = allEvents.filter((e) => matches(GOAL, e.body)).map((e) => e.time);
    for (const { time, body } of events) {
      if (body.type !== 'track' || !GUIDE_EVENTS.has(body.event)) continue;
      const p = body.properties;
      const g = this.guide(p.guide_id);
      if (!g.exposure.has(user)) {
        const converted = goalTimes.some((t) => t >= time && t - time <= GOAL_WINDOW_MS);
        g.exposure.set(user, { holdout: p.variant === 'holdout', converted });
      }
      const step = Number.isInteger(p.step_index) ? p.step_index : null;
      const s = step === null ? null : (g.steps.get(step) ?? g.steps.set(step, { seen: new Set(), completed: new Set(),
        dismissed: new Set(), closedByUser: new Set(), missingEvents: 0, missingUsers: new Set() }).get(step));
      switch (body.event) {
        // A holdout exposure is recorded, not shown: it is not a view.
        case 'cairn_guide_seen':
          if (p.variant === 'holdout') g.holdout.add(user);
          else { g.seen.add(user); g.seenEvents += 1; }
          break;
        case 'cairn_step_seen': s?.seen.add(user); break;
        case 'cairn_step_completed': s?.completed.add(user); break;
        case 'cairn_guide_dismissed':
          addTo(g.dismissed, p.reason ?? 'unknown', user);
          s?.dismissed.add(user);
          if (GAVE_UP_REASONS.has(p.reason)) s?.closedByUser.add(user);
          break;
        case 'cairn_target_missing': g.missingEvents += 1; if (s) { s.missingEvents += 1; s.missingUsers.add(user); } break;
        case 'cairn_guide_completed': g.completed.add(user); break;
      }
    }
  }

  // The truth as JSON, with the queries that reproduce each part.
  result() {
    const steps = ONBOARDING_FUNNEL.map((step, i) => ({
      event: step.event, filters: step.filters ?? [],
      entered: this.levels.slice(i + 1).reduce((a, b) => a + b, 0),
    }));
    // Elements also say where most of their clicks were and what they are.
    const topPath = (urls) => {
      if (!urls) return null;
      const byPath = new Map();
      let total = 0;
      for (const [url, n] of urls) { inc(byPath, urlPath(url), n); total += n; }
      const [path, clicks] = mostCounted(byPath);
      const [url] = mostCounted(new Map([...urls].filter(([u]) => urlPath(u) === path)));
      return { path, url, clicks, share: clicks / total };
    };
    const hotspots = (map, key) => [...map].map(([value, h]) => ({ [key]: value, rage_clicks: h.rage, rage_users: h.rageUsers.size,
      dead_clicks: h.dead, dead_users: h.deadUsers.size,
      ...(key === 'selector' ? { top_path: topPath(h.urls), element: h.targets ? JSON.parse(mostCounted(h.targets)[0]) : null } : {}) }))
      .sort((a, b) => (b.rage_clicks + b.dead_clicks) - (a.rage_clicks + a.dead_clicks));
    const guides = {};
    // Users who gave up on a step, as the guide and stuck reports count them
    // (collector/analytics/guide_report.h): saw it, closed the guide on it
    // themselves, never completed it.
    const gaveUp = (s) => [...s.closedByUser].filter((u) => s.seen.has(u) && !s.completed.has(u)).length;
    for (const [id, g] of [...this.guides].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const n = { exposed: [0, 0], holdout: [0, 0] };
      for (const e of g.exposure.values()) {
        const arm = e.holdout ? n.holdout : n.exposed;
        arm[0] += 1;
        if (e.converted) arm[1] += 1;
      }
      guides[id] = {
        seen_users: g.seen.size, seen_events: g.seenEvents, holdout_users: g.holdout.size, completed_users: g.completed.size,
        dismissed_users_by_reason: Object.fromEntries([...g.dismissed].sort().map(([r, users]) => [r, users.size])),
        target_missing_events: g.missingEvents,
        steps: [...g.steps].sort(([a], [b]) => a - b).map(([index, s]) => ({ step_index: index, seen_users: s.seen.size,
          completed_users: s.completed.size, dismissed_users: s.dismissed.size, gave_up_users: gaveUp(s),
          target_missing_events: s.missingEvents, target_missing_users: s.missingUsers.size })),
        impact: { exposed: { users: n.exposed[0], converted: n.exposed[1] }, holdout: { users: n.holdout[0], converted: n.holdout[1] } },
      };
    }
    const range = { from_ms: this.fromMs, to_ms: this.toMs };
    return {
      from: new Date(this.fromMs).toISOString(), to: new Date(this.toMs).toISOString(), ...range,
      events: this.events, users: this.users,
      funnel: { query: { steps: ONBOARDING_FUNNEL, window_ms: FUNNEL_WINDOW_MS, ...range }, steps },
      stuck: { query: { ...range, limit: 200 }, pages: hotspots(this.hotspots.url, 'url'), elements: hotspots(this.hotspots.selector, 'selector'),
        steps_by_drop_off: rankSteps(guides, 'drop_off_rate', (s) => s.gave_up_users),
        steps_by_target_missing: rankSteps(guides, 'target_missing_rate', (s) => s.target_missing_users) },
      guides: { query: { ...range, goal: GOAL, goal_window_ms: GOAL_WINDOW_MS }, guides },
    };
  }
}
