// `--retention-days` on the ClickHouse store (collector/analytics_api/
// clickhouse_retention.h): rows older than the day's cut-off (by event time)
// are deleted with one mutation a day, none is started while another mutation
// of the table is still running, and the thread counts what it did.
#include "analytics/clickhouse_client.h"
#include "analytics/clickhouse_exporter.h"
#include "analytics/clickhouse_server.h"
#include "analytics_api/clickhouse_retention.h"
#include "analytics_api/clickhouse_row_deletion.h"
#include "metrics/metrics.h"

#include "support/clickhouse_guard.h"
#include "support/clickhouse_event_store.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

using namespace cairn;
using Outcome = analytics_api::ClickHouseRetentionCheck::Outcome;

namespace {

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
constexpr std::int64_t kMidnight = 1'795'132'800'000;  // 2026-11-19T00:00:00Z

void run(analytics::ClickHouseClient& client, const std::string& sql) {
  std::string error;
  const bool ok = client.query(sql, nullptr, &error);
  INFO(sql << ": " << error);
  REQUIRE(ok);
}

void insert(analytics::ClickHouseClient& client, const std::string& message_id, std::int64_t time_ms) {
  run(client,
      "INSERT INTO cairn.events (app, user, time_ms, seq, event, properties, collector, message_id, anonymous_id) "
      "VALUES ('app_a', 'jane', " +
          std::to_string(time_ms) + ", 1, 'Clicked', '{}', 'C', '" + message_id + "', '')");
}

std::vector<std::string> left(analytics::ClickHouseClient& client) { return testing::event_message_ids_left(client); }

std::uint64_t count(analytics::ClickHouseClient& client, const std::string& sql) {
  std::uint64_t n = 0;
  std::string error;
  const bool read = analytics_api::read_clickhouse_count(client, sql, &n, &error);
  INFO(error);
  REQUIRE(read);
  return n;
}

// Waits (up to 30 s) until no mutation of cairn.events is running.
void wait_for_mutations(analytics::ClickHouseClient& client) {
  for (int i = 0; i < 600; ++i) {
    if (count(client, "SELECT count() FROM system.mutations WHERE database = 'cairn' AND is_done = 0") == 0) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  FAIL("a mutation of cairn.events did not finish in 30 s");
}

struct Store {
  analytics::ClickHouseServer server;
  analytics::ClickHouseEndpoint endpoint;
  Store() {
    std::string error;
    REQUIRE(server.start(&error));
    endpoint = testing::create_event_store(server);
  }
};

}  // namespace

TEST_CASE("the ClickHouse retention cut-off is midnight UTC of the day the period reaches back to") {
  using analytics_api::clickhouse_retention_cut_off;
  const std::int64_t thirty_days = 30 * kDayMs;
  CHECK(clickhouse_retention_cut_off(kMidnight + thirty_days, thirty_days) == kMidnight);
  CHECK(clickhouse_retention_cut_off(kMidnight + thirty_days + kDayMs - 1, thirty_days) == kMidnight);
  CHECK(clickhouse_retention_cut_off(kMidnight + thirty_days + kDayMs, thirty_days) == kMidnight + kDayMs);
  CHECK(clickhouse_retention_cut_off(kMidnight + thirty_days - 1, thirty_days) == kMidnight - kDayMs);
  CHECK(clickhouse_retention_cut_off(0, kDayMs) == -kDayMs);
  CHECK(clickhouse_retention_cut_off(-1, kDayMs) == -2 * kDayMs);
}

TEST_CASE("ClickHouse retention deletes the rows older than the cut-off, once per cut-off") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  Store store;
  analytics::ClickHouseClient client(store.endpoint);
  insert(client, "old1", kMidnight - 2 * kDayMs);
  insert(client, "old2", kMidnight - 1);
  insert(client, "at_cut_off", kMidnight);
  insert(client, "young", kMidnight + 5 * kDayMs);

  auto check = analytics_api::expire_clickhouse_events(client, "cairn", kMidnight);
  INFO(check.error);
  REQUIRE(check.outcome == Outcome::started);
  CHECK(check.expired_rows == 2);
  wait_for_mutations(client);
  CHECK(left(client) == std::vector<std::string>{"at_cut_off", "young"});

  // The same cut-off again (another collector, or the next hourly check): no
  // second rewrite, even for a late row older than it; it goes with the next
  // day's cut-off.
  insert(client, "late_old", kMidnight - kDayMs);
  check = analytics_api::expire_clickhouse_events(client, "cairn", kMidnight);
  CHECK(check.outcome == Outcome::already_started);
  CHECK(count(client, "SELECT count() FROM system.mutations WHERE database = 'cairn'") == 1);
  check = analytics_api::expire_clickhouse_events(client, "cairn", kMidnight + kDayMs);
  REQUIRE(check.outcome == Outcome::started);
  CHECK(check.expired_rows == 2);  // late_old and at_cut_off.
  wait_for_mutations(client);
  CHECK(left(client) == std::vector<std::string>{"young"});

  // Nothing older than the next cut-off: no mutation at all.
  check = analytics_api::expire_clickhouse_events(client, "cairn", kMidnight + 2 * kDayMs);
  CHECK(check.outcome == Outcome::nothing_expired);
  CHECK(count(client, "SELECT count() FROM system.mutations WHERE database = 'cairn'") == 2);
}

TEST_CASE("ClickHouse retention before the exporter created the table finds nothing expired, not a failure") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  analytics::ClickHouseServer server;
  std::string error;
  REQUIRE(server.start(&error));
  analytics::ClickHouseClient client({"127.0.0.1", server.http_port(), "default", 30000});
  const auto check = analytics_api::expire_clickhouse_events(client, "cairn", kMidnight);
  INFO(check.error);
  CHECK(check.outcome == Outcome::nothing_expired);
}

TEST_CASE("ClickHouse retention starts no mutation while another mutation of the table runs") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  Store store;
  analytics::ClickHouseClient client(store.endpoint);
  insert(client, "old", kMidnight - kDayMs);
  insert(client, "young", kMidnight + kDayMs);
  // A mutation that never finishes (its condition throws on every row), as a
  // stuck erasure's or app purge's delete would stay in system.mutations.
  run(client, "ALTER TABLE cairn.events DELETE WHERE throwIf(time_ms > 0) = 0");
  auto check = analytics_api::expire_clickhouse_events(client, "cairn", kMidnight);
  INFO(check.error);
  CHECK(check.outcome == Outcome::mutation_running);
  CHECK(check.running_mutations == 1);
  CHECK(count(client, "SELECT count() FROM system.mutations WHERE database = 'cairn'") == 1);
  CHECK(left(client) == std::vector<std::string>{"old", "young"});
}

TEST_CASE("the ClickHouse retention thread checks at start, counts its mutation and fails over a dead server") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  Store store;
  analytics::ClickHouseClient client(store.endpoint);
  insert(client, "old", kMidnight - kDayMs);
  insert(client, "young", kMidnight + kDayMs);
  metrics::Registry registry;
  analytics_api::ClickHouseRetention::Options options;
  options.endpoint = store.endpoint;
  options.retention_ms = 30 * kDayMs;
  options.interval = std::chrono::milliseconds(50);
  options.retry = std::chrono::milliseconds(50);
  options.now_ms = [] { return kMidnight + 30 * kDayMs + 1000; };
  options.metrics = &registry;
  {
    analytics_api::ClickHouseRetention retention(options);
    retention.start();
    for (int i = 0; i < 600 && left(client).size() != 1; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    retention.stop();
  }
  CHECK(left(client) == std::vector<std::string>{"young"});
  const std::string text = registry.render_prometheus();
  CHECK(text.find("cairn_clickhouse_retention_mutations_total 1\n") != std::string::npos);
  CHECK(text.find("cairn_clickhouse_retention_cut_off_timestamp_seconds " + std::to_string(kMidnight / 1000) + "\n") !=
        std::string::npos);
  CHECK(text.find("cairn_clickhouse_retention_failures_total 0\n") != std::string::npos);
  // ClickHouse gone: the checks fail and are counted, nothing else happens.
  store.server.stop();
  analytics_api::ClickHouseRetention retention(options);
  retention.start();
  for (int i = 0; i < 600 && registry.render_prometheus().find("cairn_clickhouse_retention_failures_total 0\n") != std::string::npos;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  retention.stop();
  CHECK(registry.render_prometheus().find("cairn_clickhouse_retention_failures_total 0\n") == std::string::npos);
}
