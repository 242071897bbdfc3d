// The collector as an operator meets it: SIGTERM while the ClickHouse store
// hangs, what the log says when ClickHouse or the disk fails, and what it
// never says (an erased person's user key). No clickhouse-server is needed: a socket that accepts connections and
// never answers is a hung ClickHouse, a closed port an unreachable one.
#include "server_fixture.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <thread>

using namespace cairn::server_test;

namespace {

// A TCP port on 127.0.0.1 that completes connections (the kernel's backlog)
// and never sends a byte back: requests to it wait for their timeout.
class SilentPort {
 public:
  SilentPort() {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = 0;
    socklen_t length = sizeof address;
    if (bind(fd_, reinterpret_cast<sockaddr*>(&address), length) != 0 || listen(fd_, 64) != 0 ||
        getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      close(fd_);
      fd_ = -1;
      return;
    }
    port_ = ntohs(address.sin_port);
  }
  ~SilentPort() {
    if (fd_ >= 0) close(fd_);
  }
  SilentPort(const SilentPort&) = delete;
  SilentPort& operator=(const SilentPort&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

// Waits up to 10 s for `text` in the collector's log.
bool log_shows(const Collector& c, const std::string& text) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    if (c.last_log().find(text) != std::string::npos) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// Runs `sql` on the collector's database from another connection, as an
// operator's sqlite3 would.
void exec_sql(const Collector& c, const std::string& sql) {
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((c.data_dir() + "/cairn.db").c_str(), &db) == SQLITE_OK);
  sqlite3_busy_timeout(db, 5000);
  CHECK(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
}

std::string batch(const std::string& message_id) {
  return R"({"batch": [{"type": "track", "event": "Clicked", "userId": "u1", "messageId": ")" + message_id +
         R"("}]})";
}

std::string trends_body() {
  return R"({"series": [{"event": "Clicked"}], "interval": "day",
             "from_ms": 1763000000000, "to_ms": 1764500000000})";
}

}  // namespace

TEST_CASE("SIGTERM with a hung ClickHouse store exits within the shutdown grace, not after its request timeouts") {
  SilentPort hung;
  REQUIRE(hung.port() > 0);
  // One query thread: one query waits on ClickHouse, the others queue behind it.
  AdminFixture f({"--store", "clickhouse://127.0.0.1:" + std::to_string(hung.port()) + "/cairn",
                  "--query-threads", "1"});
  const std::string url = f.c.url("/api/apps/" + f.app_id + "/analytics/trends");
  std::vector<std::future<HttpResult>> queries;
  for (int i = 0; i < 3; ++i) {
    queries.push_back(std::async(std::launch::async, [&] {
      Http http;
      return http.request("POST", url, trends_body(), f.admin.headers(), 120000);
    }));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(500));  // All three sent.

  const auto started = std::chrono::steady_clock::now();
  // The 10 s grace for the queries in flight, then the exporter, the query
  // and the queued ones give up on ClickHouse at once (not after 60 s each).
  const int status = f.c.terminate(std::chrono::seconds(25));
  const auto seconds =
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - started).count();
  CHECK(status == 0);
  CHECK(seconds < 15);
  // The query on the thread is abandoned (its connection closed); the two
  // still queued at the grace's end are answered 503 shutting_down, not run
  // after it (before, they were left unanswered and ran during the exit).
  int abandoned = 0, refused = 0;
  for (auto& query : queries) {
    const HttpResult r = query.get();
    if (r.status == 0) ++abandoned;
    if (r.status == 503 && r.error_code() == "shutting_down" && r.header("retry-after") == "1") ++refused;
  }
  CHECK(abandoned == 1);
  CHECK(refused == 2);
}

TEST_CASE("a failing event store (a full disk) is answered 503 and its reason logged, once a second at most") {
  AdminFixture f;
  CHECK(f.http.request("POST", f.c.url("/v1/batch"), batch("before"), f.key_headers()).status == 200);
  // Fault injection: every insert fails, as on a full disk.
  exec_sql(f.c, "CREATE TRIGGER injected_full BEFORE INSERT ON events "
                "BEGIN SELECT RAISE(ABORT, 'injected: database or disk is full'); END");
  for (int i = 0; i < 20; ++i) {
    HttpResult r = f.http.request("POST", f.c.url("/v1/batch"), batch("during" + std::to_string(i)), f.key_headers());
    CHECK(r.status == 503);
    CHECK(r.error_code() == "store_unavailable");
    CHECK(r.header("retry-after") == "1");
  }
  REQUIRE(log_shows(f.c, "\"msg\":\"event store write failed\""));
  const std::string log = f.c.last_log();
  CHECK(log.find("injected: database or disk is full") != std::string::npos);
  // 20 failed commits in well under a second: not 20 lines.
  std::size_t lines = 0;
  for (std::size_t at = log.find("event store write failed"); at != std::string::npos;
       at = log.find("event store write failed", at + 1)) {
    ++lines;
  }
  CHECK(lines <= 2);
  // Space again: ingest recovers, nothing acknowledged was lost.
  exec_sql(f.c, "DROP TRIGGER injected_full");
  CHECK(f.http.request("POST", f.c.url("/v1/batch"), batch("after"), f.key_headers()).status == 200);
}

TEST_CASE("/healthz answers 503 with the reason while the store cannot write, and 200 once it can") {
  AdminFixture f;
  CHECK(f.http.get(f.c.url("/healthz")).status == 200);
  // A full disk refuses the writer's probe row as well as the events.
  exec_sql(f.c, "CREATE TRIGGER injected_full BEFORE INSERT ON events "
                "BEGIN SELECT RAISE(ABORT, 'injected: database or disk is full'); END;"
                "CREATE TRIGGER injected_full_probe BEFORE INSERT ON write_probes "
                "BEGIN SELECT RAISE(ABORT, 'injected: database or disk is full'); END;"
                "CREATE TRIGGER injected_full_probe_update BEFORE UPDATE ON write_probes "
                "BEGIN SELECT RAISE(ABORT, 'injected: database or disk is full'); END;");
  CHECK(f.http.request("POST", f.c.url("/v1/batch"), batch("during"), f.key_headers()).status == 503);
  HttpResult sick = f.http.get(f.c.url("/healthz"));
  CHECK(sick.status == 503);
  CHECK(sick.header("cache-control") == "no-store");
  INFO(sick.body);
  const boost::json::value health = sick.json();
  CHECK(health.at("status").as_string() == "store_unavailable");
  CHECK(health.at("store").at("writable").as_bool() == false);
  CHECK(std::string(health.at("store").at("error").as_string()).find("injected: database or disk is full") !=
        std::string::npos);
  CHECK(health.at("store").at("failing_since_ms").to_number<std::int64_t>() > 0);
  CHECK(f.http.get(f.c.url("/metrics")).body.find("cairn_store_writable 0") != std::string::npos);

  // Space again, and no ingest (a load balancer sends none to a 503): the
  // writer's own probe (every 5 s) finds it can write.
  exec_sql(f.c, "DROP TRIGGER injected_full; DROP TRIGGER injected_full_probe; DROP TRIGGER injected_full_probe_update");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  long status = 0;
  while ((status = f.http.get(f.c.url("/healthz")).status) != 200 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  CHECK(status == 200);
  CHECK(f.http.get(f.c.url("/healthz")).body == R"({"status":"ok"})");
  CHECK(f.http.request("POST", f.c.url("/v1/batch"), batch("after"), f.key_headers()).status == 200);
}

TEST_CASE("/metrics sizes the database and its -wal file, and the room left on their disk") {
  AdminFixture f;
  CHECK(f.http.request("POST", f.c.url("/v1/batch"), batch("m1"), f.key_headers()).status == 200);
  const std::string metrics = f.http.get(f.c.url("/metrics")).body;
  const auto value = [&metrics](const std::string& name) -> std::int64_t {
    const std::size_t at = metrics.find("\n" + name + " ");
    if (at == std::string::npos) return -1;
    return std::stoll(metrics.substr(at + name.size() + 2));
  };
  CHECK(value("cairn_store_database_bytes") > 0);
  CHECK(value("cairn_store_wal_bytes") > 0);  // A commit since the start is in the log.
  CHECK(value("cairn_store_disk_available_bytes") > 0);
}

TEST_CASE("retention (--retention-days) deletes the events received before the period at start, keeps saved funnels") {
  AdminFixture f({"--retention-days", "30", "--log-level", "info"});  // A pass logs at info.
  const std::string old_events = R"({"batch": [
      {"type": "track", "event": "Clicked", "userId": "gone@example.com", "messageId": "old1"},
      {"type": "track", "event": "Clicked", "userId": "gone@example.com", "messageId": "old2"},
      {"type": "track", "event": "Clicked", "userId": "kept@example.com", "messageId": "new1"}]})";
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), old_events, f.key_headers()).status == 200);
  const std::string funnels = f.c.url("/api/apps/" + f.app_id + "/funnels");
  REQUIRE(f.http.request("POST", funnels,
                         R"({"name": "Kept", "query": {"steps": [{"event": "Clicked"}, {"event": "Bought"}], "window_ms": 86400000}})",
                         f.admin.headers())
              .status == 201);
  // Two of them received 40 days ago, as a year of running would leave them.
  exec_sql(f.c, "UPDATE events SET received_ms = received_ms - 40 * 86400000 WHERE message_id LIKE 'old%'");
  REQUIRE(f.c.terminate() == 0);
  REQUIRE(f.c.start({"--retention-days", "30", "--log-level", "info"}));

  // The pass at start; the first run's found nothing to delete.
  REQUIRE(log_shows(f.c, "\"events_deleted\":2,\"users_deleted\":1,\"apps\":1"));
  const std::string metrics = f.http.get(f.c.url("/metrics")).body;
  CHECK(metrics.find("cairn_retention_events_deleted_total 2") != std::string::npos);
  CHECK(metrics.find("cairn_retention_users_deleted_total 1") != std::string::npos);
  CHECK(metrics.find("cairn_retention_period_seconds 2592000") != std::string::npos);
  HttpResult gone = f.http.get(f.c.url("/api/apps/" + f.app_id + "/people/gone%40example.com/events"),
                               f.admin.headers());
  CHECK(gone.json().at("events").as_array().empty());
  HttpResult kept = f.http.get(f.c.url("/api/apps/" + f.app_id + "/people/kept%40example.com/events"),
                               f.admin.headers());
  REQUIRE(kept.status == 200);
  CHECK(kept.json().at("events").as_array().size() == 1);
  // Nor does the people search list the person any more (no event, no user row).
  HttpResult search = f.http.get(f.c.url("/api/apps/" + f.app_id + "/people?q=gone"), f.admin.headers());
  REQUIRE(search.status == 200);
  CHECK(search.json().at("people").as_array().empty());
  HttpResult still = f.http.get(f.c.url("/api/apps/" + f.app_id + "/people?q=kept"), f.admin.headers());
  CHECK(still.json().at("people").as_array().size() == 1);
  HttpResult saved = f.http.get(f.c.url("/api/apps/" + f.app_id + "/funnels"), f.admin.headers());  // New port.
  REQUIRE(saved.status == 200);
  CHECK(saved.json().at("funnels").as_array().size() == 1);
}

TEST_CASE("a database written by a newer collector is refused at start, naming both schema versions") {
  Collector c;
  REQUIRE(c.start());
  REQUIRE(c.terminate() == 0);
  exec_sql(c, "PRAGMA user_version = 999");
  int status = 0;
  CHECK(c.run_cli({"create-app", "--name", "X"}, &status).empty());
  CHECK(status == 1);
  CHECK_FALSE(c.start());
  const std::string log = c.last_log();
  CHECK(log.find("admin schema version 999") != std::string::npos);
  CHECK(log.find("this build knows up to") != std::string::npos);
}

TEST_CASE("an unreachable ClickHouse store is named in the log, while ingest goes on") {
  int closed_port = 0;
  {
    SilentPort once;  // Closed again at the end of the scope: connections are refused.
    closed_port = once.port();
  }
  AdminFixture f({"--store", "clickhouse://127.0.0.1:" + std::to_string(closed_port) + "/cairn"});
  CHECK(f.http.request("POST", f.c.url("/v1/batch"), batch("m1"), f.key_headers()).status == 200);
  REQUIRE(log_shows(f.c, "clickhouse export failed"));
  CHECK(f.c.last_log().find("\"failures_in_a_row\":1") != std::string::npos);
  CHECK(f.c.terminate() == 0);
}

TEST_CASE("the log never names a person's user key, not even the erasure's") {
  AdminFixture f({"--log-level", "info"});  // Request lines are info.
  const std::string event = R"({"batch": [{"type": "track", "event": "Clicked", "userId": "jane.doe@example.com",
                                            "messageId": "j1"}]})";
  REQUIRE(f.http.request("POST", f.c.url("/v1/batch"), event, f.key_headers()).status == 200);
  const std::string person = f.c.url("/api/apps/" + f.app_id + "/people/jane.doe%40example.com");
  CHECK(f.http.get(person + "/events", f.admin.headers()).status == 200);
  CHECK(f.http.request("DELETE", person, "", f.admin.headers()).status == 200);
  REQUIRE(log_shows(f.c, "\"method\":\"DELETE\""));
  const std::string log = f.c.last_log();
  CHECK(log.find("jane") == std::string::npos);
  CHECK(log.find("\"path\":\"/api/apps/" + f.app_id + "/people/{user_key}/events\"") != std::string::npos);
  CHECK(log.find("\"path\":\"/api/apps/" + f.app_id + "/people/{user_key}\"") != std::string::npos);
}
