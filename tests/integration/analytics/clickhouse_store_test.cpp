// The ClickHouse store (`--store clickhouse://`) against the in-memory engine
// on the same events: generated events are committed through the real
// EventStore (SQLite), exported by ClickHouseExporter to a private
// clickhouse-server, and funnels (every mode), trends, guide and stuck
// reports must be identical from both. Also: while ClickHouse is unreachable
// rows wait in SQLite, and a restarted exporter neither loses nor repeats any.
#include "analytics/clickhouse_server.h"
#include "analytics/sqlite_event_source.h"
#include "clickhouse_store_support.h"
#include "support/clickhouse_guard.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <mutex>

namespace cairn::analytics {
namespace {

using store_test::check_same_answers;
using store_test::commit;
using store_test::exported;
using store_test::stored;

constexpr const char* kApp = "shop";

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
  down.collector_id = "c1";  // This file has no admin tables (collector_secrets).
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
  check_same_answers(engine, client, "cairn", kApp, generate);
  use(nullptr);
  second.stop();
  store->close();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace cairn::analytics
