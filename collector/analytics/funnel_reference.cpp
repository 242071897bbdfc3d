#include "analytics/funnel_reference.h"

#include "analytics/funnel_series.h"

#include <algorithm>
#include <map>
#include <set>

namespace cairn::analytics {

namespace {

struct Event {
  std::int64_t time = 0;
  std::vector<bool> step;   // step[k]: matches step k.
  std::vector<bool> after;  // after[k]: matches an exclusion between step k and k+1 (0-based).
  std::optional<PropertyValue> breakdown;
};

std::optional<PropertyValue> property_of(const EventRow& row, const std::string& key) {
  for (const auto& [k, v] : row.properties) {
    if (k == key) return v;  // First occurrence wins, as in the index? see below.
  }
  return std::nullopt;
}

bool condition_matches(const EventCondition& c, const EventRow& row) {
  if (row.event != c.event) return false;
  for (const PropertyFilter& f : c.filters) {
    if (!filter_passes(f, property_of(row, f.property))) return false;
  }
  return true;
}

struct Outcome {
  int level = 0;
  std::vector<std::int64_t> step_time;  // Time at which each step was reached.
  std::optional<PropertyValue> breakdown;
};

// Every path of ordered/strict mode starting at `start`; returns the best by
// (level, then lexicographically smallest positions).
void explore(const std::vector<Event>& ev, const FunnelQuery& q, std::vector<int>& path,
             std::vector<int>& best) {
  const int n = static_cast<int>(q.steps.size());
  if (path.size() > best.size() || (path.size() == best.size() && path < best)) best = path;
  const int k = static_cast<int>(path.size());
  if (k == n) return;
  const int last = path.back();
  for (int r = last + 1; r < static_cast<int>(ev.size()); ++r) {
    if (ev[r].step[k] && ev[r].time - ev[path[0]].time <= q.window_ms) {
      bool blocked = false;
      for (int between = last + 1; between < r; ++between) {
        if (ev[between].after[k - 1]) blocked = true;
        if (q.order == FunnelOrder::strict) {
          for (bool s : ev[between].step) blocked = blocked || s;
        }
      }
      if (!blocked) {
        path.push_back(r);
        explore(ev, q, path, best);
        path.pop_back();
      }
    }
  }
}

Outcome path_outcome(const std::vector<Event>& ev, const std::vector<int>& path) {
  Outcome o;
  o.level = static_cast<int>(path.size());
  for (int p : path) o.step_time.push_back(ev[p].time);
  if (!path.empty()) o.breakdown = ev[path[0]].breakdown;
  return o;
}

// Can steps 0..k-1 get distinct events of `events` (step 0 = `forced` if set)?
bool assignable(const std::vector<Event>& ev, const std::vector<int>& events, int k, int forced,
                std::vector<bool>& used, int step) {
  if (step == k) return true;
  if (step == 0 && forced >= 0) {
    for (std::size_t i = 0; i < events.size(); ++i) {
      if (events[i] == forced) {
        used[i] = true;
        const bool ok = ev[forced].step[0] && assignable(ev, events, k, forced, used, 1);
        used[i] = false;
        return ok;
      }
    }
    return false;
  }
  for (std::size_t i = 0; i < events.size(); ++i) {
    if (used[i] || !ev[events[i]].step[step]) continue;
    used[i] = true;
    const bool ok = assignable(ev, events, k, forced, used, step + 1);
    used[i] = false;
    if (ok) return true;
  }
  return false;
}

int any_level(const std::vector<Event>& ev, const std::vector<int>& events, int n, int forced) {
  int level = 0;
  for (int k = 1; k <= n; ++k) {
    std::vector<bool> used(events.size(), false);
    if (assignable(ev, events, k, forced, used, 0)) level = k;
  }
  return level;
}

Outcome any_outcome(const std::vector<Event>& ev, const std::vector<int>& window, int n, int forced) {
  Outcome o;
  o.level = any_level(ev, window, n, forced);
  if (o.level == 0) return o;
  std::vector<int> prefix;
  if (forced >= 0) prefix.push_back(forced);
  for (int e : window) {
    if (e != forced) prefix.push_back(e);
    const int level = any_level(ev, prefix, o.level, forced);
    while (static_cast<int>(o.step_time.size()) < level) o.step_time.push_back(ev[e].time);
  }
  if (forced >= 0) {
    o.breakdown = ev[forced].breakdown;
  } else {
    for (int e : window) {
      if (ev[e].step[0]) {
        o.breakdown = ev[e].breakdown;
        break;
      }
    }
  }
  return o;
}

std::vector<Outcome> user_outcomes(const std::vector<Event>& ev, const FunnelQuery& q) {
  const int n = static_cast<int>(q.steps.size());
  const int m = static_cast<int>(ev.size());
  std::vector<Outcome> out;
  if (q.order != FunnelOrder::any) {
    if (q.count == FunnelCount::unique_users) {
      std::vector<int> best;
      int best_start = -1;
      for (int p = 0; p < m; ++p) {
        if (!ev[p].step[0]) continue;
        std::vector<int> path{p}, from_p;
        explore(ev, q, path, from_p);
        // Highest level; among equals the latest start (then smallest rest).
        if (from_p.size() >= best.size()) {
          best = from_p;
          best_start = p;
        }
      }
      if (best_start >= 0) out.push_back(path_outcome(ev, best));
    } else {
      for (int p = 0; p < m; ++p) {
        if (!ev[p].step[0]) continue;
        std::vector<int> path{p}, from_p;
        explore(ev, q, path, from_p);
        out.push_back(path_outcome(ev, from_p));
      }
    }
    return out;
  }
  if (q.count == FunnelCount::unique_users) {
    Outcome best;
    for (int s = 0; s < m; ++s) {
      std::vector<int> window;
      for (int e = 0; e < m; ++e) {
        if (ev[e].time >= ev[s].time && ev[e].time - ev[s].time <= q.window_ms) window.push_back(e);
      }
      Outcome o = any_outcome(ev, window, n, -1);
      if (o.level > 0 && o.level >= best.level) best = o;  // Later start wins ties.
    }
    if (best.level > 0) out.push_back(best);
  } else {
    for (int p = 0; p < m; ++p) {
      if (!ev[p].step[0]) continue;
      std::vector<int> window;
      for (int e = 0; e < m; ++e) {
        if (ev[e].time >= ev[p].time && ev[e].time - ev[p].time <= q.window_ms) window.push_back(e);
      }
      out.push_back(any_outcome(ev, window, n, p));
    }
  }
  return out;
}

std::int64_t percentile(std::vector<std::int64_t> v, int percent) {
  std::sort(v.begin(), v.end());
  std::size_t rank = (v.size() * static_cast<std::size_t>(percent) + 99) / 100;
  return v[std::max<std::size_t>(rank, 1) - 1];
}

struct Counts {
  std::vector<std::uint64_t> entered;
  std::vector<std::vector<std::int64_t>> times;
};

std::vector<FunnelStepResult> rows_of(const Counts& c) {
  std::vector<FunnelStepResult> rows;
  for (std::size_t k = 0; k < c.entered.size(); ++k) {
    FunnelStepResult r;
    r.entered = c.entered[k];
    r.converted = k + 1 < c.entered.size() ? c.entered[k + 1] : c.entered[k];
    r.dropped = r.entered - r.converted;
    const std::uint64_t prev = k == 0 ? c.entered[0] : c.entered[k - 1];
    r.conversion_from_previous = prev ? static_cast<double>(r.entered) / static_cast<double>(prev) : 0.0;
    r.conversion_from_first =
        c.entered[0] ? static_cast<double>(r.entered) / static_cast<double>(c.entered[0]) : 0.0;
    if (k > 0 && !c.times[k].empty()) {
      r.median_ms_to_convert = percentile(c.times[k], 50);
      r.p90_ms_to_convert = percentile(c.times[k], 90);
    }
    rows.push_back(r);
  }
  return rows;
}

void add(Counts& c, const Outcome& o, std::size_t n) {
  if (c.entered.empty()) {
    c.entered.assign(n, 0);
    c.times.resize(n);
  }
  for (int k = 0; k < o.level; ++k) {
    ++c.entered[k];
    if (k > 0) c.times[k].push_back(o.step_time[k] - o.step_time[k - 1]);
  }
}

}  // namespace

FunnelResult reference_funnel(const std::vector<EventRow>& rows, const FunnelQuery& q) {
  const std::size_t n = q.steps.size();
  std::map<std::string, std::vector<const EventRow*>> by_user;
  for (const EventRow& row : rows) by_user[row.user].push_back(&row);

  Counts all;
  all.entered.assign(n, 0);
  all.times.resize(n);
  struct Group {
    std::optional<PropertyValue> value;
    Counts counts;
  };
  std::vector<Group> groups;
  FunnelResult result;
  std::vector<std::string> dropped;
  for (auto& [user, list] : by_user) {
    std::stable_sort(list.begin(), list.end(),
                     [](const EventRow* a, const EventRow* b) { return a->time_ms < b->time_ms; });
    std::vector<Event> ev;
    for (const EventRow* row : list) {
      if (q.from_ms && row->time_ms < *q.from_ms) continue;
      if (q.to_ms && row->time_ms >= *q.to_ms) continue;
      Event e;
      e.time = row->time_ms;
      e.step.resize(n);
      e.after.resize(n);
      for (std::size_t k = 0; k < n; ++k) e.step[k] = condition_matches(q.steps[k], *row);
      for (const FunnelExclusion& x : q.exclusions) {
        if (condition_matches(x.condition, *row)) e.after[x.after_step - 1] = true;
      }
      if (q.breakdown) e.breakdown = property_of(*row, q.breakdown->property);
      ev.push_back(std::move(e));
    }
    for (const Outcome& o : user_outcomes(ev, q)) {
      add(all, o, n);
      if (q.breakdown) {
        auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.value == o.breakdown; });
        if (it == groups.end()) {
          groups.push_back(Group{o.breakdown, {}});
          it = groups.end() - 1;
        }
        add(it->counts, o, n);
      }
      if (q.count == FunnelCount::unique_users && q.dropped_at_step &&
          o.level == static_cast<int>(*q.dropped_at_step)) {
        dropped.push_back(user);
      }
    }
  }
  result.steps = rows_of(all);
  if (q.breakdown) {
    std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
      if (a.counts.entered[0] != b.counts.entered[0]) return a.counts.entered[0] > b.counts.entered[0];
      return breakdown_value_less(a.value, b.value);
    });
    Counts other;
    for (std::size_t i = 0; i < groups.size(); ++i) {
      if (i < q.breakdown->limit) {
        FunnelSeries s;
        s.breakdown_value = groups[i].value;
        s.steps = rows_of(groups[i].counts);
        result.breakdown.push_back(std::move(s));
      } else {
        if (other.entered.empty()) {
          other.entered.assign(n, 0);
          other.times.resize(n);
        }
        for (std::size_t k = 0; k < n; ++k) {
          other.entered[k] += groups[i].counts.entered[k];
          other.times[k].insert(other.times[k].end(), groups[i].counts.times[k].begin(),
                                groups[i].counts.times[k].end());
        }
      }
    }
    if (!other.entered.empty()) {
      FunnelSeries s;
      s.is_other = true;
      s.steps = rows_of(other);
      result.breakdown.push_back(std::move(s));
    }
  }
  if (q.dropped_at_step) {
    std::sort(dropped.begin(), dropped.end());
    result.dropped_users_total = dropped.size();
    for (std::size_t i = q.dropped_offset; i < dropped.size() && result.dropped_users.size() < q.dropped_limit; ++i) {
      result.dropped_users.push_back(dropped[i]);
    }
  }
  return result;
}

}  // namespace cairn::analytics
