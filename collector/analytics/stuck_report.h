// Stuck points: where users struggle, ranked.
//
// - pages (property `url`) and elements (property `selector`) ranked by
//   cairn_rage_click + cairn_dead_click events, each with events and distinct
//   users per kind; events without the property are not ranked; each element
//   also says on which page path most of its clicks were (url_path()) and
//   what the element is (its most frequent `target` summary, element_summary.h);
// - guide steps ranked by the share of their viewers who gave up on them
//   (gave_up_users / seen_users; "gave up" as guide_report.h defines it:
//   closed the guide on the step themselves and never completed the step,
//   so a checklist left half-ticked or a hint never opened is not given up)
//   and by target missing (users with cairn_target_missing / users who saw
//   the step), with the median time users spent on the step before
//   dismissing it (from guide_report.h). Each ranking is by the rate's 95% Wilson lower
//   bound, then the rate, then more users who saw the step: a rate from a few
//   users vouches for little, so a step 1 user saw and left does not outrank
//   one hundreds saw and many left.
//
// Users are evaluated in parallel (parallel_users.h); the answer does not
// depend on the number of threads.
//
// Threading: run_stuck_report() is pure; same contract as run_funnel().
#pragma once

#include "analytics/event_index.h"
#include "analytics/parallel_users.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace cairn::analytics {

inline constexpr std::size_t kMaxStuckRows = 200;

struct StuckQuery {
  std::optional<std::int64_t> from_ms;
  std::optional<std::int64_t> to_ms;
  std::size_t limit = 20;  // Rows per ranking.

  bool operator==(const StuckQuery&) const = default;
};

// The page path where most of an element's rage and dead clicks were.
struct TopPath {
  std::string path;     // url_path() of the clicks' `url`.
  std::string url;      // The most frequent `url` with that path (to open it).
  std::uint64_t clicks = 0;  // Rage + dead click events on the path.
  double share = 0;     // clicks / the element's clicks that carry a `url`.

  bool operator==(const TopPath&) const = default;
};

struct ClickHotspot {
  std::string key;  // The url or the selector.
  std::uint64_t rage_clicks = 0, rage_users = 0;
  std::uint64_t dead_clicks = 0, dead_users = 0;
  // Elements only (pages leave them empty). Ties go to the smaller text.
  std::optional<TopPath> top_path;  // None when no click carried a `url`.
  std::string element;  // The most frequent target summary (JSON text); "" when none carried one.
};

struct StuckStep {
  std::string guide_id;
  std::int64_t step_index = 0;
  std::uint64_t seen_users = 0;
  std::uint64_t completed_users = 0;
  std::uint64_t gave_up_users = 0;  // Closed the guide on the step themselves, never completed it.
  double drop_off_rate = 0;  // gave_up_users / seen_users (the API's historic name).
  double drop_off_low = 0;  // 95% Wilson lower bound of drop_off_rate: the ranking key.
  std::uint64_t target_missing_users = 0;
  double target_missing_rate = 0;
  double target_missing_low = 0;  // Same for target_missing_rate.
  std::optional<std::int64_t> median_ms_before_dismiss;
};

struct StuckReport {
  std::vector<ClickHotspot> pages;     // By rage + dead clicks, then key.
  std::vector<ClickHotspot> elements;  // Same, by selector.
  std::vector<StuckStep> steps_by_drop_off;
  std::vector<StuckStep> steps_by_target_missing;
  std::uint64_t data_version = 0;
};

std::vector<std::string> stuck_report_property_keys();

// The path of a recorded page URL: without scheme, host, query and fragment
// ("https://a.example/p/new?x=1#top" → "/p/new"); "/" when empty; a value
// that is not an absolute URL keeps everything before its query/fragment.
std::string url_path(std::string_view url);

std::optional<StuckReport> run_stuck_report(const EventIndex& index, const StuckQuery& query, std::string* error,
                                            const ParallelOptions& options = {});

}  // namespace cairn::analytics
