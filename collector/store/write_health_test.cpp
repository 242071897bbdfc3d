// EventStore::write_health(): a failing write (a full disk, injected by a
// trigger as in server_operations_test) makes the store unwritable with
// SQLite's reason; a later success, or the writer's own probe while idle,
// makes it writable again.
#include "metrics/metrics.h"
#include "store/event_store.h"
#include "support/temp_database.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace cs = cairn::store;
namespace fs = std::filesystem;

namespace {

using cairn::testing::TempDatabase;

std::vector<cs::StoredEvent> one_event(const std::string& message_id) {
  cs::StoredEvent e;
  e.user = "u1";
  e.name = "Clicked";
  e.message_id = message_id;
  return {e};
}

cs::WriteOutcome write(cs::EventStore& store, const std::string& message_id) {
  std::promise<cs::WriteOutcome> promise;
  auto future = promise.get_future();
  REQUIRE(store.submit("app_a", one_event(message_id), [&](const cs::WriteOutcome& o) { promise.set_value(o); }) ==
          cs::Submit::queued);
  return future.get();
}

constexpr const char* kFullDisk =
    "CREATE TRIGGER full_events BEFORE INSERT ON events "
    "BEGIN SELECT RAISE(ABORT, 'injected: database or disk is full'); END";

}  // namespace

TEST_CASE("a failed group commit makes the store unwritable with its reason; the next success heals it") {
  TempDatabase dir;
  cairn::metrics::Registry registry;
  cs::EventStore::Options options;
  options.path = dir.path();
  options.metrics = &registry;
  options.now_ms = [] { return std::int64_t{1234567}; };
  std::string error;
  auto store = cs::EventStore::open(options, &error);
  REQUIRE(store);
  CHECK(write(*store, "m1").ok);
  CHECK(store->write_health().writable);

  dir.exec(kFullDisk);
  CHECK_FALSE(write(*store, "m2").ok);
  const cs::WriteHealth failing = store->write_health();
  CHECK_FALSE(failing.writable);
  CHECK(failing.error.find("injected: database or disk is full") != std::string::npos);
  CHECK(failing.failing_since_ms == 1234567);
  CHECK(registry.render_prometheus().find("cairn_store_writable 0") != std::string::npos);

  dir.exec("DROP TRIGGER full_events");
  CHECK(write(*store, "m3").ok);
  CHECK(store->write_health().writable);
  CHECK(store->write_health().error.empty());
  CHECK(registry.render_prometheus().find("cairn_store_writable 1") != std::string::npos);
}

TEST_CASE("while writes fail, the writer's probe finds out by itself when it can write again") {
  TempDatabase dir;
  std::mutex mutex;
  std::vector<std::string> failures;
  cs::EventStore::Options options;
  options.path = dir.path();
  options.write_probe_interval = std::chrono::milliseconds(10);
  options.on_write_failure = [&](const std::string& what, const std::string&) {
    std::lock_guard lock(mutex);
    failures.push_back(what);
  };
  std::string error;
  auto store = cs::EventStore::open(options, &error);
  REQUIRE(store);
  // The disk is full for the probe's row too.
  dir.exec(kFullDisk);
  dir.exec("CREATE TRIGGER full_probe_insert BEFORE INSERT ON write_probes "
           "BEGIN SELECT RAISE(ABORT, 'injected: database or disk is full'); END");
  CHECK_FALSE(write(*store, "m1").ok);
  const auto probed = [&] {
    std::lock_guard lock(mutex);
    return std::count(failures.begin(), failures.end(), "write probe");
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (probed() < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(probed() >= 2);  // Tried and failed: still unwritable.
  CHECK_FALSE(store->write_health().writable);

  // Space again, and no ingest at all: the probe sees it.
  dir.exec("DROP TRIGGER full_probe_insert");
  while (!store->write_health().writable && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(store->write_health().writable);
}
