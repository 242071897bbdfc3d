#include "store/event_store.h"
#include "support/temp_database.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <string>
#include <thread>
#include <vector>

namespace cs = cairn::store;
namespace fs = std::filesystem;

namespace {

using cairn::testing::TempDatabase;

cs::StoredEvent event(std::string message_id, std::string user = "u1", std::string name = "Clicked") {
  cs::StoredEvent e;
  e.user = std::move(user);
  e.time_ms = 1000;
  e.received_ms = 2000;
  e.name = std::move(name);
  e.message_id = std::move(message_id);
  e.properties = R"({"plan":"pro"})";
  return e;
}

std::vector<cs::StoredEvent> events(const std::string& prefix, int n) {
  std::vector<cs::StoredEvent> out;
  for (int i = 0; i < n; ++i) out.push_back(event(prefix + std::to_string(i)));
  return out;
}

std::unique_ptr<cs::EventStore> open(const TempDatabase& db, cs::EventStore::Options options = {}) {
  options.path = db.path();
  std::string error;
  auto store = cs::EventStore::open(options, &error);
  INFO(error);
  REQUIRE(store);
  return store;
}

// Submits and waits for the outcome.
cs::WriteOutcome write(cs::EventStore& store, const std::string& app, std::vector<cs::StoredEvent> evs) {
  std::promise<cs::WriteOutcome> promise;
  auto future = promise.get_future();
  REQUIRE(store.submit(app, std::move(evs), [&](const cs::WriteOutcome& o) { promise.set_value(o); }) ==
          cs::Submit::queued);
  return future.get();
}

}  // namespace

TEST_CASE("EventStore stores events and answers after commit") {
  TempDatabase db;
  auto store = open(db);
  cs::WriteOutcome o = write(*store, "app_a", events("m", 5));
  CHECK(o.ok);
  CHECK(o.error.empty());
  CHECK(o.stored == 5);
  CHECK(o.duplicates == 0);
  // Visible to another connection at once: committed, not merely queued.
  CHECK(db.count("SELECT COUNT(*) FROM events") == 5);
  CHECK(db.count("SELECT COUNT(*) FROM events WHERE properties = '{\"plan\":\"pro\"}' AND time_ms = 1000 "
                 "AND received_ms = 2000 AND extra IS NULL AND anonymous_id IS NULL") == 5);
  CHECK(store->queued_events() == 0);
}

TEST_CASE("EventStore reports each commit's highest id before answering") {
  TempDatabase db;
  std::vector<std::int64_t> reported;  // Written and read on the writer thread only, then here after join.
  std::vector<std::size_t> reported_before_answer;
  std::size_t answers = 0;
  cs::EventStore::Options options;
  options.on_commit = [&](std::int64_t id) {
    reported.push_back(id);
    reported_before_answer.push_back(answers);
  };
  auto store = open(db, options);
  auto answer = [&](const std::string& app, std::vector<cs::StoredEvent> evs) {
    cs::WriteOutcome o = write(*store, app, std::move(evs));
    ++answers;
    return o;
  };
  CHECK(answer("app_a", events("m", 3)).stored == 3);
  CHECK(answer("app_b", events("m", 2)).stored == 2);
  CHECK(answer("app_a", events("m", 3)).duplicates == 3);  // Nothing new: no report.
  store->close();
  CHECK(reported == std::vector<std::int64_t>{3, 5});
  CHECK(reported_before_answer == std::vector<std::size_t>{0, 1});
  CHECK(db.count("SELECT MAX(id) FROM events") == 5);
}

TEST_CASE("EventStore dictionary-encodes apps, users and names") {
  TempDatabase db;
  auto store = open(db);
  std::vector<cs::StoredEvent> a = {event("1", "alice", "Signed Up"), event("2", "bob", "Signed Up"),
                                    event("3", "alice", "$page")};
  a[2].anonymous_id = "anon-1";
  a[2].type = 1;
  CHECK(write(*store, "app_a", std::move(a)).stored == 3);
  CHECK(write(*store, "app_b", {event("1", "alice", "Signed Up")}).stored == 1);
  store.reset();
  CHECK(db.count("SELECT COUNT(*) FROM event_apps") == 2);
  CHECK(db.count("SELECT COUNT(*) FROM event_names") == 2);
  CHECK(db.count("SELECT COUNT(*) FROM event_users") == 3);  // alice@a, bob@a, alice@b
  CHECK(db.count("SELECT COUNT(DISTINCT user) FROM events e JOIN event_apps a ON a.id = e.app "
                 "WHERE a.app_id = 'app_a'") == 2);
  CHECK(db.count("SELECT COUNT(*) FROM events WHERE type = 1 AND anonymous_id = 'anon-1'") == 1);
}

TEST_CASE("EventStore deduplicates by message id per app, across requests and restarts") {
  TempDatabase db;
  {
    auto store = open(db);
    cs::WriteOutcome first = write(*store, "app_a", {event("m1"), event("m2"), event("m1")});
    CHECK(first.stored == 2);
    CHECK(first.duplicates == 1);
    cs::WriteOutcome again = write(*store, "app_a", {event("m2"), event("m3")});
    CHECK(again.stored == 1);
    CHECK(again.duplicates == 1);
    // The same id in another app is another event.
    CHECK(write(*store, "app_b", {event("m1")}).stored == 1);
  }
  auto store = open(db);
  cs::WriteOutcome after_restart = write(*store, "app_a", {event("m1"), event("m4")});
  CHECK(after_restart.stored == 1);
  CHECK(after_restart.duplicates == 1);
  CHECK(db.count("SELECT COUNT(*) FROM events") == 5);
}

TEST_CASE("EventStore commits many requests in one transaction") {
  TempDatabase db;
  cairn::metrics::Registry registry;
  cs::EventStore::Options options;
  options.metrics = &registry;
  auto store = open(db, options);
  constexpr int kThreads = 4, kRequestsPerThread = 50;
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<std::future<void>> done;
      for (int r = 0; r < kRequestsPerThread; ++r) {
        auto promise = std::make_shared<std::promise<void>>();
        done.push_back(promise->get_future());
        std::string prefix = std::to_string(t) + "-" + std::to_string(r) + "-";
        while (store->submit("app", events(prefix, 10), [&, promise](const cs::WriteOutcome& o) {
          if (o.ok && o.stored == 10) ++ok;
          promise->set_value();
        }) != cs::Submit::queued) {
          std::this_thread::yield();
        }
      }
      for (auto& f : done) f.get();
    });
  }
  for (auto& t : threads) t.join();
  CHECK(ok == kThreads * kRequestsPerThread);
  CHECK(db.count("SELECT COUNT(*) FROM events") == kThreads * kRequestsPerThread * 10);
  std::string text = registry.render_prometheus();
  INFO(text);
  // Fewer commits than requests: requests shared transactions.
  auto& commits = registry.histogram("cairn_store_commit_requests", "", {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000});
  CHECK(commits.count() < static_cast<std::uint64_t>(kThreads * kRequestsPerThread));
  CHECK(commits.sum() == Approx(kThreads * kRequestsPerThread));
  CHECK(registry.counter("cairn_events_stored_total", "").value() == kThreads * kRequestsPerThread * 10);
}

TEST_CASE("EventStore refuses submissions beyond its queue bound until a commit frees room") {
  TempDatabase db;
  cs::EventStore::Options options;
  options.max_queued_events = 10;
  auto store = open(db, options);

  // Hold the writer inside the first request's completion: what is submitted
  // meanwhile stays queued.
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::promise<void> first_done;
  REQUIRE(store->submit("app", events("a", 3), [&](const cs::WriteOutcome&) {
    first_done.set_value();
    released.wait();
  }) == cs::Submit::queued);
  first_done.get_future().wait();
  CHECK(store->queued_events() == 0);  // Committed: its room is free.
  REQUIRE(store->submit("app", events("b0-", 6), nullptr) == cs::Submit::queued);
  std::promise<cs::WriteOutcome> second;
  REQUIRE(store->submit("app", events("b", 4), [&](const cs::WriteOutcome& o) { second.set_value(o); }) ==
          cs::Submit::queued);
  CHECK(store->queued_events() == 10);
  CHECK(store->submit("app", events("c", 1), nullptr) == cs::Submit::full);
  release.set_value();
  CHECK(second.get_future().get().stored == 4);
  // Room again.
  CHECK(write(*store, "app", events("c", 1)).stored == 1);
}

TEST_CASE("EventStore admits a request larger than the bound when the queue is empty") {
  TempDatabase db;
  cs::EventStore::Options options;
  options.max_queued_events = 3;
  options.max_events_per_commit = 2;
  auto store = open(db, options);
  CHECK(write(*store, "app", events("x", 5)).stored == 5);
}

TEST_CASE("EventStore::close commits everything queued and refuses new work") {
  TempDatabase db;
  auto store = open(db);
  std::atomic<int> completed{0};
  for (int i = 0; i < 20; ++i) {
    REQUIRE(store->submit("app", events("r" + std::to_string(i) + "-", 3), [&](const cs::WriteOutcome& o) {
      if (o.ok) ++completed;
    }) == cs::Submit::queued);
  }
  store->close();
  CHECK(completed == 20);
  CHECK(db.count("SELECT COUNT(*) FROM events") == 60);
  CHECK(store->submit("app", events("late", 1), nullptr) == cs::Submit::closed);
  store->close();  // Idempotent.
}

TEST_CASE("EventStore reports a failed commit to every request of the group and recovers") {
  TempDatabase db;
  {
    auto store = open(db);  // Creates the schema.
  }
  // Fault injection: any event whose properties mention "boom" aborts the transaction.
  db.exec("CREATE TRIGGER boom BEFORE INSERT ON events WHEN NEW.properties LIKE '%boom%' "
          "BEGIN SELECT RAISE(ABORT, 'injected failure'); END;");
  cairn::metrics::Registry registry;
  cs::EventStore::Options options;
  options.metrics = &registry;
  // What the operator's log is told (main.cpp logs it): before the answers.
  std::vector<std::pair<std::string, std::string>> reported;
  options.on_write_failure = [&](const std::string& what, const std::string& error) {
    reported.emplace_back(what, error);
  };
  auto store = open(db, options);
  std::vector<cs::StoredEvent> bad = {event("1", "new-user", "New Name"), event("2")};
  bad[1].properties = R"({"x":"boom"})";
  cs::WriteOutcome o = write(*store, "app_new", std::move(bad));
  CHECK_FALSE(o.ok);
  CHECK(o.error.find("injected failure") != std::string::npos);
  CHECK(o.stored == 0);
  CHECK(db.count("SELECT COUNT(*) FROM events") == 0);
  CHECK(db.count("SELECT COUNT(*) FROM event_users") == 0);  // Rolled back with it.
  CHECK(registry.counter("cairn_store_commit_failures_total", "").value() == 1);
  REQUIRE(reported.size() == 1);
  CHECK(reported[0].first == "group commit");
  CHECK(reported[0].second.find("injected failure") != std::string::npos);
  // The dictionaries forgot the rolled-back ids: the same user/name/app store fine.
  cs::WriteOutcome retry = write(*store, "app_new", {event("1", "new-user", "New Name")});
  CHECK(retry.ok);
  CHECK(retry.stored == 1);
  CHECK(reported.size() == 1);  // A success reports nothing.
  CHECK(db.count("SELECT COUNT(*) FROM events e JOIN event_users u ON u.id = e.user "
                 "JOIN event_names n ON n.id = e.name JOIN event_apps a ON a.id = e.app "
                 "WHERE u.user = 'new-user' AND n.name = 'New Name' AND a.app_id = 'app_new'") == 1);
}

TEST_CASE("EventStore::open reports an unusable path") {
  std::string error;
  cs::EventStore::Options options;
  options.path = "/nonexistent-dir/cairn.db";
  CHECK_FALSE(cs::EventStore::open(options, &error));
  CHECK(error.find("/nonexistent-dir/cairn.db") != std::string::npos);
}

namespace {

cs::ErasureOutcome erase(cs::EventStore& store, const std::string& app, const std::string& user) {
  std::promise<cs::ErasureOutcome> promise;
  auto future = promise.get_future();
  REQUIRE(store.erase_person(app, user, [&](const cs::ErasureOutcome& o) { promise.set_value(o); }) ==
          cs::Submit::queued);
  return future.get();
}

cs::StoredEvent identify(std::string message_id, std::string user, std::string anonymous_id) {
  cs::StoredEvent e = event(std::move(message_id), std::move(user), "$identify");
  e.type = 3;
  e.anonymous_id = std::move(anonymous_id);
  return e;
}

}  // namespace

TEST_CASE("EventStore erases a person, the anonymousIds linked to them and nobody else") {
  TempDatabase db;
  auto store = open(db);
  REQUIRE(write(*store, "app_a",
                {event("a1", "anon1"), event("a2", "anon1"), identify("i1", "jane", "anon1"), event("j1", "jane"),
                 identify("i2", "temp", "anon2"), event("t1", "temp"), identify("i3", "jane", "temp"),
                 event("b1", "bob"), identify("i4", "bob", "anon3"), event("a3", "anon3")})
              .ok);
  REQUIRE(write(*store, "app_b", {event("j1", "jane")}).ok);  // Same key, another app.
  cs::ErasureOutcome o = erase(*store, "app_a", "jane");
  REQUIRE(o.ok);
  CHECK(o.erased.events == 7);           // jane's 3, anon1's 2, temp's 2.
  CHECK(o.erased.user_keys == 3);        // jane, anon1, temp; anon2 never sent an event of its own.
  CHECK(o.erased.identity_links == 3);   // anon1, temp, anon2.
  CHECK(o.last_event_id == 11);
  CHECK(db.count("SELECT COUNT(*) FROM events WHERE app = 1") == 3);  // bob's two, anon3's one.
  CHECK(db.count("SELECT COUNT(*) FROM event_users WHERE user IN ('jane', 'anon1', 'temp', 'anon2') AND app = 1") == 0);
  CHECK(db.count("SELECT COUNT(*) FROM events AS e JOIN event_users AS u ON u.id = e.user "
                 "WHERE u.user = 'jane'") == 1);  // app_b's.
  CHECK(db.count("SELECT COUNT(*) FROM erased_messages") == 7);

  // An unknown person (or one erased already) erases nothing.
  cs::ErasureOutcome again = erase(*store, "app_a", "jane");
  REQUIRE(again.ok);
  CHECK(again.erased.events == 0);
  CHECK(again.erased.user_keys == 0);
  CHECK(erase(*store, "app_nobody", "jane").erased.events == 0);
}

TEST_CASE("EventStore records each erasure and the ids it resolved, for followers to repeat") {
  TempDatabase db;
  auto store = open(db);
  REQUIRE(write(*store, "app_a", {event("a1", "anon1"), identify("i1", "jane", "anon1"), event("b1", "bob")}).ok);
  REQUIRE(erase(*store, "app_a", "jane").ok);
  REQUIRE(erase(*store, "app_none", "zed").ok);  // Recorded too: a follower may hold zed's events.
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.path().c_str(), &raw) == SQLITE_OK);
  std::string error;
  auto recorded = cs::read_recorded_erasures(raw, 0, &error);
  REQUIRE(recorded);
  REQUIRE(recorded->size() == 2);
  CHECK((*recorded)[0].app_id == "app_a");
  CHECK((*recorded)[0].user_key == "jane");
  CHECK((*recorded)[0].ids == std::vector<std::string>{"jane", "anon1"});
  CHECK((*recorded)[0].erased_at_ms > 1'600'000'000'000);
  CHECK((*recorded)[1].ids == std::vector<std::string>{"zed"});
  CHECK((*recorded)[0].seq < (*recorded)[1].seq);
  auto none = cs::read_recorded_erasures(raw, (*recorded)[1].erased_at_ms + 60'000, &error);
  REQUIRE(none);
  CHECK(none->empty());
  sqlite3_close(raw);
}

TEST_CASE("EventStore: an erasure's cut-off, its metrics, and a replay's recorded step") {
  TempDatabase db;
  cairn::metrics::Registry registry;
  cs::EventStore::Options options;
  options.metrics = &registry;
  auto store = open(db, options);
  REQUIRE(write(*store, "app_a", {event("m1", "bob"), event("m2", "jane"), event("m3", "jane")}).ok);
  cs::ErasureOutcome o = erase(*store, "app_a", "jane");
  REQUIRE(o.ok);
  CHECK(o.cut_off_event_id == 3);  // Before the deletion: jane's rows were the newest.
  CHECK(o.last_event_id == 1);
  CHECK(o.primary_seq == 0);
  CHECK(registry.counter("cairn_person_erasures_total", "").value() == 1);
  CHECK(registry.counter("cairn_person_erased_events_total", "").value() == 2);

  // A follower's replay records its step (ids, cut-off) with the erasure.
  REQUIRE(write(*store, "app_a", {event("m4", "ann"), identify("i1", "ann", "anon1")}).ok);
  std::promise<cs::ErasureOutcome> promise;
  auto future = promise.get_future();
  REQUIRE(store->erase_person(
              "app_a", "ann", [&](const cs::ErasureOutcome& r) { promise.set_value(r); }, {"anon9"}, 42) ==
          cs::Submit::queued);
  const cs::ErasureOutcome replay = future.get();
  REQUIRE(replay.ok);
  CHECK(replay.primary_seq == 42);
  sqlite3* raw = nullptr;
  REQUIRE(sqlite3_open(db.path().c_str(), &raw) == SQLITE_OK);
  std::string error;
  cs::ReplayStep step;
  CHECK(cs::read_replay_step(raw, 42, &step, &error));
  CHECK(error.empty());
  std::sort(step.ids.begin() + 1, step.ids.end());
  CHECK(step.ids == std::vector<std::string>{"ann", "anon1", "anon9"});
  CHECK(step.cut_off_event_id == replay.cut_off_event_id);
  CHECK(step.last_event_id == replay.last_event_id);
  CHECK_FALSE(cs::read_replay_step(raw, 41, &step, &error));  // Never replayed.
  CHECK(error.empty());
  sqlite3_close(raw);
  CHECK(registry.counter("cairn_person_erasures_total", "").value() == 2);
  CHECK(registry.counter("cairn_person_erased_events_total", "").value() == 4);
}

TEST_CASE("EventStore: a retried erased message stays erased, new events are stored") {
  TempDatabase db;
  auto store = open(db);
  REQUIRE(write(*store, "app_a", {event("m1", "jane"), event("m2", "bob")}).ok);
  REQUIRE(erase(*store, "app_a", "jane").erased.events == 1);
  // The SDK's offline queue sends the same batch again, plus a new event.
  cs::WriteOutcome retry = write(*store, "app_a", {event("m1", "jane"), event("m2", "bob"), event("m3", "jane")});
  REQUIRE(retry.ok);
  CHECK(retry.stored == 1);
  CHECK(retry.duplicates == 2);
  CHECK(db.count("SELECT COUNT(*) FROM events WHERE message_id = 'm1'") == 0);
  // jane's new event got a fresh dictionary row (the writer's cache forgot the erased one).
  CHECK(db.count("SELECT COUNT(*) FROM events AS e JOIN event_users AS u ON u.id = e.user "
                 "WHERE u.user = 'jane' AND e.message_id = 'm3'") == 1);
  // The same message id in another app is not affected.
  CHECK(write(*store, "app_b", {event("m1", "jane")}).stored == 1);
}

TEST_CASE("EventStore: an erasure runs after every batch submitted before it") {
  TempDatabase db;
  cs::EventStore::Options options;
  options.max_events_per_commit = 1;  // One request per group: several groups queued.
  auto store = open(db, options);
  std::vector<std::future<cs::WriteOutcome>> writes;
  std::vector<std::promise<cs::WriteOutcome>> promises(20);
  for (int i = 0; i < 20; ++i) {
    writes.push_back(promises[static_cast<std::size_t>(i)].get_future());
    REQUIRE(store->submit("app_a", {event("m" + std::to_string(i), "jane")},
                          [&promises, i](const cs::WriteOutcome& o) { promises[static_cast<std::size_t>(i)].set_value(o); }) ==
            cs::Submit::queued);
  }
  cs::ErasureOutcome o = erase(*store, "app_a", "jane");
  for (auto& w : writes) CHECK(w.get().stored == 1);
  CHECK(o.erased.events == 20);
  CHECK(db.count("SELECT COUNT(*) FROM events") == 0);
}

TEST_CASE("EventStore: a failed erasure leaves everything in place") {
  TempDatabase db;
  auto store = open(db);
  REQUIRE(write(*store, "app_a", {event("m1", "jane"), identify("i1", "jane", "anon1"), event("m2", "anon1")}).ok);
  // A trigger makes the second DELETE fail half-way through the erasure.
  db.exec("CREATE TRIGGER no_anon BEFORE DELETE ON events WHEN OLD.message_id = 'm2' "
          "BEGIN SELECT RAISE(ABORT, 'refused'); END");
  cs::ErasureOutcome o = erase(*store, "app_a", "jane");
  CHECK_FALSE(o.ok);
  CHECK(o.error.find("refused") != std::string::npos);
  CHECK(db.count("SELECT COUNT(*) FROM events") == 3);
  CHECK(db.count("SELECT COUNT(*) FROM event_users") == 2);
  CHECK(db.count("SELECT COUNT(*) FROM erased_messages") == 0);
  // The store goes on working.
  CHECK(write(*store, "app_a", {event("m3", "jane")}).stored == 1);
}

TEST_CASE("EventStore: the ids of erased newest rows are never handed out again, across restarts") {
  TempDatabase db;
  const std::string id_of = "SELECT id FROM events WHERE message_id = ";
  {
    auto store = open(db);
    REQUIRE(write(*store, "app_a", {event("m1", "bob"), event("m2", "jane"), event("m3", "jane")}).ok);
    cs::ErasureOutcome o = erase(*store, "app_a", "jane");  // The two newest rows.
    REQUIRE(o.ok);
    CHECK(o.cut_off_event_id == 3);
    CHECK(db.count("SELECT coalesce(max(id), 0) FROM events") == 1);
    // SQLite alone would give id 2 again: a reader holding "everything up to 3"
    // (the analytics catch-up, the ClickHouse watermark) would skip the event.
    REQUIRE(write(*store, "app_a", {event("m4", "bob")}).ok);
    CHECK(db.count(id_of + "'m4'") == 4);
    REQUIRE(erase(*store, "app_a", "bob").erased.events == 2);  // Now nothing is left.
  }
  CHECK(db.count("SELECT COUNT(*) FROM events") == 0);
  auto reopened = open(db);
  REQUIRE(write(*reopened, "app_b", {event("m5", "ann")}).ok);
  CHECK(db.count(id_of + "'m5'") == 5);
}

TEST_CASE("EventStore cuts the -wal file back after a long reader let it grow") {
  TempDatabase db;
  cs::EventStore::Options options;
  options.wal_size_limit_bytes = 256 * 1024;
  auto store = open(db, options);
  REQUIRE(write(*store, "app", events("warm", 1)).ok);
  // A reader holding a snapshot (a backup's .backup) keeps every later frame in the log.
  sqlite3* reader = nullptr;
  REQUIRE(sqlite3_open(db.path().c_str(), &reader) == SQLITE_OK);
  REQUIRE(sqlite3_exec(reader, "BEGIN; SELECT count(*) FROM events;", nullptr, nullptr, nullptr) == SQLITE_OK);
  for (int i = 0; i < 40; ++i) {
    std::vector<cs::StoredEvent> batch = events("big" + std::to_string(i) + "_", 50);
    for (cs::StoredEvent& e : batch) e.properties = R"({"pad":")" + std::string(1000, 'x') + R"("})";
    REQUIRE(write(*store, "app", std::move(batch)).ok);
  }
  const std::string wal = db.path() + "-wal";
  const auto grown = fs::file_size(wal);
  CHECK(grown > 1024 * 1024);
  // The backup ends; a checkpoint (the collector's WalCheckpointer) copies the log.
  REQUIRE(sqlite3_exec(reader, "COMMIT;", nullptr, nullptr, nullptr) == SQLITE_OK);
  int log_frames = -1, copied = -1;
  REQUIRE(sqlite3_wal_checkpoint_v2(reader, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log_frames, &copied) == SQLITE_OK);
  CHECK(log_frames == copied);
  sqlite3_close(reader);
  // The next commit restarts the log from its start and cuts the file back.
  REQUIRE(write(*store, "app", events("after", 1)).ok);
  CHECK(fs::file_size(wal) <= 256 * 1024);
}
