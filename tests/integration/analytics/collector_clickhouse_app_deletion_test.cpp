// Deleting an app with `--store clickhouse://`: once the SQLite purge
// finished, the app's rows leave the ClickHouse store too and the other
// app's stay; its analytics routes answer 404 at once; with ClickHouse down
// the deletion is counted as failed and retried once it is back, also by the
// next start of the collector (the step is recorded durably); while the
// export is behind the app's last rows the step waits for it, which is no
// failure, and deletes once the export caught up.
#include "analytics/clickhouse_client.h"
#include "analytics/clickhouse_server.h"
#include "server_fixture.h"

#include "support/clickhouse_guard.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdint>
#include <sstream>
#include <string>
#include <thread>

using namespace cairn::server_test;

namespace {

constexpr const char* kFunnel = R"({"steps":[{"event":"visited"},{"event":"visited"}]})";

// Rows of `app_id` in the ClickHouse store; -1 when ClickHouse does not answer.
std::int64_t clickhouse_rows(int port, const std::string& app_id) {
  cairn::analytics::ClickHouseClient client(cairn::analytics::ClickHouseEndpoint{"127.0.0.1", port, "cairn", 5000});
  std::string body, error;
  if (!client.query("SELECT count() FROM cairn.events WHERE app = " + cairn::analytics::clickhouse_quote(app_id),
                    &body, &error)) {
    return -1;
  }
  std::int64_t n = -1;
  std::istringstream(body) >> n;
  return n;
}

// Polls (bounded) until `app_id` has `rows` rows in ClickHouse; the last count.
std::int64_t wait_for_clickhouse_rows(int port, const std::string& app_id, std::int64_t rows,
                                      std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  std::int64_t n = clickhouse_rows(port, app_id);
  while (n != rows && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    n = clickhouse_rows(port, app_id);
  }
  return n;
}

// A metric's value in /metrics, -1 when absent.
std::int64_t metric(Http& http, const Collector& c, const std::string& name) {
  std::istringstream lines(http.get(c.url("/metrics")).body);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(name + " ", 0) == 0) return std::stoll(line.substr(name.size() + 1));
  }
  return -1;
}

// Polls (bounded, 10 s) until metric `name`'s value satisfies `done`; its last value.
template <typename Done>
std::int64_t wait_for_metric(Http& http, const Collector& c, const std::string& name, Done done) {
  std::int64_t v = metric(http, c, name);
  for (int i = 0; i < 200 && !done(v); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    v = metric(http, c, name);
  }
  return v;
}

bool is_zero(std::int64_t v) { return v == 0; }
bool is_ten(std::int64_t v) { return v == 10; }
bool is_one(std::int64_t v) { return v == 1; }
bool is_fifteen(std::int64_t v) { return v == 15; }
bool at_least_one(std::int64_t v) { return v >= 1; }

std::string store_flag(const cairn::analytics::ClickHouseServer& clickhouse) {
  return "clickhouse://127.0.0.1:" + std::to_string(clickhouse.http_port()) + "/cairn";
}

// Two apps with 5 exported events each: "Demo" (the fixture's, to delete) and "Kept".
struct TwoApps {
  AdminFixture& f;
  int port;
  std::string kept_id;

  TwoApps(AdminFixture& fixture, int clickhouse_port) : f(fixture), port(clickhouse_port) {
    auto [id, key] = f.c.create_app("Kept", {"http://localhost:3000"});
    kept_id = id;
    REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), visits_batch("gone"), f.key_headers()).status == 200);
    REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), visits_batch("kept"),
                           {"Content-Type: application/json", "X-Cairn-Write-Key: " + key})
                .status == 200);
    REQUIRE(wait_for_clickhouse_rows(port, f.app_id, 5, std::chrono::seconds(20)) == 5);
    REQUIRE(wait_for_clickhouse_rows(port, kept_id, 5, std::chrono::seconds(20)) == 5);
  }

  void delete_demo() {
    HttpResult deleted =
        f.http.request("DELETE", f.c.url("/api/apps/" + f.app_id), R"({"confirm_name":"Demo"})", f.admin.headers());
    INFO(deleted.body);
    REQUIRE(deleted.status == 200);
    CHECK(deleted.json().at("events").as_string() == "purging");
  }
};

// A private ClickHouse (started), a collector storing into it, and its two apps exported.
std::string started_store(cairn::analytics::ClickHouseServer& clickhouse) {
  std::string error;
  REQUIRE(clickhouse.start(&error));
  return store_flag(clickhouse);
}
struct ExportedApps {
  cairn::analytics::ClickHouseServer clickhouse;
  const std::string store = started_store(clickhouse);
  AdminFixture f{{"--store", store}};
  TwoApps apps{f, clickhouse.http_port()};
};

}  // namespace

TEST_CASE("collector on the ClickHouse store: deleting an app deletes its ClickHouse rows, not the other app's") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  ExportedApps x;
  auto& [clickhouse, store, f, apps] = x;
  apps.delete_demo();

  // At once, before any purge: every analytics route of the app is gone.
  for (const char* kind : {"funnel", "guides", "stuck", "trends"}) {
    INFO(kind);
    HttpResult r = f.http.request("POST", f.c.url("/api/apps/" + f.app_id + "/analytics/" + kind),
                                  kFunnel, f.admin.headers());
    CHECK(r.status == 404);
    CHECK(r.error_code() == "not_found");
  }

  CHECK(wait_for_clickhouse_rows(clickhouse.http_port(), f.app_id, 0, std::chrono::seconds(20)) == 0);
  CHECK(clickhouse_rows(clickhouse.http_port(), apps.kept_id) == 5);
  CHECK(wait_for_metric(f.http, f.c, "cairn_app_purge_rows_deleted_total", is_ten) == 10);  // 5 events, 5 users.
  // Recorded just after ClickHouse applied the mutation.
  CHECK(wait_for_metric(f.http, f.c, "cairn_clickhouse_app_purges_pending", is_zero) == 0);
  CHECK(metric(f.http, f.c, "cairn_clickhouse_app_purge_failures_total") == 0);
  // The other app's reports still come from ClickHouse.
  HttpResult kept = f.http.request("POST", f.c.url("/api/apps/" + apps.kept_id + "/analytics/funnel"),
                                   kFunnel, f.admin.headers());
  INFO(kept.body);
  REQUIRE(kept.status == 200);
  CHECK(kept.json().at("steps").at(0).at("entered").to_number<std::int64_t>() == 5);
  CHECK(f.c.terminate() == 0);
}

TEST_CASE("collector on the ClickHouse store: an app deleted while ClickHouse is down leaves it once it is back") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  ExportedApps x;
  auto& [clickhouse, store, f, apps] = x;
  std::string error;
  clickhouse.pause();
  apps.delete_demo();

  // SQLite's purge finishes; the ClickHouse step fails and stays pending.
  CHECK(wait_for_metric(f.http, f.c, "cairn_app_purge_rows_deleted_total", is_ten) == 10);
  CHECK(metric(f.http, f.c, "cairn_app_purges_pending") == 0);
  CHECK(wait_for_metric(f.http, f.c, "cairn_clickhouse_app_purge_failures_total", at_least_one) >= 1);
  CHECK(metric(f.http, f.c, "cairn_clickhouse_app_purges_pending") == 1);

  SECTION("retried by the running collector") {
    REQUIRE(clickhouse.resume(&error));
    // The retry backoff doubles from 1 s; ClickHouse was down for seconds.
    CHECK(wait_for_clickhouse_rows(clickhouse.http_port(), f.app_id, 0, std::chrono::seconds(40)) == 0);
    CHECK(wait_for_metric(f.http, f.c, "cairn_clickhouse_app_purges_pending", is_zero) == 0);
  }

  SECTION("finished by the next start") {
    REQUIRE(f.c.terminate() == 0);
    REQUIRE(clickhouse.resume(&error));
    CHECK(clickhouse_rows(clickhouse.http_port(), f.app_id) == 5);  // Nothing deleted it meanwhile.
    REQUIRE(f.c.start({"--store", store}));
    CHECK(wait_for_clickhouse_rows(clickhouse.http_port(), f.app_id, 0, std::chrono::seconds(20)) == 0);
    CHECK(wait_for_metric(f.http, f.c, "cairn_clickhouse_app_purges_pending", is_zero) == 0);
  }

  CHECK(clickhouse_rows(clickhouse.http_port(), apps.kept_id) == 5);
  CHECK(f.c.terminate() == 0);
}

TEST_CASE("collector on the ClickHouse store: an app deleted while its export is behind waits for it, no failure") {
  CAIRN_CLICKHOUSE_OR_SKIP();
  ExportedApps x;
  auto& [clickhouse, store, f, apps] = x;
  std::string error;
  // ClickHouse goes down and 5 more events of the app arrive: the export
  // stays behind them, through their purge from SQLite and after.
  clickhouse.pause();
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), visits_batch("late"), f.key_headers()).status == 200);
  apps.delete_demo();
  CHECK(wait_for_metric(f.http, f.c, "cairn_app_purge_rows_deleted_total", is_fifteen) == 15);  // 10 events, 5 users.
  CHECK(wait_for_metric(f.http, f.c, "cairn_clickhouse_app_purges_waiting_for_export", is_one) == 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  CHECK(metric(f.http, f.c, "cairn_clickhouse_app_purge_failures_total") == 0);
  CHECK(metric(f.http, f.c, "cairn_clickhouse_app_purges_pending") == 1);

  // Back: the export passes the purged ids and the rows go, without a failure.
  REQUIRE(clickhouse.resume(&error));
  CHECK(wait_for_clickhouse_rows(clickhouse.http_port(), f.app_id, 0, std::chrono::seconds(40)) == 0);
  CHECK(wait_for_metric(f.http, f.c, "cairn_clickhouse_app_purges_pending", is_zero) == 0);
  CHECK(metric(f.http, f.c, "cairn_clickhouse_app_purges_waiting_for_export") == 0);
  CHECK(metric(f.http, f.c, "cairn_clickhouse_app_purge_failures_total") == 0);
  CHECK(clickhouse_rows(clickhouse.http_port(), apps.kept_id) == 5);
  CHECK(f.c.terminate() == 0);
}
