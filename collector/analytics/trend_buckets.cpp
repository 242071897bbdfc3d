#include "analytics/trend_buckets.h"

#include <algorithm>

namespace cairn::analytics {

namespace {

constexpr std::int64_t kHourMs = 3600000;
constexpr std::int64_t kDayMs = 86400000;

}  // namespace

std::int64_t first_trend_bucket_start(const TrendQuery& q) {
  const std::int64_t size = q.interval == TrendInterval::hour ? kHourMs : kDayMs;
  const std::int64_t offset = std::int64_t{q.utc_offset_minutes.value_or(0)} * 60000;
  const std::int64_t local = q.from_ms + offset;
  std::int64_t floor = local / size * size;
  if (floor > local) floor -= size;  // Negative times round down too.
  return floor - offset;
}

TrendBuckets::TrendBuckets(const TrendQuery& q) {
  if (q.day_starts_ms.empty()) {
    step_ms_ = q.interval == TrendInterval::hour ? kHourMs : kDayMs;
    const std::int64_t first = first_trend_bucket_start(q);
    count_ = static_cast<std::size_t>((q.to_ms - first + step_ms_ - 1) / step_ms_);
    runs_.push_back(TrendRun{first, 0, count_});
    return;
  }
  step_ms_ = kDayMs;
  const std::vector<std::int64_t>& starts = q.day_starts_ms;
  count_ = starts.size();
  runs_.push_back(TrendRun{starts[0], 0, 0});
  for (std::size_t i = 0; i < starts.size(); ++i) {
    ++runs_.back().buckets;
    // A day of other than 24 hours (a daylight-saving change) ends its run.
    if (i + 1 < starts.size() && starts[i + 1] - starts[i] != kDayMs) runs_.push_back(TrendRun{starts[i + 1], i + 1, 0});
  }
}

std::vector<std::int64_t> TrendBuckets::starts() const {
  std::vector<std::int64_t> out;
  out.reserve(count_);
  for (const TrendRun& r : runs_) {
    for (std::size_t k = 0; k < r.buckets; ++k) out.push_back(r.start_ms + static_cast<std::int64_t>(k) * step_ms_);
  }
  return out;
}

std::size_t TrendBuckets::bucket_of(std::int64_t t) const {
  // The last run starting at or before t (a year of days has about three).
  auto after = std::upper_bound(runs_.begin(), runs_.end(), t,
                                [](std::int64_t time, const TrendRun& r) { return time < r.start_ms; });
  const TrendRun& run = after == runs_.begin() ? runs_.front() : *(after - 1);
  const auto steps = static_cast<std::size_t>((t - run.start_ms) / step_ms_);
  return run.first_bucket + std::min(steps, run.buckets - 1);
}

}  // namespace cairn::analytics
