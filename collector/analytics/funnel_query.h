// FunnelQuery and FunnelResult: what a funnel asks and what it answers.
// The exact semantics (paths, windows, order modes, exclusions, breakdowns,
// totals, time to convert) are written down in docs/analytics.md; FunnelEngine
// and the reference implementation (funnel_reference.h) both follow them.
//
// Threading: values.
#pragma once

#include "analytics/event_condition.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cairn::analytics {

// Named limits of a funnel query (also enforced by the JSON codec).
inline constexpr std::size_t kMinFunnelSteps = 2;
inline constexpr std::size_t kMaxFunnelSteps = 20;
inline constexpr std::size_t kMaxFunnelExclusions = 20;
inline constexpr std::size_t kMaxFiltersPerCondition = 20;
inline constexpr std::size_t kMaxBreakdownValues = 100;
inline constexpr std::size_t kMaxDroppedUsersPage = 1000;
inline constexpr std::int64_t kMaxFunnelWindowMs = 366LL * 24 * 3600 * 1000;

enum class FunnelOrder {
  ordered,  // Steps in order; other events may happen between them.
  strict,   // Steps in order; no other event matching a step between two steps.
  any,      // Steps 1..k done in any order within the window.
};

enum class FunnelCount {
  unique_users,  // A user counts once per step (their best path).
  totals,        // Every step-1 event starts an attempt; attempts are counted.
};

// A user who did `condition` strictly between the path's step `after_step` and
// step `after_step + 1` (1-based) is dropped at step `after_step`.
struct FunnelExclusion {
  EventCondition condition;
  std::size_t after_step = 1;

  bool operator==(const FunnelExclusion&) const = default;
};

struct FunnelBreakdown {
  std::string property;     // Taken from the path's step-1 event.
  std::size_t limit = 10;   // Top values by step-1 count; the rest is "other".

  bool operator==(const FunnelBreakdown&) const = default;
};

struct FunnelQuery {
  std::vector<EventCondition> steps;
  std::int64_t window_ms = 24LL * 3600 * 1000;  // t(last step) - t(first step) <= window.
  FunnelOrder order = FunnelOrder::ordered;
  FunnelCount count = FunnelCount::unique_users;
  std::vector<FunnelExclusion> exclusions;
  std::optional<std::int64_t> from_ms;  // Events with time >= from_ms (inclusive) ...
  std::optional<std::int64_t> to_ms;    // ... and time < to_ms (exclusive) are used.
  std::optional<FunnelBreakdown> breakdown;
  // The paged list of users who reached `dropped_at_step` (1-based) but not the
  // next step. Unique-users mode only.
  std::optional<std::size_t> dropped_at_step;
  std::size_t dropped_offset = 0;
  std::size_t dropped_limit = 100;

  bool operator==(const FunnelQuery&) const = default;
};

struct FunnelStepResult {
  std::uint64_t entered = 0;    // Users (or attempts) that reached this step.
  std::uint64_t converted = 0;  // ... and also reached the next step (last step: = entered).
  std::uint64_t dropped = 0;    // entered - converted.
  double conversion_from_previous = 0;  // entered / previous step's entered (step 1: 1, or 0 if empty).
  double conversion_from_first = 0;     // entered / step 1's entered.
  // Time from the previous step to this one on the path, over those that
  // reached this step; nearest-rank percentiles. Step 1: none.
  std::optional<std::int64_t> median_ms_to_convert;
  std::optional<std::int64_t> p90_ms_to_convert;

  bool operator==(const FunnelStepResult&) const = default;
};

struct FunnelSeries {
  // Breakdown value of this series; nullopt with is_other false = the value was
  // absent; is_other = every value beyond the top `limit`.
  std::optional<PropertyValue> breakdown_value;
  bool is_other = false;
  std::vector<FunnelStepResult> steps;

  bool operator==(const FunnelSeries&) const = default;
};

struct FunnelResult {
  std::vector<FunnelStepResult> steps;  // Everyone.
  std::vector<FunnelSeries> breakdown;  // Empty without a breakdown.
  // Users who dropped at query.dropped_at_step, ordered by user id.
  std::vector<std::string> dropped_users;
  std::uint64_t dropped_users_total = 0;
  std::uint64_t data_version = 0;  // EventIndex::version() the result was computed at.

  bool operator==(const FunnelResult&) const = default;
};

}  // namespace cairn::analytics
