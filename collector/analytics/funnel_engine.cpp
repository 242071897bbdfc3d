#include "analytics/funnel_engine.h"

#include "analytics/funnel_series.h"

#include <algorithm>
#include <array>
#include <unordered_map>

namespace cairn::analytics {

namespace {

constexpr int kNone = -1;
using Positions = std::array<int, kMaxFunnelSteps>;

// A query resolved against the index.
struct Plan {
  const FunnelQuery* query = nullptr;
  int n = 0;
  std::vector<CompiledCondition> steps;
  std::vector<CompiledCondition> exclusions;
  std::vector<std::uint32_t> name_steps;       // name id -> steps it may match (bits).
  std::vector<std::uint32_t> name_exclusions;  // name id -> exclusions it may match (bits by index).
  std::optional<std::size_t> breakdown_column;
};

// One user's events in the date range, reduced to what the funnel needs.
struct Masks {
  const UserTimeline* t = nullptr;
  std::size_t lo = 0;                // Timeline index of local position 0.
  std::vector<std::uint32_t> step;   // Bit k: matches step k (0-based).
  std::vector<std::uint32_t> after;  // Bit k: matches an exclusion between steps k and k+1 (0-based).
  std::vector<int> funnel_events;    // Local positions with a step bit (any/strict).
  std::vector<std::uint8_t> ok;      // Backward feasibility, [level][position].
  int m = 0;

  std::int64_t time(int i) const { return t->time_ms[lo + static_cast<std::size_t>(i)]; }
};

bool has(std::uint32_t bits, int k) { return ((bits >> k) & 1u) != 0; }

void build_masks(const Plan& plan, const UserTimeline& t, Masks& s) {
  const FunnelQuery& q = *plan.query;
  s.t = &t;
  auto begin = t.time_ms.begin();
  auto lo = q.from_ms ? std::lower_bound(t.time_ms.begin(), t.time_ms.end(), *q.from_ms) : begin;
  auto hi = q.to_ms ? std::lower_bound(lo, t.time_ms.end(), *q.to_ms) : t.time_ms.end();
  s.lo = static_cast<std::size_t>(lo - begin);
  s.m = static_cast<int>(hi - lo);
  s.step.assign(static_cast<std::size_t>(s.m), 0);
  s.after.assign(static_cast<std::size_t>(s.m), 0);
  s.funnel_events.clear();
  for (int i = 0; i < s.m; ++i) {
    const std::size_t at = s.lo + static_cast<std::size_t>(i);
    const std::uint32_t name = t.name[at];
    std::uint32_t candidates = plan.name_steps[name];
    std::uint32_t bits = 0;
    while (candidates) {
      const int k = __builtin_ctz(candidates);
      candidates &= candidates - 1;
      if (plan.steps[static_cast<std::size_t>(k)].matches(t, at)) bits |= 1u << k;
    }
    s.step[static_cast<std::size_t>(i)] = bits;
    if (bits) s.funnel_events.push_back(i);
    std::uint32_t exclusion_candidates = plan.name_exclusions[name];
    std::uint32_t after = 0;
    while (exclusion_candidates) {
      const int j = __builtin_ctz(exclusion_candidates);
      exclusion_candidates &= exclusion_candidates - 1;
      if (plan.exclusions[static_cast<std::size_t>(j)].matches(t, at)) {
        after |= 1u << (q.exclusions[static_cast<std::size_t>(j)].after_step - 1);
      }
    }
    s.after[static_cast<std::size_t>(i)] = after;
  }
}

// --- ordered ---------------------------------------------------------------

// The DP: state[k] = latest start of a valid path whose step k+1 is the latest
// usable one. With fixed_start set, only paths starting there count. Returns the
// level reached and, per level, the latest start that reached it.
int ordered_levels(const Plan& plan, const Masks& s, int fixed_start, Positions& best_start) {
  const std::int64_t window = plan.query->window_ms;
  Positions state;
  state.fill(kNone);
  best_start.fill(kNone);
  const int first = fixed_start == kNone ? 0 : fixed_start;
  for (int i = first; i < s.m; ++i) {
    const std::uint32_t sm = s.step[static_cast<std::size_t>(i)];
    const std::uint32_t xm = s.after[static_cast<std::size_t>(i)];
    if (!(sm | xm)) continue;
    Positions next;
    std::uint32_t set = 0;
    for (std::uint32_t bits = sm; bits; bits &= bits - 1) {
      const int k = __builtin_ctz(bits);
      if (k == 0) {
        if (fixed_start == kNone || i == fixed_start) {
          next[0] = i;
          set |= 1u;
        }
      } else {
        const int start = state[static_cast<std::size_t>(k - 1)];
        if (start != kNone && s.time(i) - s.time(start) <= window) {
          next[static_cast<std::size_t>(k)] = start;
          set |= 1u << k;
        }
      }
    }
    for (std::uint32_t bits = xm; bits; bits &= bits - 1) state[static_cast<std::size_t>(__builtin_ctz(bits))] = kNone;
    for (std::uint32_t bits = set; bits; bits &= bits - 1) {
      const auto k = static_cast<std::size_t>(__builtin_ctz(bits));
      state[k] = next[k];
      best_start[k] = std::max(best_start[k], next[k]);
    }
  }
  int level = 0;
  for (int k = plan.n; k > 0; --k) {
    if (best_start[static_cast<std::size_t>(k - 1)] != kNone) {
      level = k;
      break;
    }
  }
  return level;
}

// The lexicographically smallest path from `start` reaching `level`.
// REQUIRES: such a path exists (ordered_levels found it).
void ordered_path(const Plan& plan, Masks& s, int start, int level, Positions& path) {
  path[0] = start;
  if (plan.query->exclusions.empty()) {
    // Without exclusions the earliest match of each step is valid and smallest.
    int at = start;
    for (int k = 1; k < level; ++k) {
      int q = at + 1;
      while (!has(s.step[static_cast<std::size_t>(q)], k)) ++q;
      path[static_cast<std::size_t>(k)] = at = q;
    }
    return;
  }
  const std::int64_t limit = s.time(start) + plan.query->window_ms;
  // ok[k][q]: an event at q can be step k of a path that still reaches `level`.
  const auto m = static_cast<std::size_t>(s.m);
  s.ok.assign(static_cast<std::size_t>(level) * m, 0);
  auto ok = [&](int k, int q) -> std::uint8_t& { return s.ok[static_cast<std::size_t>(k) * m + static_cast<std::size_t>(q)]; };
  for (int q = start + 1; q < s.m; ++q) {
    ok(level - 1, q) = has(s.step[static_cast<std::size_t>(q)], level - 1) && s.time(q) <= limit;
  }
  for (int k = level - 2; k >= 1; --k) {
    bool reach = false;  // Some later ok(k+1) with no exclusion k in between.
    for (int q = s.m - 1; q > start; --q) {
      ok(k, q) = has(s.step[static_cast<std::size_t>(q)], k) && s.time(q) <= limit && reach;
      reach = ok(k + 1, q) || (reach && !has(s.after[static_cast<std::size_t>(q)], k));
    }
  }
  int at = start;
  for (int k = 1; k < level; ++k) {
    int q = at + 1;
    while (!ok(k, q)) ++q;
    path[static_cast<std::size_t>(k)] = at = q;
  }
}

// --- strict ----------------------------------------------------------------

int strict_levels(const Plan& plan, const Masks& s, Positions& best_start) {
  const std::int64_t window = plan.query->window_ms;
  Positions state;
  state.fill(kNone);
  best_start.fill(kNone);
  for (int i = 0; i < s.m; ++i) {
    const std::uint32_t sm = s.step[static_cast<std::size_t>(i)];
    if (!sm) {
      for (std::uint32_t bits = s.after[static_cast<std::size_t>(i)]; bits; bits &= bits - 1) {
        state[static_cast<std::size_t>(__builtin_ctz(bits))] = kNone;
      }
      continue;
    }
    Positions next;
    next.fill(kNone);
    for (std::uint32_t bits = sm; bits; bits &= bits - 1) {
      const int k = __builtin_ctz(bits);
      if (k == 0) {
        next[0] = i;
      } else {
        const int start = state[static_cast<std::size_t>(k - 1)];
        if (start != kNone && s.time(i) - s.time(start) <= window) next[static_cast<std::size_t>(k)] = start;
      }
    }
    state = next;  // A funnel event ends every path it does not extend.
    for (std::size_t k = 0; k < state.size(); ++k) best_start[k] = std::max(best_start[k], state[k]);
  }
  for (int k = plan.n; k > 0; --k) {
    if (best_start[static_cast<std::size_t>(k - 1)] != kNone) return k;
  }
  return 0;
}

// Follows consecutive funnel events from `start`. Returns the level reached.
int strict_path(const Plan& plan, const Masks& s, int start, Positions& path) {
  const std::int64_t limit = s.time(start) + plan.query->window_ms;
  path[0] = start;
  int level = 1;
  for (int q = start + 1; q < s.m && level < plan.n; ++q) {
    const std::uint32_t sm = s.step[static_cast<std::size_t>(q)];
    if (sm) {
      if (!has(sm, level) || s.time(q) > limit) break;
      path[static_cast<std::size_t>(level)] = q;
      ++level;
    } else if (has(s.after[static_cast<std::size_t>(q)], level - 1)) {
      break;
    }
  }
  return level;
}

// --- any order -------------------------------------------------------------

// Bipartite matching of steps 0..n-1 to `events` (local positions).
class StepMatcher {
 public:
  // The largest k such that steps 0..k-1 can be given distinct events of
  // `events`; with `forced` set, step 0 must be that event.
  int prefix(const Masks& s, const std::vector<int>& events, int n, int forced) {
    events_ = &events;
    s_ = &s;
    forced_ = forced != kNone;
    owner_.assign(events.size(), kNone);
    int k = 0;
    if (forced != kNone) {
      for (std::size_t e = 0; e < events.size(); ++e) {
        if (events[e] == forced) owner_[e] = 0;
      }
      k = 1;
    }
    for (; k < n; ++k) {
      seen_.assign(events.size(), 0);
      if (!augment(k)) return k;
    }
    return n;
  }

 private:
  bool augment(int k) {
    for (std::size_t e = 0; e < events_->size(); ++e) {
      if (seen_[e] || !has(s_->step[static_cast<std::size_t>((*events_)[e])], k)) continue;
      seen_[e] = 1;
      if (owner_[e] == 0 && forced_) continue;  // The forced event keeps step 0.
      if (owner_[e] == kNone || augment(owner_[e])) {
        owner_[e] = k;
        return true;
      }
    }
    return false;
  }
  bool forced_ = false;
  const std::vector<int>* events_ = nullptr;
  const Masks* s_ = nullptr;
  std::vector<int> owner_;
  std::vector<std::uint8_t> seen_;
};

struct AnyOutcome {
  int level = 0;
  Positions completed_at{};  // Local position at which steps 0..k were first all done.
  int breakdown_event = kNone;
};

// Steps reached in the window `events` (ordered by position) and when each
// prefix of steps was first complete.
AnyOutcome any_outcome(const Plan& plan, const Masks& s, const std::vector<int>& events, int forced,
                       StepMatcher& matcher) {
  AnyOutcome out;
  out.level = matcher.prefix(s, events, plan.n, forced);
  if (out.level == 0) return out;
  std::vector<int> prefix;
  int reached = 0;
  if (forced != kNone) prefix.push_back(forced);
  for (int e : events) {
    if (e != forced) prefix.push_back(e);
    const int level = matcher.prefix(s, prefix, out.level, forced);
    const int at = forced != kNone ? std::max(e, forced) : e;
    for (; reached < level; ++reached) out.completed_at[static_cast<std::size_t>(reached)] = at;
    if (reached == out.level) break;
  }
  if (forced != kNone) {
    out.breakdown_event = forced;
  } else {
    for (int e : events) {
      if (has(s.step[static_cast<std::size_t>(e)], 0)) {
        out.breakdown_event = e;
        break;
      }
    }
  }
  return out;
}

// --- tallies ---------------------------------------------------------------

struct Tally {
  std::unordered_map<std::uint32_t, SeriesTally> series;  // By breakdown value id.
  std::vector<std::uint32_t> dropped;                     // User ids.
};

class Evaluator {
 public:
  Evaluator(const Plan& plan, Tally& tally) : plan_(plan), tally_(tally) {}

  void user(std::uint32_t user, const UserTimeline& t) {
    build_masks(plan_, t, s_);
    if (s_.funnel_events.empty()) return;
    const FunnelQuery& q = *plan_.query;
    if (q.count == FunnelCount::unique_users) {
      const int level = unique(user);
      if (q.dropped_at_step && level == static_cast<int>(*q.dropped_at_step)) tally_.dropped.push_back(user);
    } else {
      totals();
    }
  }

 private:
  int unique(std::uint32_t /*user*/) {
    const FunnelQuery& q = *plan_.query;
    Positions best;
    Positions path;
    int level = 0;
    switch (q.order) {
      case FunnelOrder::ordered:
        level = ordered_levels(plan_, s_, kNone, best);
        if (level) ordered_path(plan_, s_, best[static_cast<std::size_t>(level - 1)], level, path);
        break;
      case FunnelOrder::strict:
        level = strict_levels(plan_, s_, best);
        if (level) strict_path(plan_, s_, best[static_cast<std::size_t>(level - 1)], path);
        break;
      case FunnelOrder::any:
        return unique_any();
    }
    if (level) record_path(level, path);
    return level;
  }

  int unique_any() {
    const std::vector<int>& f = s_.funnel_events;
    const std::int64_t window = plan_.query->window_ms;
    int best_level = 0;
    std::size_t best_a = 0;
    std::vector<int> in_window;
    for (std::size_t a = 0; a < f.size(); ++a) {
      if (a > 0 && s_.time(f[a]) == s_.time(f[a - 1])) continue;
      in_window.clear();
      for (std::size_t b = a; b < f.size() && s_.time(f[b]) - s_.time(f[a]) <= window; ++b) in_window.push_back(f[b]);
      const int level = matcher_.prefix(s_, in_window, plan_.n, kNone);
      if (level > 0 && level >= best_level) {
        best_level = level;
        best_a = a;
      }
    }
    if (best_level == 0) return 0;
    in_window.clear();
    for (std::size_t b = best_a; b < f.size() && s_.time(f[b]) - s_.time(f[best_a]) <= window; ++b) in_window.push_back(f[b]);
    record_any(any_outcome(plan_, s_, in_window, kNone, matcher_));
    return best_level;
  }

  void totals() {
    const FunnelQuery& q = *plan_.query;
    Positions best;
    Positions path;
    const std::vector<int>& f = s_.funnel_events;
    std::vector<int> in_window;
    for (int p : f) {
      if (!has(s_.step[static_cast<std::size_t>(p)], 0)) continue;
      switch (q.order) {
        case FunnelOrder::ordered: {
          const int level = ordered_levels(plan_, s_, p, best);
          ordered_path(plan_, s_, p, level, path);
          record_path(level, path);
          break;
        }
        case FunnelOrder::strict:
          record_path(strict_path(plan_, s_, p, path), path);
          break;
        case FunnelOrder::any: {
          in_window.clear();
          for (int e : f) {
            if (s_.time(e) >= s_.time(p) && s_.time(e) - s_.time(p) <= q.window_ms) in_window.push_back(e);
          }
          record_any(any_outcome(plan_, s_, in_window, p, matcher_));
          break;
        }
      }
    }
  }

  std::uint32_t breakdown_value(int local) const {
    if (!plan_.breakdown_column || local == kNone) return 0;
    return s_.t->property[*plan_.breakdown_column][s_.lo + static_cast<std::size_t>(local)];
  }

  void record_path(int level, const Positions& path) {
    SeriesTally& series = tally_.series[breakdown_value(path[0])];
    series.resize(plan_.n);
    for (int k = 0; k < level; ++k) {
      ++series.entered[static_cast<std::size_t>(k)];
      if (k > 0) {
        series.times[static_cast<std::size_t>(k)].push_back(s_.time(path[static_cast<std::size_t>(k)]) -
                                                            s_.time(path[static_cast<std::size_t>(k - 1)]));
      }
    }
  }

  void record_any(const AnyOutcome& o) {
    if (o.level == 0) return;
    SeriesTally& series = tally_.series[breakdown_value(o.breakdown_event)];
    series.resize(plan_.n);
    for (int k = 0; k < o.level; ++k) {
      ++series.entered[static_cast<std::size_t>(k)];
      if (k > 0) {
        series.times[static_cast<std::size_t>(k)].push_back(s_.time(o.completed_at[static_cast<std::size_t>(k)]) -
                                                            s_.time(o.completed_at[static_cast<std::size_t>(k - 1)]));
      }
    }
  }

  const Plan& plan_;
  Tally& tally_;
  Masks s_;
  StepMatcher matcher_;
};

std::optional<Plan> make_plan(const EventIndex& index, const FunnelQuery& query, std::string* error) {
  Plan plan;
  plan.query = &query;
  plan.n = static_cast<int>(query.steps.size());
  std::vector<std::string> missing;
  plan.name_steps.assign(index.event_name_count(), 0);
  plan.name_exclusions.assign(index.event_name_count(), 0);
  for (std::size_t k = 0; k < query.steps.size(); ++k) {
    std::optional<CompiledCondition> c = CompiledCondition::compile(query.steps[k], index, missing);
    if (!c) continue;
    if (std::optional<std::uint32_t> id = index.event_name_id(query.steps[k].event)) plan.name_steps[*id] |= 1u << k;
    plan.steps.push_back(std::move(*c));
  }
  for (std::size_t j = 0; j < query.exclusions.size(); ++j) {
    std::optional<CompiledCondition> c = CompiledCondition::compile(query.exclusions[j].condition, index, missing);
    if (!c) continue;
    if (std::optional<std::uint32_t> id = index.event_name_id(query.exclusions[j].condition.event)) {
      plan.name_exclusions[*id] |= 1u << j;
    }
    plan.exclusions.push_back(std::move(*c));
  }
  if (query.breakdown) {
    plan.breakdown_column = index.property_column(query.breakdown->property);
    if (!plan.breakdown_column) missing.push_back(query.breakdown->property);
  }
  if (!missing.empty()) {
    if (error) {
      *error = "the index has no column for property";
      for (const std::string& key : missing) *error += " \"" + key + "\"";
    }
    return std::nullopt;
  }
  return plan;
}

}  // namespace

std::int64_t nearest_rank_percentile(std::vector<std::int64_t>& values, int percent) {
  const std::size_t n = values.size();
  std::size_t rank = (n * static_cast<std::size_t>(percent) + 99) / 100;  // ceil(p/100 * n)
  if (rank == 0) rank = 1;
  auto nth = values.begin() + static_cast<std::ptrdiff_t>(rank - 1);
  std::nth_element(values.begin(), nth, values.end());
  return *nth;
}

json::Problems validate_funnel_query(const FunnelQuery& q) {
  json::Problems problems;
  const std::size_t n = q.steps.size();
  if (n < kMinFunnelSteps || n > kMaxFunnelSteps) problems.add("/steps", "must have between 2 and 20 steps");
  for (std::size_t k = 0; k < n; ++k) {
    if (q.steps[k].event.empty()) problems.add("/steps/" + std::to_string(k) + "/event", "required");
  }
  if (q.window_ms <= 0 || q.window_ms > kMaxFunnelWindowMs) {
    problems.add("/window_ms", "must be between 1 and " + std::to_string(kMaxFunnelWindowMs));
  }
  if (q.exclusions.size() > kMaxFunnelExclusions) problems.add("/exclusions", "at most 20 exclusions");
  const std::size_t last_gap = n > 1 ? n - 1 : 1;
  for (std::size_t j = 0; j < q.exclusions.size(); ++j) {
    const std::string at = "/exclusions/" + std::to_string(j);
    if (q.exclusions[j].condition.event.empty()) problems.add(at + "/event", "required");
    if (q.exclusions[j].after_step < 1 || q.exclusions[j].after_step > last_gap) {
      problems.add(at + "/after_step", "must be between 1 and " + std::to_string(last_gap));
    }
  }
  if (!q.exclusions.empty() && q.order == FunnelOrder::any) {
    problems.add("/exclusions", "not supported with order \"any\" (no step comes between two others)");
  }
  if (q.from_ms && q.to_ms && *q.from_ms >= *q.to_ms) problems.add("/to_ms", "must be after from_ms");
  if (q.breakdown) {
    if (q.breakdown->property.empty()) problems.add("/breakdown/property", "required");
    if (q.breakdown->limit < 1 || q.breakdown->limit > kMaxBreakdownValues) {
      problems.add("/breakdown/limit", "must be between 1 and 100");
    }
  }
  if (q.dropped_at_step) {
    if (q.count != FunnelCount::unique_users) problems.add("/dropped", "only with count \"unique_users\"");
    if (*q.dropped_at_step < 1 || *q.dropped_at_step > last_gap) {
      problems.add("/dropped/step", "must be between 1 and " + std::to_string(last_gap));
    }
  }
  if (q.dropped_limit > kMaxDroppedUsersPage) problems.add("/dropped/limit", "must be at most 1000");
  return problems;
}

std::vector<std::string> funnel_property_keys(const FunnelQuery& query) {
  std::vector<std::string> keys;
  for (const EventCondition& c : query.steps) collect_property_keys(c, &keys);
  for (const FunnelExclusion& x : query.exclusions) collect_property_keys(x.condition, &keys);
  if (query.breakdown && std::find(keys.begin(), keys.end(), query.breakdown->property) == keys.end()) {
    keys.push_back(query.breakdown->property);
  }
  return keys;
}

std::optional<FunnelResult> run_funnel(const EventIndex& index, const FunnelQuery& query,
                                       const ParallelOptions& options, std::string* error) {
  std::optional<Plan> plan = make_plan(index, query, error);
  if (!plan) return std::nullopt;

  std::vector<Tally> tallies = evaluate_users<Tally>(index.user_count(), options, [&](Tally& tally) {
    return [&index, evaluator = Evaluator(*plan, tally)](std::uint32_t u) mutable {
      evaluator.user(u, index.timeline(u));
    };
  });

  // Merge the threads' tallies.
  std::unordered_map<std::uint32_t, SeriesTally> merged;
  std::vector<std::uint32_t> dropped;
  for (Tally& t : tallies) {
    for (auto& [value, series] : t.series) merged[value].merge(std::move(series), plan->n);
    dropped.insert(dropped.end(), t.dropped.begin(), t.dropped.end());
  }

  FunnelResult result;
  result.data_version = index.version();
  std::vector<BreakdownGroup> groups;
  for (auto& [value, series] : merged) {
    groups.push_back(BreakdownGroup{value, std::move(series)});
  }
  const ValueDictionary* dictionary = plan->breakdown_column ? &index.values(*plan->breakdown_column) : nullptr;
  assemble_series(std::move(groups), plan->n, query.breakdown ? query.breakdown->limit : 0, dictionary, &result);

  if (query.dropped_at_step) {
    std::sort(dropped.begin(), dropped.end(), [&](std::uint32_t a, std::uint32_t b) {
      return index.user_name(a) < index.user_name(b);
    });
    result.dropped_users_total = dropped.size();
    for (std::size_t i = query.dropped_offset; i < dropped.size() && result.dropped_users.size() < query.dropped_limit; ++i) {
      result.dropped_users.push_back(index.user_name(dropped[i]));
    }
  }
  return result;
}

}  // namespace cairn::analytics
