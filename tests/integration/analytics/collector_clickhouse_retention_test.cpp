// `--retention-days` with `--store clickhouse://`, through the collector
// binary: its ClickHouse copy ages out too, by event time (before, only the
// SQLite events were deleted and the collector warned at start), and the
// SQLite retention keeps what the export has not sent.
#include "analytics/clickhouse_client.h"
#include "analytics/clickhouse_server.h"
#include "server_fixture.h"

#include "support/clickhouse_guard.h"
#include "support/temp_database.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <string>
#include <thread>

using namespace cairn::server_test;

namespace {

// `ms_ago` before now as an ISO 8601 UTC timestamp.
std::string iso_ago(std::int64_t ms_ago) {
  const auto now = std::chrono::system_clock::now() - std::chrono::milliseconds(ms_ago);
  const std::time_t t = std::chrono::system_clock::to_time_t(now);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%S.000Z", &utc);
  return out;
}

// The message ids in ClickHouse's copy once it holds `n` rows (bounded poll).
std::string ids_once(cairn::analytics::ClickHouseClient& client, std::size_t n) {
  std::string out, error;
  for (int i = 0; i < 200; ++i) {
    out.clear();
    if (client.query("SELECT message_id FROM cairn.events ORDER BY message_id FORMAT TabSeparated", &out, &error) &&
        static_cast<std::size_t>(std::count(out.begin(), out.end(), '\n')) == n) {
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return out;
}

}  // namespace

TEST_CASE("collector on the ClickHouse store: --retention-days deletes ClickHouse rows older than the period") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  cairn::analytics::ClickHouseServer clickhouse;
  std::string error;
  REQUIRE(clickhouse.start(&error));
  const std::string store = "clickhouse://127.0.0.1:" + std::to_string(clickhouse.http_port()) + "/cairn";
  AdminFixture f({"--store", store});
  constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
  const std::string batch = R"({"batch": [
    {"type": "track", "event": "signup", "userId": "old", "messageId": "m_old", "timestamp": ")" +
                            iso_ago(40 * kDayMs) + R"("},
    {"type": "track", "event": "signup", "userId": "new", "messageId": "m_new", "timestamp": ")" +
                            iso_ago(0) + R"("}
  ]})";
  HttpResult sent = f.http.request("POST", f.c.url("/v1/batch"), batch, f.key_headers());
  INFO(sent.body);
  REQUIRE(sent.status == 200);
  cairn::analytics::ClickHouseClient client({"127.0.0.1", clickhouse.http_port(), "cairn", 30000});
  REQUIRE(ids_once(client, 2) == "m_new\nm_old\n");
  REQUIRE(f.c.terminate() == 0);

  // Restarted with a 30-day period: its check at start deletes the row whose
  // event time is 40 days old; the SQLite copy (received just now) stays.
  REQUIRE(f.c.start({"--store", store, "--retention-days", "30"}));
  CHECK(ids_once(client, 1) == "m_new\n");
  CHECK(f.c.last_log().find("clickhouse retention check failed") == std::string::npos);
  CHECK(f.c.terminate() == 0);
}

namespace {

// Moves every SQLite event's receive time `ms` into the past, as if the
// collector had received them that long ago.
void age_received(const std::string& sqlite_path, std::int64_t ms) {
  cairn::testing::sqlite_exec(sqlite_path, "UPDATE events SET received_ms = received_ms - " + std::to_string(ms));
}

std::int64_t sqlite_events(const std::string& sqlite_path) {
  return cairn::testing::sqlite_count(sqlite_path, "SELECT count(*) FROM events");
}

// Whether the collector's log holds `text` within 20 s.
bool logged(const Collector& c, const std::string& text) {
  for (int i = 0; i < 200; ++i) {
    if (c.last_log().find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return false;
}

}  // namespace

TEST_CASE("collector on the ClickHouse store: SQLite retention keeps the events ClickHouse has not been sent") {
  // ClickHouse down for longer than the retention period: the events waiting
  // in SQLite for the export expired there before they reached ClickHouse,
  // and retention deleted them from both (before, lost for good).
  CAIRN_CLICKHOUSE_OR_SKIP();
  cairn::analytics::ClickHouseServer clickhouse;
  std::string error;
  REQUIRE(clickhouse.start(&error));
  const std::string store = "clickhouse://127.0.0.1:" + std::to_string(clickhouse.http_port()) + "/cairn";
  AdminFixture f({"--store", store});
  cairn::analytics::ClickHouseClient client({"127.0.0.1", clickhouse.http_port(), "cairn", 30000});
  const auto send = [&f](const std::string& message_id) {
    HttpResult sent = f.http.request(
        "POST", f.c.url("/v1/batch"),
        R"({"batch": [{"type": "track", "event": "signup", "userId": "u", "messageId": ")" + message_id + R"("}]})",
        f.key_headers());
    INFO(sent.body);
    REQUIRE(sent.status == 200);
  };
  send("m_sent");
  REQUIRE(ids_once(client, 1) == "m_sent\n");
  clickhouse.pause();
  send("m_waiting_1");
  send("m_waiting_2");
  REQUIRE(f.c.terminate() == 0);

  // Forty days later, ClickHouse still down, with a 30-day period.
  const std::string sqlite_path = f.c.data_dir() + "/cairn.db";
  constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;
  age_received(sqlite_path, 40 * kDayMs);
  REQUIRE(f.c.start({"--store", store, "--retention-days", "30", "--log-level", "info"}));
  const bool passed = logged(f.c, "\"retention pass\"");
  INFO(f.c.last_log());
  REQUIRE(passed);
  // The export has not told how far ClickHouse has them (it cannot reach
  // it): every expired event stays, and the log says why.
  CHECK(sqlite_events(sqlite_path) == 3);
  CHECK(f.c.last_log().find("retention kept expired events the clickhouse export has not sent") != std::string::npos);
  CHECK(f.c.last_log().find("\"events_held_back\":3") != std::string::npos);

  // ClickHouse back: the export sends what waited, nothing lost.
  REQUIRE(clickhouse.resume(&error));
  CHECK(ids_once(client, 3) == "m_sent\nm_waiting_1\nm_waiting_2\n");
  CHECK(f.c.terminate() == 0);
}
