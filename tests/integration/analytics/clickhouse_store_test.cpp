// The ClickHouse store (`--store clickhouse://`) against the in-memory engine
// on the same events: generated events are committed through the real
// EventStore (SQLite), exported by ClickHouseExporter to a private
// clickhouse-server, and the funnel (ordered), trends, guide and stuck
// reports must be identical from both. Also: while ClickHouse is unreachable
// rows wait in SQLite, and a restarted exporter neither loses nor repeats any.
#include "analytics/analytics_engine.h"
#include "analytics/clickhouse_analytics.h"
#include "analytics/clickhouse_exporter.h"
#include "analytics/clickhouse_server.h"
#include "analytics/event_generator.h"
#include "analytics/report_json.h"
#include "analytics/sqlite_event_source.h"
#include "store/event_store.h"

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include "support/clickhouse_guard.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <thread>

namespace cairn::analytics {
namespace {

constexpr const char* kApp = "shop";

store::StoredEvent stored(const EventRow& row, std::size_t n) {
  store::StoredEvent e;
  e.user = row.user;
  e.time_ms = row.time_ms;
  e.received_ms = row.time_ms;
  e.name = row.event;
  e.message_id = "m";  // Not "m" + ...: GCC 12 -O3 warns falsely (-Wrestrict) on that.
  e.message_id += std::to_string(n);
  boost::json::object properties;
  for (const auto& [key, value] : row.properties) {
    if (const std::string* text = std::get_if<std::string>(&value)) properties[key] = *text;
    else properties[key] = std::get<double>(value);
  }
  // The generator's click target is the descriptor's JSON text; the SDK sends the object.
  if (auto* target = properties.if_contains("target"); target && target->is_string()) {
    *target = boost::json::parse(target->get_string());
  }
  e.properties = boost::json::serialize(properties);
  return e;
}

// Commits `events` for `app` and waits for the answer.
void commit(store::EventStore& store, const std::string& app, std::vector<store::StoredEvent> events) {
  std::promise<store::WriteOutcome> done;
  REQUIRE(store.submit(app, std::move(events), [&](const store::WriteOutcome& o) { done.set_value(o); }) ==
          store::Submit::queued);
  REQUIRE(done.get_future().get().ok);
}

// Waits (bounded) until the exporter holds every id up to `id`.
bool exported(const ClickHouseExporter& exporter, std::int64_t id) {
  for (int i = 0; i < 300 && exporter.exported_through() < id; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return exporter.exported_through() >= id;
}

std::string json_of(const GuideReport& r) { return boost::json::serialize(write_guide_report(r)); }
std::string json_of(const StuckReport& r) { return boost::json::serialize(write_stuck_report(r)); }

TEST_CASE("ClickHouse store: export survives an outage and answers like the in-memory engine") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  ClickHouseServer server;
  std::string error;
  REQUIRE(server.start(&error));
  const std::string dir = "/tmp/cairn-clickhouse-store-" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/cairn.db";

  GeneratorOptions generate;
  generate.seed = 3;
  generate.users = 1000;
  generate.events = 100000;
  generate.equal_time_chance = 0.15;
  generate.guide_and_frustration_events = true;
  std::vector<store::StoredEvent> events;
  REQUIRE(GeneratedEventSource(generate).scan(
      {}, [&](const EventRow& row) { events.push_back(stored(row, events.size())); }, &error));
  const std::size_t half = events.size() / 2;

  std::atomic<std::int64_t> last_id{0};
  ClickHouseExporter* exporter = nullptr;  // The one running now.
  std::mutex exporter_mutex;
  store::EventStore::Options store_options;
  store_options.path = path;
  store_options.on_commit = [&](std::int64_t id) {
    last_id = id;
    std::lock_guard lock(exporter_mutex);
    if (exporter) exporter->committed(id);
  };
  std::unique_ptr<store::EventStore> store = store::EventStore::open(store_options, &error);
  REQUIRE(store);
  auto use = [&](ClickHouseExporter* e) {
    std::lock_guard lock(exporter_mutex);
    exporter = e;
  };

  // ClickHouse unreachable: commits still succeed, nothing is exported, the
  // exporter keeps retrying.
  ClickHouseExporter::Options down;
  down.endpoint = ClickHouseEndpoint{"127.0.0.1", 1, "cairn", 2000};
  down.sqlite_path = path;
  down.min_backoff_ms = 10;
  down.max_backoff_ms = 50;
  {
    ClickHouseExporter unreachable(down);
    use(&unreachable);
    unreachable.start();
    commit(*store, kApp, {events.begin(), events.begin() + static_cast<std::ptrdiff_t>(half)});
    commit(*store, "other", {stored(EventRow{"intruder", generate.start_ms, "signup_started", {}}, 0)});
    for (int i = 0; i < 100 && unreachable.stats().failures < 3; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    CHECK(unreachable.stats().failures >= 3);
    CHECK(unreachable.exported_through() == 0);
    use(nullptr);
  }

  ClickHouseExporter::Options up = down;
  up.endpoint.port = server.http_port();
  up.endpoint.timeout_ms = 120000;
  up.batch_rows = 7000;  // Several batches.
  {
    ClickHouseExporter first(up);
    use(&first);
    first.start();
    const bool caught_up = exported(first, last_id);
    INFO(first.stats().last_error);
    REQUIRE(caught_up);
    CHECK(first.stats().inserts >= 5);
    use(nullptr);
  }
  // Rows committed while no exporter runs (plus a repeated delivery the
  // store deduplicates) reach ClickHouse when the next one starts.
  commit(*store, kApp, {events.begin() + static_cast<std::ptrdiff_t>(half), events.end()});
  commit(*store, kApp, {events.begin(), events.begin() + 10});
  ClickHouseExporter second(up);
  use(&second);
  second.start();
  REQUIRE(exported(second, last_id));

  ClickHouseClient client(up.endpoint);
  std::string body;
  REQUIRE(client.query("SELECT count(), uniqExact(seq) FROM cairn.events FORMAT TabSeparated", &body, &error));
  CHECK(body == std::to_string(events.size() + 1) + "\t" + std::to_string(events.size() + 1) + "\n");

  SqliteEventSource source(path, kApp);
  AnalyticsEngine engine(source, AnalyticsEngine::Options{2, 0});
  REQUIRE(engine.start(&error));
  REQUIRE(engine.data_version() == events.size());
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
      auto theirs = clickhouse_store_funnel(client, "cairn", kApp, q, &ch_error);
      INFO(ch_error.message);
      REQUIRE(theirs);
      CHECK(theirs->data_version == ours->data_version);
      REQUIRE(theirs->steps.size() == ours->steps.size());
      for (std::size_t k = 0; k < ours->steps.size(); ++k) {
        CHECK(theirs->steps[k].entered == ours->steps[k].entered);
        CHECK(theirs->steps[k].converted == ours->steps[k].converted);
        CHECK(theirs->steps[k].dropped == ours->steps[k].dropped);
        CHECK(theirs->steps[k].conversion_from_first == ours->steps[k].conversion_from_first);
      }
      CHECK(ours->steps[2].entered > 0);
    }
    FunnelQuery strict = queries[0];
    strict.order = FunnelOrder::strict;
    CHECK_FALSE(clickhouse_store_funnel(client, "cairn", kApp, strict, &ch_error));
    CHECK(ch_error.unsupported);
    CHECK(ch_error.message.find("/order") == 0);
  }
  {  // trends: same buckets and totals
    for (TrendInterval interval : {TrendInterval::day, TrendInterval::hour}) {
      TrendQuery q{{EventCondition{"$page", {}}, EventCondition{"signup_started", {}},
                    EventCondition{"click", {PropertyFilter{"count", FilterOp::in, {2.0, 3.0}}}}},
                   interval, generate.start_ms - 3600000, generate.start_ms + 12 * 86400000LL, -300};
      auto ours = engine.trends(q, &error);
      REQUIRE(ours);
      auto theirs = clickhouse_store_trends(client, "cairn", kApp, q, &ch_error);
      INFO(ch_error.message);
      REQUIRE(theirs);
      CHECK(boost::json::serialize(write_trend_report(*theirs, q)) ==
            boost::json::serialize(write_trend_report(*ours, q)));
      CHECK(ours->series[2].events > 0);
    }
  }
  {  // guide and stuck reports: identical
    GuideQuery gq;
    gq.goal = EventCondition{"checkout_completed", {}};
    auto ours = engine.guides(gq, &error);
    REQUIRE(ours);
    auto theirs = clickhouse_store_guides(client, "cairn", kApp, gq, &ch_error);
    INFO(ch_error.message);
    REQUIRE(theirs);
    CHECK(json_of(*theirs) == json_of(*ours));
    CHECK(ours->guides.size() == 2);
    StuckQuery sq;
    sq.from_ms = generate.start_ms + 86400000;
    auto our_stuck = engine.stuck(sq, &error);
    REQUIRE(our_stuck);
    auto their_stuck = clickhouse_store_stuck(client, "cairn", kApp, sq, &ch_error);
    REQUIRE(their_stuck);
    CHECK(json_of(*their_stuck) == json_of(*our_stuck));
    CHECK_FALSE(our_stuck->pages.empty());
    REQUIRE_FALSE(our_stuck->elements.empty());
    REQUIRE(our_stuck->elements[0].top_path);
    CHECK(our_stuck->elements[0].top_path->path == "/projects");
    CHECK(our_stuck->elements[0].element == R"({"tag":"button","id":"save","name":"Save"})");
  }
  use(nullptr);
  second.stop();
  store->close();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cairn::analytics
