// Trends: events and distinct users per hour or day for one or more event
// conditions (name + property filters), over [from_ms, to_ms). Buckets are
// aligned to the hour/day at the fixed offset `utc_offset_minutes` (none = UTC),
// or, for days, start at the caller's own `day_starts_ms`: the UTC instants of
// the local midnights of a time zone, which a fixed offset cannot follow over
// a daylight-saving change (trend_buckets.h). Hours follow the zone's offset
// changes in the range (`utc_offset_changes`): after a half-hour change
// (Australia/Lord_Howe) one fixed offset would start every later hour at
// half past. Buckets start at the one
// containing from_ms, and every bucket is present (zeros included). A user
// counts once per bucket and once in the series total.
//
// Users are evaluated in parallel (parallel_users.h); the answer does not
// depend on the number of threads.
//
// Threading: run_trend_report() is pure; same contract as run_funnel().
#pragma once

#include "analytics/event_condition.h"
#include "analytics/event_index.h"
#include "analytics/parallel_users.h"
#include "json/problems.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace cairn::analytics {

inline constexpr std::size_t kMaxTrendSeries = 10;
inline constexpr std::size_t kMaxTrendBuckets = 10000;
// day_starts_ms: at most ten years of days (the dashboard's longest `days`
// range), which keeps the list inside the analytics API's 64 KiB body; each
// day, the last one included (it ends at to_ms), lasts 12 to 36 hours: a
// local day is 23 to 25 hours around a daylight-saving change (22 to 26 in
// Antarctica/Troll), so anything else is not a list of days.
inline constexpr std::size_t kMaxTrendDays = 3660;
inline constexpr std::int64_t kMinTrendDayMs = 12 * 3600000LL;
inline constexpr std::int64_t kMaxTrendDayMs = 36 * 3600000LL;
// utc_offset_changes: a zone changes its offset at most a few times a year,
// and kMaxTrendBuckets hours are 14 months.
inline constexpr std::size_t kMaxTrendOffsetChanges = 32;

enum class TrendInterval { hour, day };

struct TrendQuery {
  std::vector<EventCondition> series;
  TrendInterval interval = TrendInterval::day;
  std::int64_t from_ms = 0;
  std::int64_t to_ms = 0;
  std::optional<std::int32_t> utc_offset_minutes;  // None: UTC. Not with day_starts_ms.
  // The start of each day bucket, ascending; empty: days at utc_offset_minutes.
  std::vector<std::int64_t> day_starts_ms;
  // Hours only: from at_ms on, hours start at the local hours of offset
  // utc_offset_minutes (ascending, inside (from_ms, to_ms)); before the
  // first, at the query's utc_offset_minutes. Empty: one offset throughout.
  struct OffsetChange {
    std::int64_t at_ms = 0;
    std::int32_t utc_offset_minutes = 0;
    bool operator==(const OffsetChange&) const = default;
  };
  std::vector<OffsetChange> utc_offset_changes;

  bool operator==(const TrendQuery&) const = default;
};

struct TrendBucket {
  std::int64_t start_ms = 0;
  std::uint64_t events = 0;
  std::uint64_t users = 0;

  bool operator==(const TrendBucket&) const = default;
};

struct TrendSeries {
  std::vector<TrendBucket> buckets;
  std::uint64_t events = 0;
  std::uint64_t users = 0;
};

struct TrendReport {
  std::vector<TrendSeries> series;  // In query order.
  std::uint64_t data_version = 0;
};

// Problems with JSON pointers (series count, range, bucket count, offset,
// day starts).
json::Problems validate_trend_query(const TrendQuery& query);
std::vector<std::string> trend_property_keys(const TrendQuery& query);

// REQUIRES: validate_trend_query(query) is empty.
std::optional<TrendReport> run_trend_report(const EventIndex& index, const TrendQuery& query, std::string* error,
                                            const ParallelOptions& options = {});

}  // namespace cairn::analytics
