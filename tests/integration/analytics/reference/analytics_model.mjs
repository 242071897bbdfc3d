// An independent brute-force reading of docs/analytics.md (written from the
// docs' definitions, not from collector/analytics/): funnels (ordered, strict,
// any order; unique users and totals; window, exclusions, date range,
// breakdown, time to convert, dropped users), guide performance with impact,
// stuck points with the guide-step rankings, and trends. Everything is
// enumerated: every path, every window, every matching, so it is only for the
// small random data sets of reference_http.test.mjs.
//
// Input: the events as ingested, in arrival order:
// {type, event, userId, anonymousId, time (ms), props}.

export function analyticsName(e) {
  return e.type === 'track' ? e.event : '$' + e.type;
}

// A property as analytics sees it ("Filters", "Index"): strings, numbers,
// booleans as the strings "true"/"false"; null, objects and arrays absent.
// (JS numbers are doubles: integers beyond 2^53, which analytics keeps exact,
// are checked by collector/analytics/property_number_test.cpp instead.)
export function propValue(props, key) {
  if (!props || !Object.prototype.hasOwnProperty.call(props, key)) return undefined;
  const v = props[key];
  if (typeof v === 'string') return { s: v };
  if (typeof v === 'number') return { n: v };
  if (typeof v === 'boolean') return { s: v ? 'true' : 'false' };
  return undefined;
}

function valueEq(a, b) {
  if (!a || !b) return false;
  if ('s' in a) return 's' in b && a.s === b.s;
  return 'n' in b && a.n === b.n;
}
function lit(v) { return typeof v === 'string' ? { s: v } : typeof v === 'boolean' ? { s: String(v) } : { n: v }; }

export function filterPasses(f, v) {
  switch (f.op) {
    case 'eq': return valueEq(v, lit(f.value));
    case 'neq': return !valueEq(v, lit(f.value));
    case 'in': return f.values.some((x) => valueEq(v, lit(x)));
    case 'contains': return !!v && 's' in v && v.s.includes(f.value);
  }
  throw new Error('op ' + f.op);
}

export function matches(cond, ev) {
  if (ev.name !== cond.event) return false;
  return (cond.filters ?? []).every((f) => filterPasses(f, propValue(ev.props, f.property)));
}

// Timelines per person ("Timeline", "Identity merge"), replaying arrivals: an
// event goes to its id's person at its time, after the equal timestamps
// already there; an identify with both ids links the anonymousId to the
// userId (first link wins, chains resolve, a link back is ignored) and merges
// the timelines by time, the userId's own first at equal timestamps.
export function timelines(events) {
  const link = new Map();          // anonymousId -> userId it was linked to
  const resolve = (id) => { const seen = new Set(); while (link.has(id) && !seen.has(id)) { seen.add(id); id = link.get(id); } return id; };
  const tl = new Map();            // person id -> [event]
  let arrival = 0;
  for (const raw of events) {
    const ev = { ...raw, name: analyticsName(raw), arrival: arrival++ };
    const own = raw.userId || raw.anonymousId;
    // The event lands in its own id's timeline, resolved through links.
    const person = resolve(own);
    const list = tl.get(person) ?? [];
    let i = list.length;
    while (i > 0 && list[i - 1].time > ev.time) i--;
    list.splice(i, 0, ev);
    tl.set(person, list);
    if (raw.type === 'identify' && raw.userId && raw.anonymousId && raw.userId !== raw.anonymousId) {
      const anon = raw.anonymousId;
      if (link.has(anon)) continue;                       // first link wins
      const target = resolve(raw.userId);
      if (target === resolve(anon)) continue;              // a link back to its own person
      link.set(anon, raw.userId);
      // Move anon's timeline (anon is a person root before the link) into target's.
      const moving = tl.get(anon) ?? [];
      tl.set(anon, []);
      const mine = tl.get(target) ?? [];
      const merged = [];
      let a = 0, b = 0;
      while (a < mine.length || b < moving.length) {
        if (b >= moving.length || (a < mine.length && mine[a].time <= moving[b].time)) merged.push(mine[a++]);
        else merged.push(moving[b++]);
      }
      tl.set(target, merged);
    }
  }
  for (const [k, v] of tl) if (v.length === 0) tl.delete(k);
  return tl;
}

const inRange = (q) => (e) => (q.from_ms === undefined || e.time >= q.from_ms) && (q.to_ms === undefined || e.time < q.to_ms);

export function nearestRank(list, p) {
  if (!list.length) return null;
  const s = [...list].sort((a, b) => a - b);
  return s[Math.ceil((p / 100) * s.length) - 1];
}

// ---------- Funnels ----------

// All best paths for ordered/strict. Returns {level, path (indices)} for a start constraint.
function bestPath(ev, q, startAt) {
  const n = q.steps.length;
  const W = q.window_ms ?? 86400000;
  let best = [];
  const better = (p) => {
    if (p.length > best.length) return true;
    if (p.length < best.length || p.length === 0) return false;
    // latest e1, then earliest e2...
    if (p[0] !== best[0]) return p[0] > best[0];
    for (let i = 1; i < p.length; i++) if (p[i] !== best[i]) return p[i] < best[i];
    return false;
  };
  const explore = (path) => {
    if (better(path)) best = [...path];
    const k = path.length;
    if (k === n) return;
    const last = path[k - 1];
    for (let r = last + 1; r < ev.length; r++) {
      if (!ev[r].step[k]) continue;
      if (ev[r].time - ev[path[0]].time > W) continue;
      let blocked = false;
      for (let m = last + 1; m < r && !blocked; m++) {
        if (ev[m].after[k]) blocked = true;         // exclusion with after_step = k (1-based: between e_k and e_k+1)
        if (q.order === 'strict' && ev[m].step.some(Boolean)) blocked = true;
      }
      if (blocked) continue;
      path.push(r); explore(path); path.pop();
    }
  };
  for (let s = 0; s < ev.length; s++) {
    if (!ev[s].step[0]) continue;
    if (startAt !== undefined && s !== startAt) continue;
    explore([s]);
  }
  return best;
}

// Any order: can steps 0..k-1 be matched with events in `idx` (and p forced to step 0)?
function matchable(ev, idx, k, forced) {
  // bipartite: steps -> events
  const owner = new Map();
  if (forced !== undefined) { if (!idx.includes(forced) || !ev[forced].step[0]) return false; }
  const assign = (step, seen) => {
    for (const e of idx) {
      if (!ev[e].step[step] || seen.has(e)) continue;
      if (forced !== undefined && e === forced && step !== 0) continue;
      if (forced !== undefined && step === 0 && e !== forced) continue;
      seen.add(e);
      if (!owner.has(e) || assign(owner.get(e), seen)) { owner.set(e, step); return true; }
    }
    return false;
  };
  for (let s = 0; s < k; s++) if (!assign(s, new Set())) return false;
  return true;
}

function anyOrderOutcome(ev, q, startAt) {
  const n = q.steps.length;
  const W = q.window_ms ?? 86400000;
  const starts = startAt !== undefined ? [ev[startAt].time] : [...new Set(ev.map((e) => e.time))];
  let level = 0, chosenS = null;
  for (const s of starts) {
    const idx = ev.map((_, i) => i).filter((i) => ev[i].time >= s && ev[i].time <= s + W);
    let k = 0;
    while (k < n && matchable(ev, idx, k + 1, startAt)) k++;
    if (k > level || (k === level && k > 0 && s > chosenS)) { level = k; chosenS = s; }
  }
  if (level === 0) return { level: 0 };
  const idx = ev.map((_, i) => i).filter((i) => ev[i].time >= chosenS && ev[i].time <= chosenS + W);
  const completed = [];
  for (let k = 1; k <= level; k++) {
    for (let j = 1; j <= idx.length; j++) {
      if (matchable(ev, idx.slice(0, j), k, startAt)) { completed.push(ev[idx[j - 1]].time); break; }
    }
  }
  const first1 = startAt !== undefined ? startAt : idx.find((i) => ev[i].step[0]);
  return { level, times: completed, breakdownEvent: first1 };
}

function outcomes(personEvents, q) {
  // Reduce events: step and exclusion bits.
  const ev = personEvents.filter(inRange(q)).map((e) => ({
    time: e.time, raw: e,
    step: q.steps.map((s) => matches(s, e)),
    after: [false, ...q.steps.map((_, i) => (q.exclusions ?? []).some((x) => x.after_step === i + 1 && matches(x, e)))],
  }));
  const res = [];
  const mk = (path) => ({ level: path.length, times: path.map((i) => ev[i].time), breakdownEvent: path.length ? ev[path[0]].raw : null });
  const any = q.order === 'any';
  if ((q.count ?? 'unique_users') === 'unique_users') {
    if (any) { const o = anyOrderOutcome(ev, q); res.push({ ...o, breakdownEvent: o.level ? ev[o.breakdownEvent].raw : null }); }
    else res.push(mk(bestPath(ev, q)));
  } else {
    for (let p = 0; p < ev.length; p++) {
      if (!ev[p].step[0]) continue;
      if (any) { const o = anyOrderOutcome(ev, q, p); res.push({ ...o, breakdownEvent: ev[p].raw }); }
      else res.push(mk(bestPath(ev, q, p)));
    }
  }
  return res;
}

function stepsFrom(outs, q) {
  const n = q.steps.length;
  const entered = Array(n).fill(0);
  const times = Array.from({ length: n }, () => []);
  for (const o of outs) for (let k = 0; k < o.level; k++) {
    entered[k]++;
    if (k > 0) times[k].push(o.times[k] - o.times[k - 1]);
  }
  return q.steps.map((s, k) => {
    const converted = k + 1 < n ? entered[k + 1] : entered[k];
    return {
      entered: entered[k], converted, dropped: entered[k] - converted,
      conversion_from_previous: k === 0 ? (entered[0] ? 1 : 0) : (entered[k - 1] ? entered[k] / entered[k - 1] : 0),
      conversion_from_first: entered[0] ? entered[k] / entered[0] : 0,
      median_ms_to_convert: k === 0 ? null : nearestRank(times[k], 50),
      p90_ms_to_convert: k === 0 ? null : nearestRank(times[k], 90),
      event: s.event,
    };
  });
}

function bytewise(a, b) { const x = Buffer.from(a), y = Buffer.from(b); return Buffer.compare(x, y); }

export function funnel(events, q) {
  const tl = timelines(events);
  const all = [];
  const levels = [];
  for (const [person, list] of tl) {
    const outs = outcomes(list, q);
    for (const o of outs) all.push(o);
    if ((q.count ?? 'unique_users') === 'unique_users') levels.push([person, outs[0].level]);
  }
  const answer = { steps: stepsFrom(all, q) };
  if (q.breakdown) {
    const groups = new Map();
    for (const o of all) {
      if (o.level < 1) continue;
      const v = propValue(o.breakdownEvent.props, q.breakdown.property);
      const key = v === undefined ? 'null' : 's' in v ? 's:' + v.s : 'n:' + v.n;
      if (!groups.has(key)) groups.set(key, { v, outs: [] });
      groups.get(key).outs.push(o);
    }
    const series = [...groups.values()].map((g) => ({ v: g.v, steps: stepsFrom(g.outs, q), outs: g.outs }));
    const rank = (v) => (v === undefined ? 0 : 'n' in v ? 1 : 2);
    series.sort((a, b) => b.steps[0].entered - a.steps[0].entered || rank(a.v) - rank(b.v) ||
      (rank(a.v) === 1 ? a.v.n - b.v.n : rank(a.v) === 2 ? bytewise(a.v.s, b.v.s) : 0));
    const limit = q.breakdown.limit ?? 10;
    const out = series.slice(0, limit).map((s) => ({ value: s.v === undefined ? null : 's' in s.v ? s.v.s : s.v.n, other: false, steps: s.steps }));
    if (series.length > limit) out.push({ value: null, other: true, steps: stepsFrom(series.slice(limit).flatMap((s) => s.outs), q) });
    answer.breakdown = out;
  }
  if (q.dropped) {
    const users = levels.filter(([, l]) => l === q.dropped.step).map(([p]) => p).sort(bytewise);
    const off = q.dropped.offset ?? 0;
    answer.dropped = { step: q.dropped.step, total: users.length, offset: off, users: users.slice(off, off + (q.dropped.limit ?? 100)) };
  }
  return answer;
}

// ---------- Trends ----------
// Buckets at a fixed offset from `first`; with utc_offset_changes, from each
// change on the local hours of its offset, and a change off such an hour
// starts a short bucket of its own up to the next one.
function hourStarts(q, first, size) {
  const starts = [];
  const changes = q.utc_offset_changes ?? [];
  for (let i = 0; i <= changes.length; i++) {
    const end = i < changes.length ? changes[i].at_ms : q.to_ms;
    let t = first;
    if (i > 0) {
      const { at_ms, utc_offset_minutes } = changes[i - 1];
      const off = utc_offset_minutes * 60e3;
      t = Math.ceil((at_ms + off) / size) * size - off;
      if (t !== at_ms) starts.push(at_ms);
    }
    for (; t < end; t += size) starts.push(t);
  }
  return starts;
}
export function trends(events, q) {
  const tl = timelines(events);
  const size = q.interval === 'hour' ? 3600e3 : 86400e3;
  const off = (q.utc_offset_minutes ?? 0) * 60e3;
  const first = Math.floor((q.from_ms + off) / size) * size - off;
  // day_starts_ms: the caller's days, each from its start to the next one's (the last to to_ms).
  const starts = q.day_starts_ms ?? hourStarts(q, first, size);
  const series = q.series.map((s) => {
    const b = starts.map((start_ms) => ({ start_ms, events: 0, users: new Set() }));
    let evs = 0; const users = new Set();
    for (const [p, list] of tl) for (const e of list) {
      if (e.time < q.from_ms || e.time >= q.to_ms || !matches(s, e)) continue;
      const i = starts.findLastIndex((t) => t <= e.time);
      b[i].events++; b[i].users.add(p); evs++; users.add(p);
    }
    return { event: s.event, ...(s.filters ? { filters: s.filters } : {}), events: evs, users: users.size, buckets: b.map((x) => ({ start_ms: x.start_ms, events: x.events, users: x.users.size })) };
  });
  return { series, interval: q.interval ?? 'day' };
}

// ---------- Guides ----------
const Z = 1.959963984540054;
export function wilson(x, n) {
  if (n === 0) return [0, 0];
  const p = x / n, z2 = Z * Z;
  const c = (p + z2 / (2 * n)) / (1 + z2 / n);
  const h = (Z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, c - h), Math.min(1, c + h)];
}

// Gave up (docs/analytics.md "Stuck points"), as the guide report's steps and
// the stuck report's rankings count it: in range, saw the step, dismissed the
// guide at it with a reason of their own, never completed it.
function gaveUpByStep(tl, inR) {
  const ownReasons = ['close_button', 'escape_key', 'outside_click', 'skip_button'];
  const gaveUp = new Map();  // "guide\0step" -> Set of persons
  for (const [p, list] of tl) {
    const seen = new Set(), closed = new Set(), completed = new Set();
    for (const e of list) {
      if (!inR(e)) continue;
      const gid = propValue(e.props, 'guide_id'), si = propValue(e.props, 'step_index');
      if (!gid || !('s' in gid) || !si || !('n' in si)) continue;
      const key = `${gid.s}\0${si.n}`;
      const reason = propValue(e.props, 'reason');
      if (e.name === 'cairn_step_seen') seen.add(key);
      else if (e.name === 'cairn_step_completed') completed.add(key);
      else if (e.name === 'cairn_guide_dismissed' && reason && 's' in reason && ownReasons.includes(reason.s)) closed.add(key);
    }
    for (const key of closed) {
      if (!seen.has(key) || completed.has(key)) continue;
      if (!gaveUp.has(key)) gaveUp.set(key, new Set());
      gaveUp.get(key).add(p);
    }
  }
  return gaveUp;
}

export function guides(events, q) {
  const tl = timelines(events);
  const G = new Map();
  const gget = (id) => {
    if (!G.has(id)) G.set(id, { seen: new Set(), seenEv: 0, hold: new Set(), comp: new Set(), dis: new Map(), tm: 0, steps: new Map(), first: new Map() });
    return G.get(id);
  };
  const sget = (g, i) => {
    if (!g.steps.has(i)) g.steps.set(i, { id: '', seen: new Set(), comp: new Set(), dis: new Set(), tmEv: 0, tm: new Set(), onStep: [], beforeDis: [] });
    return g.steps.get(i);
  };
  const guideNames = new Set(['cairn_guide_seen', 'cairn_step_seen', 'cairn_step_completed', 'cairn_guide_dismissed', 'cairn_target_missing', 'cairn_guide_completed']);
  const inR = inRange(q);
  for (const [p, list] of tl) {
    for (let i = 0; i < list.length; i++) {
      const e = list[i];
      if (!guideNames.has(e.name) || !inR(e)) continue;
      const gid = propValue(e.props, 'guide_id');
      if (!gid || !('s' in gid)) continue;
      if (q.guide_id !== undefined && gid.s !== q.guide_id) continue;
      const g = gget(gid.s);
      const variant = propValue(e.props, 'variant');
      if (!g.first.has(p)) g.first.set(p, { time: e.time, holdout: !!variant && 's' in variant && variant.s === 'holdout' });
      const si = propValue(e.props, 'step_index');
      const idx = si && 'n' in si ? si.n : null;
      const sid = propValue(e.props, 'step_id');
      if (e.name === 'cairn_guide_seen') {
        if (variant && 's' in variant && variant.s === 'holdout') g.hold.add(p); else { g.seen.add(p); g.seenEv++; }
      } else if (e.name === 'cairn_guide_completed') g.comp.add(p);
      else if (e.name === 'cairn_guide_dismissed') {
        const r = propValue(e.props, 'reason'); const rs = r && 's' in r ? r.s : 'unknown';
        if (!g.dis.has(rs)) g.dis.set(rs, new Set()); g.dis.get(rs).add(p);
        if (idx !== null) sget(g, idx).dis.add(p);
      } else if (e.name === 'cairn_target_missing') { g.tm++; if (idx !== null) { const s = sget(g, idx); s.tmEv++; s.tm.add(p); } }
      else if (e.name === 'cairn_step_completed') { if (idx !== null) sget(g, idx).comp.add(p); }
      else if (e.name === 'cairn_step_seen' && idx !== null) {
        const s = sget(g, idx); s.seen.add(p);
        if (sid && 's' in sid) s.id = sid.s;
        for (let j = i + 1; j < list.length; j++) {
          const f = list[j];
          if (!inR(f)) continue;
          if (!['cairn_step_completed', 'cairn_guide_dismissed', 'cairn_guide_completed'].includes(f.name)) continue;
          const fg = propValue(f.props, 'guide_id');
          if (!fg || fg.s !== gid.s) continue;
          s.onStep.push(f.time - e.time);
          const fi = propValue(f.props, 'step_index');
          if (f.name === 'cairn_guide_dismissed' && fi && fi.n === idx) s.beforeDis.push(f.time - e.time);
          break;
        }
      }
    }
  }
  const gaveUp = gaveUpByStep(tl, inR);
  const out = [];
  for (const [id, g] of [...G].sort((a, b) => bytewise(a[0], b[0]))) {
    const steps = [...g.steps].sort((a, b) => a[0] - b[0]).map(([i, s]) => ({
      step_index: i, step_id: s.id, seen_users: s.seen.size, completed_users: s.comp.size, dismissed_users: s.dis.size,
      gave_up_users: gaveUp.get(`${id}\0${i}`)?.size ?? 0,
      target_missing_events: s.tmEv, target_missing_users: s.tm.size,
      median_ms_on_step: nearestRank(s.onStep, 50), p90_ms_on_step: nearestRank(s.onStep, 90),
      median_ms_before_dismiss: nearestRank(s.beforeDis, 50) }));
    const o = { guide_id: id, seen_users: g.seen.size, seen_events: g.seenEv, holdout_users: g.hold.size, completed_users: g.comp.size,
      dismissed_users_by_reason: Object.fromEntries([...g.dis].sort((a, b) => bytewise(a[0], b[0])).map(([r, s]) => [r, s.size])),
      target_missing_events: g.tm, steps, completion_funnel: [...steps.map((x) => x.seen_users), g.comp.size] };
    if (q.goal) {
      const W = q.goal_window_ms ?? 7 * 86400e3;
      const grp = { exposed: [0, 0], holdout: [0, 0] };
      for (const [p, f] of g.first) {
        const conv = tl.get(p).some((e) => matches(q.goal, e) && e.time >= f.time && e.time <= f.time + W);
        const a = grp[f.holdout ? 'holdout' : 'exposed']; a[0]++; if (conv) a[1]++;
      }
      const prop = ([n, x]) => { const [l, h] = wilson(x, n); return { users: n, converted: x, rate: n ? x / n : 0, low: l, high: h }; };
      const e = prop(grp.exposed), h = prop(grp.holdout);
      const comparable = e.users > 0 && h.users > 0;
      const d = comparable ? e.rate - h.rate : 0;
      o.impact = { exposed: e, holdout: h, comparable, difference: d,
        low: comparable ? d - Math.sqrt((e.rate - e.low) ** 2 + (h.high - h.rate) ** 2) : 0,
        high: comparable ? d + Math.sqrt((e.high - e.rate) ** 2 + (h.rate - h.low) ** 2) : 0, interval: 'newcomb-wilson-95' };
    }
    out.push(o);
  }
  return { guides: out };
}

// ---------- Stuck points ----------
function pathOf(url) {
  let u = url.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*/, '');
  u = u.split(/[?#]/)[0];
  return u === '' ? '/' : u;
}
export function stuck(events, q) {
  const tl = timelines(events);
  const inR = inRange(q);
  const pages = new Map(), elements = new Map();
  const hot = (m, k) => { if (!m.has(k)) m.set(k, { rage: 0, ru: new Set(), dead: 0, du: new Set(), urls: [] }); return m.get(k); };
  for (const [p, list] of tl) for (const e of list) {
    if (!inR(e) || (e.name !== 'cairn_rage_click' && e.name !== 'cairn_dead_click')) continue;
    const url = propValue(e.props, 'url'), sel = propValue(e.props, 'selector');
    const rage = e.name === 'cairn_rage_click';
    for (const [m, key] of [[pages, url], [elements, sel]]) {
      if (!key || !('s' in key)) continue;
      const h = hot(m, key.s);
      if (rage) { h.rage++; h.ru.add(p); } else { h.dead++; h.du.add(p); }
      if (url && 's' in url) h.urls.push(url.s);
    }
  }
  const limit = q.limit ?? 20;
  const row = (k, h, keyName) => ({ [keyName]: k, rage_clicks: h.rage, rage_users: h.ru.size, dead_clicks: h.dead, dead_users: h.du.size });
  const rank = (m, keyName) => [...m].map(([k, h]) => ({ k, h, r: row(k, h, keyName) }))
    .sort((a, b) => (b.h.rage + b.h.dead) - (a.h.rage + a.h.dead) || bytewise(a.k, b.k)).slice(0, limit);
  const out = { pages: rank(pages, 'url').map((x) => x.r) };
  out.elements = rank(elements, 'selector').map(({ h, r }) => {
    if (!h.urls.length) return { ...r, top_path: null, element: null };
    const byPath = new Map();
    for (const u of h.urls) { const pth = pathOf(u); if (!byPath.has(pth)) byPath.set(pth, new Map()); const m = byPath.get(pth); m.set(u, (m.get(u) ?? 0) + 1); }
    const tot = (m) => [...m.values()].reduce((a, b) => a + b, 0);
    const [path, m] = [...byPath].sort((a, b) => tot(b[1]) - tot(a[1]) || bytewise(a[0], b[0]))[0];
    const [url] = [...m].sort((a, b) => b[1] - a[1] || bytewise(a[0], b[0]))[0];
    return { ...r, top_path: { path, url, clicks: tot(m), share: tot(m) / h.urls.length }, element: null };
  });
  const g = guides(events, { from_ms: q.from_ms, to_ms: q.to_ms });
  const steps = [];
  for (const gd of g.guides) for (const s of gd.steps) {
    if (s.seen_users === 0) continue;
    // Completions are capped at the users who saw the step (one whose step_seen
    // fell outside the range cannot make the rate negative).
    const completed = Math.min(s.completed_users, s.seen_users);
    const tm = Math.min(s.target_missing_users, s.seen_users);
    const gave = s.gave_up_users;
    steps.push({ guide_id: gd.guide_id, step_index: s.step_index, seen_users: s.seen_users, completed_users: completed,
      gave_up_users: gave, drop_off_rate: gave / s.seen_users, drop_off_rate_low: wilson(gave, s.seen_users)[0],
      target_missing_users: s.target_missing_users, target_missing_rate: s.target_missing_users / s.seen_users, target_missing_rate_low: wilson(tm, s.seen_users)[0],
      median_ms_before_dismiss: s.median_ms_before_dismiss });
  }
  const by = (rate) => [...steps].sort((a, b) => b[rate + '_low'] - a[rate + '_low'] || b[rate] - a[rate] || b.seen_users - a.seen_users).slice(0, limit);
  out.steps_by_drop_off = by('drop_off_rate');
  out.steps_by_target_missing = by('target_missing_rate');
  return out;
}
