// GeneratedEventSource: a deterministic stream of realistic product events for
// tests and benchmarks: users with sessions (seconds between events, hours
// between sessions), an onboarding funnel they progress through, give up on or
// retry, page views and clicks between, and a plan property. The same seed and
// sizes always give the same rows in the same order, so two stores loaded
// from it hold identical data. Nothing is kept in memory: scan() regenerates.
//
// Threading: scan() may run on one thread at a time.
#pragma once

#include "analytics/event_row.h"

#include <cstdint>
#include <string>
#include <vector>

namespace cairn::analytics {

struct GeneratorOptions {
  std::uint64_t seed = 1;
  std::uint64_t users = 1000;
  std::uint64_t events = 100000;            // Total, spread evenly over users.
  std::int64_t start_ms = 1767225600000;    // 2026-01-01T00:00:00Z.
  std::int64_t span_ms = 14LL * 24 * 3600 * 1000;  // First events spread over this.
  // Probability that an event has the same timestamp as the previous one of
  // its user (0 = every user's timestamps are distinct).
  double equal_time_chance = 0;
  // Rows are emitted in batches of this many users, interleaved by time
  // within the batch, like a collector receiving many users at once.
  std::uint64_t interleave_users = 64;
  // Also emit guide events (cairn_guide_seen, cairn_step_seen/completed,
  // cairn_guide_dismissed, cairn_target_missing with guide_id, step_index,
  // variant, reason) and rage/dead clicks (url, selector) between the
  // product events, for the guide and stuck reports. Off: the rows are
  // exactly those of earlier releases (benchmarks stay comparable).
  bool guide_and_frustration_events = false;
};

// The funnel the generated users walk through, in order.
const std::vector<std::string>& generated_funnel_names();

class GeneratedEventSource final : public EventSource {
 public:
  explicit GeneratedEventSource(GeneratorOptions options) : options_(options) {}

  bool scan(const std::vector<std::string>& property_keys,
            const std::function<void(const EventRow&)>& sink, std::string* error) override;

 private:
  GeneratorOptions options_;
};

}  // namespace cairn::analytics
