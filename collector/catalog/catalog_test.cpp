#include "catalog/catalog.h"
#include "catalog/catalog_cache.h"
#include "catalog/catalog_follower.h"

#include "admin/database.h"
#include "store/schema.h"

#include <boost/json/parse.hpp>
#include <catch2/catch.hpp>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <future>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace bj = boost::json;
using namespace cairn::catalog;

namespace {

// Folds one event given as JSON texts ("" = none).
void fold(CatalogAccumulator& acc, StoredType type, std::string_view name, std::int64_t time_ms,
          const std::string& properties = "", const std::string& extra = "") {
  bj::value p = properties.empty() ? bj::value() : bj::parse(properties);
  bj::value x = extra.empty() ? bj::value() : bj::parse(extra);
  acc.fold({type, name, time_ms, p.if_object(), x.if_object()});
}

}  // namespace

TEST_CASE("catalog counts track events with last seen and property keys, Cairn's own apart") {
  CatalogAccumulator acc;
  fold(acc, StoredType::track, "Project Created", 100, R"({"plan":"pro","seats":3})");
  fold(acc, StoredType::track, "Project Created", 300, R"({"plan":"free"})");
  fold(acc, StoredType::track, "Invited", 200);
  fold(acc, StoredType::track, "cairn_guide_seen", 50, R"({"guide_id":"g1"})");
  Catalog c = acc.snapshot();
  CHECK(c.events == 4);
  REQUIRE(c.track_events.size() == 2);
  CHECK(c.track_events[0].name == "Project Created");
  CHECK(c.track_events[0].count == 2);
  CHECK(c.track_events[0].last_seen_ms == 300);
  REQUIRE(c.track_events[0].properties.size() == 2);
  CHECK(c.track_events[0].properties[0].key == "plan");
  CHECK(c.track_events[0].properties[0].count == 2);
  CHECK(c.track_events[0].properties[1].key == "seats");
  CHECK(c.track_events[1].name == "Invited");
  CHECK(c.track_events[1].properties.empty());
  REQUIRE(c.cairn_events.size() == 1);
  CHECK(c.cairn_events[0].name == "cairn_guide_seen");
  CHECK(c.cairn_events[0].properties[0].key == "guide_id");
}

TEST_CASE("catalog pages come from properties, context.page or the url, with the latest url") {
  CatalogAccumulator acc;
  fold(acc, StoredType::page, "$page", 10, R"({"path":"/projects","url":"https://a.example/projects?x=1"})");
  fold(acc, StoredType::page, "$page", 20, "", R"({"context":{"page":{"path":"/projects","url":"https://a.example/projects"}}})");
  fold(acc, StoredType::page, "$page", 15, R"({"url":"https://a.example/settings/team#t"})");
  fold(acc, StoredType::page, "$page", 5);
  Catalog c = acc.snapshot();
  REQUIRE(c.pages.size() == 3);
  CHECK(c.pages[0].path == "/projects");
  CHECK(c.pages[0].count == 2);
  CHECK(c.pages[0].last_seen_ms == 20);
  CHECK(c.pages[0].url == "https://a.example/projects");
  // Ties on count: most recent first.
  CHECK(c.pages[1].path == "/settings/team");
  CHECK(c.pages[2].path == "/");
  CHECK(c.pages[2].url.empty());
  CHECK(c.track_events.empty());
}

TEST_CASE("catalog traits keep distinct scalar examples, most recent first, bounded") {
  CatalogAccumulator acc;
  for (int i = 0; i < 8; ++i) {
    fold(acc, StoredType::identify, "$identify", i,
         "", R"({"traits":{"plan":"p)" + std::to_string(i % 7) + R"(","seats":3,"address":{"city":"X"}}})");
  }
  fold(acc, StoredType::identify, "$identify", 9, "", R"({"traits":{"name":")" + std::string(300, 'n') + R"("}})");
  Catalog c = acc.snapshot();
  REQUIRE(c.traits.size() == 4);
  const TraitEntry& plan = c.traits[1].key == "plan" ? c.traits[1] : c.traits[0];
  REQUIRE(plan.key == "plan");
  CHECK(plan.count == 8);
  REQUIRE(plan.examples.size() == CatalogLimits::kTraitExamples);
  CHECK(plan.examples[0] == bj::value("p0"));  // i = 7 -> "p0", the latest
  CHECK(plan.examples[1] == bj::value("p6"));
  for (const TraitEntry& t : c.traits) {
    if (t.key == "seats") CHECK(t.examples == std::vector<bj::value>{bj::value(3)});
    if (t.key == "address") CHECK(t.examples.empty());
    if (t.key == "name") CHECK(t.examples[0].as_string().size() == CatalogLimits::kMaxValueBytes);
  }
}

TEST_CASE("catalog clicks group by tag, text, role and test id") {
  CatalogAccumulator acc;
  const std::string save =
      R"({"tag":"button","text":"Save","role":"button","attributes":{"data-testid":"save"},"x":1,"y":2})";
  fold(acc, StoredType::track, "cairn_click", 1, save);
  fold(acc, StoredType::track, "cairn_click", 4, save);
  fold(acc, StoredType::track, "cairn_click", 3, R"({"tag":"a","name":"Docs","role":"link","attributes":{"data-cy":"docs"}})");
  Catalog c = acc.snapshot();
  REQUIRE(c.clicks.size() == 2);
  CHECK(c.clicks[0].tag == "button");
  CHECK(c.clicks[0].text == "Save");
  CHECK(c.clicks[0].role == "button");
  CHECK(c.clicks[0].test_id == "save");
  CHECK(c.clicks[0].count == 2);
  CHECK(c.clicks[0].last_seen_ms == 4);
  CHECK(c.clicks[1].text == "Docs");
  CHECK(c.clicks[1].test_id == "docs");
  CHECK(c.cairn_events[0].count == 3);
}

TEST_CASE("catalog tracks a bounded number of names and answers the top ones") {
  CatalogAccumulator acc;
  for (std::size_t i = 0; i < CatalogLimits::kMaxTrackedNames + 10; ++i) {
    fold(acc, StoredType::track, "event " + std::to_string(i), 1);
  }
  fold(acc, StoredType::track, "event 7", 2);
  Catalog c = acc.snapshot();
  CHECK(c.untracked.names == 10);
  CHECK(c.track_events.size() == CatalogLimits::kTopTrackEvents);
  CHECK(c.track_events[0].name == "event 7");
}

namespace {

// A database with the event tables in a temporary directory, removed at the end.
struct EventDatabase {
  std::filesystem::path dir;
  std::string path;
  cairn::admin::Database* db = nullptr;

  EventDatabase() {
    std::string pattern = (std::filesystem::temp_directory_path() / "cairn-catalog-XXXXXX").string();
    dir = mkdtemp(pattern.data());
    path = (dir / "cairn.db").string();
    db = new cairn::admin::Database(path);
    REQUIRE(cairn::store::migrate_event_schema(db->handle()).empty());
    REQUIRE(db->exec("INSERT INTO event_apps (id, app_id) VALUES (1, 'app_a'), (2, 'app_b');"
                     "INSERT INTO event_names (id, name) VALUES (1, 'Signed Up'), (2, '$page');"));
  }
  ~EventDatabase() {
    delete db;
    std::filesystem::remove_all(dir);
  }
  void add(int id, int app, int type, int name, const std::string& properties = "NULL") {
    REQUIRE(db->exec("INSERT INTO events (id, app, user, time_ms, received_ms, type, name, message_id, "
                     "properties) VALUES (" + std::to_string(id) + ", " + std::to_string(app) +
                     ", 1, " + std::to_string(id * 1000) + ", 0, " + std::to_string(type) + ", " +
                     std::to_string(name) + ", 'm" + std::to_string(id) + "', " + properties + ")"));
  }
};

}  // namespace

TEST_CASE("catalog cache folds only new events of the app and reuses its answer") {
  EventDatabase events;
  CatalogCache cache(events.path);
  std::string error;
  auto empty = cache.current("app_a", &error);
  REQUIRE(empty);
  CHECK(bj::parse(*empty).at("events") == 0);

  events.add(1, 1, 0, 1, R"('{"plan":"pro"}')");
  events.add(2, 2, 0, 1);
  events.add(3, 1, 1, 2, R"('{"path":"/home"}')");
  auto first = cache.current("app_a", &error);
  REQUIRE(first);
  bj::value v = bj::parse(*first);
  CHECK(v.at("events") == 2);
  CHECK(v.at("track_events").at(0).at("name") == "Signed Up");
  CHECK(v.at("track_events").at(0).at("count") == 1);
  CHECK(v.at("pages").at(0).at("path") == "/home");
  CHECK(cache.current("app_a", &error) == first);  // Nothing new: the same answer.

  events.add(4, 1, 0, 1);
  events.add(5, 2, 0, 1);
  auto second = cache.current("app_a", &error);
  REQUIRE(second);
  v = bj::parse(*second);
  CHECK(v.at("events") == 3);
  CHECK(v.at("track_events").at(0).at("count") == 2);
  CHECK(v.at("track_events").at(0).at("last_seen_ms") == 4000);
  CHECK(bj::parse(*cache.current("app_b", &error)).at("events") == 2);
  CHECK(bj::parse(*cache.current("app_unknown", &error)).at("events") == 0);
}

TEST_CASE("catalog cache: a call that folded before an erasure folds again from the erased store") {
  EventDatabase events;
  events.add(1, 1, 0, 1, R"('{"plan":"pro"}')");
  events.add(2, 1, 0, 1);
  // The call stops once it folded both events; the erasure deletes one and
  // forgets the app there; then the call goes on.
  std::promise<void> folded, resume;
  std::future<void> first_fold = folded.get_future();
  std::shared_future<void> resumed = resume.get_future().share();
  std::atomic<int> answers{0};
  CatalogCache cache(events.path, [&](const std::string&) {
    if (answers++ > 0) return;
    folded.set_value();
    resumed.wait_for(std::chrono::seconds(10));  // Bounded: a broken test fails, never hangs.
  });
  auto call = std::async(std::launch::async, [&cache] {
    std::string error;
    return cache.current("app_a", &error);
  });
  REQUIRE(first_fold.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  REQUIRE(events.db->exec("DELETE FROM events WHERE id = 1"));
  cache.forget("app_a");  // What the DELETE waits for before it answers.
  resume.set_value();
  REQUIRE(call.wait_for(std::chrono::seconds(10)) == std::future_status::ready);
  std::shared_ptr<const std::string> body = call.get();
  REQUIRE(body);
  CHECK(bj::parse(*body).at("events") == 1);
  CHECK(answers == 2);
  std::string error;
  CHECK(bj::parse(*cache.current("app_a", &error)).at("events") == 1);
}

TEST_CASE("catalog cache: a call whose every fold an erasure forgets gives up with a clear error") {
  EventDatabase events;
  events.add(1, 1, 0, 1);
  CatalogCache* forgetting = nullptr;
  int folds = 0;
  CatalogCache cache(events.path, [&](const std::string& app_id) {
    ++folds;
    forgetting->forget(app_id);
  });
  forgetting = &cache;
  std::string error;
  CHECK_FALSE(cache.current("app_a", &error));
  CHECK(folds == 3);
  CHECK(error.find("being erased") != std::string::npos);
}

TEST_CASE("catalog cache answers an empty catalog before any event table exists") {
  std::string pattern = (std::filesystem::temp_directory_path() / "cairn-catalog-XXXXXX").string();
  std::filesystem::path dir = mkdtemp(pattern.data());
  { cairn::admin::Database create((dir / "cairn.db").string()); }
  CatalogCache cache((dir / "cairn.db").string());
  std::string error;
  auto body = cache.current("app_a", &error);
  REQUIRE(body);
  CHECK(bj::parse(*body).at("events") == 0);
  CatalogCache missing((dir / "absent" / "cairn.db").string());
  CHECK_FALSE(missing.current("app_a", &error));
  CHECK_FALSE(error.empty());
  std::filesystem::remove_all(dir);
}

TEST_CASE("catalog follower folds new events of the apps asked for, without a request") {
  EventDatabase events;
  auto cache = std::make_shared<CatalogCache>(events.path);
  std::string error;
  REQUIRE(cache->current("app_a", &error));
  CatalogFollower follower(cache, std::chrono::milliseconds(10));
  events.add(1, 1, 0, 1);
  events.add(2, 1, 0, 1);
  events.add(3, 2, 0, 1);
  follower.committed(3);  // What the event store reports after its commit.
  bool folded = false;
  for (int i = 0; i < 1000 && !folded; ++i) {  // Bounded: 10 s.
    std::shared_ptr<const std::string> body = cache->cached("app_a");
    folded = body && bj::parse(*body).at("events") == 2;
    if (!folded) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(folded);
  // Only apps asked for are followed.
  CHECK(cache->app_ids() == std::vector<std::string>{"app_a"});
  CHECK_FALSE(cache->cached("app_b"));
}
