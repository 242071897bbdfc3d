// TrendBuckets: where each bucket of a trend query starts, and which bucket
// holds an instant. The buckets are kept as runs of equal steps: with a fixed
// `utc_offset_minutes`, one run of hours or days; with `day_starts_ms`, one
// run per stretch of 24-hour days, so a day that a daylight-saving change
// makes 23 or 25 hours long ends a run and the next run starts at the next
// local midnight. Over a year of Europe/Berlin days that is three runs.
//
// The in-memory engine looks instants up here and the ClickHouse store turns
// the same runs into its GROUP BY key, so both put an event in the same day.
//
// Threading: a value; const methods may be called from any thread.
#pragma once

#include "analytics/trend_report.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace cairn::analytics {

// Buckets first_bucket … first_bucket + buckets − 1: bucket k starts at
// start_ms + (k − first_bucket) × step_ms. Every one but the run's last is
// step_ms long; the last ends where the next run starts (or at to_ms).
struct TrendRun {
  std::int64_t start_ms = 0;
  std::size_t first_bucket = 0;
  std::size_t buckets = 0;  // At least 1.
};

// The start of the bucket holding from_ms at the query's fixed offset (for a
// query without day_starts_ms).
std::int64_t first_trend_bucket_start(const TrendQuery& query);

class TrendBuckets {
 public:
  // REQUIRES: validate_trend_query(query) is empty.
  explicit TrendBuckets(const TrendQuery& query);

  std::size_t count() const { return count_; }
  std::int64_t step_ms() const { return step_ms_; }
  // In time order, the first starting at or before from_ms.
  const std::vector<TrendRun>& runs() const { return runs_; }
  std::vector<std::int64_t> starts() const;
  // The bucket holding `t`. REQUIRES: from_ms <= t < to_ms.
  std::size_t bucket_of(std::int64_t t) const;

 private:
  std::int64_t step_ms_ = 0;
  std::size_t count_ = 0;
  std::vector<TrendRun> runs_;
};

}  // namespace cairn::analytics
