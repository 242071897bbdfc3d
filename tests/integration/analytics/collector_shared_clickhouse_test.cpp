// Two real cairn-collector processes (their own data dirs and SQLite files,
// the same app and write key copied from the first) exporting into one
// ClickHouse database: each receives its own events, one retried message
// reaches both, and an anonymous visitor is identified on the other
// collector. Both must answer the same funnel and trend with the union,
// the retried message once, the visitor merged; /metrics shows the export.
#include "analytics/clickhouse_server.h"
#include "server_fixture.h"

#include "support/clickhouse_guard.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace cairn::server_test;

namespace {

std::string event(const std::string& type, const std::string& name, const std::string& ids, const std::string& at,
                  const std::string& message_id) {
  return R"({"type": ")" + type + "\"" + (name.empty() ? "" : R"(, "event": ")" + name + "\"") + ", " + ids +
         R"(, "messageId": ")" + message_id + R"(", "timestamp": ")" + at + R"("})";
}

std::string user(const std::string& id) { return R"("userId": ")" + id + "\""; }

HttpResult send(Http& http, const Collector& c, const std::string& write_key, const std::vector<std::string>& events) {
  std::string batch;
  for (const std::string& e : events) batch += (batch.empty() ? "" : ",") + e;
  return http.request("POST", c.url("/v1/batch"), "{\"batch\": [" + batch + "]}",
                      {"Content-Type: application/json", "X-Cairn-Write-Key: " + write_key});
}

// The metric's value in Prometheus text, or -1 when absent.
double metric(const std::string& text, const std::string& name) {
  const std::size_t at = text.find("\n" + name + " ");
  return at == std::string::npos ? -1 : std::stod(text.substr(at + name.size() + 2));
}

}  // namespace

TEST_CASE("two collectors on one ClickHouse database answer with the union, a retried message once") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  cairn::analytics::ClickHouseServer clickhouse;
  std::string error;
  REQUIRE(clickhouse.start(&error));
  Collector a;
  Collector b;
  const std::string password = a.create_admin("admin@example.com");
  auto [app_id, write_key] = a.create_app("Demo", {"http://localhost:3000"});
  // Apps, keys and accounts live in each collector's SQLite: the second
  // starts from a copy of the first's file (made before either exported, so
  // each makes its own collector id).
  std::filesystem::copy_file(a.data_dir() + "/cairn.db", b.data_dir() + "/cairn.db",
                             std::filesystem::copy_options::overwrite_existing);
  const std::string store = "clickhouse://127.0.0.1:" + std::to_string(clickhouse.http_port()) + "/shared";
  REQUIRE(a.start({"--store", store}));
  REQUIRE(b.start({"--store", store}));
  Http http;

  const std::string retried = event("track", "activate", user("u1"), "2026-01-05T10:00:02.000Z", "m3");
  REQUIRE(send(http, a, write_key,
               {event("track", "signup", user("u1"), "2026-01-05T10:00:00.000Z", "m1"),
                event("track", "signup", user("u2"), "2026-01-05T10:00:01.000Z", "m2"), retried,
                event("track", "activate", user("u9"), "2026-01-05T10:05:00.000Z", "m8")})
              .status == 200);
  REQUIRE(send(http, b, write_key,
               {event("track", "signup", user("u3"), "2026-01-05T11:00:00.000Z", "m4"),
                event("track", "activate", user("u3"), "2026-01-05T11:00:30.000Z", "m5"), retried,
                event("track", "signup", R"("anonymousId": "a9")", "2026-01-05T10:04:00.000Z", "m6"),
                event("identify", "", R"("userId": "u9", "anonymousId": "a9")", "2026-01-05T10:04:30.000Z", "m7")})
              .status == 200);

  const std::string funnel = R"({"steps": [{"event": "signup"}, {"event": "activate"}], "window_ms": 3600000})";
  for (Collector* c : {&a, &b}) {
    auto admin = login(http, *c, "admin@example.com", password);
    REQUIRE(admin);
    const std::string url = c->url("/api/apps/" + app_id + "/analytics/funnel");
    HttpResult r;
    // The exports are asynchronous: poll (bounded) until both collectors' 9 rows are in.
    for (int i = 0; i < 100; ++i) {
      r = http.request("POST", url, funnel, admin->headers());
      if (r.status == 200 && r.json().at("data_version").to_number<std::int64_t>() == 9) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    INFO(r.body);
    REQUIRE(r.status == 200);
    CHECK(r.json().at("data_version").to_number<std::int64_t>() == 9);
    // u1, u2, u3 and a9 (= u9) signed up; u1 (once), u3 and u9 activated.
    CHECK(r.json().at("steps").at(0).at("entered").to_number<std::int64_t>() == 4);
    CHECK(r.json().at("steps").at(1).at("entered").to_number<std::int64_t>() == 3);

    HttpResult trends = http.request(
        "POST", c->url("/api/apps/" + app_id + "/analytics/trends"),
        R"({"series": [{"event": "activate"}], "interval": "day", "from_ms": 1767571200000, "to_ms": 1767657600000})",
        admin->headers());
    INFO(trends.body);
    REQUIRE(trends.status == 200);
    const boost::json::value answer = trends.json();
    const boost::json::value& series = answer.at("series").at(0);
    CHECK(series.at("events").to_number<std::int64_t>() == 3);
    CHECK(series.at("users").to_number<std::int64_t>() == 3);
  }

  const HttpResult metrics_a = http.get(a.url("/metrics"));
  const HttpResult metrics_b = http.get(b.url("/metrics"));
  INFO(metrics_a.body);
  CHECK(metric(metrics_a.body, "cairn_clickhouse_export_rows_total") == 4);
  CHECK(metric(metrics_b.body, "cairn_clickhouse_export_rows_total") == 5);
  CHECK(metric(metrics_a.body, "cairn_clickhouse_export_batches_total") >= 1);
  CHECK(metric(metrics_a.body, "cairn_clickhouse_export_failures_total") == 0);
  CHECK(metric(metrics_a.body, "cairn_clickhouse_export_lag_rows") == 0);
  CHECK(metric(metrics_a.body, "cairn_clickhouse_export_lag_seconds") == 0);
  CHECK(metric(metrics_a.body, "cairn_clickhouse_export_last_success_timestamp_seconds") > 1.7e9);
  CHECK(a.terminate() == 0);
  CHECK(b.terminate() == 0);
}
