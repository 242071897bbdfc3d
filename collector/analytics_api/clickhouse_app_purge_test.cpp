// ClickHouseAppPurge's waiting and failing without a ClickHouse: an exporter
// behind the deleted app's highest event id is waited for, never counted as
// a failure nor followed by the failure backoff; once it passed, the delete
// is tried at once, and a ClickHouse that does not answer is a failure,
// retried after the backoff. (The delete itself against a real ClickHouse:
// tests/integration/analytics/collector_clickhouse_app_deletion_test.cpp.)
#include "analytics_api/clickhouse_app_purge.h"

#include "admin/database.h"
#include "admin/schema.h"
#include "metrics/metrics.h"
#include "store/schema.h"

#include <arpa/inet.h>
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <thread>

namespace ca = cairn::analytics_api;
namespace fs = std::filesystem;
using cairn::admin::Database;

namespace {

// The highest event id handed out in the test's database.
constexpr std::int64_t kHighestEventId = 100;

// A database with the admin and event tables, app "gone" deleted and purged
// from SQLite (its ClickHouse step pending), ids handed out up to
// kHighestEventId; removed at the end.
struct PurgedAppDir {
  std::string dir;
  std::string path;
  PurgedAppDir() {
    std::string pattern = (fs::temp_directory_path() / "cairn-chpurge-XXXXXX").string();
    dir = mkdtemp(pattern.data());
    path = dir + "/cairn.db";
    Database db(path);
    REQUIRE(db.valid());
    REQUIRE(cairn::admin::migrate_admin_schema(db.handle()).empty());
    REQUIRE(cairn::store::migrate_event_schema(db.handle()).empty());
    REQUIRE(db.exec("INSERT INTO app_purges (app_id, deleted_at_ms, finished_at_ms) VALUES ('gone', 1, 2)"));
    REQUIRE(db.exec("INSERT INTO events_high_water (only, max_id) VALUES (1, " + std::to_string(kHighestEventId) +
                    ")"));
  }
  ~PurgedAppDir() { fs::remove_all(dir); }
};

// A 127.0.0.1 port nothing listens on (bound, then closed): connections are refused.
int closed_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);
  socklen_t length = sizeof(address);
  REQUIRE(getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0);
  close(fd);
  return ntohs(address.sin_port);
}

// Polls `done` every 10 ms for up to 5 s.
bool eventually(const std::function<bool()>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
  while (!done() && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

}  // namespace

TEST_CASE("ClickHouse app purge: an exporter behind is waited for, not failed, and a ClickHouse down is a failure") {
  PurgedAppDir data;
  cairn::metrics::Registry registry;
  std::atomic<std::int64_t> exported{kHighestEventId - 1};
  ca::ClickHouseAppPurge::Options options;
  options.endpoint = cairn::analytics::ClickHouseEndpoint{"127.0.0.1", closed_port(), "cairn", 2000};
  options.sqlite_path = data.path;
  // A failure's backoff is longer than the test: a second attempt would only come from a wait.
  options.min_backoff = options.max_backoff = std::chrono::minutes(10);
  options.recheck = std::chrono::minutes(10);
  options.export_wait = std::chrono::milliseconds(20);  // Only logs now.
  options.metrics = &registry;
  ca::ClickHouseAppPurge purge(options, [&exported] { return exported.load(); });
  cairn::metrics::Gauge& pending = registry.gauge("cairn_clickhouse_app_purges_pending", "");
  cairn::metrics::Gauge& waiting = registry.gauge("cairn_clickhouse_app_purges_waiting_for_export", "");
  cairn::metrics::Counter& failures = registry.counter("cairn_clickhouse_app_purge_failures_total", "");
  purge.start();

  // Many times export_wait: still a wait.
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  CHECK(failures.value() == 0);
  CHECK(waiting.value() == 1);
  CHECK(pending.value() == 1);

  // The exporter passes the highest id: the delete is tried at once (no
  // backoff after the wait), and ClickHouse refusing the connection is one failure.
  exported = kHighestEventId;
  CHECK(eventually([&] { return failures.value() == 1; }));
  CHECK(waiting.value() == 0);
  CHECK(pending.value() == 1);  // Not recorded: tried again after the backoff.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(failures.value() == 1);
  purge.stop();
}

TEST_CASE("ClickHouse app purge: a wait for the exporter outlasts a wake() and ends with stop()") {
  PurgedAppDir data;
  cairn::metrics::Registry registry;
  ca::ClickHouseAppPurge::Options options;
  options.endpoint = cairn::analytics::ClickHouseEndpoint{"127.0.0.1", closed_port(), "cairn", 2000};
  options.sqlite_path = data.path;
  options.metrics = &registry;
  ca::ClickHouseAppPurge purge(options, [] { return std::int64_t{0}; });
  purge.start();
  cairn::metrics::Gauge& waiting = registry.gauge("cairn_clickhouse_app_purges_waiting_for_export", "");
  REQUIRE(eventually([&] { return waiting.value() == 1; }));
  // Another deletion meanwhile leaves it waiting.
  purge.wake();
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  CHECK(waiting.value() == 1);
  const auto start = std::chrono::steady_clock::now();
  purge.stop();
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(1));
  CHECK(registry.counter("cairn_clickhouse_app_purge_failures_total", "").value() == 0);
}
