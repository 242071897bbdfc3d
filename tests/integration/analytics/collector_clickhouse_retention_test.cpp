// `--retention-days` with `--store clickhouse://`, through the collector
// binary: its ClickHouse copy ages out too, by event time (before, only the
// SQLite events were deleted and the collector warned at start).
#include "analytics/clickhouse_client.h"
#include "analytics/clickhouse_server.h"
#include "server_fixture.h"

#include "support/clickhouse_guard.h"

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
