// Trend hours over an offset change of half an hour (Australia/Lord_Howe:
// +10:30, +11 from the first Sunday of October at 02:00, which becomes
// 02:30). One fixed offset, the one at the range's start, started every hour
// after the change at half past local time; with the zone's changes
// (utc_offset_changes) each hour starts at a local hour again, and the half
// hour the change leaves is a bucket of its own. Also Asia/Kolkata (+5:30,
// no change): its hours start at local hours. And the changes' validation.
#include "analytics/analytics_engine.h"
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

// Local wall time y-m-d hh:mm at UTC offset `offset_minutes`, as UTC ms.
std::int64_t local_ms(int y, unsigned m, unsigned d, int hh, int mm, int offset_minutes) {
  const std::chrono::sys_days date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d}};
  const auto days = static_cast<std::int64_t>(date.time_since_epoch().count());
  return days * 24 * kHour + (hh * 60 + mm - offset_minutes) * kMinute;
}

// The minutes past the local hour of each bucket start, at the offset in
// force there (+10:30 before `change`, +11 from it).
std::vector<std::int64_t> minutes_past_local_hour(const std::vector<std::int64_t>& starts, std::int64_t change) {
  std::vector<std::int64_t> out;
  for (std::int64_t s : starts) out.push_back((s + (s < change ? 630 : 660) * kMinute) % kHour / kMinute);
  return out;
}

// Sunday 4 October 2026 in Lord Howe, 00:00 (+10:30) to 06:00 (+11).
TrendQuery lord_howe_night() {
  TrendQuery q;
  q.series = {EventCondition{"$page", {}}};
  q.interval = TrendInterval::hour;
  q.from_ms = local_ms(2026, 10, 4, 0, 0, 630);
  q.to_ms = local_ms(2026, 10, 4, 6, 0, 660);
  q.utc_offset_minutes = 630;
  q.utc_offset_changes = {{local_ms(2026, 10, 4, 2, 0, 630), 660}};
  return q;
}

TEST_CASE("trend hours: after Lord Howe's half-hour change, hours start at local hours") {
  const TrendQuery q = lord_howe_night();
  const std::int64_t change = q.utc_offset_changes[0].at_ms;
  REQUIRE(validate_trend_query(q).summary() == "");
  const TrendBuckets layout(q);
  // 00:00, 01:00, 02:30 (half an hour), 03:00, 04:00, 05:00.
  CHECK(layout.starts() == std::vector<std::int64_t>{q.from_ms, q.from_ms + kHour, change, change + 30 * kMinute,
                                                     change + 90 * kMinute, change + 150 * kMinute});
  CHECK(minutes_past_local_hour(layout.starts(), change) == std::vector<std::int64_t>{0, 0, 30, 0, 0, 0});

  const std::int64_t at_0310 = local_ms(2026, 10, 4, 3, 10, 660);
  const std::int64_t at_0240 = local_ms(2026, 10, 4, 2, 40, 660);
  const std::int64_t at_0159 = local_ms(2026, 10, 4, 1, 59, 630);
  EventIndex index;
  for (auto [user, t] : {std::pair{"ana", at_0310}, {"ben", at_0240}, {"cem", at_0159}}) {
    index.append(EventRow{user, t, "$page", {}});
  }
  std::string error;
  auto r = run_trend_report(index, q, &error);
  REQUIRE(r);
  const std::vector<TrendBucket>& hours = r->series[0].buckets;
  REQUIRE(hours.size() == 6);
  CHECK(hours[1].events == 1);  // 01:59 in the hour from 01:00.
  CHECK(hours[2].events == 1);  // 02:40 in the half hour from 02:30.
  CHECK(hours[3] == TrendBucket{change + 30 * kMinute, 1, 1});  // 03:10 in the hour from 03:00.

  // The old way, the offset at from_ms for the whole range: every hour after
  // the change starts at half past (03:10 counted in "02:30"-"03:30").
  TrendQuery fixed = q;
  fixed.utc_offset_changes.clear();
  CHECK(minutes_past_local_hour(TrendBuckets(fixed).starts(), change) == std::vector<std::int64_t>{0, 0, 30, 30, 30, 30});
}

TEST_CASE("trend hours: the engine's cache tells a query with offset changes from one without") {
  const TrendQuery q = lord_howe_night();
  MemoryEventSource source;
  source.add(EventRow{"ana", local_ms(2026, 10, 4, 3, 10, 660), "$page", {}});
  AnalyticsEngine engine(source, AnalyticsEngine::Options{1, 8});
  std::string error;
  REQUIRE(engine.start(&error));
  TrendQuery fixed = q;
  fixed.utc_offset_changes.clear();
  auto old_way = engine.trends(fixed, &error);
  auto new_way = engine.trends(q, &error);
  REQUIRE(old_way);
  REQUIRE(new_way);
  CHECK(old_way->series[0].buckets[2].events == 1);  // "02:30"-"03:30" at one offset.
  CHECK(new_way->series[0].buckets[3].events == 1);  // "03:00" with the change.
}

TEST_CASE("trend hours: Lord Howe's change back (02:00 → 01:30) and a change on a whole hour") {
  // Sunday 5 April 2026: 02:00 (+11) becomes 01:30 (+10:30).
  TrendQuery q;
  q.series = {EventCondition{"$page", {}}};
  q.interval = TrendInterval::hour;
  q.from_ms = local_ms(2026, 4, 5, 0, 0, 660);
  q.to_ms = local_ms(2026, 4, 5, 4, 0, 630);
  q.utc_offset_minutes = 660;
  const std::int64_t change = local_ms(2026, 4, 5, 2, 0, 660);
  q.utc_offset_changes = {{change, 630}};
  REQUIRE(validate_trend_query(q).summary() == "");
  const TrendBuckets layout(q);
  // 00:00, 01:00 (+11), 01:30 (+10:30, half an hour), 02:00, 03:00.
  CHECK(layout.starts() == std::vector<std::int64_t>{q.from_ms, q.from_ms + kHour, change, change + 30 * kMinute,
                                                     change + 90 * kMinute});
  CHECK(layout.bucket_of(change - 1) == 1);
  CHECK(layout.bucket_of(change + 29 * kMinute) == 2);
  CHECK(layout.bucket_of(q.to_ms - 1) == 4);

  // Berlin's change (whole hours, on a whole hour): the same hours as one offset.
  TrendQuery berlin;
  berlin.series = q.series;
  berlin.interval = TrendInterval::hour;
  berlin.from_ms = local_ms(2026, 10, 25, 0, 0, 120);
  berlin.to_ms = local_ms(2026, 10, 25, 6, 0, 60);
  berlin.utc_offset_minutes = 120;
  TrendQuery one_offset = berlin;
  berlin.utc_offset_changes = {{local_ms(2026, 10, 25, 3, 0, 120), 60}};
  REQUIRE(validate_trend_query(berlin).summary() == "");
  CHECK(TrendBuckets(berlin).starts() == TrendBuckets(one_offset).starts());
  CHECK(TrendBuckets(berlin).count() == 7);  // 02:00 twice.
}

TEST_CASE("trend hours: Asia/Kolkata's hours start at local hours") {
  TrendQuery q;
  q.series = {EventCondition{"$page", {}}};
  q.interval = TrendInterval::hour;
  q.from_ms = local_ms(2026, 11, 20, 9, 17, 330);  // A range may start within an hour.
  q.to_ms = local_ms(2026, 11, 20, 12, 0, 330);
  q.utc_offset_minutes = 330;
  REQUIRE(validate_trend_query(q).summary() == "");
  CHECK(TrendBuckets(q).starts() == std::vector<std::int64_t>{local_ms(2026, 11, 20, 9, 0, 330),
                                                              local_ms(2026, 11, 20, 10, 0, 330),
                                                              local_ms(2026, 11, 20, 11, 0, 330)});
}

TEST_CASE("trend hours: every problem of utc_offset_changes is named with its pointer") {
  TrendQuery q = lord_howe_night();
  auto problems = [&] { return validate_trend_query(q).summary(); };
  q.interval = TrendInterval::day;
  CHECK(problems().find("/utc_offset_changes: only with interval \"hour\"") != std::string::npos);
  q = lord_howe_night();
  q.utc_offset_changes[0].at_ms = q.from_ms;
  CHECK(problems().find("/utc_offset_changes/0/at_ms: must be after from_ms") != std::string::npos);
  q = lord_howe_night();
  q.utc_offset_changes[0].at_ms = q.to_ms;
  CHECK(problems().find("/utc_offset_changes/0/at_ms: must be before to_ms") != std::string::npos);
  q = lord_howe_night();
  q.utc_offset_changes[0].utc_offset_minutes = 630;
  CHECK(problems().find("/utc_offset_changes/0/utc_offset_minutes: is the offset already in force") != std::string::npos);
  q = lord_howe_night();
  q.utc_offset_changes.push_back({q.utc_offset_changes[0].at_ms, 630});
  CHECK(problems().find("/utc_offset_changes/1/at_ms: must be after the previous change's at_ms") != std::string::npos);

  json::Problems bad;
  CHECK_FALSE(read_trend_query(boost::json::parse(R"({"series":[{"event":"$page"}],"interval":"hour","from_ms":0,)"
                                                  R"("to_ms":86400000,"utc_offset_changes":[{"at_ms":3600000},)"
                                                  R"({"at_ms":7200000,"utc_offset_minutes":900,"x":1}]})"),
                               bad));
  const std::string all = bad.summary();
  CHECK(all.find("/utc_offset_changes/0/utc_offset_minutes: required") != std::string::npos);
  CHECK(all.find("/utc_offset_changes/1/utc_offset_minutes") != std::string::npos);
  CHECK(all.find("/utc_offset_changes/1/x") != std::string::npos);

  json::Problems none;
  auto read = read_trend_query(boost::json::parse(R"({"series":[{"event":"$page"}],"interval":"hour","from_ms":0,)"
                                                  R"("to_ms":86400000,"utc_offset_minutes":630,)"
                                                  R"("utc_offset_changes":[{"at_ms":3600000,"utc_offset_minutes":660}]})"),
                               none);
  INFO(none.summary());
  REQUIRE(read);
  CHECK(read->utc_offset_changes == std::vector<TrendQuery::OffsetChange>{{3600000, 660}});
}

}  // namespace
}  // namespace cairn::analytics
