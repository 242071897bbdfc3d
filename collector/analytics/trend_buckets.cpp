#include "analytics/trend_buckets.h"

#include <algorithm>

namespace cairn::analytics {

namespace {

constexpr std::int64_t kHourMs = 3600000;
constexpr std::int64_t kDayMs = 86400000;

// The first start of a local hour at `offset_minutes` at or after t.
std::int64_t next_local_hour(std::int64_t t, std::int32_t offset_minutes) {
  const std::int64_t offset = std::int64_t{offset_minutes} * 60000;
  const std::int64_t local = t + offset;
  std::int64_t floor = local / kHourMs * kHourMs;
  if (floor > local) floor -= kHourMs;  // Negative times round down too.
  return (floor == local ? floor : floor + kHourMs) - offset;
}

// Whole steps of `step` from `start` that begin before `end` (at least 1).
std::size_t steps_before(std::int64_t start, std::int64_t end, std::int64_t step) {
  return static_cast<std::size_t>(std::max<std::int64_t>(1, (end - start + step - 1) / step));
}

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
    // The range cut at each offset change; in each stretch the buckets
    // start at its offset's local hours. A stretch that does not begin on
    // one of them (Lord Howe at 02:00 → 02:30) begins with a short bucket
    // up to its first local hour ("02:30" lasts half an hour), and the
    // bucket under way at a change ends there.
    std::int64_t start = first_trend_bucket_start(q);
    const std::vector<TrendQuery::OffsetChange>& changes = q.utc_offset_changes;
    for (std::size_t i = 0; i <= changes.size(); ++i) {
      const std::int64_t end = i < changes.size() ? changes[i].at_ms : q.to_ms;
      if (i > 0) {
        const std::int64_t hour = next_local_hour(start, changes[i - 1].utc_offset_minutes);
        if (hour != start) {
          runs_.push_back(TrendRun{start, count_, 1});
          ++count_;
          if (hour >= end) {
            start = end;
            continue;
          }
          start = hour;
        }
      }
      runs_.push_back(TrendRun{start, count_, steps_before(start, end, step_ms_)});
      count_ += runs_.back().buckets;
      start = end;
    }
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
