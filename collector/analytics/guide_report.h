// Guide performance: what happened to each guide and step, from the SDK's own
// events (sdk/event/guide_events.h): cairn_guide_seen, cairn_step_seen,
// cairn_step_completed, cairn_guide_dismissed (reason), cairn_target_missing,
// cairn_guide_completed, with properties guide_id, step_index, step_id,
// variant, reason. Definitions (docs/analytics.md, "Guide performance"):
//
// - seen/completed/dismissed counts are distinct users (events where noted);
// - "seen" means shown: a cairn_guide_seen with variant "holdout" is the
//   exposure a held-out user records without seeing anything (the SDK sends
//   it so impact can compare like with like), so it counts in holdout_users,
//   never in seen_users/seen_events, and no rate is taken over it;
// - a step's time on step is, for each cairn_step_seen, the time until the
//   same user's next step_completed / guide_dismissed / guide_completed of
//   that guide (nearest-rank median and p90); a step seen and never left
//   has no time;
// - a user gave up on a step when, in range, they saw it, closed the guide on
//   it themselves (a cairn_guide_dismissed at that step with a reason in
//   kGaveUpReasons) and never completed it. Not completing is not giving up:
//   a checklist with items left, a hint never opened, a banner left on
//   screen, a launcher (never closed) or a tour left for later are not
//   finished yet, not abandoned; a guide ended by a missing target, another
//   guide or the app was not ended by the user;
// - the completion funnel is the users who saw step 0, 1, ..., then completed;
// - impact compares the goal conversion of exposed users (variant other than
//   "holdout") with the holdout (variant "holdout"): a user is exposed at
//   their first event of the guide and converts if they do the goal event
//   within goal_window_ms after it. The difference of proportions gets a 95%
//   Newcomb hybrid-score interval built from two Wilson intervals.
//
// Users are evaluated in parallel (parallel_users.h); the answer does not
// depend on the number of threads.
//
// Threading: run_guide_report() is pure; same contract as run_funnel().
#pragma once

#include "analytics/event_condition.h"
#include "analytics/event_index.h"
#include "analytics/parallel_users.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace cairn::analytics {

// The cairn_guide_dismissed reasons that are the user's own choice
// (docs/events.md): the close button or a dismiss button, Escape, a click
// outside, Skip. Left out: target_missing, superseded (another guide took
// over), api (the app closed it).
inline constexpr const char* kGaveUpReasons[] = {"close_button", "escape_key", "outside_click", "skip_button"};

struct GuideQuery {
  std::optional<std::string> guide_id;  // nullopt = every guide.
  std::optional<std::int64_t> from_ms;
  std::optional<std::int64_t> to_ms;
  std::optional<EventCondition> goal;  // Enables the impact section.
  std::int64_t goal_window_ms = 7LL * 24 * 3600 * 1000;

  bool operator==(const GuideQuery&) const = default;
};

struct Proportion {
  std::uint64_t users = 0;
  std::uint64_t converted = 0;
  double rate = 0;
  double low = 0, high = 0;  // 95% Wilson interval.
};

struct GuideImpact {
  Proportion exposed;
  Proportion holdout;
  double difference = 0;  // exposed.rate - holdout.rate.
  double low = 0, high = 0;  // 95% Newcomb interval of the difference.
  bool comparable = false;   // Both groups have users.
};

struct StepStats {
  std::int64_t step_index = 0;
  std::string step_id;  // Last seen for this index; "" if never given.
  std::uint64_t seen_users = 0;
  std::uint64_t completed_users = 0;
  std::uint64_t dismissed_users = 0;
  std::uint64_t gave_up_users = 0;  // See the definition above; <= seen_users.
  std::uint64_t target_missing_events = 0;
  std::uint64_t target_missing_users = 0;
  std::optional<std::int64_t> median_ms_on_step;
  std::optional<std::int64_t> p90_ms_on_step;
  // From the step's cairn_step_seen to a cairn_guide_dismissed at this step:
  // how long users tried before giving up.
  std::optional<std::int64_t> median_ms_before_dismiss;
};

struct GuideStats {
  std::string guide_id;
  std::uint64_t seen_users = 0;     // Shown the guide: holdout exposures excluded.
  std::uint64_t seen_events = 0;    // Same, events.
  std::uint64_t holdout_users = 0;  // Recorded a holdout exposure (shown nothing).
  std::uint64_t completed_users = 0;
  std::map<std::string, std::uint64_t> dismissed_users_by_reason;
  std::uint64_t target_missing_events = 0;
  std::vector<StepStats> steps;                 // By step_index ascending.
  std::vector<std::uint64_t> completion_funnel; // Users who saw step 0, 1, ..., then completed the guide.
  std::optional<GuideImpact> impact;
};

struct GuideReport {
  std::vector<GuideStats> guides;  // By guide_id.
  std::uint64_t data_version = 0;
};

// The property columns a guide report needs.
std::vector<std::string> guide_report_property_keys(const GuideQuery& query);

// nullopt with `*error` when the index lacks a needed column.
std::optional<GuideReport> run_guide_report(const EventIndex& index, const GuideQuery& query, std::string* error,
                                            const ParallelOptions& options = {});

// 95% Wilson score interval of x successes in n trials (n > 0).
void wilson_interval(std::uint64_t x, std::uint64_t n, double* low, double* high);

}  // namespace cairn::analytics
