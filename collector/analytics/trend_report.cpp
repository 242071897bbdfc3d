#include "analytics/trend_report.h"

#include <algorithm>

namespace cairn::analytics {

namespace {

std::int64_t interval_ms(TrendInterval i) { return i == TrendInterval::hour ? 3600000 : 86400000; }

// Start of the bucket holding `t`, in the query's time zone.
std::int64_t bucket_start(std::int64_t t, const TrendQuery& q) {
  const std::int64_t size = interval_ms(q.interval);
  const std::int64_t offset = std::int64_t{q.utc_offset_minutes} * 60000;
  const std::int64_t local = t + offset;
  std::int64_t floor = local / size * size;
  if (floor > local) floor -= size;  // Negative times round down too.
  return floor - offset;
}

}  // namespace

json::Problems validate_trend_query(const TrendQuery& q) {
  json::Problems problems;
  if (q.series.empty() || q.series.size() > kMaxTrendSeries) problems.add("/series", "must have between 1 and 10 series");
  for (std::size_t i = 0; i < q.series.size(); ++i) {
    if (q.series[i].event.empty()) problems.add("/series/" + std::to_string(i) + "/event", "required");
  }
  if (q.utc_offset_minutes < -840 || q.utc_offset_minutes > 840) {
    problems.add("/utc_offset_minutes", "must be between -840 and 840");
  }
  if (q.to_ms <= q.from_ms) {
    problems.add("/to_ms", "must be after from_ms");
  } else {
    const std::int64_t first = bucket_start(q.from_ms, q);
    const std::int64_t buckets = (q.to_ms - first + interval_ms(q.interval) - 1) / interval_ms(q.interval);
    if (buckets > static_cast<std::int64_t>(kMaxTrendBuckets)) {
      problems.add("/to_ms", "the range holds " + std::to_string(buckets) + " buckets; the limit is 10000");
    }
  }
  return problems;
}

std::vector<std::string> trend_property_keys(const TrendQuery& query) {
  std::vector<std::string> keys;
  for (const EventCondition& c : query.series) collect_property_keys(c, &keys);
  return keys;
}

std::optional<TrendReport> run_trend_report(const EventIndex& index, const TrendQuery& q, std::string* error,
                                            const ParallelOptions& options) {
  std::vector<CompiledCondition> conditions;
  std::vector<std::string> missing;
  for (const EventCondition& c : q.series) {
    if (auto compiled = CompiledCondition::compile(c, index, missing)) conditions.push_back(std::move(*compiled));
  }
  if (!missing.empty()) {
    *error = "the index has no column for property \"" + missing.front() + "\"";
    return std::nullopt;
  }
  const std::int64_t size = interval_ms(q.interval);
  const std::int64_t first = bucket_start(q.from_ms, q);
  const auto buckets = static_cast<std::size_t>((q.to_ms - first + size - 1) / size);
  TrendReport report;
  report.data_version = index.version();
  report.series.resize(q.series.size());
  for (TrendSeries& s : report.series) {
    s.buckets.resize(buckets);
    for (std::size_t b = 0; b < buckets; ++b) s.buckets[b].start_ms = first + static_cast<std::int64_t>(b) * size;
  }
  // One worker's partial: the series' counts over its users, which add up
  // across workers because each user is in one worker only.
  struct Partial {
    std::vector<TrendSeries> series;
    std::vector<std::int64_t> last_bucket;  // Per series: the current user's last bucket, -1 = none.
  };
  auto visit_user = [&](Partial& p, std::uint32_t u) {
    const UserTimeline& t = index.timeline(u);
    auto begin = std::lower_bound(t.time_ms.begin(), t.time_ms.end(), q.from_ms);
    auto end = std::lower_bound(begin, t.time_ms.end(), q.to_ms);
    std::fill(p.last_bucket.begin(), p.last_bucket.end(), -1);
    for (auto it = begin; it != end; ++it) {
      const auto i = static_cast<std::size_t>(it - t.time_ms.begin());
      for (std::size_t s = 0; s < conditions.size(); ++s) {
        if (!conditions[s].matches(t, i)) continue;
        const auto b = static_cast<std::int64_t>((*it - first) / size);
        TrendSeries& series = p.series[s];
        ++series.buckets[static_cast<std::size_t>(b)].events;
        ++series.events;
        if (p.last_bucket[s] == -1) ++series.users;
        if (p.last_bucket[s] != b) {
          ++series.buckets[static_cast<std::size_t>(b)].users;
          p.last_bucket[s] = b;
        }
      }
    }
  };
  std::vector<Partial> partials = evaluate_users<Partial>(index.user_count(), options, [&](Partial& p) {
    p.series = report.series;
    p.last_bucket.resize(q.series.size());
    return [&visit_user, &p](std::uint32_t u) { visit_user(p, u); };
  });
  for (std::size_t s = 0; s < report.series.size(); ++s) {
    TrendSeries& total = report.series[s];
    for (const Partial& p : partials) {
      total.events += p.series[s].events;
      total.users += p.series[s].users;
      for (std::size_t b = 0; b < buckets; ++b) {
        total.buckets[b].events += p.series[s].buckets[b].events;
        total.buckets[b].users += p.series[s].buckets[b].users;
      }
    }
  }
  return report;
}

}  // namespace cairn::analytics
