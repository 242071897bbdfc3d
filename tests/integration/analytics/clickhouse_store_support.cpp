#include "clickhouse_store_support.h"

#include "analytics/clickhouse_analytics.h"
#include "analytics/event_condition_json.h"
#include "analytics/funnel_json.h"
#include "analytics/report_json.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <catch2/catch.hpp>

#include <chrono>
#include <future>
#include <thread>

namespace cairn::analytics::store_test {

store::StoredEvent stored(const EventRow& row, std::size_t n) {
  store::StoredEvent e;
  e.user = row.user;
  e.time_ms = row.time_ms;
  e.received_ms = row.time_ms;
  e.name = row.event;
  if (!row.anonymous_id.empty()) {
    e.type = 3;
    e.anonymous_id = row.anonymous_id;
  }
  e.message_id = "m";  // Not "m" + ...: GCC 12 -O3 warns falsely (-Wrestrict) on that.
  e.message_id += std::to_string(n);
  boost::json::object properties;
  for (const auto& [key, value] : row.properties) properties[key] = analytics::write_property_value(value);
  // The generator's click target is the descriptor's JSON text; the SDK sends the object.
  if (auto* target = properties.if_contains("target"); target && target->is_string()) {
    *target = boost::json::parse(target->get_string());
  }
  e.properties = boost::json::serialize(properties);
  return e;
}

void commit(store::EventStore& store, const std::string& app, std::vector<store::StoredEvent> events) {
  std::promise<store::WriteOutcome> done;
  REQUIRE(store.submit(app, std::move(events), [&](const store::WriteOutcome& o) { done.set_value(o); }) ==
          store::Submit::queued);
  REQUIRE(done.get_future().get().ok);
}

bool exported(const ClickHouseExporter& exporter, std::int64_t id) {
  for (int i = 0; i < 300 && exporter.exported_through() < id; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return exporter.exported_through() >= id;
}

namespace {

std::string json_of(const GuideReport& r) { return boost::json::serialize(write_guide_report(r)); }
std::string json_of(const StuckReport& r) { return boost::json::serialize(write_stuck_report(r)); }

}  // namespace

void check_same_funnel(AnalyticsEngine& engine, ClickHouseClient& client, const std::string& database,
                       const std::string& app, const FunnelQuery& q, std::uint64_t copies) {
  std::string error;
  auto ours = engine.funnel(q, &error);
  INFO(error);
  REQUIRE(ours);
  ClickHouseQueryError ch_error;
  auto theirs = clickhouse_store_funnel(client, database, app, q, &ch_error);
  INFO(ch_error.message);
  REQUIRE(theirs);
  CHECK(theirs->data_version == ours->data_version + copies);
  theirs->data_version = ours->data_version;
  CHECK(boost::json::serialize(write_funnel_result(*theirs, q)) == boost::json::serialize(write_funnel_result(*ours, q)));
}

void check_same_answers(AnalyticsEngine& engine, ClickHouseClient& client, const std::string& database,
                        const std::string& app, const GeneratorOptions& generate, std::uint64_t copies) {
  std::string error;
  ClickHouseQueryError ch_error;

  {  // ordered funnels: same counts and conversions
    std::vector<FunnelQuery> queries;
    for (std::int64_t window : {60000LL, 3600000LL, 86400000LL}) {
      FunnelQuery q;
      for (const std::string& n : generated_funnel_names()) q.steps.push_back(EventCondition{n, {}});
      q.window_ms = window;
      queries.push_back(q);
    }
    queries[1].steps[1].filters.push_back(PropertyFilter{"plan", FilterOp::eq, {std::string("pro")}});
    queries[2].from_ms = generate.start_ms + 2 * 86400000LL;
    queries[2].to_ms = generate.start_ms + 9 * 86400000LL;
    for (const FunnelQuery& q : queries) {
      auto ours = engine.funnel(q, &error);
      REQUIRE(ours);
      // windowFunnel (no rows sent, counts only) ...
      auto theirs = clickhouse_store_funnel(client, database, app, q, &ch_error, /*engine_max_rows=*/0);
      INFO(ch_error.message);
      REQUIRE(theirs);
      CHECK(theirs->data_version == ours->data_version + copies);
      REQUIRE(theirs->steps.size() == ours->steps.size());
      for (std::size_t k = 0; k < ours->steps.size(); ++k) {
        CHECK(theirs->steps[k].entered == ours->steps[k].entered);
        CHECK(theirs->steps[k].converted == ours->steps[k].converted);
        CHECK(theirs->steps[k].dropped == ours->steps[k].dropped);
        CHECK(theirs->steps[k].conversion_from_first == ours->steps[k].conversion_from_first);
      }
      CHECK(ours->steps[2].entered > 0);
      // ... and, with the step rows under the limit, the engine: identical JSON, times included.
      check_same_funnel(engine, client, database, app, q, copies);
    }
  }
  {  // funnels windowFunnel cannot answer: the engine on the selected rows, identical JSON
    std::vector<FunnelQuery> queries(7);
    for (FunnelQuery& q : queries) {
      for (const std::string& n : generated_funnel_names()) q.steps.push_back(EventCondition{n, {}});
      q.window_ms = 3600000;
    }
    queries[0].order = FunnelOrder::strict;
    queries[1].order = FunnelOrder::any;
    queries[2].count = FunnelCount::totals;
    queries[3].exclusions.push_back(FunnelExclusion{EventCondition{"$page", {}}, 1});
    queries[4].breakdown = FunnelBreakdown{"plan", 3};
    queries[5].dropped_at_step = 1;
    queries[5].dropped_offset = 5;
    queries[5].dropped_limit = 20;
    queries[6].order = FunnelOrder::strict;  // A range and a step filter with a mode.
    queries[6].steps[1].filters.push_back(PropertyFilter{"plan", FilterOp::neq, {std::string("free")}});
    queries[6].from_ms = generate.start_ms + 86400000LL;
    queries[6].to_ms = generate.start_ms + 61 * 86400000LL;
    for (const FunnelQuery& q : queries) check_same_funnel(engine, client, database, app, q, copies);
  }
  {  // trends: same buckets and totals
    for (TrendInterval interval : {TrendInterval::day, TrendInterval::hour}) {
      TrendQuery q{{EventCondition{"$page", {}}, EventCondition{"signup_started", {}},
                    EventCondition{"click", {PropertyFilter{"count", FilterOp::in, {2.0, 3.0}}}}},
                   interval, generate.start_ms - 3600000, generate.start_ms + 12 * 86400000LL, -300, {}, {}};
      auto ours = engine.trends(q, &error);
      REQUIRE(ours);
      auto theirs = clickhouse_store_trends(client, database, app, q, &ch_error);
      INFO(ch_error.message);
      REQUIRE(theirs);
      CHECK(theirs->data_version == ours->data_version + copies);
      theirs->data_version = ours->data_version;
      CHECK(boost::json::serialize(write_trend_report(*theirs, q)) ==
            boost::json::serialize(write_trend_report(*ours, q)));
      CHECK(ours->series[2].events > 0);
    }
  }
  {  // trends over a time zone's days, 23- and 25-hour ones among them: same buckets
    TrendQuery q;
    q.series = {EventCondition{"$page", {}}, EventCondition{"signup_started", {}}};
    q.from_ms = generate.start_ms - 3 * 3600000LL;
    std::int64_t start = generate.start_ms - 5 * 3600000LL;
    for (std::int64_t hours : {24, 25, 24, 24, 23, 24, 24, 25, 24, 23, 24, 24}) {
      q.day_starts_ms.push_back(start);
      start += hours * 3600000LL;
    }
    q.to_ms = start - 3600000LL;  // Within the last day.
    REQUIRE(validate_trend_query(q).empty());
    auto ours = engine.trends(q, &error);
    REQUIRE(ours);
    auto theirs = clickhouse_store_trends(client, database, app, q, &ch_error);
    INFO(ch_error.message);
    REQUIRE(theirs);
    theirs->data_version = ours->data_version;
    CHECK(boost::json::serialize(write_trend_report(*theirs, q)) ==
          boost::json::serialize(write_trend_report(*ours, q)));
    CHECK(ours->series[0].buckets[5].events > 0);  // After two changes.
    CHECK(ours->series[0].buckets[5].start_ms == q.day_starts_ms[5]);
  }
  {  // guide and stuck reports: identical
    GuideQuery gq;
    gq.goal = EventCondition{"checkout_completed", {}};
    auto ours = engine.guides(gq, &error);
    REQUIRE(ours);
    auto theirs = clickhouse_store_guides(client, database, app, gq, &ch_error);
    INFO(ch_error.message);
    REQUIRE(theirs);
    CHECK(theirs->data_version == ours->data_version + copies);
    theirs->data_version = ours->data_version;
    CHECK(json_of(*theirs) == json_of(*ours));
    CHECK(ours->guides.size() == 2);
    StuckQuery sq;
    sq.from_ms = generate.start_ms + 86400000;
    auto our_stuck = engine.stuck(sq, &error);
    REQUIRE(our_stuck);
    auto their_stuck = clickhouse_store_stuck(client, database, app, sq, &ch_error);
    REQUIRE(their_stuck);
    CHECK(their_stuck->data_version == our_stuck->data_version + copies);
    their_stuck->data_version = our_stuck->data_version;
    CHECK(json_of(*their_stuck) == json_of(*our_stuck));
    CHECK_FALSE(our_stuck->pages.empty());
    REQUIRE_FALSE(our_stuck->elements.empty());
    REQUIRE(our_stuck->elements[0].top_path);
    CHECK(our_stuck->elements[0].top_path->path == "/projects");
    CHECK(our_stuck->elements[0].element == R"({"tag":"button","id":"save","name":"Save"})");
  }
}

}  // namespace cairn::analytics::store_test
