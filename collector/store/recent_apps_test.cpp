#include "store/recent_apps.h"

#include "store/event_store.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <future>

namespace cs = cairn::store;
namespace fs = std::filesystem;

namespace {

// Stores `count` events of `app` through the real writer and waits for them.
void store_events(cs::EventStore& store, const std::string& app, int count) {
  static int next_id = 0;
  std::vector<cs::StoredEvent> events(static_cast<std::size_t>(count));
  for (cs::StoredEvent& e : events) {
    e.user = "u";
    e.time_ms = 1000;
    e.received_ms = 1000;
    e.name = "Clicked";
    e.message_id = "m" + std::to_string(next_id++);
  }
  std::promise<bool> done;
  REQUIRE(store.submit(app, std::move(events), [&](const cs::WriteOutcome& o) { done.set_value(o.ok); }) ==
          cs::Submit::queued);
  REQUIRE(done.get_future().get());
}

}  // namespace

TEST_CASE("apps_by_recent_activity lists apps by their newest event, within the newest rows") {
  std::string pattern = (fs::temp_directory_path() / "cairn-recent-XXXXXX").string();
  const std::string dir = mkdtemp(pattern.data());
  const std::string path = dir + "/cairn.db";

  SECTION("a missing file or a store without events lists nothing") {
    CHECK(cs::apps_by_recent_activity(path).empty());
    cs::EventStore::Options options;
    options.path = path;
    std::string error;
    auto store = cs::EventStore::open(options, &error);
    REQUIRE(store);
    CHECK(cs::apps_by_recent_activity(path).empty());
  }
  SECTION("the app with the newest event first; apps older than the newest rows are left out") {
    cs::EventStore::Options options;
    options.path = path;
    std::string error;
    auto store = cs::EventStore::open(options, &error);
    REQUIRE(store);
    store_events(*store, "app_old", 5);
    store_events(*store, "app_busy", 50);
    store_events(*store, "app_quiet", 3);
    store_events(*store, "app_busy", 2);
    CHECK(cs::apps_by_recent_activity(path) == std::vector<std::string>{"app_busy", "app_quiet", "app_old"});
    // The newest 5 rows are app_busy's 2 and app_quiet's 3.
    CHECK(cs::apps_by_recent_activity(path, 5) == std::vector<std::string>{"app_busy", "app_quiet"});
    CHECK(cs::apps_by_recent_activity(path, 2) == std::vector<std::string>{"app_busy"});
  }
  fs::remove_all(dir);
}
