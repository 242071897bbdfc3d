// Parallel evaluation (parallel_users.h): every user is visited once, and the
// guide, stuck and trend reports give byte-identical JSON on 1, 4 and 7
// threads, with identity merges, equal times, ranking ties and empty apps.
#include "analytics/event_generator.h"
#include "analytics/guide_report.h"
#include "analytics/parallel_users.h"
#include "analytics/report_json.h"
#include "analytics/stuck_report.h"
#include "analytics/trend_report.h"

#include <boost/json/serialize.hpp>
#include <catch2/catch.hpp>

#include <random>

namespace cairn::analytics {
namespace {

// Which users each worker of evaluate_users() visited.
struct Seen {
  std::vector<std::uint32_t> users;
};

void check_every_user_once(std::size_t users, const ParallelOptions& options) {
  std::vector<Seen> partials = evaluate_users<Seen>(users, options, [](Seen& seen) {
    return [&seen](std::uint32_t u) { seen.users.push_back(u); };
  });
  INFO("users " << users << " threads " << options.threads << " round robin " << options.round_robin);
  CHECK(partials.size() == evaluation_threads(users, options));
  std::vector<std::uint32_t> all;
  for (const Seen& p : partials) {
    CHECK(std::is_sorted(p.users.begin(), p.users.end()));
    all.insert(all.end(), p.users.begin(), p.users.end());
    // Round robin hands every worker a block once there are enough.
    if (options.round_robin && users >= options.block_users * partials.size()) CHECK_FALSE(p.users.empty());
  }
  std::sort(all.begin(), all.end());
  REQUIRE(all.size() == users);
  for (std::size_t u = 0; u < users; ++u) CHECK(all[u] == u);
}

TEST_CASE("evaluate_users visits every user once, ascending within a worker") {
  for (std::size_t users : {0u, 1u, 5u, 33u, 1000u}) {
    for (std::size_t threads : {1u, 3u, 7u}) {
      check_every_user_once(users, ParallelOptions{threads, 4, false});
      check_every_user_once(users, ParallelOptions{threads, 4, true});
    }
  }
  CHECK(evaluation_threads(7, ParallelOptions{4, 4}) == 1);  // Below two blocks: the calling thread.
  CHECK(evaluation_threads(8, ParallelOptions{4, 4}) == 4);
  CHECK(evaluation_threads(8, ParallelOptions{1000, 4}) == kMaxEvaluationThreads);
}

TEST_CASE("DistinctUsers counts each user of a run once and adds partials") {
  DistinctUsers a, b;
  for (std::uint32_t u : {0u, 0u, 3u, 3u, 3u, 9u}) a.add(u);
  b.add(4);
  CHECK(a.count() == 3);
  a.merge(b);
  CHECK(a.count() == 4);
}

using Props = std::vector<std::pair<std::string, PropertyValue>>;

// Rows over few users, guides, steps, pages and selectors with coarse times,
// so that counts tie in every ranking and times repeat; some rows link an
// anonymousId to a userId (before or after its events), moving timelines.
std::vector<EventRow> random_rows(std::mt19937& rng, int users, int events) {
  const char* const kEvents[] = {"cairn_guide_seen",     "cairn_step_seen",      "cairn_step_completed",
                                 "cairn_guide_dismissed", "cairn_target_missing", "cairn_guide_completed",
                                 "cairn_rage_click",     "cairn_dead_click",     "$page", "signup"};
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  std::vector<EventRow> rows;
  for (int e = 0; e < events; ++e) {
    const std::string user = (pick(3) == 0 ? "anon-" : "user-") + std::to_string(pick(users));
    if (pick(25) == 0) {
      EventRow link{"user-" + std::to_string(pick(users)), pick(50), "identify", {}};
      link.anonymous_id = "anon-" + std::to_string(pick(users));
      rows.push_back(std::move(link));
      continue;
    }
    EventRow row{user, pick(50), kEvents[pick(10)], {}};
    Props& p = row.properties;
    if (pick(8)) p.emplace_back("guide_id", pick(6) ? PropertyValue("g" + std::to_string(pick(3))) : PropertyValue(2.0));
    if (pick(6)) p.emplace_back("step_index", PropertyValue(static_cast<double>(pick(3))));
    if (pick(3) == 0) p.emplace_back("step_id", PropertyValue("s" + std::to_string(pick(4))));
    if (pick(2)) p.emplace_back("variant", PropertyValue(std::string(pick(4) ? "control" : "holdout")));
    if (pick(3) == 0) p.emplace_back("reason", PropertyValue(std::string(pick(2) ? "close_button" : "escape")));
    if (pick(4)) p.emplace_back("url", PropertyValue("https://a.example/p" + std::to_string(pick(3)) + (pick(2) ? "?x=1" : "")));
    if (pick(4)) p.emplace_back("selector", PropertyValue("#b" + std::to_string(pick(4))));
    if (pick(2)) p.emplace_back("target", PropertyValue("{\"tag\":\"button\",\"id\":\"t" + std::to_string(pick(3)) + "\"}"));
    if (pick(2)) p.emplace_back("plan", PropertyValue(std::string(pick(2) ? "free" : "pro")));
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string> all_keys() {
  std::vector<std::string> keys = stuck_report_property_keys();
  keys.push_back("plan");
  return keys;
}

// Each report's JSON on 1 thread equals its JSON on 4 and 7 threads with
// blocks small enough that every worker gets several. Query times are drawn
// from [origin, origin + span); trends use `interval` buckets over that range.
void check_reports_agree(const EventIndex& index, std::mt19937& rng, std::int64_t origin, std::int64_t span,
                         TrendInterval interval) {
  const std::size_t block = 1 + rng() % 5;
  const ParallelOptions single{1, block};
  auto at = [&](std::int64_t from, std::int64_t to) {
    return origin + from + static_cast<std::int64_t>(rng() % static_cast<std::uint64_t>(to - from));
  };
  std::string error;
  GuideQuery guide_query;
  if (rng() % 2) guide_query.goal = EventCondition{"signup", {}};
  if (rng() % 2) guide_query.goal_window_ms = at(1, span) - origin;
  if (rng() % 3 == 0) guide_query.from_ms = at(0, span / 2);
  if (rng() % 3 == 0) guide_query.to_ms = at(span / 2, span);
  if (rng() % 4 == 0) guide_query.guide_id = "g1";
  StuckQuery stuck_query;
  stuck_query.limit = 1 + rng() % 4;
  if (rng() % 3 == 0) stuck_query.from_ms = at(0, span / 2);
  TrendQuery trend_query;
  trend_query.series = {EventCondition{"cairn_rage_click", {}}, EventCondition{"$page", {}}};
  trend_query.interval = interval;
  trend_query.from_ms = at(-span / 4, span / 4);
  trend_query.to_ms = origin + span;
  if (interval == TrendInterval::day && rng() % 2) {
    // A time zone's days: 23, 24 or 25 hours from a start before from_ms.
    std::int64_t start = trend_query.from_ms - static_cast<std::int64_t>(rng() % 20) * 3600000;
    while (start < trend_query.to_ms) {
      trend_query.day_starts_ms.push_back(start);
      start += static_cast<std::int64_t>(23 + rng() % 3) * 3600000;
    }
  } else {
    trend_query.utc_offset_minutes = static_cast<std::int32_t>(rng() % 120) - 60;
  }
  INFO(validate_trend_query(trend_query).summary());
  REQUIRE(validate_trend_query(trend_query).empty());

  auto guide_json = [&](const ParallelOptions& o) {
    auto r = run_guide_report(index, guide_query, &error, o);
    REQUIRE(r);
    return boost::json::serialize(write_guide_report(*r));
  };
  auto stuck_json = [&](const ParallelOptions& o) {
    auto r = run_stuck_report(index, stuck_query, &error, o);
    REQUIRE(r);
    return boost::json::serialize(write_stuck_report(*r));
  };
  auto trend_json = [&](const ParallelOptions& o) {
    auto r = run_trend_report(index, trend_query, &error, o);
    REQUIRE(r);
    return boost::json::serialize(write_trend_report(*r, trend_query));
  };
  const std::string guides = guide_json(single), stuck = stuck_json(single), trends = trend_json(single);
  for (std::size_t threads : {4u, 7u}) {
    const ParallelOptions parallel{threads, block, true};
    INFO("threads " << threads << " block " << block << " users " << index.user_count());
    CHECK(guide_json(parallel) == guides);
    CHECK(stuck_json(parallel) == stuck);
    CHECK(trend_json(parallel) == trends);
  }
}

TEST_CASE("reports are identical on 1, 4 and 7 threads: random small apps with ties and merges") {
  std::mt19937 rng(20261123);
  int ranked_ties = 0, merged = 0;
  for (int i = 0; i < 150; ++i) {
    const std::vector<EventRow> rows = random_rows(rng, 2 + static_cast<int>(rng() % 40), static_cast<int>(rng() % 400));
    EventIndex index(all_keys());
    for (const EventRow& r : rows) index.append(r);
    merged += index.linked_count() > 0;
    std::string error;
    auto stuck = run_stuck_report(index, StuckQuery{}, &error, ParallelOptions{1});
    REQUIRE(stuck);
    for (std::size_t k = 1; k < stuck->pages.size(); ++k) {
      const ClickHotspot& a = stuck->pages[k - 1];
      const ClickHotspot& b = stuck->pages[k];
      ranked_ties += a.rage_clicks + a.dead_clicks == b.rage_clicks + b.dead_clicks;
    }
    check_reports_agree(index, rng, 0, 60, TrendInterval::hour);
  }
  // Guards against data that stops exercising what this test is about.
  CHECK(ranked_ties > 20);
  CHECK(merged > 50);
}

TEST_CASE("reports are identical on 1, 4 and 7 threads: generated product data") {
  std::mt19937 rng(7);
  for (std::uint64_t seed : {1u, 2u}) {
    GeneratorOptions o;
    o.seed = seed;
    o.users = 300;
    o.events = 9000;
    o.equal_time_chance = 0.2;
    o.guide_and_frustration_events = true;
    GeneratedEventSource source(o);
    EventIndex index(all_keys());
    std::string error;
    REQUIRE(index.load(source, &error));
    REQUIRE(evaluation_threads(index.user_count(), ParallelOptions{4, 5}) == 4);
    const std::optional<StuckReport> stuck = run_stuck_report(index, StuckQuery{}, &error);
    REQUIRE(stuck);
    CHECK(stuck->elements.size() == 2);  // The generator's two selectors.
    CHECK(stuck->steps_by_drop_off.size() >= 4);
    check_reports_agree(index, rng, o.start_ms, 30LL * 24 * 3600 * 1000, TrendInterval::day);
  }
}

TEST_CASE("reports are identical on 1, 4 and 7 threads: empty app") {
  std::mt19937 rng(3);
  EventIndex index(all_keys());
  check_reports_agree(index, rng, 0, 60, TrendInterval::hour);
}

}  // namespace
}  // namespace cairn::analytics
