#include "store/app_purge.h"

#include "admin/database.h"
#include "admin/schema.h"
#include "metrics/metrics.h"
#include "store/event_store.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace cs = cairn::store;
namespace fs = std::filesystem;
using cairn::admin::Database;
using cairn::admin::Statement;

namespace {

// A data directory of its own with the admin tables (app_purges) and the
// event store's file, removed at the end.
struct PurgeDir {
  std::string dir;
  std::string path;
  PurgeDir() {
    std::string pattern = (fs::temp_directory_path() / "cairn-purge-XXXXXX").string();
    dir = mkdtemp(pattern.data());
    path = dir + "/cairn.db";
    Database db(path);
    REQUIRE(db.valid());
    REQUIRE(cairn::admin::migrate_admin_schema(db.handle()).empty());
  }
  ~PurgeDir() { fs::remove_all(dir); }

  std::int64_t scalar(const std::string& sql) const {
    Database db(path);
    Statement s(db.handle(), sql);
    return s.step() ? s.integer(0) : -1;
  }
  std::int64_t events_of(const std::string& app_id) const {
    return scalar("SELECT count(*) FROM events JOIN event_apps a ON a.id = events.app WHERE a.app_id = '" +
                  app_id + "'");
  }
  // What AppDirectory::delete_app records in its transaction.
  void record_deletion(const std::string& app_id) const {
    Database db(path);
    REQUIRE(db.exec("INSERT INTO app_purges (app_id, deleted_at_ms) VALUES ('" + app_id + "', 1)"));
  }
};

std::unique_ptr<cs::EventStore> open_store(const PurgeDir& dir, std::size_t chunk_rows,
                                           cairn::metrics::Registry* metrics = nullptr,
                                           std::chrono::milliseconds retry_delay = cs::kAppPurgeRetryDelay) {
  cs::EventStore::Options options;
  options.path = dir.path;
  options.purge_chunk_rows = chunk_rows;
  options.purge_retry_delay = retry_delay;
  options.metrics = metrics;
  std::string error;
  auto store = cs::EventStore::open(options, &error);
  INFO(error);
  REQUIRE(store);
  return store;
}

// `n` events of `user`, message ids prefix0..prefix<n-1>.
std::vector<cs::StoredEvent> batch(const std::string& prefix, int n, const std::string& user = "u1") {
  std::vector<cs::StoredEvent> out(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) {
    out[static_cast<std::size_t>(i)].user = user;
    out[static_cast<std::size_t>(i)].name = "Clicked";
    out[static_cast<std::size_t>(i)].message_id = prefix + std::to_string(i);
  }
  return out;
}

cs::WriteOutcome store_batch(cs::EventStore& store, const std::string& app_id, std::vector<cs::StoredEvent> events) {
  std::promise<cs::WriteOutcome> done;
  auto outcome = done.get_future();
  REQUIRE(store.submit(app_id, std::move(events), [&](const cs::WriteOutcome& o) { done.set_value(o); }) ==
          cs::Submit::queued);
  return outcome.get();
}

// One purge chunk on a connection of its own, as the writer runs it.
cs::PurgeChunk purge_one_chunk(const PurgeDir& dir, const std::string& app_id, std::size_t max_rows) {
  Database db(dir.path);
  cairn::admin::Transaction tx(db);
  cs::PurgeChunk chunk;
  REQUIRE(cs::purge_app_chunk(db.handle(), app_id, max_rows, 99, &chunk).empty());
  REQUIRE(tx.commit());
  return chunk;
}

// Waits (bounded) until `done()`.
bool eventually(const std::function<bool()>& done) {
  for (int i = 0; i < 1000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return done();
}

}  // namespace

TEST_CASE("purge_app_chunk deletes at most its limit per chunk and only the deleted app's rows") {
  PurgeDir dir;
  {
    auto store = open_store(dir, cs::kAppPurgeChunkRows);
    CHECK(store_batch(*store, "app_gone", batch("g", 25)).stored == 25);
    CHECK(store_batch(*store, "app_kept", batch("k", 5)).stored == 5);
  }
  dir.record_deletion("app_gone");
  // 25 events and 1 user: chunks of 10, 10, then 6 rows, which finishes.
  cs::PurgeChunk first = purge_one_chunk(dir, "app_gone", 10);
  CHECK(first.rows == 10);
  CHECK(first.events == 10);
  CHECK_FALSE(first.finished);
  CHECK(dir.events_of("app_gone") == 15);
  CHECK(purge_one_chunk(dir, "app_gone", 10).rows == 10);
  cs::PurgeChunk last = purge_one_chunk(dir, "app_gone", 10);
  CHECK(last.rows == 6);
  CHECK(last.events == 5);
  CHECK(last.finished);
  CHECK(dir.events_of("app_gone") == 0);
  CHECK(dir.scalar("SELECT count(*) FROM event_apps WHERE app_id = 'app_gone'") == 0);
  CHECK(dir.scalar("SELECT count(*) FROM event_users WHERE app NOT IN (SELECT id FROM event_apps)") == 0);
  CHECK(dir.scalar("SELECT finished_at_ms FROM app_purges WHERE app_id = 'app_gone'") == 99);
  CHECK(dir.events_of("app_kept") == 5);

  std::string error;
  auto purges = cs::read_app_purges(Database(dir.path).handle(), &error);
  REQUIRE(purges);
  CHECK(purges->pending.empty());
  CHECK(purges->all == std::vector<std::string>{"app_gone"});
}

TEST_CASE("EventStore purges a deleted app between group commits: other apps' ingest keeps flowing") {
  PurgeDir dir;
  cairn::metrics::Registry registry;
  auto store = open_store(dir, 20, &registry);
  for (int i = 0; i < 3; ++i) {
    CHECK(store_batch(*store, "app_gone", batch("g" + std::to_string(i) + "_", 200)).stored == 200);
  }
  dir.record_deletion("app_gone");
  store->purge_deleted_apps();
  // The writer alternates a group commit and one chunk of 20 rows, so this
  // batch is committed while most of the 600 rows are still there.
  std::promise<std::int64_t> left_when_stored;
  auto left = left_when_stored.get_future();
  REQUIRE(store->submit("app_kept", batch("k", 10), [&](const cs::WriteOutcome& o) {
    CHECK(o.stored == 10);
    left_when_stored.set_value(dir.events_of("app_gone"));
  }) == cs::Submit::queued);
  CHECK(left.get() > 400);
  REQUIRE(eventually([&] { return dir.scalar("SELECT count(*) FROM app_purges WHERE finished_at_ms IS NULL") == 0; }));
  CHECK(dir.events_of("app_gone") == 0);
  CHECK(dir.events_of("app_kept") == 10);
  const std::string metrics = registry.render_prometheus();
  CHECK(metrics.find("cairn_app_purge_rows_deleted_total 601") != std::string::npos);
  CHECK(metrics.find("cairn_app_purges_pending 0") != std::string::npos);
}

TEST_CASE("A purge cut short continues at the next start; ids are not reused; late events are dropped") {
  PurgeDir dir;
  {
    auto store = open_store(dir, cs::kAppPurgeChunkRows);
    CHECK(store_batch(*store, "app_kept", batch("k", 3)).stored == 3);
    // The deleted app's rows are the newest: ids up to 3 + 40.
    CHECK(store_batch(*store, "app_gone", batch("g", 40, "u2")).stored == 40);
  }
  dir.record_deletion("app_gone");
  // The collector stopped after one chunk.
  CHECK_FALSE(purge_one_chunk(dir, "app_gone", 15).finished);
  CHECK(dir.events_of("app_gone") == 25);

  auto store = open_store(dir, 10);
  REQUIRE(eventually([&] { return dir.scalar("SELECT count(*) FROM app_purges WHERE finished_at_ms IS NULL") == 0; }));
  CHECK(dir.events_of("app_gone") == 0);
  // A request resolved before the deletion: dropped, not stored.
  cs::WriteOutcome late = store_batch(*store, "app_gone", batch("late", 4));
  CHECK(late.ok);
  CHECK(late.stored == 0);
  CHECK(late.of_deleted_app == 4);
  CHECK(dir.events_of("app_gone") == 0);
  CHECK(store_batch(*store, "app_kept", batch("k2_", 1)).stored == 1);
  CHECK(dir.scalar("SELECT max(id) FROM events") == 44);
}

TEST_CASE("A failed purge chunk is tried again after purge_retry_delay, without another deletion") {
  PurgeDir dir;
  cairn::metrics::Registry registry;
  auto store = open_store(dir, 10, &registry, std::chrono::milliseconds(50));
  CHECK(store_batch(*store, "app_gone", batch("g", 30)).stored == 30);
  {
    // Every delete of the app's events fails until the trigger is dropped.
    Database db(dir.path);
    REQUIRE(db.exec("CREATE TRIGGER refuse_purge BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'disk full'); END"));
  }
  dir.record_deletion("app_gone");
  store->purge_deleted_apps();
  REQUIRE(eventually([&] {
    return registry.render_prometheus().find("cairn_app_purge_failures_total 0") == std::string::npos;
  }));
  CHECK(dir.events_of("app_gone") == 30);
  // Ingest goes on while the purge waits.
  CHECK(store_batch(*store, "app_kept", batch("k", 2)).stored == 2);
  {
    Database db(dir.path);
    REQUIRE(db.exec("DROP TRIGGER refuse_purge"));
  }
  REQUIRE(eventually([&] { return dir.scalar("SELECT count(*) FROM app_purges WHERE finished_at_ms IS NULL") == 0; }));
  CHECK(dir.events_of("app_gone") == 0);
  CHECK(dir.events_of("app_kept") == 2);
}

TEST_CASE("The ClickHouse step waits for the SQLite purge and knows the highest id handed out") {
  PurgeDir dir;
  {
    auto store = open_store(dir, cs::kAppPurgeChunkRows);
    CHECK(store_batch(*store, "app_kept", batch("k", 3)).stored == 3);
    CHECK(store_batch(*store, "app_gone", batch("g", 4)).stored == 4);  // The newest rows: ids 4 to 7.
  }
  dir.record_deletion("app_gone");
  dir.record_deletion("app_done");
  std::string error;
  Database db(dir.path);
  auto state = cs::read_clickhouse_purges(db.handle(), &error);
  REQUIRE(state);
  CHECK(state->ready.empty());
  CHECK(state->waiting == 2);

  // The writer purges both (raising the ids' high-water mark first).
  auto store = open_store(dir, cs::kAppPurgeChunkRows);
  REQUIRE(eventually([&] { return dir.scalar("SELECT count(*) FROM app_purges WHERE finished_at_ms IS NULL") == 0; }));
  REQUIRE(cs::record_clickhouse_purge(db.handle(), "app_done", 5).empty());
  state = cs::read_clickhouse_purges(db.handle(), &error);
  REQUIRE(state);
  CHECK(state->ready == std::vector<std::string>{"app_gone"});
  CHECK(state->waiting == 0);
  // Its rows are gone, their ids are not: the exporter must pass them.
  CHECK(state->highest_event_id == 7);
  REQUIRE(cs::record_clickhouse_purge(db.handle(), "app_gone", 6).empty());
  state = cs::read_clickhouse_purges(db.handle(), &error);
  REQUIRE(state);
  CHECK(state->ready.empty());
  CHECK(dir.scalar("SELECT clickhouse_purged_at_ms FROM app_purges WHERE app_id = 'app_gone'") == 6);
}
