#include "store/database_files.h"

#include "store/event_store.h"

#include <catch2/catch.hpp>
#include <unistd.h>

#include <filesystem>
#include <future>

namespace cs = cairn::store;
namespace fs = std::filesystem;

TEST_CASE("measure_database_files sizes the database and its -wal file, and the room left") {
  std::string pattern = (fs::temp_directory_path() / "cairn-files-XXXXXX").string();
  const std::string dir = mkdtemp(pattern.data());
  const std::string path = dir + "/cairn.db";

  const cs::DatabaseFiles missing = cs::measure_database_files(dir + "/none.db");
  CHECK(missing.database_bytes == 0);
  CHECK(missing.wal_bytes == 0);

  {
    cs::EventStore::Options options;
    options.path = path;
    std::string error;
    auto store = cs::EventStore::open(options, &error);
    REQUIRE(store);
    std::promise<bool> done;
    std::vector<cs::StoredEvent> events(1);
    events[0].user = "u1";
    events[0].name = "Clicked";
    events[0].message_id = "m1";
    REQUIRE(store->submit("app_a", events, [&](const cs::WriteOutcome& o) { done.set_value(o.ok); }) ==
            cs::Submit::queued);
    REQUIRE(done.get_future().get());
    // Open, with a commit in the log: both files exist.
    const cs::DatabaseFiles open = cs::measure_database_files(path);
    CHECK(open.database_bytes == static_cast<std::int64_t>(fs::file_size(path)));
    CHECK(open.wal_bytes == static_cast<std::int64_t>(fs::file_size(path + "-wal")));
    CHECK(open.wal_bytes > 0);
    CHECK(open.available_bytes > 0);
  }
  fs::remove_all(dir);
}
