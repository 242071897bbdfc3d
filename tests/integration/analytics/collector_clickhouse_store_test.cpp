// The real cairn-collector with `--store clickhouse://` on a private
// clickhouse-server: events acknowledged by /v1/batch (into SQLite) reach
// ClickHouse through the exporter and are counted by the analytics API; a
// funnel windowFunnel 18.16 cannot answer (strict order) is answered too,
// until its rows pass --clickhouse-max-rows: then 422 too_many_rows.
#include "analytics/clickhouse_server.h"
#include "server_fixture.h"

#include "support/clickhouse_guard.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace cairn::server_test;

namespace {

std::string track(const std::string& user, const std::string& event, const std::string& at,
                  const std::string& message_id) {
  return R"({"type": "track", "event": ")" + event + R"(", "userId": ")" + user + R"(", "messageId": ")" +
         message_id + R"(", "timestamp": ")" + at + R"("})";
}

}  // namespace

TEST_CASE("collector on the ClickHouse store: ingest, export, analytics API") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  cairn::analytics::ClickHouseServer clickhouse;
  std::string error;
  REQUIRE(clickhouse.start(&error));
  Collector c;
  const std::string password = c.create_admin("admin@example.com");
  auto [app_id, write_key] = c.create_app("Demo", {"http://localhost:3000"});
  // A cap of 3 rows: the 3 step events below load, a 4th is refused.
  REQUIRE(c.start({"--store", "clickhouse://127.0.0.1:" + std::to_string(clickhouse.http_port()) + "/cairn",
                   "--clickhouse-max-rows", "3"}));
  Http http;
  auto admin = login(http, c, "admin@example.com", password);
  REQUIRE(admin);

  const std::string batch = "{\"batch\": [" + track("u1", "signup", "2026-01-05T10:00:00.000Z", "m1") + "," +
                            track("u2", "signup", "2026-01-05T10:00:01.000Z", "m2") + "," +
                            track("u1", "activate", "2026-01-05T10:00:02.000Z", "m3") + "]}";
  HttpResult ingested = http.request("POST", c.url("/v1/batch"), batch,
                                     {"Content-Type: application/json", "X-Cairn-Write-Key: " + write_key});
  REQUIRE(ingested.status == 200);

  // The export is asynchronous: poll (bounded) until ClickHouse has the rows.
  const std::string funnel_url = c.url("/api/apps/" + app_id + "/analytics/funnel");
  const std::string funnel = R"({"steps": [{"event": "signup"}, {"event": "activate"}]})";
  HttpResult r;
  for (int i = 0; i < 100; ++i) {
    r = http.request("POST", funnel_url, funnel, admin->headers());
    if (r.status == 200 && r.json().at("data_version").to_number<std::int64_t>() == 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  INFO(r.body);
  REQUIRE(r.status == 200);
  const boost::json::value answer = r.json();
  CHECK(answer.at("steps").at(0).at("entered").to_number<std::int64_t>() == 2);
  CHECK(answer.at("steps").at(1).at("entered").to_number<std::int64_t>() == 1);
  // Three step rows: the funnel engine on them, so times to convert too.
  CHECK(answer.at("steps").at(1).at("median_ms_to_convert").to_number<std::int64_t>() == 2000);

  HttpResult strict = http.request(
      "POST", funnel_url, R"({"steps": [{"event": "signup"}, {"event": "activate"}], "order": "strict"})",
      admin->headers());
  INFO(strict.body);
  REQUIRE(strict.status == 200);  // windowFunnel has no strict order: the engine on the selected rows.
  CHECK(strict.json().at("steps").at(0).at("entered").to_number<std::int64_t>() == 2);
  CHECK(strict.json().at("steps").at(1).at("entered").to_number<std::int64_t>() == 1);
  CHECK(strict.json().at("steps").at(1).at("median_ms_to_convert").to_number<std::int64_t>() == 2000);

  HttpResult trends = http.request(
      "POST", c.url("/api/apps/" + app_id + "/analytics/trends"),
      R"({"series": [{"event": "signup"}], "interval": "day", "from_ms": 1767571200000, "to_ms": 1767657600000})",
      admin->headers());
  INFO(trends.body);
  REQUIRE(trends.status == 200);
  CHECK(trends.body.find("\"users\":2") != std::string::npos);

  // A 4th step event: more rows than the cap. The ordered funnel is then
  // windowFunnel's (counts, no times); the strict one is refused.
  REQUIRE(http.request("POST", c.url("/v1/batch"),
                       "{\"batch\": [" + track("u2", "activate", "2026-01-05T10:00:03.000Z", "m4") + "]}",
                       {"Content-Type: application/json", "X-Cairn-Write-Key: " + write_key})
              .status == 200);
  for (int i = 0; i < 100; ++i) {
    r = http.request("POST", funnel_url, funnel, admin->headers());
    if (r.status == 200 && r.json().at("data_version").to_number<std::int64_t>() == 4) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(r.json().at("steps").at(1).at("entered").to_number<std::int64_t>() == 2);
  CHECK(r.json().at("steps").at(1).at("median_ms_to_convert").is_null());
  HttpResult refused = http.request(
      "POST", funnel_url, R"({"steps": [{"event": "signup"}, {"event": "activate"}], "order": "strict"})",
      admin->headers());
  INFO(refused.body);
  CHECK(refused.status == 422);
  CHECK(refused.json().at("error").at("code") == "too_many_rows");
  const std::string message(refused.json().at("error").at("message").as_string());
  CHECK(message.find("would load 4 rows") != std::string::npos);
  CHECK(message.find("limit of 3 (--clickhouse-max-rows)") != std::string::npos);
  CHECK(c.terminate() == 0);
}
