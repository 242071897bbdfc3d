// Retention (retention.h) through the event store, with an injected clock:
// which events and users go, in chunks, at start and when asked or due,
// what stays, and what /metrics counts.
#include "store/retention.h"

#include "metrics/metrics.h"
#include "store/event_store.h"
#include "store/schema.h"
#include "support/temp_database.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <functional>
#include <set>
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

constexpr std::int64_t kDayMs = 24LL * 60 * 60 * 1000;

using cairn::testing::TempDatabase;

// `n` events of `user` received on day `day`, message ids prefix0...
std::vector<cs::StoredEvent> received_on(int day, const std::string& prefix, int n, const std::string& user) {
  std::vector<cs::StoredEvent> out;
  for (int i = 0; i < n; ++i) {
    cs::StoredEvent e;
    e.user = user;
    e.time_ms = day * kDayMs;
    e.received_ms = day * kDayMs;
    e.name = "Clicked";
    e.message_id = prefix + std::to_string(i);
    out.push_back(std::move(e));
  }
  return out;
}

cs::WriteOutcome write(cs::EventStore& store, const std::string& app, std::vector<cs::StoredEvent> evs) {
  std::promise<cs::WriteOutcome> promise;
  auto future = promise.get_future();
  REQUIRE(store.submit(app, std::move(evs), [&](const cs::WriteOutcome& o) { promise.set_value(o); }) ==
          cs::Submit::queued);
  return future.get();
}

// The passes a store reports, waited for one at a time.
class Passes {
 public:
  std::function<void(const cs::RetentionPass&)> callback() {
    return [this](const cs::RetentionPass& pass) {
      std::lock_guard lock(mutex_);
      passes_.push_back(pass);
      changed_.notify_all();
    };
  }
  // The `n`th pass (1-based), waiting up to 10 s for it.
  cs::RetentionPass nth(std::size_t n) {
    std::unique_lock lock(mutex_);
    REQUIRE(changed_.wait_for(lock, std::chrono::seconds(10), [&] { return passes_.size() >= n; }));
    return passes_[n - 1];
  }
  std::size_t size() {
    std::lock_guard lock(mutex_);
    return passes_.size();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<cs::RetentionPass> passes_;
};

std::unique_ptr<cs::EventStore> open_store(const TempDatabase& dir, cs::EventStore::Options options) {
  options.path = dir.path();
  std::string error;
  auto store = cs::EventStore::open(options, &error);
  INFO(error);
  REQUIRE(store);
  return store;
}

}  // namespace

TEST_CASE("retention deletes at start the events received before the period, and the users they leave") {
  TempDatabase dir;
  {
    auto keeper = open_store(dir, {});  // No retention: everything is kept.
    REQUIRE(write(*keeper, "app_a", received_on(10, "old", 5, "old-user")).stored == 5);
    REQUIRE(write(*keeper, "app_b", received_on(12, "old", 2, "both")).stored == 2);
    REQUIRE(write(*keeper, "app_b", received_on(95, "young", 3, "both")).stored == 3);
    REQUIRE(write(*keeper, "app_c", received_on(96, "young", 1, "young-user")).stored == 1);
  }
  std::atomic<std::int64_t> now{100 * kDayMs};
  Passes passes;
  cairn::metrics::Registry registry;
  cs::EventStore::Options options;
  options.retention_ms = 30 * kDayMs;
  options.retention_chunk_rows = 2;  // Seven expired rows: four chunks.
  options.now_ms = [&now] { return now.load(); };
  options.on_retention = passes.callback();
  options.metrics = &registry;
  auto store = open_store(dir, options);

  const cs::RetentionPass pass = passes.nth(1);
  CHECK(pass.cut_off_ms == 70 * kDayMs);
  CHECK(pass.events == 7);
  CHECK(pass.users == 1);  // old-user; "both" still has young events.
  CHECK(pass.apps == std::set<std::string>{"app_a", "app_b"});
  CHECK(dir.count("SELECT count(*) FROM events") == 4);
  CHECK(dir.count("SELECT count(*) FROM events WHERE received_ms < " + std::to_string(70 * kDayMs)) == 0);
  CHECK(dir.count("SELECT count(*) FROM event_users WHERE user = 'old-user'") == 0);
  CHECK(dir.count("SELECT count(*) FROM event_users WHERE user IN ('both', 'young-user')") == 2);
  const std::string metrics = registry.render_prometheus();
  CHECK(metrics.find("cairn_retention_events_deleted_total 7") != std::string::npos);
  CHECK(metrics.find("cairn_retention_users_deleted_total 1") != std::string::npos);
  CHECK(metrics.find("cairn_retention_passes_total 1") != std::string::npos);
  CHECK(metrics.find("cairn_retention_period_seconds 2592000") != std::string::npos);
  CHECK(metrics.find("cairn_retention_last_pass_timestamp_seconds " + std::to_string(100 * kDayMs / 1000)) !=
        std::string::npos);
}

TEST_CASE("retention follows the clock: asked again later, it deletes what expired meanwhile") {
  TempDatabase dir;
  std::atomic<std::int64_t> now{20 * kDayMs};
  Passes passes;
  cs::EventStore::Options options;
  options.retention_ms = 30 * kDayMs;
  options.now_ms = [&now] { return now.load(); };
  options.on_retention = passes.callback();
  auto store = open_store(dir, options);
  CHECK(passes.nth(1).events == 0);  // The pass at start: nothing that old.
  REQUIRE(write(*store, "app_a", received_on(5, "m", 3, "u1")).stored == 3);
  REQUIRE(write(*store, "app_a", received_on(15, "n", 2, "u1")).stored == 2);

  now = 40 * kDayMs;  // Day 5 is now 35 days ago, day 15 only 25.
  store->expire_old_events();
  const cs::RetentionPass second = passes.nth(2);
  CHECK(second.events == 3);
  CHECK(second.users == 0);
  CHECK(dir.count("SELECT count(*) FROM events") == 2);

  now = 50 * kDayMs;
  store->expire_old_events();
  CHECK(passes.nth(3).events == 2);
  CHECK(passes.nth(3).users == 1);
  CHECK(dir.count("SELECT count(*) FROM events") == 0);
  CHECK(dir.count("SELECT count(*) FROM event_users") == 0);

  // The same user comes back: its cached dictionary id was deleted, so a new
  // row is made, and the event gets an id above every expired one.
  REQUIRE(write(*store, "app_a", received_on(50, "back", 1, "u1")).stored == 1);
  CHECK(dir.count("SELECT count(*) FROM events e JOIN event_users u ON u.id = e.user AND u.app = e.app "
                  "WHERE u.user = 'u1'") == 1);
  CHECK(dir.count("SELECT min(id) FROM events") == 6);
}

TEST_CASE("retention runs again every interval without being asked") {
  TempDatabase dir;
  std::atomic<std::int64_t> now{20 * kDayMs};
  Passes passes;
  cs::EventStore::Options options;
  options.retention_ms = 30 * kDayMs;
  options.retention_interval = std::chrono::milliseconds(20);
  options.now_ms = [&now] { return now.load(); };
  options.on_retention = passes.callback();
  auto store = open_store(dir, options);
  REQUIRE(write(*store, "app_a", received_on(5, "m", 3, "u1")).stored == 3);
  now = 40 * kDayMs;
  // Some later pass, not asked for, finds the three rows expired.
  std::size_t deleted = 0;
  for (std::size_t n = 1; deleted < 3 && n < 1000; ++n) deleted += passes.nth(n).events;
  CHECK(deleted == 3);
  CHECK(dir.count("SELECT count(*) FROM events") == 0);
}

TEST_CASE("retention keeps the expired events a copy has not got yet, and deletes them once it has them") {
  // The ClickHouse export's watermark stands still while ClickHouse is down
  // for longer than the period: the events it has not sent must not go.
  TempDatabase dir;
  {
    auto keeper = open_store(dir, {});
    REQUIRE(write(*keeper, "app_a", received_on(10, "old", 5, "u1")).stored == 5);   // Ids 1-5.
    REQUIRE(write(*keeper, "app_a", received_on(95, "young", 2, "u2")).stored == 2);  // Ids 6-7.
  }
  std::atomic<std::int64_t> exported_through{2};
  Passes passes;
  cairn::metrics::Registry registry;
  cs::EventStore::Options options;
  options.retention_ms = 30 * kDayMs;
  options.retention_chunk_rows = 2;  // The count of what is kept walks in windows too.
  options.retention_interval = std::chrono::hours(1);
  options.retention_hold_recheck = std::chrono::milliseconds(20);
  options.retention_keeps_after = [&exported_through] { return exported_through.load(); };
  options.now_ms = [] { return 100 * kDayMs; };
  options.on_retention = passes.callback();
  options.metrics = &registry;
  auto store = open_store(dir, options);

  const cs::RetentionPass first = passes.nth(1);
  CHECK(first.events == 2);
  CHECK(first.held_back == 3);
  CHECK(first.kept_after_event_id == 2);
  CHECK(first.users == 0);  // u1 still has its kept events.
  CHECK(dir.count("SELECT min(id) FROM events") == 3);
  CHECK(dir.count("SELECT count(*) FROM events") == 5);
  CHECK(registry.render_prometheus().find("cairn_retention_events_held_back 3") != std::string::npos);

  // The copy moves, but not past every kept event: no pass before the interval.
  exported_through = 4;
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  CHECK(passes.size() == 1);
  CHECK(dir.count("SELECT count(*) FROM events") == 5);

  // It has them all: the next pass comes at once, not an hour later.
  exported_through = 7;
  const cs::RetentionPass second = passes.nth(2);
  CHECK(second.events == 3);
  CHECK(second.held_back == 0);
  CHECK(second.users == 1);
  CHECK(dir.count("SELECT count(*) FROM events") == 2);
  CHECK(registry.render_prometheus().find("cairn_retention_events_held_back 0") != std::string::npos);
}

TEST_CASE("count_held_back_chunk counts the expired rows after the hold in bounded windows and deletes none") {
  TempDatabase dir;
  {
    auto store = open_store(dir, {});
    REQUIRE(write(*store, "app_a", received_on(1, "a", 3, "u1")).stored == 3);    // Ids 1-3.
    REQUIRE(write(*store, "app_a", received_on(9, "b", 1, "u1")).stored == 1);    // Id 4, younger.
    REQUIRE(write(*store, "app_a", received_on(2, "c", 2, "u2")).stored == 2);    // Ids 5-6.
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(dir.path().c_str(), &db) == SQLITE_OK);
  cs::RetentionChunk chunk;
  // The hold at id 1: ids 2 and 3 are the first window, both expired.
  REQUIRE(cs::count_held_back_chunk(db, 5 * kDayMs, 1, 2, &chunk).empty());
  CHECK(chunk.held == 2);
  CHECK(chunk.last_held_id == 3);
  CHECK(chunk.next_id == 3);
  CHECK_FALSE(chunk.finished);
  // Ids 4 (young) and 5: the walk stops there, as the deletion would.
  REQUIRE(cs::count_held_back_chunk(db, 5 * kDayMs, chunk.next_id, 2, &chunk).empty());
  CHECK(chunk.held == 1);
  CHECK(chunk.last_held_id == 5);
  CHECK(chunk.finished);
  // Past the last row: nothing.
  REQUIRE(cs::count_held_back_chunk(db, 5 * kDayMs, 6, 2, &chunk).empty());
  CHECK(chunk.held == 0);
  CHECK(chunk.next_id == 6);
  CHECK(chunk.finished);
  // The deletion stops at the hold.
  REQUIRE(cs::expire_events_chunk(db, 5 * kDayMs, 1, 10, &chunk).empty());
  CHECK(chunk.deleted == 1);
  CHECK(chunk.finished);
  sqlite3_close(db);
  CHECK(dir.count("SELECT count(*) FROM events") == 5);
}

TEST_CASE("retention is off unless configured: old events stay, even when a pass is asked for") {
  TempDatabase dir;
  Passes passes;
  cs::EventStore::Options options;
  options.now_ms = [] { return 1000 * kDayMs; };
  options.on_retention = passes.callback();
  auto store = open_store(dir, options);
  REQUIRE(write(*store, "app_a", received_on(1, "m", 3, "u1")).stored == 3);
  store->expire_old_events();
  // The writer handles requests in order: a later commit's answer comes after the request.
  REQUIRE(write(*store, "app_a", received_on(1, "n", 1, "u1")).stored == 1);
  store->close();
  CHECK(passes.size() == 0);
  CHECK(dir.count("SELECT count(*) FROM events") == 4);
}

TEST_CASE("expire_events_chunk looks at a bounded window of the oldest rows and deletes the expired among them") {
  TempDatabase dir;
  {
    auto store = open_store(dir, {});
    REQUIRE(write(*store, "app_a", received_on(1, "a", 3, "u1")).stored == 3);
    REQUIRE(write(*store, "app_a", received_on(9, "b", 1, "u1")).stored == 1);  // Younger, in between.
    REQUIRE(write(*store, "app_a", received_on(2, "c", 2, "u2")).stored == 2);  // A clock stepped back.
  }
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open(dir.path().c_str(), &db) == SQLITE_OK);
  cs::RetentionChunk chunk;
  REQUIRE(cs::expire_events_chunk(db, 5 * kDayMs, cs::kNoRetentionHold, 2, &chunk).empty());
  CHECK(chunk.deleted == 2);
  CHECK_FALSE(chunk.finished);
  CHECK(chunk.apps == std::set<std::string>{"app_a"});
  // The next window holds the third old row and the younger one: the walk stops there.
  REQUIRE(cs::expire_events_chunk(db, 5 * kDayMs, cs::kNoRetentionHold, 2, &chunk).empty());
  CHECK(chunk.deleted == 1);
  CHECK(chunk.finished);
  CHECK(dir.count("SELECT count(*) FROM events") == 3);
  // The rows behind the younger one go once it expires too.
  REQUIRE(cs::expire_events_chunk(db, 10 * kDayMs, cs::kNoRetentionHold, 10, &chunk).empty());
  CHECK(chunk.deleted == 3);
  CHECK(chunk.finished);

  // Users: a window of one at a time, the cursor moving past each.
  REQUIRE(cs::expire_orphan_users_chunk(db, 0, 1, &chunk).empty());
  CHECK(chunk.deleted == 1);
  CHECK_FALSE(chunk.finished);
  REQUIRE(cs::expire_orphan_users_chunk(db, chunk.next_id, 1, &chunk).empty());
  CHECK(chunk.deleted == 1);
  REQUIRE(cs::expire_orphan_users_chunk(db, chunk.next_id, 1, &chunk).empty());
  CHECK(chunk.deleted == 0);
  CHECK(chunk.finished);
  sqlite3_close(db);
  CHECK(dir.count("SELECT count(*) FROM event_users") == 0);
}

TEST_CASE("retention takes an expired identify's email and name out of the people index and keeps a newer one's") {
  TempDatabase dir;
  auto identify = [](const std::string& user, int day, const std::string& email) {
    std::vector<cs::StoredEvent> out = received_on(day, "id-" + user + std::to_string(day), 1, user);
    out[0].type = 3;
    out[0].name = "$identify";
    out[0].extra = R"({"traits":{"email":")" + email + R"("}})";
    return out;
  };
  {
    auto store = open_store(dir, {});
    REQUIRE(write(*store, "app", identify("gone", 10, "gone@acme.io")).stored == 1);
    // Identified long ago, still active since: the identify expires, the person stays.
    REQUIRE(write(*store, "app", identify("stale", 11, "stale@acme.io")).stored == 1);
    REQUIRE(write(*store, "app", received_on(95, "late", 1, "stale")).stored == 1);
    REQUIRE(write(*store, "app", identify("kept", 12, "old@acme.io")).stored == 1);
    REQUIRE(write(*store, "app", identify("kept", 96, "kept@acme.io")).stored == 1);
    // Traits merge (people_index.h): the name only an expired identify set goes with it.
    std::vector<cs::StoredEvent> named = identify("merged", 13, "merged-old@acme.io");
    named[0].extra = R"({"traits":{"email":"merged-old@acme.io","name":"Merged Name"}})";
    REQUIRE(write(*store, "app", named).stored == 1);
    REQUIRE(write(*store, "app", identify("merged", 97, "merged@acme.io")).stored == 1);
    REQUIRE(dir.count("SELECT count(*) FROM people WHERE name = 'Merged Name'") == 1);
    REQUIRE(dir.count("SELECT count(*) FROM people") == 4);
  }
  std::atomic<std::int64_t> now{100 * kDayMs};
  Passes passes;
  cs::EventStore::Options options;
  options.retention_ms = 30 * kDayMs;
  options.now_ms = [&now] { return now.load(); };
  options.on_retention = passes.callback();
  auto store = open_store(dir, options);
  CHECK(passes.nth(1).events == 4);
  CHECK(dir.count("SELECT count(*) FROM people") == 2);
  CHECK(dir.count("SELECT count(*) FROM people WHERE email = 'kept@acme.io'") == 1);
  CHECK(dir.count("SELECT count(*) FROM people WHERE email = 'merged@acme.io' AND name IS NULL "
                  "AND name_folded IS NULL") == 1);
  CHECK(dir.count("SELECT count(*) FROM event_users WHERE user = 'stale'") == 1);
}

TEST_CASE("a retention pass drops the records of person erasures older than the followers' replay window") {
  // Before, person_erasures kept every erased person's user keys for good,
  // though nothing reads them after kErasureReplayDays.
  TempDatabase dir;
  std::vector<std::int64_t> seqs;
  {
    auto keeper = open_store(dir, {});
    for (const char* user : {"gone-long-ago", "at-the-window", "recent"}) {
      REQUIRE(write(*keeper, "app_a", received_on(1000, user, 1, user)).stored == 1);
      std::promise<cs::ErasureOutcome> promise;
      REQUIRE(keeper->erase_person("app_a", user, [&](const cs::ErasureOutcome& o) { promise.set_value(o); }) ==
              cs::Submit::queued);
      const cs::ErasureOutcome outcome = promise.get_future().get();
      REQUIRE(outcome.ok);
      seqs.push_back(outcome.erased.seq);
    }
  }
  const std::int64_t now = 1000 * kDayMs;
  const auto at = [&](std::size_t i, std::int64_t erased_at_ms) {
    dir.exec("UPDATE person_erasures SET erased_at_ms = " + std::to_string(erased_at_ms) +
             " WHERE seq = " + std::to_string(seqs[i]));
  };
  at(0, now - (cs::kErasureRecordDays + 1) * kDayMs);
  at(1, now - cs::kErasureReplayDays * kDayMs);  // Still sent to followers.
  at(2, now - kDayMs);
  // As on a follower: its replay step of the old erasure points at its record.
  dir.exec("INSERT INTO erasure_replay_steps (primary_seq, local_seq, cut_off_event_id, last_event_id) VALUES "
           "(77, " + std::to_string(seqs[0]) + ", 1, 1), (78, " + std::to_string(seqs[2]) + ", 3, 3)");

  Passes passes;
  cs::EventStore::Options options;
  options.retention_ms = 3650 * kDayMs;  // No event is that old: only the records go.
  options.retention_chunk_rows = 1;
  options.now_ms = [now] { return now; };
  options.on_retention = passes.callback();
  auto store = open_store(dir, options);
  const cs::RetentionPass pass = passes.nth(1);
  CHECK(pass.events == 0);
  CHECK(pass.erasure_records == 1);
  CHECK(dir.count("SELECT count(*) FROM person_erasures") == 2);
  CHECK(dir.count("SELECT count(*) FROM person_erasures WHERE user_key = 'gone-long-ago'") == 0);
  CHECK(dir.count("SELECT count(*) FROM person_erasure_ids WHERE seq = " + std::to_string(seqs[0])) == 0);
  CHECK(dir.count("SELECT count(*) FROM person_erasure_ids") == 2);
  CHECK(dir.count("SELECT count(*) FROM erasure_replay_steps") == 1);
  CHECK(dir.count("SELECT local_seq FROM erasure_replay_steps") == seqs[2]);
}

TEST_CASE("a retention pass cut short while deleting users (a full disk) deletes them in the next pass") {
  // Before, the retry deleted no event, so it skipped the users' walk: the
  // user keys of people whose every event expired stayed for good.
  TempDatabase dir;
  {
    auto keeper = open_store(dir, {});
    REQUIRE(write(*keeper, "app_a", received_on(10, "old", 2, "old-user")).stored == 2);
    REQUIRE(write(*keeper, "app_a", received_on(95, "young", 1, "young-user")).stored == 1);
  }
  // Fault injection: deleting a user fails, as a full disk would.
  dir.exec("CREATE TRIGGER injected_full BEFORE DELETE ON event_users "
           "BEGIN SELECT RAISE(ABORT, 'injected: database or disk is full'); END");
  std::atomic<std::int64_t> now{100 * kDayMs};
  Passes passes;
  cairn::metrics::Registry registry;
  cs::EventStore::Options options;
  options.retention_ms = 30 * kDayMs;
  options.purge_retry_delay = std::chrono::hours(1);  // The test asks for the retry itself.
  options.now_ms = [&now] { return now.load(); };
  options.on_retention = passes.callback();
  options.metrics = &registry;
  auto store = open_store(dir, options);
  for (int i = 0; i < 1000 && registry.render_prometheus().find("cairn_retention_failures_total 1") == std::string::npos;
       ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  REQUIRE(registry.render_prometheus().find("cairn_retention_failures_total 1") != std::string::npos);
  CHECK(dir.count("SELECT count(*) FROM events") == 1);  // The events' chunk committed.
  CHECK(dir.count("SELECT count(*) FROM event_users WHERE user = 'old-user'") == 1);
  CHECK(passes.size() == 0);

  dir.exec("DROP TRIGGER injected_full");
  store->expire_old_events();
  const cs::RetentionPass pass = passes.nth(1);
  CHECK(pass.events == 0);
  CHECK(pass.users == 1);
  CHECK(dir.count("SELECT count(*) FROM event_users WHERE user = 'old-user'") == 0);
  CHECK(dir.count("SELECT count(*) FROM event_users WHERE user = 'young-user'") == 1);
}

TEST_CASE("the first retention pass after a start walks the users even when no event expires (a pass killed mid-way)") {
  TempDatabase dir;
  {
    auto keeper = open_store(dir, {});
    REQUIRE(write(*keeper, "app_a", received_on(10, "old", 2, "old-user")).stored == 2);
  }
  // As a collector killed (kill -9) after the events' chunks and before the
  // users' walk leaves it: the user without any event.
  dir.exec("DELETE FROM events");
  Passes passes;
  cs::EventStore::Options options;
  options.retention_ms = 30 * kDayMs;
  options.now_ms = [] { return 100 * kDayMs; };
  options.on_retention = passes.callback();
  auto store = open_store(dir, options);
  const cs::RetentionPass first = passes.nth(1);
  CHECK(first.events == 0);
  CHECK(first.users == 1);
  CHECK(dir.count("SELECT count(*) FROM event_users") == 0);
  // A user with a young event is kept by the next pass.
  REQUIRE(write(*store, "app_a", received_on(99, "new", 1, "new-user")).stored == 1);
  store->expire_old_events();
  CHECK(passes.nth(2).users == 0);
  CHECK(dir.count("SELECT count(*) FROM event_users") == 1);
}
