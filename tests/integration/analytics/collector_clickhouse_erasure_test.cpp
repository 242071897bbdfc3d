// Erasing a person with `--store clickhouse://`: once the DELETE answers, the
// ClickHouse store's reports no longer count the person nor the anonymousId
// linked to them (their rows are gone from ClickHouse, not only from SQLite),
// and other people's rows stay; erasing the newest rows does not make the
// events after it invisible to ClickHouse (their ids are never reused).
#include "analytics/clickhouse_server.h"
#include "server_fixture.h"

#include "support/clickhouse_guard.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

using namespace cairn::server_test;

namespace {

std::int64_t integer(const boost::json::value& v) { return v.to_number<std::int64_t>(); }

// The funnel once ClickHouse holds `rows` events (the export is asynchronous:
// a bounded poll).
HttpResult funnel_at(Http& http, const std::string& url, const AdminSession& admin, std::int64_t rows) {
  const std::string funnel = R"({"steps": [{"event": "signup"}, {"event": "activate"}]})";
  HttpResult r;
  for (int i = 0; i < 100; ++i) {
    r = http.request("POST", url, funnel, admin.headers());
    if (r.status == 200 && integer(r.json().at("data_version")) == rows) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  return r;
}

}  // namespace

TEST_CASE("collector on the ClickHouse store: erasing a person deletes their ClickHouse rows") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  cairn::analytics::ClickHouseServer clickhouse;
  std::string error;
  REQUIRE(clickhouse.start(&error));
  AdminFixture f({"--store", "clickhouse://127.0.0.1:" + std::to_string(clickhouse.http_port()) + "/cairn"});
  Collector& c = f.c;
  Http& http = f.http;
  const AdminSession* admin = &f.admin;
  const std::string& app_id = f.app_id;

  const std::string batch = R"({"batch": [
    {"type": "track", "event": "signup", "anonymousId": "a1", "messageId": "m1", "timestamp": "2026-01-05T10:00:00.000Z"},
    {"type": "identify", "userId": "jane", "anonymousId": "a1", "messageId": "m2", "timestamp": "2026-01-05T10:00:01.000Z"},
    {"type": "track", "event": "activate", "userId": "jane", "messageId": "m3", "timestamp": "2026-01-05T10:00:02.000Z"},
    {"type": "track", "event": "signup", "userId": "bob", "messageId": "m4", "timestamp": "2026-01-05T10:00:03.000Z"},
    {"type": "track", "event": "activate", "userId": "bob", "messageId": "m5", "timestamp": "2026-01-05T10:00:04.000Z"},
    {"type": "track", "event": "signup", "userId": "carl", "messageId": "m6", "timestamp": "2026-01-05T10:00:05.000Z"}
  ]})";
  REQUIRE(http.request("POST", c.url("/v1/batch"), batch, f.key_headers()).status == 200);

  const std::string funnel_url = c.url("/api/apps/" + app_id + "/analytics/funnel");
  const std::string funnel = R"({"steps": [{"event": "signup"}, {"event": "activate"}]})";
  HttpResult r = funnel_at(http, funnel_url, *admin, 6);
  INFO(r.body);
  REQUIRE(r.status == 200);
  REQUIRE(integer(r.json().at("data_version")) == 6);
  CHECK(integer(r.json().at("steps").at(0).at("entered")) == 3);  // jane (through a1), bob, carl.
  CHECK(integer(r.json().at("steps").at(1).at("entered")) == 2);

  HttpResult erased = http.request("DELETE", c.url("/api/apps/" + app_id + "/people/jane"), "", admin->headers());
  INFO(erased.body);
  REQUIRE(erased.status == 200);
  CHECK(integer(erased.json().at("erased").at("events")) == 3);
  CHECK(integer(erased.json().at("erased").at("identity_links")) == 1);

  // At once, no poll: the answer waited for ClickHouse's mutation.
  HttpResult after = http.request("POST", funnel_url, funnel, admin->headers());
  INFO(after.body);
  REQUIRE(after.status == 200);
  CHECK(integer(after.json().at("data_version")) == 3);
  CHECK(integer(after.json().at("steps").at(0).at("entered")) == 2);  // bob, carl.
  CHECK(integer(after.json().at("steps").at(1).at("entered")) == 1);  // bob.
  CHECK(c.terminate() == 0);
}

TEST_CASE("collector on the ClickHouse store: events after erasing the newest rows still reach ClickHouse") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  cairn::analytics::ClickHouseServer clickhouse;
  std::string error;
  REQUIRE(clickhouse.start(&error));
  AdminFixture f({"--store", "clickhouse://127.0.0.1:" + std::to_string(clickhouse.http_port()) + "/cairn"});
  const std::string funnel_url = f.c.url("/api/apps/" + f.app_id + "/analytics/funnel");
  const std::string first = R"({"batch": [
    {"type": "track", "event": "signup", "userId": "bob", "messageId": "m1", "timestamp": "2026-01-05T10:00:00.000Z"},
    {"type": "track", "event": "signup", "userId": "carl", "messageId": "m2", "timestamp": "2026-01-05T10:00:01.000Z"},
    {"type": "track", "event": "activate", "userId": "carl", "messageId": "m3", "timestamp": "2026-01-05T10:00:02.000Z"}
  ]})";
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), first, f.key_headers()).status == 200);
  REQUIRE(integer(funnel_at(f.http, funnel_url, f.admin, 3).json().at("data_version")) == 3);

  // Carl's are the newest rows (ids 2 and 3).
  HttpResult erased = f.http.request("DELETE", f.c.url("/api/apps/" + f.app_id + "/people/carl"), "", f.admin.headers());
  INFO(erased.body);
  REQUIRE(erased.status == 200);
  CHECK(integer(erased.json().at("erased").at("events")) == 2);

  // SQLite would give Dana's events ids 2 and 3 again, at or below the
  // exporter's watermark: they would never reach ClickHouse.
  const std::string second = R"({"batch": [
    {"type": "track", "event": "signup", "userId": "dana", "messageId": "m4", "timestamp": "2026-01-05T10:01:00.000Z"},
    {"type": "track", "event": "activate", "userId": "dana", "messageId": "m5", "timestamp": "2026-01-05T10:01:01.000Z"}
  ]})";
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), second, f.key_headers()).status == 200);
  HttpResult r = funnel_at(f.http, funnel_url, f.admin, 3);
  INFO(r.body);
  REQUIRE(r.status == 200);
  CHECK(integer(r.json().at("data_version")) == 3);                // bob's 1 and dana's 2.
  CHECK(integer(r.json().at("steps").at(0).at("entered")) == 2);   // bob, dana.
  CHECK(integer(r.json().at("steps").at(1).at("entered")) == 1);   // dana.
  CHECK(f.c.terminate() == 0);
}
