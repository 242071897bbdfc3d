#include "cluster/erasure_replay.h"
#include "cluster/metadata_snapshot.h"
#include "cluster/snapshot_apply.h"

#include "admin/schema.h"
#include "clock/wall_clock.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <future>

using namespace cairn;

namespace {

constexpr std::int64_t kNow = 1'000;  // When the follower applies (not checked).
constexpr std::int64_t kDayMs = 24 * 3600 * 1000;

// One collector: its database file, opened by the admin side and the event store as in production.
class Collector {
 public:
  Collector() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cairn-replay-XXXXXX").string();
    dir_ = mkdtemp(pattern.data());
    db_ = std::make_unique<admin::Database>(dir_ + "/cairn.db");
    REQUIRE(admin::migrate_admin_schema(db_->handle()).empty());
    apps_ = std::make_unique<admin::AppDirectory>(*db_);
    guides_ = std::make_unique<guides::GuideStore>(*db_);
    store::EventStore::Options options;
    options.path = dir_ + "/cairn.db";
    std::string error;
    store_ = store::EventStore::open(options, &error);
    REQUIRE(store_);
  }
  ~Collector() {
    store_->close();
    std::filesystem::remove_all(dir_);
  }

  // Stores events of app_a: "user/message" or "user/message/anonymousId" (an identify).
  store::WriteOutcome write(const std::vector<std::string>& specs) {
    std::vector<store::StoredEvent> events;
    for (const std::string& spec : specs) {
      store::StoredEvent e;
      const auto slash = spec.find('/'), second = spec.find('/', slash + 1);
      e.user = spec.substr(0, slash);
      e.message_id = spec.substr(slash + 1, second == std::string::npos ? second : second - slash - 1);
      e.name = "Clicked";
      if (second != std::string::npos) {
        e.type = 3;
        e.name = "$identify";
        e.anonymous_id = spec.substr(second + 1);
      }
      events.push_back(std::move(e));
    }
    std::promise<store::WriteOutcome> promise;
    auto future = promise.get_future();
    REQUIRE(store_->submit("app_a", std::move(events), [&](const store::WriteOutcome& o) { promise.set_value(o); }) ==
            store::Submit::queued);
    return future.get();
  }

  void erase(const std::string& key) {
    std::promise<store::ErasureOutcome> promise;
    auto future = promise.get_future();
    REQUIRE(store_->erase_person("app_a", key, [&](const store::ErasureOutcome& o) { promise.set_value(o); }) ==
            store::Submit::queued);
    REQUIRE(future.get().ok);
  }

  std::int64_t count(const std::string& sql) {
    admin::Statement s(db_->handle(), sql);
    REQUIRE(s.step());
    return s.integer(0);
  }

  // The snapshot as a follower receives it: serialized and parsed.
  cluster::MetadataSnapshot snapshot(std::int64_t now_ms = wall_clock_ms()) {
    std::string error;
    auto read = cluster::read_snapshot(*db_, *apps_, *guides_, now_ms, &error);
    REQUIRE(read);
    auto parsed = cluster::parse_snapshot(cluster::serialize_snapshot(*read), &error);
    INFO(error);
    REQUIRE(parsed);
    return *parsed;
  }

  // What the follower does with a snapshot; `forget` stands for the analytics index and ClickHouse.
  cluster::ReplayResult follow(const cluster::MetadataSnapshot& s, const cluster::ForgetErased& forget,
                               metrics::Registry* metrics = nullptr) {
    REQUIRE(cluster::apply_snapshot(s, *db_, *apps_, kNow).empty());
    return cluster::replay_erasures(s.erasures, *db_, *store_, forget, kNow, metrics);
  }

 private:
  std::string dir_;
  std::unique_ptr<admin::Database> db_;
  std::unique_ptr<admin::AppDirectory> apps_;
  std::unique_ptr<guides::GuideStore> guides_;
  std::unique_ptr<store::EventStore> store_;
};

}  // namespace

TEST_CASE("a follower repeats the primary's erasure once: its own events, the linked ids, nobody else") {
  Collector primary, follower;
  // anon_p was linked to jane on the primary only; anon_f on the follower only.
  REQUIRE(primary.write({"anon_p/p1", "jane/p2/anon_p", "bob/p3"}).ok);
  REQUIRE(follower.write({"jane/f1", "anon_p/f2", "jane/f3/anon_f", "anon_f/f4", "bob/f5", "anon_x/f6"}).ok);
  primary.erase("jane");
  const cluster::MetadataSnapshot snapshot = primary.snapshot();
  REQUIRE(snapshot.erasures.size() == 1);
  CHECK(snapshot.erasures[0].ids == std::vector<std::string>{"jane", "anon_p"});

  std::vector<std::string> forgotten;
  const auto forget = [&forgotten](const std::string& app_id, const store::ErasureOutcome& o) {
    CHECK(app_id == "app_a");
    forgotten = o.erased.ids;
    return std::string();
  };
  cluster::ReplayResult result = follower.follow(snapshot, forget);
  CHECK(result.error.empty());
  CHECK(result.replayed == 1);
  CHECK(result.events == 4);  // f1, f2, f3 (the identify), f4.
  CHECK(follower.count("SELECT COUNT(*) FROM events") == 2);  // bob's and anon_x's.
  CHECK(follower.count("SELECT COUNT(*) FROM erased_messages") == 4);
  std::sort(forgotten.begin(), forgotten.end());
  CHECK(forgotten == std::vector<std::string>{"anon_f", "anon_p", "jane"});

  // A retried batch of an erased event is refused here too; jane's new events are kept.
  store::WriteOutcome retry = follower.write({"jane/f1", "jane/f7"});
  CHECK(retry.duplicates == 1);
  CHECK(retry.stored == 1);

  // The same snapshot again (a restart, the next change on the primary) erases nothing more.
  forgotten.clear();
  result = follower.follow(snapshot, forget);
  CHECK(result.error.empty());
  CHECK(result.replayed == 0);
  CHECK(forgotten.empty());
  CHECK(follower.count("SELECT COUNT(*) FROM events") == 3);
}

TEST_CASE("a replay whose derived copy cannot forget is repeated by the next snapshot") {
  Collector primary, follower;
  REQUIRE(follower.write({"jane/f1", "bob/f2"}).ok);
  primary.erase("jane");  // The primary never saw jane's events: recorded anyway.
  const cluster::MetadataSnapshot snapshot = primary.snapshot();
  REQUIRE(snapshot.erasures.size() == 1);

  cluster::ReplayResult failed =
      follower.follow(snapshot, [](const std::string&, const store::ErasureOutcome&) { return std::string("down"); });
  CHECK(failed.error.find("down") != std::string::npos);
  CHECK(failed.replayed == 0);
  CHECK(follower.count("SELECT COUNT(*) FROM events") == 1);  // The SQLite rows are gone already.

  int calls = 0;
  cluster::ReplayResult retried = follower.follow(snapshot, [&calls](const std::string&, const store::ErasureOutcome&) {
    ++calls;
    return std::string();
  });
  CHECK(retried.error.empty());
  CHECK(retried.replayed == 1);
  CHECK(calls == 1);
}

TEST_CASE("a replay's retry forgets what its first attempt erased, and keeps the events stored since") {
  Collector primary, follower;
  REQUIRE(primary.write({"jane/p1", "anon_p/p2", "jane/p3/anon_p"}).ok);
  REQUIRE(follower.write({"jane/f1", "bob/f2", "jane/f3/anon_f"}).ok);
  primary.erase("jane");
  const cluster::MetadataSnapshot snapshot = primary.snapshot();
  REQUIRE(snapshot.erasures.size() == 1);
  metrics::Registry registry;

  // ClickHouse is down: the SQLite step commits, the derived copies keep the person.
  store::ErasureOutcome first;
  cluster::ReplayResult failed = follower.follow(
      snapshot,
      [&first](const std::string&, const store::ErasureOutcome& o) {
        first = o;
        return std::string("ClickHouse refused the deletion: down");
      },
      &registry);
  CHECK(failed.error.find("down") != std::string::npos);
  CHECK(first.cut_off_event_id == 3);
  CHECK(first.primary_seq == snapshot.erasures[0].seq);
  CHECK(follower.count("SELECT COUNT(*) FROM events") == 1);  // bob's.
  CHECK(registry.counter(cluster::kReplayFailuresMetric, "").value() == 1);

  // jane comes back before the next snapshot: new data, not the erasure's.
  REQUIRE(follower.write({"jane/f4", "anon_f/f5"}).ok);
  store::ErasureOutcome retried;
  cluster::ReplayResult result = follower.follow(
      snapshot,
      [&retried](const std::string&, const store::ErasureOutcome& o) {
        retried = o;
        return std::string();
      },
      &registry);
  CHECK(result.error.empty());
  CHECK(result.replayed == 1);
  CHECK(result.events == 0);  // Nothing erased again.
  CHECK(follower.count("SELECT COUNT(*) FROM events") == 3);  // bob's, jane's f4, anon_f's f5.
  // The copies forget exactly what the first attempt covered: same ids, same cut-off.
  CHECK(retried.ok);
  REQUIRE(retried.erased.ids.size() == 3);
  CHECK(retried.erased.ids.front() == "jane");
  std::sort(first.erased.ids.begin(), first.erased.ids.end());
  std::sort(retried.erased.ids.begin(), retried.erased.ids.end());
  CHECK(retried.erased.ids == first.erased.ids);
  CHECK(retried.cut_off_event_id == first.cut_off_event_id);
  CHECK(retried.last_event_id == first.last_event_id);
  CHECK(retried.primary_seq == first.primary_seq);
  CHECK(registry.counter(cluster::kReplaysMetric, "").value() == 1);
  CHECK(registry.counter(cluster::kReplayFailuresMetric, "").value() == 1);
}

TEST_CASE("the snapshot carries the erasures of the last days only, and refuses bad ones") {
  Collector primary;
  primary.erase("jane");
  CHECK(primary.snapshot().erasures.size() == 1);
  CHECK(primary.snapshot(wall_clock_ms() + cluster::kErasureWindowDays * kDayMs - 60'000).erasures.size() == 1);
  CHECK(primary.snapshot(wall_clock_ms() + cluster::kErasureWindowDays * kDayMs + 60'000).erasures.empty());

  std::string error;
  CHECK_FALSE(cluster::parse_snapshot(
      R"({"format":1,"apps":[],"erasures":[{"seq":1,"app_id":"app_a","user_key":"jane","ids":["bob"],)"
      R"("erased_at_ms":1}]})",
      &error));
  CHECK(error.find("/erasures/0/ids") != std::string::npos);
  CHECK_FALSE(cluster::parse_snapshot(R"({"format":1,"apps":[],"erasures":[{"seq":0}]})", &error));
  CHECK(error.find("/erasures/0/seq") != std::string::npos);
  auto old_primary = cluster::parse_snapshot(R"({"format":1,"apps":[]})", &error);
  REQUIRE(old_primary);
  CHECK(old_primary->erasures.empty());
}
