#include "analytics/trend_report.h"

#include "analytics/trend_buckets.h"

#include <algorithm>

namespace cairn::analytics {

namespace {

std::string ms_text(std::int64_t ms) { return std::to_string(ms) + " ms"; }

// The day starts' own rules: ascending, the first the start of the day
// holding from_ms, the last before to_ms, each day 12 to 36 hours long.
void validate_day_starts(const TrendQuery& q, json::Problems& problems) {
  const std::vector<std::int64_t>& starts = q.day_starts_ms;
  if (q.interval != TrendInterval::day) problems.add("/day_starts_ms", "only with interval \"day\"");
  if (q.utc_offset_minutes) {
    problems.add("/utc_offset_minutes", "not with day_starts_ms (the day starts already follow the time zone)");
  }
  if (starts.size() > kMaxTrendDays) {
    problems.add("/day_starts_ms", "has " + std::to_string(starts.size()) + " day starts; the limit is " +
                                       std::to_string(kMaxTrendDays));
    return;
  }
  const auto at = [](std::size_t i) { return json::pointer_append("/day_starts_ms", i); };
  if (starts.front() > q.from_ms) problems.add(at(0), "must be at or before from_ms (the start of the day holding it)");
  if (starts.size() > 1 && starts[1] <= q.from_ms) {
    problems.add(at(1), "must be after from_ms (the first day start is that of the day holding from_ms)");
  }
  for (std::size_t i = 1; i < starts.size(); ++i) {
    if (starts[i] <= starts[i - 1]) {
      problems.add(at(i), "must be after /day_starts_ms/" + std::to_string(i - 1) + " (ascending)");
    } else if (const std::int64_t day = starts[i] - starts[i - 1]; day < kMinTrendDayMs || day > kMaxTrendDayMs) {
      problems.add(at(i), "is " + ms_text(day) + " after /day_starts_ms/" + std::to_string(i - 1) +
                              "; a day lasts 12 to 36 hours (" + ms_text(kMinTrendDayMs) + " to " +
                              ms_text(kMaxTrendDayMs) + ")");
    }
  }
  if (starts.back() >= q.to_ms) {
    problems.add(at(starts.size() - 1), "must be before to_ms");
  } else if (q.to_ms - starts.back() > kMaxTrendDayMs) {
    // The last day ends at to_ms: only its length above is bounded, as a
    // range may end in the middle of a day.
    problems.add("/to_ms", "the last day (from /day_starts_ms/" + std::to_string(starts.size() - 1) + ") lasts " +
                               ms_text(q.to_ms - starts.back()) + "; a day lasts at most 36 hours (" +
                               ms_text(kMaxTrendDayMs) + ")");
  }
}

// The offset changes' own rules: hours only, ascending inside the range,
// each a real change of offset within ±14 hours.
void validate_offset_changes(const TrendQuery& q, json::Problems& problems) {
  const std::vector<TrendQuery::OffsetChange>& changes = q.utc_offset_changes;
  if (q.interval != TrendInterval::hour) problems.add("/utc_offset_changes", "only with interval \"hour\"");
  if (changes.size() > kMaxTrendOffsetChanges) {
    problems.add("/utc_offset_changes", "has " + std::to_string(changes.size()) + " changes; the limit is " +
                                            std::to_string(kMaxTrendOffsetChanges));
    return;
  }
  std::int32_t offset = q.utc_offset_minutes.value_or(0);
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const std::string at = json::pointer_append("/utc_offset_changes", i);
    if (changes[i].at_ms <= (i == 0 ? q.from_ms : changes[i - 1].at_ms)) {
      problems.add(at + "/at_ms", i == 0 ? "must be after from_ms" : "must be after the previous change's at_ms");
    } else if (changes[i].at_ms >= q.to_ms) {
      problems.add(at + "/at_ms", "must be before to_ms");
    }
    if (changes[i].utc_offset_minutes < -840 || changes[i].utc_offset_minutes > 840) {
      problems.add(at + "/utc_offset_minutes", "must be between -840 and 840");
    } else if (changes[i].utc_offset_minutes == offset) {
      problems.add(at + "/utc_offset_minutes", "is the offset already in force (not a change)");
    }
    offset = changes[i].utc_offset_minutes;
  }
}

}  // namespace

json::Problems validate_trend_query(const TrendQuery& q) {
  json::Problems problems;
  if (q.series.empty() || q.series.size() > kMaxTrendSeries) problems.add("/series", "must have between 1 and 10 series");
  for (std::size_t i = 0; i < q.series.size(); ++i) {
    if (q.series[i].event.empty()) problems.add("/series/" + std::to_string(i) + "/event", "required");
  }
  if (q.utc_offset_minutes && (*q.utc_offset_minutes < -840 || *q.utc_offset_minutes > 840)) {
    problems.add("/utc_offset_minutes", "must be between -840 and 840");
  }
  if (q.to_ms <= q.from_ms) {
    problems.add("/to_ms", "must be after from_ms");
  } else if (!q.day_starts_ms.empty()) {
    validate_day_starts(q, problems);
    if (!q.utc_offset_changes.empty()) problems.add("/utc_offset_changes", "only with interval \"hour\"");
  } else {
    const std::size_t earlier = problems.total();
    if (!q.utc_offset_changes.empty()) validate_offset_changes(q, problems);
    const std::int64_t size = q.interval == TrendInterval::hour ? 3600000 : 86400000;
    std::int64_t buckets = (q.to_ms - first_trend_bucket_start(q) + size - 1) / size;
    // Valid changes: count them as laid out (a change may add a short bucket).
    if (!q.utc_offset_changes.empty() && problems.total() == earlier && buckets <= 2 * std::int64_t{kMaxTrendBuckets}) {
      buckets = static_cast<std::int64_t>(TrendBuckets(q).count());
    }
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
  const TrendBuckets layout(q);
  const std::size_t buckets = layout.count();
  const std::vector<std::int64_t> starts = layout.starts();
  TrendReport report;
  report.data_version = index.version();
  report.series.resize(q.series.size());
  for (TrendSeries& s : report.series) {
    s.buckets.resize(buckets);
    for (std::size_t b = 0; b < buckets; ++b) s.buckets[b].start_ms = starts[b];
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
        const auto b = static_cast<std::int64_t>(layout.bucket_of(*it));
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
