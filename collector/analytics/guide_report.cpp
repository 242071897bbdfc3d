#include "analytics/guide_report.h"

#include "analytics/funnel_engine.h"
#include "analytics/parallel_users.h"

#include <algorithm>
#include <cmath>

namespace cairn::analytics {

namespace {

constexpr double kZ = 1.959963984540054;  // 95% two-sided.

const char* const kGuideKeys[] = {"guide_id", "step_index", "step_id", "variant", "reason"};

// The accumulators below are one worker's partial result (parallel_users.h);
// merge() folds another worker's into it. Times are kept whole so that
// percentiles are taken after the merge.
struct StepAcc {
  DistinctUsers seen, completed, dismissed, gave_up, missing_users;
  std::uint64_t missing_events = 0;
  std::string step_id;
  std::uint32_t step_id_user = 0;  // The user step_id was last given by.
  std::vector<std::int64_t> on_step, before_dismiss;

  void merge(StepAcc&& o) {
    seen.merge(o.seen);
    completed.merge(o.completed);
    dismissed.merge(o.dismissed);
    gave_up.merge(o.gave_up);
    missing_users.merge(o.missing_users);
    missing_events += o.missing_events;
    // "Last seen" in user order, as a single thread would have left it.
    if (!o.step_id.empty() && (step_id.empty() || o.step_id_user > step_id_user)) {
      step_id = std::move(o.step_id);
      step_id_user = o.step_id_user;
    }
    on_step.insert(on_step.end(), o.on_step.begin(), o.on_step.end());
    before_dismiss.insert(before_dismiss.end(), o.before_dismiss.begin(), o.before_dismiss.end());
  }
};

struct Exposure {
  std::int64_t time = 0;  // The user's first event of the guide.
  bool holdout = false;
};

struct GuideAcc {
  DistinctUsers seen, holdout, completed;
  std::uint64_t seen_events = 0, missing_events = 0;
  std::map<std::string, DistinctUsers> dismissed_by_reason;
  std::map<std::int64_t, StepAcc> steps;
  std::uint64_t exposed[2] = {0, 0}, converted[2] = {0, 0};  // [holdout]

  void merge(GuideAcc&& o) {
    seen.merge(o.seen);
    holdout.merge(o.holdout);
    completed.merge(o.completed);
    seen_events += o.seen_events;
    missing_events += o.missing_events;
    for (auto& [reason, users] : o.dismissed_by_reason) dismissed_by_reason[reason].merge(users);
    for (auto& [step, acc] : o.steps) steps[step].merge(std::move(acc));
    for (int h = 0; h < 2; ++h) {
      exposed[h] += o.exposed[h];
      converted[h] += o.converted[h];
    }
  }
};

using GuideAccs = std::map<std::uint32_t, GuideAcc>;  // By guide_id value id.

// What one user did on one step in range: bits of a mask.
enum StepOutcome : unsigned { kStepSeen = 1, kStepCompleted = 2, kStepClosedByUser = 4 };

bool is_gave_up_reason(const std::string& reason) {
  return std::any_of(std::begin(kGaveUpReasons), std::end(kGaveUpReasons),
                     [&](const char* r) { return reason == r; });
}

std::optional<std::int64_t> percentile_of(std::vector<std::int64_t>& v, int p) {
  if (v.empty()) return std::nullopt;
  return nearest_rank_percentile(v, p);
}

Proportion proportion(std::uint64_t x, std::uint64_t n) {
  Proportion p;
  p.users = n;
  p.converted = x;
  if (n > 0) {
    p.rate = static_cast<double>(x) / static_cast<double>(n);
    wilson_interval(x, n, &p.low, &p.high);
  }
  return p;
}

}  // namespace

void wilson_interval(std::uint64_t x, std::uint64_t n, double* low, double* high) {
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(x) / nn;
  const double z2 = kZ * kZ;
  const double denominator = 1 + z2 / nn;
  const double center = (p + z2 / (2 * nn)) / denominator;
  const double half = kZ / denominator * std::sqrt(p * (1 - p) / nn + z2 / (4 * nn * nn));
  *low = std::max(0.0, center - half);
  *high = std::min(1.0, center + half);
}

std::vector<std::string> guide_report_property_keys(const GuideQuery& query) {
  std::vector<std::string> keys(std::begin(kGuideKeys), std::end(kGuideKeys));
  if (query.goal) collect_property_keys(*query.goal, &keys);
  return keys;
}

std::optional<GuideReport> run_guide_report(const EventIndex& index, const GuideQuery& q, std::string* error,
                                            const ParallelOptions& options) {
  std::size_t column[5];
  for (std::size_t c = 0; c < 5; ++c) {
    std::optional<std::size_t> col = index.property_column(kGuideKeys[c]);
    if (!col) {
      *error = std::string("the index has no column for property \"") + kGuideKeys[c] + "\"";
      return std::nullopt;
    }
    column[c] = *col;
  }
  std::optional<CompiledCondition> goal;
  if (q.goal) {
    std::vector<std::string> missing;
    goal = CompiledCondition::compile(*q.goal, index, missing);
    if (!goal) {
      *error = "the index has no column for property \"" + missing.front() + "\"";
      return std::nullopt;
    }
  }
  enum Kind { seen, step_seen, step_completed, dismissed, target_missing, completed, other };
  std::vector<Kind> kind_of(index.event_name_count(), other);
  const std::pair<const char*, Kind> names[] = {
      {"cairn_guide_seen", seen},           {"cairn_step_seen", step_seen},
      {"cairn_step_completed", step_completed}, {"cairn_guide_dismissed", dismissed},
      {"cairn_target_missing", target_missing}, {"cairn_guide_completed", completed}};
  for (const auto& [name, kind] : names) {
    if (auto id = index.event_name_id(name)) kind_of[*id] = kind;
  }
  const ValueDictionary& guide_values = index.values(column[0]);
  std::optional<std::uint32_t> wanted_guide;
  if (q.guide_id) {
    wanted_guide = guide_values.find(PropertyValue(*q.guide_id));
    if (!wanted_guide) return GuideReport{{}, index.version()};
  }
  const std::optional<std::uint32_t> holdout_variant =
      index.values(column[3]).find(PropertyValue(std::string("holdout")));
  auto text_of = [&](std::size_t c, std::uint32_t id) -> std::string {
    if (id == ValueDictionary::kAbsent) return {};
    const PropertyValue& v = index.values(column[c]).value(id);
    if (const std::string* s = std::get_if<std::string>(&v)) return *s;
    const PropertyNumber& n = std::get<PropertyNumber>(v);
    return std::to_string(n.is_integer() ? n.integer() : static_cast<std::int64_t>(n.to_double()));
  };
  auto step_of = [&](std::uint32_t id) -> std::optional<std::int64_t> {
    if (id == ValueDictionary::kAbsent) return std::nullopt;
    const PropertyNumber* n = std::get_if<PropertyNumber>(&index.values(column[1]).value(id));
    if (!n) return std::nullopt;
    if (n->is_integer()) return n->integer();
    // Not a whole number in int64 range (ingest refuses such step indexes
    // for Cairn's own events): a fraction is cut, a huge value has no step.
    const double d = n->to_double();
    if (!std::isfinite(d) || std::fabs(d) >= 9.2e18) return std::nullopt;
    return static_cast<std::int64_t>(d);
  };

  // Folds user u's events into one worker's partial.
  auto visit_user = [&](GuideAccs& guides, std::vector<std::int64_t>& goal_times, std::uint32_t u) {
    const UserTimeline& t = index.timeline(u);
    auto begin = q.from_ms ? std::lower_bound(t.time_ms.begin(), t.time_ms.end(), *q.from_ms) : t.time_ms.begin();
    auto end = q.to_ms ? std::lower_bound(begin, t.time_ms.end(), *q.to_ms) : t.time_ms.end();
    std::map<std::uint32_t, std::vector<std::pair<std::int64_t, std::int64_t>>> open;  // guide -> (step, seen at)
    std::map<std::uint32_t, Exposure> exposure;  // guide -> this user's exposure.
    // (guide, step) -> what this user did on it in range (StepOutcome bits).
    std::map<std::pair<std::uint32_t, std::int64_t>, unsigned> outcomes;
    for (auto it = begin; it != end; ++it) {
      const auto i = static_cast<std::size_t>(it - t.time_ms.begin());
      const Kind kind = kind_of[t.name[i]];
      if (kind == other) continue;
      const std::uint32_t guide = t.property[column[0]][i];
      if (guide == ValueDictionary::kAbsent || (wanted_guide && guide != *wanted_guide)) continue;
      const std::int64_t time = t.time_ms[i];
      GuideAcc& g = guides[guide];
      const std::optional<std::int64_t> step = step_of(t.property[column[1]][i]);
      const bool holdout = holdout_variant && t.property[column[3]][i] == *holdout_variant;
      if (exposure.find(guide) == exposure.end()) exposure[guide] = Exposure{time, holdout};
      auto close_open = [&](bool dismissal) {
        for (const auto& [open_step, at] : open[guide]) {
          g.steps[open_step].on_step.push_back(time - at);
          if (dismissal && step && open_step == *step) g.steps[open_step].before_dismiss.push_back(time - at);
        }
        open[guide].clear();
      };
      switch (kind) {
        case seen:
          if (holdout) {
            g.holdout.add(u);
          } else {
            g.seen.add(u);
            ++g.seen_events;
          }
          break;
        case step_seen:
          if (step) {
            StepAcc& s = g.steps[*step];
            s.seen.add(u);
            if (std::string id = text_of(2, t.property[column[2]][i]); !id.empty()) {
              s.step_id = id;
              s.step_id_user = u;
            }
            open[guide].emplace_back(*step, time);
            outcomes[{guide, *step}] |= kStepSeen;
          }
          break;
        case step_completed:
          if (step) {
            g.steps[*step].completed.add(u);
            outcomes[{guide, *step}] |= kStepCompleted;
          }
          close_open(false);
          break;
        case dismissed: {
          std::string reason = text_of(4, t.property[column[4]][i]);
          g.dismissed_by_reason[reason.empty() ? "unknown" : reason].add(u);
          if (step) {
            g.steps[*step].dismissed.add(u);
            if (is_gave_up_reason(reason)) outcomes[{guide, *step}] |= kStepClosedByUser;
          }
          close_open(true);
          break;
        }
        case target_missing:
          ++g.missing_events;
          if (step) {
            ++g.steps[*step].missing_events;
            g.steps[*step].missing_users.add(u);
          }
          break;
        case completed:
          g.completed.add(u);
          close_open(false);
          break;
        case other:
          break;
      }
    }
    for (const auto& [at, outcome] : outcomes) {
      if (outcome == (kStepSeen | kStepClosedByUser)) guides[at.first].steps[at.second].gave_up.add(u);
    }
    if (!goal || exposure.empty()) return;
    goal_times.clear();
    for (std::size_t i = 0; i < t.size(); ++i) {
      if (goal->matches(t, i)) goal_times.push_back(t.time_ms[i]);
    }
    for (const auto& [guide, e] : exposure) {
      auto hit = std::lower_bound(goal_times.begin(), goal_times.end(), e.time);
      GuideAcc& g = guides[guide];
      ++g.exposed[e.holdout];
      if (hit != goal_times.end() && *hit - e.time <= q.goal_window_ms) ++g.converted[e.holdout];
    }
  };
  std::vector<GuideAccs> partials = evaluate_users<GuideAccs>(index.user_count(), options, [&](GuideAccs& guides) {
    return [&visit_user, &guides, goal_times = std::vector<std::int64_t>()](std::uint32_t u) mutable {
      visit_user(guides, goal_times, u);
    };
  });
  GuideAccs guides = std::move(partials[0]);
  for (std::size_t w = 1; w < partials.size(); ++w) {
    for (auto& [guide, acc] : partials[w]) guides[guide].merge(std::move(acc));
  }

  GuideReport report;
  report.data_version = index.version();
  for (auto& [guide, g] : guides) {
    GuideStats s;
    s.guide_id = text_of(0, guide);
    s.seen_users = g.seen.count();
    s.seen_events = g.seen_events;
    s.holdout_users = g.holdout.count();
    s.completed_users = g.completed.count();
    for (const auto& [reason, users] : g.dismissed_by_reason) s.dismissed_users_by_reason[reason] = users.count();
    s.target_missing_events = g.missing_events;
    for (auto& [index_of_step, a] : g.steps) {
      StepStats st;
      st.step_index = index_of_step;
      st.step_id = a.step_id;
      st.seen_users = a.seen.count();
      st.completed_users = a.completed.count();
      st.dismissed_users = a.dismissed.count();
      st.gave_up_users = a.gave_up.count();
      st.target_missing_events = a.missing_events;
      st.target_missing_users = a.missing_users.count();
      st.median_ms_on_step = percentile_of(a.on_step, 50);
      st.p90_ms_on_step = percentile_of(a.on_step, 90);
      st.median_ms_before_dismiss = percentile_of(a.before_dismiss, 50);
      s.completion_funnel.push_back(st.seen_users);
      s.steps.push_back(std::move(st));
    }
    s.completion_funnel.push_back(s.completed_users);
    if (goal) {
      const std::uint64_t* n = g.exposed;
      const std::uint64_t* x = g.converted;
      GuideImpact impact;
      impact.exposed = proportion(x[0], n[0]);
      impact.holdout = proportion(x[1], n[1]);
      impact.comparable = n[0] > 0 && n[1] > 0;
      if (impact.comparable) {
        const Proportion& a = impact.exposed;
        const Proportion& b = impact.holdout;
        impact.difference = a.rate - b.rate;
        impact.low = impact.difference - std::sqrt((a.rate - a.low) * (a.rate - a.low) + (b.high - b.rate) * (b.high - b.rate));
        impact.high = impact.difference + std::sqrt((a.high - a.rate) * (a.high - a.rate) + (b.rate - b.low) * (b.rate - b.low));
      }
      s.impact = impact;
    }
    report.guides.push_back(std::move(s));
  }
  std::sort(report.guides.begin(), report.guides.end(),
            [](const GuideStats& a, const GuideStats& b) { return a.guide_id < b.guide_id; });
  return report;
}

}  // namespace cairn::analytics
