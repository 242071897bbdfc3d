// Trend days over daylight-saving changes: the caller's day starts (the
// local midnights of a time zone) place each event in its local day, where
// one fixed offset cuts every day after the change an hour off (the
// dashboard's bug: a 00:30 event on the Monday after Berlin's change counted
// on Sunday). Also the day starts' validation, each problem with its pointer.
#include "analytics/report_json.h"
#include "analytics/trend_buckets.h"
#include "analytics/trend_report.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>

#include <chrono>

namespace cairn::analytics {
namespace {

constexpr std::int64_t kHour = 3600000;
constexpr std::int64_t kMinute = 60000;

// Local wall time y-m-d hh:mm at UTC offset `offset_hours`, as UTC ms.
std::int64_t local_ms(int y, unsigned m, unsigned d, int hh, int mm, int offset_hours) {
  const std::chrono::sys_days date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  const auto days = static_cast<std::int64_t>(date.time_since_epoch().count());
  return (days * 24 + hh - offset_hours) * kHour + mm * kMinute;
}

// Europe/Berlin's local midnights from `first` for `count` days in late
// October 2026 (CEST, +2, until 2026-10-25 03:00; then CET, +1), as a
// browser computes them.
std::vector<std::int64_t> berlin_october_midnights(unsigned first, unsigned count) {
  std::vector<std::int64_t> out;
  for (unsigned d = first; d < first + count; ++d) out.push_back(local_ms(2026, 10, d, 0, 0, d <= 25 ? 2 : 1));
  return out;
}

EventIndex page_views(const std::vector<std::pair<const char*, std::int64_t>>& views) {
  EventIndex index;
  for (const auto& [user, t] : views) index.append(EventRow{user, t, "$page", {}});
  return index;
}

TrendQuery berlin_week() {
  // Fri 23 – Thu 29 October 2026: the clocks go back on Sunday the 25th.
  TrendQuery q;
  q.series = {EventCondition{"$page", {}}};
  q.day_starts_ms = berlin_october_midnights(23, 7);
  q.from_ms = q.day_starts_ms.front();
  q.to_ms = local_ms(2026, 10, 30, 0, 0, 1);
  return q;
}

TEST_CASE("trend days: an event at 00:30 on the Monday after Berlin's change is Monday's") {
  const std::int64_t monday_0030 = local_ms(2026, 10, 26, 0, 30, 1);
  const std::int64_t sunday_2330 = local_ms(2026, 10, 25, 23, 30, 1);
  const std::int64_t sunday_0030 = local_ms(2026, 10, 25, 0, 30, 2);
  const std::int64_t sunday_0230_again = local_ms(2026, 10, 25, 2, 30, 1);  // The repeated hour.
  EventIndex index = page_views({{"ana", sunday_0030}, {"ana", sunday_0230_again}, {"ben", sunday_2330},
                                 {"ben", monday_0030}, {"cem", monday_0030 + 1}});
  const TrendQuery q = berlin_week();
  REQUIRE(validate_trend_query(q).summary() == "");
  std::string error;
  auto r = run_trend_report(index, q, &error);
  REQUIRE(r);
  const std::vector<TrendBucket>& days = r->series[0].buckets;
  REQUIRE(days.size() == 7);
  for (std::size_t i = 0; i < days.size(); ++i) CHECK(days[i].start_ms == q.day_starts_ms[i]);
  CHECK(days[2] == TrendBucket{local_ms(2026, 10, 25, 0, 0, 2), 3, 2});  // Sunday: 25 hours, three views.
  CHECK(days[3] == TrendBucket{local_ms(2026, 10, 26, 0, 0, 1), 2, 2});  // Monday from its local midnight.
  CHECK(days[4].events == 0);
  CHECK(r->series[0].events == 5);
  CHECK(r->series[0].users == 3);

  // The old way, one offset (Berlin's at from_ms, +120) for the whole range:
  // its day from 23:00 Sunday takes Monday's first hour. Kept as it was for
  // callers that send utc_offset_minutes.
  TrendQuery fixed = q;
  fixed.day_starts_ms.clear();
  fixed.utc_offset_minutes = 120;
  REQUIRE(validate_trend_query(fixed).summary() == "");
  auto old = run_trend_report(index, fixed, &error);
  REQUIRE(old);
  CHECK(old->series[0].buckets[3].start_ms == local_ms(2026, 10, 25, 23, 0, 1));
  CHECK(old->series[0].buckets[3].events == 3);  // 23:30 Sunday with Monday's two.
}

TEST_CASE("trend days: spring forward (23-hour day) and the southern hemisphere") {
  // Europe/Berlin, Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST.
  std::vector<std::int64_t> march;
  for (unsigned d = 28; d <= 31; ++d) march.push_back(local_ms(2026, 3, d, 0, 0, d <= 29 ? 1 : 2));
  // Australia/Sydney, Sunday 4 October 2026: 02:00 AEST (+10) becomes 03:00 AEDT (+11).
  std::vector<std::int64_t> sydney;
  for (unsigned d = 3; d <= 6; ++d) sydney.push_back(local_ms(2026, 10, d, 0, 0, d <= 4 ? 10 : 11));
  // America/New_York, Sunday 1 November 2026: 02:00 EDT (−4) becomes 01:00 EST (−5).
  std::vector<std::int64_t> new_york{local_ms(2026, 10, 31, 0, 0, -4), local_ms(2026, 11, 1, 0, 0, -4),
                                     local_ms(2026, 11, 2, 0, 0, -5), local_ms(2026, 11, 3, 0, 0, -5)};
  struct Zone {
    std::vector<std::int64_t> starts;
    int offset_after;
    unsigned y, m, day_after;
  };
  for (const Zone& z : {Zone{march, 2, 2026, 3, 30}, Zone{sydney, 11, 2026, 10, 5}, Zone{new_york, -5, 2026, 11, 2}}) {
    const std::int64_t first_hour = local_ms(static_cast<int>(z.y), z.m, z.day_after, 0, 30, z.offset_after);
    const std::int64_t last_minute = local_ms(static_cast<int>(z.y), z.m, z.day_after, 0, 0, z.offset_after) - 1;
    EventIndex index = page_views({{"u", first_hour}, {"v", last_minute}});
    TrendQuery q;
    q.series = {EventCondition{"$page", {}}};
    q.day_starts_ms = z.starts;
    q.from_ms = z.starts.front();
    q.to_ms = z.starts.back() + 24 * kHour;
    INFO("day after the change: " << z.y << "-" << z.m << "-" << z.day_after);
    REQUIRE(validate_trend_query(q).summary() == "");
    std::string error;
    auto r = run_trend_report(index, q, &error);
    REQUIRE(r);
    const std::vector<TrendBucket>& days = r->series[0].buckets;
    CHECK(days[1].events == 1);  // The change's day ends at its last minute ...
    CHECK(days[2].events == 1);  // ... and the next day's first hour is the next day's.
    CHECK(days[2].start_ms == z.starts[2]);
  }
}

TEST_CASE("trend buckets: a run per stretch of 24-hour days") {
  std::vector<std::int64_t> year;  // Berlin 2026: 23 hours on 29 March, 25 on 25 October.
  for (auto d = std::chrono::sys_days{std::chrono::year{2026} / 1 / 1}; d < std::chrono::sys_days{std::chrono::year{2027} / 1 / 1};
       d += std::chrono::days{1}) {
    const std::chrono::year_month_day ymd{d};
    const bool summer = d > std::chrono::sys_days{std::chrono::year{2026} / 3 / 29} &&
                        d <= std::chrono::sys_days{std::chrono::year{2026} / 10 / 25};
    year.push_back(local_ms(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                            static_cast<unsigned>(ymd.day()), 0, 0, summer ? 2 : 1));
  }
  TrendQuery q;
  q.series = {EventCondition{"$page", {}}};
  q.day_starts_ms = year;
  q.from_ms = year.front();
  q.to_ms = local_ms(2027, 1, 1, 0, 0, 1);
  REQUIRE(validate_trend_query(q).summary() == "");
  const TrendBuckets layout(q);
  REQUIRE(layout.count() == 365);
  REQUIRE(layout.runs().size() == 3);
  CHECK(layout.runs()[1].first_bucket == 88);  // 30 March, the first summer day.
  CHECK(layout.runs()[2].first_bucket == 298);  // 26 October.
  CHECK(layout.starts() == year);
  for (std::size_t i = 0; i < year.size(); ++i) {
    CHECK(layout.bucket_of(year[i]) == i);
    const std::int64_t end = i + 1 < year.size() ? year[i + 1] : q.to_ms;
    CHECK(layout.bucket_of(end - 1) == i);
  }
  // A fixed offset is one run, as before.
  q.day_starts_ms.clear();
  q.utc_offset_minutes = 60;
  CHECK(TrendBuckets(q).runs().size() == 1);
  CHECK(TrendBuckets(q).count() == 365);
}

TEST_CASE("trend days: every problem of day_starts_ms is named with its pointer") {
  TrendQuery q = berlin_week();
  auto problems = [&] { return validate_trend_query(q).summary(); };
  q.interval = TrendInterval::hour;
  q.utc_offset_minutes = 60;
  CHECK(problems().find("/day_starts_ms: only with interval \"day\"") != std::string::npos);
  CHECK(problems().find("/utc_offset_minutes: not with day_starts_ms") != std::string::npos);

  q = berlin_week();
  std::swap(q.day_starts_ms[3], q.day_starts_ms[4]);
  CHECK(problems().find("/day_starts_ms/4: must be after /day_starts_ms/3") != std::string::npos);

  q = berlin_week();
  q.day_starts_ms.erase(q.day_starts_ms.begin() + 3);  // Sunday and Monday as one: 49 hours.
  CHECK(problems().find("/day_starts_ms/3: is 176400000 ms after /day_starts_ms/2; a day lasts 12 to 36 hours") !=
        std::string::npos);
  q = berlin_week();
  q.day_starts_ms[3] = q.day_starts_ms[2] + 11 * kHour;
  CHECK(problems().find("/day_starts_ms/3: is 39600000 ms after") != std::string::npos);

  q = berlin_week();
  q.from_ms -= 1;
  CHECK(problems().find("/day_starts_ms/0: must be at or before from_ms") != std::string::npos);
  q = berlin_week();
  q.from_ms = q.day_starts_ms[1];
  CHECK(problems().find("/day_starts_ms/1: must be after from_ms") != std::string::npos);

  q = berlin_week();
  q.to_ms = q.day_starts_ms.back();
  CHECK(problems().find("/day_starts_ms/6: must be before to_ms") != std::string::npos);
  q.to_ms = q.day_starts_ms.back() + 37 * kHour;
  CHECK(problems().find("/to_ms: the last day (from /day_starts_ms/6) lasts 133200000 ms") != std::string::npos);
  q.to_ms = q.day_starts_ms.back() + kHour;  // A range may end within its last day.
  CHECK(problems() == "");

  q = berlin_week();
  q.day_starts_ms.resize(kMaxTrendDays + 1);
  for (std::size_t i = 1; i < q.day_starts_ms.size(); ++i) q.day_starts_ms[i] = q.day_starts_ms[i - 1] + 24 * kHour;
  q.to_ms = q.day_starts_ms.back() + 1;
  CHECK(problems().find("/day_starts_ms: has 3661 day starts; the limit is 3660") != std::string::npos);
  q.day_starts_ms.pop_back();
  q.to_ms = q.day_starts_ms.back() + 1;
  CHECK(problems() == "");
}

TEST_CASE("trend query JSON: day_starts_ms read, each bad element named") {
  json::Problems p;
  auto q = read_trend_query(boost::json::parse(R"({"series":[{"event":"$page"}],"from_ms":1792792800000,)"
                                               R"("to_ms":1792965600000,"day_starts_ms":[1792792800000,1792879200000]})"),
                            p);
  INFO(p.summary());
  REQUIRE(q);
  CHECK(q->day_starts_ms == std::vector<std::int64_t>{1792792800000, 1792879200000});
  CHECK_FALSE(q->utc_offset_minutes);

  json::Problems bad;
  CHECK_FALSE(read_trend_query(boost::json::parse(R"({"series":[{"event":"$page"}],"from_ms":0,"to_ms":86400000,)"
                                                  R"("day_starts_ms":[0,"x",1.5,-1]})"),
                               bad));
  const std::string all = bad.summary();
  CHECK(all.find("/day_starts_ms/1: must be an integer") != std::string::npos);
  CHECK(all.find("/day_starts_ms/2: must be an integer") != std::string::npos);
  CHECK(all.find("/day_starts_ms/3: must be an integer") != std::string::npos);
  CHECK(all.find("/day_starts_ms/0") == std::string::npos);

  json::Problems empty;
  CHECK_FALSE(read_trend_query(
      boost::json::parse(R"({"series":[{"event":"$page"}],"from_ms":0,"to_ms":86400000,"day_starts_ms":[]})"), empty));
  CHECK(empty.summary().find("/day_starts_ms: must have at least one day start") != std::string::npos);

  // utc_offset_minutes 0 is still an offset: not with day starts.
  json::Problems both;
  CHECK_FALSE(read_trend_query(boost::json::parse(R"({"series":[{"event":"$page"}],"from_ms":0,"to_ms":86400000,)"
                                                  R"("day_starts_ms":[0],"utc_offset_minutes":0})"),
                               both));
  CHECK(both.summary().find("/utc_offset_minutes: not with day_starts_ms") != std::string::npos);
}

}  // namespace
}  // namespace cairn::analytics
